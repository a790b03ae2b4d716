// UTF-8 helpers shared by every stage. Text inside the pipeline is UTF-8
// std::string with byte offsets; nothing here allocates per code point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace policydb::text {

// Decodes the code point at `pos` (which must be < s.size()), advancing
// `pos` past it. Invalid bytes decode as U+FFFD and advance by one byte; a
// sequence cut off by the end of `s` is invalid, never read past it.
// Inline (below): every stage calls it once per character.
inline char32_t decode(std::string_view s, size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

// CJK ideographs (URO, Ext A, compatibility) and 〇.
inline bool is_cjk(char32_t cp);
// CJK/full-width punctuation such as ，。、；：（）《》“” and U+3000.
inline bool is_cjk_punct(char32_t cp);
// Any white space, including U+3000 and U+00A0.
inline bool is_space(char32_t cp);
// Marks that end a sentence: 。！？ and ASCII !?. Callers that also stop at a
// clause end (；) or an ellipsis (…) say so where they call it.
inline bool ends_sentence(char32_t cp);
// Full-width ASCII variant (U+FF01..U+FF5E) → ASCII; otherwise returns cp.
char32_t to_halfwidth(char32_t cp);
// Code points of s without white space, full-width forms made ASCII: how
// numbers and dates are read (PDFs write `2024 年 3 月`, `１ ４ %`; a number
// never holds a meaningful space).
std::u32string spaceless_points(std::string_view s);

// Number of code points in s.
size_t length(std::string_view s);
// length(s) <= n, counting only as far as the (n + 1)th character.
bool length_at_most(std::string_view s, size_t n);
// The first and the last code point of `s` (0 if empty).
char32_t first_char(std::string_view s);
char32_t last_char(std::string_view s);
// s without any white space (as is_space).
std::string strip_spaces(std::string_view s);
// s without leading and trailing white space (as is_space).
std::string_view trim(std::string_view s);
// True if s is valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

// ------------------------------------------------------------ inline bodies

namespace detail {
char32_t decode_slow(std::string_view s, size_t& pos);
}

inline char32_t decode(std::string_view s, size_t& pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const unsigned char c = p[0];
  if (c < 0x80) {
    ++pos;
    return c;
  }
  // Chinese text is mostly three-byte sequences: decode those here, leave
  // every other (and every invalid) sequence to the out-of-line decoder.
  if ((c & 0xF0) == 0xE0 && pos + 3 <= s.size() && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const char32_t cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | char32_t(p[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      pos += 3;
      return cp;
    }
  }
  return detail::decode_slow(s, pos);
}

inline bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) || cp == 0x3007;
}

inline bool is_cjk_punct(char32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F && cp != 0x3007) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2010 && cp <= 0x2027) || cp == 0xFE30 ||
         (cp >= 0x2460 && cp <= 0x2473);
}

inline bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF ||
         cp == 0x202F || cp == 0x205F;
}

inline bool ends_sentence(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == '!' || cp == '?';
}

}  // namespace policydb::text
