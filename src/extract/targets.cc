// Targets (gold/README.md §2): quantitative goals, one record per indicator.
//
// A sentence is read as segments (between ，；。：) and, inside a segment,
// items (between a quantity and the next). Each quantity found by family
// "target" is vetoed or kept by what stands right next to it; consecutive
// quantities with only 、/和 between them form one value list
// (分别下降14%、16.5%). Each list is governed by the last goal verb before
// it in its segment — its own, or one shared with earlier items (建成A50家、
// B200家) — or, in a sentence that states goals, by none (…收集率65%以上).
// The indicator is the text between verb and value, else before the verb,
// else after the value, once scope, hedge, baseline, comparator and time
// words are removed. Tables whose title or header names goals give one
// target per row. All vocabulary is in rules/targets.toml.
#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/sentences.h"
#include "extract/target_tables.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

struct Span {
  size_t b = 0, e = 0;
};

struct Qty {
  size_t b = 0, e = 0;   // whole match, comparator suffix included
  size_t core_end = 0;   // end of number/unit, before the suffix
  double value = 0;
  std::optional<double> value_max;
  std::string unit;
  std::string suffix_cmp;  // from 以上/以下/左右/余 …, empty if none
  bool chinese = false;
  bool one = false;  // written 一 (an article as often as a count)
  bool count_bound = false;  // a threshold cue after a counted unit (7种以上运动项目)
  bool share_cue = false;  // a target_not_after cue with 的 right after it (80%以上的…)
};

struct Verb {
  size_t b = 0, e = 0;
  std::string direction;
  std::string comparator;  // for comparison verbs (超过 → >)
};

std::string cmp_of_groups(const rules::Match& m) {
  if (m.has("ge")) return ">=";
  if (m.has("gt")) return ">";
  if (m.has("le")) return "<=";
  if (m.has("lt")) return "<";
  if (m.has("approx")) return "~";
  return {};
}

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

bool han_at(std::string_view s) {
  size_t p = 0;
  while (p < s.size()) {
    char32_t cp = text::decode(s, p);
    if (text::is_space(cp)) continue;
    return text::is_cjk(cp);
  }
  return false;
}

bool has_letter_or_han_at(std::string_view s) {
  size_t p = 0;
  while (p < s.size()) {
    char32_t cp = text::decode(s, p);
    if (text::is_space(cp)) continue;
    return text::is_cjk(cp) || (cp < 0x80 && std::isalpha(static_cast<int>(cp)));
  }
  return false;
}

// Reads one sentence in two steps. The constructor finds the quantities
// and drops those that their own neighbourhood rules out (a date, a
// list number, a cue right before or after); most sentences keep none and
// are done. read() then finds the sentence's time expressions, verbs,
// hedges, baselines and comparison words, applies the checks that need
// them, and reads the targets.
class SentenceReader {
 public:
  // The families read() reads a sentence's context with, for `context`.
  enum ContextFamily : size_t { kCmpPrefix, kVerb, kNotVerb, kBaseline, kHedge, kShared };
  static rules::Families context_families(const rules::RuleSet& rules) {
    return rules.families_of({"target_cmp_prefix", "target_verb", "target_not_verb", "target_baseline",
                              "target_hedge", "target_shared"});
  }

  SentenceReader(std::string_view s, const rules::RuleSet& rules, const timex::Context& ctx,
                 const rules::Families& context)
      : s_(s), rules_(rules), ctx_(ctx), context_(context) {
    candidates_ = candidates();
  }

  // No quantity can make a target: read() would return nothing.
  bool empty() const { return candidates_.empty(); }

  std::vector<Target> read(std::optional<int> section_year) {
    section_year_ = section_year;
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
      if (keep_by_comparison(q) && (!q.count_bound || right_after_verb(q.b))) qs.push_back(q);
    if (qs.empty()) return {};
    drop_unless(qs, [&](const Qty& q) { return keep_by_verbs(q); });
    if (qs.empty()) return {};
    times_ = timex::find(s_, rules_, ctx_);
    read_baselines();
    drop_unless(qs, [&](const Qty& q) { return outside_time_and_baseline(q); });
    if (qs.empty()) return {};
    const bool share_cue = std::any_of(qs.begin(), qs.end(), [](const Qty& q) { return q.share_cue; });
    if (share_cue) read_hedges();  // head_of_segment() looks past them
    drop_unless(qs, [&](const Qty& q) { return !q.share_cue || head_of_segment(q.b); });
    if (qs.empty()) return {};
    if (!share_cue) read_hedges();
    read_shared();
    return read(qs);
  }

 private:
  template <typename Keep>
  static void drop_unless(std::vector<Qty>& qs, Keep keep) {
    qs.erase(std::remove_if(qs.begin(), qs.end(), [&](const Qty& q) { return !keep(q); }), qs.end());
  }

