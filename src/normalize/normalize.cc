// Normalisation in four passes over the raw pages:
//   1. clean each raw line (markup → hints, spaces, full-width letters and
//      digits), recording where every output byte came from;
//   2. drop whole lines: page numbers, running headers/footers, boilerplate;
//   3. decide for each pair of neighbouring lines whether the break between
//      them is a wrap inside a sentence or a real paragraph/heading break;
//   4. assemble the text, its pieces and its lines.
// Which lines are page numbers, boilerplate or numbered headings is decided by
// rule families; this file holds only layout and character-class logic.
#include "normalize/normalize.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/numerals.h"
#include "common/text.h"
#include "normalize/inline_breaks.h"
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

namespace {

// ----------------------------------------------------------- character classes

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Letters and digits typed full-width (Ａ, ２) are the same characters as
// ASCII; punctuation (，：（）％) is not touched — rules are written for it.
bool is_fullwidth_alnum(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

// A space next to one of these is a typesetting artefact, not a word break.
bool binds_without_space(char32_t c) {
  return text::is_cjk(c) || text::is_cjk_punct(c) || (c >= 0xFF01 && c <= 0xFF5E) ||
         c == 0x2014 || c == 0x2026 || c == 0x00B7 || (c >= 0x2460 && c <= 0x24FF);
}

bool is_invisible(char32_t c) {
  return (c < 0x20 && c != '\t') || c == 0x7F || c == 0x200B || c == 0x200C ||
         c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

// Marks after which a paragraph may end. `；` and `：` end clauses that lists
// and headings often end with; `，、` never end a paragraph.
bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == '!' || c == '?' || c == U'…';
}
bool cannot_end_paragraph(char32_t c) {
  return c == U'，' || c == ',' || c == U'、' || c == U'（' || c == '(' || c == U'《' ||
         c == U'“' || c == U'‘' || c == U'〔' || c == U'【' || c == U'〈' || c == U'—';
}
// Characters a line cannot start with unless it continues the previous one.
bool cannot_start_line(char32_t c) {
  return c == U'，' || c == U'。' || c == U'、' || c == U'；' || c == U'：' || c == U'）' ||
         c == U'》' || c == U'”' || c == U'’' || c == U'〕' || c == U'】' || c == U'！' ||
         c == U'？' || c == U'%' || c == U'％';
}
int bracket_delta(char32_t c);

bool is_numeral(char32_t c) { return numerals::is_numeral(c); }
char32_t last_cp(std::string_view s);

// More brackets opened than closed on this line.
bool opens_bracket(std::string_view s) {
  int depth = 0;
  for (size_t pos = 0; pos < s.size();) depth += bracket_delta(text::decode(s, pos));
  return depth > 0;
}

// "减少5．" / "下降20." at a line end: the number goes on in the next line.
bool ends_with_decimal_point(std::string_view s) {
  if (s.size() < 2) return false;
  size_t dot;
  if (s.back() == '.') {
    dot = s.size() - 1;
  } else if (s.size() >= 4 && s.substr(s.size() - 3) == "．") {
    dot = s.size() - 3;
  } else {
    return false;
  }
  const char32_t before = last_cp(s.substr(0, dot));
  return (before >= '0' && before <= '9') || (before >= 0xFF10 && before <= 0xFF19);
}

int bracket_delta(char32_t c) {
  switch (c) {
    case U'（': case U'(': case U'《': case U'“': case U'〔': case U'【': case U'〈': return 1;
    case U'）': case U')': case U'》': case U'”': case U'〕': case U'】': case U'〉': return -1;
    default: return 0;
  }
}

// Display width in columns: CJK and full-width forms take two.
int columns(char32_t c) {
  return (c >= 0x1100 && (text::is_cjk(c) || text::is_cjk_punct(c) || (c >= 0xFF01 && c <= 0xFF60) ||
                          (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)))
             ? 2
             : 1;
}

char32_t first_cp(std::string_view s) {
  size_t pos = 0;
  return s.empty() ? 0 : text::decode(s, pos);
}
char32_t last_cp(std::string_view s) {
  if (s.empty()) return 0;
  size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return text::decode(s, start);
}

// ----------------------------------------------------------- pass 1: clean lines

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
  // Starts with a heading or line-start marker (set before unwrapping).
  bool starts_block = false;
  // Broken off the raw line before it (inline numbering of a flattened
  // text): never joined to it again.
  bool break_before = false;
  bool page_header = false;  // see Line::page_header
};

// Copied bytes are gathered into runs (consecutive in the source and in the
// output) and appended a run at a time; flush() before reading the output.
class LineBuilder {
 public:
  LineBuilder(Cleaned& out, int page, std::string_view page_text)
      : out_(out), page_(page), page_text_(page_text) {}

