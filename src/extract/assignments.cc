// Assignments: responsibility notes → (task, department, role).
//
// A note is found in a task's own text (a bracketed group or a label line) or
// in its responsibility cell; it is read clause by clause (，；), name by name
// (、). A clause's role comes from its label (牵头单位：), from the role word
// that closes it (牵头, 等配合, 按职责分工负责, 负责落实) or, for a clause
// without one, from the next clause that has one (`市发展改革局、公安局，市邮政
// 管理局等配合`). Standing statements (以下各项均需…落实, 排在第一位的为牵头单位)
// apply from where they stand to every later task.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include "common/text.h"
#include "extract/departments.h"
#include "extract/extract.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

// Maps keyed by text, looked up by string_view. The keys are short
// clauses and names hashed on every lookup: eight bytes per multiply is
// enough for a table (nothing iterates these maps, so order is moot).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    uint64_t h = s.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    uint64_t w = 0;
    if (i < s.size()) std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * kMul;
    return static_cast<size_t>(h ^ (h >> 32));
  }
};
template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

}  // namespace

namespace departments {

// The rule families a note is read with (rules/notes.toml), by index.
enum class NoteFamily : uint8_t {
  kStanding, kGloss, kLabel, kRole, kLink, kListEnd, kAtom, kNameLead, kAnd, kNotName, kCount
};

// What a family finds in a text depends on the text alone, and notes repeat
// the same clauses and names over and over: each (family, text) is matched
// once per document.
class NoteCache {
 public:
  explicit NoteCache(const rules::RuleSet& rules) : rules_(rules) {}

  const rules::RuleSet& rules() const { return rules_; }

  // rules.find_all(family, text), memoised. The reference stays valid while
  // the cache lives.
  const std::vector<rules::Match>& find_all(NoteFamily family, std::string_view text) {
    auto& memo = memo_[static_cast<size_t>(family)];
    auto it = memo.find(text);
    if (it != memo.end()) return it->second;
    return memo.emplace(std::string(text), find_once(family, text)).first->second;
  }

  // Whether any rule of the family matches somewhere in `text`, unmemoised.
  bool any(NoteFamily family, std::string_view text) const {
    return rules_.any(kNames[static_cast<size_t>(family)], text);
  }

  // rules.find_all(family, text) without the memo, for texts asked about
  // once (a whole note: parse_note is itself memoised by the caller).
  std::vector<rules::Match> find_once(NoteFamily family, std::string_view text) const {
    auto f = static_cast<size_t>(family);
    // Most texts hit none of these families' rules: a pass that stops at
    // the first match settles them more cheaply than find_all's full pass.
    if (kMostlyMiss[f] && !rules_.any(kNames[f], text)) return {};
    return rules_.find_all(kNames[f], text);
  }

  // gazetteer.resolve(written, ctx), memoised: the result and the context
  // after it depend on the name and the context before it alone. The
  // reference stays valid while the cache lives.
  const Department& resolve(const Gazetteer& gazetteer, std::string_view written, NameContext& ctx) {
    // Lengths first, so that no two (name, prefix, collective) share a key.
    key_.clear();
    for (size_t n : {written.size(), ctx.prefix.size(), ctx.collective.size()})
      key_.append(reinterpret_cast<const char*>(&n), sizeof n);
    key_.append(written);
    key_.append(ctx.prefix);
    key_.append(ctx.collective);
    key_.append(ctx.qualifier);
    auto it = resolved_.find(key_);
    if (it == resolved_.end()) {
      Department d = gazetteer.resolve(written, ctx);
      it = resolved_.emplace(key_, std::make_pair(std::move(d), ctx)).first;
    } else {
      ctx = it->second.second;
    }
    return it->second.first;
  }

 private:
  static constexpr size_t kFamilies = static_cast<size_t>(NoteFamily::kCount);
  static constexpr std::array<std::string_view, kFamilies> kNames = {
      "standing_rule", "note_gloss", "note_label", "note_role",     "note_link",
      "note_list_end", "note_atom",  "note_name_lead", "note_and", "note_not_name"};
  // Families whose rules hit few of the texts they are asked about (about
  // one in ten or fewer in the seeds; labels, role words and atoms hit about
  // half, and for them the extra pass costs more than it saves).
  static constexpr std::array<bool, kFamilies> kMostlyMiss = {true,  true, false, false, true,
                                                              true,  false, true, true, true};

