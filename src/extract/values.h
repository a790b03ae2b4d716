// Value normalisers for the extractors: Chinese and Arabic numerals, ranges,
// years and dates, relative dates, quarters and halves, plan periods.
// Pure functions over UTF-8 text; nothing here knows a rule or a document,
// except load_periods(), which reads the "period" table of the rule set.
// None of them looks at the clock: relative expressions resolve against a
// reference year/month the caller passes in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/numerals.h"
#include "extract/time_kinds.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::extract::values {

// ---- numbers ---------------------------------------------------------------

// The numerals of every stage are read by src/common/numerals.h; these are
// its functions under the names the extractors use.
inline std::optional<long long> chinese_integer(std::string_view s) { return numerals::integer(s); }
// The number as written, no scaling (4万 is not a number: 万 is the unit's).
inline std::optional<double> parse_number(std::string_view s) { return numerals::number(s); }
// Before a unit of 万 (万元), a 亿 in the number counts in 万: 一亿五千 → 15000.
inline std::optional<double> parse_number_before(std::string_view s, std::string_view unit) {
  return numerals::number_before(s, unit);
}
// Multipliers applied (1.5万 → 15000). For comparisons, never target values.
inline std::optional<double> parse_scaled(std::string_view s) { return numerals::scaled(s); }
// 百分之十五 → 15, 五分之一 → 20, 千分之五 → 0.5 (as percentages).
inline std::optional<double> parse_percent_words(std::string_view s) { return numerals::percent_words(s); }
// The share with the unit its words name: 千分之五 → {5, "‰"}.
inline std::optional<numerals::Share> parse_share_words(std::string_view s) { return numerals::share_words(s); }
using Range = numerals::Range;
// "10-15", "10%～15%", "两到三", "1—2", "五六" → {low, high}; a single number → {n}.
inline std::optional<Range> parse_range(std::string_view s) { return numerals::range(s); }

// ---- dates -----------------------------------------------------------------

// "2025", "二〇二五", "二零二五" → 2025. Only 4-digit years 1900–2199.
std::optional<int> parse_year(std::string_view s);
// "3", "03", "三", "十二" → 1..12.
std::optional<int> parse_month(std::string_view s);
// "15", "十五", "三十一" → 1..31.
std::optional<int> parse_day(std::string_view s);

bool is_leap(int year);
int days_in_month(int year, int month);  // 0 for a bad month
std::string iso_date(int year, int month, int day);  // "2024-03-15"

struct Date {
  int year = 0, month = 0, day = 0;
};
// A written calendar date: "二〇二四年三月十五日", "2024 年 3 月 15 日",
// "2024-03-15", "2024.3.15", "2024/3/15" → 2024-03-15 (checked: no 02-30).
std::optional<Date> parse_date(std::string_view s);

// The parts of a time expression as the rules capture them. Empty strings
// mean "not written". Everything is as written (Chinese or Arabic numerals).
struct TimeParts {
  std::string year;      // "2025", "二〇二五"
  int year_offset = 0;   // relative year (本年 0, 明年 +1, 上年 -1) when `year` is empty
  bool relative = false; // the year is relative (本年度, 年底前, 4月底前 without a year)
  std::string month;     // "4", "四"
  std::string day;       // "15"
  std::string part;      // 底 末 初 中 上旬 中旬 下旬 (of the month if a month is written, else of the year)
  std::string quarter;   // "一", "4", "四" (一季度 … 四季度)
  std::string half;      // "上" | "下" (上半年 / 下半年)
  // What `part` and `half` mean, from the rules tables time_part and
  // half_year (the caller fills them; resolve() compares no words):
  int part_day = 0;            // the day of the month a part ends on (上旬 10, 中旬 20); 0: the last day
  bool part_names_days = false;  // the part is days of the month (旬), not the month's end (底)
  int part_year_month = 12;    // without a month: the month a part of the year ends in (年中: 6)
  bool first_half = false;     // `half` is the first half of the year (上半年)
  bool whole = false;    // the whole span rather than its end (本年度, 全年, 上半年 as "during")
};

struct Resolved {
  int year = 0;            // the year the expression ends in
  std::string start_date;  // ISO, or empty
  std::string end_date;    // ISO, or empty
  Precision precision = Precision::kYear;  // year | quarter | month | day
};

// Resolves parts to dates. An absent year takes reference_year (+ offset);
// with reference_year 0 a relative expression does not resolve (nullopt).
// Days (by part_day, as table time_part gives them): 上旬/初 → 10th, 中旬 →
// 20th, 下旬/底/末 → last day of the month
// (29 Feb in a leap year); a year alone or 年底 → 12-31; quarters end on
// 03-31, 06-30, 09-30, 12-31; 上半年 is 01-01..06-30, 下半年 07-01..12-31.
// `whole` also fills start_date with the first day of the span.
std::optional<Resolved> resolve(const TimeParts& parts, int reference_year);

// ---- periods ---------------------------------------------------------------

struct Period {
  std::string name;  // 十四五
  int start = 0;     // 2021
  int end = 0;       // 2025
};

// The "period" table of the rule set (name, start, end); entries that do not
// parse are skipped.
std::vector<Period> load_periods(const rules::RuleSet& rules);

// The period named `name`; quotes and spaces around it are ignored
// ("“十四五”" finds 十四五). nullptr if not listed.
const Period* find_period(const std::vector<Period>& periods, std::string_view name);

// Text with quotes ("“”‘’\"'「」) and spaces removed, for comparing names.
std::string bare(std::string_view s);

}  // namespace policydb::extract::values
