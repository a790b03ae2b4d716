// Normalise: wrapped lines rejoined, spaces and full-width forms cleaned,
// page furniture and boilerplate dropped, markup kept as hints, and every
// byte traceable to its page.
#include "normalize/normalize.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "support/shared_pdf.h"
#include "unicode/unicode.h"

namespace policydb::normalize {
namespace {

namespace fs = std::filesystem;

// The rule files normalisation reads: its own, the heading markers and the
// note markers (rules/notes.toml).
const rules::RuleSet& Rules() {
  static const rules::RuleSet* set = [] {
    const fs::path dir = fs::temp_directory_path() / ("normalize_test_rules_" + std::to_string(getpid()));
    fs::create_directories(dir);
    for (const char* f : {"normalize.toml", "structure.toml", "notes.toml"}) {
      const fs::path src = fs::path(POLICYDB_SOURCE_DIR) / "rules" / f;
      if (fs::exists(src)) fs::copy_file(src, dir / f, fs::copy_options::overwrite_existing);
    }
    auto loaded = rules::RuleSet::load(dir.string());
    fs::remove_all(dir);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new rules::RuleSet(std::move(loaded).value());
  }();
  return *set;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

fs::path seed(const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
    if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path();
  return {};
}

ingest::RawDocument text_doc(const std::string& text) { return ingest::read_bytes("mem", text); }

std::vector<std::string> lines_of(const NormalizedText& n) {
  std::vector<std::string> out;
  for (const Line& l : n.lines) out.push_back(n.text.substr(l.begin, l.end - l.begin));
  return out;
}

bool has_line(const NormalizedText& n, const std::string& line) {
  const auto lines = lines_of(n);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// The line that contains `needle` entirely, or "" if it is split or absent.
std::string line_containing(const NormalizedText& n, const std::string& needle) {
  for (const std::string& l : lines_of(n))
    if (l.find(needle) != std::string::npos) return l;
  return "";
}

// Every copied piece reproduces its source bytes; every rewritten piece is
// the half-width form of its source character; pieces are sorted and
// disjoint; lines tile the text.
void expect_consistent(const ingest::RawDocument& doc, const NormalizedText& n) {
  size_t prev_end = 0;
  for (const Piece& p : n.pieces) {
    ASSERT_GE(p.begin, prev_end);
    prev_end = p.begin + p.length;
    ASSERT_LE(prev_end, n.text.size());
    ASSERT_GE(p.page, 1);
    ASSERT_LE(static_cast<size_t>(p.page), doc.pages.size());
    const std::string& raw = doc.pages[p.page - 1].text;
    ASSERT_LE(p.source + p.source_length, raw.size());
    const std::string_view out = std::string_view(n.text).substr(p.begin, p.length);
    const std::string_view src = std::string_view(raw).substr(p.source, p.source_length);
    if (p.length == p.source_length && out == src) continue;
    size_t a = 0, b = 0;
    const char32_t o = text::decode(out, a);
    const char32_t s = text::decode(src, b);
    EXPECT_TRUE(o == text::to_halfwidth(s) || (o == ' ' && text::is_space(s)))
        << "piece at " << p.begin << ": '" << out << "' from '" << src << "'";
  }
  size_t expect_begin = 0;
  for (const Line& l : n.lines) {
    EXPECT_EQ(l.begin, expect_begin);
    EXPECT_LE(l.begin, l.end);
    EXPECT_EQ(n.text.find('\n', l.begin), l.end == n.text.size() ? std::string::npos : l.end);
    expect_begin = l.end + 1;
  }
  if (!n.lines.empty()) {
    EXPECT_EQ(n.lines.back().end, n.text.size());
  }
}

// ------------------------------------------------------------ seed 000

class Seed000 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path p = seed("000_");
    ASSERT_FALSE(p.empty()) << "corpus/000_*.txt missing";
    doc_ = new ingest::RawDocument(ingest::read_document(p.string()));
    norm_ = new NormalizedText(normalize(*doc_, Rules()));
  }
  static void TearDownTestSuite() {
    delete norm_;
    delete doc_;
  }
  static ingest::RawDocument* doc_;
  static NormalizedText* norm_;
};
ingest::RawDocument* Seed000::doc_ = nullptr;
NormalizedText* Seed000::norm_ = nullptr;

TEST_F(Seed000, NoSpaceBetweenCjkCharactersOrCjkAndDigits) {
  const std::string& t = norm_->text;
  for (size_t pos = 0; pos < t.size();) {
    const size_t start = pos;
    const char32_t cp = text::decode(t, pos);
    if (cp != ' ' || start == 0) continue;
    size_t before = start - 1;
    while (before > 0 && (static_cast<unsigned char>(t[before]) & 0xC0) == 0x80) --before;
    size_t b = before, a = pos;
    const char32_t left = text::decode(t, b);
    const char32_t right = a < t.size() ? text::decode(t, a) : 0;
    const bool left_cjk = text::is_cjk(left) || text::is_cjk_punct(left);
    const bool right_cjk = text::is_cjk(right) || text::is_cjk_punct(right);
    EXPECT_FALSE(left_cjk || right_cjk) << "space at " << start << ": " << t.substr(before, 20);
  }
  EXPECT_NE(t.find("到2025年，全市单位地区生产总值能耗"), std::string::npos);
  EXPECT_EQ(t.find("到 2025 年"), std::string::npos);
  EXPECT_EQ(t.find("\u3000"), std::string::npos);
}

TEST_F(Seed000, SentencesWrappedInTheSourceAreOnOneLine) {
  // Each of these is broken over two or three lines in the raw text.
  const std::vector<std::string> sentences = {
      "关于印发《潮州市全面推行清洁生产实施方案（2023-2025年）》的通知",
      "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深入贯彻习近平生态文明思想，牢固树立",
      "到2025年，全市单位地区生产总值能耗和规模以上工业单位增加值能耗均比2020年下降14%，力争全市万元工业增加值用水量较2020年下降10%以上，规模以上工业用水重复利用率达到85%以上。",
      "按照产业结构、能源利用、运营管理、基础设施等绿色化要求，推动条件成熟的园区开展碳达峰碳中和示范。（市工业和信息化局牵头，市发展改革局、生态环境局、市场监管局等配合，各县区、凤泉湖高新区负责落实，以下各项均需各县区、凤泉湖高新区落实，不再一一列出）",
      "对不符合所在地区能耗强度和总量控制相关要求、不符合煤炭消费减量替代或污染物排放区域削减、能效水平低于本行业能耗限额准入值等要求的高耗能高排放低水平项目予以停批、停建",
  };
  for (const std::string& s : sentences) EXPECT_NE(line_containing(*norm_, s), "") << s;
  // No line ends inside a clause.
  for (const std::string& l : lines_of(*norm_)) {
    const char32_t last = [&] {
      size_t start = l.size() - 1;
      while (start > 0 && (static_cast<unsigned char>(l[start]) & 0xC0) == 0x80) --start;
      return text::decode(l, start);
    }();
    EXPECT_TRUE(last != U'，' && last != U'、') << l;
  }
  EXPECT_GT(norm_->stats.wraps_joined, 100);
}

TEST_F(Seed000, HeadingsAndSignaturesKeepTheirOwnLines) {
  for (const char* l : {"一、总体要求", "（一）指导思想", "（二）主要目标", "专栏1工业清洁生产重点工程",
                        "潮发改资环函〔2023〕182号", "潮州市发展和改革局", "潮州市生态环境局",
                        "（二十）鼓励全民参与"})
    EXPECT_TRUE(has_line(*norm_, l)) << l;
}

TEST_F(Seed000, BoilerplateLineIsGone) {
  EXPECT_EQ(norm_->text.find("EESIA"), std::string::npos);
  EXPECT_EQ(norm_->text.find("本文内容来自网络"), std::string::npos);
  EXPECT_EQ(norm_->stats.boilerplate_removed, 1);
}

TEST_F(Seed000, ProvenanceIsConsistent) { expect_consistent(*doc_, *norm_); }

// ------------------------------------------------------------ encodings

TEST(Encodings, EveryEncodingOfASeedNormalisesToTheSameText) {
  const fs::path p = seed("000_");
  ASSERT_FALSE(p.empty());
  const std::string utf8 = slurp(p);
  const std::string expected = normalize(ingest::read_bytes("utf8", utf8), Rules()).text;
  ASSERT_GT(expected.size(), 10000u);
  struct Case {
    const char* name;
    std::string bytes;
    const char* encoding;
  };
  std::string crlf;
  for (char c : utf8) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::vector<Case> cases = {
      {"gb18030", unicode::encode_as(utf8, "GB18030"), "GB18030"},
      {"utf16le bom", "\xFF\xFE" + unicode::encode_as(utf8, "UTF-16LE"), "UTF-16LE"},
      {"utf16be bom", "\xFE\xFF" + unicode::encode_as(utf8, "UTF-16BE"), "UTF-16BE"},
      {"utf16le", unicode::encode_as(utf8, "UTF-16LE"), "UTF-16LE"},
      {"utf8 bom crlf", "\xEF\xBB\xBF" + crlf, "UTF-8-BOM"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ingest::RawDocument doc = ingest::read_bytes(c.name, c.bytes);
    EXPECT_EQ(doc.encoding, c.encoding);
    EXPECT_EQ(doc.invalid_sequences, 0u);
    EXPECT_TRUE(normalize(doc, Rules()).text == expected);
  }
}

// ------------------------------------------------------------ characters

TEST(Characters, SpacesFullWidthAndPunctuation) {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"到 2025 年，全市能耗下降 14%", "到2025年，全市能耗下降14%"},
      {"推进 VOCs 治理", "推进VOCs治理"},
      {"Green Building  Council 标准", "Green Building Council标准"},
      {"ＡＢＣ１２３全市", "ABC123全市"},
      {"（一）指导思想：比重达到８０％。", "（一）指导思想：比重达到80％。"},
      {"\u3000\u3000一、总体要求", "一、总体要求"},
      {"鼓励全 民参与", "鼓励全民参与"},
      {"2024 年 3 月 15 日", "2024年3月15日"},
      {"a\u200Bb\xEF\xBB\xBF", "ab"},
  };
  for (const Case& c : cases) {
    const NormalizedText n = normalize(text_doc(c.in), Rules());
    EXPECT_EQ(n.text, c.out) << c.in;
  }
}

TEST(Characters, RewrittenCharactersHaveTheirOwnPieces) {
  const std::string raw = "比重达到８０％以上";
  const ingest::RawDocument doc = text_doc(raw);
  const NormalizedText n = normalize(doc, Rules());
  ASSERT_EQ(n.text, "比重达到80％以上");
  expect_consistent(doc, n);
  const size_t eight = n.text.find('8');
  EXPECT_EQ(n.source_of(eight), raw.find("８"));
  EXPECT_EQ(n.source_of(eight + 1), raw.find("０"));
  EXPECT_EQ(n.source_of(n.text.find("％")), raw.find("％"));
}

// ------------------------------------------------------------ markup

TEST(Markup, MarkdownAndHtmlBecomeLineHints) {
  const std::string raw =
      "# 广东省工业和信息化厅\n\n"
      "## **（二）加大政策支持**\n\n"
      "<p>各地要落实相关财政税收优惠政策。</p>\n"
      "<b>附件1</b>\n"
      "普通段落，含**强调**部分。<br>\n"
      "数量<5%的企业。\n";
  const ingest::RawDocument doc = text_doc(raw);
  const NormalizedText n = normalize(doc, Rules());
  expect_consistent(doc, n);
  const std::vector<std::string> lines = lines_of(n);
  ASSERT_EQ(lines.size(), 6u) << n.text;
  EXPECT_EQ(lines[0], "广东省工业和信息化厅");
  EXPECT_EQ(n.lines[0].heading_level, 1);
  EXPECT_EQ(lines[1], "（二）加大政策支持");
  EXPECT_EQ(n.lines[1].heading_level, 2);
  EXPECT_TRUE(n.lines[1].bold);
  EXPECT_EQ(lines[2], "各地要落实相关财政税收优惠政策。");
  EXPECT_TRUE(n.lines[2].paragraph);
  EXPECT_FALSE(n.lines[2].bold);
  EXPECT_EQ(lines[3], "附件1");
  EXPECT_TRUE(n.lines[3].bold);
  EXPECT_EQ(lines[4], "普通段落，含强调部分。");
  EXPECT_FALSE(n.lines[4].bold);  // bold covers only part of the line
  EXPECT_EQ(lines[5], "数量<5%的企业。");  // not a tag
}

TEST(Markup, TableRowsKeepCellsAndAreNotJoined) {
  const std::string raw =
      "序号\t地市\t工业和信息化牵头数量(家)\t合计(家)\n"
      "1\t广州\t165\t187\n"
      "\t\t\t2\t强化全生命周期理念，全方位全过程推行工业产品绿色设计，扩大绿色低碳产品\n"
      "供给\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  const std::vector<std::string> lines = lines_of(n);
  ASSERT_GE(lines.size(), 3u) << n.text;
  EXPECT_EQ(lines[0], "序号\t地市\t工业和信息化牵头数量(家)\t合计(家)");
  EXPECT_EQ(lines[1], "1\t广州\t165\t187");
  EXPECT_EQ(lines[2], "\t\t\t2\t强化全生命周期理念，全方位全过程推行工业产品绿色设计，扩大绿色低碳产品");
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(n.lines[i].table_row);
}

// ------------------------------------------------------------ unwrapping

TEST(Unwrap, FixedWidthLinesJoinButParagraphEndsAndHeadingsStay) {
  // Wrapped at 20 characters, with blank lines between every line as
  // pdftotext-style output often has.
  const std::string raw =
      "一、总体要求\n\n"
      "坚持以习近平新时代中国特色社会主义思想\n\n"
      "为指导，全面贯彻党的二十大精神，深入贯\n\n"
      "彻习近平生态文明思想。\n\n"
      "（一）主要目标\n\n"
      "到2025年，清洁生产推行制度体系基本建\n\n"
      "立，工业领域清洁生产全面深入推行，农业\n\n"
      "服务业等领域清洁生产进一步深化。对不符\n\n"
      "合要求的项目予以停批、停建，坚决遏制盲\n\n"
      "目发展。\n\n"
      "（市发展改革局牵头，生态环境局配合）\n\n"
      "1.加快构建绿色制造体系。强化全生命周期\n\n"
      "理念，扩大绿色低碳产品供给。\n\n"
      "专栏1工业清洁生产重点工程\n\n"
      "各县区人民政府：\n\n"
      "潮州市发展和改革局\n\n"
      "潮州市生态环境局\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  const std::vector<std::string> expected = {
      "一、总体要求",
      "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深入贯彻习近平生态文明思想。",
      "（一）主要目标",
      "到2025年，清洁生产推行制度体系基本建立，工业领域清洁生产全面深入推行，农业服务业等领域清洁生产进一步深化。对不符合要求的项目予以停批、停建，坚决遏制盲目发展。（市发展改革局牵头，生态环境局配合）",
      "1.加快构建绿色制造体系。强化全生命周期理念，扩大绿色低碳产品供给。",
      "专栏1工业清洁生产重点工程",
      "各县区人民政府：",
      "潮州市发展和改革局",
      "潮州市生态环境局",
  };
  EXPECT_EQ(lines_of(n), expected);
}

