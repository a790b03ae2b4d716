#include "outline/outline.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "common/numerals.h"
#include "common/text.h"
#include "rules/rules.h"

namespace policydb::outline {

namespace {

using normalize::NormalizedText;

// ------------------------------------------------------------ small helpers

// [b, e) of `s` without leading and trailing white space, as offsets.
std::pair<size_t, size_t> trim_span(std::string_view s, size_t b, size_t e) {
  std::string_view t = text::trim(s.substr(b, e - b));
  if (t.empty()) return {b, b};
  size_t nb = static_cast<size_t>(t.data() - s.data());
  return {nb, nb + t.size()};
}

size_t skip_spaces(std::string_view s, size_t pos, size_t end) {
  while (pos < end) {
    size_t i = pos;
    if (!text::is_space(text::decode(s, i))) break;
    pos = i;
  }
  return pos;
}

// The code point that ends at `pos` (pos > 0), and where it starts.
char32_t prev_cp(std::string_view s, size_t pos, size_t* start = nullptr) {
  size_t b = pos - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t i = b;
  char32_t cp = text::decode(s, i);
  if (start) *start = b;
  return cp;
}

std::optional<Kind> kind_from_attr(std::string_view k) {
  if (k == "part") return Kind::kPart;
  if (k == "section") return Kind::kSection;
  if (k == "item") return Kind::kItem;
  if (k == "subitem") return Kind::kSubItem;
  if (k == "point") return Kind::kPoint;
  if (k == "box") return Kind::kBox;
  if (k == "attachment") return Kind::kAttachment;
  if (k == "chapter") return Kind::kChapter;
  if (k == "division") return Kind::kDivision;
  if (k == "article") return Kind::kArticle;
  return std::nullopt;
}

// Nesting rank: a heading closes every open section of equal or higher rank.
int rank(Kind k) {
  switch (k) {
    case Kind::kRoot: return -1;
    case Kind::kAttachment: return 0;
    case Kind::kChapter: return 2;
    case Kind::kDivision: return 6;
    case Kind::kArticle: return 8;
    case Kind::kPart: return 10;
    case Kind::kSection: return 20;
    case Kind::kBox: return 25;
    case Kind::kItem: return 30;
    case Kind::kSubItem: return 40;
    case Kind::kPoint: return 50;
    case Kind::kHeading: return 5;
  }
  return 60;
}

bool is_sentence_end(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == U'!' || cp == U'?';
}

bool is_open_bracket(char32_t cp) {
  return cp == U'（' || cp == U'(' || cp == U'【' || cp == U'〔' || cp == U'[';
}
bool is_close_bracket(char32_t cp) {
  return cp == U'）' || cp == U')' || cp == U'】' || cp == U'〕' || cp == U']';
}

// Net bracket depth change across s.
int bracket_balance(std::string_view s) {
  int depth = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = text::decode(s, i);
    if (is_open_bracket(cp)) ++depth;
    if (is_close_bracket(cp)) --depth;
  }
  return depth;
}

bool contains_any(std::string_view s, std::initializer_list<char32_t> cps) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = text::decode(s, i);
    for (char32_t c : cps)
      if (cp == c) return true;
  }
  return false;
}

// A table cell as a person reads it: HTML tags left by converters removed,
// spaces that PDF extraction put between CJK characters removed, runs of
// white space collapsed.
std::string clean_cell(std::string_view cell) {
  // Bytes are copied a run at a time, between the tags and spaces dropped.
  std::string no_tags;
  no_tags.reserve(cell.size());
  for (size_t i = 0; i < cell.size();) {
    const size_t lt = cell.find('<', i);
    if (lt == std::string_view::npos) {
      no_tags.append(cell.substr(i));
      break;
    }
    no_tags.append(cell.substr(i, lt - i));
    i = lt;
    size_t j = i + 1;
    bool tag = j < cell.size() && (std::isalpha(static_cast<unsigned char>(cell[j])) || cell[j] == '/');
    while (tag && j < cell.size() && cell[j] != '>') {
      unsigned char c = static_cast<unsigned char>(cell[j]);
      if (c >= 0x80 || c == '<' || j - i > 64) tag = false;
      ++j;
    }
    if (tag && j < cell.size()) {
      i = j + 1;
      continue;
    }
    no_tags.push_back(cell[i++]);
  }
  std::string out;
  out.reserve(no_tags.size());
  std::string_view s = text::trim(no_tags);
  char32_t last = 0;
  bool pending_space = false;
  size_t run = 0;  // first byte not yet copied
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = text::decode(s, i);
    if (text::is_space(cp)) {
      if (!pending_space) out.append(s.substr(run, start - run));
      pending_space = true;
      continue;
    }
    if (pending_space) {
      bool cjk_join = (text::is_cjk(last) || text::is_cjk_punct(last)) &&
                      (text::is_cjk(cp) || text::is_cjk_punct(cp));
      if (!cjk_join) out.push_back(' ');
      pending_space = false;
      run = start;
    }
    last = cp;
  }
  // s is trimmed: it ends with a run, never with pending spaces.
  if (!pending_space) out.append(s.substr(run));
  return out;
}

// ------------------------------------------------------------ line classes

enum class LineType { kEmpty, kText, kHeading, kHeadingCont, kTable, kToc, kSignature, kContact };

struct Heading {
  Kind kind = Kind::kHeading;
  size_t begin = std::string::npos;  // where the section starts, if not at the marker's line
  std::string number;
  int ordinal = 0;
  size_t title_begin = 0, title_end = 0;  // in the document text
  size_t body_begin = 0;
  std::string title;
};

struct LineInfo {
  LineType type = LineType::kEmpty;
  size_t begin = 0, end = 0;  // trimmed content
  Heading heading;
};

// A run of table lines in the document.
struct TableBlock {
  size_t first = 0, last = 0;  // line indices, inclusive
};

class Builder {
 public:
  Builder(const NormalizedText& t, const rules::RuleSet& r) : t_(t), s_(t.text), rules_(r) {}

  Outline run() {
    classify();
    build_tree();
    find_notes();
    make_tasks();
    finish();
    return std::move(out_);
  }