  const rules::RuleSet& rules_;
  TextMap<std::pair<Department, NameContext>> resolved_;  // by key_: department, context after
  std::string key_;
  std::array<TextMap<std::vector<rules::Match>>, kFamilies> memo_;
};

namespace {

// text::decode with the cases notes are made of (ASCII, valid three-byte
// sequences) decoded inline; anything else is left to text::decode.
inline char32_t decode(std::string_view s, size_t& pos) {
  auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  if ((c & 0xF0) == 0xE0 && pos + 3 <= s.size()) {
    auto c1 = static_cast<unsigned char>(s[pos + 1]), c2 = static_cast<unsigned char>(s[pos + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      char32_t cp = (char32_t(c & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        pos += 3;
        return cp;
      }
    }
  }
  return text::decode(s, pos);
}

// Text with white space removed and a map back to the original offsets:
// notes wrap across lines and PDFs space out CJK (`青山 区 人 民 政 府`).
struct Cleaned {
  std::string s;
  std::vector<size_t> src;  // src[i]: offset in the original of s[i]; src[size] = end

  size_t map(size_t i) const { return i < src.size() ? src[i] : (src.empty() ? 0 : src.back()); }
};

Cleaned clean(std::string_view in) {
  // Written through raw pointers into buffers sized for the worst case (no
  // white space), then cut to size: no capacity check per byte.
  Cleaned c;
  c.s.resize(in.size());
  c.src.resize(in.size() + 1);
  char* out = c.s.data();
  size_t* from = c.src.data();
  size_t n = 0, pos = 0;
  while (pos < in.size()) {
    size_t start = pos;
    char32_t cp = decode(in, pos);
    if (text::is_space(cp)) continue;
    for (size_t k = start; k < pos; ++k, ++n) out[n] = in[k], from[n] = k;
  }
  from[n] = in.size();
  c.s.resize(n);
  c.src.resize(n + 1);
  return c;
}

// Removes [begin, end) ranges (sorted, non-overlapping) from a Cleaned text.
Cleaned erase(Cleaned c, const std::vector<std::pair<size_t, size_t>>& ranges) {
  if (ranges.empty()) return c;
  Cleaned out;
  size_t r = 0;
  for (size_t i = 0; i < c.s.size(); ++i) {
    while (r < ranges.size() && ranges[r].second <= i) ++r;
    if (r < ranges.size() && ranges[r].first <= i && i < ranges[r].second) continue;
    out.s.push_back(c.s[i]);
    out.src.push_back(c.src[i]);
  }
  out.src.push_back(c.src.back());
  return out;
}

Cleaned erase_family(Cleaned c, NoteCache& rules, NoteFamily family) {
  const auto found = rules.find_once(family, c.s);
  if (found.empty()) return c;
  std::vector<std::pair<size_t, size_t>> ranges;
  for (const auto& m : found) ranges.emplace_back(m.begin, m.end);
  return erase(std::move(c), ranges);
}

// Any bracket pair a note or an aside in it may use.
bool is_open(char32_t cp) {
  return cp == U'（' || cp == U'(' || cp == U'〔' || cp == U'〈' || cp == U'<' || cp == U'【' || cp == U'［' ||
         cp == U'[';
}
bool is_close(char32_t cp) {
  return cp == U'）' || cp == U')' || cp == U'〕' || cp == U'〉' || cp == U'>' || cp == U'】' || cp == U'］' ||
         cp == U']';
}
bool is_clause_sep(char32_t cp) { return cp == U'，' || cp == U',' || cp == U'；' || cp == U';' || cp == U'。'; }
bool is_trim_punct(char32_t cp) { return is_clause_sep(cp) || cp == U'、' || cp == U'：' || cp == U':' || cp == U'.'; }

// [b, e) of s with leading/trailing list punctuation removed.
std::pair<size_t, size_t> trim_punct(std::string_view s, size_t b, size_t e) {
  while (b < e) {
    size_t p = b;
    char32_t cp = decode(s, p);
    if (!is_trim_punct(cp)) break;
    b = p;
  }
  while (e > b) {
    size_t p = e - 1;
    while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    size_t q = p;
    char32_t cp = decode(s, q);
    if (!is_trim_punct(cp)) break;
    e = p;
  }
  return {b, e};
}

using Spans = std::vector<std::pair<size_t, size_t>>;

// Splits [b, e) of s at top-level separators chosen by `sep` (outside brackets
// and outside the `protect` ranges) into `out` (cleared first).
template <typename Sep>
void split(std::string_view s, size_t b, size_t e, Sep sep, Spans& out, const Spans& protect = {}) {
  out.clear();
  int depth = 0;
  size_t start = b, pos = b;
  while (pos < e) {
    size_t at = pos;
    char32_t cp = decode(s, pos);
    if (is_open(cp)) ++depth;
    else if (is_close(cp) && depth > 0) --depth;
    else if (depth == 0 && sep(cp)) {
      bool inside = false;
      for (const auto& [pb, pe] : protect) inside |= (pb <= at && at < pe);
      if (!inside) {
        out.emplace_back(start, at);
        start = pos;
      }
    }
  }
  out.emplace_back(start, e);
}

bool is_dunhao(char32_t cp) { return cp == U'、'; }

// A name as split from a list. Views point into the cleaned note (written)
// the rule set (role, rule) or the gazetteer's tables (ending), all of which
// outlive it.
struct Pending {
  std::string_view written;
  std::string_view ending;  // an inherited ending it resolves with (武昌区 → 武昌区人民政府)
  size_t begin = 0, end = 0;
  int clause = 0;
  std::string_view role;  // from a bracketed role word after the name (市发展改革委（牵头）)
  std::string_view rule;
};

// Resolves a pending name as written plus its inherited ending; `scratch`
// holds the joined text when there is one.
const Department& resolve(NoteCache& cache, const Gazetteer& gz, const Pending& p,
                          NameContext& ctx, std::string& scratch) {
  if (p.ending.empty()) return cache.resolve(gz, p.written, ctx);
  scratch.assign(p.written);
  scratch.append(p.ending);
  return cache.resolve(gz, scratch, ctx);
}

// A bracketed role word closing a name: `市发展改革委（牵头）`. Returns the
// offset where the bracket opens (or `e` if none) and sets role/rule.
size_t bracket_role(std::string_view s, size_t b, size_t e, NoteCache& rules,
                    std::string_view& role, std::string_view& rule) {
  if (e <= b) return e;
  size_t last = e - 1;
  while (last > b && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80) --last;
  size_t q = last;
  if (!is_close(decode(s, q))) return e;
  // find the matching opener
  int depth = 0;
  size_t open = std::string_view::npos;
  for (size_t pos = b; pos < e;) {
    size_t at = pos;
    char32_t cp = decode(s, pos);
    if (is_open(cp) && depth++ == 0) open = at;
    if (is_close(cp) && depth > 0) --depth;
  }
  if (open == std::string_view::npos || open <= b) return e;
  size_t inner_b = open;
  decode(s, inner_b);
  std::string_view inner = s.substr(inner_b, last - inner_b);
  for (const auto& m : rules.find_all(NoteFamily::kRole, inner)) {
    if (m.begin == 0 && m.end == inner.size()) {
      role = m.attr("role");
      rule = m.rule->id;
      return open;
    }
  }
  return e;
}

// Splits a name list ([b, e) of c.s) into names, appended to `out`.
void split_names(const Cleaned& c, size_t b, size_t e, NoteCache& rules, const Gazetteer& gz,
                 int clause, std::vector<Pending>& out) {
  const size_t first = out.size();
  std::string_view s = c.s;
  std::tie(b, e) = trim_punct(s, b, e);
  if (b >= e) return;
  // 等 / 等部门 closing the list.
  for (const auto& m : rules.find_all(NoteFamily::kListEnd, s.substr(b, e - b)))
    if (b + m.end == e && m.begin > 0) e = b + m.begin;
  // Atoms only protect a 、 from splitting: without one there is nothing to ask.
  Spans atoms;
  if (s.substr(b, e - b).find("、") != std::string_view::npos)
    for (const auto& m : rules.find_all(NoteFamily::kAtom, s.substr(b, e - b)))
      atoms.emplace_back(b + m.begin, b + m.end);
  Spans pieces;
  split(s, b, e, [](char32_t cp) { return is_dunhao(cp); }, pieces, atoms);
  for (auto [nb, ne] : pieces) {
    std::tie(nb, ne) = trim_punct(s, nb, ne);
    for (const auto& m : rules.find_all(NoteFamily::kNameLead, s.substr(nb, ne - nb)))
      if (m.begin == 0 && nb + m.end < ne) nb += m.end;
    std::string_view role, rule;
    ne = bracket_role(s, nb, ne, rules, role, rule);
    std::tie(nb, ne) = trim_punct(s, nb, ne);
    if (nb >= ne) continue;
    // A time limit, a bare prefix or a stray bracket is no name.
    if (!rules.find_all(NoteFamily::kNotName, s.substr(nb, ne - nb)).empty()) continue;
    // `市财政局和市生态环境局`: a conjunction between two whole department
    // names separates them; inside a name (工业和信息化局) it does not.
    size_t from = nb;
    std::string_view piece = s.substr(nb, ne - nb);
    for (const auto& m : rules.find_all(NoteFamily::kAnd, piece)) {
      size_t at = nb + m.begin, after = nb + m.end;
      std::string_view left = s.substr(from, at - from), right = s.substr(after, ne - after);
      // Each side a whole name: an organisation's ending, or a collective
      // of places (省直各有关部门和各市); 各级经济和信息化部门 stays one.
      auto whole = [&](std::string_view side) {
        return (text::length(side) >= 3 && gz.has_org_suffix(side)) ||
               (text::length(side) >= 2 && gz.collective(side) && gz.place_ending(side));
      };
      if (whole(left) && whole(right)) {
        // 市财政局等相关部门以及各县区: 等… closes the left list too.
        for (const auto& le : rules.find_all(NoteFamily::kListEnd, left))
          if (le.end == left.size() && le.begin > 0) left = left.substr(0, le.begin);
        out.push_back({left, {}, from, from + left.size(), clause, {}, {}});
        from = after;
      }
    }
    out.push_back({s.substr(from, ne - from), {}, from, ne, clause, role, rule});
  }
  // `武昌区、青山区人民政府`: place names before a government inherit its ending.
  if (out.size() - first > 1) {
    std::string_view ending = gz.government_ending(out.back().written);
    if (!ending.empty()) {
      NameContext probe;
      for (size_t i = first; i + 1 < out.size(); ++i) {
        std::string_view w = out[i].written;
        bool place = gz.place_ending(w) && !gz.has_org_suffix(w) && !gz.plausible(w, probe) &&
                     text::length(w) <= 6;
        if (place) out[i].ending = ending;
      }
    }
  }
}

}  // namespace

std::vector<NoteName> parse_names(std::string_view list, const rules::RuleSet& rules,
                                  const Gazetteer& gazetteer, const std::string& role,
                                  NoteCache* cache) {
  std::optional<NoteCache> local;
  if (!cache) local.emplace(rules);
  NoteCache& found = cache ? *cache : *local;
  Cleaned c = clean(list);
  std::vector<NoteName> out;
  NameContext ctx;
  std::vector<Pending> pending;
  std::string scratch;
  split_names(c, 0, c.s.size(), found, gazetteer, 0, pending);
  for (const auto& p : pending) {
    NoteName n;
    n.as_written = p.written;
    n.department = resolve(found, gazetteer, p, ctx, scratch);
    n.role = role;
    n.begin = c.map(p.begin);
    n.end = c.map(p.end - 1) + 1;
    out.push_back(std::move(n));
  }
  return out;
}

ParsedNote parse_note(std::string_view note, const rules::RuleSet& all_rules,
                      const Gazetteer& gazetteer, ListRule list_rule, NoteCache* cache) {
  std::optional<NoteCache> local;  // only without the caller's cache
  if (!cache) local.emplace(all_rules);
  NoteCache& rules = cache ? *cache : *local;
  ParsedNote result;
  Cleaned c = clean(note);
  // A standing statement inside a note is not part of its list; glosses go too.
  c = erase_family(std::move(c), rules, NoteFamily::kStanding);
  c = erase_family(std::move(c), rules, NoteFamily::kGloss);
  const std::string& s = c.s;

  // Names in written order with the role they were given ("" while
  // pending). Roles and rule ids view the rule set or literals.
  std::vector<Pending> names;
  std::vector<std::string_view> roles, rule_ids;
  auto give = [&](size_t from, std::string_view role, std::string_view rule) {
    roles.resize(names.size());
    rule_ids.resize(names.size());
    for (size_t i = from; i < names.size(); ++i) roles[i] = role, rule_ids[i] = rule;
  };

  // Segments opened by labels.
  const auto labels = rules.find_once(NoteFamily::kLabel, s);
  struct Segment {
    size_t b, e;
    std::string_view role;  // label role, "" before the first label
    std::string_view rule;
  };
  std::vector<Segment> segments;
  size_t cursor = 0;
  std::string_view role, rule;
  for (const auto& m : labels) {
    segments.push_back({cursor, m.begin, role, rule});
    role = m.attr("role");
    rule = m.rule->id;
    cursor = m.end;
    result.has_role_words = true;
  }
  segments.push_back({cursor, s.size(), role, rule});

  // 会同 links are rare and their rules read no context: a clause can only
  // hold one where the whole note does, so one question about the note
  // spares one per clause.
  const bool any_link = rules.any(NoteFamily::kLink, s);
  int clause_no = 0;
  Spans clauses;
  for (const auto& seg : segments) {
    if (seg.role == "stop" || seg.b >= seg.e) continue;
    size_t pending_from = names.size();
    split(s, seg.b, seg.e, [](char32_t cp) { return is_clause_sep(cp); }, clauses);
    for (auto [cb, ce] : clauses) {
      std::tie(cb, ce) = trim_punct(s, cb, ce);
      if (cb >= ce) continue;
      std::string_view clause = std::string_view(s).substr(cb, ce - cb);
      const rules::Match* marker = nullptr;
      for (const auto& m : rules.find_all(NoteFamily::kRole, clause))
        if (m.end == clause.size() && m.begin > 0) marker = &m;
      size_t names_end = marker ? cb + marker->begin : ce;

      // X会同Y: X leads, Y supports, whatever word closes the clause.
      static const std::vector<rules::Match> kNone;
      const auto& links =
          any_link ? rules.find_all(NoteFamily::kLink, std::string_view(s).substr(cb, names_end - cb))
                   : kNone;
      if (!links.empty()) {
        const auto& l = links.front();
        size_t left_from = names.size();
        split_names(c, cb, cb + l.begin, rules, gazetteer, clause_no, names);
        give(left_from, l.attr("left"), l.rule->id);
        size_t right_from = names.size();
        split_names(c, cb + l.end, names_end, rules, gazetteer, clause_no, names);
        give(right_from, l.attr("right"), l.rule->id);
        result.has_role_words = true;
        pending_from = names.size();
        ++clause_no;
        continue;
      }
      size_t from = names.size();
      split_names(c, cb, names_end, rules, gazetteer, clause_no, names);
      roles.resize(names.size());
      rule_ids.resize(names.size());
      for (size_t i = from; i < names.size(); ++i) {
        roles[i] = names[i].role, rule_ids[i] = names[i].rule;
        if (!names[i].role.empty()) result.has_role_words = true;
      }
      if (marker) {
        result.has_role_words = true;
        for (size_t i = pending_from; i < names.size(); ++i) {
          if (!names[i].role.empty()) continue;
          roles[i] = marker->attr("role");
          rule_ids[i] = marker->rule->id;
        }
        pending_from = names.size();
      }
      ++clause_no;
    }
    // Names no role word claimed take the segment's label role.
    if (!seg.role.empty()) {
      for (size_t i = pending_from; i < names.size(); ++i) {
        if (!names[i].role.empty()) continue;
        roles[i] = seg.role;
        rule_ids[i] = seg.rule;
      }
    }
  }

  bool has_lead = false, has_support = false;
  for (std::string_view r : roles) {
    has_lead |= r == "lead";
    has_support |= r == "support";
  }
  if (has_lead) {
    // X牵头，Y、Z等按职责分工负责: the others support the lead.
    for (auto& r : roles)
      if (r == "responsible" || r.empty()) r = "support";
  } else if (list_rule != ListRule::kNone && !has_support) {
    bool first = true;
    for (size_t i = 0; i < names.size(); ++i) {
      if (roles[i] == "implement") continue;
      bool lead = list_rule == ListRule::kFirstLead ? first : names[i].clause == 0;
      roles[i] = lead ? "lead" : "support";
      if (rule_ids[i].empty()) rule_ids[i] = "note-list-rule";
      first = false;
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (roles[i].empty()) {
      roles[i] = "responsible";
      rule_ids[i] = "note-bare-list";
    }
  }

  // Resolve in written order (prefixes and collectives carry forward), then
  // keep each (department, role) once.
  NameContext ctx;
  std::string scratch;
  for (size_t i = 0; i < names.size(); ++i) {
    const Pending& p = names[i];
    const Department& d = resolve(rules, gazetteer, p, ctx, scratch);
    bool seen = false;
    for (const auto& kept : result.names)
      seen |= kept.department.canonical == d.canonical && kept.role == roles[i];
    if (seen) continue;
    NoteName out;
    out.as_written = p.written;
    out.department = d;
    out.role = roles[i];
    out.rule = rule_ids[i];
    out.begin = c.map(p.begin);
    out.end = c.map(p.end - 1) + 1;
    result.names.push_back(std::move(out));
  }
  return result;
}

// A name longer than this is prose, not a department.
constexpr size_t kMaxNoteNameChars = 28;

// Whether a parse reads as a responsibility note: a list of departments,
// closed by role words or bare.
bool reads_as_note(const ParsedNote& p, const Gazetteer& gz) {
  if (p.names.empty()) return false;
  size_t plausible = 0;
  departments::NameContext ctx;
  for (const auto& n : p.names) {
    if (text::length(n.as_written) > kMaxNoteNameChars) return false;
    // 武昌区、青山区人民政府: a place plausible with the ending it inherits.
    if (n.department.known || gz.plausible(n.as_written, ctx) || gz.plausible(n.department.canonical, ctx))
      ++plausible;
    // the collective a name sets, so 各级农业、商务 reads as one list
    gz.advance_collective(n.as_written, ctx);
  }
  if (p.has_role_words) return plausible * 2 >= p.names.size() && plausible > 0;
  // A bare list must read as departments throughout, and at least one name
  // must be one the gazetteer knows: `（机组）`, `（试行）` or a zone named in
  // passing (`国家级开发区（高新区）`, `货运枢纽（物流园区）`) are not notes.
  size_t known = 0;
  for (const auto& n : p.names)
    known += n.department.known || n.department.level == "collective";
  return plausible == p.names.size() && known > 0 && (known == p.names.size() || p.names.size() > 1);
}

}  // namespace departments

namespace {

using departments::Gazetteer;
using departments::ListRule;
using departments::NoteName;
using departments::ParsedNote;

// A note found in the normalised text: [begin, end) is what was parsed (the
// inside of the brackets), [whole_begin, whole_end) the note as written.
struct FoundNote {
  size_t begin = 0, end = 0;
  size_t whole_begin = 0, whole_end = 0;
  std::string copy;  // set when the note is not a span of the text (a table cell)
};

// Longest note read as one: a bracket left open longer than this is cut at
// its line's end.
constexpr size_t kMaxNoteBytes = 1200;
bool is_open_note(char32_t cp) { return cp == U'（' || cp == U'(' || cp == U'〔' || cp == U'【' || cp == U'［'; }
bool is_close_note(char32_t cp) { return cp == U'）' || cp == U')' || cp == U'〕' || cp == U'】' || cp == U'］'; }

// The first offset in [pos, e) whose byte may start a note bracket: `(`, `)`
// or the lead byte of （）［］(U+FF08/9, FF3B/D) and 〔〕【】(U+3014/5, 3010/1); e if none. Bytes
// skipped are never where text::decode starts a character that is a
// bracket (a lead byte is never consumed as another character's
// continuation), so scanning from the result visits the same brackets as
// decoding every character.
size_t next_bracket_byte(std::string_view t, size_t pos, size_t e) {
  // Eight bytes at a time while none of them is one of the four (most of a
  // CJK text): a byte equal to b leaves a zero byte in word ^ (b * ones).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  for (; pos + 8 <= e; pos += 8) {
    uint64_t w;
    std::memcpy(&w, t.data() + pos, 8);
    if (has_zero(w ^ (kOnes * '(')) || has_zero(w ^ (kOnes * ')')) || has_zero(w ^ (kOnes * 0xEF)) ||
        has_zero(w ^ (kOnes * 0xE3)))
      break;
  }
  for (; pos < e; ++pos) {
    unsigned char c = static_cast<unsigned char>(t[pos]);
    if (c == '(' || c == ')' || c == 0xEF || c == 0xE3) return pos;
  }
  return e;
}

// Bracketed groups and label lines in [b, e) of the text, skipping `holes`
// (nested tasks' spans).
std::vector<FoundNote> find_notes(const std::string& t, size_t b, size_t e,
                                  const std::vector<std::pair<size_t, size_t>>& holes,
                                  const rules::RuleSet& rules) {
  std::vector<FoundNote> out;
  auto in_hole = [&](size_t at) {
    for (const auto& [hb, he] : holes)
      if (hb <= at && at < he) return true;
    return false;
  };
  std::vector<std::pair<size_t, size_t>> groups;
  size_t pos = b;
  while ((pos = next_bracket_byte(t, pos, e)) < e) {
    size_t at = pos;
    char32_t cp = text::decode(t, pos);
    if (!is_open_note(cp) || in_hole(at)) continue;
    size_t inner = pos, q = pos, close = std::string::npos, close_end = 0;
    int depth = 1;
    while ((q = next_bracket_byte(t, q, e)) < e && q - inner <= kMaxNoteBytes) {
      size_t cq = q;
      char32_t c2 = text::decode(t, q);
      if (is_open_note(c2)) ++depth;
      if (is_close_note(c2) && --depth == 0) {
        close = cq;
        close_end = q;
        break;
      }
    }
    FoundNote n;
    n.begin = inner;
    n.whole_begin = at;
    if (close != std::string::npos) {
      n.end = close;
      n.whole_end = close_end;
    } else {
      // A note left open (its closing bracket lost): up to the line's end.
      size_t nl = t.find('\n', inner);
      n.end = std::min(nl == std::string::npos ? e : nl, e);
      n.whole_end = n.end;
    }
    groups.emplace_back(n.whole_begin, n.whole_end);
    out.push_back(std::move(n));
    pos = std::max(pos, out.back().whole_end);
  }
  // Label lines outside brackets: 责任单位：… to the end of the line or sentence.
  std::string_view span(t.data() + b, e - b);
  for (const auto& m : rules.find_all("note_label", span)) {
    size_t at = b + m.begin;
    if (m.attr("role") == "stop" || in_hole(at)) continue;
    bool inside = false;
    for (const auto& [gb, ge] : groups) inside |= (gb <= at && at < ge);
    if (inside) continue;
    // Both searches stay near [at, e): from every label to the end of the
    // whole text they made long documents quadratic. A 。 counts when it
    // starts before `end` (the window reaches two bytes past it for that).
    size_t end = std::string_view(t.data() + at, e - at).find('\n');
    end = end == std::string_view::npos ? e : at + end;
    const size_t window = std::min(end + 2, t.size()) - at;
    size_t stop = std::string_view(t.data() + at, window).find("。");
    if (stop != std::string_view::npos && at + stop < end) end = at + stop;
    // Later labels on the same line belong to this note; skip them.
    bool covered = false;
    for (const auto& n : out) covered |= (n.copy.empty() && n.begin <= at && at < n.end && n.whole_begin == n.begin);
    if (covered) continue;
    FoundNote n;
    n.begin = n.whole_begin = at;
    n.end = n.whole_end = end;
    out.push_back(std::move(n));
  }
  std::sort(out.begin(), out.end(),
            [](const FoundNote& x, const FoundNote& y) { return x.begin < y.begin; });
  return out;
}

struct Standing {
  size_t pos = 0;
  std::string mode;
  std::string rule;
  std::vector<NoteName> bodies;
};

}  // namespace

std::vector<Assignment> extract_assignments(const normalize::NormalizedText& text,
                                            const outline::Outline& outline, const Metadata& meta,
                                            const rules::RuleSet& rules) {
  std::vector<Assignment> out;
  // Assignments belong to tasks: without any, nothing below adds one, and
  // the standing-rule pass over the whole text is spared.
  if (outline.tasks.empty()) return out;
  const std::string& t = text.text;
  Gazetteer gz(rules, meta);
  departments::NoteCache cache(rules);
  // Parsed notes and whether they read as notes, by list rule and text.
  std::array<TextMap<std::pair<ParsedNote, bool>>, 3> parsed_notes;

  std::vector<Standing> standing;
  for (const auto& m : rules.find_all("standing_rule", t)) {
    if (outline.excluded_at(m.begin)) continue;
    Standing st;
    st.pos = m.begin;
    st.mode = std::string(m.attr("mode"));
    st.rule = m.rule->id;
    if (m.has("bodies")) {
      std::string_view list = m.group("bodies", t);
      size_t base = static_cast<size_t>(list.data() - t.data());
      st.bodies = departments::parse_names(list, rules, gz, "implement", &cache);
      for (auto& n : st.bodies) n.begin += base, n.end += base;
    }
    standing.push_back(std::move(st));
  }
  auto list_rule_at = [&](size_t pos) {
    ListRule r = ListRule::kNone;
    for (const auto& st : standing) {
      if (st.pos > pos) break;
      if (st.mode == "first_lead") r = ListRule::kFirstLead;
      if (st.mode == "comma_lead") r = ListRule::kCommaLead;
    }
    return r;
  };

  // Tasks come in document order (by begin): the tasks nested in one start
  // inside it, found by binary search instead of a pass over all of them.
  const auto& tasks = outline.tasks;
  const bool by_begin = std::is_sorted(tasks.begin(), tasks.end(), [](const auto& x, const auto& y) {
    return x.begin < y.begin;
  });
  for (size_t ti = 0; ti < outline.tasks.size(); ++ti) {
    const outline::Task& task = outline.tasks[ti];
    std::vector<std::pair<size_t, size_t>> holes;
    size_t lo = 0, hi = tasks.size();
    if (by_begin) {
      lo = static_cast<size_t>(
          std::partition_point(tasks.begin(), tasks.end(), [&](const auto& o) { return o.begin < task.begin; }) -
          tasks.begin());
      hi = static_cast<size_t>(
          std::partition_point(tasks.begin(), tasks.end(), [&](const auto& o) { return o.begin <= task.end; }) -
          tasks.begin());
    }
    for (size_t k = lo; k < hi; ++k) {
      const auto& o = outline.tasks[k];
      if (k != ti && task.begin <= o.begin && o.end <= task.end &&
          (o.end - o.begin) < (task.end - task.begin))
        holes.emplace_back(o.begin, o.end);
    }

    std::vector<FoundNote> notes;
    if (task.table >= 0) {
      // A 分工表 row: its responsibility cell is the note.
      if (!task.note.empty()) {
        FoundNote n;
        // The first occurrence from the task's start, if it lies inside the task.
        size_t at = task.begin < task.end && task.end <= t.size()
                        ? std::string_view(t).substr(task.begin, task.end - task.begin).find(task.note)
                        : std::string_view::npos;
        if (at != std::string_view::npos) at += task.begin;
        else if (task.end > t.size()) at = t.find(task.note, task.begin);
        if (at != std::string::npos && at + task.note.size() <= task.end) {
          n.begin = n.whole_begin = at;
          n.end = n.whole_end = at + task.note.size();
        } else {
          n.copy = task.note;
        }
        notes.push_back(std::move(n));
      }
    } else {
      notes = find_notes(t, task.begin, std::min(task.end, t.size()), holes, rules);
      if (notes.empty() && !task.note.empty()) {
        FoundNote n;
        n.copy = task.note;
        notes.push_back(std::move(n));
      }
    }

    // This task's assignments, each (department, role) once, first kept.
    const size_t task_from = out.size();
    auto fresh = [&](const Department& d, std::string_view role) {
      for (size_t i = task_from; i < out.size(); ++i)
        if (out[i].department.canonical == d.canonical && out[i].role == role) return false;
      return true;
    };
    auto add = [&](const NoteName& n, size_t base, bool mapped, std::string_view note_text) {
      if (!fresh(n.department, n.role)) return;
      Assignment& a = out.emplace_back();
      a.task = task.id;
      a.department = n.department;
      a.as_written = n.as_written;
      a.role = n.role;
      a.note = note_text;
      if (mapped) {
        a.begin = base + n.begin;
        a.end = base + n.end;
        a.page = text.page_of(a.begin);
      } else {
        a.page = task.page_first;
      }
      a.rule = n.rule;
    };

    bool any_note = false;
    for (const auto& fn : notes) {
      std::string_view body = fn.copy.empty() ? std::string_view(t).substr(fn.begin, fn.end - fn.begin)
                                              : std::string_view(fn.copy);
      // A convention stated inside this very note (…，排在第一位的为牵头单位，下同）
      // already governs it.
      size_t at = fn.copy.empty() ? fn.whole_end : task.end;
      // The same note text under the same convention reads the same way.
      ListRule list_rule = list_rule_at(at);
      auto& memo = parsed_notes[static_cast<size_t>(list_rule)];
      auto it = memo.find(body);
      if (it == memo.end()) {
        ParsedNote p = departments::parse_note(body, rules, gz, list_rule, &cache);
        bool note = departments::reads_as_note(p, gz);
        it = memo.emplace(std::string(body), std::make_pair(std::move(p), note)).first;
      }
      if (!it->second.second) continue;
      const ParsedNote& parsed = it->second.first;
      any_note = true;
      std::string_view whole =
          fn.copy.empty() ? std::string_view(t).substr(fn.whole_begin, fn.whole_end - fn.whole_begin)
                          : std::string_view(fn.copy);
      for (const auto& n : parsed.names) add(n, fn.begin, fn.copy.empty(), whole);
    }

    // Standing instructions: every later task with a note is carried out by
    // the bodies they name.
    if (any_note) {
      for (const auto& st : standing) {
        if (st.mode != "implement" || st.pos >= task.begin) continue;
        for (const auto& b : st.bodies) {
          if (!fresh(b.department, "implement")) continue;
          Assignment& a = out.emplace_back();
          a.task = task.id;
          a.department = b.department;
          a.as_written = b.as_written;
          a.role = "implement";
          a.begin = a.end = 0;  // inherited
          a.page = task.page_first;
          a.rule = st.rule;
        }
      }
    }
  }
  return out;
}

}  // namespace policydb::extract