  // `bytes` are page_text[source, source + bytes.size()).
  void copy(size_t source, std::string_view bytes) {
    if (run_length_ > 0 && run_source_ + run_length_ == source) {
      run_length_ += bytes.size();
      return;
    }
    flush();
    run_source_ = source;
    run_length_ = bytes.size();
  }

  void rewrite(size_t source, size_t source_length, char32_t cp) {
    flush();
    const size_t begin = out_.text.size();
    text::append(out_.text, cp);
    out_.pieces.push_back(Piece{begin, out_.text.size() - begin, page_, source, source_length});
  }

  void flush() {
    if (run_length_ == 0) return;
    const std::string_view bytes = page_text_.substr(run_source_, run_length_);
    run_length_ = 0;
    if (!out_.pieces.empty()) {
      Piece& last = out_.pieces.back();
      if (last.page == page_ && last.length == last.source_length &&
          last.begin + last.length == out_.text.size() && last.source + last.source_length == run_source_) {
        last.length += bytes.size();
        last.source_length += bytes.size();
        out_.text.append(bytes);
        return;
      }
    }
    out_.pieces.push_back(Piece{out_.text.size(), bytes.size(), page_, run_source_, bytes.size()});
    out_.text.append(bytes);
  }

 private:
  Cleaned& out_;
  int page_;
  std::string_view page_text_;
  size_t run_source_ = 0;
  size_t run_length_ = 0;
};

// Byte ranges of Markdown/HTML markup inside a raw line, to be skipped.
struct Markup {
  std::vector<std::pair<size_t, size_t>> skip;  // sorted [begin, end)
  int heading_level = 0;
  bool bold = false;
  bool paragraph = false;
};

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// HTML elements that wrap or break text in pasted web pages. Anything else
// in angle brackets (《》 is CJK, `<5%` is text) stays.
bool is_text_tag(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "b", "strong", "p", "br", "span", "div", "i", "em", "u", "font", "sup", "sub",
      "td", "tr", "th", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol"};
  for (std::string_view t : kTags)
    if (ascii_iequal(name, t)) return true;
  return false;
}

Markup find_markup(std::string_view line) {
  Markup m;
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  // Markdown heading: 1-6 '#' then a space.
  size_t hashes = 0;
  while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
  if (hashes >= 1 && hashes <= 6 && i + hashes < line.size() && line[i + hashes] == ' ') {
    m.heading_level = static_cast<int>(hashes);
    m.skip.push_back({i, i + hashes + 1});
  }
  // Tags and ** anywhere; most lines have neither '*' nor '<' (memchr).
  std::vector<std::pair<size_t, std::string>> tags;  // position, lower-case name with '/'
  for (size_t p = std::min(line.find('*'), line.find('<')); p < line.size(); ++p) {
    if (line[p] == '*' && p + 1 < line.size() && line[p + 1] == '*') {
      size_t e = p;
      while (e < line.size() && line[e] == '*') ++e;
      m.skip.push_back({p, e});
      tags.push_back({p, "**"});
      p = e - 1;
    } else if (line[p] == '<') {
      size_t q = p + 1;
      bool closing = q < line.size() && line[q] == '/';
      if (closing) ++q;
      size_t name_begin = q;
      while (q < line.size() && ((line[q] >= 'a' && line[q] <= 'z') || (line[q] >= 'A' && line[q] <= 'Z') ||
                                 (line[q] >= '0' && line[q] <= '9')))
        ++q;
      std::string_view name = line.substr(name_begin, q - name_begin);
      if (name.empty() || !is_text_tag(name)) continue;
      // Attributes up to '>' on the same line, no nested '<'.
      size_t close = line.find_first_of("<>", q);
      if (close == std::string_view::npos || line[close] != '>') continue;
      if (q < close && line[q] != ' ' && line[q] != '/') continue;
      m.skip.push_back({p, close + 1});
      std::string lower(closing ? "/" : "");
      for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
      tags.push_back({p, lower});
      p = close;
    }
  }
  std::sort(m.skip.begin(), m.skip.end());
  // Whole-line hints: the first and last markup around the visible text.
  auto visible_between = [&](size_t a, size_t b) {
    // True if [a, b) has a non-space byte outside the skipped ranges.
    for (size_t p = a; p < b; ++p) {
      bool skipped = false;
      for (auto& r : m.skip)
        if (p >= r.first && p < r.second) {
          skipped = true;
          p = r.second - 1;
          break;
        }
      if (!skipped && line[p] != ' ' && line[p] != '\t') return true;
    }
    return false;
  };
  if (!tags.empty()) {
    for (auto& [pos, name] : tags) {
      if (visible_between(0, pos)) break;
      if (name == "**" || name == "b" || name == "strong") m.bold = true;
      if (name == "p") m.paragraph = true;
      if (name == "h1" || name == "h2" || name == "h3" || name == "h4" || name == "h5" || name == "h6")
        m.heading_level = name[1] - '0';
    }
    if (m.bold) {
      // Bold only if the bold markup also closes the visible text.
      bool closes = false;
      for (auto it = tags.rbegin(); it != tags.rend(); ++it) {
        const size_t end = std::find_if(m.skip.begin(), m.skip.end(),
                                        [&](auto& r) { return r.first == it->first; })->second;
        if (visible_between(end, line.size())) break;
        if (it->second == "**" || it->second == "/b" || it->second == "/strong") closes = true;
      }
      m.bold = closes;
    }
  }
  return m;
}

constexpr size_t kNone = size_t(-1);

Cleaned clean_line(std::string_view page_text, size_t begin, size_t end, int page) {
  Cleaned c;
  c.page = page;
  const std::string_view line = page_text.substr(begin, end - begin);
  const Markup markup = find_markup(line);
  c.heading_level = markup.heading_level;
  c.bold = markup.bold;
  c.paragraph = markup.paragraph;

  LineBuilder out(c, page, page_text);
  size_t skip_index = 0;
  bool leading = true;
  int col = 0;
  // A run of white space is held until the next visible character decides
  // whether it stays (between two Latin words) or goes.
  size_t pending_space = kNone;  // source offset of the run's first byte
  char32_t pending_space_cp = 0;
  size_t pending_space_len = 0;
  char32_t prev = 0;  // last emitted code point
  for (size_t pos = 0; pos < line.size();) {
    if (skip_index < markup.skip.size() && pos >= markup.skip[skip_index].first) {
      pos = std::max(pos, markup.skip[skip_index].second);
      ++skip_index;
      continue;
    }
    const size_t start = pos;
    const char32_t cp = text::decode(line, pos);
    const size_t src = begin + start;
    // CJK ideographs and punctuation, most of the text: never a tab, a space
    // or invisible, always two columns, never full-width letters or digits.
    const bool wide_text = cp > 0x3000 && cp <= 0xA4CF;
    if (!wide_text) {
      if (cp == '\t') {
        // Cell separator: kept, with the spaces around it dropped.
        pending_space = kNone;
        out.copy(src, "\t");
        c.table_row = true;
        prev = '\t';
        leading = false;
        col += 1;
        continue;
      }
      if (is_invisible(cp)) continue;
      if (text::is_space(cp)) {
        if (leading) {
          c.indent += columns(cp);
        } else if (pending_space == kNone) {
          pending_space = src;
          pending_space_cp = cp;
          pending_space_len = pos - start;
        }
        col += columns(cp);
        continue;
      }
    }
    leading = false;
    col += wide_text ? 2 : columns(cp);
    if (pending_space != kNone) {
      if (prev != 0 && prev != '\t' && !binds_without_space(prev) && !binds_without_space(cp) &&
          !is_fullwidth_alnum(cp) && !is_fullwidth_alnum(prev)) {
        if (pending_space_cp == ' ')
          out.copy(pending_space, " ");
        else
          out.rewrite(pending_space, pending_space_len, ' ');
      }
      pending_space = kNone;
    }
    if (!wide_text && is_fullwidth_alnum(cp)) {
      out.rewrite(src, pos - start, text::to_halfwidth(cp));
      prev = text::to_halfwidth(cp);
    } else {
      out.copy(src, line.substr(start, pos - start));
      prev = cp;
    }
  }
  out.flush();
  c.right_edge = col;
  // Trailing tabs of an otherwise empty row are kept only if there is text.
  if (c.text.find_first_not_of('\t') == std::string::npos) {
    c.text.clear();
    c.pieces.clear();
    c.table_row = false;
  }
  return c;
}

// ----------------------------------------------------------- pass 2: drop lines

// text::length(s) <= n, without counting when the byte length tells.
bool at_most_chars(std::string_view s, size_t n) { return s.size() <= n || text::length(s) <= n; }

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

struct PageLines {
  std::vector<size_t> content;  // indices into the document's lines, non-empty only
};

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
    if (!ac.empty() && cannot_start_line(first_cp(bc))) return true;
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
        is_ascii_alnum(last_cp(std::string_view(above.text).substr(a[i].first, a[i].second - a[i].first))) &&
        is_ascii_alnum(first_cp(std::string_view(below.text).substr(b[i].first))))
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

