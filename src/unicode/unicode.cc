// The one place that includes ICU. Conversions go through UTF-16 once per
// call; every public function speaks UTF-8 with byte offsets.
#include "unicode/unicode.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <memory>

#include "common/text.h"

namespace policydb::unicode {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// To-Unicode callback: every illegal, irregular or unassigned sequence
// becomes one U+FFFD and is counted. ICU's stock SUBSTITUTE callback would
// write U+001A for converters whose substitution byte is 0x1A, and would not
// tell us how many there were.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*,
                          int32_t, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset/close/clone: nothing to do
  auto* counter = static_cast<size_t*>(const_cast<void*>(context));
  ++*counter;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Bytes in `charset` → UTF-16, counting replaced sequences.
std::u16string to_utf16(std::string_view bytes, const char* charset, size_t& invalid) {
  std::u16string out;
  UErrorCode err = U_ZERO_ERROR;
  Converter conv(ucnv_open(charset, &err));
  if (U_FAILURE(err) || !conv) {
    // Unknown charset: every byte is undecodable.
    invalid += bytes.size();
    out.assign(bytes.size(), u'\uFFFD');
    return out;
  }
  ucnv_setToUCallBack(conv.get(), count_and_substitute, &invalid, nullptr, nullptr, &err);
  out.resize(bytes.size() + 16);  // no charset expands beyond one unit per byte, + flush
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* dst = reinterpret_cast<UChar*>(out.data());
  UChar* dst_begin = dst;
  UChar* dst_end = dst + out.size();
  for (;;) {
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &dst, dst_end, &src, src_end, nullptr, /*flush=*/true, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      const size_t used = dst - dst_begin;
      out.resize(out.size() * 2);
      dst_begin = reinterpret_cast<UChar*>(out.data());
      dst = dst_begin + used;
      dst_end = dst_begin + out.size();
      continue;
    }
    break;
  }
  out.resize(dst - dst_begin);
  return out;
}

std::string utf16_to_utf8_counting(const char16_t* data, size_t length, size_t& invalid) {
  std::string out;
  if (length == 0) return out;
  out.resize(length * 3);  // one UTF-16 unit never needs more than 3 UTF-8 bytes
  int32_t written = 0;
  int32_t substitutions = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &written,
                     reinterpret_cast<const UChar*>(data), static_cast<int32_t>(length), 0xFFFD,
                     &substitutions, &err);
  if (U_FAILURE(err)) {
    invalid += length;
    return std::string();
  }
  out.resize(written);
  invalid += substitutions;
  return out;
}

// UTF-16 without a BOM: its ASCII (digits, newlines, punctuation) leaves zero
// bytes on one parity only. Returns "UTF-16LE", "UTF-16BE" or nullptr.
const char* utf16_by_zero_pattern(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size(), 1 << 16) & ~size_t(1);
  if (n < 4) return nullptr;
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    zero_even += bytes[i] == 0;
    zero_odd += bytes[i + 1] == 0;
  }
  const size_t units = n / 2;
  const size_t zeros = zero_even + zero_odd;
  // At least 1% of the code units carry an ASCII character, and (almost) all
  // zero bytes sit on one side.
  if (zeros * 100 < units || zeros < 2) return nullptr;
  if (zero_odd * 20 >= zeros * 19) return "UTF-16LE";
  if (zero_even * 20 >= zeros * 19) return "UTF-16BE";
  return nullptr;
}

// Share of code points that look like text (CJK, CJK punctuation, printable
// ASCII, white space): used to choose between candidate decodings.
double plausibility(std::string_view utf8) {
  size_t good = 0, all = 0;
  for (size_t pos = 0; pos < utf8.size() && all < 20000;) {
    char32_t cp = text::decode(utf8, pos);
    ++all;
    if (text::is_cjk(cp) || text::is_cjk_punct(cp) || (cp >= 0x20 && cp < 0x7F) || cp == '\n' ||
        cp == '\r' || cp == '\t' || (cp >= 0xFF01 && cp <= 0xFF5E))
      ++good;
  }
  return all == 0 ? 1.0 : double(good) / double(all);
}

}  // namespace

Decoded decode_as(std::string_view bytes, const char* charset) {
  Decoded d;
  d.encoding = charset;
  std::u16string u = to_utf16(bytes, charset, d.invalid_sequences);
  d.utf8 = utf16_to_utf8_counting(u.data(), u.size(), d.invalid_sequences);
  return d;
}

