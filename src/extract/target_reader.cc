// Quantities of a sentence and the checks that keep or drop them (see
// target_reader.h).
#include <algorithm>
#include <array>
#include <optional>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/target_reader.h"
#include "extract/target_tables.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract::target_reading {

std::string cmp_of_groups(const rules::Match& m) {
  if (m.has("ge")) return ">=";
  if (m.has("gt")) return ">";
  if (m.has("le")) return "<=";
  if (m.has("lt")) return "<";
  if (m.has("approx")) return "~";
  return {};
}

Marks Marks::read(const rules::RuleSet& rules) {
  Marks m;
  const std::pair<std::string_view, std::string*> roles[] = {
      {"attributive", &m.attributive}, {"list_separator", &m.list_separator},
      {"title_open", &m.title_open},   {"title_close", &m.title_close},
      {"quote_open", &m.quote_open},   {"quote_close", &m.quote_close},
      {"percent", &m.percent}};
  for (const auto& e : rules.table("target_mark"))
    for (const auto& [role, word] : roles)
      if (e.get("role") == role) *word = std::string(e.get("word"));
  return m;
}

namespace {

// Characters that end a segment: clause punctuation, line and cell breaks.
constexpr char32_t kSegmentEnds[] = {U'，', U',', U'；', U';', U'。', U'：', U':', U'！', U'？', U'\n', U'\t'};

bool segment_end(char32_t cp) {
  return std::find(std::begin(kSegmentEnds), std::end(kSegmentEnds), cp) != std::end(kSegmentEnds);
}

// For each byte, whether a segment end can start with it in UTF-8. Bytes of
// other characters are skipped without decoding them: every byte that is
// not a continuation byte is where a character starts, so none is missed.
constexpr std::array<bool, 256> segment_end_leads() {
  std::array<bool, 256> t{};
  for (char32_t cp : kSegmentEnds) {
    unsigned lead = cp < 0x80 ? cp : cp < 0x800 ? 0xC0 | (cp >> 6) : cp < 0x10000 ? 0xE0 | (cp >> 12)
                                                                                 : 0xF0 | (cp >> 18);
    t[lead] = true;
  }
  return t;
}
constexpr std::array<bool, 256> kSegmentEndLead = segment_end_leads();

}  // namespace

// Characters trimmed from the edges of an indicator or scope.
bool edge_punct(char32_t cp) {
  switch (cp) {
    case U'，': case U',': case U'、': case U'；': case U';': case U'。': case U'：':
    case U':': case U'！': case U'？': case U'!': case U'?': case U'.':
      return true;
    default:
      return text::is_space(cp);
  }
}

std::string trim_edges(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t p = b;
    if (!edge_punct(text::decode(s, p))) break;
    b = p;
  }
  while (e > b) {
    size_t p = e - 1;
    while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    size_t q = p;
    if (!edge_punct(text::decode(s, q))) break;
    e = p;
  }
  return std::string(s.substr(b, e - b));
}

// Units as the gold writes them: ％ → %, 吨／天 → 吨/天.
std::string halfwidth(std::string_view s) {
  std::string out;
  size_t p = 0;
  while (p < s.size()) text::append(out, text::to_halfwidth(text::decode(s, p)));
  return out;
}

// The unit as written without the span of group `unit_more` (2万余人,
// 3万多个: rules/targets.toml part `quantity_unit`), which says "more than"
// as group `more` does: the unit is 万人.
std::string unit_without_more(const rules::Match& m, std::string_view text) {
  std::string_view unit = m.group("unit", text);
  std::string_view more = m.group("unit_more", text);
  if (more.empty()) return std::string(unit);
  std::string out(unit.substr(0, static_cast<size_t>(more.data() - unit.data())));
  out.append(unit.substr(static_cast<size_t>(more.data() - unit.data()) + more.size()));
  return out;
}

bool han_at(std::string_view s) {
  size_t p = 0;
  while (p < s.size()) {
    char32_t cp = text::decode(s, p);
    if (text::is_space(cp)) continue;
    return text::is_cjk(cp);
  }
  return false;
}

// Whether a bare number (no unit) ends where s starts: nothing follows it
// but a clause or list mark or a closing bracket (不高于1.3。, 高宽比≥0.3，).
// A word, a letter of another script (≤28 µm, ≤1 Ω), a sign (4.0×10-6) or
// another number (a table's cells run together: ≥98 95) means the number
// is part of something else, not a value.
bool bare_number_ends_at(std::string_view s) {
  size_t p = 0;
  while (p < s.size()) {
    char32_t cp = text::decode(s, p);
    if (text::is_space(cp)) continue;
    return segment_end(cp) || edge_punct(cp) || cp == U'）' || cp == U')';
  }
  return true;
}