TEST(Unwrap, ParagraphPerLineTextJoinsOnlyCutWords) {
  // Lines are whole paragraphs (003 style, full-width indentation), one of
  // them cut inside a word.
  const std::string raw =
      "\u3000\u3000一、充分认识推进绿色清洁生产工作的重要意义\n\n"
      "\u3000\u3000清洁生产是促进资源利用与环境保护相协调的一种生产模式，将污染预防的环境思维应用于生产和服务的全过程，示范效应\n\n"
      "显著的试点成果要及时总结推广。\n\n"
      "\u3000\u3000（一）基本原则。\n\n"
      "\u3000\u30001.全面推进与重点突破相结合。\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  const std::vector<std::string> expected = {
      "一、充分认识推进绿色清洁生产工作的重要意义",
      "清洁生产是促进资源利用与环境保护相协调的一种生产模式，将污染预防的环境思维应用于生产和服务的全过程，示范效应显著的试点成果要及时总结推广。",
      "（一）基本原则。",
      "1.全面推进与重点突破相结合。",
  };
  EXPECT_EQ(lines_of(n), expected);
}

// Regression: a list of names (short lines of similar length) was taken for
// a narrow wrap margin and its lines were run together.
TEST(Unwrap, ListOfShortLinesIsNotAMargin) {
  std::string raw;
  for (int i = 0; i < 6; ++i)
    raw += "坚持预防为主、保护优先、风险管控，持续推进土壤污染防治攻坚行动，强化土壤和地\n"
           "下水污染风险源头管控和治理修复。\n";
  raw += "组长：刘志杰厅党组书记、厅长\n"
         "副组长：茹栋梅厅党组成员、副厅长\n"
         "王进仁厅党组成员、副厅长\n"
         "姚继广厅党组成员、副厅长\n"
         "赵文志厅党组成员、副厅长\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  for (const char* l : {"组长：刘志杰厅党组书记、厅长", "副组长：茹栋梅厅党组成员、副厅长",
                        "王进仁厅党组成员、副厅长", "赵文志厅党组成员、副厅长"})
    EXPECT_TRUE(has_line(n, l)) << l << "\n" << n.text;
  EXPECT_TRUE(has_line(n, "坚持预防为主、保护优先、风险管控，持续推进土壤污染防治攻坚行动，强化土壤和地下水污染风险源头管控和治理修复。"));
}

