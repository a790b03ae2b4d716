// Line classification, the outline's first pass: each line of the normalised
// text becomes empty, text, a heading (or a heading's second line), a table
// row, a TOC entry, a signature or a contact line, with the rule families
// "heading", "toc", "signature" and "contact".
#include <algorithm>
#include <optional>
#include <string_view>

#include "common/numerals.h"
#include "common/text.h"
#include "outline/builder.h"
#include "rules/rules.h"

namespace policydb::outline::internal {

namespace {

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

struct Classifier {
  explicit Classifier(Builder& d) : doc(d) {}
  Builder& doc;

  std::optional<Heading> heading_of(size_t b, size_t e) const {
    std::string_view line = doc.s.substr(b, e - b);
    auto m = doc.rules.match_prefix("heading", line);
    if (!m) return std::nullopt;
    auto kind = kind_from_attr(m->attr("kind"));
    if (!kind) return std::nullopt;
    Heading h;
    h.kind = *kind;
    std::string_view marker = m->has("marker") ? m->group("marker", line) : line.substr(m->begin, m->end - m->begin);
    size_t marker_end = b + static_cast<size_t>(marker.data() - line.data()) + marker.size();
    h.number = std::string(text::trim(marker));
    h.ordinal = text::numeral_value(text::trim(m->group("num", line)));
    h.title_begin = skip_spaces(doc.s, marker_end, e);
    // Skip a separator between marker and title (专栏1：标题).
    if (h.title_begin < e) {
      size_t i = h.title_begin;
      char32_t cp = text::decode(doc.s, i);
      if (cp == U'：' || cp == U':') h.title_begin = skip_spaces(doc.s, i, e);
    }
    // The title runs to the first sentence end; the body follows on the line.
    h.title_end = e;
    h.body_begin = e;
    for (size_t i = h.title_begin; i < e;) {
      size_t start = i;
      char32_t cp = text::decode(doc.s, i);
      if (text::ends_sentence(cp)) {
        h.title_end = start;
        h.body_begin = skip_spaces(doc.s, i, e);
        break;
      }
    }
    h.title = std::string(doc.s.substr(h.title_begin, h.title_end - h.title_begin));
    return h;
  }

  // Line i's heading (heading_of its trimmed span), read once per line:
  // several passes ask about the same line.
  const std::optional<Heading>& line_heading(size_t i) const {
    if (heading_memo_.size() != doc.lines.size()) heading_memo_.assign(doc.lines.size(), std::nullopt);
    auto& memo = heading_memo_[i];
    if (!memo) memo = heading_of(doc.lines[i].begin, doc.lines[i].end);
    return *memo;
  }
  mutable std::vector<std::optional<std::optional<Heading>>> heading_memo_;

  // Whether line i has a TOC match of kind "line" (an entry) and of kind
  // "heading" (目录). Every `toc` rule ends at `$` (a test checks it), so
  // find_all's one match is the one that ends the line: read back from the
  // line's end (match_suffix) instead of searching the whole line.
  struct TocKinds {
    bool line = false, heading = false;
  };
  TocKinds toc_kinds(size_t i) const {
    if (toc_memo_.size() != doc.lines.size()) toc_memo_.assign(doc.lines.size(), -1);
    signed char& memo = toc_memo_[i];
    if (memo < 0) {
      TocKinds k;
      if (const auto m = doc.rules.match_suffix("toc", doc.line_text(i))) {
        std::string_view kind = m->attr("kind");
        k.line = kind == "line";
        k.heading = kind == "heading";
      }
      memo = static_cast<signed char>((k.line ? 1 : 0) | (k.heading ? 2 : 0));
    }
    return TocKinds{(memo & 1) != 0, (memo & 2) != 0};
  }
  mutable std::vector<signed char> toc_memo_;  // -1 unknown, else bit 0 line, bit 1 heading

  bool is_toc_line(size_t i) const { return toc_kinds(i).line; }
  // Text glued after the page number of a TOC line, if any (as a span).
  std::optional<std::pair<size_t, size_t>> toc_glued(size_t i) const {
    std::string_view line = doc.line_text(i);
    for (const auto& m : doc.rules.find_all("toc", line)) {
      if (!m.has("rest")) continue;
      std::string_view rest = m.group("rest", line);
      size_t b = doc.lines[i].begin + static_cast<size_t>(rest.data() - line.data());
      return std::make_pair(b, b + rest.size());
    }
    return std::nullopt;
  }
  bool is_toc_heading(size_t i) const { return toc_kinds(i).heading; }

  void run() {
    doc.lines.resize(doc.t.lines.size());
    for (size_t i = 0; i < doc.t.lines.size(); ++i) {
      const auto& L = doc.t.lines[i];
      auto [b, e] = trim_span(doc.s, std::min(L.begin, doc.s.size()), std::min(L.end, doc.s.size()));
      doc.lines[i].begin = b;
      doc.lines[i].end = e;
      doc.lines[i].type = b == e ? LineType::kEmpty : LineType::kText;
    }
    mark_toc();
    mark_tables();
    mark_contacts();
    mark_signatures();
    mark_headings();
  }

