// Pass 2 of normalisation: whole lines that are not the notice's text —
// page numbers and boilerplate (rule families "page_number",
// "boilerplate"), headers and footers repeated across pages, table header
// rows printed again above a row the page break cut in two (whose parts are
// joined) — and the header of a scraped web page (family "page_header").
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/text.h"
#include "normalize/passes.h"
#include "rules/rules.h"

namespace policydb::normalize::internal {

namespace {

std::string running_key(std::string_view s) {
  // Page-independent form: digits (page numbers, dates) do not count.
  std::string key;
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const char32_t cp = text::decode(s, pos);
    if (cp >= '0' && cp <= '9') {
      if (key.empty() || key.back() != '#') key.push_back('#');
    } else if (!text::is_space(cp)) {
      key.append(s.substr(start, pos - start));
    }
  }
  return key;
}

bool whole_line_match(const rules::RuleSet& rules, std::string_view family, std::string_view line,
                      bool at_page_edge) {
  // A match from offset 0 needs a rule matching at offset 0: most lines fail
  // this anchored test within a few bytes, before any full search.
  if (!rules.any_prefix(family, line)) return false;
  for (const rules::Match& m : rules.find_all(family, line)) {
    if (m.begin != 0 || m.end != line.size()) continue;
    if (m.attr("edge_only") == "true" && !at_page_edge) continue;
    return true;
  }
  return false;
}

// Lines that appear at the top or bottom of most pages are headers/footers;
// a few lines further down the top they are repeated table headers.
// Returns the number of lines dropped.
int drop_running_lines(std::vector<Cleaned>& lines, const std::vector<PageLines>& pages) {
  int pages_with_text = 0;
  for (const PageLines& p : pages) pages_with_text += !p.content.empty();
  if (pages_with_text < 3) return 0;
  constexpr size_t kEdge = 2;          // header/footer lines on each end of a page
  constexpr size_t kTableHeader = 12;  // top lines where a table header may repeat
  constexpr size_t kMaxBytes = 80 * 3; // headers are short
  struct Seen {
    std::vector<size_t> lines;  // indices into `lines`, in document order
    bool at_edge = false;       // some occurrence is among the outermost lines
  };
  std::unordered_map<std::string, Seen> seen;
  std::unordered_map<std::string, int> page_count;
  for (const PageLines& p : pages) {
    std::map<std::string, bool> on_this_page;
    const size_t n = p.content.size();
    for (size_t k = 0; k < n; ++k) {
      const bool edge = k < kEdge || k + kEdge >= n;
      if (!edge && k >= kTableHeader) continue;
      const size_t idx = p.content[k];
      if (lines[idx].dropped || lines[idx].text.size() > kMaxBytes) continue;
      std::string key = running_key(lines[idx].text);
      if (key.empty() || key == "#") continue;  // bare numbers are the page_number rules' job
      // Below the edge, only a line at the same place on every page is a
      // repeated header; the same cell text elsewhere in a table is data.
      if (!edge) key = std::to_string(k) + ":" + key;
      Seen& s = seen[key];
      s.lines.push_back(idx);
      s.at_edge |= edge;
      on_this_page[key] = true;
    }
    for (auto& [key, _] : on_this_page) ++page_count[key];
  }
  const int threshold = std::max(3, (pages_with_text + 1) / 2);
  int dropped = 0;
  for (auto& [key, s] : seen) {
    if (page_count[key] < threshold) continue;
    // A repeated table header stays once: the outline reads the columns. A
    // header/footer goes everywhere, or it would interrupt a sentence.
    const bool keep_first = lines[s.lines.front()].table_row || !s.at_edge;
    for (size_t i = keep_first ? 1 : 0; i < s.lines.size(); ++i) {
      if (!lines[s.lines[i]].dropped) {
        lines[s.lines[i]].dropped = true;
        ++dropped;
      }
    }
  }
  return dropped;
}

// ------------------------------------------ pass 2b: rows across page breaks

// Byte ranges of the '\t'-separated cells of a table row.
std::vector<std::pair<size_t, size_t>> cells_of(std::string_view row) {
  std::vector<std::pair<size_t, size_t>> cells;
  size_t b = 0;
  for (size_t e = row.find('\t'); e != std::string_view::npos; e = row.find('\t', b)) {
    cells.push_back({b, e});
    b = e + 1;
  }
  cells.push_back({b, row.size()});
  return cells;
}

// A row number as a 序号 column prints it.
bool is_row_number(std::string_view cell) {
  if (cell.empty() || cell.size() > 3) return false;
  return std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True if table row `below`, the first row of a page, is the rest of `above`,
// the last row of the page before: a row the page break cut in two. Its
// pieces stand in the same columns, and either the cell that numbers
// `above` is empty in `below` (a continued row has no number of its own), or
// a cell of `below` starts with a mark no text starts with.
bool continues_row(std::string_view above, std::string_view below) {
  const auto a = cells_of(above), b = cells_of(below);
  if (a.size() != b.size() || a.size() < 2) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string_view ac = above.substr(a[i].first, a[i].second - a[i].first);
    const std::string_view bc = below.substr(b[i].first, b[i].second - b[i].first);
    if (is_row_number(ac) && bc.empty()) return true;
    if (!ac.empty() && cannot_start_line(text::first_char(bc))) return true;
  }
  return false;
}

// Appends bytes [b, e) of `src` to `out`, with their pieces.
void append_range(Cleaned& out, const Cleaned& src, size_t b, size_t e) {
  const size_t base = out.text.size();
  out.text.append(src.text, b, e - b);
  for (const Piece& p : src.pieces) {
    const size_t pb = std::max(p.begin, b), pe = std::min(p.begin + p.length, e);
    if (pb >= pe) continue;
    Piece q = p;
    q.begin = base + (pb - b);
    q.length = pe - pb;
    if (p.length == p.source_length) {  // copied bytes: clip the source alike
      q.source = p.source + (pb - p.begin);
      q.source_length = q.length;
    }
    out.pieces.push_back(q);
  }
}

// `above` with each cell of `below` appended to its own.
Cleaned merge_rows(const Cleaned& above, const Cleaned& below) {
  Cleaned merged = above;
  merged.text.clear();
  merged.pieces.clear();
  const auto a = cells_of(above.text), b = cells_of(below.text);
  for (size_t i = 0; i < a.size(); ++i) {
    if (i) append_range(merged, above, a[i].first - 1, a[i].first);  // the '\t'
    append_range(merged, above, a[i].first, a[i].second);
    if (a[i].second > a[i].first && b[i].second > b[i].first &&
        is_ascii_alnum(text::last_char(std::string_view(above.text).substr(a[i].first, a[i].second - a[i].first))) &&
        is_ascii_alnum(text::first_char(std::string_view(below.text).substr(b[i].first))))
      merged.text.push_back(' ');
    append_range(merged, below, b[i].first, b[i].second);
  }
  return merged;
}

// A table row cut by a page break goes on at the top of the next page, below
// the table's header row printed again. The two parts become one row; the
// repeated header between them goes. Returns the number of header rows dropped.
int join_rows_across_pages(std::vector<Cleaned>& lines, const std::vector<PageLines>& pages) {
  int dropped = 0;
  std::unordered_map<std::string, bool> rows_seen;  // table rows above, by text
  size_t last = kNone;  // the last line kept so far
  for (const PageLines& p : pages) {
    bool top = true;  // no line of this page kept yet
    std::vector<size_t> headers;  // repeated header rows at the top of the page
    for (size_t idx : p.content) {
      Cleaned& c = lines[idx];
      if (c.dropped) continue;
      if (top && last != kNone && lines[last].table_row && c.table_row && lines[last].page < c.page) {
        if (rows_seen.count(c.text) && headers.size() < 2) {
          headers.push_back(idx);
          continue;
        }
        if (continues_row(lines[last].text, c.text)) {
          lines[last] = merge_rows(lines[last], c);
          c.dropped = true;
          for (size_t h : headers) lines[h].dropped = true;
          dropped += static_cast<int>(headers.size());
          headers.clear();
          top = false;
          continue;
        }
      }
      top = false;
      if (c.table_row) rows_seen[c.text] = true;
      last = idx;
    }
    // Header rows not followed by a continued row stay where they are.
    if (!headers.empty()) last = headers.back();
  }
  return dropped;
}

}  // namespace