  // The words besides quantities and times that the checks and read() look
  // at, one family each.
  void read_baselines() {
    for (const auto& m : rules_.find_all(scan_, kBaseline, s_)) {
      if (m.has("share")) continue;
      baselines_.push_back({m.begin, m.end});
      auto y = values::parse_year(m.has("base") ? m.group("base", s_) : m.group("year", s_));
      baseline_years_.push_back(y ? *y : 0);
    }
  }
  void read_hedges() {
    for (const auto& m : rules_.find_all(scan_, kHedge, s_)) hedges_.push_back({m.begin, m.end});
  }
  void read_cmp_prefix() {
    for (const auto& m : rules_.find_all(scan_, kCmpPrefix, s_)) {
      std::string c = cmp_of_groups(m);
      if (!c.empty()) cmp_prefix_.push_back({{m.begin, m.end}, c});
    }
  }
  void read_shared() {
    for (const auto& m : rules_.find_all(scan_, kShared, s_)) {
      if (m.has("each")) shared_.push_back({{m.begin, m.end}, "each"});
      else if (m.has("respectively")) shared_.push_back({{m.begin, m.end}, "respectively"});
    }
  }
  void read_verbs() {
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

  std::vector<Target> read(const std::vector<Qty>& qs) {
    // Group consecutive quantities joined only by list separators.
    std::vector<std::vector<size_t>> groups;
    for (size_t i = 0; i < qs.size(); ++i) {
      if (!groups.empty()) {
        const Qty& prev = qs[groups.back().back()];
        if (segment_of(prev.b) == segment_of(qs[i].b) && only_separators(prev.e, qs[i].b)) {
          groups.back().push_back(i);
          continue;
        }
      }
      groups.push_back({i});
    }

    std::vector<Target> out;
    bool hedge_active = false;
    size_t last_seg_with_qty = static_cast<size_t>(-1);
    std::string last_direction, last_indicator, last_scope;
    bool last_counted_noun = false;  // the last item counted a noun named after its value
    size_t prev_group_end = 0;
    size_t prev_group_seg = static_cast<size_t>(-1);
    for (const auto& g : groups) {
      const Qty& q0 = qs[g.front()];
      const Qty& ql = qs[g.back()];
      const size_t seg = segment_of(q0.b);
      const Span sg = segments()[seg];
      const bool same_seg = prev_group_seg == seg;
      size_t item_start = same_seg ? skip_separators(prev_group_end, q0.b) : sg.b;

      // The governing verb.
      const Verb* verb = nullptr;
      for (const auto& v : verbs_)
        if (v.b >= sg.b && v.e <= q0.b) verb = &v;
      Span pre{item_start, item_start}, mid{item_start, item_start};
      bool own_verb = false, inherited = false;
      std::string direction;
      if (verb && verb->b >= item_start) {
        pre = {item_start, verb->b};
        mid = {verb->e, q0.b};
        own_verb = true;
        direction = verb->direction;
      } else if (verb) {
        mid = {item_start, q0.b};
        inherited = true;
        direction = verb->direction;
      } else {
        pre = {item_start, q0.b};
        inherited = !out.empty();
        direction = inherited ? last_direction : "level";
      }

      // Share form: `80%以上的园区实施循环化改造`.
      std::string pre_text = clean(pre);
      std::string mid_raw = std::string(s_.substr(mid.b, mid.e - mid.b));
      std::string mid_text = clean(mid);
      Span after{ql.e, next_boundary(ql.e, g, qs)};
      std::string after_text = clean(after);
      bool share_form = false;
      if (!verb && pre_text.empty() && scope_at(pre).empty()) {
        std::string_view rest = s_.substr(ql.core_end, after.e - ql.core_end);
        size_t de = rest.find("的");
        if (de != std::string_view::npos && de <= 9 && !after_text.empty()) {
          share_form = true;
          after_text = clean({ql.core_end + de + 3, after.e});
        }
      }
      // A verbless clause that counts a noun right after a clause that did
      // (遴选20名市级名师，6名市级名校长) shares that clause's verb.
      const bool parallel_count = !verb && pre_text.empty() && last_counted_noun &&
                                  prev_group_seg + 1 == seg && han_at(s_.substr(ql.e)) &&
                                  rules_.any("target_count_unit", ql.unit);
      if (!share_form && !parallel_count && !verb_context_ok(verb, pre_text, out.empty())) continue;
      if (rules_.any("target_rule_cue", s_.substr(sg.b, q0.b - sg.b))) continue;
      // A measure followed by a noun is a size class (300万吨钢—焦联产集群,
      // 60万吨/年煤矿), unless the indicator was already named before it.
      if (!share_form && !ql.unit.empty() && han_at(s_.substr(ql.e)) &&
          !rules_.any("target_count_unit", ql.unit)) {
        std::string mid_bare = text::strip_spaces(mid_raw);
        if (!verb || mid_text.empty() || ends_with(mid_bare, "的")) continue;
      }

      // Scope: at the head of the item's own text; list items that share a
      // verb in one segment share its scope.
      std::string scope = scope_at(pre.e > pre.b ? pre : Span{item_start, q0.b});
      if (scope.empty() && inherited && same_seg) scope = last_scope;
      // A scope that opens the sentence (全市计划于2022年底，实现…) covers
      // the values of its later segments that name none of their own.
      if (scope.empty() && seg > 0) scope = scope_at(segments()[0]);
      if (!scope.empty()) {
        pre_text = strip_prefix(pre_text, scope);
        mid_text = strip_prefix(mid_text, scope);
      }

      // A verb inside the subject ends what the indicator can be: in
      // 带动全市累计创建国家级、省级企业分别达到10家、40家 the name starts after 创建.
      if (own_verb && g.size() > 1) {
        const Verb* inner = nullptr;
        for (const auto& v : verbs_)
          if (v.b > pre.b && v.e < pre.e && v.direction == "level") inner = &v;
        if (inner) pre_text = clean({inner->e, pre.e});
      }
      // A level verb after an increase verb that opens the item: 新增…达到9万亩.
      if (own_verb && direction == "level" && starts_with_increase(pre) && q0.unit != "%" &&
          q0.unit.find("百分点") == std::string::npos)
        direction = "increase";

      // The indicator.
      std::string indicator;
      bool mid_ends_with_list = ends_with(text::strip_spaces(mid_raw), "等");
      // A measure directly followed by what it measures: 不低于乌海市3天需求量的
      // 储气设施 names 储气设施; 实现城市7-14天预报预测能力 names the ability.
      const bool measure_then_noun = !after_text.empty() && han_at(s_.substr(ql.e)) &&
                                     !rules_.any("target_count_unit", ql.unit);
      bool names_after = false;
      if (measure_then_noun) {
        size_t de = after_text.rfind("的");
        if (de != std::string::npos && de + 3 < after_text.size()) {
          after_text = after_text.substr(de + 3);
          names_after = true;
        }
        if (text::length(mid_text) <= 2) names_after = true;
      }
      if (names_after) indicator = after_text;
      else if (!mid_text.empty() && !(mid_ends_with_list && !after_text.empty())) indicator = mid_text;
      else if (!mid_text.empty()) indicator = after_text;
      else if (!after_text.empty() && han_at(s_.substr(ql.e))) indicator = after_text;  // 掌握1项艺术技能
      else if (!pre_text.empty()) indicator = pre_text;
      else if (!after_text.empty()) indicator = after_text;
      else indicator = last_indicator;
      indicator = name_of(indicator);
      if (indicator.empty()) continue;
      // The subject before the verb of a count named after its value is
      // who the count applies to: 每名学生至少掌握1项艺术技能, 市级建设2个基地.
      if (scope.empty() && own_verb && indicator == after_text && indicator != pre_text &&
          rules_.any("target_count_unit", ql.unit) && text::length(pre_text) >= 2 && text::length(pre_text) <= 20)
        scope = pre_text;
      // A noun named after its value (建成1个试点园区、3个…) is that value's:
      // the next item starts after it.
      const size_t item_end = !after_text.empty() && indicator == after_text ? after.e : ql.e;
      const bool counted_noun = item_end == after.e && rules_.any("target_count_unit", ql.unit);

      // Comparator.
      std::string prefix_cmp;
      for (const auto& [sp, c] : cmp_prefix_)
        if (sp.b >= item_start && sp.e <= q0.b) prefix_cmp = c;
      std::string verb_cmp = verb && (own_verb || inherited) ? verb->comparator : "";
      std::string list_suffix = qs[g.back()].suffix_cmp;

      // Hedge.
      bool own_hedge = false;
      for (const auto& h : hedges_)
        if (h.b >= (same_seg ? item_start : sg.b) && h.e <= q0.b) own_hedge = true;
      if (!same_seg) {
        bool new_subject = own_verb && !pre_text.empty();
        bool prev_seg_lead_in = last_seg_with_qty + 1 != seg;  // a segment without values came between
        if (new_subject && !prev_seg_lead_in) hedge_active = false;
      }
      // A hedge in a lead-in segment without values (力争到2025年，…) governs
      // what follows it.
      if (!same_seg)
        for (const auto& h : hedges_)
          if (h.b >= prev_group_end && h.e <= sg.b) hedge_active = true;
      bool aspirational = own_hedge || hedge_active;
      hedge_active = hedge_active || own_hedge;

      // Baseline.
      std::optional<int> baseline;
      for (size_t i = 0; i < baselines_.size(); ++i)
        if (baselines_[i].b >= sg.b && baselines_[i].e <= q0.b && baseline_years_[i] > 0)
          baseline = baseline_years_[i];

      // Years: inside the item, else the lead phrase, else a later note,
      // else the goal section's lead.
      std::vector<int> years = years_for(item_start, q0.b, g.size());
      if (governed_by_past(q0.b)) continue;  // a statistic about a past year

      // Indicators: one each for 均; paired for 分别 / value lists.
      std::vector<std::string> indicators{indicator};
      bool each = false, respectively = false;
      for (const auto& [sp, kind] : shared_)
        if (sp.b >= sg.b && sp.e <= q0.b) (kind == "each" ? each : respectively) = true;
      if (g.size() > 1 || each) {
        auto parts = split_indicator(indicator);
        if ((each && g.size() == 1 && parts.size() > 1) || (g.size() > 1 && parts.size() == g.size()))
          indicators = parts;
      }

      auto emit = [&](const Qty& q, const std::string& ind, int year) {
        Target t;
        t.indicator = ind;
        t.scope = scope;
        t.direction = direction;
        t.value = q.value;
        t.value_max = q.value_max;
        // A list shares the unit its last value spells out: 分别降低20个、10个百分点.
        t.unit = &q != &ql && ql.unit.size() > q.unit.size() && ql.unit.compare(0, q.unit.size(), q.unit) == 0
                     ? ql.unit
                     : q.unit;
        std::string c = !q.suffix_cmp.empty() ? q.suffix_cmp
                        : !list_suffix.empty() ? list_suffix
                        : !prefix_cmp.empty() ? prefix_cmp
                        : !verb_cmp.empty() ? verb_cmp
                        : "=";
        t.comparator = c;
        t.baseline_year = baseline;
        if (year > 0) t.target_year = year;
        t.aspirational = aspirational;
        t.begin = q.b;
        t.end = q.e;
        t.rule = share_form ? "target-share" : inherited ? "target-list" : verb ? "target-verb"
                                                                              : "target-verbless";
        out.push_back(std::move(t));
      };
      for (size_t k = 0; k < g.size(); ++k) {
        const Qty& q = qs[g[k]];
        int year = years.size() == g.size() ? years[k] : (years.empty() ? 0 : years.back());
        if (indicators.size() == g.size()) emit(q, indicators[k], year);
        else
          for (const auto& ind : indicators) emit(q, ind, year);
      }
      last_direction = direction;
      last_indicator = indicators.back();
      last_scope = scope;
      last_counted_noun = counted_noun;
      last_seg_with_qty = seg;
      prev_group_end = item_end;
      prev_group_seg = seg;
    }
    return out;
  }

 private:
  // Segments: split at clause punctuation and line/cell breaks. Only
  // sentences with a quantity ask, so most sentences never decode theirs.
  const std::vector<Span>& segments() const {
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
  bool thousands_comma(size_t at) const {
    if (s_[at] != ',' || at == 0 || !std::isdigit(static_cast<unsigned char>(s_[at - 1])))
      return false;
    for (size_t k = 1; k <= 3; ++k)
      if (at + k >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[at + k]))) return false;
    return at + 4 >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[at + 4]));
  }

  size_t segment_of(size_t pos) const {
    const std::vector<Span>& segs = segments();
    for (size_t i = 0; i < segs.size(); ++i)
      if (pos >= segs[i].b && pos < segs[i].e) return i;
    return segs.size() - 1;
  }

  bool overlaps_any(const std::vector<Span>& spans, size_t b, size_t e) const {
    for (const auto& sp : spans)
      if (b < sp.e && e > sp.b) return true;
    return false;
  }

  bool in_time(size_t b, size_t e) const {
    for (const auto& t : times_)
      if (b < t.end && e > t.begin) return true;
    return false;
  }

  bool only_separators(size_t b, size_t e) const {
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

  size_t skip_separators(size_t b, size_t limit) const {
    while (b < limit) {
      size_t p = b;
      char32_t cp = text::decode(s_, p);
      if (text::is_space(cp) || cp == U'、') {
        b = p;
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
  size_t next_boundary(size_t from, const std::vector<size_t>& g, const std::vector<Qty>& qs) const {
    const Span sg = segments()[segment_of(qs[g.front()].b)];
    size_t end = sg.e;
    for (size_t i = g.back() + 1; i < qs.size(); ++i) {
      if (qs[i].b >= from && qs[i].b < end) {
        // Back to the last list separator before the next quantity.
        std::string_view between = s_.substr(from, qs[i].b - from);
        size_t sep = between.rfind("、");
        end = sep == std::string_view::npos ? from : from + sep;
        break;
      }
    }
    return std::max(end, from);
  }

  // The family's quantities that pass keep_alone(), in order.
  std::vector<Qty> candidates() const {
    std::vector<Qty> out;
    for (const auto& m : rules_.find_all("target", s_)) {
      Qty q;
      q.b = m.begin;
      q.e = m.end;
      std::string_view num = m.group("num", s_);
      std::string_view pct = m.group("pct", s_);
      std::string_view unit = m.group("unit", s_);
      std::string_view cmp = m.group("cmp", s_);
      q.core_end = m.begin;
      for (const auto& g : m.groups)
        if (g.name != "cmp") q.core_end = std::max(q.core_end, g.end);
      if (!pct.empty()) {
        auto v = values::parse_percent_words(pct);
        if (!v) continue;
        q.value = *v;
        q.unit = "%";
      } else {
        if (num.empty()) continue;  // parse_number would fail
        q.unit = halfwidth(text::strip_spaces(unit));
        size_t p = 0;
        char32_t first = text::decode(num, p);
        q.chinese = !(first >= U'0' && first <= U'9');
        // Most matches are a Chinese numeral inside a word (进一步): without
        // a unit, keep_alone() drops it (and a range) whatever its value.
        if (q.unit.empty() && (q.chinese || m.has("max"))) continue;
        auto v = values::parse_number(num);
        if (!v) continue;
        q.value = *v;
        if (m.has("max")) {
          auto hi = values::parse_number(m.group("max", s_));
          if (!hi) continue;
          q.value_max = *hi;
        }
        q.one = q.chinese && q.value == 1;
      }
      q.suffix_cmp = comparator_of_suffix(rules_, cmp);
      if (m.has("more")) q.suffix_cmp = ">";
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
  // read(section_year) applies (keep_by_comparison(), keep_by_verbs(),
  // outside_time_and_baseline(), head_of_segment() for a share cue) are the
  // whole test.
  bool keep_alone(Qty& q) const {
    // The tests are a conjunction (share_cue matters only if all pass):
    // the cheap ones first.
    if (q.unit.empty()) {
      // A bare number is a value only right after a verb or comparison and
      // when no word follows it (不高于1.3, 提高到0.579以上).
      if (q.chinese || q.value_max) return false;
      if (has_letter_or_han_at(s_.substr(q.core_end)) && q.suffix_cmp.empty()) return false;
    }
    std::string_view before = s_.substr(0, q.b);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    // Only a cue right before (after) the value counts: any_suffix
    // (any_prefix) tells without reading the whole sentence whether there
    // can be one.
    if (rules_.any_suffix("target_not_before", before))
      for (const auto& m : rules_.find_all("target_not_before", before))
        if (m.end == before.size()) return false;
    std::string_view after = s_.substr(q.core_end);
    if (rules_.any_prefix("target_not_after", after)) {
      for (const auto& m : rules_.find_all("target_not_after", after)) {
        if (m.begin != 0) continue;
        // `80%以上的园区…` at the head of a segment is a share, not a
        // threshold: head_of_segment() tells.
        std::string_view hit = after.substr(m.begin, m.end - m.begin);
        if (hit.find("的") != std::string_view::npos) {
          q.share_cue = true;
          continue;
        }
        // 开设7种以上运动项目: the bound is on the count of the noun if a
        // goal verb governs it (read() checks once verbs are known), not
        // 消除5000人以上"大校额", a size class.
        if (m.has("threshold") && rules_.any("target_count_unit", q.unit)) {
          q.count_bound = true;
          continue;
        }
        return false;
      }
    }
    return !quoted_name(q);
  }

  // The rest of the test, in three parts: not inside the sentence's time
  // expressions or baselines, ...
  bool outside_time_and_baseline(const Qty& q) const {
    return !in_time(q.b, q.core_end) && !overlaps_any(baselines_, q.b, q.core_end);
  }

  // ... not a Chinese numeral inside a word (二次包装, 一次性) or a 一 without
  // a comparison word shortly before it, ...
  bool keep_by_comparison(const Qty& q) const {
    const bool governed = cmp_prefixed(q.b) || right_after_verb(q.b);
    if (q.chinese && !q.unit.empty() && han_at(s_.substr(q.e)) && !governed) return false;
    if (q.one && !governed) return false;
    return true;
  }

  // ... as the verbs around it tell, and, for a share cue (80%以上的), at
  // the head of its segment (head_of_segment(), which needs the times and
  // hedges).
  bool keep_by_verbs(const Qty& q) const {
    for (const auto& v : verbs_)  // a number inside a verb's word (千 in 千万亩 is fine: not a verb)
      if (q.b < v.e && q.b >= v.b) return false;
    if (q.unit.empty()) {
      bool after_verb = false;
      for (const auto& v : verbs_)
        if (v.e <= q.b && text::trim(s_.substr(v.e, q.b - v.e)).empty()) after_verb = true;
      for (const auto& [sp, c] : cmp_prefix_)
        if (sp.e <= q.b && text::trim(s_.substr(sp.e, q.b - sp.e)).empty()) after_verb = true;
      if (!after_verb) return false;
    }
    return true;
  }

  // A goal verb ends right before pos (spaces aside): 新建十个, 遴选一名.
  bool right_after_verb(size_t pos) const {
    for (const auto& v : verbs_)
      if (v.e <= pos && text::trim(s_.substr(v.e, pos - v.e)).empty()) return true;
    return false;
  }

  bool cmp_prefixed(size_t pos) const {
    for (const auto& [sp, c] : cmp_prefix_)
      if (sp.e <= pos && pos - sp.e <= 12) return true;
    return false;
  }

  bool head_of_segment(size_t pos) const {
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

  // A number inside a short quoted name: “六个百分之百”, “双千”.
  bool quoted_name(const Qty& q) const {
    const Span sg = segments()[segment_of(q.b)];
    std::string_view head = s_.substr(sg.b, q.b - sg.b);
    size_t open = head.rfind("“");
    if (open == std::string_view::npos) return false;
    if (head.find("”", open) != std::string_view::npos) return false;
    std::string_view tail = s_.substr(q.b, sg.e - q.b);
    size_t close = tail.find("”");
    if (close == std::string_view::npos) return false;
    size_t len = text::length(s_.substr(sg.b + open + 3, q.b + close - (sg.b + open + 3)));
    return len <= 8;
  }

  // Text of a span with time, baseline, hedge, comparison and shared-value
  // words removed, then trimmed of connectives (family target_strip).
  std::string clean(Span sp) const {
    if (sp.e <= sp.b) return {};
    std::string out;
    size_t p = sp.b;
    while (p < sp.e) {
      size_t skip = 0;
      for (const auto& t : times_)
        if (p >= t.begin && p < t.end) skip = std::max(skip, t.end);
      for (const auto& b : baselines_)
        if (p >= b.b && p < b.e) skip = std::max(skip, b.e);
      for (const auto& h : hedges_)
        if (p >= h.b && p < h.e) skip = std::max(skip, h.e);
      for (const auto& [c, k] : cmp_prefix_)
        if (p >= c.b && p < c.e) skip = std::max(skip, c.e);
      for (const auto& [c, k] : shared_)
        if (p >= c.b && p < c.e) skip = std::max(skip, c.e);
      if (skip > p) {
        p = std::min(skip, sp.e);
        continue;
      }
      size_t q = p;
      text::decode(s_, q);
      out.append(s_.substr(p, q - p));
      p = q;
    }
    out = trim_edges(text::strip_spaces(out).empty() ? std::string() : out);
    // Connectives and modal words at either edge, repeatedly.
    for (int round = 0; round < 6 && !out.empty(); ++round) {
      bool changed = false;
      for (const auto& m : rules_.find_all("target_strip", out)) {
        if (m.begin == 0 && m.end > 0) {
          out = trim_edges(out.substr(m.end));
          changed = true;
          break;
        }
        if (m.end == out.size() && m.begin < m.end) {
          out = trim_edges(out.substr(0, m.begin));
          changed = true;
          break;
        }
      }
      if (!changed) break;
    }
    // Spaces that pdftotext left between CJK characters are not part of a name.
    std::string compact;
    size_t pos = 0;
    while (pos < out.size()) {
      size_t at = pos;
      char32_t cp = text::decode(out, pos);
      if (text::is_space(cp)) {
        // keep a space between two ASCII words only
        bool ascii_before = at > 0 && static_cast<unsigned char>(out[at - 1]) < 0x80 &&
                            std::isalnum(static_cast<unsigned char>(out[at - 1]));
        bool ascii_after = pos < out.size() && static_cast<unsigned char>(out[pos]) < 0x80 &&
                           std::isalnum(static_cast<unsigned char>(out[pos]));
        if (ascii_before && ascii_after) compact.push_back(' ');
        continue;
      }
      compact.append(out.substr(at, pos - at));
    }
    // Brackets or quotes alone name nothing.
    bool word = false;
    for (size_t p2 = 0; p2 < compact.size();) {
      char32_t cp = text::decode(compact, p2);
      if (text::is_cjk(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp)))) word = true;
    }
    return word ? compact : std::string();
  }

  // An indicator is a name: one character left over is a function word (占,
  // 对, 相), not a name; a name longer than 40 characters has a list or a
  // clause before it, and the measured thing is what follows its last 的
  // (包河区、…的绿色建筑面积比例 → 绿色建筑面积比例).
  static std::string name_of(const std::string& ind) {
    constexpr size_t kLongest = 40;
    if (text::length(ind) < 2) return {};
    if (text::length(ind) <= kLongest) return ind;
    size_t de = ind.rfind("的");
    std::string tail = de == std::string::npos ? std::string() : trim_edges(ind.substr(de + 3));
    if (text::length(tail) >= 2 && text::length(tail) <= kLongest) return tail;
    return {};
  }

  std::string scope_at(Span sp) const {
    if (sp.e <= sp.b) return {};
    // Skip time, hedge words and spaces at the head.
    size_t p = sp.b;
    for (int i = 0; i < 8 && p < sp.e; ++i) {
      bool moved = false;
      for (const auto& t : times_)
        if (p >= t.begin && p < t.end) p = t.end, moved = true;
      for (const auto& h : hedges_)
        if (p >= h.b && p < h.e) p = h.e, moved = true;
      size_t q = p;
      if (q < sp.e) {
        char32_t cp = text::decode(s_, q);
        if (edge_punct(cp)) p = q, moved = true;
      }
      if (!moved) break;
    }
    if (p >= sp.e) return {};
    std::string_view head = s_.substr(p, sp.e - p);
    auto m = rules_.match_prefix("target_scope", head);
    if (!m) return {};
    std::string_view sc = m->has("scope") ? m->group("scope", head) : head.substr(0, m->end);
    return text::strip_spaces(sc);
  }

  static bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  }

  // s without the scope phrase at (or near) its head: 全省开展… → 开展…,
  // 为2021年全省新增… → 新增….
  static std::string strip_prefix(const std::string& s, const std::string& prefix) {
    std::string bare = text::strip_spaces(s);
    size_t at = bare.find(prefix);
    if (at != std::string::npos && at <= 12) return trim_edges(bare.substr(at + prefix.size()));
    return s;
  }

  bool starts_with_increase(Span pre) const {
    std::string t = text::strip_spaces(s_.substr(pre.b, pre.e - pre.b));
    auto m = rules_.match_prefix("target_verb", t);
    return m && m->attr("direction") == "increase";
  }

  // A value needs a goal: its own or a shared verb, a list it continues, or a
  // sentence that states goals (a time bound, a hedge, a goal section).
  bool verb_context_ok(const Verb* verb, const std::string& pre_text, bool first) const {
    if (verb) return true;
    if (!first) return !pre_text.empty();
    bool goal_sentence = !times_.empty() || !hedges_.empty() || section_year_.has_value();
    return goal_sentence && !pre_text.empty();
  }

  // The time expression a value falls under (the last one with a year
  // before it, inside its item or not) lies in the past.
  bool governed_by_past(size_t q_begin) const {
    const timex::TimeExpr* gov = nullptr;
    for (const auto& t : times_)
      if (t.year > 0 && t.end <= q_begin && !overlaps_any(baselines_, t.begin, t.end)) gov = &t;
    return gov && gov->past;
  }

  std::vector<int> years_for(size_t item_start, size_t q_begin, size_t n) const {
    std::vector<int> inside, before, after;
    for (const auto& t : times_) {
      if (t.year <= 0 || t.past || overlaps_any(baselines_, t.begin, t.end)) continue;
      if (t.begin >= item_start && t.end <= q_begin) inside.push_back(t.year);
      else if (t.end <= item_start) before.push_back(t.year);
      else if (t.begin >= q_begin) after.push_back(t.year);
    }
    if (!inside.empty()) return {inside.back()};
    if (!before.empty()) {
      // Years listed together (2025年和2030年，…分别…) pair with the values.
      if (n > 1 && before.size() >= n) return std::vector<int>(before.end() - n, before.end());
      return {before.back()};
    }
    if (!after.empty()) return {after.front()};
    if (section_year_) return {*section_year_};
    return {};
  }

  std::vector<std::string> split_indicator(const std::string& ind) const {
    std::vector<std::string> parts;
    size_t start = 0;
    for (const auto& m : rules_.find_all("target_split", ind)) {
      std::string part = trim_edges(ind.substr(start, m.begin - start));
      if (!part.empty()) parts.push_back(part);
      start = m.end;
    }
    std::string last = trim_edges(ind.substr(start));
    if (!last.empty()) parts.push_back(last);
    share_head(parts);
    return parts;
  }

  // Modifiers listed before one head noun name one indicator each:
  // 国家级、省级专精特新中小企业 → 国家级专精特新中小企业, 省级专精特新中小企业.
  // A part is a modifier when it is short and the last part opens with a
  // word of the same ending (级, 类, 型 …), after which the head follows.
  static void share_head(std::vector<std::string>& parts) {
    if (parts.size() < 2) return;
    const std::string& last = parts.back();
    std::u32string tail;
    for (size_t p = 0; p < last.size();) tail.push_back(text::decode(last, p));
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      std::u32string m;
      for (size_t p = 0; p < parts[i].size();) m.push_back(text::decode(parts[i], p));
      if (m.empty() || m.size() > 4 || tail.size() <= m.size() + 1) return;
      size_t end = tail.find(m.back());
      if (end == std::u32string::npos || end == 0 || end > 3 || end + 2 >= tail.size()) return;
      std::string head;
      for (size_t k = end + 1; k < tail.size(); ++k) text::append(head, tail[k]);
      parts[i] += head;
    }
  }

  std::string_view s_;
  const rules::RuleSet& rules_;
  const timex::Context& ctx_;
  const rules::Families& context_;  // context_families()
  rules::Scan scan_;
  std::vector<Qty> candidates_;
  std::optional<int> section_year_;
  std::vector<timex::TimeExpr> times_;
  std::vector<Span> baselines_;
  std::vector<int> baseline_years_;
  std::vector<Span> hedges_;
  std::vector<std::pair<Span, std::string>> cmp_prefix_;
  std::vector<std::pair<Span, std::string>> shared_;
  std::vector<Verb> verbs_;
  mutable std::vector<Span> segments_;  // built by segments() on first use
};

// What goal_section_year() found per section id: whether its title names
// goals (-1 not asked yet), and the year of the goal sections asked about.
struct GoalSections {
  std::vector<signed char> is_goal;
  std::map<int, std::optional<int>> year;
};

// Year of the lead phrase of the goal section containing `section`, if any.
std::optional<int> goal_section_year(const normalize::NormalizedText& text,
                                     const outline::Outline& outline, int section,
                                     const rules::RuleSet& rules, const timex::Context& ctx,
                                     GoalSections& memo) {
  auto& cache = memo.year;
  memo.is_goal.resize(outline.sections.size(), -1);
  for (int id = section; id > 0 && id < static_cast<int>(outline.sections.size());
       id = outline.sections[id].parent) {
    const auto& sec = outline.sections[id];
    signed char& goal = memo.is_goal[static_cast<size_t>(id)];
    if (goal < 0) goal = rules.any("target_goal_section", sec.title) ? 1 : 0;
    if (!goal) continue;
    auto it = cache.find(id);
    if (it != cache.end()) return it->second;
    std::optional<int> year;
    std::string_view body = std::string_view(text.text).substr(sec.body_begin,
                                                               std::min(sec.end, text.text.size()) - sec.body_begin);
    size_t nl = body.find("。");
    std::string_view lead = body.substr(0, nl == std::string_view::npos ? body.size() : nl);
    for (const auto& t : timex::find(lead, rules, ctx))
      if (t.year > 0 && !t.past) {
        year = t.year;
        break;
      }
    cache[id] = year;
    return year;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Target> extract_targets(const normalize::NormalizedText& text,
                                    const outline::Outline& outline,
                                    const std::vector<segment::Clause>& clauses,
                                    const Metadata& meta, const rules::RuleSet& rules) {
  std::vector<Target> out;
  const std::vector<values::Period> periods = values::load_periods(rules);
  timex::Context ctx = sentences::time_context(meta, periods, rules);
  ctx.keep_past = true;  // a value under a past year is a statistic, not a goal
  GoalSections section_years;
  sentences::PastSections past_section(outline, rules);
  // A sentence that reads as a report of the past (is_past()) yields no
  // targets: it is asked only of the few sentences that yield some, and
  // their time expressions are read as if it had said no.
  timex::Context sentence_ctx = ctx;
  sentence_ctx.known_not_past = true;
  const rules::Families context = SentenceReader::context_families(rules);

  for (const auto& sent : sentences::group(text.text, clauses)) {
    if (in_excluded(outline, sent.begin)) continue;
    if (past_section(clauses[sent.first].section)) continue;
    std::string_view body = std::string_view(text.text).substr(sent.begin, sent.end - sent.begin);
    // A sentence that grants money states a rule's terms, not goals.
    if (rules.any("target_rule_sentence", body)) continue;
    // Every target comes from a "target" quantity that passes its checks,
    // so a sentence without one yields nothing: the ~9 rule passes that
    // read() adds (time expressions, baselines, verbs, …) are for the few
    // sentences that have one.
    SentenceReader reader(body, rules, sentence_ctx, context);
    if (reader.empty()) continue;
    const segment::Clause& first = clauses[sent.first];
    auto section_year = goal_section_year(text, outline, first.section, rules, ctx, section_years);
    std::vector<Target> found = reader.read(section_year);
    if (found.empty() || timex::is_past(body, rules)) continue;
    for (auto& t : found) {
      t.begin += sent.begin;
      t.end += sent.begin;
      const segment::Clause* c = sentences::clause_at(clauses, sent, t.begin);
      t.clause = c ? c->id : -1;
      t.task = c && c->task >= 0 ? c->task : outline.task_at(t.begin);
      t.evidence = c ? std::string(text::trim(c->text)) : std::string(text::trim(body));
      t.page = text.page_of(t.begin);
      out.push_back(std::move(t));
    }
  }
  table_targets(outline, rules, ctx, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Target& a, const Target& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policydb::extract