std::vector<Target> SentenceReader::read(const std::function<std::optional<int>()>& section_year) {
  // One Set pass finds which context rules match; each family's matches
  // are then read from it only while a quantity is left to judge.
  rules_.scan(context_, s_, scan_);
  // The context is read family by family, each only while a quantity is
  // left for it to judge: the checks are a conjunction, so dropping
  // a quantity as soon as one part says no keeps exactly the same ones.
  // Most quantities that get this far are a 一 or a Chinese numeral with
  // a classifier that no comparison word precedes: one family settles them.
  read_cmp_prefix();
  // Then the verbs: a bare number needs one (or a comparison word) right
  // before it, and so does a Chinese numeral inside a phrase (新建十个充电站).
  read_verbs();
  std::vector<Qty> qs;
  for (const Qty& q : candidates_)
    if (keep_by_comparison(q) && (!q.count_bound || right_after_verb(q.b, q.class_bound))) qs.push_back(q);
  if (qs.empty()) return {};
  drop_unless(qs, [&](const Qty& q) { return keep_by_verbs(q); });
  if (!qs.empty() && rules_.any("target_qualifier", s_)) {
    qualifiers_ = bracket_qualifiers();
    drop_unless(qs, [&](const Qty& q) { return !overlaps_any(qualifiers_, q.b, q.core_end); });
  }
  if (qs.empty()) return {};
  times_ = timex::find(s_, rules_, ctx_);
  read_baselines();
  drop_unless(qs, [&](const Qty& q) { return outside_time_and_baseline(q); });
  if (qs.empty()) return {};
  const bool share_cue = std::any_of(qs.begin(), qs.end(), [](const Qty& q) { return q.share_cue; });
  if (share_cue) read_hedges();  // head_of_segment() looks past them
  // A share cue stands at the head of its segment, or continues a list of
  // shares that does (95%的省级、90%的市级和70%的县级机关…).
  for (size_t i = 0; i < qs.size();) {
    const bool keep = !qs[i].share_cue || head_of_segment(qs[i].b) ||
                      (i > 0 && qs[i - 1].share_cue && !share_modifier(qs[i - 1], qs[i]).empty());
    if (keep) ++i;
    else qs.erase(qs.begin() + static_cast<std::ptrdiff_t>(i));
  }
  if (qs.empty()) return {};
  if (!share_cue) read_hedges();
  read_shared();
  section_year_ = section_year();
  return read(qs);
}


// The words besides quantities and times that the checks and read() look
// at, one family each.
void SentenceReader::read_baselines() {
  for (const auto& m : rules_.find_all(scan_, kBaseline, s_)) {
    if (m.has("share")) continue;
    baselines_.push_back({m.begin, m.end});
    if (m.has("period")) {  // the end of a plan period (相较于“十三五”末)
      const values::Period* p = ctx_.periods ? values::find_period(*ctx_.periods, m.group("period", s_)) : nullptr;
      baseline_years_.push_back(p ? p->end : 0);
      continue;
    }
    auto y = values::parse_year(m.has("base")   ? m.group("base", s_)
                                : m.has("bare") ? m.group("bare", s_)
                                                : m.group("year", s_));
    baseline_years_.push_back(y ? *y : 0);
  }
}
void SentenceReader::read_hedges() {
  for (const auto& m : rules_.find_all(scan_, kHedge, s_)) hedges_.push_back({m.begin, m.end});
}
void SentenceReader::read_cmp_prefix() {
  for (const auto& m : rules_.find_all(scan_, kCmpPrefix, s_)) {
    std::string c = cmp_of_groups(m);
    if (!c.empty()) cmp_prefix_.push_back({{m.begin, m.end}, c});
  }
}
void SentenceReader::read_shared() {
  for (const auto& m : rules_.find_all(scan_, kShared, s_)) {
    if (m.has("each")) shared_.push_back({{m.begin, m.end}, "each"});
    else if (m.has("respectively")) shared_.push_back({{m.begin, m.end}, "respectively"});
    else if (m.has("distributive"))  // 各 alone; what follows it is the value or its verb
      for (const auto& g : m.groups)
        if (g.name == "distributive") shared_.push_back({{g.begin, g.end}, "each"});
  }
}
void SentenceReader::read_verbs() {
  // Words that look like verbs but are not only matter where a verb is.
  std::vector<rules::Match> verbs = rules_.find_all(scan_, kVerb, s_);
  std::vector<Span> not_verbs;
  if (!verbs.empty())
    for (const auto& m : rules_.find_all(scan_, kNotVerb, s_)) not_verbs.push_back({m.begin, m.end});
  for (const auto& m : verbs) {
    if (overlaps_any(not_verbs, m.begin, m.end)) continue;
    Verb v{m.begin, m.end, std::string(m.attr("direction")), cmp_of_groups(m)};
    if (v.direction.empty()) v.direction = "level";
    verbs_.push_back(v);
  }
}


