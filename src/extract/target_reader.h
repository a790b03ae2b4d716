// The sentence reader of targets (gold/README.md §2), split from targets.cc.
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
// words are removed. All vocabulary is in rules/targets.toml.
//
// target_reader.cc finds and checks the quantities, target_items.cc reads
// the value lists into targets, target_names.cc cleans names and scopes.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extract.h"
#include "extract/timex.h"
#include "rules/rules.h"

namespace policydb::extract::target_reading {

struct Span {
  size_t b = 0, e = 0;
};

// The particles and marks the reader reads by their role, from table
// `target_mark` of rules/targets.toml (issue 15: no words in C++): the
// attributive 的, the list separator 、, book title and quote marks.
struct Marks {
  std::string attributive, list_separator, title_open, title_close, quote_open, quote_close, percent;
  static Marks read(const rules::RuleSet& rules);
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
  bool class_bound = false;  // … before 的 (10家以上的龙头企业): only after a goal verb that is no comparison
  bool share_cue = false;  // a target_not_after cue with 的 right after it (80%以上的…)
};

struct Verb {
  size_t b = 0, e = 0;
  std::string direction;
  std::string comparator;  // for comparison verbs (超过 → >)
};

// What one value list's reading hands on to the next lists of the sentence.
struct ListState {
  bool hedge_active = false;
  size_t last_seg_with_qty = static_cast<size_t>(-1);
  std::string last_direction, last_indicator, last_scope;
  bool last_counted_noun = false;  // the last item counted a noun named after its value
  bool last_percent_change = false;  // the last item changed a measure by a percentage (下降14%)
  size_t prev_group_end = 0;
  size_t prev_group_seg = static_cast<size_t>(-1);
};

// One value list being read: where its item lies, what governs it and
// what it names.
struct Item {
  const Qty* q0 = nullptr;  // first and last value of the list
  const Qty* ql = nullptr;
  size_t seg = 0;
  Span sg;
  bool same_seg = false;
  size_t item_start = 0;
  const Verb* verb = nullptr;  // the governing verb
  Span pre, mid, after;
  bool own_verb = false, inherited = false;
  std::string direction;
  std::string pre_text, mid_raw, mid_text, after_text;
  bool share_form = false;
  std::string scope, indicator;
  size_t item_end = 0;
  bool counted_noun = false;
  bool aspirational = false;
  std::optional<int> baseline;
  std::vector<int> years;
  std::vector<std::string> indicators;
  std::vector<std::string> scopes;  // one per value when 分别 pairs values with the subject's list
};

std::string cmp_of_groups(const rules::Match& m);
// Characters trimmed from the edges of an indicator or scope.
bool edge_punct(char32_t cp);
std::string trim_edges(std::string_view s);
// Units as the gold writes them: ％ → %, 吨／天 → 吨/天.
std::string halfwidth(std::string_view s);
bool han_at(std::string_view s);
bool bare_number_ends_at(std::string_view s);

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
  // The families every sentence is asked about first, in one Set pass:
  // most sentences are done after it, because they hold no quantity.
  enum QuantityFamily : size_t { kFormula, kQuantity };
  static rules::Families quantity_families(const rules::RuleSet& rules) {
    return rules.families_of({"target_formula", "target"});
  }
  // Whether a sentence holds a quantity, from its scan with
  // quantity_families().
  static bool holds_quantity(const rules::Scan& scan) { return scan.any(kQuantity); }
  // Whether a sentence states a rule's terms (grants money, sets a
  // qualification, …): its quantities are no targets. The rule families
  // are large: they are asked last, of the few sentences with a quantity
  // that keep_alone() keeps, and any() stops at the first match.
  static bool states_rule(std::string_view sentence, const rules::RuleSet& rules) {
    return rules.any("target_rule_sentence", sentence);
  }

  // `scan`: the sentence's scan with quantity_families().
  SentenceReader(std::string_view s, const rules::RuleSet& rules, const timex::Context& ctx,
                 const rules::Families& context, const Marks& marks, const rules::Scan& scan)
      : s_(s), rules_(rules), ctx_(ctx), context_(context), marks_(marks) {
    candidates_ = candidates(scan);
  }

  // No quantity can make a target: read() would return nothing.
  bool empty() const { return candidates_.empty(); }

  // `section_year` gives the year of the goal section around the sentence;
  // it is asked only when a quantity passes every check (a few percent of
  // the sentences that reach read()), since finding it reads the section's
  // lead for time expressions.
  std::vector<Target> read(const std::function<std::optional<int>()>& section_year);

 private:
  template <typename Keep>
  static void drop_unless(std::vector<Qty>& qs, Keep keep) {
    qs.erase(std::remove_if(qs.begin(), qs.end(), [&](const Qty& q) { return !keep(q); }), qs.end());
  }

