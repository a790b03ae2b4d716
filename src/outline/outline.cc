// The outline stage's entry point and the Outline's queries (section and
// task at an offset, section paths), with the small text helpers its passes
// share. The passes themselves: lines.cc, tree.cc, tables.cc, tasks.cc.
#include "outline/outline.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/text.h"
#include "outline/builder.h"

namespace policydb::outline {

namespace internal {

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
char32_t prev_cp(std::string_view s, size_t pos, size_t* start) {
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

bool contains_any(std::string_view s, std::initializer_list<char32_t> cps) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = text::decode(s, i);
    for (char32_t c : cps)
      if (cp == c) return true;
  }
  return false;
}
}  // namespace internal

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
        char32_t cp = internal::prev_cp(p, p.size(), &start);
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
  internal::Builder doc(text, rules);
  internal::classify(doc);
  internal::build_tree(doc);
  internal::find_notes(doc);
  internal::make_tasks(doc);
  internal::finish(doc);
  return std::move(doc.out);
}

}  // namespace policydb::outline
