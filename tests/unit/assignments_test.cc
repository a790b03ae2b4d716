// Responsibility notes and the department gazetteer: every note form of
// gold/README.md §3, name splitting and prefix inheritance, canonical names
// per jurisdiction, standing rules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/departments.h"
#include "extract/extract.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::extract {
namespace {

using departments::Gazetteer;
using departments::ListRule;
using departments::NameContext;

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

Metadata Meta(std::string region, std::vector<std::string> issuers = {}) {
  Metadata m;
  m.region = std::move(region);
  m.issuers = std::move(issuers);
  return m;
}

// "as_written>canonical:role" for every name, in order.
std::vector<std::string> Read(const std::string& note, const Metadata& meta,
                              ListRule rule = ListRule::kNone) {
  Gazetteer gz(Rules(), meta);
  auto parsed = departments::parse_note(note, Rules(), gz, rule);
  std::vector<std::string> out;
  for (const auto& n : parsed.names)
    out.push_back(n.as_written + ">" + n.department.canonical + ":" + extract::name(n.role));
  return out;
}

TEST(AssignmentRules, ExamplesPass) {
  for (const auto& failure : rules::check(Rules())) {
    if (failure.find("notes.toml") != std::string::npos ||
        failure.find("departments/") != std::string::npos)
      ADD_FAILURE() << failure;
  }
}

struct NoteCase {
  const char* name;
  const char* region;
  const char* note;
  std::vector<std::string> want;
  ListRule rule = ListRule::kNone;
};

class NoteForms : public ::testing::TestWithParam<NoteCase> {};

TEST_P(NoteForms, Reads) {
  const auto& c = GetParam();
  EXPECT_EQ(Read(c.note, Meta(c.region), c.rule), c.want) << c.note;
}

const NoteCase kNotes[] = {
    {"lead_support_implement", "潮州市",
     "市工业和信息化局牵头，市发展改革局、生态环境局、市场监管局等配合，各县区、凤泉湖高新区负责落实，"
     "以下各项均需各县区、凤泉湖高新区落实，不再一一列出",
     {"市工业和信息化局>潮州市工业和信息化局:lead", "市发展改革局>潮州市发展和改革局:support",
      "生态环境局>潮州市生态环境局:support", "市场监管局>潮州市市场监督管理局:support",
      "各县区>各县区:implement", "凤泉湖高新区>凤泉湖高新区:implement"}},
    {"labels_semicolon", "广东省", "牵头单位：省经济和信息化委；配合单位：省环境保护厅，各级经济和信息化部门、环保部门",
     {"省经济和信息化委>广东省经济和信息化委员会:lead", "省环境保护厅>广东省环境保护厅:support",
      "各级经济和信息化部门>各级经济和信息化部门:support", "环保部门>各级环保部门:support"}},
    {"table_cell_labels", "深圳市", "牵头单位：市工业和信息化局 协办单位：各区政府（含新区、特别合作区，下同）",
     {"市工业和信息化局>深圳市工业和信息化局:lead", "各区政府>各区人民政府:support"}},
    {"half_width_labels", "深圳市", "牵头单位:市发展改革委 协办单位:市住房建设局、市住房城乡建设局",
     {"市发展改革委>深圳市发展和改革委员会:lead", "市住房建设局>深圳市住房和建设局:support"}},
    {"duty_split", "潮州市", "市发展改革局、工业和信息化局、生态环境局、住房城乡建设局等按职责分工负责",
     {"市发展改革局>潮州市发展和改革局:responsible", "工业和信息化局>潮州市工业和信息化局:responsible",
      "生态环境局>潮州市生态环境局:responsible", "住房城乡建设局>潮州市住房和城乡建设局:responsible"}},
    {"duty_split_with_lead", "潮州市", "市农业农村局牵头，市科技局、供销联社等按职责分工负责",
     {"市农业农村局>潮州市农业农村局:lead", "市科技局>潮州市科学技术局:support",
      "供销联社>潮州市供销合作联社:support"}},
    {"sole", "宿州市", "市农业农村局负责", {"市农业农村局>宿州市农业农村局:responsible"}},
    {"bare_list", "广东省", "各级经济和信息化部门、环保部门",
     {"各级经济和信息化部门>各级经济和信息化部门:responsible", "环保部门>各级环保部门:responsible"}},
    {"responsibility_label", "武汉市", "责任单位：市经信局、市发改委、市生态环境局，各区人民政府〈含开发区、风景区管委会，下同〉",
     {"市经信局>武汉市经济和信息化局:responsible", "市发改委>武汉市发展和改革委员会:responsible",
      "市生态环境局>武汉市生态环境局:responsible", "各区人民政府>各区人民政府:responsible"}},
    {"division_label_with_time_limit", "黑龙江省", "责任部门：气候处、环科院，完成期限：2023 年",
     {"气候处>黑龙江省气候处:responsible", "环科院>黑龙江省环科院:responsible"}},
    {"label_then_roles", "黑龙江省", "责任部门：监测处、省监测中心牵头，财审处、气候处配合；完成时限：2022 年四季度",
     {"监测处>黑龙江省监测处:lead", "省监测中心>黑龙江省监测中心:lead", "财审处>黑龙江省财审处:support",
      "气候处>黑龙江省气候处:support"}},
    {"cojoin", "潮州市", "市发展改革局会同市生态环境局负责",
     {"市发展改革局>潮州市发展和改革局:lead", "市生态环境局>潮州市生态环境局:support"}},
    {"guides", "广东省", "省住房城乡建设厅指导", {"省住房城乡建设厅>广东省住房和城乡建设厅:responsible"}},
    {"lead_and_responsible_word", "全国", "生态环境部牵头负责", {"生态环境部>生态环境部:lead"}},
    {"support_clause_across_comma", "潮州市", "市交通运输局牵头，市发展改革局、公安局，市邮政管理局等配合",
     {"市交通运输局>潮州市交通运输局:lead", "市发展改革局>潮州市发展和改革局:support",
      "公安局>潮州市公安局:support", "市邮政管理局>潮州市邮政管理局:support"}},
    {"cut_by_line_break", "潮州市", "市发展改革局、工业和信息化局等按职\n责分工负责",
     {"市发展改革局>潮州市发展和改革局:responsible", "工业和信息化局>潮州市工业和信息化局:responsible"}},
    {"bracketed_second_name", "广西壮族自治区", "自治区交通运输厅〔铁建办〕、发展改革委〔能源局〕、住房城乡建设厅，广西机场管理集团按职责分工负责",
     {"自治区交通运输厅〔铁建办〕>广西壮族自治区交通运输厅:responsible",
      "发展改革委〔能源局〕>广西壮族自治区发展和改革委员会:responsible",
      "住房城乡建设厅>广西壮族自治区住房和城乡建设厅:responsible",
      "广西机场管理集团>广西机场管理集团有限责任公司:responsible"}},
    {"first_listed_leads", "潮州市", "市发展改革局、市生态环境局、市财政局",
     {"市发展改革局>潮州市发展和改革局:lead", "市生态环境局>潮州市生态环境局:support",
      "市财政局>潮州市财政局:support"},
     ListRule::kFirstLead},
    {"comma_leads", "潮州市", "市发展改革局、市生态环境局，市财政局、市水务局",
     {"市发展改革局>潮州市发展和改革局:lead", "市生态环境局>潮州市生态环境局:lead",
      "市财政局>潮州市财政局:support", "市水务局>潮州市水务局:support"},
     ListRule::kCommaLead},
    {"bracketed_role_after_name", "长沙市", "市发展改革委（牵头）、市财政局、市住房城乡建设局",
     {"市发展改革委>长沙市发展和改革委员会:lead", "市财政局>长沙市财政局:support",
      "市住房城乡建设局>长沙市住房和城乡建设局:support"}},
    {"role_as_predicate", "长沙市", "市发展改革委为牵头单位，市财政局为配合单位",
     {"市发展改革委>长沙市发展和改革委员会:lead", "市财政局>长沙市财政局:support"}},
    {"lead_word_before_name", "长沙市", "由市生态环境局负责", {"市生态环境局>长沙市生态环境局:responsible"}},
    {"functions_split", "长沙市", "市生态环境局、市水务局按职能分工落实",
     {"市生态环境局>长沙市生态环境局:responsible", "市水务局>长沙市水务局:responsible"}},
    {"county_level_gloss_atom", "江苏省", "省生态环境厅牵头，各县（市、区）人民政府负责落实",
     {"省生态环境厅>江苏省生态环境厅:lead", "各县（市、区）人民政府>各县（市、区）人民政府:implement"}},
    {"conjunction_between_names", "长沙市", "市发展改革委、市财政局和市生态环境局、市人力资源和社会保障局按职责分工负责",
     {"市发展改革委>长沙市发展和改革委员会:responsible", "市财政局>长沙市财政局:responsible",
      "市生态环境局>长沙市生态环境局:responsible",
      "市人力资源和社会保障局>长沙市人力资源和社会保障局:responsible"}},
    {"repeated_name_once", "广东省", "配合单位：省环境保护厅，各级经济和信息化部门、环保部门、环保部门、有关行业协会",
     {"省环境保护厅>广东省环境保护厅:support", "各级经济和信息化部门>各级经济和信息化部门:support",
      "环保部门>各级环保部门:support", "有关行业协会>有关行业协会:support"}},
    // A level word + 有关/相关 is a collective, kept as written, not 市 + a name.
    {"level_and_determiner_collective", "广安市", "责任单位：市委宣传部、市级相关部门，县级有关单位",
     {"市委宣传部>中共广安市委宣传部:responsible", "市级相关部门>市级相关部门:responsible",
      "县级有关单位>县级有关单位:responsible"}},
};

INSTANTIATE_TEST_SUITE_P(All, NoteForms, ::testing::ValuesIn(kNotes),
                         [](const auto& info) { return std::string(info.param.name); });

struct NameCase {
  const char* region;
  std::vector<std::string> issuers;
  std::vector<std::string> written;  // resolved in order, sharing one context
  std::vector<std::string> want;     // canonical names
};

class Canonical : public ::testing::TestWithParam<NameCase> {};

TEST_P(Canonical, Resolves) {
  const auto& c = GetParam();
  Gazetteer gz(Rules(), Meta(c.region, c.issuers));
  NameContext ctx;
  std::vector<std::string> got;
  for (const auto& w : c.written) got.push_back(gz.resolve(w, ctx).canonical);
  EXPECT_EQ(got, c.want);
}

const NameCase kNames[] = {
    {"潮州市", {}, {"市发展改革局", "工业和信息化局"}, {"潮州市发展和改革局", "潮州市工业和信息化局"}},
    {"潮州市", {}, {"市委宣传部", "市税务局", "供销联社", "国资委", "城管执法局", "人民支行潮州中支"},
     {"中共潮州市委宣传部", "国家税务总局潮州市税务局", "潮州市供销合作联社",
      "潮州市人民政府国有资产监督管理委员会", "潮州市城市管理和综合执法局", "中国人民银行潮州市中心支行"}},
    {"深圳市", {}, {"市住房城乡建设局", "市住房建设局", "市科技创新局", "深圳市税务局", "深圳海关", "深汕特别合作区"},
     {"深圳市住房和建设局", "深圳市住房和建设局", "深圳市科技创新局", "国家税务总局深圳市税务局", "深圳海关",
      "深汕特别合作区"}},
    {"宿州市", {}, {"市住房城乡建设局", "市卫生健康委", "市人力资源社会保障局"},
     {"宿州市住房和城乡建设局", "宿州市卫生健康委员会", "宿州市人力资源和社会保障局"}},
    {"广东省", {}, {"省经济和信息化委", "环境保护厅", "各级农业", "商务"},
     {"广东省经济和信息化委员会", "广东省环境保护厅", "各级农业部门", "各级商务部门"}},
    {"广西壮族自治区", {}, {"自治区发展改革委", "国资委", "广西税务局", "广西邮政管理局", "广西银保监局"},
     {"广西壮族自治区发展和改革委员会", "广西壮族自治区人民政府国有资产监督管理委员会",
      "国家税务总局广西壮族自治区税务局", "广西壮族自治区邮政管理局", "中国银行保险监督管理委员会广西监管局"}},
    {"全国", {}, {"国家发展改革委", "住房城乡建设部", "市场监管总局", "人民银行", "各相关部门", "地方"},
     {"国家发展和改革委员会", "住房和城乡建设部", "国家市场监督管理总局", "中国人民银行", "各相关部门", "各地方"}},
    {"黑龙江省", {"黑龙江省生态环境厅办公室"}, {"气候处", "省监测中心", "环科院", "省综合执法局"},
     {"黑龙江省生态环境厅气候处", "黑龙江省生态环境监测中心", "黑龙江省环境科学研究院",
      "黑龙江省生态环境保护综合行政执法局"}},
    {"江西省", {}, {"省委宣传部", "省法院", "江西证监局", "南昌铁路局"},
     {"中共江西省委宣传部", "江西省高级人民法院", "中国证券监督管理委员会江西监管局", "中国铁路南昌局集团有限公司"}},
    {"武汉市", {}, {"武汉经开区管委会", "市供销社", "各区政府"},
     {"武汉经济技术开发区管理委员会", "武汉市供销合作总社", "各区人民政府"}},
    // Unknown names keep the usual expansions.
    {"乌海市", {}, {"市发展改革委", "市住房城乡建设局", "市某某服务中心"},
     {"乌海市发展和改革委员会", "乌海市住房和城乡建设局", "乌海市某某服务中心"}},
};

INSTANTIATE_TEST_SUITE_P(All, Canonical, ::testing::ValuesIn(kNames));

TEST(Canonical, KnownAndLevel) {
  Gazetteer gz(Rules(), Meta("潮州市"));
  NameContext ctx;
  Department d = gz.resolve("市发展改革局", ctx);
  EXPECT_TRUE(d.known);
  EXPECT_EQ(d.level, Level::kCity);
  EXPECT_EQ(d.region, "潮州市");
  Department u = gz.resolve("市某某服务中心", ctx);
  EXPECT_FALSE(u.known);
  EXPECT_EQ(gz.resolve("各县区", ctx).level, Level::kCollective);
  EXPECT_EQ(gz.resolve("凤泉湖高新区", ctx).level, Level::kZone);
}

// Levels read from name endings and beginnings (tables government,
// city_government, national_prefix, generic in rules/departments/structure.toml).
TEST(Canonical, LevelsByEnding) {
  Gazetteer gz(Rules(), Meta("武汉市"));
  NameContext ctx;
  EXPECT_EQ(gz.resolve("武昌区人民政府", ctx).level, Level::kCounty);
  EXPECT_EQ(gz.resolve("黄石市政府", ctx).level, Level::kCity);
  EXPECT_EQ(gz.resolve("国家某某局", ctx).level, Level::kNational);
  EXPECT_EQ(gz.resolve("中共某某委员会", ctx).level, Level::kNational);
  EXPECT_EQ(gz.government_ending("武昌区人民政府"), "人民政府");
  EXPECT_EQ(gz.government_ending("武昌区政府"), "政府");
  EXPECT_EQ(gz.government_ending("人民政府"), "政府");  // longer than 政府 only
  EXPECT_EQ(gz.government_ending("政府"), "");
  EXPECT_TRUE(gz.place_ending("武昌区"));
  EXPECT_FALSE(gz.place_ending("武昌"));
}

TEST(Names, DistrictsInheritGovernment) {
  auto got = Read("责任单位：市经信局、市发改委，武昌区、青山区人民政府", Meta("武汉市"));
  std::vector<std::string> want = {"市经信局>武汉市经济和信息化局:responsible",
                                   "市发改委>武汉市发展和改革委员会:responsible",
                                   "武昌区>武昌区人民政府:responsible",
                                   "青山区人民政府>青山区人民政府:responsible"};
  EXPECT_EQ(got, want);
}

// A body renamed or replaced keeps the name of the notice's day
// (departments/renamings.toml); a division that names its owner is not
// prefixed with the issuer again.
TEST(Names, FormerNamesByTheNoticesDate) {
  Metadata before = Meta("全国", {"国务院办公厅"});
  before.issue_date = "2018-11-07";
  EXPECT_EQ(Read("负责部门：海关总署、中国铁路总公司", before),
            (std::vector<std::string>{"海关总署>海关总署:responsible", "中国铁路总公司>中国铁路总公司:responsible"}));
  EXPECT_EQ(Read("财政部、国务院扶贫办负责", before),
            (std::vector<std::string>{"财政部>财政部:responsible",
                                      "国务院扶贫办>国务院扶贫开发领导小组办公室:responsible"}));
  EXPECT_EQ(Read("国务院研究室负责", before), (std::vector<std::string>{"国务院研究室>国务院研究室:responsible"}));
  Metadata after = Meta("全国", {"国务院办公厅"});
  after.issue_date = "2020-03-01";
  EXPECT_EQ(Read("负责部门：中国铁路总公司", after),
            (std::vector<std::string>{"中国铁路总公司>中国国家铁路集团有限公司:responsible"}));
}

TEST(Names, LevelListIsOneName) {
  auto got = Read("牵头单位：省经济和信息化委；配合单位：各市、县人民政府，省有关部门", Meta("广东省"));
  std::vector<std::string> want = {"省经济和信息化委>广东省经济和信息化委员会:lead",
                                   "各市、县人民政府>各市、县人民政府:support",
                                   "省有关部门>省有关部门:support"};
  EXPECT_EQ(got, want);
}

TEST(Names, OffsetsPointIntoTheNote) {
  Gazetteer gz(Rules(), Meta("潮州市"));
  std::string note = "市农业农村局牵头，市 科技局等配合";
  auto parsed = departments::parse_note(note, Rules(), gz);
  ASSERT_EQ(parsed.names.size(), 2u);
  EXPECT_EQ(note.substr(parsed.names[0].begin, parsed.names[0].end - parsed.names[0].begin), "市农业农村局");
  EXPECT_EQ(note.substr(parsed.names[1].begin, parsed.names[1].end - parsed.names[1].begin), "市 科技局");
}

// ---------------------------------------------------------------- whole pipeline stage

// A document built by hand: text, outline tasks over it.
struct Doc {
  normalize::NormalizedText text;
  outline::Outline outline;
  int add(const std::string& line, bool task = true) {
    size_t b = text.text.size();
    text.text += line;
    text.text += '\n';
    if (!task) return -1;
    outline::Task t;
    t.id = static_cast<int>(outline.tasks.size());
    t.begin = b;
    t.end = b + line.size();
    t.text = line;
    outline.tasks.push_back(t);
    return t.id;
  }
};

std::vector<std::string> Flat(const std::vector<Assignment>& as) {
  std::vector<std::string> out;
  for (const auto& a : as)
    out.push_back(std::to_string(a.task) + " " + a.department.canonical + ":" + name(a.role));
  return out;
}

TEST(Extract, StandingImplementAppliesToLaterTasks) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("1.加快构建绿色制造体系。（市工业和信息化局牵头，市发展改革局等配合，各县区、凤泉湖高新区负责落实，"
        "以下各项均需各县区、凤泉湖高新区落实，不再一一列出）");
  d.add("2.加强评价。（市发展改革局牵头，工业和信息化局等配合）");
  d.add("3.没有注释的任务。");
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("潮州市"), Rules()));
  std::vector<std::string> want = {
      "0 潮州市工业和信息化局:lead",  "0 潮州市发展和改革局:support", "0 各县区:implement",
      "0 凤泉湖高新区:implement",     "1 潮州市发展和改革局:lead",     "1 潮州市工业和信息化局:support",
      "1 各县区:implement",           "1 凤泉湖高新区:implement"};
  EXPECT_EQ(got, want);
}