 private:
  const NormalizedText& t_;
  std::string_view s_;
  const rules::RuleSet& rules_;
  std::vector<LineInfo> lines_;
  std::vector<TableBlock> blocks_;
  std::map<size_t, size_t> block_of_first_line_;
  Outline out_;
  struct NoteHit {
    size_t begin = 0, end = 0;  // the note's text (without brackets)
    size_t line_end = 0;
  };
  std::map<int, NoteHit> notes_;        // section id → its closing note
  std::map<int, std::vector<NoteHit>> paragraph_notes_;  // section id → every note, in order
  std::map<std::pair<int, Kind>, int> last_ordinal_;  // (parent, kind) → last child's ordinal
  std::vector<bool> allocation_in_;     // section id → holds an allocation table

  std::string_view line_text(size_t i) const {
    return s_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin);
  }

  // ---------------------------------------------------------------- classify

  std::optional<Heading> heading_of(size_t b, size_t e) const {
    std::string_view line = s_.substr(b, e - b);
    auto m = rules_.match_prefix("heading", line);
    if (!m) return std::nullopt;
    auto kind = kind_from_attr(m->attr("kind"));
    if (!kind) return std::nullopt;
    Heading h;
    h.kind = *kind;
    std::string_view marker = m->has("marker") ? m->group("marker", line) : line.substr(m->begin, m->end - m->begin);
    size_t marker_end = b + static_cast<size_t>(marker.data() - line.data()) + marker.size();
    h.number = std::string(text::trim(marker));
    h.ordinal = text::numeral_value(text::trim(m->group("num", line)));
    h.title_begin = skip_spaces(s_, marker_end, e);
    // Skip a separator between marker and title (专栏1：标题).
    if (h.title_begin < e) {
      size_t i = h.title_begin;
      char32_t cp = text::decode(s_, i);
      if (cp == U'：' || cp == U':') h.title_begin = skip_spaces(s_, i, e);
    }
    // The title runs to the first sentence end; the body follows on the line.
    h.title_end = e;
    h.body_begin = e;
    for (size_t i = h.title_begin; i < e;) {
      size_t start = i;
      char32_t cp = text::decode(s_, i);
      if (is_sentence_end(cp)) {
        h.title_end = start;
        h.body_begin = skip_spaces(s_, i, e);
        break;
      }
    }
    h.title = std::string(s_.substr(h.title_begin, h.title_end - h.title_begin));
    return h;
  }

  // Line i's heading (heading_of its trimmed span), read once per line:
  // several passes ask about the same line.
  const std::optional<Heading>& line_heading(size_t i) const {
    if (heading_memo_.size() != lines_.size()) heading_memo_.assign(lines_.size(), std::nullopt);
    auto& memo = heading_memo_[i];
    if (!memo) memo = heading_of(lines_[i].begin, lines_[i].end);
    return *memo;
  }
  mutable std::vector<std::optional<std::optional<Heading>>> heading_memo_;

  // Whether line i has a TOC match of kind "line" (an entry) and of kind
  // "heading" (目录), from one find_all per line.
  struct TocKinds {
    bool line = false, heading = false;
  };
  TocKinds toc_kinds(size_t i) const {
    if (toc_memo_.size() != lines_.size()) toc_memo_.assign(lines_.size(), -1);
    signed char& memo = toc_memo_[i];
    if (memo < 0) {
      TocKinds k;
      for (const auto& m : rules_.find_all("toc", line_text(i))) {
        std::string_view kind = m.attr("kind");
        k.line = k.line || kind == "line";
        k.heading = k.heading || kind == "heading";
      }
      memo = static_cast<signed char>((k.line ? 1 : 0) | (k.heading ? 2 : 0));
    }
    return TocKinds{(memo & 1) != 0, (memo & 2) != 0};
  }
  mutable std::vector<signed char> toc_memo_;  // -1 unknown, else bit 0 line, bit 1 heading

  bool is_toc_line(size_t i) const { return toc_kinds(i).line; }
  // Text glued after the page number of a TOC line, if any (as a span).
  std::optional<std::pair<size_t, size_t>> toc_glued(size_t i) const {
    std::string_view line = line_text(i);
    for (const auto& m : rules_.find_all("toc", line)) {
      if (!m.has("rest")) continue;
      std::string_view rest = m.group("rest", line);
      size_t b = lines_[i].begin + static_cast<size_t>(rest.data() - line.data());
      return std::make_pair(b, b + rest.size());
    }
    return std::nullopt;
  }
  bool is_toc_heading(size_t i) const { return toc_kinds(i).heading; }

  void classify() {
    lines_.resize(t_.lines.size());
    for (size_t i = 0; i < t_.lines.size(); ++i) {
      const auto& L = t_.lines[i];
      auto [b, e] = trim_span(s_, std::min(L.begin, s_.size()), std::min(L.end, s_.size()));
      lines_[i].begin = b;
      lines_[i].end = e;
      lines_[i].type = b == e ? LineType::kEmpty : LineType::kText;
    }
    mark_toc();
    mark_tables();
    mark_signatures_and_contacts();
    mark_headings();
  }

  size_t next_nonempty(size_t i) const {
    while (i < lines_.size() && lines_[i].type == LineType::kEmpty) ++i;
    return i;
  }

  void mark_toc() {
    // A 目录 heading starts a TOC; otherwise two TOC lines in a row do.
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].type != LineType::kText) continue;
      bool heading = is_toc_heading(i);
      if (!heading) {
        if (!is_toc_line(i)) continue;
        size_t j = next_nonempty(i + 1);
        if (j >= lines_.size() || !is_toc_line(j)) continue;
      }
      size_t last = i;
      size_t j = i + 1;
      int misses = 0;
      // Entries without a page number (a wrapped entry) are allowed between
      // numbered ones, but two in a row end the TOC.
      while (j < lines_.size()) {
        if (lines_[j].type == LineType::kEmpty) {
          ++j;
          continue;
        }
        if (is_toc_line(j)) {
          last = j;
          misses = 0;
        } else if (++misses >= 2 || text::length(line_text(j)) > 60) {
          break;
        }
        ++j;
      }
      if (heading && last == i) continue;  // a 目录 heading with no entries
      for (size_t k = i; k <= last; ++k)
        if (lines_[k].type != LineType::kEmpty) lines_[k].type = LineType::kToc;
      out_.excluded.push_back({RegionKind::kTableOfContents, lines_[i].begin, lines_[last].end});
      i = last;
    }
  }

  void mark_tables() {
    size_t i = 0;
    while (i < lines_.size()) {
      if (lines_[i].type != LineType::kText || line_text(i).find('\t') == std::string_view::npos) {
        ++i;
        continue;
      }
      size_t first = i, last = i, count = 1;
      size_t j = i + 1;
      while (j < lines_.size()) {
        if (lines_[j].type == LineType::kEmpty) {
          ++j;
          continue;
        }
        if (lines_[j].type != LineType::kText || line_text(j).find('\t') == std::string_view::npos) break;
        last = j;
        ++count;
        ++j;
      }
      if (count >= 2) {
        for (size_t k = first; k <= last; ++k)
          if (lines_[k].type == LineType::kText) lines_[k].type = LineType::kTable;
        block_of_first_line_[first] = blocks_.size();
        blocks_.push_back({first, last});
      }
      i = last + 1;
    }
  }

  void mark_signatures_and_contacts() {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].type != LineType::kText) continue;
      std::string_view line = line_text(i);
      if (rules_.any("contact", line)) {
        // The contact note may wrap: run to its closing bracket.
        size_t last = i;
        int depth = bracket_balance(line);
        size_t j = i + 1;
        while (depth > 0 && j < lines_.size() && j <= i + 4) {
          if (lines_[j].type == LineType::kText) {
            depth += bracket_balance(line_text(j));
            last = j;
          } else if (lines_[j].type != LineType::kEmpty) {
            break;
          }
          ++j;
        }
        for (size_t k = i; k <= last; ++k)
          if (lines_[k].type == LineType::kText) lines_[k].type = LineType::kContact;
        out_.excluded.push_back({RegionKind::kContact, lines_[i].begin, lines_[last].end});
        i = last;
        continue;
      }
    }
    // Signature blocks: issuing bodies and/or a date, each alone on a line.
    size_t i = 0;
    while (i < lines_.size()) {
      auto kind_of = [&](size_t k) -> std::string_view {
        if (lines_[k].type != LineType::kText) return {};
        std::string_view line = line_text(k);
        if (line_heading(k)) return {};
        // Only a match of the whole line counts, so one from offset 0.
        if (!rules_.any_prefix("signature", line)) return {};
        auto ms = rules_.find_all("signature", line);
        for (const auto& m : ms)
          if (m.begin == 0 && m.end == line.size()) return m.attr("kind");
        return {};
      };
      std::string_view k0 = kind_of(i);
      if (k0.empty()) {
        ++i;
        continue;
      }
      size_t first = i, last = i, count = 1;
      bool date = k0 == "date";
      size_t j = i + 1;
      while (j < lines_.size()) {
        if (lines_[j].type == LineType::kEmpty) {
          ++j;
          continue;
        }
        std::string_view k = kind_of(j);
        if (k.empty()) break;
        date = date || k == "date";
        last = j;
        ++count;
        ++j;
      }
      if (count >= 2 || date) {
        for (size_t k = first; k <= last; ++k)
          if (lines_[k].type == LineType::kText) lines_[k].type = LineType::kSignature;
        out_.excluded.push_back({RegionKind::kSignature, lines_[first].begin, lines_[last].end});
      }
      i = last + 1;
    }
  }

  void mark_headings() {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].type != LineType::kText) continue;
      auto h = line_heading(i);
      if (!h) {
        // Markup is the only sign of an unnumbered heading.
        const auto& L = t_.lines[i];
        std::string_view line = line_text(i);
        size_t n = text::length(line);
        bool markup = L.heading_level > 0 || (L.bold && n <= 40);
        if (!markup || n > 80) continue;
        Heading u;
        u.kind = Kind::kHeading;
        u.title_begin = lines_[i].begin;
        u.title_end = u.body_begin = lines_[i].end;
        u.title = std::string(line);
        h = u;
      }
      lines_[i].type = LineType::kHeading;
      size_t j = next_nonempty(i + 1);
      bool can_take_next = j < lines_.size() && lines_[j].type == LineType::kText &&
                           !line_heading(j);
      bool marker_alone = h->kind != Kind::kHeading && h->title_begin >= lines_[i].end;
      size_t next_title_end = can_take_next ? title_end_in(lines_[j]) : 0;
      if (marker_alone && can_take_next && next_title_end > 0) {
        // A marker alone on its line: the title is on the next line.
        h->title_begin = lines_[j].begin;
        h->title_end = next_title_end;
        h->body_begin = skip_spaces(s_, next_title_end, lines_[j].end);
        if (h->body_begin < lines_[j].end) {
          size_t k = h->body_begin;
          if (is_sentence_end(text::decode(s_, k))) h->body_begin = skip_spaces(s_, k, lines_[j].end);
        }
        h->title = std::string(s_.substr(h->title_begin, h->title_end - h->title_begin));
        lines_[j].type = LineType::kHeadingCont;
      } else if (marker_alone && i > 0) {
        // Some PDF layouts put the title above its number: a short line
        // right before a marker that stands alone, body text after it.
        size_t p = i;
        while (p > 0 && lines_[p - 1].type == LineType::kEmpty) --p;
        if (p > 0 && lines_[p - 1].type == LineType::kToc) {
          // ...and that line may have been glued to the TOC's last entry.
          if (auto g = toc_glued(p - 1)) {
            h->title = std::string(s_.substr(g->first, g->second - g->first));
            lines_[i].heading = *h;
            continue;
          }
        }
        if (p > 0 && lines_[p - 1].type == LineType::kText && title_end_in(lines_[p - 1]) == lines_[p - 1].end &&
            text::length(line_text(p - 1)) <= 40) {
          --p;
          h->title_begin = lines_[p].begin;
          h->title_end = lines_[p].end;
          h->body_begin = lines_[i].end;
          h->title = std::string(line_text(p));
          h->begin = lines_[p].begin;
          lines_[p].type = LineType::kHeading;
          lines_[p].heading = *h;
          lines_[i].type = LineType::kHeadingCont;
          continue;
        }
      } else if (h->kind != Kind::kHeading && h->kind != Kind::kAttachment && h->body_begin >= lines_[i].end &&
                 can_take_next && wrapped_title(*h, lines_[j])) {
        // A title wrapped over two lines: the second is short and has no
        // sentence punctuation of its own.
        h->title_end = h->body_begin = lines_[j].end;
        h->title += std::string(line_text(j));
        lines_[j].type = LineType::kHeadingCont;
      }
      lines_[i].heading = *h;
    }
  }

  // Where a title on line L ends: at its first sentence end or the line's
  // end, if that comes within a title's length; 0 if L reads as body text.
  size_t title_end_in(const LineInfo& L) const {
    size_t n = 0;
    for (size_t i = L.begin; i < L.end;) {
      size_t start = i;
      char32_t cp = text::decode(s_, i);
      if (is_sentence_end(cp)) return n > 0 ? start : 0;
      if (++n > 40) return 0;
    }
    return L.end;
  }

  bool wrapped_title(const Heading& h, const LineInfo& next) const {
    std::string_view title = s_.substr(h.title_begin, h.title_end - h.title_begin);
    std::string_view cont = s_.substr(next.begin, next.end - next.begin);
    if (text::length(title) < 12 || text::length(cont) > 16) return false;
    if (contains_any(cont, {U'。', U'，', U'；', U'：', U',', U';', U':'})) return false;
    size_t st = 0;
    char32_t last = prev_cp(title, title.size(), &st);
    if (is_sentence_end(last) || last == U'：' || last == U':') return false;
    return true;
  }

  // ------------------------------------------------------------------ tree

  int add_section(Kind kind, int parent, const Heading& h, size_t begin, size_t end) {
    Section sec;
    sec.id = static_cast<int>(out_.sections.size());
    sec.parent = parent;
    sec.depth = out_.sections[parent].depth + 1;
    sec.kind = kind;
    sec.number = h.number;
    sec.ordinal = h.ordinal;
    sec.title = text::strip_spaces(h.title).empty() ? std::string() : h.title;
    sec.begin = begin;
    sec.end = end;
    sec.title_begin = h.title_begin;
    sec.body_begin = h.body_begin;
    const Section& p = out_.sections[parent];
    sec.in_box = p.in_box || kind == Kind::kBox;
    sec.in_attachment = p.in_attachment || kind == Kind::kAttachment;
    out_.sections.push_back(sec);
    return sec.id;
  }

  void build_tree() {
    Section root;
    root.kind = Kind::kRoot;
    root.begin = 0;
    root.end = s_.size();
    out_.sections.push_back(root);

    std::vector<int> stack{0};
    // Item numbering outside boxes (numbers may continue across sections)
    // and inside the open box: tells a box's projects from the items after it.
    int outer_item = 0;
    std::map<int, int> box_items;  // box id → last item ordinal inside it

    auto extend = [&](size_t end) {
      for (int id : stack)
        if (id != 0) out_.sections[id].end = std::max(out_.sections[id].end, end);
    };
    auto pop_to_root = [&]() { stack.resize(1); };

    for (size_t i = 0; i < lines_.size(); ++i) {
      LineInfo& L = lines_[i];
      switch (L.type) {
        case LineType::kEmpty:
          continue;
        case LineType::kToc:
        case LineType::kSignature:
        case LineType::kContact:
          pop_to_root();
          continue;
        case LineType::kText:
        case LineType::kHeadingCont:
          extend(L.end);
          continue;
        case LineType::kTable: {
          auto it = block_of_first_line_.find(i);
          if (it != block_of_first_line_.end()) {
            // A markup heading does not own a table that follows it.
            parse_table(blocks_[it->second], stack.back());
          }
          extend(L.end);
          continue;
        }
        case LineType::kHeading:
          break;
      }
      const Heading& h = L.heading;
      Kind kind = h.kind;
      // Unnumbered (markup) headings never hold children.
      if (out_.sections[stack.back()].kind == Kind::kHeading) stack.pop_back();
      if (kind == Kind::kHeading) {
        bool numbered_open = false;
        for (int id : stack)
          if (id != 0 && out_.sections[id].kind != Kind::kAttachment) numbered_open = true;
        if (numbered_open) {
          // Inside numbered text, bold or '#' is emphasis, not structure.
          L.type = LineType::kText;
          extend(L.end);
          continue;
        }
      }
      if (kind == Kind::kItem) {
        // Inside a box, an item continues the box's list or, when it takes up
        // the numbering from before the box, closes the box.
        int box = -1;
        for (int id : stack)
          if (out_.sections[id].kind == Kind::kBox) box = id;
        if (box >= 0) {
          int inside = box_items[box];
          bool continues_box = h.ordinal == inside + 1;
          bool continues_outer = outer_item > 0 && h.ordinal == outer_item + 1;
          // Both lists could go on (the box has as many projects as the
          // items before it): a responsibility note marks a task, which box
          // projects are not.
          if (continues_box && continues_outer && rules_.any("note_marker", line_text(i))) continues_box = false;
          if (!continues_box && continues_outer) {
            while (stack.back() != box) stack.pop_back();
            stack.pop_back();
          }
        }
      }
      // A marker that would restart its parent's numbering, followed by a
      // long run of prose, is a wrapped line that happens to start with
      // `一、` (…第\n一、第二阶梯…), not a heading.
      {
        size_t k = stack.size();
        while (k > 1 && rank(out_.sections[stack[k - 1]].kind) >= rank(kind)) --k;
        int would_be_parent = stack[k - 1];
        auto last = last_ordinal_.find({would_be_parent, kind});
        bool restarts = last != last_ordinal_.end() && h.ordinal > 0 && h.ordinal <= last->second;
        if (restarts && text::length(h.title) > 30) {
          L.type = LineType::kText;
          extend(L.end);
          continue;
        }
      }
      while (stack.size() > 1 && rank(out_.sections[stack.back()].kind) >= rank(kind)) stack.pop_back();
      int parent = stack.back();
      last_ordinal_[{parent, kind}] = h.ordinal;
      size_t end = h.title_end;
      for (size_t j = i + 1; j < lines_.size() && lines_[j].type == LineType::kHeadingCont; ++j) end = lines_[j].end;
      end = std::max(end, L.end);
      int id = add_section(kind, parent, h, h.begin == std::string::npos ? L.begin : h.begin, end);
      if (kind == Kind::kItem) {
        int box = -1;
        for (int sid : stack)
          if (out_.sections[sid].kind == Kind::kBox) box = sid;
        if (box >= 0)
          box_items[box] = h.ordinal;
        else
          outer_item = h.ordinal;
      }
      extend(end);
      stack.push_back(id);
    }
  }

  // ---------------------------------------------------------------- tables

  struct RowFields {
    std::string number, text, note, time_limit;
    int text_col = -1, note_col = -1;
  };

  std::optional<std::string> column_kind(std::string_view cell) const {
    // Only a match from offset 0 counts: most cells fail the anchored test
    // within a few bytes.
    if (!rules_.any_prefix("table_column", cell)) return std::nullopt;
    for (const auto& m : rules_.find_all("table_column", cell))
      if (m.begin == 0 && m.end == cell.size()) return std::string(m.attr("kind"));
    return std::nullopt;
  }

  // The number cell of a row: a cell that is only a short number, or a
  // number, a space and the task text (`90 鼓励…`). Returns the column and
  // splits off the text.
  static std::optional<size_t> number_cell(const std::vector<std::string>& cells, std::string* number,
                                           std::string* rest) {
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string& cell = cells[c];
      size_t d = 0;
      while (d < cell.size() && d < 4 && cell[d] >= '0' && cell[d] <= '9') ++d;
      if (d == 0 || d > 3) continue;
      // The row must go on with text (the task, a city): a number that ends
      // the row is a value (合计 … 289), not the row's number.
      auto text_after = [&](size_t from_cell) {
        for (size_t k = from_cell; k < cells.size(); ++k)
          for (size_t i = 0; i < cells[k].size();)
            if (text::is_cjk(text::decode(cells[k], i))) return true;
        return false;
      };
      if (d == cell.size()) {
        if (!text_after(c + 1)) continue;
        *number = cell;
        rest->clear();
        return c;
      }
      // `90 鼓励…`, or `90鼓励…` once normalisation removed the space: the
      // text must be long enough not to be a quantity (`10家`).
      size_t k = cell[d] == ' ' ? d + 1 : d;
      if (k < cell.size() && !(cell[k] >= '0' && cell[k] <= '9')) {
        size_t i = k;
        char32_t cp = text::decode(cell, i);
        if (text::is_cjk(cp) && (k > d || text::length(std::string_view(cell).substr(k)) >= 8)) {
          *number = cell.substr(0, d);
          *rest = cell.substr(k);
          return c;
        }
      }
    }
    return std::nullopt;
  }

  void parse_table(const TableBlock& block, int section) {
    Table table;
    table.id = static_cast<int>(out_.tables.size());
    table.section = section;
    table.begin = lines_[block.first].begin;
    table.end = lines_[block.last].end;
    // Caption: the nearest non-empty line above, if it reads like one.
    for (size_t k = block.first; k-- > 0;) {
      if (lines_[k].type == LineType::kEmpty) continue;
      std::string_view cap = line_text(k);
      if ((lines_[k].type == LineType::kText || lines_[k].type == LineType::kHeading) && text::length(cap) <= 60 &&
          !contains_any(cap, {U'。'}))
        table.title = std::string(cap);
      break;
    }

    std::set<std::string> seen_headers;
    std::string group;                      // first header cell of the current header (重点任务)
    std::vector<std::string> column_kinds;  // kinds of header columns after the text
    std::vector<std::string> column_names;
    std::map<size_t, std::pair<Kind, std::string>> filled;  // column → last label in it (merged cells)
    std::map<Kind, std::string> labels;     // current part/section/item label
    std::vector<std::vector<std::string>> row_labels;  // per numbered row
    std::vector<std::string> row_groups;              // per numbered row
    std::vector<RowFields> fields;

    for (size_t li = block.first; li <= block.last; ++li) {
      if (lines_[li].type != LineType::kTable) continue;
      std::vector<std::string> cells;
      size_t start = 0;
      // Cells are split on the untrimmed line so column positions hold.
      std::string_view full = s_.substr(t_.lines[li].begin, t_.lines[li].end - t_.lines[li].begin);
      while (true) {
        size_t tab = full.find('\t', start);
        cells.push_back(clean_cell(full.substr(start, tab == std::string_view::npos ? full.npos : tab - start)));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      size_t nonempty = 0;
      for (const auto& c : cells) nonempty += !c.empty();
      if (nonempty == 0) continue;

      std::string number, rest;
      auto ncol = number_cell(cells, &number, &rest);
      // Header rows: no number, and a cell naming a column (or the table's
      // first row). A header seen before is a page's repeated header.
      if (!ncol) {
        bool names_column = false;
        for (const auto& c : cells)
          if (!c.empty() && column_kind(c)) names_column = true;
        bool first_row = table.rows.empty() && table.header.empty();
        if (names_column || first_row) {
          std::string key;
          for (const auto& c : cells)
            if (!c.empty()) key += c + "\t";
          if (seen_headers.insert(key).second) {
            std::vector<std::string> header;
            for (const auto& c : cells)
              if (!c.empty()) header.push_back(c);
            if (table.header.empty()) table.header = header;
            column_kinds.clear();
            column_names.clear();
            std::string g;
            for (const auto& c : header) {
              auto k = column_kind(c);
              if (!k) {
                if (g.empty()) g = c;
                continue;
              }
              if (*k == "responsibility" || *k == "support" || *k == "time_limit") {
                column_kinds.push_back(*k);
                column_names.push_back(c);
                if (*k != "time_limit") table.allocation = true;
              }
            }
            if (!g.empty() && g != group) {
              group = g;
              labels.clear();
              filled.clear();
            }
          }
          continue;
        }
      }

      if (!ncol) {
        // No number: a row of labels (merged cells broken by a page), or the
        // continuation of the previous row's cells.
        bool marked = false;
        for (const auto& c : cells) {
          if (c.empty()) continue;
          auto m = rules_.match_prefix("heading", c);
          if (m && kind_from_attr(m->attr("kind"))) marked = true;
        }
        if (marked) {
          for (size_t c = 0; c < cells.size(); ++c)
            if (!cells[c].empty()) take_label(cells[c], c, labels, filled);
          continue;
        }
        if (!fields.empty() && table.allocation) {
          RowFields& prev = fields.back();
          for (size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            bool to_note = prev.note_col >= 0 &&
                           std::abs(static_cast<int>(c) - prev.note_col) < std::abs(static_cast<int>(c) - prev.text_col);
            (to_note ? prev.note : prev.text) += cells[c];
          }
          table.rows.back().end = lines_[li].end;
          continue;
        }
        TableRow row;
        row.cells = std::move(cells);
        row.begin = lines_[li].begin;
        row.end = lines_[li].end;
        row.page = t_.page_of(row.begin);
        table.rows.push_back(std::move(row));
        fields.push_back({});
        continue;
      }

      // A numbered row: labels before the number (filled from above when
      // merged), the text, then the responsibility / time-limit cells.
      for (size_t c = 0; c < *ncol; ++c) {
        if (!cells[c].empty()) {
          take_label(cells[c], c, labels, filled);
        } else if (auto f = filled.find(c); f != filled.end()) {
          cells[c] = f->second.second;
        }
      }
      RowFields rf;
      rf.number = number;
      std::vector<std::pair<size_t, std::string>> after;
      if (!rest.empty()) after.emplace_back(*ncol, rest);
      for (size_t c = *ncol + 1; c < cells.size(); ++c)
        if (!cells[c].empty()) after.emplace_back(c, cells[c]);
      if (!after.empty()) {
        rf.text = after[0].second;
        rf.text_col = static_cast<int>(after[0].first);
      }
      for (size_t a = 1; a < after.size(); ++a) {
        size_t k = std::min(a - 1, column_kinds.empty() ? size_t(0) : column_kinds.size() - 1);
        std::string kind = column_kinds.empty() ? "responsibility" : column_kinds[k];
        const std::string& v = after[a].second;
        if (kind == "time_limit") {
          rf.time_limit += v;
        } else {
          // With separate lead and support columns, the header says the role.
          std::string piece = v;
          bool several = column_kinds.size() > 1 && kind != "time_limit";
          if (several && k < column_names.size() && v.find("：") == std::string::npos &&
              v.find(':') == std::string::npos)
            piece = column_names[k] + "：" + v;
          if (!rf.note.empty()) rf.note += " ";
          rf.note += piece;
          rf.note_col = static_cast<int>(after[a].first);
        }
      }
      TableRow row;
      row.cells = std::move(cells);
      if (!rest.empty()) {
        row.cells[*ncol] = number;
        row.cells.insert(row.cells.begin() + static_cast<long>(*ncol) + 1, rest);
      }
      row.number = number;
      row.begin = lines_[li].begin;
      row.end = lines_[li].end;
      row.page = t_.page_of(row.begin);
      table.rows.push_back(std::move(row));
      std::vector<std::string> path;
      if (!group.empty()) path.push_back(group);
      for (Kind k : {Kind::kPart, Kind::kSection, Kind::kItem})
        if (auto it = labels.find(k); it != labels.end()) path.push_back(it->second);
      row_labels.push_back(std::move(path));
      row_groups.push_back(group);
      fields.push_back(std::move(rf));
    }

    if (table.allocation) {
      for (size_t r = 0, numbered = 0; r < table.rows.size(); ++r) {
        const TableRow& row = table.rows[r];
        if (row.number.empty()) continue;
        const RowFields& f = fields[r];
        Task task;
        task.section = section;
        task.table = table.id;
        task.row = static_cast<int>(r);
        const auto& path = row_labels[numbered];
        const std::string& grp = row_groups[numbered++];
        task.label = grp.empty() ? row.number : grp + " " + row.number;
        for (size_t p = 0; p < path.size(); ++p) task.path += (p ? "/" : "") + path[p];
        task.text = f.text;
        if (!f.note.empty()) task.text += "（" + f.note + "）";
        if (!f.time_limit.empty()) task.text += "（" + f.time_limit + "）";
        task.note = f.note;
        task.time_limit = f.time_limit;
        task.begin = row.begin;
        task.end = row.end;
        task.page_first = t_.page_of(row.begin);
        task.page_last = t_.page_of(row.end > row.begin ? row.end - 1 : row.begin);
        table_tasks_.push_back(std::move(task));
      }
    }
    out_.tables.push_back(std::move(table));
  }

  // A label cell (before the number): a marked label replaces the label of
  // its level and clears deeper ones; an unmarked one continues the label
  // last seen in its column (a merged cell broken by a page break).
  void take_label(const std::string& cell, size_t col, std::map<Kind, std::string>& labels,
                  std::map<size_t, std::pair<Kind, std::string>>& filled) const {
    auto m = rules_.match_prefix("heading", cell);
    std::optional<Kind> k = m ? kind_from_attr(m->attr("kind")) : std::nullopt;
    if (k && (*k == Kind::kPart || *k == Kind::kSection || *k == Kind::kItem || *k == Kind::kSubItem)) {
      std::string marker(text::trim(m->has("marker") ? m->group("marker", cell) : std::string_view(cell)));
      labels[*k] = marker;
      for (auto it = labels.begin(); it != labels.end();)
        it = rank(it->first) > rank(*k) ? labels.erase(it) : std::next(it);
      // A new label ends the merged cells of deeper levels, wherever the
      // page's layout put them.
      for (auto it = filled.begin(); it != filled.end();)
        it = rank(it->second.first) > rank(*k) ? filled.erase(it) : std::next(it);
      filled[col] = {*k, cell};
      return;
    }
    auto f = filled.find(col);
    if (f != filled.end() && f->second.second.find(cell) == std::string::npos) f->second.second += cell;
  }

  std::vector<Task> table_tasks_;

  // ----------------------------------------------------------------- notes

  void find_notes() {
    allocation_in_.resize(out_.sections.size(), false);
    for (const auto& tb : out_.tables)
      if (tb.allocation && tb.section >= 0) allocation_in_[tb.section] = true;
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].type != LineType::kText && lines_[i].type != LineType::kHeading) continue;
      std::string_view line = line_text(i);
      auto ms = rules_.find_all("note_marker", line);
      if (ms.empty()) continue;
      const rules::Match& m = ms.back();
      int sec = out_.section_at(lines_[i].begin);
      if (sec <= 0) continue;
      const Section* S = &out_.sections[sec];
      if (S->kind == Kind::kHeading || S->kind == Kind::kAttachment) continue;
      // A note on a line of its own after a box belongs to the section that
      // holds the box.
      bool standalone = m.begin == 0;
      if (standalone && S->in_box) {
        while (sec > 0 && out_.sections[sec].in_box) sec = out_.sections[sec].parent;
        if (sec <= 0) continue;
      }
      NoteHit hit;
      std::string_view note = m.has("note") ? m.group("note", line) : line.substr(m.begin, m.end - m.begin);
      hit.begin = lines_[i].begin + static_cast<size_t>(note.data() - line.data());
      hit.end = hit.begin + note.size();
      hit.line_end = lines_[i].end;
      notes_[sec] = hit;
      paragraph_notes_[sec].push_back(hit);
    }
  }

  // ----------------------------------------------------------------- tasks

  std::vector<std::vector<int>> children() const {
    std::vector<std::vector<int>> ch(out_.sections.size());
    for (const auto& s : out_.sections)
      if (s.parent >= 0) ch[s.parent].push_back(s.id);
    return ch;
  }

  // True when a line of body text overlaps [b, e). Lines are in text order.
  bool has_prose(size_t b, size_t e) const {
    auto it = std::partition_point(lines_.begin(), lines_.end(), [&](const LineInfo& L) { return L.end <= b; });
    for (; it != lines_.end() && it->begin < e; ++it)
      if (it->type == LineType::kText && it->end > b) return true;
    return false;
  }

  void make_tasks() {
    auto ch = children();
    const size_t n = out_.sections.size();
    std::vector<bool> noted_below(n, false);  // a descendant holds a note
    for (size_t id = n; id-- > 1;) {
      int p = out_.sections[id].parent;
      if (p >= 0 && (noted_below[id] || notes_.count(static_cast<int>(id)))) noted_below[p] = true;
    }
    std::vector<bool> covered(n, false);  // an ancestor is a task
    std::vector<Task> tasks;
    for (size_t id = 1; id < n; ++id) {
      const Section& s = out_.sections[id];
      if (s.parent >= 0 && covered[s.parent]) {
        covered[id] = true;
        continue;
      }
      bool noted = notes_.count(static_cast<int>(id)) > 0;
      bool is_task = false;
      if (noted && !noted_below[id]) {
        is_task = true;
      } else if (!noted && !noted_below[id]) {
        bool numbered_child = false;
        for (int c : ch[id])
          if (out_.sections[c].kind != Kind::kBox) numbered_child = true;
        bool eligible = s.kind != Kind::kHeading && s.kind != Kind::kBox && s.kind != Kind::kAttachment &&
                        !s.in_box && !numbered_child && !allocation_in_[id];
        if (eligible) {
          size_t body_end = task_end(static_cast<int>(id), ch);
          bool body_on_heading_line = s.body_begin < body_end && s.body_begin < line_end_at(s.begin);
          is_task = body_on_heading_line || has_prose(s.body_begin, body_end);
        }
      }
      if (!is_task) continue;
      covered[id] = true;
      Task task;
      task.section = static_cast<int>(id);
      task.label = s.kind == Kind::kItem || s.kind == Kind::kSubItem ? std::to_string(s.ordinal) : s.number;
      if (task.label == "0") task.label = s.number;
      task.path = out_.path_of(static_cast<int>(id));
      task.begin = s.begin;
      task.end = task_end(static_cast<int>(id), ch);
      if (auto it = notes_.find(static_cast<int>(id)); it != notes_.end()) {
        task.note = std::string(s_.substr(it->second.begin, it->second.end - it->second.begin));
        task.end = std::max(task.end, std::min(it->second.line_end, s.end));
      }
      task.text = std::string(text::trim(s_.substr(task.begin, task.end - task.begin)));
      split_at_notes(std::move(task), tasks);
    }
    for (auto& t : table_tasks_) tasks.push_back(std::move(t));
    std::stable_sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.begin < b.begin; });
    // Tasks never overlap: a section that runs on into a task-allocation
    // table ends where the table's first task begins.
    for (size_t i = 0; i + 1 < tasks.size(); ++i) {
      Task& t = tasks[i];
      if (t.table < 0 && t.end > tasks[i + 1].begin) {
        auto [b, e] = trim_span(s_, t.begin, std::max(t.begin, tasks[i + 1].begin));
        t.end = std::max(b, e);
        t.text = std::string(s_.substr(t.begin, t.end - t.begin));
      }
    }
    for (size_t i = 0; i < tasks.size(); ++i) {
      Task& t = tasks[i];
      t.id = static_cast<int>(i);
      if (t.time_limit.empty()) {
        auto ms = rules_.find_all("time_limit", t.text);
        for (const auto& m : ms) {
          std::string_view v = m.has("value") ? m.group("value", t.text) : std::string_view();
          if (!v.empty()) {
            t.time_limit = std::string(text::trim(v));
            break;
          }
        }
      }
      t.page_first = t_.page_of(t.begin);
      t.page_last = t_.page_of(t.end > t.begin ? t.end - 1 : t.begin);
    }
    out_.tasks = std::move(tasks);
  }

  // A paragraph closed by a responsibility note is a task (gold/README.md
  // §3): a section whose body holds several noted paragraphs, numbered or
  // not, gives one task per paragraph run up to and including each note.
  // Text after the last note stays with the last task.
  void split_at_notes(Task task, std::vector<Task>& tasks) const {
    auto it = paragraph_notes_.find(task.section);
    if (it == paragraph_notes_.end() || it->second.size() < 2) {
      tasks.push_back(std::move(task));
      return;
    }
    const size_t first = tasks.size();
    size_t begin = task.begin;
    for (const NoteHit& h : it->second) {
      if (h.line_end <= begin || h.line_end > task.end) continue;
      Task part = task;
      part.begin = begin;
      part.end = h.line_end;
      part.note = std::string(s_.substr(h.begin, h.end - h.begin));
      tasks.push_back(std::move(part));
      begin = skip_spaces(s_, h.line_end, task.end);
    }
    if (tasks.size() == first) {
      tasks.push_back(std::move(task));
      return;
    }
    if (begin < task.end) tasks.back().end = task.end;
    for (size_t i = first; i < tasks.size(); ++i)
      tasks[i].text = std::string(text::trim(s_.substr(tasks[i].begin, tasks[i].end - tasks[i].begin)));
  }

  size_t line_end_at(size_t offset) const {
    size_t e = s_.find('\n', offset);
    return e == std::string_view::npos ? s_.size() : e;
  }

  // A task is its section up to the first box inside it.
  size_t task_end(int id, const std::vector<std::vector<int>>& ch) const {
    const Section& s = out_.sections[id];
    size_t end = s.end;
    for (int c : ch[id])
      if (out_.sections[c].kind == Kind::kBox) end = std::min(end, out_.sections[c].begin);
    // Trim trailing white space.
    auto [b, e] = trim_span(s_, s.begin, std::max(end, s.begin));
    (void)b;
    return e;
  }

  void finish() {
    for (auto& s : out_.sections) {
      if (s.kind == Kind::kRoot) {
        s.end = s_.size();
      }
      s.page_first = t_.page_of(s.begin);
      s.page_last = t_.page_of(s.end > s.begin ? s.end - 1 : s.begin);
    }
    std::sort(out_.excluded.begin(), out_.excluded.end(),
              [](const Region& a, const Region& b) { return a.begin < b.begin; });
  }
};

}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::kRoot: return "root";
    case Kind::kPart: return "part";
    case Kind::kSection: return "section";
    case Kind::kItem: return "item";
    case Kind::kSubItem: return "subitem";
    case Kind::kPoint: return "point";
    case Kind::kBox: return "box";
    case Kind::kAttachment: return "attachment";
    case Kind::kHeading: return "heading";
    case Kind::kChapter: return "chapter";
    case Kind::kDivision: return "division";
    case Kind::kArticle: return "article";
  }
  return "?";
}

