// Segment: sentences from ICU's BreakIterator, then clause boundaries at
// `；` and label colons by rules of family "clause_break". A clause never
// crosses a line that is a heading, a table cell boundary or a page header.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "outline/outline.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::segment {

struct Clause {
  int id = 0;                 // 0-based, in document order
  size_t begin = 0, end = 0;  // span in the normalised text (trimmed)
  std::string text;           // == normalised text[begin, end)
  int sentence = 0;           // index of the sentence it belongs to
  int page = 1;
  int section = 0;            // innermost section id
  int task = -1;              // task id or -1
  bool in_table = false;
};

std::vector<Clause> segment(const normalize::NormalizedText& text, const outline::Outline& outline,
                            const rules::RuleSet& rules);

}  // namespace policydb::segment
