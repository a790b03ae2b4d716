// Pass 3a of normalisation: how the lines are laid out — the right margins
// wrapped lines end at, whether blank lines and indentation mean anything —
// for the document and for each page that has enough lines of its own.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

#include "normalize/passes.h"

namespace policydb::normalize::internal {

// How far short of a margin a wrapped line may end: punctuation and digits
// are not all full-width, and justified lines are not all equally long.
int tolerance(int margin) { return std::max(4, margin / 12); }

namespace {

// Measures the lines with the given indices (all non-dropped lines of a
// document, or of one page).
Layout measure(const std::vector<Cleaned>& lines, const std::vector<size_t>& indices,
               const std::vector<int>& page_min_indent) {
  Layout layout;
  std::vector<int> edges;
  int gaps = 0, gaps_with_blank = 0, indented = 0, content = 0;
  bool first = true;
  for (size_t i : indices) {
    const Cleaned& c = lines[i];
    if (c.dropped || c.text.empty() || c.table_row) continue;
    ++content;
    edges.push_back(c.right_edge);
    if (!first) {
      ++gaps;
      gaps_with_blank += c.blank_before > 0;
    }
    first = false;
    indented += c.indent - page_min_indent[c.page - 1] >= 2;
  }
  if (content == 0) return layout;
  layout.blank_lines_meaningful = gaps > 0 && gaps_with_blank * 10 < gaps * 6;
  layout.indentation_meaningful = indented * 20 >= content && indented * 10 < content * 8;
  // A wrapped text has many lines ending at the same right edge; a box or a
  // quote inside it wraps at its own. Take the densest edge (±tolerance),
  // set its lines aside, and repeat while a cluster holds enough lines.
  std::sort(edges.begin(), edges.end());
  std::vector<bool> used(edges.size(), false);
  const size_t total = edges.size();
  // unused_before[k]: edges among the first k not yet set aside; edges are
  // sorted, so the edges within a tolerance of one are a range of them.
  std::vector<size_t> unused_before(edges.size() + 1);
  for (int round = 0; round < 3; ++round) {
    for (size_t k = 0; k < edges.size(); ++k) unused_before[k + 1] = unused_before[k] + !used[k];
    size_t best_count = 0;
    int best = 0;
    for (size_t i = 0; i < edges.size(); ++i) {
      if (used[i] || edges[i] < 30) continue;
      const int tol = tolerance(edges[i]);
      const size_t lo = size_t(std::lower_bound(edges.begin(), edges.end(), edges[i] - tol) - edges.begin());
      const size_t hi = size_t(std::upper_bound(edges.begin(), edges.end(), edges[i] + tol) - edges.begin());
      const size_t count = unused_before[hi] - unused_before[lo];
      if (count >= best_count) best_count = count, best = edges[i];
    }
    const size_t needed = round == 0 ? std::max<size_t>(4, total * 3 / 10)
                                     : std::max<size_t>(5, total * 3 / 20);
    if (best == 0 || best_count < needed) break;
    // The margin is the most common exact edge inside the cluster.
    std::map<int, size_t> exact;
    for (size_t j = 0; j < edges.size(); ++j)
      if (!used[j] && std::abs(edges[j] - best) <= tolerance(best)) {
        ++exact[edges[j]];
        used[j] = true;
      }
    int margin = best;
    size_t margin_count = 0;
    for (auto [edge, count] : exact)
      if (count >= margin_count) margin = edge, margin_count = count;
    layout.margins.push_back(margin);
  }
  std::sort(layout.margins.begin(), layout.margins.end());
  // A box is most of the page wide; a cluster of much shorter lines is a
  // list of names or figures, not a margin.
  if (!layout.margins.empty()) {
    const int widest = layout.margins.back();
    std::erase_if(layout.margins, [&](int m) { return m * 10 < widest * 6; });
  }
  return layout;
}

}  // namespace

std::vector<Layout> page_layouts(const std::vector<Cleaned>& lines, const std::vector<PageLines>& pages,
                                 const std::vector<int>& page_min_indent) {
  std::vector<size_t> all;
  for (size_t i = 0; i < lines.size(); ++i) all.push_back(i);
  const Layout doc_layout = measure(lines, all, page_min_indent);
  std::vector<Layout> layouts(pages.size(), doc_layout);
  constexpr size_t kLinesForOwnLayout = 8;
  for (size_t pi = 0; pi < pages.size(); ++pi) {
    if (pages[pi].content.size() < kLinesForOwnLayout) continue;
    const Layout own = measure(lines, pages[pi].content, page_min_indent);
    layouts[pi].blank_lines_meaningful = own.blank_lines_meaningful;
    layouts[pi].indentation_meaningful = own.indentation_meaningful;
    // A page may wrap at margins of its own (a cover letter before the
    // body, a landscape table page): use both.
    for (int m : own.margins)
      if (std::find(layouts[pi].margins.begin(), layouts[pi].margins.end(), m) == layouts[pi].margins.end())
        layouts[pi].margins.push_back(m);
    std::sort(layouts[pi].margins.begin(), layouts[pi].margins.end());
  }
  return layouts;
}

}  // namespace policydb::normalize::internal
