// Pass 3b, 3c and 4 of normalisation: flattened lines broken again at
// inline numbering (InlineBreaks), then for each pair of neighbouring lines
// the call whether the break between them is a wrap inside a sentence or a
// real paragraph/heading break (rule families "heading", "line_start",
// "signature", "contact"; notes::is_note_line), and the text, pieces and
// lines assembled from the result.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/numerals.h"
#include "common/text.h"
#include "normalize/inline_breaks.h"
#include "normalize/passes.h"
#include "notes/notes.h"
#include "rules/rules.h"

namespace policydb::normalize::internal {

namespace {

// Marks after which a paragraph may end: a sentence end (common/text.h) or
// an ellipsis, which closes a wrapped sentence as often as 。 does. `；` and
// `：` end clauses that lists and headings often end with; `，、` never end a
// paragraph (cannot_end_paragraph).
bool ends_paragraph(char32_t c) { return text::ends_sentence(c) || c == U'…'; }

bool cannot_end_paragraph(char32_t c) {
  return c == U'，' || c == ',' || c == U'、' || c == U'（' || c == '(' || c == U'《' ||
         c == U'“' || c == U'‘' || c == U'〔' || c == U'【' || c == U'〈' || c == U'—';
}

int bracket_delta(char32_t c) {
  switch (c) {
    case U'（': case U'(': case U'《': case U'“': case U'〔': case U'【': case U'〈': return 1;
    case U'）': case U')': case U'》': case U'”': case U'〕': case U'】': case U'〉': return -1;
    default: return 0;
  }
}

bool is_numeral(char32_t c) { return numerals::is_numeral(c); }

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
  const char32_t before = text::last_char(s.substr(0, dot));
  return (before >= '0' && before <= '9') || (before >= 0xFF10 && before <= 0xFF19);
}

class Unwrapper {
 public:
  // `layouts[p]`: the layout of page p+1 (its own if it has enough lines,
  // else the document's).
  Unwrapper(const rules::RuleSet& rules, const std::vector<Layout>& layouts,
            const std::vector<int>& page_min_indent, bool pdf)
      : rules_(rules), layouts_(layouts), page_min_indent_(page_min_indent), pdf_(pdf) {}

  // Asked only when a join turns on it (most breaks are settled by the
  // line's kind or by layout first), then kept in the line.
  bool starts_block(Cleaned& c) const {
    // any_prefix is match_prefix(...).has_value() without building the match.
    if (c.starts_block < 0)
      c.starts_block = rules_.any_prefix("heading", c.text) || rules_.any_prefix("line_start", c.text);
    return c.starts_block == 1;
  }

  // Reaches the right margin. A line that ends a sentence must reach it
  // exactly: one character short means the paragraph ended there.
  // A centred or right-aligned line (title, signature, date) is not full
  // however far right it reaches.
  bool full(const Cleaned& c) const {
    if (c.tail_of_full_line) return true;
    const std::vector<int>& margins = layouts_[c.page - 1].margins;
    if (margins.empty() || relative_indent(c) > 8) return false;
    const bool sentence_end = ends_paragraph(text::last_char(c.text));
    for (int m : margins) {
      const int tol = tolerance(m);
      if (c.right_edge >= (sentence_end ? m - 1 : m - tol) && c.right_edge <= m + tol) return true;
    }
    return c.right_edge > margins.back() + tolerance(margins.back());
  }

  int relative_indent(const Cleaned& c) const { return c.indent - page_min_indent_[c.page - 1]; }

  // A numbered line without a full stop, shorter than the margin: a heading.
  bool heading_like(Cleaned& c) const {
    return starts_block(c) && c.text.find("。") == std::string::npos && !full(c);
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
      if (ends_paragraph(c) || c == U'；' || c == ';') return end < paragraph.size() ? Open::kOpen : Open::kNone;
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
  bool join(Cleaned& a, Cleaned& b, std::string_view paragraph) const {
    if (a.table_row || b.table_row || b.break_before || a.page_header || b.page_header) return false;
    if (a.heading_level || b.heading_level || a.bold || b.bold || b.paragraph) return false;
    const char32_t last = text::last_char(a.text);
    const char32_t next = text::first_char(b.text);
    if (starts_block(b)) return false;
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
    if (layout.blank_lines_meaningful && b.blank_before > 0 && !(full(a) && !ends_paragraph(last)))
      return false;
    // A responsibility note closing the item above belongs to it.
    if (ends_paragraph(last) && notes::is_note_line(b.text, rules_)) return true;
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

}  // namespace

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

void assemble(std::vector<Cleaned>& lines, const std::vector<Layout>& layouts, const std::vector<int>& page_min_indent,
              bool pdf, const rules::RuleSet& rules, NormalizedText& result) {
  const Unwrapper unwrap(rules, layouts, page_min_indent, pdf);
  Cleaned* prev = nullptr;
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
      c.tail_of_full_line = unwrap.full(*prev) && !ends_paragraph(text::last_char(prev->text)) &&
                            text::length(c.text) <= kTail && !ends_paragraph(text::last_char(c.text));
      if (is_ascii_alnum(text::last_char(result.text)) && is_ascii_alnum(text::first_char(c.text)))
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
}

}  // namespace policydb::normalize::internal
