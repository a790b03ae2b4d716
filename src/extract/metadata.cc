// Document metadata from the header zone (the lines before the body starts)
// and the signature block (the organisation lines above the signing date).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

// How far into a document its title, 文号 and addressees are looked for.
constexpr size_t kHeaderLines = 40;

std::string_view line_text(const normalize::NormalizedText& t, const normalize::Line& l) {
  return text::trim(std::string_view(t.text).substr(l.begin, l.end - l.begin));
}

// True when a rule of `family` matches the whole of `s`.
bool whole_line(const rules::RuleSet& rules, std::string_view family, std::string_view s,
                rules::Match* out = nullptr) {
  auto m = rules.match_prefix(family, s);
  if (!m || m->end != s.size()) return false;
  if (out) *out = *m;
  return true;
}

// 《title》 printed as the whole line loses its outer brackets.
std::string clean_title(std::string_view s) {
  std::string t = text::strip_spaces(s);
  const std::string open = "《", close = "》";
  if (t.size() > open.size() + close.size() && t.compare(0, open.size(), open) == 0 &&
      t.compare(t.size() - close.size(), close.size(), close) == 0 &&
      t.find(open, open.size()) == std::string::npos)
    t = t.substr(open.size(), t.size() - open.size() - close.size());
  return t;
}

// A title printed over several lines: the lines above the one that ends it
// belong to it while they read as an unfinished heading (no sentence end, not
// a date, 文号, label or organisation), at most kMaxTitleLines in all.
constexpr size_t kMaxTitleLines = 3;
constexpr size_t kMaxTitleChars = 120;

bool unfinished_heading(const rules::RuleSet& rules, std::string_view s);

std::string join_wrapped_title(const normalize::NormalizedText& t, const rules::RuleSet& rules,
                               size_t last) {
  size_t first = last;
  size_t chars = text::length(line_text(t, t.lines[last]));
  while (first > 0 && last - first + 1 < kMaxTitleLines) {
    auto prev = line_text(t, t.lines[first - 1]);
    if (prev.empty() || t.lines[first - 1].table_row || !unfinished_heading(rules, prev)) break;
    chars += text::length(prev);
    if (chars > kMaxTitleChars) break;
    --first;
  }
  std::string out;
  for (size_t i = first; i <= last; ++i) out += line_text(t, t.lines[i]);
  return out;
}

bool unfinished_heading(const rules::RuleSet& rules, std::string_view s) {
  return text::length(s) >= 6 && !rules.any("sentence_end", s) &&
         !whole_line(rules, "title_skip", s) && !whole_line(rules, "doc_number", s) &&
         !whole_line(rules, "date_line", s) && !whole_line(rules, "org_line", s) &&
         !whole_line(rules, "salutation", s);
}

std::string region_of(std::string_view s, const rules::RuleSet& rules) {
  size_t best = std::string_view::npos;
  std::string region;
  for (const auto& m : rules.find_all("region", s)) {
    auto g = m.group("region", s);
    if (g.empty()) continue;
    size_t at = size_t(g.data() - s.data());
    if (at < best) best = at, region = std::string(g);
    break;  // find_all is ordered by position
  }
  for (const auto& e : rules.table("province")) {
    const std::string_view name = e.get("name");
    auto earlier = [&](std::string_view n) {
      if (n.empty()) return;
      size_t at = s.find(n);
      if (at != std::string_view::npos && at < best) best = at, region = std::string(name);
    };
    earlier(name);
    if (auto it = e.lists.find("short"); it != e.lists.end())
      for (const auto& n : it->second) earlier(n);
  }
  return region;
}

}  // namespace

