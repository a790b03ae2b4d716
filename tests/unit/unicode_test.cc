// ICU home: encoding detection, conversions, sentence breaks.
#include "unicode/unicode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace policydb::unicode {
namespace {

const std::string kSample =
    "关于开展2024年度工业领域清洁生产工作的通知\n"
    "各地级以上市工业和信息化、生态环境主管部门：\n"
    "到2025年，全市单位地区生产总值能耗下降14%，VOCs排放量完成省下达目标。\n";

struct DetectCase {
  const char* name;
  std::string bytes;
  std::string expected_encoding;
};

TEST(DecodeText, DetectsEncodingAndDecodesToTheSameText) {
  const std::vector<DetectCase> cases = {
      {"utf8", kSample, "UTF-8"},
      {"utf8 bom", "\xEF\xBB\xBF" + kSample, "UTF-8-BOM"},
      {"utf16le bom", "\xFF\xFE" + encode_as(kSample, "UTF-16LE"), "UTF-16LE"},
      {"utf16be bom", "\xFE\xFF" + encode_as(kSample, "UTF-16BE"), "UTF-16BE"},
      {"utf16le no bom", encode_as(kSample, "UTF-16LE"), "UTF-16LE"},
      {"utf16be no bom", encode_as(kSample, "UTF-16BE"), "UTF-16BE"},
      {"gb18030", encode_as(kSample, "GB18030"), "GB18030"},
      {"gbk", encode_as(kSample, "GBK"), "GB18030"},
  };
  for (const DetectCase& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(c.bytes.empty());
    const Decoded d = decode_text(c.bytes);
    EXPECT_EQ(d.encoding, c.expected_encoding);
    EXPECT_EQ(d.utf8, kSample);
    EXPECT_EQ(d.invalid_sequences, 0u);
  }
}

TEST(DecodeText, ShortGbkStringIsNotLatin1) {
  // Six GBK bytes: 通知 (CD A8 D6 AA) and 。 (A1 A3). As Latin-1 this would be
  // "Í¨Öª¡£"; as UTF-8 it is invalid.
  const std::string gbk = "\xCD\xA8\xD6\xAA\xA1\xA3";
  const Decoded d = decode_text(gbk);
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, "通知。");
  EXPECT_EQ(d.invalid_sequences, 0u);
}

TEST(DecodeText, DamagedUtf8StaysUtf8AndCountsReplacements) {
  const std::string damaged = kSample + "\xFF" + kSample + "\xE4\xB8" + "\n";
  const Decoded d = decode_text(damaged);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.invalid_sequences, 2u);
  EXPECT_EQ(d.utf8, kSample + "\xEF\xBF\xBD" + kSample + "\xEF\xBF\xBD\n");
}

TEST(DecodeText, InvalidGb18030BytesAreReplacedNotFatal) {
  // 0xFF is never valid in GB18030.
  const std::string bytes = encode_as("清洁生产", "GB18030") + "\xFF" + encode_as("审核", "GB18030");
  const Decoded d = decode_text(bytes);
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.invalid_sequences, 1u);
  EXPECT_EQ(d.utf8, "清洁生产\xEF\xBF\xBD审核");
}

TEST(DecodeText, EmptyAndAscii) {
  EXPECT_EQ(decode_text("").utf8, "");
  const Decoded d = decode_text("plain ascii\n");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, "plain ascii\n");
}

TEST(DecodeAs, UnpairedSurrogateIsCounted) {
  // UTF-16LE: 'A', lone high surrogate D800, 'B'.
  const std::string bytes("A\0\x00\xD8" "B\0", 6);
  const Decoded d = decode_as(bytes, "UTF-16LE");
  EXPECT_EQ(d.invalid_sequences, 1u);
  EXPECT_EQ(d.utf8, "A\xEF\xBF\xBD" "B");
}

TEST(EncodeAs, RoundTripsThroughEveryCharset) {
  for (const char* cs : {"UTF-8", "UTF-16LE", "UTF-16BE", "GB18030"}) {
    SCOPED_TRACE(cs);
    EXPECT_EQ(decode_as(encode_as(kSample, cs), cs).utf8, kSample);
  }
  // GB18030 covers all of Unicode, including supplementary ideographs.
  const std::string ext_b = "\xF0\xA0\x80\x80";  // U+20000
  EXPECT_EQ(decode_as(encode_as(ext_b, "GB18030"), "GB18030").utf8, ext_b);
}

TEST(Utf16ToUtf8, ConvertsAndReplacesLoneSurrogates) {
  const std::u16string u = u"清洁生产 A\U00020000";
  EXPECT_EQ(utf16_to_utf8(u.data(), u.size()), "清洁生产 A\xF0\xA0\x80\x80");
  const char16_t lone[] = {u'a', 0xDC00, u'b'};
  EXPECT_EQ(utf16_to_utf8(lone, 3), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(utf16_to_utf8(nullptr, 0), "");
}

TEST(SentenceBreaks, ByteOffsetsAtChineseSentenceEnds) {
  const std::string s = "推进清洁生产。加强组织领导！到2025年，能耗下降14%？完成";
  const std::vector<size_t> breaks = sentence_breaks(s);
  ASSERT_FALSE(breaks.empty());
  EXPECT_EQ(breaks.back(), s.size());
  const auto after = [&](const std::string& prefix) { return prefix.size(); };
  EXPECT_EQ(breaks[0], after("推进清洁生产。"));
  EXPECT_EQ(breaks[1], after("推进清洁生产。加强组织领导！"));
  EXPECT_EQ(breaks[2], after("推进清洁生产。加强组织领导！到2025年，能耗下降14%？"));
  EXPECT_EQ(breaks.size(), 4u);
  for (size_t i = 1; i < breaks.size(); ++i) EXPECT_LT(breaks[i - 1], breaks[i]);
}

TEST(SentenceBreaks, SupplementaryCharactersMapToByteOffsets) {
  const std::string s = "\xF0\xA0\x80\x80字。第二句。";
  const std::vector<size_t> breaks = sentence_breaks(s);
  ASSERT_EQ(breaks.size(), 2u);
  EXPECT_EQ(breaks[0], std::string("\xF0\xA0\x80\x80字。").size());
  EXPECT_EQ(breaks[1], s.size());
  EXPECT_TRUE(sentence_breaks("").empty());
}

}  // namespace
}  // namespace policydb::unicode
