// Value normalisers: numerals, ranges, dates, relative dates, periods.
#include "extract/values.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "rules/rules.h"

namespace policydb::extract::values {
namespace {

TEST(Values, ChineseIntegers) {
  struct Case {
    const char* in;
    long long want;
  } cases[] = {
      {"十", 10},           {"十五", 15},         {"二十", 20},        {"一百零五", 105},
      {"二〇二五", 2025},   {"二零二四", 2024},   {"两", 2},           {"两千", 2000},
      {"三万五千", 35000},  {"十五万", 150000},   {"一亿二千万", 120000000},
      {"千", 1000},         {"3千", 3000},        {"一千零一", 1001},  {"九十九", 99},
      {"2025", 2025},
      // 零 before 十 keeps the ten; one digit after a multiplier above ten is
      // the next place down (speech abbreviates 三千五百 to 三千五); 大写 forms.
      {"一千零十", 1010},   {"二百五", 250},      {"三千五", 3500},    {"一万五", 15000},
      {"一万零五", 10005},  {"壹仟贰佰", 1200},   {"叁拾伍", 35},      {"壹万贰仟", 12000},
  };
  for (const auto& c : cases) {
    auto v = chinese_integer(c.in);
    ASSERT_TRUE(v.has_value()) << c.in;
    EXPECT_EQ(*v, c.want) << c.in;
  }
  for (const char* bad : {"", "十四五x", "abc", "三大"}) EXPECT_FALSE(chinese_integer(bad)) << bad;
}

TEST(Values, NumbersAsWritten) {
  struct Case {
    const char* in;
    double want;
  } cases[] = {
      {"14", 14},   {"16.5", 16.5}, {"0.579", 0.579}, {"十五", 15},
      {"两", 2},    {"1 000", 1000}, {"零点五", 0.5},  {"2025", 2025},
      {"1.5千", 1500}, {"5千", 5000}, {"1万2千", 12000}, {"五六", 5}, {"二〇二三", 2023},
      // 廿/卅 are 二十/三十 in one character; 半 is a half; 又 joins a whole
      // and a fraction; a sign in words or as a minus.
      {"廿三", 23}, {"卅", 30}, {"半", 0.5}, {"一半", 0.5}, {"一又二分之一", 1.5},
      {"负五", -5}, {"-5", -5}, {"负0.5", -0.5},
  };
  for (const auto& c : cases) {
    auto v = parse_number(c.in);
    ASSERT_TRUE(v.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(*v, c.want) << c.in;
  }
  // A trailing 万/亿 belongs to the unit, not the number.
  for (const char* bad : {"1.5万", "2亿", "1..5", ".5", "5.", "百分之十", "", "二又", "又二分之一", "负"})
    EXPECT_FALSE(parse_number(bad)) << bad;
}

TEST(Values, Scaled) {
  struct Case {
    const char* in;
    double want;
  } cases[] = {{"1.5万", 15000}, {"5千", 5000}, {"2亿", 2e8}, {"三万五千", 35000},
               {"12", 12},       {"1千万", 1e7}, {"0.6万", 6000},
               // A number in words with 点 before its multipliers; a sign.
               {"十二点五万", 125000}, {"一点五亿", 1.5e8}, {"负1.5万", -15000}};
  for (const auto& c : cases) {
    auto v = parse_scaled(c.in);
    ASSERT_TRUE(v.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(*v, c.want) << c.in;
  }
}

TEST(Values, NumberBeforeAUnitOfTenThousands) {
  EXPECT_EQ(parse_number_before("一亿五千", "万元"), 15000);
  EXPECT_EQ(parse_number_before("五千", "万元"), 5000);
  EXPECT_EQ(parse_number_before("十五", "元"), 15);
  EXPECT_EQ(parse_number_before("四", "万亿元"), 4);
}

TEST(Values, PercentWords) {
  EXPECT_EQ(parse_percent_words("百分之十五"), 15);
  EXPECT_EQ(parse_percent_words("百分之12.5"), 12.5);
  EXPECT_EQ(parse_percent_words("百分之百"), 100);
  EXPECT_FALSE(parse_percent_words("十五"));
  EXPECT_FALSE(parse_percent_words("百分之"));
  EXPECT_EQ(parse_percent_words("千分之五"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_percent_words("万分之三"), 0.03);
  auto per_ten_thousand = parse_share_words("万分之三");
  ASSERT_TRUE(per_ten_thousand);
  EXPECT_EQ(per_ten_thousand->value, 3);
  EXPECT_STREQ(per_ten_thousand->unit, "‱");
  // The share in the unit its words name.
  auto permille = parse_share_words("千分之五");
  ASSERT_TRUE(permille);
  EXPECT_EQ(permille->value, 5);
  EXPECT_STREQ(permille->unit, "‰");
  auto third = parse_share_words("三分之一");
  ASSERT_TRUE(third);
  EXPECT_NEAR(third->value, 100.0 / 3, 1e-9);
  EXPECT_STREQ(third->unit, "%");
  EXPECT_FALSE(parse_share_words("千分"));
}

TEST(Values, Ranges) {
  struct Case {
    const char* in;
    double low;
    std::optional<double> high;
  } cases[] = {
      {"10-15", 10, 15}, {"3至5", 3, 5}, {"7～14", 7, 14}, {"十至十五", 10, 15},
      {"12", 12, std::nullopt}, {"1.5-2.5", 1.5, 2.5},
      // Two neighbouring Chinese digits are an approximate range; positional
      // digits (a year) and Arabic digits are not.
      {"五六", 5, 6}, {"三四十", 30, 40}, {"十二三", 12, 13}, {"一万七八千", 17000, 18000},
      {"二〇二三", 2023, std::nullopt}, {"56", 56, std::nullopt}, {"二十三", 23, std::nullopt},
  };
  for (const auto& c : cases) {
    auto r = parse_range(c.in);
    ASSERT_TRUE(r.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(r->low, c.low) << c.in;
    EXPECT_EQ(r->high, c.high) << c.in;
  }
  EXPECT_FALSE(parse_range("-5"));
  EXPECT_FALSE(parse_range("a-b"));
}

TEST(Values, Years) {
  EXPECT_EQ(parse_year("2025"), 2025);
  EXPECT_EQ(parse_year("二〇二五"), 2025);
  EXPECT_EQ(parse_year("二零二四"), 2024);
  EXPECT_EQ(parse_year(" 2024 "), 2024);
  EXPECT_FALSE(parse_year("12369"));  // a hotline, not a year
  EXPECT_FALSE(parse_year("0182"));
  EXPECT_FALSE(parse_year("25"));
  EXPECT_EQ(parse_month("十二"), 12);
  EXPECT_EQ(parse_month("03"), 3);
  EXPECT_FALSE(parse_month("13"));
  EXPECT_EQ(parse_day("三十一"), 31);
  EXPECT_FALSE(parse_day("32"));
}

TEST(Values, Dates) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"二〇二四年三月十五日", "2024-03-15"}, {"2024 年 3 月 15 日", "2024-03-15"},
      {"2024-03-15", "2024-03-15"},           {"2024.3.5", "2024-03-05"},
      {"2024/3/15", "2024-03-15"},            {"2024年2月29日", "2024-02-29"},
      {"二〇二一年九月十二日", "2021-09-12"},
  };
  for (const auto& c : cases) {
    auto d = parse_date(c.in);
    ASSERT_TRUE(d.has_value()) << c.in;
    EXPECT_EQ(iso_date(d->year, d->month, d->day), c.want) << c.in;
  }
  for (const char* bad : {"2023年2月29日", "2024年13月1日", "2022 年 月", "2024年3月", "12369"})
    EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(Values, Calendar) {
  EXPECT_TRUE(is_leap(2024));
  EXPECT_FALSE(is_leap(2023));
  EXPECT_FALSE(is_leap(2100));
  EXPECT_TRUE(is_leap(2000));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2024, 4), 30);
  EXPECT_EQ(days_in_month(2024, 13), 0);
}

// Relative expressions resolve against the reference year, never the clock.
TEST(Values, Resolve) {
  struct Case {
    const char* what;
    TimeParts parts;
    int ref;
    const char* start;
    const char* end;
    const char* precision;
  };
  // part_day / names_days: what table time_part gives for 上旬 (10), 中旬
  // (20), 下旬 (last day, days); 底 has no row.
  auto P = [](std::string y, std::string m, int part_day = 0, bool names_days = false) {
    TimeParts t;
    t.year = std::move(y);
    t.month = std::move(m);
    t.part_day = part_day;
    t.part_names_days = names_days;
    t.relative = t.year.empty();
    return t;
  };
  TimeParts mid_year = P("2024", "");
  mid_year.part_year_month = 6;
  TimeParts q4;
  q4.year = "2021";
  q4.quarter = "四";
  TimeParts q1;
  q1.year = "2022";
  q1.quarter = "一";
  TimeParts q2;
  q2.year = "2022";
  q2.quarter = "2";
  TimeParts h1;
  h1.half = "上";
  h1.first_half = true;
  h1.whole = true;
  TimeParts h2;
  h2.half = "下";
  h2.whole = true;
  TimeParts this_year;
  this_year.whole = true;
  TimeParts next_year;
  next_year.year_offset = 1;
  TimeParts full;
  full.year = "2024";
  full.month = "3";
  full.day = "15";
  Case cases[] = {
      {"到2025年", P("2025", ""), 2024, "", "2025-12-31", "year"},
      {"2025年底前", P("2025", ""), 0, "", "2025-12-31", "year"},
      {"4月底前", P("", "4"), 2024, "", "2024-04-30", "month"},
      {"2月底 leap", P("", "2"), 2024, "", "2024-02-29", "month"},
      {"2月底", P("", "2"), 2023, "", "2023-02-28", "month"},
      {"6月中旬前", P("", "6", 20, true), 2024, "", "2024-06-20", "day"},
      {"6月上旬", P("", "6", 10, true), 2024, "", "2024-06-10", "day"},
      {"6月下旬", P("", "6", 0, true), 2024, "", "2024-06-30", "day"},
      {"完成时限：2021年6月", P("2021", "6"), 2024, "", "2021-06-30", "month"},
      {"二〇二五年三月", P("二〇二五", "三"), 0, "", "2025-03-31", "month"},
      {"2021年四季度", q4, 0, "", "2021-12-31", "quarter"},
      {"2022年一季度", q1, 0, "", "2022-03-31", "quarter"},
      {"2022年2季度", q2, 0, "", "2022-06-30", "quarter"},
      {"上半年", h1, 2024, "2024-01-01", "2024-06-30", "month"},
      {"下半年", h2, 2024, "2024-07-01", "2024-12-31", "month"},
      {"本年度", this_year, 2024, "2024-01-01", "2024-12-31", "year"},
      {"明年", next_year, 2024, "", "2025-12-31", "year"},
      {"2024年3月15日", full, 0, "", "2024-03-15", "day"},
      {"2024年年中前", mid_year, 0, "", "2024-06-30", "month"},
  };
  for (const auto& c : cases) {
    auto r = resolve(c.parts, c.ref);
    ASSERT_TRUE(r.has_value()) << c.what;
    EXPECT_EQ(r->start_date, c.start) << c.what;
    EXPECT_EQ(r->end_date, c.end) << c.what;
    EXPECT_EQ(std::string(policydb::extract::name(r->precision)), c.precision) << c.what;
  }
  // Relative with no reference: unresolved rather than guessed from the clock.
  EXPECT_FALSE(resolve(P("", "4"), 0));
  EXPECT_FALSE(resolve(P("2025", "2"), 0)->end_date.empty());
  EXPECT_FALSE(resolve(P("202", ""), 2024));
}

TEST(Values, PeriodsFromRuleFiles) {
  const std::string dir = std::string(POLICYDB_SOURCE_DIR) + "/rules";
  auto rules = rules::RuleSet::load(dir);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  auto periods = load_periods(rules.value());
  const Period* p = find_period(periods, "“十四五”");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->start, 2021);
  EXPECT_EQ(p->end, 2025);
  p = find_period(periods, "十三五");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->start, 2016);
  EXPECT_EQ(p->end, 2020);
  EXPECT_EQ(find_period(periods, "十四"), nullptr);
}

TEST(Values, Bare) {
  EXPECT_EQ(bare("“十四五”"), "十四五");
  EXPECT_EQ(bare(" 十 三 五 "), "十三五");
}

}  // namespace
}  // namespace policydb::extract::values
