#include "common/numerals.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "common/text.h"

namespace policydb::numerals {
namespace {

bool ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The financial (大写) forms of digits and multipliers, written on amounts
// so that they cannot be altered (壹万贰仟元), and the traditional 萬/億.
// Read inside a number only: alone, 伍 and 拾 are words (队伍, 收拾), so
// is_numeral() leaves them out.
int financial_digit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"零壹贰叁肆伍陆柒捌玖";
  static constexpr std::u32string_view kTraditional = U"〇壹貳叄肆伍陸柒捌玖";
  if (size_t i = kDigits.find(c); i != std::u32string_view::npos) return static_cast<int>(i);
  if (size_t i = kTraditional.find(c); i != std::u32string_view::npos) return static_cast<int>(i);
  if (c == U'兩' || c == U'叁') return c == U'兩' ? 2 : 3;
  return -1;
}
long long financial_multiplier(char32_t c) {
  switch (c) {
    case U'拾': return 10;
    case U'佰': return 100;
    case U'仟': return 1000;
    case U'萬': return 10000;
    case U'億': return 100000000;
    default: return 0;
  }
}
int digit_in_number(char32_t c) {
  int d = digit_of(c);
  return d >= 0 ? d : financial_digit(c);
}
long long multiplier_in_number(char32_t c) {
  long long u = multiplier_of(c);
  return u ? u : financial_multiplier(c);
}

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

// 廿, 卅 and 卌 are one character each for 二十, 三十 and 四十 (廿三 → 23),
// written in dates and older texts; read as the two characters they stand for.
std::u32string expand_tens(const std::u32string& p) {
  if (p.find_first_of(U"廿卅卌") == std::u32string::npos) return p;
  std::u32string out;
  for (char32_t c : p) {
    if (c == U'廿') out += U"二十";
    else if (c == U'卅') out += U"三十";
    else if (c == U'卌') out += U"四十";
    else out.push_back(c);
  }
  return out;
}

std::optional<long long> integer_of(const std::u32string& written) {
  if (written.empty()) return std::nullopt;
  const std::u32string p = expand_tens(written);
  bool has_unit = false;
  for (char32_t c : p) {
    if (multiplier_in_number(c)) has_unit = true;
    else if (digit_in_number(c) < 0) return std::nullopt;
  }
  if (!has_unit) {  // positional: 二〇二五, 2025, 105
    if (p.size() > 18) return std::nullopt;
    long long v = 0;
    for (char32_t c : p) v = v * 10 + digit_in_number(c);
    return v;
  }
  // Multiplier form. A run of digits before a unit is read positionally so
  // that mixed forms like 15万 or 3千 work too; 零 adds nothing.
  long long total = 0;    // closed by 亿
  long long section = 0;  // below 亿, closed by 万
  long long small = 0;    // below 万
  long long digits = -1;  // pending digit run, -1 if none
  int run_len = 0;
  long long last_unit = 0;  // the multiplier right before the pending run, 0 after 零
  for (char32_t c : p) {
    int d = digit_in_number(c);
    if (d >= 0) {
      if (digits < 0) digits = 0;
      if (++run_len > 15) return std::nullopt;
      digits = digits * 10 + d;
      if (d == 0 && run_len == 1) last_unit = 0;  // 一千零五: the 五 is ones
      continue;
    }
    run_len = 0;
    long long u = multiplier_in_number(c);
    last_unit = u;
    if (u < 10000) {
      // 十 → 10, 十五 → 15; after 零 a bare 十 is ten too (一千零十 → 1010).
      small += (digits <= 0 ? 1 : digits) * u;
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
  // One digit right after a multiplier above ten is the next place down,
  // as speech abbreviates it: 二百五 → 250, 三千五 → 3500, 一万五 → 15000.
  if (digits > 0 && run_len == 1 && last_unit >= 100) digits *= last_unit / 10;
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

// Two neighbouring Chinese digits in a row name an approximate range
// (五六个 5–6, 三四十 30–40, 十二三 12–13, 一万七八千 17000–18000): the ends
// are the number read without the one digit or the other. Only where the
// pair stands between multipliers or the ends of the number, so that
// positional numbers (二〇二三) keep their reading.
std::optional<Range> approximate_pair(const std::u32string& p) {
  auto chinese_digit = [&](size_t i) {
    return !ascii_digit(text::to_halfwidth(p[i])) && p[i] != U'〇' && p[i] != U'零' ? digit_in_number(p[i]) : -1;
  };
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    int lo = chinese_digit(i), hi = chinese_digit(i + 1);
    if (lo < 1 || hi != lo + 1) continue;
    if (i > 0 && !multiplier_in_number(p[i - 1])) continue;
    if (i + 2 < p.size() && !multiplier_in_number(p[i + 2])) continue;
    auto low = integer_of(p.substr(0, i + 1) + p.substr(i + 2));
    auto high = integer_of(p.substr(0, i) + p.substr(i + 1));
    if (!low || !high) return std::nullopt;
    return Range{static_cast<double>(*low), static_cast<double>(*high)};
  }
  return std::nullopt;
}

std::optional<Share> share_of(const std::u32string& p);

std::optional<double> number_of(std::u32string p) {
  p = drop_thousands(p);
  if (auto d = decimal_of(p)) return d;
  // 半 (and 一半) is a half: 半 → 0.5.
  if (p == U"半" || p == U"一半") return 0.5;
  // A whole and a fraction joined by 又: 一又二分之一 → 1.5, 2又3/4 is not
  // Chinese (the fraction is read in words only).
  if (size_t also = p.find(U'又'); also != std::u32string::npos && also > 0) {
    auto whole = integer_of(p.substr(0, also));
    auto part = share_of(p.substr(also + 1));
    if (!whole || !part || std::string_view(part->unit) != "%") return std::nullopt;
    return static_cast<double>(*whole) + part->value / 100;
  }
  if (p.empty() || multiplier_in_number(p.back()) >= 10000) return std::nullopt;  // 4万: 万 is the unit's
  if (auto r = approximate_pair(p)) return r->low;
  if (auto i = integer_of(p)) return static_cast<double>(*i);
  // An Arabic decimal before 千/百 (1.5千): 千 and 百 are places of the
  // number, not of the unit as 万 and 亿 are.
  if (long long u = multiplier_in_number(p.back()); u == 100 || u == 1000)
    if (auto head = decimal_of(p.substr(0, p.size() - 1))) return *head * static_cast<double>(u);
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

std::optional<Share> share_of(const std::u32string& p) {
  // 百分之, 千分之 and 万分之 name their unit: the number after them is the
  // value as written (百分之十五 → 15 %, 千分之五 → 5 ‰, 万分之三 → 3 ‱).
  for (auto [head, unit] : {std::pair{std::u32string_view(U"百分之"), "%"}, std::pair{std::u32string_view(U"千分之"), "‰"},
                            std::pair{std::u32string_view(U"万分之"), "‱"}})
    if (p.size() > head.size() && p.compare(0, head.size(), head) == 0) {
      auto v = number_of(p.substr(head.size()));
      if (!v) return std::nullopt;
      return Share{*v, unit};
    }
  size_t of = p.find(U"分之");
  if (of == std::u32string::npos || of == 0) return std::nullopt;
  auto denominator = number_of(p.substr(0, of));
  auto numerator = number_of(p.substr(of + 2));
  if (!denominator || !numerator || *denominator == 0) return std::nullopt;
  return Share{*numerator / *denominator * 100, "%"};
}

// A sign before a number: 负五, -5, −5 (U+2212). Returns the number's text
// without it and -1, or the text unchanged and 1.
std::pair<std::u32string, double> unsigned_of(std::u32string p) {
  if (!p.empty() && (p[0] == U'负' || p[0] == U'-' || p[0] == U'\u2212')) return {p.substr(1), -1.0};
  return {std::move(p), 1.0};
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

std::optional<double> number(std::string_view s) {
  auto [p, sign] = unsigned_of(text::spaceless_points(s));
  auto v = number_of(p);
  if (!v) return std::nullopt;
  return sign * *v;
}

std::optional<double> number_before(std::string_view s, std::string_view unit) {
  const bool ten_thousands = unit.starts_with("万") && !unit.starts_with("万亿");
  if (!ten_thousands || s.find("亿") == std::string_view::npos) return number(s);
  auto v = scaled(std::string(s) + "万");
  if (!v) return std::nullopt;
  return *v / 10000;
}

namespace {

std::optional<double> scaled_of(const std::u32string& p) {
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
  // A number in words with 点 before trailing multipliers: 十二点五万 →
  // 125000, 一点五亿 → 1.5e8.
  size_t tail = p.size();
  while (tail > 0 && multiplier_of(p[tail - 1]) >= 10000) --tail;
  if (tail > 0 && tail < p.size() && p.find(U'点') < tail) {
    auto head = number_of(p.substr(0, tail));
    auto unit = integer_of(p.substr(tail));
    if (head && unit) return *head * static_cast<double>(*unit);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> scaled(std::string_view s) {
  auto [unsigned_text, sign] = unsigned_of(text::spaceless_points(s));
  auto v = scaled_of(drop_thousands(unsigned_text));
  if (!v) return std::nullopt;
  return sign * *v;
}

std::optional<Share> share_words(std::string_view s) { return share_of(text::spaceless_points(s)); }

std::optional<double> percent_words(std::string_view s) {
  auto share = share_words(s);
  if (!share) return std::nullopt;
  const std::string_view unit(share->unit);
  return unit == "‰" ? share->value / 10 : unit == "‱" ? share->value / 100 : share->value;
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
  if (auto r = approximate_pair(drop_thousands(p)); r && multiplier_in_number(p.back()) < 10000) return r;
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