// ----------------------------------------------------------- pass 3: unwrap

// How far short of a margin a wrapped line may end: punctuation and digits
// are not all full-width, and justified lines are not all equally long.
int tolerance(int margin) { return std::max(4, margin / 12); }

struct Layout {
  // Right edges where wrapped lines end (body text, narrower boxes), widest
  // last; empty: lines are paragraphs.
  std::vector<int> margins;
  bool blank_lines_meaningful = false;
  bool indentation_meaningful = false;
};

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

class Unwrapper {
 public:
  // `layouts[p]`: the layout of page p+1 (its own if it has enough lines,
  // else the document's).
  Unwrapper(const rules::RuleSet& rules, const std::vector<Layout>& layouts,
            const std::vector<int>& page_min_indent, bool pdf)
      : rules_(rules), layouts_(layouts), page_min_indent_(page_min_indent), pdf_(pdf) {}

  bool starts_block(std::string_view s) const {
    // any_prefix is match_prefix(...).has_value() without building the match.
    return rules_.any_prefix("heading", s) || rules_.any_prefix("line_start", s);
  }

  // Reaches the right margin. A line that ends a sentence must reach it
  // exactly: one character short means the paragraph ended there.
  // A centred or right-aligned line (title, signature, date) is not full
  // however far right it reaches.
  bool full(const Cleaned& c) const {
    if (c.tail_of_full_line) return true;
    const std::vector<int>& margins = layouts_[c.page - 1].margins;
    if (margins.empty() || relative_indent(c) > 8) return false;
    const bool sentence_end = ends_sentence(last_cp(c.text));
    for (int m : margins) {
      const int tol = tolerance(m);
      if (c.right_edge >= (sentence_end ? m - 1 : m - tol) && c.right_edge <= m + tol) return true;
    }
    return c.right_edge > margins.back() + tolerance(margins.back());
  }