// Regression: a box narrower than the body wraps at its own margin; its
// lines end inside words and must still be joined.
TEST(Unwrap, NarrowerBoxJoinsAtItsOwnMargin) {
  std::string raw;
  for (int i = 0; i < 5; ++i)
    raw += "推进工业、农业、服务业、建筑、交通运输等领域清洁生产，全力推动绿美潮州建设，为全\n"
           "省碳达峰碳中和目标的实现作出新贡献。\n";
  raw += "专栏1工业清洁生产重点工程\n"
         "1.工业产品生态设计示范企业创建工程。重点实施轻量化、模块化、集成化、智\n"
         "能化、无害化等关键绿色设计技术应用示范。\n"
         "2.绿色制造体系建设工程。开展绿色制造技术创新和集成应用，大力培育创建绿\n"
         "色工厂。\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  EXPECT_TRUE(has_line(n, "1.工业产品生态设计示范企业创建工程。重点实施轻量化、模块化、集成化、智能化、无害化等关键绿色设计技术应用示范。")) << n.text;
  EXPECT_TRUE(has_line(n, "2.绿色制造体系建设工程。开展绿色制造技术创新和集成应用，大力培育创建绿色工厂。")) << n.text;
  EXPECT_TRUE(has_line(n, "专栏1工业清洁生产重点工程"));
}