// sentences with a quantity ask, so most sentences never decode theirs.
const std::vector<Span>& SentenceReader::segments() const {
  if (!segments_.empty()) return segments_;
  size_t start = 0, p = 0;
  while (p < s_.size()) {
    if (!kSegmentEndLead[static_cast<unsigned char>(s_[p])]) {
      ++p;
      continue;
    }
    size_t at = p;
    if (segment_end(text::decode(s_, p)) && !thousands_comma(at)) {
      segments_.push_back({start, at});
      start = p;
    }
  }
  segments_.push_back({start, s_.size()});
  return segments_;
}

// A ',' between a digit and three digits (34,567) is a thousands separator.
bool SentenceReader::thousands_comma(size_t at) const {
  if (s_[at] != ',' || at == 0 || !std::isdigit(static_cast<unsigned char>(s_[at - 1])))
    return false;
  for (size_t k = 1; k <= 3; ++k)
    if (at + k >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[at + k]))) return false;
  return at + 4 >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[at + 4]));
}

size_t SentenceReader::segment_of(size_t pos) const {
  const std::vector<Span>& segs = segments();
  for (size_t i = 0; i < segs.size(); ++i)
    if (pos >= segs[i].b && pos < segs[i].e) return i;
  return segs.size() - 1;
}

bool SentenceReader::overlaps_any(const std::vector<Span>& spans, size_t b, size_t e) const {
  for (const auto& sp : spans)
    if (b < sp.e && e > sp.b) return true;
  return false;
}

bool SentenceReader::in_time(size_t b, size_t e) const {
  for (const auto& t : times_)
    if (b < t.end && e > t.begin) return true;
  return false;
}

bool SentenceReader::only_separators(size_t b, size_t e) const {
  std::string_view mid = s_.substr(b, e - b);
  std::string bare = text::strip_spaces(mid);
  // The separator must cover all of `bare`: the prefix match (one Set
  // pass, anchored) settles most gaps before the find_all.
  if (!bare.empty()) {
    auto m = rules_.match_prefix("target_split", bare);
    if (!m || m->end != bare.size()) return false;
  }
  return rules_.find_all("target_split", bare).size() <= 1;
}

size_t SentenceReader::skip_separators(size_t b, size_t limit) const {
  while (b < limit) {
    size_t p = b;
    char32_t cp = text::decode(s_, p);
    if (text::is_space(cp)) {
      b = p;
      continue;
    }
    if (s_.substr(b).starts_with(marks_.list_separator)) {
      b += marks_.list_separator.size();
      continue;
    }
    auto m = rules_.match_prefix("target_split", s_.substr(b, limit - b));
    if (m && m->end > 0) {
      b += m->end;
      continue;
    }
    break;
  }
  return b;
}

// End of the text that may name the counted object after a value: the
// segment's end, or the next group's item.
size_t SentenceReader::next_boundary(size_t from, const std::vector<size_t>& g, const std::vector<Qty>& qs) const {
  const Span sg = segments()[segment_of(qs[g.front()].b)];
  size_t end = sg.e;
  for (size_t i = g.back() + 1; i < qs.size(); ++i) {
    if (qs[i].b >= from && qs[i].b < end) {
      // Back to the last list separator before the next quantity.
      std::string_view between = s_.substr(from, qs[i].b - from);
      size_t sep = between.rfind(marks_.list_separator);
      if (sep == std::string_view::npos) {
        // Or the conjunction right before it (7个充电站和1个换电站; family
        // target_list_and).
        // any_suffix settles most gaps without the find_all.
        if (rules_.any_suffix("target_list_and", between)) {
          const auto conj = rules_.find_all("target_list_and", between);
          if (!conj.empty() && conj.back().end == between.size()) sep = conj.back().begin;
        }
      }
      end = sep == std::string_view::npos ? from : from + sep;
      break;
    }
  }
  return std::max(end, from);
}

