// Targets: small notices run through the whole pipeline, then the target
// records checked field by field (gold/README.md §2).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/target_reader.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/notices.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

// A dated heading gives the notice its reference year (2024).
std::vector<extract::Target> TargetsOf(const std::string& body) { return testing::targets_in_plan(body); }

struct Want {
  std::string indicator_part;  // the indicator contains this
  double value;
  std::string unit;
  std::string direction;
  std::string comparator;
  std::optional<int> target_year;
  std::optional<int> baseline_year;
  std::string scope;
  bool aspirational = false;
  std::optional<double> value_max = std::nullopt;
};

struct Case {
  const char* name;
  const char* text;
  std::vector<Want> want;
};

void Check(const Case& c) {
  auto got = TargetsOf(c.text);
  ASSERT_EQ(got.size(), c.want.size()) << c.name;
  for (size_t i = 0; i < got.size(); ++i) {
    const auto& g = got[i];
    const auto& w = c.want[i];
    SCOPED_TRACE(std::string(c.name) + " #" + std::to_string(i) + " " + g.indicator);
    EXPECT_NE(g.indicator.find(w.indicator_part), std::string::npos);
    ASSERT_TRUE(g.value.has_value());
    EXPECT_DOUBLE_EQ(*g.value, w.value);
    EXPECT_EQ(g.value_max, w.value_max);
    EXPECT_EQ(g.unit, w.unit);
    EXPECT_EQ(g.direction, w.direction);
    EXPECT_EQ(g.comparator, w.comparator);
    EXPECT_EQ(g.target_year, w.target_year);
    EXPECT_EQ(g.baseline_year, w.baseline_year);
    EXPECT_EQ(g.scope, w.scope);
    EXPECT_EQ(g.aspirational, w.aspirational);
  }
}

// Every mark the sentence reader reads by its role is in the rule files: a
// missing one would be an empty word, found everywhere.
TEST(Targets, EveryMarkHasAWord) {
  const auto m = extract::target_reading::Marks::read(Rules());
  for (const std::string* w : {&m.attributive, &m.list_separator, &m.title_open, &m.title_close, &m.quote_open,
                               &m.quote_close, &m.percent})
    EXPECT_FALSE(w->empty());
  EXPECT_EQ(m.attributive, "的");
  EXPECT_EQ(m.list_separator, "、");
  EXPECT_EQ(m.percent, "%");  // as the reader writes a unit: half-width
}

TEST(Targets, SharedValueGivesOneTargetPerIndicator) {
  Check({"均",
         "到2025年，全市单位地区生产总值能耗和规模以上工业单位增加值能耗均比2020年下降14%。",
         {{"单位地区生产总值能耗", 14, "%", "decrease", "=", 2025, 2020, "全市"},
          {"规模以上工业单位增加值能耗", 14, "%", "decrease", "=", 2025, 2020, "全市"}}});
}

// Nouns listed before one measure share it (rule shared-measure-head); a
// list whose items name their own measure keeps them.
TEST(Targets, ListedNounsShareTheMeasure) {
  Check({"均",
         "到2025年，化肥、农药利用率均达到43%。",
         {{"化肥利用率", 43, "%", "level", "=", 2025, std::nullopt, ""},
          {"农药利用率", 43, "%", "level", "=", 2025, std::nullopt, ""}}});
  Check({"分别",
         "到2025年，化学需氧量、氨氮排放总量比2020年分别下降8%、9%。",
         {{"化学需氧量排放总量", 8, "%", "decrease", "=", 2025, 2020, ""},
          {"氨氮排放总量", 9, "%", "decrease", "=", 2025, 2020, ""}}});
  Check({"own measures",
         "到2025年，秸秆综合利用率、农膜回收率分别达到90%、85%。",
         {{"秸秆综合利用率", 90, "%", "level", "=", 2025, std::nullopt, ""},
          {"农膜回收率", 85, "%", "level", "=", 2025, std::nullopt, ""}}});
}

