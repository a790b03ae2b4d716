// Scraped text whose line breaks were lost: a notice flattened into one long
// line is broken again before its inline numbering and around its cover
// letter's signature, so that it outlines as if it had been broken properly;
// numbers inside sentences break nothing. The notice is written here from the
// grammar of a 公文; the shared TXT notices (skipped without ../shared) check
// that every one with numbered items gets tasks.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/text.h"
#include "ingest/ingest.h"
#include "normalize/inline_breaks.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

namespace fs = std::filesystem;

const rules::RuleSet& Rules() { return testing::repo_rules(); }

std::vector<std::string> LinesOf(const normalize::NormalizedText& t) {
  std::vector<std::string> out;
  for (const auto& l : t.lines) out.push_back(text::strip_spaces(t.text.substr(l.begin, l.end - l.begin)));
  return out;
}

// Every byte copied from the source maps back to the same bytes.
void ExpectTraceable(const ingest::RawDocument& doc, const normalize::NormalizedText& t) {
  for (const auto& p : t.pieces) {
    if (p.length != p.source_length) continue;
    ASSERT_LE(p.source + p.source_length, doc.pages[p.page - 1].text.size());
    EXPECT_EQ(t.text.substr(p.begin, p.length), doc.pages[p.page - 1].text.substr(p.source, p.source_length));
  }
}

const std::string kHeader =
    "某市人民政府办公室关于印发某市推进示范工作实施方案的通知\n"
    "某市人民政府办公室 2024-03-15\n"
    "https://www.example.gov.cn/zwgk/content_1.html\n\n";

// The body, on one line: cover letter, signature, title, then the plan with
// every level of the cascade run inline, and numbers inside sentences.
const std::string kFlat =
    "各县（市、区）人民政府，市直各部门：《某市推进示范工作实施方案》已经市政府同意，现印发给你们，请认真组织实施。"
    "某市人民政府办公室2024年3月15日某市推进示范工作实施方案为推进示范工作，制定本方案。"
    "一、总体要求（一）工作目标。到2025年，示范项目增速目标：2.5%以上，建立1+N政策体系；"
    "投资3.5亿元，2022.1版标准继续适用。第3条规定的情形除外。"
    "（二）基本原则。坚持统筹推进（1）的要求不变。"
    "二、重点任务（三）推进项目建设。1.加快审批。精简审批流程。〔责任单位：市发展改革委〕"
    "2.强化保障。落实用地指标；（1）保障用地。优先安排：①新增指标；②存量指标。"
    "（2）保障资金。统筹安排资金。（市财政局负责）3.加强监管。建立台账。"
    "三、保障措施（四）加强组织领导。各部门要密切配合。\n";

TEST(Flattened, LineBreaksComeBackAtHeadingsSignatureAndTitle) {
  const auto doc = ingest::read_bytes("flat.txt", kHeader + kFlat);
  const auto t = normalize::normalize(doc, Rules());
  const std::vector<std::string> expected = {
      "某市人民政府办公室关于印发某市推进示范工作实施方案的通知",
      "某市人民政府办公室2024-03-15",
      "https://www.example.gov.cn/zwgk/content_1.html",
      "各县（市、区）人民政府，市直各部门：",
      "《某市推进示范工作实施方案》已经市政府同意，现印发给你们，请认真组织实施。",
      "某市人民政府办公室",
      "2024年3月15日",
      "某市推进示范工作实施方案",
      "为推进示范工作，制定本方案。",
      "一、总体要求",
      "（一）工作目标。到2025年，示范项目增速目标：2.5%以上，建立1+N政策体系；投资3.5亿元，2022.1版标准继续适用。"
      "第3条规定的情形除外。",
      "（二）基本原则。坚持统筹推进（1）的要求不变。",
      "二、重点任务",
      "（三）推进项目建设。",
      "1.加快审批。精简审批流程。〔责任单位：市发展改革委〕",
      "2.强化保障。落实用地指标；",
      "（1）保障用地。优先安排：",
      "①新增指标；",
      "②存量指标。",
      "（2）保障资金。统筹安排资金。（市财政局负责）",
      "3.加强监管。建立台账。",
      "三、保障措施",
      "（四）加强组织领导。各部门要密切配合。",
  };
  EXPECT_EQ(LinesOf(t), expected);
  ASSERT_GE(t.lines.size(), 4u);
  EXPECT_TRUE(t.lines[0].page_header);
  EXPECT_TRUE(t.lines[1].page_header);
  EXPECT_TRUE(t.lines[2].page_header);
  EXPECT_FALSE(t.lines[3].page_header);
  ExpectTraceable(doc, t);
}