  int relative_indent(const Cleaned& c) const { return c.indent - page_min_indent_[c.page - 1]; }

  // A numbered line without a full stop, shorter than the margin: a heading.
  bool heading_like(const Cleaned& c) const {
    return c.starts_block && c.text.find("。") == std::string::npos && !full(c);
  }

  // How surely `paragraph` (the output line so far, ending with the line
  // before a break) stops inside a sentence that has begun. kOpen: text
  // follows its last full stop, or the open sentence holds a comma. kListing:
  // it only lists words with 、 — so do titles naming several issuers and
  // lists of names with their posts. kNone: a title, a name in a signature
  // block, an unnumbered heading.
  enum class Open { kNone, kListing, kOpen };
  static Open inside_sentence(std::string_view paragraph) {
    Open open = Open::kNone;
    char32_t after = 0;  // the character after c
    for (size_t end = paragraph.size(); end > 0;) {
      size_t start = end - 1;
      while (start > 0 && (static_cast<unsigned char>(paragraph[start]) & 0xC0) == 0x80) --start;
      size_t pos = start;
      const char32_t c = text::decode(paragraph, pos);
      if (ends_sentence(c) || c == U'；' || c == ';') return end < paragraph.size() ? Open::kOpen : Open::kNone;
      if (c == U'：' || c == ':') return open;
      if (c == U'，' || c == ',') return Open::kOpen;
      // 、 after a numeral numbers a part (一、, 专题二、); between words it
      // lists them.
      if (after == U'、' && !is_numeral(c)) open = Open::kListing;
      after = c;
      end = start;
    }
    return open;
  }

