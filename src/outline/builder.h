// Inside the outline stage: the state its passes share while one document is
// read (lines.cc classifies lines, tree.cc builds the heading tree, tables.cc
// reads tables, tasks.cc finds notes and makes tasks). Not part of the API.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/normalize.h"
#include "outline/outline.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::outline::internal {

enum class LineType { kEmpty, kText, kHeading, kHeadingCont, kTable, kToc, kSignature, kContact };

struct Heading {
  Kind kind = Kind::kHeading;
  size_t begin = std::string::npos;  // where the section starts, if not at the marker's line
  std::string number;
  int ordinal = 0;
  size_t title_begin = 0, title_end = 0;  // in the document text
  size_t body_begin = 0;
  std::string title;
};

struct LineInfo {
  LineType type = LineType::kEmpty;
  size_t begin = 0, end = 0;  // trimmed content
  Heading heading;
};

// A run of table lines in the document.
struct TableBlock {
  size_t first = 0, last = 0;  // line indices, inclusive
};

struct NoteHit {
  size_t begin = 0, end = 0;  // the note's text (without brackets)
  size_t line_end = 0;
};

// One document being outlined: its text, the classified lines and what the
// passes have found so far. Passes run in order: classify, build_tree (which
// reads tables as it meets them), find_notes, make_tasks, finish.
struct Builder {
  Builder(const normalize::NormalizedText& text, const rules::RuleSet& r) : t(text), s(text.text), rules(r) {}

  const normalize::NormalizedText& t;
  std::string_view s;  // t.text
  const rules::RuleSet& rules;
  std::vector<LineInfo> lines;
  std::vector<TableBlock> blocks;
  std::map<size_t, size_t> block_of_first_line;
  Outline out;
  std::map<int, NoteHit> notes;                          // section id → its closing note
  std::map<int, std::vector<NoteHit>> paragraph_notes;   // section id → every note, in order
  std::map<std::pair<int, Kind>, int> last_ordinal;      // (parent, kind) → last child's ordinal
  std::vector<bool> allocation_in;                       // section id → holds an allocation table
  std::vector<Task> table_tasks;                         // tasks of 分工表 rows

  std::string_view line_text(size_t i) const { return s.substr(lines[i].begin, lines[i].end - lines[i].begin); }
};

// The passes, in the order Builder's comment gives.
void classify(Builder& b);                                               // lines.cc
void build_tree(Builder& b);                                             // tree.cc
void parse_table(Builder& b, const TableBlock& block, int section);     // tables.cc
void find_notes(Builder& b);                                             // tasks.cc
void make_tasks(Builder& b);                                             // tasks.cc
void finish(Builder& b);                                                 // tasks.cc

// Small helpers shared by the passes (outline.cc).

// [b, e) of `s` without leading and trailing white space, as offsets.
std::pair<size_t, size_t> trim_span(std::string_view s, size_t b, size_t e);
size_t skip_spaces(std::string_view s, size_t pos, size_t end);
// The code point that ends at `pos` (pos > 0), and where it starts.
char32_t prev_cp(std::string_view s, size_t pos, size_t* start = nullptr);
// The Kind a heading rule's `kind` attribute names.
std::optional<Kind> kind_from_attr(std::string_view k);
// Nesting rank: a heading closes every open section of equal or higher rank.
int rank(Kind k);
bool contains_any(std::string_view s, std::initializer_list<char32_t> cps);

}  // namespace policydb::outline::internal
