// UTF-8 helpers shared by every stage. Text inside the pipeline is UTF-8
// std::string with byte offsets; nothing here allocates per code point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace policydb::text {

// Decodes the code point at `pos`, advancing `pos` past it. Invalid bytes
// decode as U+FFFD and advance by one byte; never reads past the end.
char32_t decode(std::string_view s, size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

// CJK ideographs (URO, Ext A, compatibility) and 〇.
bool is_cjk(char32_t cp);
// CJK/full-width punctuation such as ，。、；：（）《》“” and U+3000.
bool is_cjk_punct(char32_t cp);
// Any white space, including U+3000 and U+00A0.
bool is_space(char32_t cp);
// Full-width ASCII variant (U+FF01..U+FF5E) → ASCII; otherwise returns cp.
char32_t to_halfwidth(char32_t cp);

// Number of code points in s.
size_t length(std::string_view s);
// s without any white space (as is_space).
std::string strip_spaces(std::string_view s);
// s without leading and trailing white space (as is_space).
std::string_view trim(std::string_view s);
// True if s is valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

}  // namespace policydb::text