  // An issuer or a date under a notice, a contact line.
  bool stands_alone(std::string_view line) const {
    return rules_.any("signature", line) || rules_.any("contact", line);
  }

  // Punctuation inside a sentence: the line is prose, not a name or a title.
  static bool has_clause_punctuation(std::string_view s) {
    for (std::string_view p : {"，", "。", "；", ",", ";"})
      if (s.find(p) != std::string_view::npos) return true;
    return false;
  }

  // True if the break between a and b is a wrap inside a sentence.
  // `paragraph`: the output line that a ends (a and the lines joined to it).
  bool join(const Cleaned& a, const Cleaned& b, std::string_view paragraph) const {
    if (a.table_row || b.table_row || b.break_before || a.page_header || b.page_header) return false;
    if (a.heading_level || b.heading_level || a.bold || b.bold || b.paragraph) return false;
    const char32_t last = last_cp(a.text);
    const char32_t next = first_cp(b.text);
    if (b.starts_block) return false;
    if (cannot_start_line(next)) return true;
    if (heading_like(a)) return false;
    // A line that leaves a bracket open or stops at a comma or a decimal
    // point continues, however the next line is laid out.
    if (cannot_end_paragraph(last) || ends_with_decimal_point(a.text) || opens_bracket(a.text))
      return true;
    const Layout& layout = layouts_[b.page - 1];
    // A first line indented against the page and against the line above
    // starts a paragraph (a block indented as a whole does not).
    if (layout.indentation_meaningful && relative_indent(b) >= 2 && b.indent >= a.indent + 2)
      return false;
    // A line that stops between two characters of an open sentence goes on
    // in the next, wherever it ends and whatever space follows it: a hard
    // break the text carried before it was laid out again (a PDF printed
    // from a wrapped text file) leaves such short lines mid-paragraph.
    // Lines that stand alone by their kind — an issuer or a date under a
    // notice, a contact line — do not continue one another; after a line
    // that only lists words, the next must read as prose.
    if (pdf_ && (text::is_cjk(last) || is_ascii_alnum(last)) &&
        (text::is_cjk(next) || is_ascii_alnum(next) || next == U'“' || next == U'《') &&
        !stands_alone(a.text) && !stands_alone(b.text)) {
      const Open open = inside_sentence(paragraph);
      if (open == Open::kOpen || (open == Open::kListing && has_clause_punctuation(b.text))) return true;
    }
    // A blank line parts paragraphs, unless the line above reaches the
    // margin without finishing its sentence (a gap in the layout).
    if (layout.blank_lines_meaningful && b.blank_before > 0 && !(full(a) && !ends_sentence(last)))
      return false;
    // A responsibility note closing the item above belongs to it.
    if (ends_sentence(last) && rules_.any_prefix("note_marker", b.text)) return true;
    const bool a_word = text::is_cjk(last) || is_ascii_alnum(last);
    const bool b_word = text::is_cjk(next) || is_ascii_alnum(next) || next == U'“' ||
                        next == U'《' || next == U'（' || next == '(';
    const std::vector<int>& margins = layouts_[a.page - 1].margins;
    if (!margins.empty()) {
      if (full(a)) return true;
      const int width = margins.front();
      // Narrower blocks (boxes, indented quotes) wrap before the margin: a
      // long line cut between two characters of a word continues.
      return a_word && b_word && a.right_edge * 10 >= width * 8 && relative_indent(a) <= 4;
    }
    // Lines are paragraphs: only a long line cut inside a word continues.
    return a_word && b_word && text::length(a.text) >= 40;
  }