int Outline::section_at(size_t offset) const {
  // Sections are in document order and nested: the innermost one holding
  // offset is the last one that starts at or before it and still contains it.
  auto it = std::upper_bound(sections.begin(), sections.end(), offset,
                             [](size_t off, const Section& s) { return off < s.begin; });
  while (it != sections.begin()) {
    --it;
    if (it->kind == Kind::kRoot) return it->id;
    if (offset >= it->begin && offset < it->end) return it->id;
  }
  return sections.empty() ? -1 : 0;
}

int Outline::task_at(size_t offset) const {
  auto it = std::upper_bound(tasks.begin(), tasks.end(), offset,
                             [](size_t off, const Task& t) { return off < t.begin; });
  if (it == tasks.begin()) return -1;
  --it;
  return offset < it->end ? it->id : -1;
}

std::string Outline::path_of(int section) const {
  std::vector<std::string> parts;
  for (int id = section; id > 0 && static_cast<size_t>(id) < sections.size(); id = sections[id].parent) {
    const Section& s = sections[id];
    std::string p = s.number;
    if (s.kind == Kind::kPart) {
      // 一、 → 一
      while (!p.empty()) {
        size_t start = 0;
        char32_t cp = prev_cp(p, p.size(), &start);
        if (cp == U'、' || cp == U'.' || cp == U'．' || text::is_space(cp)) {
          p.resize(start);
          continue;
        }
        break;
      }
    }
    if (p.empty()) {
      std::string_view t = s.title;
      size_t cut = 0, n = 0;
      while (cut < t.size() && n < 12) {
        text::decode(t, cut);
        ++n;
      }
      p = std::string(t.substr(0, cut));
    }
    parts.push_back(text::strip_spaces(p));
  }
  std::string out;
  for (size_t i = parts.size(); i-- > 0;) {
    out += parts[i];
    if (i) out += "/";
  }
  return out;
}

