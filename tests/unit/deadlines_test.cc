// Deadlines: time expressions in small notices run through the pipeline,
// resolved against the notice's own date (gold/README.md §4). Also the
// rule files' examples, and the time-expression reader on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/notices.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

// `date_line` is the signing date printed at the end (the reference date).
std::vector<extract::Deadline> DeadlinesOf(const std::string& body,
                                           const std::string& date_line = "2024年3月15日") {
  return testing::process_notice("关于开展清洁生产工作的通知", body, "某省工业和信息化厅", date_line).records.deadlines;
}

struct Want {
  std::string as_written;
  std::string kind;
  std::string start_date;
  std::string end_date;
};

struct Case {
  const char* text;
  std::vector<Want> want;
  const char* date = "2024年3月15日";
};

TEST(Deadlines, ResolvedAgainstTheNoticeNeverTheClock) {
  const Case cases[] = {
      {"到2025年，全市单位地区生产总值能耗下降14%。", {{"到2025年", "by", "", "2025-12-31"}}},
      // pdftotext's spaces around digits are gone after normalisation.
      {"到 2025 年底，全省建成省级绿色园区50家以上。", {{"到2025年底", "by", "", "2025-12-31"}}},
      {"2030年前，新建居住建筑本体节能率达到75%。", {{"2030年前", "by", "", "2030-12-31"}}},
      {"各地市要于4月底前公布实施。", {{"于4月底前", "by", "", "2024-04-30"}}},
      {"各地市要于2月底前报送名单。", {{"于2月底前", "by", "", "2024-02-29"}}},
      {"各地市要于2月底前报送名单。", {{"于2月底前", "by", "", "2023-02-28"}}, "2023年1月5日"},
      {"请于6月中旬前报送。", {{"于6月中旬前", "by", "", "2024-06-20"}}},
      {"5月底完成摸底调查。", {{"5月底", "by", "", "2024-05-31"}}},
      {"并于 3 月 31 日前在平台报送。", {{"于3月31日前", "by", "", "2024-03-31"}}},
      {"各地市本年度应至少组织1场专题培训。", {{"本年度", "during", "2024-01-01", "2024-12-31"}}},
      {"“十四五”期间，推动一批企业开展清洁生产审核。",
       {{"“十四五”期间", "during", "2021-01-01", "2025-12-31"}}},
      {"“十四五”时期严格控制煤炭消费增长、“十五五”时期逐步减少。",
       {{"“十四五”时期", "during", "2021-01-01", "2025-12-31"},
        {"“十五五”时期", "during", "2026-01-01", "2030-12-31"}}},
      {"2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上。",
       {{"2025年", "by", "", "2025-12-31"}, {"2030年", "by", "", "2030-12-31"}}},
      {"从2025年1月1日起，全部执行特别排放限值。", {{"从2025年1月1日起", "by", "", "2025-01-01"}}},
      {"确保完成年度目标（责任部门：气候处，完成期限：2024年四季度）。",
       {{"2024年四季度", "by", "", "2024-12-31"}}},
      {"开展评估（完成期限：6 月底）。", {{"6月底", "by", "", "2024-06-30"}}},
      {"建立清单（完成时限：2025年6月）。", {{"2025年6月", "by", "", "2025-06-30"}}},
      {"加强督察（责任部门：督察办，完成期限：持续推进）。", {{"持续推进", "ongoing", "", ""}}},
      {"建立长效机制。（长期坚持）", {{"长期坚持", "ongoing", "", ""}}},
      {"每年4月底前报送上一年度情况。", {{"每年4月底前", "by", "", ""}}},
      {"于上半年完成摸底调查。", {{"于上半年", "during", "2024-01-01", "2024-06-30"}}},
      {"到2025年供暖季前完成改造。", {{"到2025年供暖季前", "by", "", ""}}},
  };
  for (const auto& c : cases) {
    auto got = DeadlinesOf(c.text, c.date);
    ASSERT_EQ(got.size(), c.want.size()) << c.text;
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE(c.text);
      EXPECT_EQ(got[i].as_written, c.want[i].as_written);
      EXPECT_EQ(std::string(policydb::extract::name(got[i].kind)), c.want[i].kind);
      EXPECT_EQ(got[i].start_date, c.want[i].start_date);
      EXPECT_EQ(got[i].end_date, c.want[i].end_date);
      EXPECT_NE(got[i].context.find(got[i].as_written), std::string::npos);
    }
  }
}