Metadata extract_metadata(const normalize::NormalizedText& t, const outline::Outline& outline,
                          const rules::RuleSet& rules) {
  (void)outline;
  Metadata meta;
  const auto& lines = t.lines;

  // Header zone: up to the addressees line (各…：) or kHeaderLines lines.
  size_t header_end = std::min(lines.size(), kHeaderLines);
  for (size_t i = 0; i < header_end; ++i)
    if (whole_line(rules, "salutation", line_text(t, lines[i]))) {
      header_end = i;
      break;
    }

  // Title: the first header line that reads as one (ends in 通知/方案/…),
  // else the first line that is not a date, 文号, label or organisation.
  std::string fallback;
  for (size_t i = 0; i < header_end; ++i) {
    auto s = line_text(t, lines[i]);
    if (s.empty() || lines[i].table_row) continue;
    if (whole_line(rules, "title_skip", s) || whole_line(rules, "doc_number", s) ||
        whole_line(rules, "date_line", s))
      continue;
    if (rules.any("title", s) && text::length(s) >= 6) {
      meta.title = clean_title(join_wrapped_title(t, rules, i));
      break;
    }
    if (fallback.empty() && text::length(s) >= 6 && !whole_line(rules, "org_line", s))
      fallback = clean_title(s);
  }
  if (meta.title.empty()) meta.title = fallback;

  // 文号: a header line that is one.
  for (size_t i = 0; i < std::min(lines.size(), kHeaderLines); ++i) {
    rules::Match m;
    auto s = line_text(t, lines[i]);
    if (whole_line(rules, "doc_number", s, &m)) {
      meta.doc_number = std::string(m.group("number", s));
      break;
    }
  }

  // Issue date: the first line that is only a date; the organisation lines
  // right above it are the signature block.
  for (size_t i = 0; i < lines.size(); ++i) {
    rules::Match m;
    auto s = line_text(t, lines[i]);
    if (lines[i].table_row || !whole_line(rules, "date_line", s, &m)) continue;
    auto year = values::parse_year(m.group("year", s));
    if (!year) continue;
    if (m.attr("precision") != "day") {
      if (!meta.reference_year) meta.reference_year = *year;
      continue;
    }
    auto month = values::parse_month(m.group("month", s));
    auto day = values::parse_day(m.group("day", s));
    if (!month || !day || *day > values::days_in_month(*year, *month)) continue;
    meta.issue_date = values::iso_date(*year, *month, *day);
    meta.reference_year = *year;
    meta.reference_month = *month;
    for (size_t j = i; j-- > 0;) {
      rules::Match org;
      auto o = line_text(t, lines[j]);
      if (o.empty()) continue;
      if (!whole_line(rules, "org_line", o, &org)) break;
      meta.issuers.insert(meta.issuers.begin(), std::string(org.group("org", o)));
    }
    break;
  }

  // No signature block: a list of organisation lines in the cover notice
  // (two or more in a row), else the organisations heading the title.
  if (meta.issuers.empty()) {
    for (size_t i = 0; i < std::min(lines.size(), kHeaderLines * 2) && meta.issuers.empty(); ++i) {
      std::vector<std::string> run;
      size_t j = i;
      for (; j < lines.size(); ++j) {
        rules::Match org;
        auto o = line_text(t, lines[j]);
        if (o.empty()) continue;
        if (!whole_line(rules, "org_line", o, &org)) break;
        run.emplace_back(org.group("org", o));
      }
      if (run.size() >= 2) meta.issuers = run;
      i = std::max(i, j);
    }
  }
  if (meta.issuers.empty() && !meta.title.empty()) {
    if (auto m = rules.match_prefix("title_issuer", meta.title)) {
      auto orgs = m->group("orgs", meta.title);
      for (const auto& o : rules.find_all("org_name", orgs)) meta.issuers.emplace_back(o.group("org", orgs));
    }
  }

  // Region: the first place the title names; else the issuers'; national
  // issuers make it 全国. An issuer written without its place ("市人民政府")
  // takes the document's region.
  meta.region = region_of(meta.title, rules);
  for (const auto& issuer : meta.issuers) {
    if (!meta.region.empty()) break;
    meta.region = region_of(issuer, rules);
  }
  const auto& national = rules.table("national_region");
  const std::string_view national_region = national.empty() ? "" : national.front().get("name");
  if (meta.region.empty() && !meta.issuers.empty() &&
      std::all_of(meta.issuers.begin(), meta.issuers.end(),
                  [&](const std::string& s) { return rules.match_prefix("national", s).has_value(); }))
    meta.region = national_region;
  if (meta.region.empty() && rules.match_prefix("national", meta.title)) meta.region = national_region;

  if (!meta.reference_year) {
    if (auto m = rules.find_all("title_year", meta.title); !m.empty())
      if (auto y = values::parse_year(m.front().group("year", meta.title))) meta.reference_year = *y;
  }
  return meta;
}

// The conventions of Chinese government sites' <meta> tags; <title> adds
// the site's name after '_' or '-' ("标题_政策文件_某市人民政府").
void fill_from_page_meta(Metadata& meta,
                         const std::vector<std::pair<std::string, std::string>>& page_meta,
                         const rules::RuleSet& rules) {
  auto get = [&](std::string_view name) -> std::string_view {
    for (const auto& [k, v] : page_meta)
      if (k == name && !text::trim(v).empty()) return text::trim(v);
    return {};
  };
  if (meta.title.empty()) {
    std::string_view t = get("articletitle");
    if (t.empty()) t = get("title").substr(0, get("title").find_first_of("_|"));
    if (text::length(t) >= 6) meta.title = clean_title(t);
  }
  if (meta.issue_date.empty()) {  // PubDate: "2024-03-05 10:20", "2024年3月5日"
    int part[3] = {0, 0, 0}, k = -1;
    bool in_number = false;
    for (char c : get("pubdate")) {
      const bool digit = c >= '0' && c <= '9';
      if (digit && !in_number && ++k >= 3) break;
      if (digit) part[k] = part[k] * 10 + (c - '0');
      in_number = digit;
    }
    if (k >= 2 && part[0] >= 1949 && part[2] >= 1 && part[2] <= values::days_in_month(part[0], part[1]))
      meta.issue_date = values::iso_date(part[0], part[1], part[2]);
  }
  rules::Match org;
  const std::string_view source = get("contentsource");
  if (meta.issuers.empty() && whole_line(rules, "org_line", source, &org))
    meta.issuers.emplace_back(org.group("org", source));
  if (meta.region.empty()) meta.region = region_of(meta.title, rules);
  for (size_t i = 0; i < meta.issuers.size() && meta.region.empty(); ++i)
    meta.region = region_of(meta.issuers[i], rules);
}

}  // namespace policydb::extract
