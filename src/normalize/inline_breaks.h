// Where a scraped text that lost its line breaks should be broken again.
// A notice flattened into one long line still carries its numbering inline
// (`……工作。〔责任单位：市民政局〕2.补齐……`, `制定本方案。一、总体要求（一）指导
// 思想。`) and its cover letter's signature (`……请认真组织实施。广安市人民政府
// 办公室2022年2月11日关于…的实施方案为贯彻…`). The outline reads headings only
// at a line's start, so normalize breaks the line there: before a numbering
// marker of rule family "heading" that follows the end of a sentence or note
// and runs in sequence with the numbering seen so far (`2.` after `1.`, `（三）`
// after `（二）`), and around an issuer and date of family "inline_signature"
// and the title of family "inline_title" after them; a paragraph also ends
// after a responsibility note (notes::closes_with_note) that closes it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policydb::rules {
class RuleSet;
struct Match;
}

namespace policydb::normalize {

class InlineBreaks {
 public:
  explicit InlineBreaks(const rules::RuleSet& rules);

  // Byte offsets in `line` (ascending, each > 0 and < line.size()) before
  // which the line breaks. Every call also records the numbering `line`
  // holds, so call it on every line of a document, in order.
  std::vector<size_t> find(std::string_view line);

 private:
  // The numbering of one kind of heading (part, section, item, …).
  struct Count {
    int last = 0;        // last number seen, 0 if none
    bool restarted = false;  // a heading above it came since: 1 may start again
  };
  // A heading starting at `pos`, if the text there is one in sequence.
  struct Heading {
    size_t marker_end = 0;
    int rank = -1;
    bool in_sequence = false;  // the next number of its kind
  };
  Heading heading_at(std::string_view line, size_t pos, int below_rank) const;
  // The same for a heading match `m` of `rest` (= line.substr(pos)).
  Heading heading_of(const std::optional<rules::Match>& m, std::string_view rest, size_t pos, int below_rank) const;
  // Every numbering kind starts again from 1 (an attachment, a sent document).
  void restart_numbering();
  void record(std::string_view line, size_t pos);
  void record(const std::optional<rules::Match>& m, std::string_view rest);
  size_t signature_at(std::string_view line, size_t pos, std::vector<size_t>& breaks) const;
  size_t salutation_end(std::string_view line) const;
  bool ends_note(std::string_view line, size_t pos) const;
  bool may_start_heading(std::string_view line, size_t pos) const;

  const rules::RuleSet& rules_;
  // The characters a heading can start with (table heading_first), sorted;
  // empty: every position is asked.
  std::vector<char32_t> heading_first_;
  std::map<std::string, Count> counts_;  // by heading kind
};

}  // namespace policydb::normalize
