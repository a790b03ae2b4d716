// Normalise: raw pages → one clean UTF-8 text per document, with a map from
// every normalised byte back to (page, offset in that page's raw text).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::normalize {

// A run of normalised text that came from one contiguous stretch of one
// page. Bytes that were rewritten (full-width → half-width) get their own
// pieces; removed source bytes are simply not covered.
struct Piece {
  size_t begin = 0;      // offset in NormalizedText::text
  size_t length = 0;     // bytes in NormalizedText::text
  int page = 1;
  size_t source = 0;     // offset in RawDocument::pages[page-1].text
  size_t source_length = 0;
};

// Markup seen on a line before it was stripped: a hint for the outline.
struct Line {
  size_t begin = 0;  // [begin, end) in text, excluding the '\n'
  size_t end = 0;
  int page = 1;
  int heading_level = 0;   // Markdown '#' count (0: none)
  bool bold = false;       // **…** or <b>…</b> around the whole line
  bool paragraph = false;  // <p> around the line
  bool table_row = false;  // contains '\t' cell separators
  // The header of a scraped web page: its title line, its `发布机关
  // YYYY-MM-DD` line and its address line (rule family "page_header").
  bool page_header = false;
};

struct Stats {
  int wraps_joined = 0;
  int page_numbers_removed = 0;
  int running_lines_removed = 0;  // headers/footers repeated across pages
  int boilerplate_removed = 0;
};

struct NormalizedText {
  std::string text;          // lines separated by '\n'; table cells by '\t'
  std::vector<Line> lines;   // one per line of text, in order
  std::vector<Piece> pieces; // sorted by begin, non-overlapping
  Stats stats;

  // Page of the normalised byte `offset` (the nearest piece at or before it).
  int page_of(size_t offset) const;
  // Offset in the source page text of normalised byte `offset`.
  size_t source_of(size_t offset) const;
  // Index into `lines` of the line containing `offset`.
  size_t line_of(size_t offset) const;
};

// Rejoins wrapped lines, removes spaces inside CJK runs, maps full-width
// ASCII to half-width, drops page numbers, running headers/footers and the
// boilerplate lines of rule family "boilerplate", strips Markdown/HTML
// markup into Line hints. Never fails; an empty document gives empty text.
NormalizedText normalize(const ingest::RawDocument& doc, const rules::RuleSet& rules);

}  // namespace policydb::normalize