// Regression: a decimal number split over two lines (减少5．/78万吨) and a
// line left with an open bracket are joined whatever the next line's indent.
TEST(Unwrap, DecimalPointAndOpenBracketAtLineEndJoin) {
  const std::string raw =
      "市主要农作物化肥、农药使用总量较2015年分别减少5．\n"
      "                               78万吨。\n"
      "根据《深圳率先打造美丽中国典范规划纲要（2020—\n"
      "        2035年）》等文件要求，制定本方案。\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  EXPECT_TRUE(has_line(n, "市主要农作物化肥、农药使用总量较2015年分别减少5．78万吨。")) << n.text;
  EXPECT_TRUE(has_line(n, "根据《深圳率先打造美丽中国典范规划纲要（2020—2035年）》等文件要求，制定本方案。")) << n.text;
}

// A PDF's pages as poppler gives them.
ingest::RawDocument pdf_doc(const std::vector<std::string>& pages) {
  ingest::RawDocument doc;
  doc.format = ingest::Format::kPdf;
  doc.encoding = "PDF";
  for (size_t i = 0; i < pages.size(); ++i) {
    ingest::Page page;
    page.number = static_cast<int>(i) + 1;
    page.text = pages[i];
    doc.pages.push_back(page);
  }
  doc.page_count = static_cast<int>(pages.size());
  return doc;
}

