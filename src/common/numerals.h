// The value of a numbering marker's numeral: Arabic digits, Chinese
// numerals (一, 十二, 一百零五) and circled numerals (①). Read by normalize
// (whether inline numbering runs in sequence) and outline (ordinals).
#pragma once

#include <string_view>

namespace policydb::text {

// "12" → 12, "①" → 1, "十二" → 12; 0 if `num` is none of these.
int numeral_value(std::string_view num);

}  // namespace policydb::text