  // target_reader.cc: the context families, ...
  void read_baselines();
  void read_hedges();
  void read_cmp_prefix();
  void read_shared();
  void read_verbs();
  // ... segments and separators, ...
  const std::vector<Span>& segments() const;
  bool thousands_comma(size_t at) const;
  size_t segment_of(size_t pos) const;
  bool overlaps_any(const std::vector<Span>& spans, size_t b, size_t e) const;
  bool in_time(size_t b, size_t e) const;
  bool only_separators(size_t b, size_t e) const;
  size_t skip_separators(size_t b, size_t limit) const;
  size_t next_boundary(size_t from, const std::vector<size_t>& g, const std::vector<Qty>& qs) const;
  // ... and the checks of the quantities.
  std::vector<Qty> candidates(const rules::Scan& scan) const;
  bool keep_alone(Qty& q) const;
  bool outside_time_and_baseline(const Qty& q) const;
  bool keep_by_comparison(const Qty& q) const;
  bool keep_by_verbs(const Qty& q) const;
  bool right_after_verb(size_t pos, bool no_comparison = false) const;
  std::vector<Span> bracket_qualifiers() const;
  bool cmp_prefixed(size_t pos) const;
  bool head_of_segment(size_t pos) const;
  bool quoted_name(const Qty& q) const;
  bool in_book_title(const Qty& q) const;
  std::string share_modifier(const Qty& a, const Qty& b) const;

  // target_items.cc: value lists read into targets.
  std::vector<Target> read(const std::vector<Qty>& qs);
  std::vector<std::vector<size_t>> value_lists(const std::vector<Qty>& qs) const;
  std::vector<std::vector<size_t>> share_lists(const std::vector<Qty>& qs) const;
  void read_share_list(const std::vector<size_t>& list, const std::vector<Qty>& qs, const ListState& st,
                       std::vector<Target>& out) const;
  void place_item(Item& it, const std::vector<size_t>& g, const std::vector<Qty>& qs,
                  const ListState& st, bool first) const;
  bool keeps_frame(Item& it, const ListState& st, bool first) const;
  bool sizes_last_count(const Item& it, const std::vector<Qty>& qs) const;
  void parallel_class(Item& it, const std::string& last) const;
  void find_scope(Item& it, const ListState& st) const;
  void cut_counted_task(std::string& indicator, const std::string& unit) const;
  bool name_item(Item& it, const std::vector<size_t>& g, const ListState& st);
  std::string choose_indicator(Item& it, const std::string& last) const;
  void read_hedge(Item& it, ListState& st) const;
  void pair_indicators(Item& it, const std::vector<size_t>& g) const;
  std::optional<std::vector<std::string>> measures_listed(const std::string& ind) const;
  void emit_list(const Item& it, const std::vector<size_t>& g, const std::vector<Qty>& qs,
                 std::vector<Target>& out) const;

  // target_names.cc: names, scopes, years.
  std::string clean(Span sp) const;
  std::string name_of(const std::string& ind) const;
  bool holds_value(const std::string& ind) const;
  std::string scope_at(Span sp) const;
  static bool ends_with(const std::string& s, std::string_view suffix);
  std::string strip_prefix(const std::string& s, const std::string& prefix) const;
  std::string strip_edges(std::string out) const;
  bool starts_with_increase(Span pre) const;
  bool verb_context_ok(const Verb* verb, const std::string& pre_text, bool first) const;
  bool stock_count(const Qty& q) const;
  bool governed_by_past(size_t q_begin) const;
  std::vector<int> years_for(size_t item_start, size_t q_begin, size_t n) const;
  std::vector<std::string> listed_items(const std::string& ind, bool* only_list_separator) const;
  std::vector<std::string> split_indicator(const std::string& ind) const;
  static void share_head(std::vector<std::string>& parts);
  void share_measure(std::vector<std::string>& parts) const;
  void share_modifier(std::vector<std::string>& parts) const;
  // Group `group` of the last target_name_parts match in `name` that has
  // it, if any (the matches do not overlap: the last is the one nearest
  // the name's end).
  std::optional<std::string_view> name_part(std::string_view name, std::string_view group) const;

  std::string_view s_;
  const rules::RuleSet& rules_;
  const timex::Context& ctx_;
  const rules::Families& context_;  // context_families()
  const Marks& marks_;
  rules::Scan scan_;
  std::vector<Qty> candidates_;
  std::optional<int> section_year_;
  std::vector<timex::TimeExpr> times_;
  std::vector<Span> baselines_;
  std::vector<int> baseline_years_;
  std::vector<Span> hedges_;
  std::vector<Span> qualifiers_;  // bracket_qualifiers(), read only when one may match
  std::vector<std::pair<Span, std::string>> cmp_prefix_;
  std::vector<std::pair<Span, std::string>> shared_;
  std::vector<Verb> verbs_;
  mutable std::vector<Span> segments_;  // built by segments() on first use
};

}  // namespace policydb::extract::target_reading
