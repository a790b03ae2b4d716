#include "ingest/pdf_tables.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/text.h"

namespace policydb::ingest::pdf_tables {
namespace {

struct Line {
  double y0 = 0, y1 = 0, x0 = 0, x1 = 0;
  std::vector<Word> words;  // left to right
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Words whose vertical centres fall inside a line's extent share the line.
std::vector<Line> group_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.y0 + a.y1 < b.y0 + b.y1;
  });
  std::vector<Line> lines;
  for (auto& w : words) {
    const double mid = (w.y0 + w.y1) / 2;
    if (lines.empty() || mid > lines.back().y1) {
      lines.push_back({w.y0, w.y1, w.x0, w.x1, {}});
    }
    Line& l = lines.back();
    l.y0 = std::min(l.y0, w.y0);
    l.y1 = std::max(l.y1, w.y1);
    l.x0 = std::min(l.x0, w.x0);
    l.x1 = std::max(l.x1, w.x1);
    l.words.push_back(std::move(w));
  }
  for (auto& l : lines)
    std::sort(l.words.begin(), l.words.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
  return lines;
}

// Largest horizontal gap between neighbouring words of a line.
double widest_gap(const Line& l) {
  double gap = 0;
  for (size_t i = 1; i < l.words.size(); ++i) gap = std::max(gap, l.words[i].x0 - l.words[i - 1].x1);
  return gap;
}

struct Gap {
  double x0, x1;
};

// Horizontal stretches that no word of lines[first..last] covers, between
// the leftmost and rightmost word, at least `min_width` wide.
std::vector<Gap> column_gaps(const std::vector<Line>& lines, size_t first, size_t last, double min_width) {
  std::vector<std::pair<double, double>> spans;
  for (size_t i = first; i <= last; ++i)
    for (const auto& w : lines[i].words) spans.emplace_back(w.x0, w.x1);
  std::sort(spans.begin(), spans.end());
  std::vector<Gap> gaps;
  if (spans.empty()) return gaps;
  double reach = spans[0].second;
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first - reach >= min_width) gaps.push_back({reach, spans[i].first});
    reach = std::max(reach, spans[i].second);
  }
  return gaps;
}

// True if every gap of `before` still holds a gap of `after`: the columns
// were refined (a short header cell over several columns), not bridged.
bool refines(const std::vector<Gap>& before, const std::vector<Gap>& after) {
  for (const auto& g : before) {
    bool kept = false;
    for (const auto& n : after) kept |= n.x0 < g.x1 && n.x1 > g.x0;
    if (!kept) return false;
  }
  return true;
}

size_t column_of(const Word& w, const std::vector<Gap>& gaps) {
  const double mid = (w.x0 + w.x1) / 2;
  size_t c = 0;
  while (c < gaps.size() && mid > gaps[c].x0) ++c;
  return c;
}

size_t columns_used(const Line& l, const std::vector<Gap>& gaps) {
  std::vector<bool> used(gaps.size() + 1, false);
  for (const auto& w : l.words) used[column_of(w, gaps)] = true;
  return size_t(std::count(used.begin(), used.end(), true));
}

bool wide(char32_t cp) { return text::is_cjk(cp) || text::is_cjk_punct(cp); }

// Joins two pieces of one cell: Chinese text runs on without a space; a space
// stays between Latin words and numbers.
void join(std::string& cell, const std::string& piece, bool spaced) {
  if (piece.empty()) return;
  if (!cell.empty() && spaced && !wide(text::last_char(cell)) && !wide(text::first_char(piece))) cell += ' ';
  cell += piece;
}

Table build(const std::vector<Line>& lines, size_t first, size_t last, const std::vector<Gap>& gaps,
            double height) {
  Table t;
  t.top = lines[first].y0;
  t.bottom = lines[first].y1;
  // Spacing of lines wrapped inside one cell: the smallest distance between
  // consecutive lines that both have words in the same column.
  double wrap = std::numeric_limits<double>::infinity();
  for (size_t i = first + 1; i <= last; ++i) {
    std::vector<bool> above(gaps.size() + 1, false);
    for (const auto& w : lines[i - 1].words) above[column_of(w, gaps)] = true;
    for (const auto& w : lines[i].words)
      if (above[column_of(w, gaps)]) wrap = std::min(wrap, lines[i].y0 - lines[i - 1].y1);
  }
  // Evenly spaced lines: every line is a row of its own.
  double widest = 0;
  for (size_t i = first + 1; i <= last; ++i) widest = std::max(widest, lines[i].y0 - lines[i - 1].y1);
  if (std::isfinite(wrap) && widest - wrap < 0.25 * height) wrap = -height;
  std::vector<std::string> cells(gaps.size() + 1);
  auto flush = [&] {
    std::string row;
    bool any = false;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) row += '\t';
      row += cells[c];
      any |= !cells[c].empty();
      cells[c].clear();
    }
    if (any) t.rows.push_back(std::move(row));
  };
  double bottom = lines[first].y1;
  for (size_t i = first; i <= last; ++i) {
    const Line& l = lines[i];
    // A new row where the empty band above the line is wider than the
    // spacing of wrapped lines (cell padding and rules lie between rows).
    if (i > first && (!std::isfinite(wrap) || l.y0 - bottom > wrap + 0.25 * height)) flush();
    bottom = std::max(bottom, l.y1);
    std::vector<std::string> pieces(cells.size());
    std::vector<bool> spaced(cells.size(), false);
    for (size_t k = 0; k < l.words.size(); ++k) {
      const Word& w = l.words[k];
      const size_t c = column_of(w, gaps);
      const bool space = k > 0 && (l.words[k - 1].space_after || w.x0 - l.words[k - 1].x1 > 0.2 * height);
      join(pieces[c], w.text, space);
    }
    for (size_t c = 0; c < cells.size(); ++c) join(cells[c], pieces[c], true);
    t.bottom = std::max(t.bottom, l.y1);
  }
  flush();
  return t;
}