// A text file printed to PDF keeps its own hard line breaks: each of its
// lines is wrapped again at the page's width and its last piece is a short
// line, often followed by a blank line, in the middle of a sentence.
TEST(Unwrap, PdfShortLineInsideAnOpenSentenceJoins) {
  const std::string raw =
      "关于印发《潮州市全面推行清洁生产实\n\n"
      "施方案》的通知\n\n"
      "一、总体要求\n\n"
      "为贯彻落实党中央、国务院和省关于碳达峰碳\n"
      "中和的工作部署，推动我市高质量发展，结合我\n\n"
      "市实际，制定本方案。\n\n"
      "1.清洁能源交通装备推广工程。持续推进城市\n"
      "公交、出租汽车、城市物流配送车辆的电动化，\n"
      "推动氢燃料电池汽车的示范运用。到2025年，\n"
      "实现高速公路服务区快\n\n"
      "充站全覆盖。\n\n"
      "专题一、绿色低碳技术\n\n"
      "风电、光伏装机达到4000\n\n"
      "万千瓦。\n\n"
      "方向1.低碳工业流程再造技术\n\n"
      "组长：刘志杰厅党组书记、厅长\n\n"
      "王进仁厅党组成员、副厅长\n\n"
      "联系人：张三，0768-1234567\n\n"
      "潮州市发展和改革局\n\n"
      "潮州市生态环境局\n\n"
      "2023年5月6日\n";
  const NormalizedText n = normalize(pdf_doc({raw}), Rules());
  const std::vector<std::string> expected = {
      "关于印发《潮州市全面推行清洁生产实施方案》的通知",
      "一、总体要求",
      "为贯彻落实党中央、国务院和省关于碳达峰碳中和的工作部署，推动我市高质量发展，结合我市实际，制定本方案。",
      "1.清洁能源交通装备推广工程。持续推进城市公交、出租汽车、城市物流配送车辆的电动化，推动氢燃料电池汽车的"
      "示范运用。到2025年，实现高速公路服务区快充站全覆盖。",
      "专题一、绿色低碳技术",
      "风电、光伏装机达到4000万千瓦。",
      "方向1.低碳工业流程再造技术",
      "组长：刘志杰厅党组书记、厅长",
      "王进仁厅党组成员、副厅长",
      "联系人：张三，0768-1234567",
      "潮州市发展和改革局",
      "潮州市生态环境局",
      "2023年5月6日",
  };
  EXPECT_EQ(lines_of(n), expected);
}