TEST(Flattened, OutlinesLikeTheBrokenNotice) {
  // The same notice with its line breaks: both outline alike.
  std::string broken = kHeader;
  {
    const auto t = normalize::normalize(ingest::read_bytes("flat.txt", kHeader + kFlat), Rules());
    for (size_t i = 3; i < t.lines.size(); ++i)
      broken += t.text.substr(t.lines[i].begin, t.lines[i].end - t.lines[i].begin) + "\n\n";
  }
  auto tasks_of = [](const std::string& s) {
    const auto t = normalize::normalize(ingest::read_bytes("n.txt", s), Rules());
    const auto o = outline::build(t, Rules());
    std::vector<std::string> labels;
    for (const auto& task : o.tasks) {
      // The label and the heading's title (up to its full stop).
      const std::string body = text::strip_spaces(task.text);
      labels.push_back(task.label + " " + body.substr(0, body.find("。")));
    }
    return labels;
  };
  const auto flat = tasks_of(kHeader + kFlat);
  EXPECT_EQ(flat, tasks_of(broken));
  const std::vector<std::string> expected = {"（一） （一）工作目标", "（二） （二）基本原则", "1 1.加快审批",
                                             "2 （2）保障资金", "3 3.加强监管", "（四） （四）加强组织领导"};
  EXPECT_EQ(flat, expected);
}

// A cover letter with numbered points of its own, then its signature, a
// remark and the document it sends: that document numbers from 一、 again.
TEST(Flattened, TheSentDocumentNumbersFromTheStartAfterTheSignature) {
  const std::string flat =
      "各县（市、区）人民政府，市级有关部门：现将《某市促进消费若干措施》印发给你们，请抓好落实。"
      "一、加大政策宣传。各地要广泛宣传。二、及时兑付资金。简化流程。"
      "某市人民政府办公室2023年11月13日（本文有删减）某市促进消费若干措施为促进消费，制定以下措施。"
      "一、足额落实投入。各级足额安排资金。〔牵头单位：市财政局〕二、落实税收优惠。依法落实政策。"
      "（牵头单位：市税务局）三、支持开展促消费活动。组织消费季活动。（牵头单位：市商务局）\n";
  const auto t = normalize::normalize(ingest::read_bytes("flat.txt", kHeader + flat), Rules());
  const auto o = outline::build(t, Rules());
  std::vector<std::string> titles;
  for (const auto& task : o.tasks) {
    const std::string body = text::strip_spaces(task.text);
    titles.push_back(body.substr(0, body.find("。")));
  }
  const std::vector<std::string> expected = {"一、加大政策宣传", "二、及时兑付资金", "一、足额落实投入",
                                             "二、落实税收优惠", "三、支持开展促消费活动"};
  EXPECT_EQ(titles, expected);
}

// Numbers inside sentences, after a sentence end or not, break nothing; the
// numbering that runs in sequence does, and so does the end of a note.
TEST(Flattened, OnlyNumberingInSequenceAfterASentenceEndBreaks) {
  struct Case {
    std::string line;
    size_t lines;
  };
  const std::vector<Case> cases = {
      {"一、总体要求。增长目标：2.5%以上。", 1},
      {"一、总体要求。构建1+N政策体系：1+N体系。", 1},
      {"一、总体要求。依照第3条规定执行。第3条另有规定的除外。", 1},
      {"一、总体要求。到2025年完成。2022.1版标准适用。", 1},
      {"一、总体要求。投资：3.5亿元。", 1},
      {"一、总体要求。按照（1）的要求执行。", 1},
      {"一、总体要求。详见附件。三、保障措施。", 1},          // 三 does not follow 一
      {"一、总体要求。详见附件。二、保障措施。", 2},          // 二 does
      {"（一）指导思想。坚持（1）（2）两项原则。", 1},       // not after a sentence end
      {"（一）指导思想。坚持：（1）统筹；（2）协调。", 3},
      {"1.加快审批。〔责任单位：市民政局〕2.补齐短板。", 2},
      {"1.加快审批。〔责任单位：市民政局〕3.补齐短板。", 1},
      {"第一章总则第一条为规范管理，制定本办法。第二条本办法适用于全市。", 3},
      // A paragraph ends after the responsibility note that closes it.
      {"1.加快审批。精简流程。（市民政局负责）建立台账。", 2},
      {"1.加快审批。精简流程。（市民政局负责）。建立台账。", 2},
      {"1.加快审批。由牵头单位（市民政局负责），会同有关部门办理。", 1},
      {"1.加快审批。派单至有关单位等（以下统称承办单位）答复诉求人。", 1},
  };
  for (const auto& c : cases) {
    const auto t = normalize::normalize(ingest::read_bytes("c.txt", c.line + "\n"), Rules());
    EXPECT_EQ(t.lines.size(), c.lines) << c.line << "\n" << ::testing::PrintToString(LinesOf(t));
  }
}