// The words of lines[first..last] without spaces.
std::string line_text(const std::vector<Line>& lines, size_t first, size_t last) {
  std::string s;
  for (size_t i = first; i <= last; ++i)
    for (const auto& w : lines[i].words) s += w.text;
  return s;
}

// Last line of the row that begins at lines[first].
size_t first_row_end(const std::vector<Line>& lines, size_t first, double height) {
  size_t e = first;
  while (e + 1 < lines.size() && lines[e + 1].y0 - lines[e].y1 <= 0.25 * height) ++e;
  return e;
}

}  // namespace

std::vector<Table> find_tables(std::vector<Word> words) {
  std::vector<Table> tables;
  words.erase(std::remove_if(words.begin(), words.end(),
                             [](const Word& w) { return text::trim(w.text).empty() || w.y1 <= w.y0; }),
              words.end());
  if (words.size() < 6) return tables;
  std::vector<double> heights;
  for (const auto& w : words) heights.push_back(w.y1 - w.y0);
  const double h = median(heights);
  if (h <= 0) return tables;
  const std::vector<Line> lines = group_lines(std::move(words));

  // Lines with a gap of more than a character split into columns.
  std::vector<bool> split(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) split[i] = widest_gap(lines[i]) > 1.2 * h;

  size_t i = 0, floor = 0;  // lines above `floor` belong to an earlier table
  while (i < lines.size()) {
    if (!split[i]) {
      ++i;
      continue;
    }
    // Grow the run downwards while lines are close and fit the columns.
    const size_t start = i;
    size_t last = i;
    std::vector<Gap> gaps = column_gaps(lines, i, i, 0.3 * h);
    for (size_t j = i + 1; j < lines.size(); ++j) {
      // Rows sit close together; a line further down (a footer, the next
      // paragraph) is not part of the table unless it is split itself.
      const double distance = lines[j].y0 - lines[j - 1].y1;
      if (distance > (split[j] ? 1.5 : 1.0) * h) break;
      // A line bridging a gap between the columns found so far is not part
      // of them: a paragraph after the table, or another table's layout.
      std::vector<Gap> wider = column_gaps(lines, i, j, 0.3 * h);
      if (wider.empty() || !refines(gaps, wider)) {
        // A table laid out differently may begin with the row (or the
        // header) that this line belongs to.
        {
          size_t k = j;
          while (k > i + 1 && lines[k].y0 - lines[k - 1].y1 <= 0.25 * h) --k;
          // A header row repeating the table's first row goes with it.
          if (k > i + 1 && k <= last) {
            size_t r = k - 1;
            while (r > i + 1 && lines[r].y0 - lines[r - 1].y1 <= 0.25 * h) --r;
            if (r > i + 1 && line_text(lines, r, k - 1) == line_text(lines, i, first_row_end(lines, i, h)))
              k = r;
          }
          if (k > i + 1 && k <= last) {
            last = k - 1;
            gaps = column_gaps(lines, i, last, 0.3 * h);
          }
        }
        break;
      }
      gaps = std::move(wider);
      last = j;
    }
    // Lines just above the first split line (a header wrapped in its
    // cells) belong to the table when they keep its columns.
    while (i > floor && lines[i].y0 - lines[i - 1].y1 <= 0.25 * h) {
      std::vector<Gap> wider = column_gaps(lines, i - 1, last, 0.3 * h);
      if (wider.empty() || !refines(gaps, wider)) break;
      gaps = std::move(wider);
      --i;
    }
    size_t multi = 0;
    for (size_t k = i; k <= last; ++k) multi += columns_used(lines[k], gaps) >= 2;
    if (!gaps.empty() && multi >= 3) {
      tables.push_back(build(lines, i, last, gaps, h));
      i = floor = last + 1;
    } else {
      i = start + 1;
    }
  }
  return tables;
}

}  // namespace policydb::ingest::pdf_tables