TEST(Deadlines, NotDeadlines) {
  const char* texts[] = {
      "持续推进化肥农药减量增效，推进餐饮节约常态化。",
      "“平台”统计截至2023年12月31日，统计内容为验收数量。",
      "“十二五”期间，我省清洁生产工作取得了快速发展。",
      "“十三五”以来，我市生态环境质量持续改善。",
      "现组织开展2024年度工业领域清洁生产工作。",
      "确保完成国家下达的2024年全省碳排放强度下降目标。",
      "对上一年度和本年度持续清洁生产开展情况进行跟踪评估。",
      "5-8月份为重点时段，每月开展水质监测。",
      "根据《关于印发方案的通知》（国发〔2021〕4号）执行。",
      "于2018年底全部完成整治。",  // before the notice's year: history
      "综合能耗的统计范围是统计对象在一年内实际消耗的电力。",
      "贯彻落实《2030年前碳达峰行动方案》要求。",
      "2024年是全面实施碳达峰战略的关键之年。",
  };
  for (const char* t : texts) {
    auto got = DeadlinesOf(t);
    EXPECT_TRUE(got.empty()) << t << " → " << (got.empty() ? "" : got[0].as_written);
  }
}

// A plan period in a heading's own text names a chapter, unless the heading
// is a run-in sentence (closed by 。) that states a task.
TEST(Deadlines, PeriodInAHeadingOnlyWhenTheHeadingIsASentence) {
  std::string body =
      "一、“十四五”时期面临的形势\n"
      "（一）“十四五”期间持续推进安全生产专项整治。（责任单位：市应急管理局）\n"
      "（二）“十四五”时期目标\n"
      "全市安全生产形势持续稳定好转。\n";
  auto got = DeadlinesOf(body, "2022年3月1日");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].as_written, "“十四五”期间");
  EXPECT_EQ(std::string(policydb::extract::name(got[0].kind)), "during");
  EXPECT_EQ(got[0].end_date, "2025-12-31");
}

TEST(Deadlines, TimeLimitColumnOfATable) {
  std::string body =
      "附件\n\n重点任务分工表\n\n"
      "序号\t重点任务\t责任单位\t完成时限\n"
      "1\t建立清洁生产审核企业名单\t市工业和信息化局\t2024年6月\n"
      "2\t加强宣传培训\t市生态环境局\t长期坚持\n";
  auto got = DeadlinesOf(body);
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const auto& d : got) kinds.emplace_back(policydb::extract::name(d.kind), d.end_date);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), std::make_pair(std::string("by"), std::string("2024-06-30"))),
            kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), std::make_pair(std::string("ongoing"), std::string())),
            kinds.end());
  EXPECT_EQ(got.size(), 2u);
}

TEST(Deadlines, RelativeWithoutReferenceStaysUnresolved) {
  // No date anywhere: 4月底前 cannot be dated, so it is not guessed.
  auto result = pipeline::process_bytes("u.txt", "关于开展工作的通知\n\n各地市要于4月底前公布实施。\n",
                                        Rules(), ingest::Limits{});
  ASSERT_EQ(result.status, ingest::Status::kOk) << result.message;
  for (const auto& d : result.records.deadlines) EXPECT_NE(d.as_written, "于4月底前");
}

TEST(Deadlines, TimexReadsLabelValues) {
  auto periods = extract::values::load_periods(Rules());
  extract::timex::Context ctx;
  ctx.reference_year = 2024;
  ctx.periods = &periods;
  struct {
    const char* value;
    bool ok;
    const char* kind;
    const char* end;
  } cases[] = {
      {"2021年6月", true, "by", "2021-06-30"},  {"6 月底", true, "by", "2024-06-30"},
      {"2022年一季度", true, "by", "2022-03-31"}, {"长期坚持", true, "ongoing", ""},
      {"2023 年", true, "by", "2023-12-31"},     {"根据省委、省政府工作安排", false, "", ""},
  };
  for (const auto& c : cases) {
    extract::timex::TimeExpr e;
    bool ok = extract::timex::read_value(c.value, Rules(), ctx, e);
    EXPECT_EQ(ok, c.ok) << c.value;
    if (!ok) continue;
    EXPECT_EQ(std::string(policydb::extract::name(e.kind)), c.kind) << c.value;
    EXPECT_EQ(e.end_date, c.end) << c.value;
  }
}

TEST(Deadlines, RuleFileExamplesHold) {
  for (const auto& failure : rules::check(Rules())) {
    if (failure.find("deadlines.toml") != std::string::npos ||
        failure.find("targets.toml") != std::string::npos ||
        failure.find("periods.toml") != std::string::npos)
      ADD_FAILURE() << failure;
  }
}

}  // namespace
}  // namespace policydb
