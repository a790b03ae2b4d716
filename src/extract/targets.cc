// Targets (gold/README.md §2): quantitative goals, one record per indicator.
//
// Each sentence with a quantity is read by the sentence reader
// (target_reader.h): quantities, their verbs, scopes and indicators.
// Tables whose title or header names goals give one target per row
// (target_tables.cc). All vocabulary is in rules/targets.toml.
#include <algorithm>
#include <map>
#include <optional>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/sentences.h"
#include "extract/target_reader.h"
#include "extract/target_tables.h"
#include "extract/timex.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

using target_reading::SentenceReader;

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
                                    const Metadata& meta, const rules::RuleSet& rules,
                                    const WholeText* whole) {
  std::vector<Target> out;
  sentences::DocumentTime doc_time = sentences::document_time(meta, rules);
  timex::Context& ctx = doc_time.ctx;
  ctx.keep_past = true;  // a value under a past year is a statistic, not a goal
  GoalSections section_years;
  sentences::PastSections past_section(outline, rules);
  // A sentence that reads as a report of the past (is_past()) yields no
  // targets: it is asked only of the few sentences that yield some, and
  // their time expressions are read as if it had said no.
  timex::Context sentence_ctx = ctx;
  sentence_ctx.known_not_past = true;
  const rules::Families context = SentenceReader::context_families(rules);
  const target_reading::Marks marks = target_reading::Marks::read(rules);
  const rules::Families quantity_families = SentenceReader::quantity_families(rules);
  rules::Scan scan;

  for (const auto& sent : sentences::group(text.text, clauses)) {
    if (in_excluded(outline, sent.begin)) continue;
    if (past_section(clauses[sent.first].section)) continue;
    std::string_view body = std::string_view(text.text).substr(sent.begin, sent.end - sent.begin);
    // Every target comes from a "target" quantity that passes its checks;
    // a sentence that grants money states a rule's terms, not goals. One
    // Set pass tells whether there is a quantity (and whether a formula
    // hides digits), so most sentences end here, and the ~9 rule passes
    // that read() adds (time expressions, baselines, verbs, …) are for the
    // few that have one a value can stand for and no rule's terms.
    rules.scan(quantity_families, body, scan);
    if (!SentenceReader::holds_quantity(scan)) continue;
    SentenceReader reader(body, rules, sentence_ctx, context, marks, scan);
    if (reader.empty() || SentenceReader::states_rule(body, rules)) continue;
    const segment::Clause& first = clauses[sent.first];
    std::vector<Target> found = reader.read(
        [&] { return goal_section_year(text, outline, first.section, rules, ctx, section_years); });
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
  WholeText own;
  flat_table_targets(text, outline, rules, whole_text_or_scan(whole, text, rules, own), ctx, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Target& a, const Target& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policydb::extract