// A table row cut by a page break: its rest stands at the top of the next
// page under the repeated header row, with no number of its own.
TEST(PageFurniture, TableRowCutByAPageBreakBecomesOneRow) {
  const std::vector<std::string> pages = {
      "重点工程\t\t\t责任单位\t\n"
      "\t(十七)建筑垃圾资源化利用工程\t17\t鼓励利用建筑垃圾生产再生骨料。\t牵头单位：市住房建设局\n"
      "五、\t(十八)交\t18\t加快铁水多式联运发展。到2025\t牵头单位：市交\n"
      "- 30 -",
      "重点工程\t\t\t责任单位\t\n"
      "交通运输清洁生产重点工程\t通运输网络效率提升工程\t\t年，深圳港水水中转比重达到34%。\t通运输局\n"
      "\t(十九)清洁能源交通装备推广工程\t19\t持续推进城市公交电动化。\t牵头单位：市交通运输局\n"
      "- 31 -",
  };
  const ingest::RawDocument doc = pdf_doc(pages);
  const NormalizedText n = normalize(doc, Rules());
  expect_consistent(doc, n);
  const std::vector<std::string> expected = {
      "重点工程\t\t\t责任单位\t",
      "\t(十七)建筑垃圾资源化利用工程\t17\t鼓励利用建筑垃圾生产再生骨料。\t牵头单位：市住房建设局",
      "五、交通运输清洁生产重点工程\t(十八)交通运输网络效率提升工程\t18\t"
      "加快铁水多式联运发展。到2025年，深圳港水水中转比重达到34%。\t牵头单位：市交通运输局",
      "\t(十九)清洁能源交通装备推广工程\t19\t持续推进城市公交电动化。\t牵头单位：市交通运输局",
  };
  EXPECT_EQ(lines_of(n), expected);
  // Each part keeps its page.
  EXPECT_EQ(n.page_of(n.text.find("到2025")), 1);
  EXPECT_EQ(n.page_of(n.text.find("年，深圳港")), 2);
  EXPECT_EQ(n.lines[2].page, 1);
  EXPECT_TRUE(n.lines[2].table_row);
}

