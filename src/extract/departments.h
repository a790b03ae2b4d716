// Department names: from the form written in a responsibility note to the
// canonical full name (gold/README.md §3). Internal to extract: the
// gazetteer is data in rules/departments/*.toml (tables listed below); this
// code only knows how to combine a level prefix, a jurisdiction and a body.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

namespace policydb::rules {
class RuleSet;
struct Entry;
}  // namespace policydb::rules

namespace policydb::extract::departments {

// A city's short form (辽源市 → 辽源): the city table's name without an
// ending of table city_short_strip, when two or more characters remain;
// empty if it has none. Shared by the gazetteer and the metadata reader.
std::string city_short_form(std::string_view city, const rules::RuleSet& rules);

// What a name inherits from the names before it in the same note:
// `市发展改革局、工业和信息化局` (level prefix), `各级经济和信息化部门、环保部门`
// (collective prefix). Reset per note.
struct NameContext {
  std::string prefix;      // last level prefix written (市, 省, 自治区 …), empty if none yet
  std::string collective;  // last collective prefix (各级, 各 …) a prefix-less name may inherit
  std::string qualifier;   // its qualified form before a role + generic ending (各场景牵头部门 → 各场景)
};

// Tables read (rules/departments/*.toml):
//   region        provincial-level names and their short forms (广西 → 广西壮族自治区)
//   city          prefecture-level cities by province (省X in a 广安市 notice → 四川省X)
//   level_prefix  prefixes that stand for the document's jurisdiction (市, 省, 自治区 …)
//   national      whole names of national bodies and other fixed names, with aliases;
//                 `until` marks a former name for notices dated before a renaming
//   department    standard bodies under a jurisdiction (body aliases → full body)
//   template      bodies whose full name wraps the jurisdiction (国家税务总局{region}税务局)
//   jurisdiction  official names that differ per jurisdiction (深圳: 住房建设局 → 住房和建设局)
//   affiliate     units named after the issuing department's field (省监测中心 in an
//                 生态环境厅 document → 生态环境监测中心)
//   collective    collective prefixes (各级, 各, 有关 …) and what a bare one gets appended
//   zone          name endings of zones and districts that keep their own names
//   expansion     abbreviation rewrites inside a name (发展改革 → 发展和改革)
//   org_suffix    endings by which a string is recognisably an organisation
//   internal      endings of a department's internal divisions (处, 室 …)
//   issuer_strip, field_strip  endings removed from the issuer to get its department / field
//   region_level  a region's level by its ending when `region` does not list it (区 → county)
//   region_short_strip  endings removed from the region for its short form (深圳市 → 深圳)
//   government, city_government  endings of a named government, and of a city's
//   place         endings of place names written before a government (武昌区、青山区人民政府)
//   national_prefix  beginnings of national bodies' names (国家, 中共 …)
//   generic       generic endings (部门) that read as part of a collective
//   functional    endings of bodies named by their function (X主管部门, X成员单位)
//   placed_brand  national bodies whose branches name their own place (国网, 人民银行 …)
class Gazetteer {
 public:
  // `meta` gives the jurisdiction (region) and the issuers, whose department
  // is the parent of internal divisions. The tables are built once per rule
  // set (keyed by its hash) and shared, read-only, by every document and
  // thread; only the jurisdiction and the issuer are per document.
  Gazetteer(const rules::RuleSet& rules, const Metadata& meta);

  // Canonical department for `written` (whitespace already removed, glosses
  // dropped; a trailing 〔…〕 second name is ignored). Updates `ctx`.
  Department resolve(std::string_view written, NameContext& ctx) const;

  // Updates `ctx.collective` exactly as resolve(written, ctx) would, without
  // resolving the name (ctx.prefix is left alone).
  void advance_collective(std::string_view written, NameContext& ctx) const;

  // True when `written` reads as an organisation: a known name, a name with
  // a level or collective prefix, or one ending in an organisation suffix.
  // Used to tell a bare parenthesised list of departments from other
  // parenthesised text.
  bool plausible(std::string_view written, const NameContext& ctx) const;

  // True when `written` ends in a department or zone ending (without
  // consulting context), e.g. 局, 委员会, 政府, 高新区.
  bool has_org_suffix(std::string_view written) const;

  // True when `written` is a collective body (各市, 有关部门; table `collective`).
  bool collective(std::string_view written) const;

  // The government ending (人民政府, 政府; table `government`) that `written`
  // ends in and is longer than, or empty. Views the shared tables.
  std::string_view government_ending(std::string_view written) const;

  // The committee ending (管委会; table `committee`) of a zone's committee
  // `written` is (川渝高竹新区管委会), or empty.
  std::string_view committee_ending(std::string_view written) const;

  // True when `written` is a zone named without its committee (广安经开区).
  bool bare_zone(std::string_view written) const;

  // True when `written` ends like a place name (区, 县 …; table `place`).
  bool place_ending(std::string_view written) const;

  const std::string& region() const { return region_; }

  struct Tables;  // the document-independent part, defined in departments.cc

 private:
  struct Alias;
  // A leading level prefix or region name split off a name. Views into the
  // tables or this gazetteer (never into the name).
  struct Split {
    std::string_view region, prefix, short_region;
    Level level = Level::kNone;
  };

