// Notes read into names and roles (departments.h: parse_note, parse_names,
// reads_as_note).
//
// A note is read clause by clause (，；), name by name (、). A clause's role
// comes from its label (牵头单位：), from the role word that closes it (牵头,
// 等配合, 按职责分工负责, 负责落实) or, for a clause without one, from the next
// clause that has one (`市发展改革局、公安局，市邮政管理局等配合`).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.h"
#include "extract/departments.h"
#include "extract/note_cache.h"
#include "rules/rules.h"

namespace policydb::extract::departments {
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

// The role a rule's attribute (role, left, right) names; kNone for none (and
// for "stop", which a label says with Segment::stop).
Role role_attr(const rules::Match& m, std::string_view key) { return parse_role(m.attr(key)).value_or(Role::kNone); }

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
  Role role = Role::kNone;  // from a bracketed role word after the name (市发展改革委（牵头）)
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
                    Role& role, std::string_view& rule) {
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
      role = role_attr(m, "role");
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
    Role role = Role::kNone;
    std::string_view rule;
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
      // 市财政局等相关部门以及各县区: 等… closes the left list too.
      for (const auto& le : rules.find_all(NoteFamily::kListEnd, left))
        if (le.end == left.size() && le.begin > 0) left = left.substr(0, le.begin);
      if (whole(left) && whole(right)) {
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
    // `广安经开区、川渝高竹新区管委会`: zones before a zone's committee share it.
    std::string_view committee = gz.committee_ending(out.back().written);
    if (!committee.empty()) {
      for (size_t i = first; i + 1 < out.size(); ++i) {
        std::string_view w = out[i].written;
        if (gz.bare_zone(w)) out[i].ending = committee;
      }
    }
  }
}

}  // namespace

std::optional<Role> role_of_word(std::string_view word, const rules::RuleSet& rules) {
  if (word.empty()) return std::nullopt;
  if (auto role = parse_role(word)) return role;
  for (const auto& m : rules.find_all("note_role", word))
    if (m.begin == 0 && m.end == word.size() && role_attr(m, "role") != Role::kNone) return role_attr(m, "role");
  return std::nullopt;
}

