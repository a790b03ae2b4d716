// Tests for src/common: SHA-256 against published vectors, UTF-8 helpers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/numerals.h"
#include "common/sha256.h"
#include "common/status.h"
#include "common/text.h"

namespace policydb {
namespace {

// FIPS 180-2 / NIST CAVS vectors.
TEST(Sha256, KnownVectors) {
  struct Case {
    std::string input;
    std::string digest;
  };
  const std::vector<Case> cases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      // Padding boundaries: 55, 56 and 64 bytes need one, two and two blocks.
      {std::string(55, 'a'), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {std::string(56, 'a'), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {std::string(64, 'a'), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const auto& c : cases) EXPECT_EQ(sha256_hex(c.input), c.digest) << c.input.size() << " bytes";
}

TEST(Sha256, BinaryBytesAndNul) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(sha256_hex(with_nul), sha256_hex("a"));
  EXPECT_EQ(sha256_hex(with_nul).size(), 64u);
  EXPECT_EQ(sha256_hex(with_nul), sha256_hex(std::string("a\0b", 3)));
}

TEST(Status, ErrorsCarryTheirMessage) {
  EXPECT_TRUE(Status::Ok().ok());
  Status e = Status::Error("bad");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.message(), "bad");
  Result<int> r = 3;
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 3);
  Result<int> f = Status::Error("nope");
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), "nope");
}

struct DecodeCase {
  std::string bytes;
  std::vector<char32_t> cps;
};

std::vector<char32_t> decode_all(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    size_t before = i;
    out.push_back(text::decode(s, i));
    EXPECT_GT(i, before);
    EXPECT_LE(i, s.size());
  }
  return out;
}

TEST(Text, DecodeValidAndInvalidBytes) {
  const std::vector<DecodeCase> cases = {
      {"a", {U'a'}},
      {"年", {U'年'}},
      {"\xF0\xA0\x80\x80", {0x20000}},                  // CJK Ext B, 4 bytes
      {"\xFF", {0xFFFD}},                                // never valid
      {"\x80", {0xFFFD}},                                // lone continuation
      {"\xE5\xB9", {0xFFFD, 0xFFFD}},                    // truncated 年, each byte once
      {"\xC0\xAF", {0xFFFD, 0xFFFD}},                    // overlong '/'
      {"\xED\xA0\x80", {0xFFFD, 0xFFFD, 0xFFFD}},        // surrogate
      {"\xF4\x90\x80\x80", {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}},  // > U+10FFFF
      {"\xE5X", {0xFFFD, U'X'}},                         // bad continuation keeps next char
      {"a\xFF年", {U'a', 0xFFFD, U'年'}},
  };
  for (const auto& c : cases) EXPECT_EQ(decode_all(c.bytes), c.cps) << c.bytes;
}

TEST(Text, AppendRoundTrips) {
  for (char32_t cp : {char32_t(0x41), char32_t(0x7FF), char32_t(0x3000), char32_t(0xFFFD), char32_t(0x20000),
                      char32_t(0x10FFFF)}) {
    std::string s;
    text::append(s, cp);
    size_t pos = 0;
    EXPECT_EQ(text::decode(s, pos), cp);
    EXPECT_EQ(pos, s.size());
    EXPECT_TRUE(text::valid_utf8(s));
  }
}

TEST(Text, CharacterClasses) {
  struct Case {
    char32_t cp;
    bool cjk, punct, space;
  };
  const std::vector<Case> cases = {
      {U'年', true, false, false},  {U'〇', true, false, false},  {0x3400, true, false, false},
      {0x20000, true, false, false}, {U'a', false, false, false}, {U'１', false, false, false},
      {U'，', false, true, false},  {U'。', false, true, false},  {U'、', false, true, false},
      {U'《', false, true, false},  {U'“', false, true, false},  {0x3000, false, true, true},
      {U' ', false, false, true},   {0x00A0, false, false, true}, {U'\n', false, false, true},
      {0xFEFF, false, false, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(text::is_cjk(c.cp), c.cjk) << std::hex << uint32_t(c.cp);
    EXPECT_EQ(text::is_cjk_punct(c.cp), c.punct) << std::hex << uint32_t(c.cp);
    EXPECT_EQ(text::is_space(c.cp), c.space) << std::hex << uint32_t(c.cp);
  }
}

TEST(Text, ToHalfwidth) {
  EXPECT_EQ(text::to_halfwidth(U'１'), U'1');
  EXPECT_EQ(text::to_halfwidth(U'Ａ'), U'A');
  EXPECT_EQ(text::to_halfwidth(U'％'), U'%');
  EXPECT_EQ(text::to_halfwidth(U'～'), U'~');  // U+FF5E, last of the range
  EXPECT_EQ(text::to_halfwidth(U'｟'), U'｟');  // U+FF5F, outside
  EXPECT_EQ(text::to_halfwidth(0x3000), char32_t(0x3000));  // not in FF01..FF5E
  EXPECT_EQ(text::to_halfwidth(U'年'), U'年');
  EXPECT_EQ(text::to_halfwidth(U'。'), U'。');
}

TEST(Text, LengthTrimStrip) {
  EXPECT_EQ(text::length(""), 0u);
  EXPECT_EQ(text::length("a年b"), 3u);
  EXPECT_EQ(text::length("\xF0\xA0\x80\x80"), 1u);

  struct Case {
    std::string in, trimmed, stripped;
  };
  const std::vector<Case> cases = {
      {"", "", ""},
      {"   ", "", ""},
      {"\xE3\x80\x80一、总体要求\xE3\x80\x80", "一、总体要求", "一、总体要求"},
      {" \t到 2025 年\n", "到 2025 年", "到2025年"},
      {"\xC2\xA0年\xC2\xA0", "年", "年"},
      {"a\xE3\x80\x80" "b", "a\xE3\x80\x80" "b", "ab"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(text::trim(c.in), c.trimmed) << c.in;
    EXPECT_EQ(text::strip_spaces(c.in), c.stripped) << c.in;
  }
}

TEST(Text, ValidUtf8) {
  EXPECT_TRUE(text::valid_utf8(""));
  EXPECT_TRUE(text::valid_utf8("到2025年"));
  EXPECT_TRUE(text::valid_utf8("\xEF\xBF\xBD"));  // a literal U+FFFD is valid
  EXPECT_FALSE(text::valid_utf8("\xFF"));
  EXPECT_FALSE(text::valid_utf8("\xE5\xB9"));
  EXPECT_FALSE(text::valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(text::valid_utf8("\xED\xA0\x80"));
}

TEST(Numerals, ValueOfEveryKindOfNumbering) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"1", 1},   {"12", 12},  {"一", 1},      {"十", 10},  {"十二", 12}, {"二十", 20},
      {"二十三", 23}, {"一百零五", 105}, {"两", 2}, {"①", 1},    {"⑳", 20},  {"", 0},
      {"A", 0},   {"一a", 0},
  };
  for (const auto& [num, value] : cases) EXPECT_EQ(text::numeral_value(num), value) << num;
}

}  // namespace
}  // namespace policydb