TEST(Targets, PairedValuesFollowIndicatorsInOrder) {
  Check({"分别、",
         "到2025年，万元GDP用水量、万元工业增加值用水量较2020年分别下降14%、16.5%。",
         {{"万元GDP用水量", 14, "%", "decrease", "=", 2025, 2020, ""},
          {"万元工业增加值用水量", 16.5, "%", "decrease", "=", 2025, 2020, ""}}});
  Check({"分别和 with trailing 以上",
         "到2025年底，高速公路、普通国省干线公路废旧沥青路面材料循环利用率分别达到98%和95%以上。",
         {{"高速公路", 98, "%", "level", ">=", 2025, std::nullopt, ""},
          {"普通国省干线公路废旧沥青路面材料循环利用率", 95, "%", "level", ">=", 2025, std::nullopt, ""}}});
  Check({"years pair with values",
         "2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上。",
         {{"短流程炼钢占比", 15, "%", "level", ">=", 2025, std::nullopt, "全国"},
          {"短流程炼钢占比", 20, "%", "level", ">=", 2030, std::nullopt, "全国"}}});
}

// Shares listed before what they are shares of (issue 18 §3): one target
// per share, its scope the words after its 的; the last item's words open
// with its scope (县级, of the kind of 市级) or end it at the verb.
TEST(Targets, SharesListedBeforeTheirScopes) {
  Check({"same-kind scopes share a head",
         "到2025年，95%的省级、90%的市级和70%的县级机关达到节约型机关创建要求。",
         {{"机关达到节约型机关", 95, "%", "level", "=", 2025, std::nullopt, "省级"},
          {"机关达到节约型机关", 90, "%", "level", "=", 2025, std::nullopt, "市级"},
          {"机关达到节约型机关", 70, "%", "level", "=", 2025, std::nullopt, "县级"}}});
  Check({"noun scopes",
         "到2025年，90%以上的城镇社区和60%以上的农村社区纳入居家社区养老服务网络。",
         {{"纳入居家社区养老服务网络", 90, "%", "level", ">=", 2025, std::nullopt, "城镇社区"},
          {"纳入居家社区养老服务网络", 60, "%", "level", ">=", 2025, std::nullopt, "农村社区"}}});
  Check({"last scope ends at the verb",
         "到2025年，20%的二级以上公立医院和20%的社会办非营利性医院完成章程制定工作。",
         {{"章程制定工作", 20, "%", "level", "=", 2025, std::nullopt, "二级以上公立医院"},
          {"章程制定工作", 20, "%", "level", "=", 2025, std::nullopt, "社会办非营利性医院"}}});
}

// A list of places at the head of a target is its scope (rule part place).
TEST(Targets, ListOfPlacesIsTheScope) {
  Check({"places with a note",
         "到2025年，城区（含县城）、中心场镇独立成建制的公办幼儿园学位供给达到80%以上。",
         {{"独立成建制的公办幼儿园学位供给", 80, "%", "level", ">=", 2025, std::nullopt, "城区（含县城）、中心场镇"}}});
  Check({"one place is no list",
         "到2025年，城区独立成建制的公办幼儿园学位供给达到80%以上。",
         {{"城区独立成建制的公办幼儿园学位供给", 80, "%", "level", ">=", 2025, std::nullopt, ""}}});
}

// A name never holds a measured value of its own: a value in brackets
// after another (20%以上（2025年到10%）) does not take the first as its name.
TEST(Targets, NameHoldsNoValue) {
  auto got = TargetsOf("到2026年，星级绿色建筑面积占比达到20%以上（2025年到10%）。");
  for (const auto& t : got) EXPECT_EQ(t.indicator.find("%"), std::string::npos) << t.indicator;
}