// The family's quantities that pass keep_alone(), in order.
std::vector<Qty> SentenceReader::candidates(const rules::Scan& scan) const {
  std::vector<Qty> out;
  // The digits of a formula (CO2, PM2.5) belong to its name: hidden from
  // the quantity rules by a non-digit of the same width, so that offsets
  // into the masked text are offsets into the sentence. Without a formula
  // the scan already knows which quantity rules match the sentence.
  std::string masked;
  std::string_view text = s_;
  std::vector<rules::Match> quantities;
  if (scan.any(kFormula)) {
    masked.assign(s_);
    for (const auto& m : rules_.find_all(scan, kFormula, s_))
      for (const auto& g : m.groups)
        if (g.name == "sub")
          for (size_t i = g.begin; i < g.end; ++i)
            if (std::isdigit(static_cast<unsigned char>(masked[i]))) masked[i] = '_';
    text = masked;
    quantities = rules_.find_all("target", text);
  } else {
    quantities = rules_.find_all(scan, kQuantity, s_);
  }
  for (const auto& m : quantities) {
    Qty q;
    q.b = m.begin;
    q.e = m.end;
    std::string_view num = m.group("num", text);
    std::string_view pct = m.group("pct", text);
    std::string_view cmp = m.group("cmp", text);
    q.core_end = m.begin;
    for (const auto& g : m.groups)
      if (g.name != "cmp") q.core_end = std::max(q.core_end, g.end);
    bool more = m.has("more");
    if (!pct.empty()) {
      auto share = values::parse_share_words(pct);
      if (!share) continue;
      q.value = share->value;
      // Assigned from a std::string: GCC 12 -O2 warns falsely (-Wrestrict, PR 105329) on a literal here.
      q.unit = std::string(share->unit);
    } else {
      if (num.empty()) continue;  // parse_number would fail
      q.unit = unit_as_meant(rules_, halfwidth(text::strip_spaces(unit_without_more(m, text))));
      more = more || m.has("unit_more");
      size_t p = 0;
      char32_t first = text::decode(num, p);
      q.chinese = !(first >= U'0' && first <= U'9');
      // Most matches are a Chinese numeral inside a word (进一步): without
      // a unit, keep_alone() drops it (and a range) whatever its value.
      if (q.unit.empty() && (q.chinese || m.has("max"))) continue;
      auto v = values::parse_number_before(num, q.unit);
      if (!v) continue;
      q.value = *v;
      if (m.has("max")) {
        auto hi = values::parse_number(m.group("max", text));
        if (!hi) continue;
        q.value_max = *hi;
      } else if (q.chinese) {
        q.value_max = values::parse_range(num).value_or(values::Range{}).high;  // 五六个: 5–6
      }
      q.one = q.chinese && q.value == 1;
    }
    q.suffix_cmp = comparator_of_suffix(rules_, cmp);
    if (more) q.suffix_cmp = std::string(">");  // not a literal: PR 105329, as above
    // A bare whole number that could be a year names a year, not an amount.
    if (q.unit.empty() && q.value >= 1949 && q.value <= 2100 && q.value == static_cast<int>(q.value)) continue;
    if (!keep_alone(q)) continue;
    out.push_back(q);
  }
  return out;
}

