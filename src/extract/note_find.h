// Where a task's responsibility notes are (assignments.cc): bracketed groups
// and label lines in its text.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rules/rules.h"

namespace policydb::extract {

// A note found in the normalised text: [begin, end) is what was parsed (the
// inside of the brackets), [whole_begin, whole_end) the note as written.
struct FoundNote {
  size_t begin = 0, end = 0;
  size_t whole_begin = 0, whole_end = 0;
  std::string copy;  // set when the note is not a span of the text (a table cell)
};

// Bracketed groups and label lines in [b, e) of the text, skipping `holes`
// (nested tasks' spans), sorted by begin.
std::vector<FoundNote> find_notes(const std::string& t, size_t b, size_t e,
                                  const std::vector<std::pair<size_t, size_t>>& holes,
                                  const rules::RuleSet& rules);

}  // namespace policydb::extract
