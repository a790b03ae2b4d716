#include "common/numerals.h"

#include <cstdlib>
#include <string>

#include "common/text.h"

namespace policydb::numerals {
namespace {

bool ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// 34,567 / 1,234,567 → the digits; anything else unchanged. A comma counts
// as a thousands separator only between a 1–3 digit head and 3-digit groups.
std::u32string drop_thousands(const std::u32string& p) {
  if (p.find(U',') == std::u32string::npos) return p;
  size_t head = 0;
  while (head < p.size() && ascii_digit(p[head])) ++head;
  if (head == 0 || head > 3) return p;
  std::u32string out = p.substr(0, head);
  size_t i = head;
  while (i < p.size() && p[i] == U',') {
    for (size_t k = 1; k <= 3; ++k)
      if (i + k >= p.size() || !ascii_digit(p[i + k])) return p;
    out.append(p, i + 1, 3);
    i += 4;
  }
  if (i < p.size() && ascii_digit(p[i])) return p;  // 12,3456
  out.append(p, i, std::u32string::npos);
  return out;
}

std::optional<long long> integer_of(const std::u32string& p) {
  if (p.empty()) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : p) {
    if (multiplier_of(c)) has_unit = true;
    else if (digit_of(c) < 0) return std::nullopt;
  }
  if (!has_unit) {  // positional: 二〇二五, 2025, 105
    if (p.size() > 18) return std::nullopt;
    long long v = 0;
    for (char32_t c : p) v = v * 10 + digit_of(c);
    return v;
  }
  // Multiplier form. A run of digits before a unit is read positionally so
  // that mixed forms like 15万 or 3千 work too; 零 adds nothing.
  long long total = 0;    // closed by 亿
  long long section = 0;  // below 亿, closed by 万
  long long small = 0;    // below 万
  long long digits = -1;  // pending digit run, -1 if none
  int run_len = 0;
  for (char32_t c : p) {
    int d = digit_of(c);
    if (d >= 0) {
      if (digits < 0) digits = 0;
      if (++run_len > 15) return std::nullopt;
      digits = digits * 10 + d;
      continue;
    }
    run_len = 0;
    long long u = multiplier_of(c);
    if (u < 10000) {
      small += (digits < 0 ? 1 : digits) * u;  // 十 → 10, 十五 → 15
      digits = -1;
      continue;
    }
    long long n = small + (digits < 0 ? 0 : digits);
    digits = -1;
    small = 0;
    if (u == 100000000) {
      if (n == 0 && section == 0 && total == 0) n = 1;  // 亿 alone
      total = (total + section + n) * u;                // 四万亿: (4·10^4)·10^8
      section = 0;
    } else {
      if (n == 0) n = 1;  // 万 alone
      section += n * u;
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
    if (ascii_digit(c)) ascii.push_back(static_cast<char>(c));
    else if (c == U'.') {
      if (++dots > 1) return std::nullopt;
      ascii.push_back('.');
    } else {
      return std::nullopt;
    }
  }
  if (ascii.front() == '.' || ascii.back() == '.') return std::nullopt;
  return std::strtod(ascii.c_str(), nullptr);
}

std::optional<double> number_of(std::u32string p) {
  p = drop_thousands(p);
  if (auto d = decimal_of(p)) return d;
  if (p.empty() || multiplier_of(p.back()) >= 10000) return std::nullopt;  // 4万: 万 is the unit's
  if (auto i = integer_of(p)) return static_cast<double>(*i);
  // 点 as the decimal point: 十五点七 → 15.7, 零点五 → 0.5.
  size_t dot = p.find(U'点');
  if (dot == std::u32string::npos || dot == 0 || dot + 1 >= p.size()) return std::nullopt;
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

bool range_separator(char32_t c) {
  return c == U'-' || c == U'~' || c == U'—' || c == U'–' || c == U'至' || c == U'到' || c == U'〜';
}

}  // namespace

int digit_of(char32_t cp) {
  cp = text::to_halfwidth(cp);
  if (ascii_digit(cp)) return static_cast<int>(cp - U'0');
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

long long multiplier_of(char32_t cp) {
  switch (cp) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    case U'万': return 10000;
    case U'亿': return 100000000;
    default: return 0;
  }
}

bool is_numeral(char32_t cp) { return digit_of(cp) >= 0 || multiplier_of(cp) > 0; }

std::optional<long long> integer(std::string_view s) {
  return integer_of(drop_thousands(text::spaceless_points(s)));
}

std::optional<double> number(std::string_view s) { return number_of(text::spaceless_points(s)); }

std::optional<double> scaled(std::string_view s) {
  std::u32string p = drop_thousands(text::spaceless_points(s));
  if (p.empty()) return std::nullopt;
  if (auto v = number_of(p)) return v;
  // An Arabic head with trailing multipliers: 1.5万, 3千万.
  size_t i = 0;
  while (i < p.size() && (ascii_digit(p[i]) || p[i] == U'.')) ++i;
  if (i > 0 && i < p.size()) {
    bool all_units = true;
    for (size_t k = i; k < p.size(); ++k)
      if (!multiplier_of(p[k])) all_units = false;
    auto head = decimal_of(p.substr(0, i));
    auto tail = integer_of(p.substr(i));
    if (head && tail && all_units) return *head * static_cast<double>(*tail);
  }
  if (auto v = integer_of(p)) return static_cast<double>(*v);
  return std::nullopt;
}

std::optional<double> percent_words(std::string_view s) {
  std::u32string p = text::spaceless_points(s);
  static const std::u32string kPercent = U"百分之";
  if (p.size() > kPercent.size() && p.compare(0, kPercent.size(), kPercent) == 0)
    return number_of(p.substr(kPercent.size()));
  size_t of = p.find(U"分之");
  if (of == std::u32string::npos || of == 0) return std::nullopt;
  auto denominator = number_of(p.substr(0, of));
  auto numerator = number_of(p.substr(of + 2));
  if (!denominator || !numerator || *denominator == 0) return std::nullopt;
  return *numerator / *denominator * 100;
}

std::optional<Range> range(std::string_view s) {
  std::u32string p = text::spaceless_points(s);
  for (size_t i = 1; i + 1 < p.size(); ++i) {
    if (!range_separator(p[i])) continue;
    size_t lo_end = i;
    if (p[lo_end - 1] == U'%') --lo_end;  // 10%～15%
    auto lo = number_of(p.substr(0, lo_end));
    size_t j = i + 1;
    while (j < p.size() && (p[j] == U'—' || p[j] == U'-')) ++j;  // "——"
    auto hi = number_of(p.substr(j));
    if (lo && hi) return Range{*lo, *hi};
    return std::nullopt;
  }
  if (auto v = number_of(p)) return Range{*v, std::nullopt};
  return std::nullopt;
}

}  // namespace policydb::numerals

namespace policydb::text {

int numeral_value(std::string_view num) {
  if (num.empty()) return 0;
  size_t i = 0;
  char32_t cp = text::decode(num, i);
  if (i == num.size() && cp >= 0x2460 && cp <= 0x2473) return static_cast<int>(cp - 0x2460 + 1);  // ①…⑳
  auto v = numerals::integer(num);
  return v && *v > 0 && *v < 100000 ? static_cast<int>(*v) : 0;
}

}  // namespace policydb::text