// Rows that have numbers of their own are rows of their own, page break or
// not; a text file's pages are not merged either way when rows are whole.
TEST(PageFurniture, NumberedRowAtTheTopOfAPageStaysARow) {
  const std::vector<std::string> pages = {
      "序号\t任务\t责任单位\n"
      "1\t推进清洁生产审核\t市发展改革委\n"
      "2\t推广绿色建材\t市住房建设局\n",
      "序号\t任务\t责任单位\n"
      "3\t推动绿色交通\t市交通运输局\n",
  };
  const NormalizedText n = normalize(pdf_doc(pages), Rules());
  EXPECT_TRUE(has_line(n, "2\t推广绿色建材\t市住房建设局")) << n.text;
  EXPECT_TRUE(has_line(n, "3\t推动绿色交通\t市交通运输局")) << n.text;
}

// ------------------------------------------------------------ page furniture

TEST(PageFurniture, PageNumbersRunningHeadersAndPages) {
  // Five pages separated by form feeds, each with a running header, a page
  // number in a different style, and a sentence running across the breaks.
  std::string raw;
  const std::vector<std::string> numbers = {"- 1 -", "—2—", "第3页", "4", "－ 5 －"};
  const std::vector<std::string> ordinal = {"一", "二", "三", "四", "五"};
  for (int i = 0; i < 5; ++i) {
    if (i) raw += "\f";
    raw += "潮州市人民政府办公室文件\n";
    raw += "第" + ordinal[i] + "页独有的内容甲乙丙丁。\n";
    raw += numbers[i] + "\n";
  }
  const ingest::RawDocument doc = text_doc(raw);
  ASSERT_EQ(doc.pages.size(), 5u);
  const NormalizedText n = normalize(doc, Rules());
  expect_consistent(doc, n);
  EXPECT_EQ(n.text.find("潮州市人民政府办公室文件"), std::string::npos) << n.text;
  EXPECT_EQ(n.stats.running_lines_removed, 5);
  EXPECT_EQ(n.stats.page_numbers_removed, 5);
  for (const std::string& num : numbers) EXPECT_FALSE(has_line(n, num)) << num;
  for (int i = 1; i <= 5; ++i) {
    const std::string unique = "第" + ordinal[i - 1] + "页独有的内容";
    const size_t at = n.text.find(unique);
    ASSERT_NE(at, std::string::npos) << unique;
    EXPECT_EQ(n.page_of(at), i);
    EXPECT_EQ(n.lines[n.line_of(at)].page, i);
  }
}

TEST(PageFurniture, BareNumbersInsideAPageStay) {
  const std::string raw = "第一行内容\n第二行内容\n2025\n第四行内容\n第五行内容\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  EXPECT_TRUE(has_line(n, "2025")) << n.text;
}

TEST(PageFurniture, PublicCommentLineIsNotBoilerplate) {
  const std::string raw = "如有异议，请于公示期内向市发展改革委反映。\n本文内容来自网络，由某网站搜集整理，如有侵权请联系删除。\n";
  const NormalizedText n = normalize(text_doc(raw), Rules());
  EXPECT_TRUE(has_line(n, "如有异议，请于公示期内向市发展改革委反映。")) << n.text;
  EXPECT_EQ(n.text.find("本文内容来自网络"), std::string::npos);
}

