// Normalisation: raw pages → one clean text with a map back to the pages.
// The passes (see passes.h) each have their file; this one runs them and
// holds the lookups on the result and the character classes they share.
// Which lines are page numbers, boilerplate or numbered headings is decided by
// rule families; the passes hold only layout and character-class logic.
#include "normalize/normalize.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "normalize/passes.h"
#include "rules/rules.h"

namespace policydb::normalize {

// ----------------------------------------------------------- lookups
namespace {

template <class T, class Key>
size_t last_at_or_before(const std::vector<T>& v, size_t offset, Key key) {
  // Index of the last element whose key <= offset (0 if none).
  auto it = std::upper_bound(v.begin(), v.end(), offset,
                             [&](size_t off, const T& x) { return off < key(x); });
  return it == v.begin() ? 0 : size_t(it - v.begin()) - 1;
}

}  // namespace

int NormalizedText::page_of(size_t offset) const {
  if (pieces.empty()) return lines.empty() ? 1 : lines[line_of(offset)].page;
  return pieces[last_at_or_before(pieces, offset, [](const Piece& p) { return p.begin; })].page;
}

size_t NormalizedText::source_of(size_t offset) const {
  if (pieces.empty()) return 0;
  const Piece& p = pieces[last_at_or_before(pieces, offset, [](const Piece& x) { return x.begin; })];
  if (offset < p.begin) return p.source;
  const size_t into = offset - p.begin;
  if (p.length == p.source_length) return p.source + std::min(into, p.length);
  // A rewritten character: every byte maps to the start of its source.
  return into < p.length ? p.source : p.source + p.source_length;
}

size_t NormalizedText::line_of(size_t offset) const {
  if (lines.empty()) return 0;
  return last_at_or_before(lines, offset, [](const Line& l) { return l.begin; });
}

namespace internal {

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Characters a line cannot start with unless it continues the previous one.
bool cannot_start_line(char32_t c) {
  return c == U'，' || c == U'。' || c == U'、' || c == U'；' || c == U'：' || c == U'）' ||
         c == U'》' || c == U'”' || c == U'’' || c == U'〕' || c == U'】' || c == U'！' ||
         c == U'？' || c == U'%' || c == U'％';
}


}  // namespace internal

NormalizedText normalize(const ingest::RawDocument& doc, const rules::RuleSet& rules) {
  using namespace internal;
  NormalizedText result;
  std::vector<PageLines> pages(doc.pages.size());
  std::vector<int> page_min_indent(doc.pages.size(), 0);
  std::vector<Cleaned> lines = read_pages(doc, pages, page_min_indent);
  drop_lines(lines, pages, rules, result.stats);
  const std::vector<Layout> layouts = page_layouts(lines, pages, page_min_indent);
  // A PDF's lines are laid out by its producer and break before every
  // heading; text that lost its breaks comes from scraped pages.
  const bool pdf = doc.format == ingest::Format::kPdf;
  if (!pdf) lines = break_flattened(lines, rules);
  if (!pdf) mark_page_header(lines, rules);
  assemble(lines, layouts, page_min_indent, pdf, rules, result);
  return result;
}

}  // namespace policydb::normalize
