// Tables on a PDF page, rebuilt from positioned words. A ruled table's cells
// wrap inside their columns, so the page's text in reading order interleaves
// the cells of a row line by line; here each table row becomes one line with
// '\t' between its cells (empty cells for merged ones), as in TXT notices.
// Pure geometry: no Poppler here (pdf.cc feeds the words).
#pragma once

#include <string>
#include <vector>

namespace policydb::ingest::pdf_tables {

// A word as placed on the page; y grows downwards, units are points.
struct Word {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;         // UTF-8
  bool space_after = false;  // the producer put a space after it
};

struct Table {
  double top = 0, bottom = 0;     // extent of the table's words on the page
  std::vector<std::string> rows;  // one per table row, cells joined by '\t'
};

// Tables found among the page's words, top to bottom. A table is a run of
// lines whose words fall into two or more columns separated by gaps that no
// word of the run crosses, with at least three lines that have words in two
// columns. Rows are told apart by the extra space between them (cell padding
// and rules) compared with the spacing of lines wrapped inside a cell.
std::vector<Table> find_tables(std::vector<Word> words);

}  // namespace policydb::ingest::pdf_tables
