#include "extract/values.h"

#include <cmath>
#include <cstdlib>

#include "common/text.h"
#include "rules/rules.h"

namespace policydb::extract::values {
namespace {

// Code points of s, without white space (pdftotext and seeds write
// `2024 年 3 月`; a number never contains a meaningful space).
std::u32string points(std::string_view s) {
  std::u32string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = text::to_halfwidth(text::decode(s, pos));
    if (!text::is_space(cp)) out.push_back(cp);
  }
  return out;
}

// 0–9 for a digit character (Arabic or Chinese), -1 otherwise.
int digit_of(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  switch (cp) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

// 10, 100, 1000 for 十/百/千 (small multipliers), 0 otherwise.
long long small_unit(char32_t cp) {
  switch (cp) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    default: return 0;
  }
}

long long big_unit(char32_t cp) {
  switch (cp) {
    case U'万': return 10000;
    case U'亿': return 100000000;
    default: return 0;
  }
}

std::optional<long long> integer_of(const std::u32string& p) {
  if (p.empty()) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : p) {
    if (small_unit(c) || big_unit(c)) has_unit = true;
    else if (digit_of(c) < 0) return std::nullopt;
  }
  if (!has_unit) {
    // Positional: 二〇二五, 2025, 105.
    if (p.size() > 18) return std::nullopt;
    long long v = 0;
    for (char32_t c : p) v = v * 10 + digit_of(c);
    return v;
  }
  // Multiplier form. A run of digits before a unit is read positionally so
  // that mixed forms like "15万" or "3千" work too.
  long long total = 0;    // sections closed by 亿
  long long section = 0;  // current section below 亿, closed by 万
  long long small = 0;    // current group below 万
  long long digits = -1;  // pending digit run, -1 if none
  int run_len = 0;
  for (char32_t c : p) {
    int d = digit_of(c);
    if (d >= 0) {
      if (digits < 0) digits = 0;
      if (++run_len > 15) return std::nullopt;
      // A 零 between units (一百零五) is a placeholder, read positionally it adds nothing.
      digits = digits * 10 + d;
      continue;
    }
    run_len = 0;
    if (long long u = small_unit(c)) {
      long long n = digits < 0 ? 1 : digits;  // 十 → 10, 十五 → 15
      small += n * u;
      digits = -1;
    } else if (long long b = big_unit(c)) {
      long long n = small + (digits < 0 ? 0 : digits);
      if (n == 0) n = 1;  // 万 alone
      digits = -1;
      small = 0;
      if (b == 100000000) {
        total = (total + section + n) * b;
        section = 0;
      } else {
        section += n * b;
      }
    }
  }
  return total + section + small + (digits < 0 ? 0 : digits);
}

// Arabic decimal: digits with at most one '.'.
std::optional<double> decimal_of(const std::u32string& p) {
  if (p.empty()) return std::nullopt;
  std::string ascii;
  int dots = 0;
  for (char32_t c : p) {
    if (c >= U'0' && c <= U'9') ascii.push_back(static_cast<char>(c));
    else if (c == U'.' || c == U'．') {
      if (++dots > 1) return std::nullopt;
      ascii.push_back('.');
    } else {
      return std::nullopt;
    }
  }
  if (ascii.front() == '.' || ascii.back() == '.') return std::nullopt;
  return std::strtod(ascii.c_str(), nullptr);
}

std::optional<double> number_of(const std::u32string& p) {
  if (auto d = decimal_of(p)) return d;
  for (char32_t c : p)
    if (big_unit(c)) return std::nullopt;  // 万/亿 belong to the unit
  if (auto i = integer_of(p)) return static_cast<double>(*i);
  // 点 as a decimal point in Chinese numerals: 零点五 → 0.5.
  size_t dot = p.find(U'点');
  if (dot != std::u32string::npos && dot > 0 && dot + 1 < p.size()) {
    auto whole = integer_of(p.substr(0, dot));
    if (!whole) return std::nullopt;
    std::string frac = "0.";
    for (size_t i = dot + 1; i < p.size(); ++i) {
      int d = digit_of(p[i]);
      if (d < 0) return std::nullopt;
      frac.push_back(static_cast<char>('0' + d));
    }
    return static_cast<double>(*whole) + std::strtod(frac.c_str(), nullptr);
  }
  return std::nullopt;
}

}  // namespace

