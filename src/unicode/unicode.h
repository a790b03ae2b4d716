// The one home of ICU. Everything here takes and returns UTF-8 with byte
// offsets; conversion to UTF-16 happens inside, once per call.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policydb::unicode {

struct Decoded {
  std::string utf8;
  std::string encoding;        // canonical name of the charset that was decoded
  size_t invalid_sequences = 0;  // sequences replaced by U+FFFD
};

// Detects the encoding of a text file's bytes and decodes it:
// BOM (UTF-8, UTF-16LE/BE) first; then valid UTF-8; then UTF-16 without BOM
// (by the pattern of zero bytes); else GB18030 (a superset of GBK and
// GB2312). Never fails: undecodable bytes become U+FFFD and are counted.
Decoded decode_text(std::string_view bytes);

// Decodes bytes known to be in `charset` (an ICU converter name).
Decoded decode_as(std::string_view bytes, const char* charset);

// Encodes UTF-8 into `charset` (for tests that make GB18030/UTF-16 copies).
std::string encode_as(std::string_view utf8, const char* charset);

// Sentence boundaries (byte offsets into `utf8`, ascending, excluding 0,
// including utf8.size()) from ICU's sentence BreakIterator (zh locale).
std::vector<size_t> sentence_breaks(std::string_view utf8);

// Converts UTF-16 code units to UTF-8 (for Poppler's ustring at its edge).
std::string utf16_to_utf8(const char16_t* data, size_t length);

}  // namespace policydb::unicode
