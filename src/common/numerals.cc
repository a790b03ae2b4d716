#include "common/numerals.h"

#include "common/text.h"

namespace policydb::text {

namespace {

// 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; 0 if not a Chinese numeral.
int chinese_ordinal(std::string_view s) {
  int total = 0, digit = -1;
  bool any = false;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = text::decode(s, i);
    int d = -1;
    switch (cp) {
      case U'〇': case U'零': d = 0; break;
      case U'一': d = 1; break;
      case U'二': case U'两': d = 2; break;
      case U'三': d = 3; break;
      case U'四': d = 4; break;
      case U'五': d = 5; break;
      case U'六': d = 6; break;
      case U'七': d = 7; break;
      case U'八': d = 8; break;
      case U'九': d = 9; break;
      case U'十':
        total += (digit < 0 ? 1 : digit) * 10, digit = -1, any = true;
        continue;
      case U'百':
        total += (digit < 0 ? 1 : digit) * 100, digit = -1, any = true;
        continue;
      default:
        if (text::is_space(cp)) continue;
        return 0;
    }
    digit = d;
    any = true;
  }
  if (!any) return 0;
  return total + (digit < 0 ? 0 : digit);
}

}  // namespace

int numeral_value(std::string_view num) {
  if (num.empty()) return 0;
  int v = 0;
  bool digits = true;
  for (char c : num) {
    if (c < '0' || c > '9') {
      digits = false;
      break;
    }
    v = v * 10 + (c - '0');
  }
  if (digits) return v;
  size_t i = 0;
  char32_t cp = text::decode(num, i);
  if (i == num.size() && cp >= 0x2460 && cp <= 0x2473) return static_cast<int>(cp - 0x2460 + 1);
  return chinese_ordinal(num);
}

}  // namespace policydb::text