std::optional<long long> chinese_integer(std::string_view s) { return integer_of(points(s)); }

std::optional<double> parse_number(std::string_view s) { return number_of(points(s)); }

std::optional<double> parse_scaled(std::string_view s) {
  std::u32string p = points(s);
  if (p.empty()) return std::nullopt;
  if (auto v = number_of(p)) return v;
  // Split off the trailing multipliers (万, 千万, 亿 …) from an Arabic head.
  size_t i = 0;
  while (i < p.size() && ((p[i] >= U'0' && p[i] <= U'9') || p[i] == U'.')) ++i;
  if (i > 0 && i < p.size()) {
    auto head = decimal_of(p.substr(0, i));
    auto tail = integer_of(p.substr(i));  // 万 → 10000, 千万 → 1e7
    bool all_units = true;
    for (size_t k = i; k < p.size(); ++k)
      if (!small_unit(p[k]) && !big_unit(p[k])) all_units = false;
    if (head && tail && all_units) return *head * static_cast<double>(*tail);
  }
  if (auto v = integer_of(p)) return static_cast<double>(*v);
  return std::nullopt;
}

std::optional<double> parse_percent_words(std::string_view s) {
  std::u32string p = points(s);
  static const std::u32string kPrefix = U"百分之";
  if (p.size() <= kPrefix.size() || p.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  return number_of(p.substr(kPrefix.size()));
}

std::optional<Range> parse_range(std::string_view s) {
  std::u32string p = points(s);
  for (size_t i = 1; i + 1 < p.size(); ++i) {
    char32_t c = p[i];
    if (c == U'-' || c == U'~' || c == U'～' || c == U'—' || c == U'–' || c == U'至' ||
        c == U'到') {
      auto lo = number_of(p.substr(0, i));
      size_t j = i + 1;
      while (j < p.size() && (p[j] == U'—' || p[j] == U'-')) ++j;  // "——"
      auto hi = number_of(p.substr(j));
      if (lo && hi) return Range{*lo, *hi};
      return std::nullopt;
    }
  }
  if (auto v = number_of(p)) return Range{*v, std::nullopt};
  return std::nullopt;
}

std::optional<int> parse_year(std::string_view s) {
  std::u32string p = points(s);
  if (p.size() != 4) return std::nullopt;
  int y = 0;
  for (char32_t c : p) {
    int d = digit_of(c);
    if (d < 0) return std::nullopt;
    y = y * 10 + d;
  }
  if (y < 1900 || y > 2199) return std::nullopt;
  return y;
}

namespace {
std::optional<int> small_number(std::string_view s, int lo, int hi) {
  std::u32string p = points(s);
  if (p.empty() || p.size() > 3) return std::nullopt;
  auto v = integer_of(p);
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
  std::u32string p = points(s);
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
    r.precision = "quarter";
    return r;
  }
  if (!t.half.empty()) {
    bool first = t.half == "上" || t.half == "1";
    r.end_date = first ? iso_date(y, 6, 30) : iso_date(y, 12, 31);
    if (t.whole) r.start_date = first ? iso_date(y, 1, 1) : iso_date(y, 7, 1);
    r.precision = "month";
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
      r.precision = "day";
      return r;
    }
    int day = last;
    r.precision = "month";
    if (t.part == "上旬" || t.part == "初") day = 10, r.precision = "day";
    else if (t.part == "中旬" || t.part == "中") day = 20, r.precision = "day";
    else if (t.part == "下旬") day = last, r.precision = "day";
    r.end_date = iso_date(y, *m, day);
    if (t.whole) r.start_date = iso_date(y, *m, 1);
    return r;
  }
  // The year alone, or a part of the year.
  r.precision = "year";
  if (t.part == "中") {
    r.end_date = iso_date(y, 6, 30);
    r.precision = "month";
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