const Region* Outline::excluded_at(size_t offset) const {
  for (const auto& r : excluded)
    if (offset >= r.begin && offset < r.end) return &r;
  return nullptr;
}

Outline build(const normalize::NormalizedText& text, const rules::RuleSet& rules) {
  return Builder(text, rules).run();
}

namespace {

// a + b without `"literal" + std::string&&`, which GCC 12 at -O3 wrongly
// warns about (-Wrestrict).
std::string cat(std::string_view a, std::string_view b) {
  std::string out(a);
  out += b;
  return out;
}

}  // namespace

std::string render_tree(const Outline& o, const std::vector<int>& clause_counts) {
  std::map<int, std::vector<int>> tasks_of_section, tasks_of_table;
  for (const auto& t : o.tasks) {
    if (t.table >= 0)
      tasks_of_table[t.table].push_back(t.id);
    else
      tasks_of_section[t.section].push_back(t.id);
  }
  auto task_tag = [&](int id) {
    std::string s = "[task " + std::to_string(id);
    if (static_cast<size_t>(id) < clause_counts.size()) s += ", " + std::to_string(clause_counts[id]) + " clauses";
    const Task& t = o.tasks[id];
    if (!t.note.empty()) s += ", note";
    if (!t.time_limit.empty()) s += ", time limit " + t.time_limit;
    return s + "]";
  };
  auto clip = [](std::string_view s, size_t max_cp) {
    size_t cut = 0, n = 0;
    while (cut < s.size() && n < max_cp) {
      text::decode(s, cut);
      ++n;
    }
    std::string out(s.substr(0, cut));
    if (cut < s.size()) out += "…";
    return out;
  };
  std::map<int, std::vector<int>> tables_of_section;
  for (const auto& tb : o.tables) tables_of_section[tb.section].push_back(tb.id);

  std::string out;
  for (const auto& s : o.sections) {
    std::string indent(static_cast<size_t>(s.depth) * 2, ' ');
    if (s.kind == Kind::kRoot) {
      out += "document  p." + std::to_string(s.page_first) + "-" + std::to_string(s.page_last) + "\n";
    } else {
      out += indent + (s.number.empty() ? std::string() : s.number + " ") + clip(s.title, 40) + "  (" +
             kind_name(s.kind) + (s.in_box && s.kind != Kind::kBox ? ", in box" : "") + ", p." +
             std::to_string(s.page_first) + (s.page_last != s.page_first ? cat("-", std::to_string(s.page_last)) : "") +
             ")";
      for (int t : tasks_of_section[s.id]) out += cat(" ", task_tag(t));
      out += "\n";
    }
    for (int tb : tables_of_section[s.id]) {
      const Table& table = o.tables[tb];
      out += indent + "  table " + std::to_string(table.id) + (table.title.empty() ? "" : cat(" ", clip(table.title, 30))) +
             ": " + std::to_string(table.rows.size()) + " rows" + (table.allocation ? ", task allocation" : "") + "\n";
      for (int t : tasks_of_table[tb])
        out += indent + "    " + o.tasks[t].label + "  " + clip(o.tasks[t].text, 24) + " " + task_tag(t) + "\n";
    }
  }
  for (const auto& r : o.excluded) {
    const char* k = r.kind == RegionKind::kTableOfContents ? "table of contents"
                    : r.kind == RegionKind::kSignature     ? "signature"
                    : r.kind == RegionKind::kContact       ? "contact"
                                                           : "cover";
    out += std::string("excluded: ") + k + " [" + std::to_string(r.begin) + ", " + std::to_string(r.end) + ")\n";
  }
  out += std::to_string(o.tasks.size()) + " tasks, " + std::to_string(o.sections.size() - (o.sections.empty() ? 0 : 1)) +
         " sections, " + std::to_string(o.tables.size()) + " tables\n";
  return out;
}

}  // namespace policydb::outline