// A name does not open with a conjunction left after a coordinated verb,
// nor with the verb of works it joins (改造, 修复): the works' object is.
TEST(Targets, NameOpensWithNoConjunction) {
  Check({"新建或改造",
         "到2025年，新建或改造城镇污水处理厂17座。",
         {{"城镇污水处理厂", 17, "座", "level", "=", 2025, std::nullopt, ""}}});
  auto works = TargetsOf("到2025年，新建改造修复城区污水管网79公里。");
  ASSERT_EQ(works.size(), 1u);
  EXPECT_EQ(works[0].indicator, "城区污水管网");
  works = TargetsOf("到2025年，改造后氮氧化物浓度不高于50毫克/立方米。");
  ASSERT_EQ(works.size(), 1u);
  EXPECT_EQ(works[0].indicator, "改造后氮氧化物浓度");
  auto got = TargetsOf("到2025年，新增和更新公交车中新能源车辆占比达到100%。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].indicator.rfind("和", 0), std::string::npos) << got[0].indicator;
}

// 近 inside a name (近郊, 近自然) is no hedge and stays in the name.
TEST(Targets, NearInsideNameIsKept) {
  auto got = TargetsOf("到2025年，城市近郊农村生活污水治理率达到55%。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].indicator.find("近郊"), std::string::npos) << got[0].indicator;
}

// Verbs of keeping and building at a name's edges are not the measured
// thing: 稳定控制在, 保持…达到, 建立完善 before the counted noun.
TEST(Targets, KeepAndBuildVerbsLeaveTheName) {
  auto got = TargetsOf("到2025年，森林火灾受害率稳定控制在0.9‰以下。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].indicator, "森林火灾受害率");
  got = TargetsOf("到2025年，保持全市废弃放射源安全收贮率达到100%。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].indicator.find("保持"), std::string::npos) << got[0].indicator;
  got = TargetsOf("到2025年，建立完善24个省级草原固定监测点。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].indicator.find("完善"), std::string::npos) << got[0].indicator;
}

// An indicator table's row gives no target from its number cell or from
// an attribute standing where the name should be (cells shifted).
TEST(Targets, TableRowNumberAndAttributeAreNoTarget) {
  auto got = TargetsOf("表1 主要目标指标\n序号\t指标名称\t2025年\t属性\n1\t森林覆盖率（%）\t45\t约束性\n"
                       "2\t预期性\t18\t\n3\t预期寿命（岁）\t79\t预期性\n");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].indicator, "森林覆盖率");
  EXPECT_EQ(got[1].indicator, "预期寿命");
}

TEST(Targets, ListUnderOneVerbSharesVerbScopeAndHedge) {
  Check({"list after 力争",
         "“十四五”期间，全省开展清洁生产审核企业超过10000家次，力争实现节能量400万吨标准煤，"
         "节水2亿吨，减少二氧化碳排放1000万吨，削减COD产生量10万吨、氨氮产生量0.6万吨。",
         {{"开展清洁生产审核企业", 10000, "家次", "level", ">", 2025, std::nullopt, "全省"},
          {"节能量", 400, "万吨标准煤", "level", "=", 2025, std::nullopt, "", true},
          {"节水", 2, "亿吨", "level", "=", 2025, std::nullopt, "", true},
          {"二氧化碳排放", 1000, "万吨", "decrease", "=", 2025, std::nullopt, "", true},
          {"COD产生量", 10, "万吨", "decrease", "=", 2025, std::nullopt, "", true},
          {"氨氮产生量", 0.6, "万吨", "decrease", "=", 2025, std::nullopt, "", true}}});
  Check({"建成A、B",
         "到2025年底，全省建成省级绿色园区50家以上、绿色工厂200家以上。",
         {{"省级绿色园区", 50, "家", "level", ">=", 2025, std::nullopt, "全省"},
          {"绿色工厂", 200, "家", "level", ">=", 2025, std::nullopt, "全省"}}});
}

TEST(Targets, HedgeStopsAtANewSubject) {
  Check({"力争 across a comma",
         "到2025年，力争全市万元工业增加值用水量较2020年下降10%以上，规模以上工业用水重复利用率达到85%以上。",
         {{"万元工业增加值用水量", 10, "%", "decrease", ">=", 2025, 2020, "全市", true},
          {"规模以上工业用水重复利用率", 85, "%", "level", ">=", 2025, std::nullopt, "", false}}});
}

TEST(Targets, HedgeInALeadInGovernsTheNextSubject) {
  Check({"力争到2025年，",
         "力争到2025年，5A级物流企业增至20家。",
         {{"5A级物流企业", 20, "家", "level", "=", 2025, std::nullopt, "", true}}});
}

TEST(Targets, VerbsCountsUnitsAndNumerals) {
  Check({"新增 … 亩", "到2025年，新增高效节水灌溉面积4400亩。",
         {{"高效节水灌溉面积", 4400, "亩", "increase", "=", 2025, std::nullopt, ""}}});
  Check({"新增 … 达到 万亩", "到2025年，新增节水灌溉面积达到9万亩。",
         {{"节水灌溉面积", 9, "万亩", "increase", "=", 2025, std::nullopt, ""}}});
  Check({"count after the value", "持续推进多式联运发展，创建30个省级多式联运示范工程。",
         {{"省级多式联运示范工程", 30, "个", "level", "=", std::nullopt, std::nullopt, ""}}});
  Check({"个百分点 and 年均", "到2025年底，力争城市生活污水集中收集率年均提高4个百分点。",
         {{"城市生活污水集中收集率", 4, "个百分点", "increase", "=", 2025, std::nullopt, "", true}}});
  Check({"range", "到2025年底，培育3-5家网络货运龙头企业。",
         {{"网络货运龙头企业", 3, "家", "level", "=", 2025, std::nullopt, "", false, 5.0}}});
  Check({"余", "重点建设井开区支线、赣州南支线等30余条省级管道和互联互通工程。",
         {{"省级管道和互联互通工程", 30, "条", "level", ">", std::nullopt, std::nullopt, ""}}});
  Check({"百分之", "到2025年，城镇生活垃圾分类覆盖率达到百分之九十五以上。",
         {{"城镇生活垃圾分类覆盖率", 95, "%", "level", ">=", 2025, std::nullopt, ""}}});
  Check({"unitless after a comparison", "新建大型数据中心运行能源利用效率（PUE值）不高于1.3。",
         {{"PUE", 1.3, "", "level", "<=", std::nullopt, std::nullopt, ""}}});
  Check({"至少 一 场 and 本年度", "各地市本年度应至少组织1场专题培训。",
         {{"专题培训", 1, "场", "level", ">=", 2024, std::nullopt, "各地市"}}});
  Check({"share of", "到2025年，80%以上的园区实施循环化改造。",
         {{"园区实施循环化改造", 80, "%", "level", ">=", 2025, std::nullopt, ""}}});
  Check({"左右", "到2030年，新能源汽车新车销售量达到汽车新车销售量的50%左右。",
         {{"汽车新车销售量", 50, "%", "level", "~", 2030, std::nullopt, ""}}});
  Check({"以内", "到2025年，煤炭消费总量控制在500万吨以内。",
         {{"煤炭消费总量", 500, "万吨", "level", "<=", 2025, std::nullopt, ""}}});
}

TEST(Targets, YearFromALaterNoteOrTheClause) {
  Check({"year in the item",
         "城区公交新增及更新车辆中新能源车辆占比2025年底达到50%以上，2027年底达到60%以上。",
         {{"新能源车辆占", 50, "%", "level", ">=", 2025, std::nullopt, ""},
          {"新能源车辆占", 60, "%", "level", ">=", 2027, std::nullopt, ""}}});
  Check({"year from the note",
         "哈尔滨、绥化等重点城市完成削减替代燃煤140万吨（责任部门：大气环境处，完成期限：2024年四季度）。",
         {{"燃煤", 140, "万吨", "decrease", "=", 2024, std::nullopt, "哈尔滨、绥化等重点城市"}}});
}

// In a notice dated 2024 the 十三五 is history: its numbers are statistics.
TEST(Targets, PastPeriodGivesNoTargets) {
  EXPECT_TRUE(TargetsOf("“十三五”期间，全省开展清洁生产审核企业超过10000家次。").empty());
}

TEST(Targets, NotTargets) {
  const char* texts[] = {
      "对符合条件的企业减按15%的税率征收企业所得税。",
      "“十二五”期间，我省清洁生产工作取得了快速发展，共6979家次企业完成清洁生产审核工作。",
      "联系人：张诚，电话：020-83133243。",
      "根据《广东省实施方案》（粤府〔2021〕182号），现将有关事项通知如下。",
      "不再受理县级及以上城市建成区新建35蒸吨以下燃煤锅炉项目环评。",
      "分类处置产能60万吨/年煤矿，淘汰65蒸吨以下燃煤锅炉。",
      "2020年底，全国森林覆盖率达到23.04%。",
      "到2025年，实现5G网络全覆盖，达到国六排放标准。",
      "电商快件基本实现不再二次包装，推进“一村一点”建设。",
      "单位地区生产总值二氧化碳排放下降完成自治区下达考核目标。",
  };
  for (const char* t : texts) {
    auto got = TargetsOf(t);
    EXPECT_TRUE(got.empty()) << t << " → " << (got.empty() ? "" : got[0].indicator);
  }
}

TEST(Targets, PerRegionTableGivesOneTargetPerRow) {
  std::string body =
      "附件2\n\n## 2024年各地市清洁生产审核预期目标\n\n"
      "序号\t地市\t完成企业清洁生产审核数（家）\n"
      "1\t广州\t150\n"
      "2\t深圳\t80\n"
      "合计\t\t230\n";
  auto got = TargetsOf(body);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].scope, "广州");
  EXPECT_EQ(got[0].indicator, "完成企业清洁生产审核数");
  EXPECT_EQ(got[0].unit, "家");
  EXPECT_DOUBLE_EQ(*got[0].value, 150);
  EXPECT_EQ(got[0].target_year, 2024);
  EXPECT_EQ(got[1].scope, "深圳");
  EXPECT_DOUBLE_EQ(*got[1].value, 80);
}

TEST(Targets, IndicatorTableGivesOneTargetPerRowAndTargetYear) {
  // Rows arrive as cells (PDF, HTML, DOCX, '\t'): a year column before the
  // notice (2020 in a 2024 notice) is where the indicator stands, not a goal.
  std::string body =
      "附表\n\n## 主要指标\n\n"
      "序号\t指标名称\t单位\t2020年\t2025年\t2027年\t属性\n"
      "1\t森林覆盖率\t%\t62.1\t≥63\t65以上\t约束性\n"
      "2\t返乡下乡创业人数（人）\t\t3000\t3600\t\t预期性\n"
      "3\t合计\t\t\t10\t\t\n";
  auto got = TargetsOf(body);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].indicator, "森林覆盖率");
  EXPECT_DOUBLE_EQ(*got[0].value, 63);
  EXPECT_EQ(got[0].comparator, ">=");
  EXPECT_EQ(got[0].unit, "%");
  EXPECT_EQ(got[0].target_year, 2025);
  EXPECT_EQ(got[0].attribute, "约束性");
  EXPECT_DOUBLE_EQ(*got[1].value, 65);
  EXPECT_EQ(got[1].target_year, 2027);
  EXPECT_EQ(got[2].indicator, "返乡下乡创业人数");
  EXPECT_EQ(got[2].unit, "人");
  EXPECT_DOUBLE_EQ(*got[2].value, 3600);
  EXPECT_EQ(got[2].attribute, "预期性");
}

TEST(Targets, ValuesBeforeTheirNounsPairInOrder) {
  // Each noun after a count is that count's (issue 18 §3: no shift by one).
  auto got = TargetsOf("到2025年，各区分别建成1个试点园区、3个试点机关、5个试点社区。");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].indicator, "试点园区");
  EXPECT_EQ(got[1].indicator, "试点机关");
  EXPECT_EQ(got[2].indicator, "试点社区");
  EXPECT_EQ(got[2].scope, "各区");
}

}  // namespace
}  // namespace policydb
