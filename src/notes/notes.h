// Responsibility notes (（市发展改革委牵头，各县区政府配合）, 责任单位：…): the one
// place that finds where a note is in a text, with the vocabulary of
// rules/notes.toml. normalize and the outline ask whether a line closes with
// a note (a task ends there); the extractor asks for every note of a task
// and reads what each says (extract/note_parse.cc).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policydb::rules {
class RuleSet;
}

namespace policydb::notes {

// A note in a text: [begin, end) is what is read (the inside of the
// brackets, or a label and its list), [whole_begin, whole_end) the note as
// written, brackets included.
struct Note {
  size_t begin = 0, end = 0;
  size_t whole_begin = 0, whole_end = 0;
  std::string copy;  // set when the note is not a span of the text (a table cell)
};

// ------------------------------------------------- a note closing a line
// Rule family note_marker: a bracketed note, a bare bracketed list of bodies
// or a label line at the end of one normalised line.

// The note closing `line`, offsets into `line`; none when the line does not
// end with one.
std::optional<Note> closing_note(std::string_view line, const rules::RuleSet& rules);
// Whether `line` ends with a note (closing_note would find one).
bool closes_with_note(std::string_view line, const rules::RuleSet& rules);
// Whether `line` is a note and nothing else (a note on a line of its own).
bool is_note_line(std::string_view line, const rules::RuleSet& rules);

// ------------------------------------------------- every note of a span
// Bracketed groups (any of （(〔【［, nested, one left open runs to its
// line's end) and label lines outside them (family note_label: 责任单位：…
// to the end of the line or sentence) in [b, e) of `t`, skipping `holes`
// (nested tasks' spans), sorted by begin. Candidates: whether one reads as
// a note is for the reader to say.
std::vector<Note> find_notes(std::string_view t, size_t b, size_t e,
                             const std::vector<std::pair<size_t, size_t>>& holes,
                             const rules::RuleSet& rules);

}  // namespace policydb::notes
