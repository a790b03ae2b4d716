#include "extract/extract.h"

namespace policydb::extract {

WholeText scan_whole_text(const normalize::NormalizedText& text, const rules::RuleSet& rules) {
  WholeText whole;
  // In the order of WholeText::Family.
  rules.scan(rules.families_of({"validity", "signature_inline", "doc_number_attachment", "standing_rule",
                                "target_flat_header"}),
             text.text, whole.scan);
  return whole;
}

const WholeText& whole_text_or_scan(const WholeText* given, const normalize::NormalizedText& text,
                                    const rules::RuleSet& rules, WholeText& own) {
  if (given) return *given;
  own = scan_whole_text(text, rules);
  return own;
}

Extraction extract_all(const normalize::NormalizedText& text, const outline::Outline& outline,
                       const std::vector<segment::Clause>& clauses, const Metadata& meta,
                       const rules::RuleSet& rules, const WholeText* given) {
  WholeText own;
  const WholeText& whole = whole_text_or_scan(given, text, rules, own);
  Extraction out;
  out.targets = extract_targets(text, outline, clauses, meta, rules, &whole);
  out.deadlines = extract_deadlines(text, outline, clauses, meta, rules);
  out.assignments = extract_assignments(text, outline, meta, rules, &whole);
  return out;
}

}  // namespace policydb::extract
