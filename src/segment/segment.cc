#include "segment/segment.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

#include "common/text.h"
#include "notes/brackets.h"
#include "rules/rules.h"
#include "unicode/unicode.h"

namespace policydb::segment {

namespace {

char32_t cp_before(std::string_view s, size_t pos, size_t* start) {
  size_t b = pos - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t i = b;
  char32_t cp = text::decode(s, i);
  *start = b;
  return cp;
}

char32_t cp_at(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  return text::decode(s, pos);
}

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// True when [b, e) holds something besides white space and punctuation.
bool has_content(std::string_view s, size_t b, size_t e) {
  for (size_t i = b; i < e;) {
    char32_t cp = text::decode(s, i);
    if (text::is_space(cp) || text::is_cjk_punct(cp)) continue;
    if (cp < 0x80 && !std::isalnum(static_cast<int>(cp))) continue;
    return true;
  }
  return false;
}

// ICU's sentence breaks, corrected for what it gets wrong on this text.
// [first, last) are the raw ICU breaks inside (b, e); the kept ones go to
// `out` (cleared first, so one buffer serves every cell).
void fix_breaks(std::string_view s, size_t b, size_t e, std::vector<size_t>::const_iterator first,
                std::vector<size_t>::const_iterator last, const notes::Brackets& marks,
                std::vector<size_t>& out) {
  out.clear();
  for (; first != last; ++first) {
    size_t br = *first;
    if (br <= b || br >= e) continue;
    size_t st = 0;
    // An opening bracket or quote after 。 belongs to the next sentence
    // (rules/brackets.toml).
    while (br > b) {
      char32_t prev = cp_before(s, br, &st);
      if (!marks.opens(prev)) break;
      br = st;
    }
    if (br <= b) continue;
    // Skip white space before the break so the sentence ends at its text.
    char32_t prev = cp_before(s, br, &st);
    // `1.` before CJK text is a list marker, not a full stop: ICU breaks
    // after it. So is a full stop between digits (already unbroken by ICU).
    if (prev == '.' || prev == U'．') {
      size_t st2 = 0;
      bool after_number = st > b && is_digit(cp_before(s, st, &st2));
      char32_t next = cp_at(s, br);
      size_t k = br;
      while (k < e && text::is_space(cp_at(s, k))) text::decode(s, k);
      next = cp_at(s, k);
      if (after_number && (text::is_cjk(next) || text::is_cjk_punct(next))) continue;
    }
    if (!has_content(s, b, br)) continue;
    if (!out.empty() && !has_content(s, out.back(), br)) continue;
    out.push_back(br);
  }
  // Drop a break that would leave only punctuation after it (e.g. `。）`).
  while (!out.empty() && !has_content(s, out.back(), e)) out.pop_back();
}

struct Span {
  size_t begin, end;
};

// One pass over the text: lines, then the cells of a table row (split at
// tabs), then the sentences of a cell (ICU's breaks, corrected), then the
// clauses of a sentence (rule breaks). A clause never spans a line or cell.
class Segmenter {
 public:
  Segmenter(const normalize::NormalizedText& t, const outline::Outline& outline, const rules::RuleSet& rules)
      : t_(t),
        s_(t.text),
        outline_(outline),
        rules_(rules),
        marks_(notes::brackets(rules)),
        icu_(unicode::sentence_breaks(s_)) {
    // Where a heading's marker ends, by the line it starts on: a clause of
    // a heading line starts at its title, not at `1.` or `（三）`.
    for (const auto& sec : outline.sections)
      if (sec.kind != outline::Kind::kRoot && sec.title_begin > sec.begin)
        heading_titles_.emplace_back(sec.begin, sec.title_begin);
    std::sort(heading_titles_.begin(), heading_titles_.end());
  }