// Bodies a standing instruction names carry out later tasks with the span
// where the instruction names them (provenance for `show --record`), never 0,0.
TEST(Extract, StandingBodiesKeepTheSpanOfTheInstruction) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("1.加快构建绿色制造体系。（市工业和信息化局牵头，各县区负责落实，"
        "以下各项均需各县区、凤泉湖高新区落实，不再一一列出）");
  d.add("2.加强评价。（市发展改革局牵头）");
  const std::string& t = d.text.text;
  const size_t instruction = t.find("以下各项");
  ASSERT_NE(instruction, std::string::npos);
  size_t inherited = 0;
  for (const auto& a : extract_assignments(d.text, d.outline, Meta("潮州市"), Rules())) {
    ASSERT_LT(a.begin, a.end) << a.as_written;
    EXPECT_EQ(t.substr(a.begin, a.end - a.begin), a.as_written);
    if (a.task == 1 && a.role == Role::kImplement) {
      ++inherited;
      EXPECT_GT(a.begin, instruction) << a.as_written;
    }
  }
  EXPECT_EQ(inherited, 2u);
}

TEST(Extract, HexagonBracketNoteWithStandingInstruction) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("（一）编制绿化规划。各市、县（市、区）人民政府要组织编制绿化规划。〔省林业局、省发展改革委等按职责分工负责，"
        "各市、县（市、区）人民政府负责落实。以下均需各市、县（市、区）人民政府落实，不再列出〕");
  d.add("（二）规范用地。〔省自然资源厅、省铁路办按职责分工负责〕");
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("江苏省"), Rules()));
  std::vector<std::string> want = {
      "0 江苏省林业局:responsible", "0 江苏省发展和改革委员会:responsible",
      "0 各市、县（市、区）人民政府:implement", "1 江苏省自然资源厅:responsible",
      "1 江苏省铁路办:responsible", "1 各市、县（市、区）人民政府:implement"};
  EXPECT_EQ(got, want);
}

