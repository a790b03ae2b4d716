// Pass 1 of normalisation: each raw line cleaned — Markdown/HTML markup
// into hints, spaces inside CJK runs dropped, full-width letters and digits
// made half-width — with a piece for every run of output bytes saying where
// in the page it came from; and the layout facts later passes need (indent,
// right edge, blank lines before).
#include <algorithm>
#include <climits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.h"
#include "normalize/passes.h"

namespace policydb::normalize::internal {

namespace {

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

// Display width in columns: CJK and full-width forms take two.
int columns(char32_t c) {
  return (c >= 0x1100 && (text::is_cjk(c) || text::is_cjk_punct(c) || (c >= 0xFF01 && c <= 0xFF60) ||
                          (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)))
             ? 2
             : 1;
}

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

// A line's characters written out one code point at a time, with the facts
// the passes need: indent (white space before the first visible character),
// right edge in columns, and whether a tab made it a table row. A run of
// white space is held until the next visible character decides whether it
// stays (between two Latin words) or goes.
class LineWriter {
 public:
  LineWriter(Cleaned& c, int page, std::string_view page_text) : c_(c), out_(c, page, page_text) {}

  // `cp`, read from page_text[src, src + bytes.size()).
  void put(char32_t cp, size_t src, std::string_view bytes) {
    // CJK ideographs and punctuation, most of the text: never a tab, a space
    // or invisible, always two columns, never full-width letters or digits.
    const bool wide_text = cp > 0x3000 && cp <= 0xA4CF;
    if (!wide_text && put_blank(cp, src, bytes.size())) return;
    leading_ = false;
    col_ += wide_text ? 2 : columns(cp);
    settle_space(cp);
    if (!wide_text && is_fullwidth_alnum(cp)) {
      out_.rewrite(src, bytes.size(), text::to_halfwidth(cp));
      prev_ = text::to_halfwidth(cp);
    } else {
      out_.copy(src, bytes);
      prev_ = cp;
    }
  }

  void finish() {
    out_.flush();
    c_.right_edge = col_;
    // Trailing tabs of an otherwise empty row are kept only if there is text.
    if (c_.text.find_first_not_of('\t') == std::string::npos) {
      c_.text.clear();
      c_.pieces.clear();
      c_.table_row = false;
    }
  }

 private:
  // A tab, an invisible character or white space: true if `cp` was one.
  bool put_blank(char32_t cp, size_t src, size_t length) {
    if (cp == '\t') {
      // Cell separator: kept, with the spaces around it dropped.
      pending_space_ = kNone;
      out_.copy(src, "\t");
      c_.table_row = true;
      prev_ = '\t';
      leading_ = false;
      col_ += 1;
      return true;
    }
    if (is_invisible(cp)) return true;
    if (!text::is_space(cp)) return false;
    if (leading_) {
      c_.indent += columns(cp);
    } else if (pending_space_ == kNone) {
      pending_space_ = src;
      pending_space_cp_ = cp;
      pending_space_len_ = length;
    }
    col_ += columns(cp);
    return true;
  }

  // Before the visible `cp`: the held run of white space becomes one space
  // if it separates two words, else it goes.
  void settle_space(char32_t cp) {
    if (pending_space_ == kNone) return;
    if (prev_ != 0 && prev_ != '\t' && !binds_without_space(prev_) && !binds_without_space(cp) &&
        !is_fullwidth_alnum(cp) && !is_fullwidth_alnum(prev_)) {
      if (pending_space_cp_ == ' ')
        out_.copy(pending_space_, " ");
      else
        out_.rewrite(pending_space_, pending_space_len_, ' ');
    }
    pending_space_ = kNone;
  }

  Cleaned& c_;
  LineBuilder out_;
  bool leading_ = true;
  int col_ = 0;
  size_t pending_space_ = kNone;  // source offset of the held run's first byte
  char32_t pending_space_cp_ = 0;
  size_t pending_space_len_ = 0;
  char32_t prev_ = 0;  // last emitted code point
};

// One pass over the line's characters, markup skipped.
Cleaned clean_line(std::string_view page_text, size_t begin, size_t end, int page) {
  Cleaned c;
  c.page = page;
  const std::string_view line = page_text.substr(begin, end - begin);
  const Markup markup = find_markup(line);
  c.heading_level = markup.heading_level;
  c.bold = markup.bold;
  c.paragraph = markup.paragraph;

  LineWriter writer(c, page, page_text);
  size_t skip_index = 0;
  for (size_t pos = 0; pos < line.size();) {
    if (skip_index < markup.skip.size() && pos >= markup.skip[skip_index].first) {
      pos = std::max(pos, markup.skip[skip_index].second);
      ++skip_index;
      continue;
    }
    const size_t start = pos;
    const char32_t cp = text::decode(line, pos);
    writer.put(cp, begin + start, line.substr(start, pos - start));
  }
  writer.finish();
  return c;
}

}  // namespace

std::vector<Cleaned> read_pages(const ingest::RawDocument& doc, std::vector<PageLines>& pages,
                                std::vector<int>& page_min_indent) {
  std::vector<Cleaned> lines;
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
  return lines;
}

}  // namespace policydb::normalize::internal
