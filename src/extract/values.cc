#include "extract/values.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/numerals.h"
#include "common/text.h"
#include "rules/rules.h"

namespace policydb::extract::values {

std::optional<int> parse_year(std::string_view s) {
  std::u32string p = text::spaceless_points(s);
  if (p.size() != 4) return std::nullopt;
  int y = 0;
  for (char32_t c : p) {
    int d = numerals::digit_of(c);
    if (d < 0) return std::nullopt;
    y = y * 10 + d;
  }
  if (y < 1900 || y > 2199) return std::nullopt;
  return y;
}

namespace {
std::optional<int> small_number(std::string_view s, int lo, int hi) {
  std::u32string p = text::spaceless_points(s);
  if (p.empty() || p.size() > 3) return std::nullopt;
  auto v = numerals::integer(s);
  if (!v || *v < lo || *v > hi) return std::nullopt;
  return static_cast<int>(*v);
}
}  // namespace

std::optional<int> parse_month(std::string_view s) { return small_number(s, 1, 12); }
std::optional<int> parse_day(std::string_view s) { return small_number(s, 1, 31); }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string iso_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::optional<Date> parse_date(std::string_view s) {
  std::u32string p = text::spaceless_points(s);
  // Split into three numeric fields at 年/月/日 or - . / separators.
  std::u32string field[3];
  int f = 0;
  for (char32_t c : p) {
    if (c == U'年' || c == U'月' || c == U'-' || c == U'.' || c == U'/' || c == U'．' ||
        c == U'／') {
      if (++f > 2) return std::nullopt;
    } else if (c == U'日' || c == U'号') {
      if (f != 2) return std::nullopt;
    } else {
      field[f].push_back(c);
    }
  }
  if (f != 2) return std::nullopt;
  std::string y8, m8, d8;
  for (char32_t c : field[0]) text::append(y8, c);
  for (char32_t c : field[1]) text::append(m8, c);
  for (char32_t c : field[2]) text::append(d8, c);
  auto y = parse_year(y8);
  auto m = parse_month(m8);
  auto d = parse_day(d8);
  if (!y || !m || !d || *d > days_in_month(*y, *m)) return std::nullopt;
  return Date{*y, *m, *d};
}

std::optional<Resolved> resolve(const TimeParts& t, int reference_year) {
  Resolved r;
  if (!t.year.empty()) {
    auto y = parse_year(t.year);
    if (!y) return std::nullopt;
    r.year = *y;
  } else {
    if (reference_year <= 0) return std::nullopt;
    r.year = reference_year + t.year_offset;
  }
  const int y = r.year;
  if (!t.quarter.empty()) {
    auto q = small_number(t.quarter, 1, 4);
    if (!q) return std::nullopt;
    int last = *q * 3;
    r.end_date = iso_date(y, last, days_in_month(y, last));
    if (t.whole) r.start_date = iso_date(y, last - 2, 1);
    r.precision = Precision::kQuarter;
    return r;
  }
  if (!t.half.empty()) {
    const bool first = t.first_half;
    r.end_date = first ? iso_date(y, 6, 30) : iso_date(y, 12, 31);
    if (t.whole) r.start_date = first ? iso_date(y, 1, 1) : iso_date(y, 7, 1);
    r.precision = Precision::kMonth;
    return r;
  }
  if (!t.month.empty()) {
    auto m = parse_month(t.month);
    if (!m) return std::nullopt;
    const int last = days_in_month(y, *m);
    if (!t.day.empty()) {
      auto d = parse_day(t.day);
      if (!d || *d > last) return std::nullopt;
      r.end_date = iso_date(y, *m, *d);
      r.precision = Precision::kDay;
      return r;
    }
    const int day = t.part_day > 0 ? std::min(t.part_day, last) : last;
    r.precision = t.part_day > 0 || t.part_names_days ? Precision::kDay : Precision::kMonth;
    r.end_date = iso_date(y, *m, day);
    if (t.whole) r.start_date = iso_date(y, *m, 1);
    return r;
  }
  // The year alone, or a part of the year.
  r.precision = Precision::kYear;
  if (t.part_year_month >= 1 && t.part_year_month < 12) {  // 年中
    r.end_date = iso_date(y, t.part_year_month, days_in_month(y, t.part_year_month));
    r.precision = Precision::kMonth;
  } else {
    r.end_date = iso_date(y, 12, 31);  // 2025年, 年底, 年末
  }
  if (t.whole) r.start_date = iso_date(y, 1, 1);
  return r;
}

std::string bare(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = text::decode(s, pos);
    if (text::is_space(cp)) continue;
    switch (cp) {
      case U'“': case U'”': case U'‘': case U'’': case U'"': case U'\'': case U'「':
      case U'」': case U'『': case U'』':
        continue;
      default:
        text::append(out, cp);
    }
  }
  return out;
}

std::vector<Period> load_periods(const rules::RuleSet& rules) {
  std::vector<Period> out;
  for (const auto& e : rules.table("period")) {
    Period p;
    p.name = bare(e.get("name"));
    std::string start(e.get("start")), end(e.get("end"));
    p.start = std::atoi(start.c_str());
    p.end = std::atoi(end.c_str());
    if (p.name.empty() || p.start < 1900 || p.end < p.start) continue;
    out.push_back(std::move(p));
  }
  return out;
}

const Period* find_period(const std::vector<Period>& periods, std::string_view name) {
  std::string key = bare(name);
  for (const auto& p : periods)
    if (p.name == key) return &p;
  return nullptr;
}

}  // namespace policydb::extract::values