TEST(Extract, FirstListedLeadsFromWhereItStands) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("1.任务一。（市发展改革局、市财政局）");
  d.add("各项任务责任单位中，排在第一位的为牵头单位，下同。", false);
  d.add("2.任务二。（市发展改革局、市财政局）");
  d.add("3.任务三。（市生态环境局，市水务局、市财政局，逗号前为牵头单位，其余按职责分工负责）");
  d.add("4.任务四。（市生态环境局，市水务局、市财政局）");
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("潮州市"), Rules()));
  std::vector<std::string> want = {"0 潮州市发展和改革局:responsible", "0 潮州市财政局:responsible",
                                   "1 潮州市发展和改革局:lead",        "1 潮州市财政局:support",
                                   "2 潮州市生态环境局:lead",          "2 潮州市水务局:support",
                                   "2 潮州市财政局:support",           "3 潮州市生态环境局:lead",
                                   "3 潮州市水务局:support",           "3 潮州市财政局:support"};
  EXPECT_EQ(got, want);
}

TEST(Extract, OnlyNotesCount) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("（十六）加强组织实施。市生态环境局、住房城乡建设局等部门按照职能分工抓好落实。"
        "推广低（无）挥发性有机物含量的油墨（以下简称“低VOCs”）。（市发展改革局负责）");
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("潮州市"), Rules()));
  std::vector<std::string> want = {"0 潮州市发展和改革局:responsible"};
  EXPECT_EQ(got, want);
}