std::vector<NoteName> parse_names(std::string_view list, const rules::RuleSet& rules,
                                  const Gazetteer& gazetteer, Role role,
                                  NoteCache* cache) {
  std::optional<NoteCache> local;
  if (!cache) local.emplace(rules);
  NoteCache& found = cache ? *cache : *local;
  Cleaned c = clean(list);
  std::vector<NoteName> out;
  NameContext ctx;
  std::vector<Pending> pending;
  std::string scratch;
  // Clauses too: 各县（市、区）人民政府，广安经开区、川渝高竹新区管委会.
  Spans clauses;
  split(c.s, 0, c.s.size(), [](char32_t cp) { return is_clause_sep(cp); }, clauses);
  for (auto [cb, ce] : clauses) split_names(c, cb, ce, found, gazetteer, 0, pending);
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

namespace {

// A stretch of a note opened by a label (牵头单位：…); the first one, before
// any label, has no role.
struct Segment {
  size_t b, e;
  Role role = Role::kNone;  // label role, kNone before the first label
  std::string_view rule;
  bool stop = false;  // a label whose list is not read (role "stop")
};

// One note being read: names in written order with the role they were given
// (kNone while pending). Rule ids view the rule set or literals.
class NoteReading {
 public:
  NoteReading(Cleaned c, NoteCache& rules, const Gazetteer& gazetteer)
      : c_(std::move(c)), s_(c_.s), rules_(rules), gz_(gazetteer) {}

  const std::string& text() const { return s_; }

  // The segments the note's labels open.
  std::vector<Segment> segments() {
    std::vector<Segment> segments;
    size_t cursor = 0;
    Segment open;
    for (const auto& m : rules_.find_once(NoteFamily::kLabel, s_)) {
      segments.push_back({cursor, m.begin, open.role, open.rule, open.stop});
      open.role = role_attr(m, "role");
      open.rule = m.rule->id;
      open.stop = m.attr("role") == "stop";
      cursor = m.end;
      has_role_words_ = true;
    }
    segments.push_back({cursor, s_.size(), open.role, open.rule, open.stop});
    return segments;
  }

  // Reads a segment clause by clause; names no role word claimed take the
  // segment's label role.
  void read_segment(const Segment& seg, bool any_link) {
    if (seg.stop || seg.b >= seg.e) return;
    size_t pending_from = names_.size();
    split(s_, seg.b, seg.e, [](char32_t cp) { return is_clause_sep(cp); }, clauses_);
    for (auto [cb, ce] : clauses_) {
      std::tie(cb, ce) = trim_punct(s_, cb, ce);
      if (cb >= ce) continue;
      read_clause(cb, ce, seg, any_link, pending_from);
      ++clause_no_;
    }
    if (seg.role != Role::kNone) give_pending(pending_from, names_.size(), seg.role, seg.rule);
  }

  // Roles settled by the note as a whole and the convention in force, then
  // the names resolved in written order.
  ParsedNote finish(ListRule list_rule) {
    settle_roles(list_rule);
    ParsedNote result;
    result.has_role_words = has_role_words_;
    resolve_names(result);
    return result;
  }

 private:
  // Gives [from, end) the role, whatever they had.
  void give(size_t from, Role role, std::string_view rule) {
    roles_.resize(names_.size());
    rule_ids_.resize(names_.size());
    for (size_t i = from; i < names_.size(); ++i) roles_[i] = role, rule_ids_[i] = rule;
  }

  // Gives the names in [from, to) without a bracketed role of their own the role.
  void give_pending(size_t from, size_t to, Role role, std::string_view rule) {
    for (size_t i = from; i < to; ++i) {
      if (names_[i].role != Role::kNone) continue;
      roles_[i] = role;
      rule_ids_[i] = rule;
    }
  }

  // One clause [cb, ce): its names, and the role word closing it given to
  // them and to the pending names of the clauses before.
  void read_clause(size_t cb, size_t ce, const Segment& seg, bool any_link, size_t& pending_from) {
    std::string_view clause = std::string_view(s_).substr(cb, ce - cb);
    const rules::Match* marker = nullptr;
    for (const auto& m : rules_.find_all(NoteFamily::kRole, clause))
      if (m.end == clause.size() && m.begin > 0) marker = &m;
    size_t names_end = marker ? cb + marker->begin : ce;
    if (any_link && read_link(cb, names_end)) {
      pending_from = names_.size();
      return;
    }
    size_t from = names_.size();
    split_names(c_, cb, names_end, rules_, gz_, clause_no_, names_);
    roles_.resize(names_.size());
    rule_ids_.resize(names_.size());
    for (size_t i = from; i < names_.size(); ++i) {
      roles_[i] = names_[i].role, rule_ids_[i] = names_[i].rule;
      if (names_[i].role != Role::kNone) has_role_words_ = true;
    }
    if (!marker) return;
    has_role_words_ = true;
    // 责任单位：X，Y具体组织实施: carrying out is the last clause's own;
    // the clauses before it keep the label's role.
    if (seg.role != Role::kNone && role_attr(*marker, "role") == Role::kImplement) {
      give_pending(pending_from, from, seg.role, seg.rule);
      pending_from = from;
    }
    give_pending(pending_from, names_.size(), role_attr(*marker, "role"), marker->rule->id);
    pending_from = names_.size();
  }

  // X会同Y in [cb, names_end): X leads, Y supports, whatever word closes the
  // clause. False when the clause holds no link.
  bool read_link(size_t cb, size_t names_end) {
    const auto& links = rules_.find_all(NoteFamily::kLink, std::string_view(s_).substr(cb, names_end - cb));
    if (links.empty()) return false;
    const auto& l = links.front();
    size_t left_from = names_.size();
    split_names(c_, cb, cb + l.begin, rules_, gz_, clause_no_, names_);
    give(left_from, role_attr(l, "left"), l.rule->id);
    size_t right_from = names_.size();
    split_names(c_, cb + l.end, names_end, rules_, gz_, clause_no_, names_);
    give(right_from, role_attr(l, "right"), l.rule->id);
    has_role_words_ = true;
    return true;
  }

  // A lead makes the others support it; a list convention picks the lead
  // where no role word did, among two or more units (a single unit has no
  // one to lead: （责任单位：市教育体育局） under 逗号前为牵头单位 stays
  // responsible); what is left is responsible.
  void settle_roles(ListRule list_rule) {
    bool has_lead = false, has_support = false;
    size_t listed = 0;  // units the list convention would rank
    for (size_t i = 0; i < roles_.size(); ++i) {
      has_lead |= roles_[i] == Role::kLead;
      has_support |= roles_[i] == Role::kSupport;
      if (roles_[i] != Role::kImplement) ++listed;
    }
    if (listed < 2) list_rule = ListRule::kNone;
    if (has_lead) {
      // X牵头，Y、Z等按职责分工负责: the others support the lead.
      for (auto& r : roles_)
        if (r == Role::kResponsible || r == Role::kNone) r = Role::kSupport;
    } else if (list_rule != ListRule::kNone && !has_support) {
      bool first = true;
      for (size_t i = 0; i < names_.size(); ++i) {
        if (roles_[i] == Role::kImplement) continue;
        bool lead = list_rule == ListRule::kFirstLead ? first : names_[i].clause == 0;
        roles_[i] = lead ? Role::kLead : Role::kSupport;
        if (rule_ids_[i].empty()) rule_ids_[i] = "note-list-rule";
        first = false;
      }
    }
    for (size_t i = 0; i < names_.size(); ++i) {
      if (roles_[i] == Role::kNone) {
        roles_[i] = Role::kResponsible;
        rule_ids_[i] = "note-bare-list";
      }
    }
  }

  // Resolves in written order (prefixes and collectives carry forward), then
  // keeps each (department, role) once.
  void resolve_names(ParsedNote& result) {
    NameContext ctx;
    std::string scratch;
    for (size_t i = 0; i < names_.size(); ++i) {
      const Pending& p = names_[i];
      const Department& d = resolve(rules_, gz_, p, ctx, scratch);
      bool seen = false;
      for (const auto& kept : result.names)
        seen |= kept.department.canonical == d.canonical && kept.role == roles_[i];
      if (seen) continue;
      NoteName out;
      out.as_written = p.written;
      out.department = d;
      out.role = roles_[i];
      out.rule = rule_ids_[i];
      out.begin = c_.map(p.begin);
      out.end = c_.map(p.end - 1) + 1;
      result.names.push_back(std::move(out));
    }
  }

  const Cleaned c_;
  const std::string& s_;
  NoteCache& rules_;
  const Gazetteer& gz_;
  std::vector<Pending> names_;
  std::vector<Role> roles_;
  std::vector<std::string_view> rule_ids_;
  bool has_role_words_ = false;
  int clause_no_ = 0;
  Spans clauses_;
};

}  // namespace

ParsedNote parse_note(std::string_view note, const rules::RuleSet& all_rules,
                      const Gazetteer& gazetteer, ListRule list_rule, NoteCache* cache) {
  std::optional<NoteCache> local;  // only without the caller's cache
  if (!cache) local.emplace(all_rules);
  NoteCache& rules = cache ? *cache : *local;
  Cleaned c = clean(note);
  // A standing statement inside a note is not part of its list; glosses go too.
  c = erase_family(std::move(c), rules, NoteFamily::kStanding);
  c = erase_family(std::move(c), rules, NoteFamily::kGloss);
  NoteReading reading(std::move(c), rules, gazetteer);
  // 会同 links are rare and their rules read no context: a clause can only
  // hold one where the whole note does, so one question about the note
  // spares one per clause.
  const bool any_link = rules.any(NoteFamily::kLink, reading.text());
  for (const auto& seg : reading.segments()) reading.read_segment(seg, any_link);
  return reading.finish(list_rule);
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
    known += n.department.known || n.department.level == Level::kCollective;
  return plausible == p.names.size() && known > 0 && (known == p.names.size() || p.names.size() > 1);
}

}  // namespace policydb::extract::departments