TEST(Edges, EmptyAndBlankDocuments) {
  ingest::RawDocument empty;
  const NormalizedText a = normalize(empty, Rules());
  EXPECT_TRUE(a.text.empty());
  EXPECT_TRUE(a.lines.empty());
  EXPECT_EQ(a.page_of(0), 1);
  const NormalizedText b = normalize(text_doc("\n \n\u3000\n"), Rules());
  EXPECT_TRUE(b.text.empty());
}

// ------------------------------------------------------------ real PDFs

// "- 3 -", "—3—", "第3页": a page number in any of the usual dress. A bare
// number is one only at a page's first or last line (elsewhere it is data).
bool looks_like_page_number(const std::string& line, bool page_edge) {
  bool digit = false, dress = false;
  for (size_t pos = 0; pos < line.size();) {
    const char32_t c = text::decode(line, pos);
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '-' || c == U'—' || c == U'－' || c == U'–' || c == U'第' || c == U'页') {
      dress = true;
    } else if (c != ' ') {
      return false;
    }
  }
  return digit && (dress || page_edge);
}

// A run of at least 10 CJK characters (no spaces, nothing full-width) from
// the middle of a page's raw text: it must survive normalisation verbatim.
std::string distinctive_run(const std::string& raw) {
  std::string best;
  std::string run;
  for (size_t pos = 0; pos <= raw.size();) {
    const size_t start = pos;
    const char32_t c = pos < raw.size() ? text::decode(raw, pos) : (++pos, 0);
    if (c && text::is_cjk(c)) {
      run.append(raw, start, pos - start);
    } else {
      if (text::length(run) > text::length(best)) best = run;
      run.clear();
    }
  }
  if (text::length(best) < 10) return "";
  return best;
}

TEST(RealPdfs, NoPageNumbersNoRunningHeadersAndPagesAreTraceable) {
  const std::vector<fs::path> sample = policydb::testing::shared_pdf_sample(5);
  if (sample.empty()) GTEST_SKIP() << POLICYDB_SHARED_DIR "/pdf not present";
  int checked_pages = 0;
  for (const fs::path& path : sample) {
    SCOPED_TRACE(path.filename().string());
    const ingest::RawDocument doc = ingest::read_document(path.string());
    if (doc.status == ingest::Status::kFailed) continue;
    const NormalizedText n = normalize(doc, Rules());
    expect_consistent(doc, n);
    const std::vector<std::string> lines = lines_of(n);
    // No page-number line.
    for (size_t i = 0; i < lines.size(); ++i) {
      const int page = n.lines[i].page;
      const bool edge = i == 0 || i + 1 == lines.size() || n.lines[i - 1].page != page ||
                        n.lines[i + 1].page != page;
      EXPECT_FALSE(looks_like_page_number(lines[i], edge)) << "page " << page << ": " << lines[i];
    }
    // No short line repeated on most pages.
    int pages_with_text = 0;
    for (const auto& p : doc.pages) pages_with_text += p.has_text;
    if (pages_with_text >= 4) {
      std::map<std::string, std::set<int>> pages_of_line;
      for (size_t i = 0; i < lines.size(); ++i)
        if (text::length(lines[i]) <= 30 && !n.lines[i].table_row)
          pages_of_line[lines[i]].insert(n.lines[i].page);
      for (const auto& [line, pages] : pages_of_line)
        EXPECT_LT(pages.size() * 2, static_cast<size_t>(pages_with_text)) << "repeated: " << line;
    }
    // Provenance: a distinctive run from raw page N is found on page N.
    for (const ingest::Page& p : doc.pages) {
      const std::string run = distinctive_run(p.text);
      if (run.empty()) continue;
      const size_t at = n.text.find(run);
      if (at == std::string::npos) continue;  // the same run may span a dropped line
      if (n.text.find(run, at + 1) != std::string::npos) continue;  // not distinctive
      EXPECT_EQ(n.page_of(at), p.number) << run;
      EXPECT_EQ(n.page_of(at + run.size() - 1), p.number) << run;
      ++checked_pages;
    }
  }
  EXPECT_GT(checked_pages, 50);
}

}  // namespace
}  // namespace policydb::normalize