void drop_lines(std::vector<Cleaned>& lines, const std::vector<PageLines>& pages, const rules::RuleSet& rules,
                Stats& stats) {
  for (const PageLines& p : pages) {
    const size_t n = p.content.size();
    for (size_t k = 0; k < n; ++k) {
      Cleaned& c = lines[p.content[k]];
      const bool edge = k < 2 || k + 2 >= n;
      if (whole_line_match(rules, "page_number", c.text, edge)) {
        c.dropped = true;
        ++stats.page_numbers_removed;
      } else if (text::length_at_most(c.text, 200) && rules.any("boilerplate", c.text)) {
        c.dropped = true;
        ++stats.boilerplate_removed;
      }
    }
  }
  stats.running_lines_removed = drop_running_lines(lines, pages);
  stats.running_lines_removed += join_rows_across_pages(lines, pages);
}

// The header a scraped web page opens with: a `发布机关 YYYY-MM-DD` line
// and/or an address line among the first lines, and the title line above
// the first of them.
void mark_page_header(std::vector<Cleaned>& lines, const rules::RuleSet& rules) {
  constexpr size_t kHeaderLines = 3;
  std::vector<Cleaned*> first;
  for (Cleaned& c : lines) {
    if (first.size() == kHeaderLines) break;
    if (!c.dropped && !c.table_row) first.push_back(&c);
  }
  for (size_t k = 0; k < first.size(); ++k) {
    if (!whole_line_match(rules, "page_header", first[k]->text, true)) continue;
    first[k]->page_header = true;
    if (k == 1) first[0]->page_header = true;
  }
}

}  // namespace policydb::normalize::internal
