// The one reader of written numbers (issue 18): Chinese numerals
// (三万四千五百六十七, 十五点七, 二〇二五, 两), Arabic numbers with thousands
// separators (34,567) or letter-spaced by a PDF (1 4 → 14), ranges
// (两到三, 10～15, 1—2), 百分之十五 and N分之M. Every stage that needs a
// number from text calls these; none knows a rule or a document.
// Pure functions over UTF-8; white space inside a number is ignored.
// Numbering markers (normalize, outline) are read by text::numeral_value().
#pragma once

#include <optional>
#include <string_view>

namespace policydb::numerals {

// 0–9 for a digit character (Arabic, full-width or Chinese: 〇零一二两…九),
// -1 otherwise.
int digit_of(char32_t cp);
// 10, 100, 1000 for 十/百/千; 10^4, 10^8 for 万/亿; 0 otherwise.
long long multiplier_of(char32_t cp);
// A character that can be part of a Chinese or Arabic numeral
// (digit_of() >= 0 or multiplier_of() > 0).
bool is_numeral(char32_t cp);

// A numeral as an integer: positional (二〇二五 → 2025, 105), with
// multipliers (一百零五 → 105, 十 → 10, 两千 → 2000, 三万四千五百六十七 →
// 34567, 四万亿 → 4e12), mixed (3千 → 3000, 15万 → 150000), thousands
// separators (34,567). nullopt for empty text or anything else.
std::optional<long long> integer(std::string_view s);

// The number as written, without scaling: "14", "16.5", "34,567", "1 4",
// "十五", "十五点七", "两", "三万四千五百六十七" → 34567, "二百五" → 250,
// "壹仟贰佰" → 1200, "1.5千" → 1500, "廿三" → 23, "半" → 0.5, "一又二分之一"
// → 1.5, a sign "负五"/"-5" → -5; an approximate pair gives its low end
// ("五六" → 5; range() gives both). A trailing 万/亿 is not accepted (a
// caller keeps it in the unit, as the gold does: 4万人 is 4 万人).
std::optional<double> number(std::string_view s);

// The number before a unit that starts with 万 (万元, 万吨): as number(),
// but a 亿 inside the number counts in that unit's 万 — 一亿五千 before 万元
// is 15000 (一亿五千万元 is 15000 万元, not 一亿 plus 5000).
std::optional<double> number_before(std::string_view s, std::string_view unit);

// A number with every multiplier applied: "1.5万" → 15000, "四万亿" → 4e12,
// "三万五千" → 35000, "十二点五万" → 125000, "负1.5万" → -15000. For
// comparisons, never for target values.
std::optional<double> scaled(std::string_view s);

// A share in words with the unit it names: 百分之十五 → {15, "%"},
// 千分之五 → {5, "‰"}, 万分之三 → {3, "‱"}, 五分之一 → {20, "%"} (a fraction
// as a percentage).
// nullopt if not of those forms.
struct Share {
  double value = 0;
  const char* unit = "%";
};
std::optional<Share> share_words(std::string_view s);
// The same share as a percentage: 百分之十五 → 15, 千分之五 → 0.5, 万分之三 → 0.03.
std::optional<double> percent_words(std::string_view s);

struct Range {
  double low = 0;
  std::optional<double> high;  // set for "10-15", "3至5", "两到三", "10%～15%"
};
// A number or a range of two: separators - ~ ～ — – 至 到 (a % after the low
// end is allowed: 10%～15%), or two neighbouring Chinese digits (五六 5–6,
// 三四十 30–40, 十二三 12–13). A single number gives {n}.
std::optional<Range> range(std::string_view s);

}  // namespace policydb::numerals

namespace policydb::text {

// The value of a numbering marker: "12" → 12, "①" → 1, "十二" → 12; 0 if
// `num` is none of these. Read by normalize (whether inline numbering runs
// in sequence) and outline (ordinals).
int numeral_value(std::string_view num);

}  // namespace policydb::text
