// Targets of flattened tables (issue 18 §4): a table whose cells a scraper
// ran together into one line of text (项目2019年2020年…返乡下乡创业人数（人）
// 3200360036002800…). The header's year columns say how many values each
// row's digit run holds; a run splits only into equal widths, else the row
// gives nothing. Patterns: families target_flat_* of rules/targets.toml.
#include <optional>

#include "common/text.h"
#include "extract/target_tables.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

// The caption before a header: back to the last sentence end, colon or
// line break, at most ~80 characters.
std::string_view caption_before(std::string_view text, size_t at) {
  size_t b = at > 240 ? at - 240 : 0;
  while (b < at && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) ++b;
  std::string_view cap = text.substr(b, at - b);
  for (std::string_view end : {"。", "：", "\n"}) {
    size_t p = cap.rfind(end);
    if (p != std::string_view::npos) cap.remove_prefix(p + end.size());
  }
  return cap;
}

// `run` cut into n values of one width; nullopt unless every piece reads as
// a number written plainly (no leading zero or point, no trailing point).
std::optional<std::vector<double>> split_run(std::string_view run, size_t n) {
  if (n == 0 || run.size() % n != 0) return std::nullopt;
  const size_t w = run.size() / n;
  std::vector<double> out;
  for (size_t i = 0; i < n; ++i) {
    std::string_view piece = run.substr(i * w, w);
    if (piece.front() == '.' || piece.back() == '.') return std::nullopt;
    if (w > 1 && piece[0] == '0' && piece[1] != '.') return std::nullopt;
    auto v = values::parse_number(piece);
    if (!v) return std::nullopt;
    out.push_back(*v);
  }
  return out;
}

std::vector<int> header_years(std::string_view years, const rules::RuleSet& rules, int reference_year) {
  std::vector<int> out;
  for (const auto& m : rules.find_all("target_flat_year", years)) {
    auto y = values::parse_year(m.group("year", years));
    // A year before the notice's is where the indicator stands (read_header).
    out.push_back(y && (reference_year <= 0 || *y >= reference_year) ? *y : 0);
  }
  return out;
}

}  // namespace

void flat_table_targets(const normalize::NormalizedText& text, const outline::Outline& outline,
                        const rules::RuleSet& rules, const WholeText& whole, const timex::Context& ctx,
                        std::vector<Target>& out) {
  const std::string_view all = text.text;
  for (const auto& h : rules.find_all(whole.scan, WholeText::kTargetFlatHeader, all)) {
    std::string_view caption = caption_before(all, h.begin);
    if (!rules.any("target_table", caption) || rules.any("target_table_past", caption)) continue;
    const std::vector<int> years = header_years(h.group("years", all), rules, ctx.reference_year);
    std::string direction = "level";
    for (const auto& v : rules.find_all("target_verb", caption))
      if (!v.attr("direction").empty()) direction = std::string(v.attr("direction"));
    size_t pos = h.end;
    while (auto m = rules.match_prefix("target_flat_row", all.substr(pos))) {
      std::string_view row = all.substr(pos, m->end);
      const size_t begin = pos;
      pos += m->end;
      std::string name = text::strip_spaces(m->group("name", row));
      if (rules.any("target_total", name) || in_excluded(outline, begin)) continue;
      auto vals = split_run(m->group("values", row), years.size());
      if (!vals) continue;
      for (size_t i = 0; i < years.size(); ++i) {
        if (years[i] == 0) continue;
        Target t;
        t.indicator = name;
        t.direction = direction;
        t.value = (*vals)[i];
        t.unit = text::strip_spaces(m->group("unit", row));
        t.comparator = std::string("=");  // not a literal: GCC 12 -Wrestrict false positive (PR 105329)
        t.target_year = years[i];
        t.evidence = std::string(row);
        t.begin = begin;
        t.end = pos;
        t.page = text.page_of(begin);
        t.task = outline.task_at(begin);
        t.rule = "target-table-flat";
        out.push_back(std::move(t));
      }
    }
  }
}

}  // namespace policydb::extract