// Regression (fuzz_text, fuzz_outline, fuzz_segment and fuzz_pipeline, all
// the same read): a closing bracket at the very start of a line made the
// note test look before the line's first byte. Each line here must be read
// without touching memory outside it (ASan) and stay one line.
TEST(Flattened, NoteTestAtTheLineStartStaysInsideTheLine) {
  for (const std::string line : {"）", "〕2.补齐短板。", "。）1.加快审批。", "（）", "；〕"}) {
    const auto t = normalize::normalize(ingest::read_bytes("c.txt", line + "\n"), Rules());
    EXPECT_LE(t.lines.size(), 2u) << line;
  }
  normalize::InlineBreaks breaks(Rules());
  for (const std::string_view line : {"）", "〕2.补齐短板。", "。）"}) {
    for (size_t at : breaks.find(line)) {
      EXPECT_GT(at, 0u);
      EXPECT_LT(at, line.size());
    }
  }
}

// A PDF's lines are the producer's: they are never broken again.
TEST(Flattened, PdfLinesAreNotBroken) {
  ingest::RawDocument doc = ingest::read_bytes("c.txt", "一、总体要求。详见附件。二、保障措施。\n");
  doc.format = ingest::Format::kPdf;
  EXPECT_EQ(normalize::normalize(doc, Rules()).lines.size(), 1u);
}

// The scraped TXT notices beside the repository: every one whose text holds
// numbered items (a second part, section or article) outlines into tasks.
TEST(Flattened, SharedScrapedNoticesGetTasks) {
  std::vector<fs::path> files;
  for (const char* dir : {"dev2", "wide/txt"}) {
    const fs::path d = fs::path(POLICYDB_SOURCE_DIR) / ".." / "shared" / dir;
    if (!fs::is_directory(d)) continue;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  if (files.empty()) GTEST_SKIP() << "../shared/dev2 and ../shared/wide/txt not found";
  int checked = 0;
  for (const auto& f : files) {
    const auto doc = ingest::read_document(f.string());
    const auto t = normalize::normalize(doc, Rules());
    std::string all;
    for (const auto& p : doc.pages) all += p.text;
    // Numbered items, read off the raw text: a second part, section or article.
    const bool numbered = all.find("。二、") != std::string::npos || all.find("（二）") != std::string::npos ||
                          all.find("第二条") != std::string::npos;
    if (!numbered) continue;
    const auto o = outline::build(t, Rules());
    ++checked;
    EXPECT_FALSE(o.tasks.empty()) << f.filename();
  }
  EXPECT_GT(checked, 50);
}

// InlineBreaks asks for a heading only where the text starts with a character
// of table heading_first: every match of every heading rule in its own
// examples must start with one, or that rule would never be asked there.
TEST(Flattened, EveryHeadingStartsWithAListedCharacter) {
  const rules::RuleSet& rules = Rules();
  std::vector<std::string> first;
  for (const rules::Entry& e : rules.table("heading_first"))
    if (auto it = e.lists.find("chars"); it != e.lists.end()) first.insert(first.end(), it->second.begin(), it->second.end());
  ASSERT_FALSE(first.empty());
  size_t checked = 0;
  for (const rules::Rule* rule : rules.family("heading"))
    for (const rules::Example& ex : rule->examples)
      for (const rules::Match& m : rules.find_all_of(*rule, ex.text)) {
        size_t end = m.begin;
        text::decode(ex.text, end);
        const std::string head = ex.text.substr(m.begin, end - m.begin);
        EXPECT_NE(std::find(first.begin(), first.end(), head), first.end()) << rule->id << ": " << ex.text;
        ++checked;
      }
  EXPECT_GE(checked, 12u);
}

}  // namespace
}  // namespace policydb