// Whether a quantity can be a value, as far as the text right around it
// tells: not after a cue such as 第/按 (target_not_before), not before one
// such as 年/以上的 (target_not_after), not inside a short quoted name, not
// a bare Chinese numeral or range. keep_alone() && the context checks
// read() applies (keep_by_comparison(), keep_by_verbs(),
// outside_time_and_baseline(), head_of_segment() for a share cue) are the
// whole test.
bool SentenceReader::keep_alone(Qty& q) const {
  // The tests are a conjunction (share_cue matters only if all pass):
  // the cheap ones first.
  if (q.unit.empty()) {
    // A bare number is a value only right after a verb or comparison and
    // when no word follows it (不高于1.3, 提高到0.579以上).
    if (q.chinese || q.value_max) return false;
    if (!bare_number_ends_at(s_.substr(q.core_end)) && q.suffix_cmp.empty()) return false;
    // 达到63. at a sentence's end: a number cut by a line break (target_cut_number).
    if (rules_.match_prefix("target_cut_number", s_.substr(q.b))) return false;
  }
  std::string_view before = s_.substr(0, q.b);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  // Only a cue right before (after) the value counts: a rule that matches
  // a span ending where `before` ends (any_suffix reads back from that end
  // only), or the best one starting where `after` starts (match_prefix).
  // A find_all over the whole text before reads all of it for the one
  // match at its edge (1.7 M instructions a call).
  if (rules_.any_suffix("target_not_before", before)) return false;
  if (auto m = rules_.match_prefix("target_not_after", s_.substr(q.core_end))) {
    // `80%以上的园区…` at the head of a segment is a share, not a
    // threshold: head_of_segment() tells.
    std::string_view hit = s_.substr(q.core_end + m->begin, m->end - m->begin);
    // Only a percentage bounded before 的 is a share of the noun (80%以上的
    // 园区); a count or a measure so bounded is a class of the noun by size
    // (2000人以上的镇, 2500吨/日以下的水泥熟料生产线, 5公顷以上的受灾林木采伐,
    // 50万吨以上的矿区: wide 大同 463, 烟台 449, guangan_R53, pdf 67), and a
    // count stays a value only right after a goal verb that is no comparison
    // (培育10家以上的龙头企业; not 超过300人的…县, a class too: guangan_R59).
    if (hit.find(marks_.attributive) != std::string_view::npos) {
      if (q.unit == marks_.percent) q.share_cue = true;
      else if (rules_.any("target_count_unit", q.unit)) q.count_bound = q.class_bound = true;
      else return false;
    }
    // 开设7种以上运动项目: the bound is on the count of the noun if a
    // goal verb governs it (read() checks once verbs are known), not
    // 消除5000人以上"大校额", a size class.
    else if (m->has("threshold") && rules_.any("target_count_unit", q.unit)) q.count_bound = true;
    // 三期工程 is a phase; 10个工程 a count.
    else if (!m->has("phase") || rules_.any("target_ordinal_unit", q.unit)) return false;
  }
  // 6小时应急响应圈, 24小时值班: a duration right before a word qualifies
  // the word (target_duration_word).
  if (!q.unit.empty() && rules_.match_prefix("target_duration_word", s_.substr(q.b))) return false;
  return !quoted_name(q);
}

// The rest of the test, in three parts: not inside the sentence's time
// expressions or baselines, ...
bool SentenceReader::outside_time_and_baseline(const Qty& q) const {
  return !in_time(q.b, q.core_end) && !overlaps_any(baselines_, q.b, q.core_end);
}

// ... not a Chinese numeral inside a word (二次包装, 一次性), an ordinal
// (二期) or a 一 without a comparison word shortly before it, ...
bool SentenceReader::keep_by_comparison(const Qty& q) const {
  const bool governed = cmp_prefixed(q.b) || right_after_verb(q.b);
  if (q.chinese && !q.unit.empty() && han_at(s_.substr(q.e)) && !governed) return false;
  // 减少二次扬尘: before a classifier two is 两; a lone 二 with a word after
  // it is that word's adjective, governed or not (target_adjectival_numeral).
  if (q.chinese && rules_.match_prefix("target_adjectival_numeral", s_.substr(q.b))) return false;
  if (q.one && !governed) return false;
  // 华能瑞金二期: after a name a Chinese numeral is the phase's ordinal.
  if (q.chinese && !governed && rules_.any("target_ordinal_unit", q.unit)) return false;
  return true;
}

// ... as the verbs around it tell, and, for a share cue (80%以上的), at
// the head of its segment (head_of_segment(), which needs the times and
// hedges).
bool SentenceReader::keep_by_verbs(const Qty& q) const {
  for (const auto& v : verbs_)  // a number inside a verb's word (千 in 千万亩 is fine: not a verb)
    if (q.b < v.e && q.b >= v.b) return false;
  if (q.unit.empty()) {
    bool after_verb = false;
    for (const auto& v : verbs_)
      if (v.e <= q.b && text::trim(s_.substr(v.e, q.b - v.e)).empty()) after_verb = true;
    // A comparison word governs a bare number (不高于1.3); a sign (≥, ≤)
    // does so in the cells of technical specifications and flattened tables
    // (≥98 95完成…, 逐步降低≥15) far more often than in goals, so it only
    // gives the comparator of a value with a unit.
    for (const auto& [sp, c] : cmp_prefix_)
      if (sp.e <= q.b && text::trim(s_.substr(sp.e, q.b - sp.e)).empty() &&
          text::is_cjk(text::first_char(s_.substr(sp.b, sp.e - sp.b))))
        after_verb = true;
    if (!after_verb) return false;
  }
  return true;
}