TEST(Extract, SeveralNotesOneTaskAndOpenBracket) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("（一）加强目标考核。确保完成目标(责任部门：气候处，完成期限：2021 年四季度)。"
        "纳入督察(责任部门：督察办，完成期限：持续推进)。开展工作(责任部门：气候处，完成期限：持续推进)。");
  d.add("（二）推进市场化机制。强化绿色金融支持。（省发展改革委、金融局等按职责分工负责");
  auto got = Flat(extract_assignments(d.text, d.outline,
                                      Meta("黑龙江省", {"黑龙江省生态环境厅办公室"}), Rules()));
  std::vector<std::string> want = {"0 黑龙江省生态环境厅气候处:responsible",
                                   "0 黑龙江省生态环境厅督察办:responsible",
                                   "1 黑龙江省发展和改革委员会:responsible",
                                   "1 黑龙江省金融工作局:responsible"};
  EXPECT_EQ(got, want);
}

TEST(Extract, AllocationTableRow) {
  Doc d;
  d.outline.sections.push_back({});
  // A row without a responsibility cell gets nothing from its prose (gold 002, task 121).
  int id = d.add("121\t市发展改革委加强组织协调，会同有关部门推进。\t");
  d.outline.tasks[id].table = 0;
  int id2 = d.add("3\t创建示范企业。\t牵头单位：市工业和信息化局 协办单位：各区政府");
  d.outline.tasks[id2].table = 0;
  d.outline.tasks[id2].note = "牵头单位：市工业和信息化局 协办单位：各区政府";
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("深圳市"), Rules()));
  std::vector<std::string> want = {"1 深圳市工业和信息化局:lead", "1 各区人民政府:support"};
  EXPECT_EQ(got, want);
}

TEST(Extract, BracketedWordsAreNotNotes) {
  Doc d;
  d.outline.sections.push_back({});
  d.add("3.加快替代。支持工业炉窑、自备燃煤电厂（机组）及燃煤锅炉实施替代，印发《办法（试行）》。"
        "支持国家级开发区（高新区）创建示范区，推进货运枢纽（物流园区）建设。"
        "（市发展改革委、市生态环境局按职责分工负责）");
  auto got = Flat(extract_assignments(d.text, d.outline, Meta("宿州市"), Rules()));
  std::vector<std::string> want = {"0 宿州市发展和改革委员会:responsible", "0 宿州市生态环境局:responsible"};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace policydb::extract
