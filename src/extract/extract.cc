#include "extract/extract.h"

namespace policydb::extract {

Extraction extract_all(const normalize::NormalizedText& text, const outline::Outline& outline,
                       const std::vector<segment::Clause>& clauses, const Metadata& meta,
                       const rules::RuleSet& rules) {
  Extraction out;
  out.targets = extract_targets(text, outline, clauses, meta, rules);
  out.deadlines = extract_deadlines(text, outline, clauses, meta, rules);
  out.assignments = extract_assignments(text, outline, meta, rules);
  return out;
}

}  // namespace policydb::extract