// Brackets that qualify the noun before them with one measure
// (工程（流域面积大于3000平方公里）): their values are scope, and no part
// of a name (clean() skips them). One with a goal verb of its own (not a
// comparison) states a goal and is not one.
std::vector<Span> SentenceReader::bracket_qualifiers() const {
  std::vector<Span> out;
  for (const auto& m : rules_.find_all("target_qualifier", s_)) {
    const bool goal_verb = std::any_of(verbs_.begin(), verbs_.end(), [&](const Verb& v) {
      return v.comparator.empty() && v.b >= m.begin && v.e <= m.end;
    });
    size_t bracket = m.begin;  // the match opens with the noun qualified
    text::decode(s_, bracket);
    if (!goal_verb) out.push_back({bracket, m.end});
  }
  return out;
}

// A goal verb ends right before pos (spaces aside): 新建十个, 遴选一名.
bool SentenceReader::right_after_verb(size_t pos, bool no_comparison) const {
  for (const auto& v : verbs_)
    if (v.e <= pos && text::trim(s_.substr(v.e, pos - v.e)).empty() && !(no_comparison && !v.comparator.empty()))
      return true;
  return false;
}

bool SentenceReader::cmp_prefixed(size_t pos) const {
  for (const auto& [sp, c] : cmp_prefix_)
    if (sp.e <= pos && pos - sp.e <= 12) return true;
  return false;
}

bool SentenceReader::head_of_segment(size_t pos) const {
  const Span sg = segments()[segment_of(pos)];
  // Only time, hedge and scope words may stand before it.
  std::string rest;
  size_t p = sg.b;
  while (p < pos) {
    bool masked = false;
    for (const auto& t : times_)
      if (p >= t.begin && p < t.end) p = t.end, masked = true;
    for (const auto& h : hedges_)
      if (p >= h.b && p < h.e) p = h.e, masked = true;
    if (masked) continue;
    size_t q = p;
    text::decode(s_, q);
    rest.append(s_.substr(p, q - p));
    p = q;
  }
  std::string t = trim_edges(rest);
  if (t.empty()) return true;
  auto m = rules_.match_prefix("target_scope", t);
  return m && m->end == t.size();
}

// A number inside a title in book marks (《江苏生态文明20条》,
// 《中国制造2025》) names the work.
bool SentenceReader::in_book_title(const Qty& q) const {
  std::string_view head = s_.substr(0, q.b);
  size_t open = head.rfind(marks_.title_open);
  if (open == std::string_view::npos || head.find(marks_.title_close, open) != std::string_view::npos) return false;
  return s_.substr(q.b).find(marks_.title_close) != std::string_view::npos;
}

// A number inside a short quoted name: “六个百分之百”, “双千”.
bool SentenceReader::quoted_name(const Qty& q) const {
  if (in_book_title(q)) return true;
  const Span sg = segments()[segment_of(q.b)];
  std::string_view head = s_.substr(sg.b, q.b - sg.b);
  size_t open = head.rfind(marks_.quote_open);
  if (open == std::string_view::npos) return false;
  if (head.find(marks_.quote_close, open) != std::string_view::npos) return false;
  std::string_view tail = s_.substr(q.b, sg.e - q.b);
  size_t close = tail.find(marks_.quote_close);
  if (close == std::string_view::npos) return false;
  const size_t name_b = sg.b + open + marks_.quote_open.size();
  size_t len = text::length(s_.substr(name_b, q.b + close - name_b));
  return len <= 8;
}


// What `a`, a share (95%的…), is a share of when a list of shares continues
// with `b`: the words between its 的 and the list separator right before
// `b` (省级 in 95%的省级、90%的…); empty if `b` does not continue it.
std::string SentenceReader::share_modifier(const Qty& a, const Qty& b) const {
  constexpr size_t kLongest = 20;  // characters between the two values
  if (b.b <= a.core_end || segment_of(a.b) != segment_of(b.b)) return {};
  std::string_view between = s_.substr(a.core_end, b.b - a.core_end);
  if (text::length(between) > kLongest) return {};
  size_t de = between.find(marks_.attributive);
  if (de == std::string_view::npos) return {};
  std::string_view rest = between.substr(de + marks_.attributive.size());
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  auto seps = rules_.find_all("target_split", rest);
  if (seps.empty() || seps.back().end != rest.size()) return {};
  return trim_edges(text::strip_spaces(rest.substr(0, seps.back().begin)));
}

}  // namespace policydb::extract::target_reading
