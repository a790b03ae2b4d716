#include "extract/sentences.h"

#include "extract/built_once.h"

#include "rules/rules.h"

namespace policydb::extract::sentences {

std::vector<Sentence> group(std::string_view text, const std::vector<segment::Clause>& clauses) {
  std::vector<Sentence> out;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto& c = clauses[i];
    if (c.end > text.size() || c.begin > c.end) continue;
    if (!out.empty()) {
      Sentence& s = out.back();
      const auto& prev = clauses[s.last];
      if (prev.sentence == c.sentence && !prev.in_table && !c.in_table && c.begin >= s.end) {
        s.end = c.end;
        s.last = i;
        continue;
      }
    }
    out.push_back(Sentence{c.begin, c.end, i, i});
  }
  return out;
}

const segment::Clause* clause_at(const std::vector<segment::Clause>& clauses, const Sentence& s,
                                 size_t offset) {
  const segment::Clause* best = nullptr;
  for (size_t i = s.first; i <= s.last && i < clauses.size(); ++i) {
    if (clauses[i].begin <= offset) best = &clauses[i];
    if (offset < clauses[i].end) break;
  }
  return best ? best : (s.first < clauses.size() ? &clauses[s.first] : nullptr);
}

PastSections::PastSections(const outline::Outline& outline, const rules::RuleSet& rules)
    : outline_(outline), rules_(rules), memo_(outline.sections.size(), -1) {}

bool PastSections::operator()(int section) {
  if (section <= 0 || section >= static_cast<int>(memo_.size())) return false;
  signed char& m = memo_[static_cast<size_t>(section)];
  if (m < 0) {
    const auto& s = outline_.sections[static_cast<size_t>(section)];
    // The parent test may recurse up the (short) chain of ancestors.
    m = rules_.any("past_section", s.title) || (*this)(s.parent) ? 1 : 0;
  }
  return m == 1;
}

int history_before(const Metadata& meta, const std::vector<values::Period>& periods) {
  if (meta.reference_year > 0) return meta.reference_year;
  const std::string title = values::bare(meta.title);
  const values::Period* best = nullptr;
  for (const auto& p : periods) {
    if (title.find(p.name) == std::string::npos) continue;
    if (!best || p.name.size() > best->name.size()) best = &p;
  }
  return best ? best->start : 0;
}

DocumentTime document_time(const Metadata& meta, const rules::RuleSet& rules) {
  DocumentTime t;
  t.table = built_once<PeriodTable>(rules);
  t.ctx.families = timex::families(rules);
  t.ctx.reference_year = meta.reference_year;
  t.ctx.past_before = history_before(meta, t.table->periods);
  t.ctx.periods = &t.table->periods;
  return t;
}

}  // namespace policydb::extract::sentences