  std::vector<Clause> run() {
    size_t pos = 0;
    while (pos <= s_.size()) {
      size_t nl = s_.find('\n', pos);
      size_t line_end = nl == std::string_view::npos ? s_.size() : nl;
      const outline::Region* region = outline_.excluded_at(pos);
      bool skip = region && region->kind == outline::RegionKind::kTableOfContents;
      if (!skip && line_end > pos) line(pos, line_end);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    return std::move(clauses_);
  }

 private:
  // A line from after its heading marker, cell by cell.
  void line(size_t lb, size_t line_end) {
    std::string_view line = s_.substr(lb, line_end - lb);
    size_t lead = static_cast<size_t>(text::trim(line).data() - line.data());
    if (text::trim(line).empty()) lead = line.size();
    size_t content = lb + lead;
    auto it = std::lower_bound(heading_titles_.begin(), heading_titles_.end(), std::make_pair(content, size_t(0)));
    if (it != heading_titles_.end() && it->first == content && it->second <= line_end) content = it->second;
    const bool in_table = line.find('\t') != std::string_view::npos;
    size_t cb = content;
    while (cb <= line_end) {
      size_t tab = s_.find('\t', cb);
      size_t ce = (tab == std::string_view::npos || tab > line_end) ? line_end : tab;
      if (ce > cb) cell(cb, ce, in_table);
      if (ce >= line_end) break;
      cb = ce + 1;
    }
  }

  // Sentences: ICU breaks inside the cell, corrected.
  void cell(size_t cb, size_t ce, bool in_table) {
    auto lo = std::upper_bound(icu_.begin(), icu_.end(), cb);
    auto hi = std::lower_bound(icu_.begin(), icu_.end(), ce);
    fix_breaks(s_, cb, ce, lo, hi, *marks_, sb_);
    sb_.push_back(ce);
    size_t sstart = cb;
    for (size_t se : sb_) {
      sentence_clauses(sstart, se, in_table);
      if (has_content(s_, sstart, se)) ++sentence_;
      sstart = se;
    }
  }

  // Clauses: rule breaks inside the sentence [sstart, se).
  void sentence_clauses(size_t sstart, size_t se, bool in_table) {
    std::string_view sent = s_.substr(sstart, se - sstart);
    cuts_.clear();
    for (const auto& m : rules_.find_all_overlapping("clause_break", sent)) {
      size_t at = m.attr("at") == "begin" ? m.begin : m.end;
      if (at > 0 && at < sent.size()) cuts_.push_back(sstart + at);
    }
    std::sort(cuts_.begin(), cuts_.end());
    cuts_.erase(std::unique(cuts_.begin(), cuts_.end()), cuts_.end());
    size_t cs = sstart;
    for (size_t cut : cuts_) {
      if (has_content(s_, cs, cut) && has_content(s_, cut, se)) {
        emit(cs, cut, in_table);
        cs = cut;
      }
    }
    emit(cs, se, in_table);
  }

  void emit(size_t b, size_t e, bool in_table) {
    std::string_view piece = text::trim(s_.substr(b, e - b));
    if (piece.empty()) return;
    size_t pb = static_cast<size_t>(piece.data() - s_.data());
    size_t pe = pb + piece.size();
    if (!has_content(s_, pb, pe)) return;
    Clause c;
    c.id = static_cast<int>(clauses_.size());
    c.begin = pb;
    c.end = pe;
    c.text = std::string(piece);
    c.sentence = sentence_;
    c.page = t_.page_of(pb);
    c.section = outline_.section_at(pb);
    c.task = outline_.task_at(pb);
    c.in_table = in_table;
    clauses_.push_back(std::move(c));
  }

  const normalize::NormalizedText& t_;
  std::string_view s_;
  const outline::Outline& outline_;
  const rules::RuleSet& rules_;
  const std::shared_ptr<const notes::Brackets> marks_;
  const std::vector<size_t> icu_;
  std::vector<std::pair<size_t, size_t>> heading_titles_;  // line begin → title begin
  std::vector<Clause> clauses_;
  int sentence_ = 0;
  std::vector<size_t> sb_;    // sentence ends in the current cell
  std::vector<size_t> cuts_;  // clause cuts in the current sentence, sorted, unique
};

}  // namespace

std::vector<Clause> segment(const normalize::NormalizedText& t, const outline::Outline& outline,
                            const rules::RuleSet& rules) {
  if (t.text.empty()) return {};
  return Segmenter(t, outline, rules).run();
}

}  // namespace policydb::segment