Decoded decode_text(std::string_view bytes) {
  auto starts = [&](std::initializer_list<unsigned char> bom) {
    if (bytes.size() < bom.size()) return false;
    size_t i = 0;
    for (unsigned char b : bom)
      if (static_cast<unsigned char>(bytes[i++]) != b) return false;
    return true;
  };
  if (starts({0xEF, 0xBB, 0xBF})) {
    Decoded d = decode_as(bytes.substr(3), "UTF-8");
    d.encoding = "UTF-8-BOM";
    return d;
  }
  if (starts({0xFF, 0xFE})) return decode_as(bytes.substr(2), "UTF-16LE");
  if (starts({0xFE, 0xFF})) return decode_as(bytes.substr(2), "UTF-16BE");

  // Zero bytes are checked before UTF-8 validity: UTF-16 of ASCII is valid UTF-8.
  if (const char* utf16 = utf16_by_zero_pattern(bytes)) {
    Decoded d = decode_as(bytes, utf16);
    if (d.invalid_sequences * 100 <= bytes.size()) return d;
  }
  if (text::valid_utf8(bytes)) {
    Decoded d;
    d.utf8.assign(bytes);
    d.encoding = "UTF-8";
    return d;
  }
  // UTF-8 with a few damaged bytes: keep it UTF-8. GBK text read as UTF-8
  // has about four invalid bytes per accidental valid sequence.
  {
    size_t multibyte = 0, invalid = 0;
    for (size_t pos = 0; pos < bytes.size();) {
      const size_t start = pos;
      const char32_t cp = text::decode(bytes, pos);
      if (cp == 0xFFFD && pos - start == 1) {
        ++invalid;
      } else if (pos - start > 1) {
        ++multibyte;
      }
    }
    if (invalid * 20 <= multibyte) return decode_as(bytes, "UTF-8");
  }
  Decoded gb = decode_as(bytes, "GB18030");
  gb.encoding = "GB18030";
  // GB18030 maps almost any byte sequence; mostly-invalid or implausible
  // output suggests UTF-8 with damage or UTF-16 without ASCII. Pick the
  // candidate that reads most like text, preferring GB18030 on ties.
  const double gb_score = plausibility(gb.utf8) - double(gb.invalid_sequences) / (bytes.size() + 1);
  if (gb_score > 0.98) return gb;
  Decoded best = std::move(gb);
  double best_score = gb_score;
  struct Candidate {
    const char* charset;
    bool needs_even_length;
  };
  for (const Candidate& c : {Candidate{"UTF-8", false}, Candidate{"UTF-16LE", true},
                             Candidate{"UTF-16BE", true}}) {
    if (c.needs_even_length && bytes.size() % 2 != 0) continue;
    Decoded d = decode_as(bytes, c.charset);
    const double score = plausibility(d.utf8) - double(d.invalid_sequences) / (bytes.size() + 1);
    if (score > best_score + 0.05) {
      best = std::move(d);
      best_score = score;
    }
  }
  return best;
}

std::string encode_as(std::string_view utf8, const char* charset) {
  std::u16string u;
  u.resize(utf8.size() + 1);
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(u.data()), static_cast<int32_t>(u.size()), &len,
                       utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &err);
  if (U_FAILURE(err)) return std::string();
  u.resize(len);
  Converter conv(ucnv_open(charset, &err));
  if (U_FAILURE(err) || !conv) return std::string();
  std::string out;
  out.resize(static_cast<size_t>(len) * 4 + 16);
  err = U_ZERO_ERROR;
  int32_t n = ucnv_fromUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()),
                              reinterpret_cast<const UChar*>(u.data()), len, &err);
  if (U_FAILURE(err)) return std::string();
  out.resize(n);
  return out;
}

std::vector<size_t> sentence_breaks(std::string_view utf8) {
  std::vector<size_t> breaks;
  if (utf8.empty()) return breaks;
  // UTF-16 copy plus, for each code unit, the UTF-8 byte offset it came from.
  // Written through raw pointers into buffers sized for the worst case (one
  // unit per byte; a 4-byte sequence gives 2 units): no per-character
  // capacity checks, and left uninitialised: every unit read is written.
  const auto u = std::make_unique_for_overwrite<char16_t[]>(utf8.size());
  const auto offset = std::make_unique_for_overwrite<size_t[]>(utf8.size() + 1);
  char16_t* up = u.get();
  size_t* op = offset.get();
  for (size_t pos = 0; pos < utf8.size();) {
    const size_t start = pos;
    char32_t cp = text::decode(utf8, pos);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      *up++ = static_cast<char16_t>(0xD800 + (cp >> 10));
      *up++ = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
      *op++ = start;
      *op++ = start;
    } else {
      *up++ = static_cast<char16_t>(cp);
      *op++ = start;
    }
  }
  *op = utf8.size();
  const size_t units = static_cast<size_t>(up - u.get());

  // One iterator per thread: creating one loads the rules (~tens of µs).
  thread_local std::unique_ptr<icu::BreakIterator> iter;
  if (!iter) {
    UErrorCode err = U_ZERO_ERROR;
    iter.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("zh"), err));
    if (U_FAILURE(err)) iter.reset();
  }
  if (!iter) {
    breaks.push_back(utf8.size());
    return breaks;
  }
  icu::UnicodeString ustr(false, reinterpret_cast<const UChar*>(u.get()), static_cast<int32_t>(units));
  iter->setText(ustr);
  for (int32_t b = iter->next(); b != icu::BreakIterator::DONE; b = iter->next()) {
    const size_t byte = offset[static_cast<size_t>(b)];
    if (byte > 0 && (breaks.empty() || breaks.back() < byte)) breaks.push_back(byte);
  }
  iter->setText(icu::UnicodeString());  // do not keep a pointer into `u`
  if (breaks.empty() || breaks.back() != utf8.size()) breaks.push_back(utf8.size());
  return breaks;
}

std::string utf16_to_utf8(const char16_t* data, size_t length) {
  size_t ignored = 0;
  return utf16_to_utf8_counting(data, length, ignored);
}

}  // namespace policydb::unicode