 private:
  const rules::RuleSet& rules_;
  const std::vector<Layout>& layouts_;
  const std::vector<int>& page_min_indent_;
  // PDF text is laid out by the producer: its line ends say nothing about
  // where paragraphs end. A text file's line ends are the author's.
  bool pdf_;
};

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

// Breaks each line where InlineBreaks finds inline numbering or a cover
// letter's end. Every part keeps its pieces (provenance); the last keeps
// the raw line's right edge, where it ends.
std::vector<Cleaned> break_flattened(std::vector<Cleaned>& lines, const rules::RuleSet& rules) {
  InlineBreaks finder(rules);
  std::vector<Cleaned> out;
  out.reserve(lines.size());
  for (Cleaned& c : lines) {
    const std::vector<size_t> cuts = c.dropped || c.table_row ? std::vector<size_t>{} : finder.find(c.text);
    for (auto cut = cuts.rbegin(); cut != cuts.rend(); ++cut) {
      // Split off [*cut, end) of c, last part first.
      Cleaned part;
      part.page = c.page;
      part.right_edge = c.right_edge;
      part.break_before = true;
      part.text = c.text.substr(*cut);
      c.text.resize(*cut);
      c.right_edge = 0;
      std::vector<Piece> keep;
      for (Piece p : c.pieces) {
        if (p.begin >= *cut) {
          p.begin -= *cut;
          part.pieces.push_back(p);
          continue;
        }
        if (p.begin + p.length > *cut && p.length == p.source_length) {
          const size_t head = *cut - p.begin;
          part.pieces.push_back(Piece{0, p.length - head, p.page, p.source + head, p.length - head});
          p.length = p.source_length = head;
        }
        keep.push_back(p);
      }
      std::sort(part.pieces.begin(), part.pieces.end(),
                [](const Piece& a, const Piece& b) { return a.begin < b.begin; });
      c.pieces = std::move(keep);
      out.push_back(std::move(part));
    }
    // The parts went out last first: put c before them.
    out.insert(out.end() - static_cast<std::ptrdiff_t>(cuts.size()), std::move(c));
    std::reverse(out.end() - static_cast<std::ptrdiff_t>(cuts.size()), out.end());
  }
  return out;
}

}  // namespace

// ----------------------------------------------------------- driver

