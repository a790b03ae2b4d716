// Sentences as the extractors read them: the clauses that share
// Clause::sentence, as one span of the normalised text. Targets and
// deadlines are read per sentence because a leading time phrase (到2025年，…)
// or a closing note (…（完成期限：2021年四季度）。) governs the whole sentence.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "outline/outline.h"
#include "segment/segment.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::extract::sentences {

struct Sentence {
  size_t begin = 0, end = 0;  // from the first clause's begin to the last clause's end
  size_t first = 0, last = 0; // indexes into the clause vector, inclusive
};

// Consecutive clauses with the same sentence index, in order. A table clause
// (in_table) is a sentence of its own.
std::vector<Sentence> group(std::string_view text, const std::vector<segment::Clause>& clauses);

// The clause of `s` containing byte `offset`, or the nearest before it.
const segment::Clause* clause_at(const std::vector<segment::Clause>& clauses, const Sentence& s,
                                 size_t offset);

// Whether a section or one of its ancestors is titled as a review of past
// work (rule family "past_section": 取得的成效, 工作回顾 …), for one
// document's outline, each section's title read at most once (sentences of
// the same section ask again and again).
class PastSections {
 public:
  PastSections(const outline::Outline& outline, const rules::RuleSet& rules);
  bool operator()(int section);

 private:
  const outline::Outline& outline_;
  const rules::RuleSet& rules_;
  std::vector<signed char> memo_;  // by section id: -1 unknown, else 0/1
};

// The first year that is not history for this document: its reference year,
// else the first year of a plan period its title names (乌海市“十四五”…规划 →
// 2021), else 0 (no check).
int history_before(const Metadata& meta, const std::vector<values::Period>& periods);

// The plan periods of a rule set's `period` table, read once per rule set
// (built_once) instead of once per document and extractor.
struct PeriodTable {
  std::vector<values::Period> periods;
  explicit PeriodTable(const rules::RuleSet& rules) : periods(values::load_periods(rules)) {}
};

// The time context both extractors read a document with: its reference year,
// where history ends, the plan periods and the families timex::find() scans
// for. `table` keeps the periods ctx.periods points into alive.
struct DocumentTime {
  std::shared_ptr<const PeriodTable> table;
  timex::Context ctx;
};
DocumentTime document_time(const Metadata& meta, const rules::RuleSet& rules);

}  // namespace policydb::extract::sentences