  size_t next_nonempty(size_t i) const {
    while (i < doc.lines.size() && doc.lines[i].type == LineType::kEmpty) ++i;
    return i;
  }

  void mark_toc() {
    // A 目录 heading starts a TOC; otherwise two TOC lines in a row do.
    for (size_t i = 0; i < doc.lines.size(); ++i) {
      if (doc.lines[i].type != LineType::kText) continue;
      bool heading = is_toc_heading(i);
      if (!heading) {
        if (!is_toc_line(i)) continue;
        size_t j = next_nonempty(i + 1);
        if (j >= doc.lines.size() || !is_toc_line(j)) continue;
      }
      size_t last = i;
      size_t j = i + 1;
      int misses = 0;
      // Entries without a page number (a wrapped entry) are allowed between
      // numbered ones, but two in a row end the TOC.
      while (j < doc.lines.size()) {
        if (doc.lines[j].type == LineType::kEmpty) {
          ++j;
          continue;
        }
        if (is_toc_line(j)) {
          last = j;
          misses = 0;
        } else if (++misses >= 2 || text::length(doc.line_text(j)) > 60) {
          break;
        }
        ++j;
      }
      if (heading && last == i) continue;  // a 目录 heading with no entries
      for (size_t k = i; k <= last; ++k)
        if (doc.lines[k].type != LineType::kEmpty) doc.lines[k].type = LineType::kToc;
      doc.out.excluded.push_back({RegionKind::kTableOfContents, doc.lines[i].begin, doc.lines[last].end});
      i = last;
    }
  }

  void mark_tables() {
    size_t i = 0;
    while (i < doc.lines.size()) {
      if (doc.lines[i].type != LineType::kText || doc.line_text(i).find('\t') == std::string_view::npos) {
        ++i;
        continue;
      }
      size_t first = i, last = i, count = 1;
      size_t j = i + 1;
      while (j < doc.lines.size()) {
        if (doc.lines[j].type == LineType::kEmpty) {
          ++j;
          continue;
        }
        if (doc.lines[j].type != LineType::kText || doc.line_text(j).find('\t') == std::string_view::npos) break;
        last = j;
        ++count;
        ++j;
      }
      if (count >= 2) {
        for (size_t k = first; k <= last; ++k)
          if (doc.lines[k].type == LineType::kText) doc.lines[k].type = LineType::kTable;
        doc.block_of_first_line[first] = doc.blocks.size();
        doc.blocks.push_back({first, last});
      }
      i = last + 1;
    }
  }

  void mark_contacts() {
    for (size_t i = 0; i < doc.lines.size(); ++i) {
      if (doc.lines[i].type != LineType::kText) continue;
      std::string_view line = doc.line_text(i);
      if (doc.rules.any("contact", line)) {
        // The contact note may wrap: run to its closing bracket.
        size_t last = i;
        int depth = bracket_balance(line);
        size_t j = i + 1;
        while (depth > 0 && j < doc.lines.size() && j <= i + 4) {
          if (doc.lines[j].type == LineType::kText) {
            depth += bracket_balance(doc.line_text(j));
            last = j;
          } else if (doc.lines[j].type != LineType::kEmpty) {
            break;
          }
          ++j;
        }
        for (size_t k = i; k <= last; ++k)
          if (doc.lines[k].type == LineType::kText) doc.lines[k].type = LineType::kContact;
        doc.out.excluded.push_back({RegionKind::kContact, doc.lines[i].begin, doc.lines[last].end});
        i = last;
        continue;
      }
    }
  }