NormalizedText normalize(const ingest::RawDocument& doc, const rules::RuleSet& rules) {
  NormalizedText result;
  std::vector<Cleaned> lines;
  std::vector<PageLines> pages(doc.pages.size());
  std::vector<int> page_min_indent(doc.pages.size(), 0);

  // Pass 1.
  for (size_t pi = 0; pi < doc.pages.size(); ++pi) {
    const ingest::Page& page = doc.pages[pi];
    if (!page.has_text) continue;
    const std::string& t = page.text;
    std::vector<Cleaned> page_lines;
    int blanks = 0;
    for (size_t b = 0; b <= t.size();) {
      size_t e = t.find('\n', b);
      if (e == std::string::npos) e = t.size();
      Cleaned c = clean_line(t, b, e, static_cast<int>(pi) + 1);
      if (c.text.empty()) {
        ++blanks;
      } else {
        c.blank_before = blanks;
        blanks = 0;
        page_lines.push_back(std::move(c));
      }
      b = e + 1;
      if (e == t.size()) break;
    }
    int min_indent = INT32_MAX;
    for (const Cleaned& c : page_lines)
      if (!c.table_row) min_indent = std::min(min_indent, c.indent);
    page_min_indent[pi] = min_indent == INT32_MAX ? 0 : min_indent;
    for (Cleaned& c : page_lines) {
      pages[pi].content.push_back(lines.size());
      lines.push_back(std::move(c));
    }
  }

  // Pass 2: page numbers (bare numbers only at a page's edge), boilerplate,
  // then running headers/footers.
  for (const PageLines& p : pages) {
    const size_t n = p.content.size();
    for (size_t k = 0; k < n; ++k) {
      Cleaned& c = lines[p.content[k]];
      const bool edge = k < 2 || k + 2 >= n;
      if (whole_line_match(rules, "page_number", c.text, edge)) {
        c.dropped = true;
        ++result.stats.page_numbers_removed;
      } else if (at_most_chars(c.text, 200) && rules.any("boilerplate", c.text)) {
        c.dropped = true;
        ++result.stats.boilerplate_removed;
      }
    }
  }
  result.stats.running_lines_removed = drop_running_lines(lines, pages);
  result.stats.running_lines_removed += join_rows_across_pages(lines, pages);

  // Pass 3 and 4.
  std::vector<size_t> all;
  for (size_t i = 0; i < lines.size(); ++i) all.push_back(i);
  const Layout doc_layout = measure(lines, all, page_min_indent);
  std::vector<Layout> layouts(doc.pages.size(), doc_layout);
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
  // A PDF's lines are laid out by its producer and break before every
  // heading; text that lost its breaks comes from scraped pages.
  if (doc.format != ingest::Format::kPdf) lines = break_flattened(lines, rules);
  if (doc.format != ingest::Format::kPdf) mark_page_header(lines, rules);
  const Unwrapper unwrap(rules, layouts, page_min_indent, doc.format == ingest::Format::kPdf);
  for (Cleaned& c : lines)
    if (!c.dropped) c.starts_block = unwrap.starts_block(c.text);
  const Cleaned* prev = nullptr;
  Line current;
  auto close_line = [&] {
    current.end = result.text.size();
    result.lines.push_back(current);
  };
  for (Cleaned& c : lines) {
    if (c.dropped) continue;
    if (prev && unwrap.join(*prev, c, std::string_view(result.text).substr(current.begin))) {
      ++result.stats.wraps_joined;
      constexpr size_t kTail = 4;  // characters
      c.tail_of_full_line = unwrap.full(*prev) && !ends_sentence(last_cp(prev->text)) &&
                            text::length(c.text) <= kTail && !ends_sentence(last_cp(c.text));
      if (is_ascii_alnum(last_cp(result.text)) && is_ascii_alnum(first_cp(c.text)))
        result.text.push_back(' ');
    } else {
      if (prev) {
        close_line();
        result.text.push_back('\n');
      }
      current = Line{};
      current.begin = result.text.size();
      current.page = c.page;
      current.heading_level = c.heading_level;
      current.bold = c.bold;
      current.paragraph = c.paragraph;
      current.table_row = c.table_row;
      current.page_header = c.page_header;
    }
    const size_t base = result.text.size();
    result.text += c.text;
    for (Piece p : c.pieces) {
      p.begin += base;
      Piece* last = result.pieces.empty() ? nullptr : &result.pieces.back();
      if (last && last->page == p.page && last->length == last->source_length &&
          p.length == p.source_length && last->begin + last->length == p.begin &&
          last->source + last->source_length == p.source) {
        last->length += p.length;
        last->source_length += p.source_length;
      } else {
        result.pieces.push_back(p);
      }
    }
    prev = &c;
  }
  if (prev) close_line();
  return result;
}

}  // namespace policydb::normalize