  // The document's jurisdiction: its region, or its issuer's (see .cc).
  std::string jurisdiction_of(const Metadata& meta) const;
  // Splits a leading level prefix or region name; returns the body.
  std::string_view split_prefix(std::string_view name, Split& out) const;
  // Region for a written level prefix in this document (empty if unknown).
  std::string_view region_for(Level level) const;
  std::string expand(std::string_view body) const;
  const Alias* find_body(std::string_view body, Level level,
                         std::string_view region) const;
  bool is_collective(std::string_view s, std::string_view* prefix) const;
  // What a collective name passes on to the role + generic names after it
  // (table `role_generic`): 各场景牵头部门 → 各场景; empty if nothing.
  std::string carried_collective(std::string_view w, std::string_view cprefix) const;
  // Where a name that is not complete by itself sits (step 4 of resolve).
  // Views into the tables, this gazetteer or the name.
  struct Placed {
    std::string_view body, region, prefix, short_region;
    Level level = Level::kNone;
    bool written_prefix = false;
  };
  // The steps of resolve (see departments.cc): collective bodies (2), names
  // complete by their own grammar (3), the prefix a name sits under (4: a
  // department when that alone makes it, else `out` filled), the body
  // under it (5–7).
  std::optional<Department> resolve_collective(std::string_view w, NameContext& ctx) const;
  std::optional<Department> resolve_own_name(std::string_view w) const;
  std::optional<Department> place_name(std::string_view w, NameContext& ctx, Placed& out) const;
  Department resolve_placed(std::string_view w, const Placed& p) const;
  // Step 1 of resolve: a whole name needing no jurisdiction.
  const Alias* find_whole(std::string_view w, bool* national) const;
  // True when `w` starts with a region or city of the tables (full name or
  // short form) and goes on after it: 辽源高新区, 国网天津市电力公司's 天津市….
  bool starts_with_place(std::string_view w) const;
  // The placed brand (table `placed_brand`: 国网, 人民银行 …) `w` starts
  // with and goes on after, or empty.
  std::string_view placed_brand(std::string_view w) const;

  const Tables& t() const { return *tables_; }

  std::shared_ptr<const Tables> tables_;

  bool national_doc_ = false;  // region 全国: national aliases (能源局 → 国家能源局) apply
  std::string region_;        // document jurisdiction, e.g. 潮州市
  Level region_level_ = Level::kNone;  // province | city | county | kNone
  std::string region_short_;  // 潮州, 广西
  std::string province_;        // a city notice's province (table `city`), e.g. 四川省
  std::string date_;            // the notice's issue date (ISO), for former names; may be empty
  std::string province_short_;  // its short form (四川)
  std::vector<std::string> issuer_provinces_;  // province-level regions named in the issuers
  std::string parent_;        // issuing department (for internal divisions), may be empty
  std::string parent_field_;  // the issuer's field, for affiliates (生态环境)
};

// ------------------------------------------------------------------ notes
// A responsibility note read into names and roles (rule families note_label,
// note_role, note_link, note_gloss, note_list_end, note_atom, standing_rule;
// see rules/notes.toml).

// A document-wide role convention in force at a note (standing_rule modes).
enum class ListRule {
  kNone,        // a list without role words: every name is responsible
  kFirstLead,   // 排在第一位的为牵头单位: the first name leads, the rest support
  kCommaLead,   // 逗号前为牵头单位: names before the first comma lead, the rest support
};

struct NoteName {
  std::string as_written;   // whitespace removed, glosses dropped, 等 removed
  Department department;
  Role role = Role::kNone;  // kNone only while the note is read
  std::string rule;         // id of the rule that gave the role ("note-bare-list" if none)
  size_t begin = 0, end = 0;  // byte span of as_written in the string that was parsed
};

struct ParsedNote {
  std::vector<NoteName> names;
  bool has_role_words = false;  // a label, role word or 会同 took part
};

// Memo of what the note families find in a text (assignments.cc). A
// document repeats the same clauses and names many times; one cache serves
// one document. Not synchronised: use it from one thread.
class NoteCache;

// Reads one note (the text inside its brackets, a table cell or a label
// line). Offsets in the result are relative to `note`. Names repeated with
// the same role are kept once. Never fails: text that is not a list of
// departments gives names that `plausible` rejects; callers decide.
// `cache`, if given, must have been made for `rules`.
ParsedNote parse_note(std::string_view note, const rules::RuleSet& rules,
                      const Gazetteer& gazetteer, ListRule list_rule = ListRule::kNone,
                      NoteCache* cache = nullptr);

// Whether a parse reads as a responsibility note: a list of departments,
// closed by role words, or bare names the gazetteer knows.
bool reads_as_note(const ParsedNote& parsed, const Gazetteer& gazetteer);

// The role `word` names: a role's own name (lead, support, responsible,
// implement: parse_role) or a role word the notes grammar reads as closing a
// note on its own (family note_role: 牵头, 配合, 负责, 落实). nullopt for any
// other word, and for the empty one.
std::optional<Role> role_of_word(std::string_view word, const rules::RuleSet& rules);

// The names a standing instruction lists (以下各项均需各县区、凤泉湖高新区落实).
std::vector<NoteName> parse_names(std::string_view list, const rules::RuleSet& rules,
                                  const Gazetteer& gazetteer, Role role,
                                  NoteCache* cache = nullptr);

}  // namespace policydb::extract::departments