  // Signature blocks: issuing bodies and/or a date, each alone on a line.
  void mark_signatures() {
    size_t i = 0;
    while (i < doc.lines.size()) {
      auto kind_of = [&](size_t k) -> std::string_view {
        if (doc.lines[k].type != LineType::kText) return {};
        std::string_view line = doc.line_text(k);
        if (line_heading(k)) return {};
        // Only a match of the whole line counts, so one from offset 0.
        if (!doc.rules.any_prefix("signature", line)) return {};
        auto ms = doc.rules.find_all("signature", line);
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
      while (j < doc.lines.size()) {
        if (doc.lines[j].type == LineType::kEmpty) {
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
          if (doc.lines[k].type == LineType::kText) doc.lines[k].type = LineType::kSignature;
        doc.out.excluded.push_back({RegionKind::kSignature, doc.lines[first].begin, doc.lines[last].end});
      }
      i = last + 1;
    }
  }

  // A line without a numbered marker is a heading only by its markup (a
  // Markdown/HTML heading, or a short bold line).
  std::optional<Heading> markup_heading(size_t i) const {
    const auto& L = doc.t.lines[i];
    std::string_view line = doc.line_text(i);
    size_t n = text::length(line);
    bool markup = L.heading_level > 0 || (L.bold && n <= 40);
    if (!markup || n > 80) return std::nullopt;
    Heading u;
    u.kind = Kind::kHeading;
    u.title_begin = doc.lines[i].begin;
    u.title_end = u.body_begin = doc.lines[i].end;
    u.title = std::string(line);
    return u;
  }

  void mark_headings() {
    for (size_t i = 0; i < doc.lines.size(); ++i) {
      if (doc.lines[i].type != LineType::kText) continue;
      auto h = line_heading(i);
      if (!h) h = markup_heading(i);
      if (!h) continue;
      doc.lines[i].type = LineType::kHeading;
      size_t j = next_nonempty(i + 1);
      bool can_take_next = j < doc.lines.size() && doc.lines[j].type == LineType::kText &&
                           !line_heading(j);
      bool marker_alone = h->kind != Kind::kHeading && h->title_begin >= doc.lines[i].end;
      size_t next_title_end = can_take_next ? title_end_in(doc.lines[j]) : 0;
      if (marker_alone && can_take_next && next_title_end > 0) {
        take_title_from_next(*h, j, next_title_end);
      } else if (marker_alone && i > 0) {
        if (take_title_from_above(*h, i)) continue;
      } else if (h->kind != Kind::kHeading && h->kind != Kind::kAttachment && h->body_begin >= doc.lines[i].end &&
                 can_take_next && wrapped_title(*h, doc.lines[j])) {
        // A title wrapped over two lines: the second is short and has no
        // sentence punctuation of its own.
        h->title_end = h->body_begin = doc.lines[j].end;
        h->title += std::string(doc.line_text(j));
        doc.lines[j].type = LineType::kHeadingCont;
      }
      doc.lines[i].heading = *h;
    }
  }

  // A marker alone on its line: the title is on the next line, j, up to
  // title_end.
  void take_title_from_next(Heading& h, size_t j, size_t title_end) {
    h.title_begin = doc.lines[j].begin;
    h.title_end = title_end;
    h.body_begin = skip_spaces(doc.s, title_end, doc.lines[j].end);
    if (h.body_begin < doc.lines[j].end) {
      size_t k = h.body_begin;
      if (text::ends_sentence(text::decode(doc.s, k))) h.body_begin = skip_spaces(doc.s, k, doc.lines[j].end);
    }
    h.title = std::string(doc.s.substr(h.title_begin, h.title_end - h.title_begin));
    doc.lines[j].type = LineType::kHeadingCont;
  }

  // Some PDF layouts put the title above its number: a short line right
  // before a marker (line i) that stands alone, body text after it. True
  // when the heading was placed here (on line i or on the title's line).
  bool take_title_from_above(Heading& h, size_t i) {
    size_t p = i;
    while (p > 0 && doc.lines[p - 1].type == LineType::kEmpty) --p;
    if (p > 0 && doc.lines[p - 1].type == LineType::kToc) {
      // ...and that line may have been glued to the TOC's last entry.
      if (auto g = toc_glued(p - 1)) {
        h.title = std::string(doc.s.substr(g->first, g->second - g->first));
        doc.lines[i].heading = h;
        return true;
      }
    }
    if (p > 0 && doc.lines[p - 1].type == LineType::kText && title_end_in(doc.lines[p - 1]) == doc.lines[p - 1].end &&
        text::length(doc.line_text(p - 1)) <= 40) {
      --p;
      h.title_begin = doc.lines[p].begin;
      h.title_end = doc.lines[p].end;
      h.body_begin = doc.lines[i].end;
      h.title = std::string(doc.line_text(p));
      h.begin = doc.lines[p].begin;
      doc.lines[p].type = LineType::kHeading;
      doc.lines[p].heading = h;
      doc.lines[i].type = LineType::kHeadingCont;
      return true;
    }
    return false;
  }

  // Where a title on line L ends: at its first sentence end or the line's
  // end, if that comes within a title's length; 0 if L reads as body text.
  size_t title_end_in(const LineInfo& L) const {
    size_t n = 0;
    for (size_t i = L.begin; i < L.end;) {
      size_t start = i;
      char32_t cp = text::decode(doc.s, i);
      if (text::ends_sentence(cp)) return n > 0 ? start : 0;
      if (++n > 40) return 0;
    }
    return L.end;
  }

  bool wrapped_title(const Heading& h, const LineInfo& next) const {
    std::string_view title = doc.s.substr(h.title_begin, h.title_end - h.title_begin);
    std::string_view cont = doc.s.substr(next.begin, next.end - next.begin);
    if (text::length(title) < 12 || text::length(cont) > 16) return false;
    if (contains_any(cont, {U'。', U'，', U'；', U'：', U',', U';', U':'})) return false;
    size_t st = 0;
    char32_t last = prev_cp(title, title.size(), &st);
    if (text::ends_sentence(last) || last == U'：' || last == U':') return false;
    return true;
  }

  // ------------------------------------------------------------------ tree
};

}  // namespace

void classify(Builder& doc) { Classifier(doc).run(); }

}  // namespace policydb::outline::internal
