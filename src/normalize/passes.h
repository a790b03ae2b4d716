// Inside the normalize stage (private): the cleaned line the passes hand
// on, and the passes themselves. normalize.cc runs them in order:
//   1. clean.cc   clean each raw line (markup → hints, spaces, full-width
//                 letters and digits), recording where every byte came from;
//   2. drop.cc    drop whole lines: page numbers, boilerplate, running
//                 headers/footers, table headers repeated inside a cut row;
//   3. layout.cc  measure margins, indentation and blank lines per page;
//      unwrap.cc  break flattened lines at inline numbering, decide for each
//                 pair of neighbouring lines whether the break between them
//                 is a wrap or a real paragraph/heading break, and
//   4.            assemble the text, its pieces and its lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "normalize/normalize.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::normalize::internal {

// One cleaned line: text plus pieces relative to the start of `text`.
struct Cleaned {
  std::string text;
  std::vector<Piece> pieces;  // Piece::begin relative to text
  int page = 1;
  int indent = 0;         // leading columns of white space in the raw line
  int right_edge = 0;     // indent + columns of the raw content
  int heading_level = 0;
  bool bold = false;
  bool paragraph = false;
  bool table_row = false;
  int blank_before = 0;  // blank raw lines just before this one on the same page
  bool dropped = false;
  // A few characters the layout split off the end of a full line: they end
  // where that line ended.
  bool tail_of_full_line = false;
  // Starts with a heading or line-start marker: 1 or 0, -1 until
  // unwrapping asks.
  signed char starts_block = -1;
  // Broken off the raw line before it (inline numbering of a flattened
  // text): never joined to it again.
  bool break_before = false;
  bool page_header = false;  // see Line::page_header
};

// The document's lines on one page.
struct PageLines {
  std::vector<size_t> content;  // indices into the document's lines, non-empty only
};

constexpr size_t kNone = size_t(-1);

// Character classes the passes share (normalize.cc).
bool is_ascii_alnum(char32_t c);
// Characters a line cannot start with unless it continues the previous one.
bool cannot_start_line(char32_t c);

// Pass 1 (clean.cc): every page's raw lines cleaned, blank ones counted
// into the next line's blank_before; `pages` gets each page's line indices
// and `page_min_indent` its smallest indent outside tables.
std::vector<Cleaned> read_pages(const ingest::RawDocument& doc, std::vector<PageLines>& pages,
                                std::vector<int>& page_min_indent);

// Pass 2 (drop.cc): marks page numbers (bare numbers only at a page's edge),
// boilerplate, then running headers/footers and repeated table headers as
// dropped, counting them into `stats`.
void drop_lines(std::vector<Cleaned>& lines, const std::vector<PageLines>& pages, const rules::RuleSet& rules,
                Stats& stats);

// Marks the header a scraped web page opens with (drop.cc).
void mark_page_header(std::vector<Cleaned>& lines, const rules::RuleSet& rules);

// How a page's lines are laid out (layout.cc).
struct Layout {
  // Right edges where wrapped lines end (body text, narrower boxes), widest
  // last; empty: lines are paragraphs.
  std::vector<int> margins;
  bool blank_lines_meaningful = false;
  bool indentation_meaningful = false;
};

// How far short of a margin a wrapped line may end (layout.cc).
int tolerance(int margin);

// Pass 3a (layout.cc): each page's layout, its own if it has enough lines,
// else the document's.
std::vector<Layout> page_layouts(const std::vector<Cleaned>& lines, const std::vector<PageLines>& pages,
                                 const std::vector<int>& page_min_indent);

// Pass 3b (unwrap.cc): each line broken where InlineBreaks finds inline
// numbering or a cover letter's end (text that lost its line breaks).
std::vector<Cleaned> break_flattened(std::vector<Cleaned>& lines, const rules::RuleSet& rules);

// Pass 3c and 4 (unwrap.cc): the kept lines joined where a break is a wrap,
// into `result`'s text, pieces, lines and wraps_joined.
void assemble(std::vector<Cleaned>& lines, const std::vector<Layout>& layouts, const std::vector<int>& page_min_indent,
              bool pdf, const rules::RuleSet& rules, NormalizedText& result);

}  // namespace policydb::normalize::internal
