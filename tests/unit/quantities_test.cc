// Quantities (issue 18): one row per sentence, written from the grammar of
// written numbers and units — every numeral form (Arabic, thousands
// separators, full-width, letter-spaced, Chinese with 十百千万, 点, 两, 百分之,
// N分之M) with counted and measured units (个, 万吨, 亿元/平方公里, 个百分点,
// 倍, 成), comparator suffixes and prefixes, ranges, direction verbs,
// hedges and lists — and the counterexamples that are no target at all
// (rules, caps, subsidies, thresholds, past statistics, dates, numbers in
// names). Each sentence runs through the whole pipeline in a 2024 notice.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "pipeline/pipeline.h"
#include "support/notices.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

struct Want {
  double value;
  std::optional<double> value_max;
  std::string unit, direction, comparator;
};

struct Row {
  const char* sentence;
  std::vector<Want> want;  // empty: no target
};

const Row kRows[] = {
    {"到2026年，全市新建14个充电站。", {{14, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建16.5个充电站。", {{16.5, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建0.579个充电站。", {{0.579, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建34,567个充电站。", {{34567, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建1,234,567个充电站。", {{1234567, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建１４个充电站。", {{14, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建十个充电站。", {{10, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建十五个充电站。", {{15, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建二十个充电站。", {{20, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建九十九个充电站。", {{99, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建一百零五个充电站。", {{105, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建两百个充电站。", {{200, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建三千个充电站。", {{3000, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建一千二百个充电站。", {{1200, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建三万四千五百六十七个充电站。", {{34567, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建十五点七个充电站。", {{15.7, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建零点五个充电站。", {{0.5, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建两个充电站。", {{2, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建五个充电站。", {{5, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建2025个充电站。", {{2025, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建100个充电站。", {{100, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建7个充电站。", {{7, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建85个充电站。", {{85, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建一万零五百个充电站。", {{10500, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新建二〇个充电站。", {{20, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市粮食产量稳定在14万吨。", {{14, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在16.5万吨。", {{16.5, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在0.579万吨。", {{0.579, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在34,567万吨。", {{34567, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在1,234,567万吨。", {{1234567, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在１４万吨。", {{14, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在十万吨。", {{10, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在十五万吨。", {{15, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在二十万吨。", {{20, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在九十九万吨。", {{99, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在一百零五万吨。", {{105, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在两百万吨。", {{200, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在三千万吨。", {{3000, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在一千二百万吨。", {{1200, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在三万四千五百六十七万吨。", {{34567, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在十五点七万吨。", {{15.7, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在零点五万吨。", {{0.5, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在两万吨。", {{2, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在五万吨。", {{5, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在2025万吨。", {{2025, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在100万吨。", {{100, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在7万吨。", {{7, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在85万吨。", {{85, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在一万零五百万吨。", {{10500, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市粮食产量稳定在二〇万吨。", {{20, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，单位地区生产总值能耗比2023年下降14%。", {{14, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，单位地区生产总值能耗比2023年下降16.5%。", {{16.5, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，单位地区生产总值能耗比2023年下降1 4%。", {{14, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，单位地区生产总值能耗比2023年下降１４%。", {{14, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，单位地区生产总值能耗比2023年下降十五点七%。", {{15.7, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，全市绿色建筑占比达到百分之十五。", {{15, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到百分之十二点五。", {{12.5, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到百分之九十五。", {{95, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到百分之5。", {{5, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到五分之一。", {{20, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到四分之一。", {{25, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市绿色建筑占比达到十分之三。", {{30, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市该项指标达到12个百分点。", {{12, std::nullopt, "个百分点", "level", "="}}},
    {"到2026年，全市该项指标达到12万亩。", {{12, std::nullopt, "万亩", "level", "="}}},
    {"到2026年，全市该项指标达到12万吨标准煤。", {{12, std::nullopt, "万吨标准煤", "level", "="}}},
    {"到2026年，全市该项指标达到12亿元/平方公里。", {{12, std::nullopt, "亿元/平方公里", "level", "="}}},
    {"到2026年，全市该项指标达到12万片/月。", {{12, std::nullopt, "万片/月", "level", "="}}},
    {"到2026年，全市该项指标达到12吨/天。", {{12, std::nullopt, "吨/天", "level", "="}}},
    {"到2026年，全市该项指标达到12吨／日。", {{12, std::nullopt, "吨/日", "level", "="}}},
    {"到2026年，全市该项指标达到12个工作日。", {{12, std::nullopt, "个工作日", "level", "="}}},
    {"到2026年，全市该项指标达到12倍。", {{12, std::nullopt, "倍", "level", "="}}},
    {"到2026年，全市该项指标达到12成。", {{12, std::nullopt, "成", "level", "="}}},
    {"到2026年，全市该项指标达到12万人。", {{12, std::nullopt, "万人", "level", "="}}},
    {"到2026年，全市该项指标达到12亿元。", {{12, std::nullopt, "亿元", "level", "="}}},
    {"到2026年，全市该项指标达到12万亿元。", {{12, std::nullopt, "万亿元", "level", "="}}},
    {"到2026年，全市该项指标达到12所。", {{12, std::nullopt, "所", "level", "="}}},
    {"到2026年，全市该项指标达到12名。", {{12, std::nullopt, "名", "level", "="}}},
    {"到2026年，全市该项指标达到12节次。", {{12, std::nullopt, "节次", "level", "="}}},
    {"到2026年，全市该项指标达到12公里。", {{12, std::nullopt, "公里", "level", "="}}},
    {"到2026年，全市该项指标达到12家次。", {{12, std::nullopt, "家次", "level", "="}}},
    {"到2026年，全市该项指标达到12千瓦时。", {{12, std::nullopt, "千瓦时", "level", "="}}},
    {"到2026年，全市该项指标达到12万千瓦。", {{12, std::nullopt, "万千瓦", "level", "="}}},
    {"到2026年，全市该项指标达到12平方米。", {{12, std::nullopt, "平方米", "level", "="}}},
    {"到2026年，全市该项指标达到12‰。", {{12, std::nullopt, "‰", "level", "="}}},
    {"到2026年，全市该项指标达到12％。", {{12, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市该项指标达到12蒸吨。", {{12, std::nullopt, "蒸吨", "level", "="}}},
    {"到2026年，全市该项指标达到三个百分点。", {{3, std::nullopt, "个百分点", "level", "="}}},
    {"到2026年，全市该项指标达到三万亩。", {{3, std::nullopt, "万亩", "level", "="}}},
    {"到2026年，全市该项指标达到三万吨标准煤。", {{3, std::nullopt, "万吨标准煤", "level", "="}}},
    {"到2026年，全市该项指标达到三亿元/平方公里。", {{3, std::nullopt, "亿元/平方公里", "level", "="}}},
    {"到2026年，全市该项指标达到三万片/月。", {{3, std::nullopt, "万片/月", "level", "="}}},
    {"到2026年，全市该项指标达到三吨/天。", {{3, std::nullopt, "吨/天", "level", "="}}},
    {"到2026年，全市该项指标达到三吨／日。", {{3, std::nullopt, "吨/日", "level", "="}}},
    {"到2026年，全市该项指标达到三个工作日。", {{3, std::nullopt, "个工作日", "level", "="}}},
    {"到2026年，全市该项指标达到三倍。", {{3, std::nullopt, "倍", "level", "="}}},
    {"到2026年，全市该项指标达到三成。", {{3, std::nullopt, "成", "level", "="}}},
    {"到2026年，全市该项指标达到三万人。", {{3, std::nullopt, "万人", "level", "="}}},
    {"到2026年，全市该项指标达到三亿元。", {{3, std::nullopt, "亿元", "level", "="}}},
    {"到2026年，全市污水处理率达到95%以上。", {{95, std::nullopt, "%", "level", ">="}}},
    {"到2026年，全市新建充电桩200个以上。", {{200, std::nullopt, "个", "level", ">="}}},
    {"到2026年，全市污水处理率达到95%及以上。", {{95, std::nullopt, "%", "level", ">="}}},
    {"到2026年，全市新建充电桩200个及以上。", {{200, std::nullopt, "个", "level", ">="}}},
    {"到2026年，全市污水处理率达到95%以下。", {{95, std::nullopt, "%", "level", "<="}}},
    {"到2026年，全市新建充电桩200个以下。", {{200, std::nullopt, "个", "level", "<="}}},
    {"到2026年，全市污水处理率达到95%以内。", {{95, std::nullopt, "%", "level", "<="}}},
    {"到2026年，全市新建充电桩200个以内。", {{200, std::nullopt, "个", "level", "<="}}},
    {"到2026年，全市污水处理率达到95%左右。", {{95, std::nullopt, "%", "level", "~"}}},
    {"到2026年，全市新建充电桩200个左右。", {{200, std::nullopt, "个", "level", "~"}}},
    {"到2026年，全市污水处理率达到95%上下。", {{95, std::nullopt, "%", "level", "~"}}},
    {"到2026年，全市新建充电桩200个上下。", {{200, std::nullopt, "个", "level", "~"}}},
    {"到2026年，全市污水处理率不低于95%。", {{95, std::nullopt, "%", "level", ">="}}},
    {"到2026年，全市每年组织培训不低于20场。", {{20, std::nullopt, "场", "level", ">="}}},
    {"到2026年，全市污水处理率不少于95%。", {{95, std::nullopt, "%", "level", ">="}}},
    {"到2026年，全市每年组织培训不少于20场。", {{20, std::nullopt, "场", "level", ">="}}},
    {"到2026年，全市污水处理率至少95%。", {{95, std::nullopt, "%", "level", ">="}}},
    {"到2026年，全市每年组织培训至少20场。", {{20, std::nullopt, "场", "level", ">="}}},
    {"到2026年，全市污水处理率超过95%。", {{95, std::nullopt, "%", "level", ">"}}},
    {"到2026年，全市每年组织培训超过20场。", {{20, std::nullopt, "场", "level", ">"}}},
    {"到2026年，全市污水处理率高于95%。", {{95, std::nullopt, "%", "level", ">"}}},
    {"到2026年，全市每年组织培训高于20场。", {{20, std::nullopt, "场", "level", ">"}}},
    {"到2026年，全市污水处理率不超过95%。", {{95, std::nullopt, "%", "level", "<="}}},
    {"到2026年，全市每年组织培训不超过20场。", {{20, std::nullopt, "场", "level", "<="}}},
    {"到2026年，全市污水处理率不高于95%。", {{95, std::nullopt, "%", "level", "<="}}},
    {"到2026年，全市每年组织培训不高于20场。", {{20, std::nullopt, "场", "level", "<="}}},
    {"到2026年，全市污水处理率低于95%。", {{95, std::nullopt, "%", "level", "<"}}},
    {"到2026年，全市每年组织培训低于20场。", {{20, std::nullopt, "场", "level", "<"}}},
    {"到2026年，全市污水处理率约95%。", {{95, std::nullopt, "%", "level", "~"}}},
    {"到2026年，全市每年组织培训约20场。", {{20, std::nullopt, "场", "level", "~"}}},
    {"到2026年，全市新建省级管道30余条。", {{30, std::nullopt, "条", "level", ">"}}},
    {"到2026年，全市新建省级管道30多条。", {{30, std::nullopt, "条", "level", ">"}}},
    {"到2026年，全市培育3-5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育3～5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育3~5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育3至5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育3到5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育3—5家龙头企业。", {{3, std::optional<double>(5), "家", "level", "="}}},
    {"到2026年，全市培育两到三家龙头企业。", {{2, std::optional<double>(3), "家", "level", "="}}},
    {"到2026年，全市培育十至十五家龙头企业。", {{10, std::optional<double>(15), "家", "level", "="}}},
    {"到2026年，单位产值能耗比2023年下降10%～15%。", {{10, std::optional<double>(15), "%", "decrease", "="}}},
    {"到2026年，单位产值能耗比2023年下降10%-15%。", {{10, std::optional<double>(15), "%", "decrease", "="}}},
    {"到2026年，单位产值能耗比2023年下降10～15%。", {{10, std::optional<double>(15), "%", "decrease", "="}}},
    {"到2026年，单位产值能耗比2023年下降10-15%。", {{10, std::optional<double>(15), "%", "decrease", "="}}},
    {"到2026年，全市新增两到三万个就业岗位。", {{2, std::optional<double>(3), "万个", "increase", "="}}},
    {"每学年安排1—2次研学实践教育活动。", {{1, std::optional<double>(2), "次", "level", "="}}},
    {"到2026年，全市该项指标下降30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标降低30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标减少30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标削减30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标压减30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标淘汰30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标关停30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标退出30万吨。", {{30, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，全市该项指标提高30万吨。", {{30, std::nullopt, "万吨", "increase", "="}}},
    {"到2026年，全市该项指标提升30万吨。", {{30, std::nullopt, "万吨", "increase", "="}}},
    {"到2026年，全市该项指标增长30万吨。", {{30, std::nullopt, "万吨", "increase", "="}}},
    {"到2026年，全市该项指标增加30万吨。", {{30, std::nullopt, "万吨", "increase", "="}}},
    {"到2026年，全市该项指标新增30万吨。", {{30, std::nullopt, "万吨", "increase", "="}}},
    {"到2026年，全市该项指标达到30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标稳定在30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标保持在30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标控制在30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标提高到30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标降至30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标增至30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，全市该项指标压缩至30万吨。", {{30, std::nullopt, "万吨", "level", "="}}},
    {"到2026年，力争全市森林覆盖率达到63%。", {{63, std::nullopt, "%", "level", "="}}},
    {"到2026年，争取全市森林覆盖率达到63%。", {{63, std::nullopt, "%", "level", "="}}},
    {"到2026年，努力全市森林覆盖率达到63%。", {{63, std::nullopt, "%", "level", "="}}},
    {"到2026年，万元GDP用水量、万元工业增加值用水量较2023年分别下降14%、16.5%。", {{14, std::nullopt, "%", "decrease", "="}, {16.5, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，单位地区生产总值能耗和碳排放均比2023年下降14%。", {{14, std::nullopt, "%", "decrease", "="}, {14, std::nullopt, "%", "decrease", "="}}},
    {"到2026年，国家级、省级专精特新中小企业分别达到10家、40家。", {{10, std::nullopt, "家", "level", "="}, {40, std::nullopt, "家", "level", "="}}},
    {"到2026年，全市新建绿色工厂20家、绿色园区5个。", {{20, std::nullopt, "家", "level", "="}, {5, std::nullopt, "个", "level", "="}}},
    {"到2026年，培养骨干教师1500名，遴选20名市级名师，新建立10个名师工作室。", {{1500, std::nullopt, "名", "level", "="}, {20, std::nullopt, "名", "level", "="}, {10, std::nullopt, "个", "level", "="}}},
    {"对符合条件的企业给予最高不超过10万元的一次性奖励。", {}},
    {"按设备投资额的10%给予补助，单户不超过50万元。", {}},
    {"符合条件的小型微利企业减按15%的税率征收企业所得税。", {}},
    {"每招用1人奖励2000元。", {}},
    // A line break inside a number in PDF text order: the integer part and a
    // sentence-final point are no value (rule not-after-cut-decimal); a
    // written decimal without unit stays a target.
    {"到2026年，全省森林覆盖率达到63.\n二、加强组织领导。", {}},
    {"到2026年，全省活立木蓄积量达到8．\n二、加强组织领导。", {}},
    {"到2026年，全市农田灌溉水有效利用系数达到0.65。\n二、加强组织领导。", {{0.65, std::nullopt, "", "level", "="}}},
    {"对年综合能耗5000吨标准煤以上的企业开展节能监察。", {}},
    {"不再审批新建35蒸吨以下燃煤锅炉。", {}},
    {"“十三五”期间，全市累计完成造林12万亩。", {}},
    {"2020年，全市单位地区生产总值能耗下降5%。", {}},
    {"联系电话：0826-2222222。", {}},
    {"本方案自2024年3月15日起施行。", {}},
    {"按照《条例》第12条规定执行。", {}},
    {"一是加强组织领导，二是强化督促检查。", {}},
    {"进一步完善一批重点项目。", {}},
    {"持续推进“六个百分之百”措施。", {}},
    {"赡养老人专项附加扣除标准由每月2000元提高到3000元。", {}},
    {"各地要加强协调配合。", {}},
    {"其辅助设施建设用地可再增加3%。", {}},
    {"建设一次性餐具回收体系。", {}},
    {"粤发改〔2024〕12号文件明确了要求。", {}},
    {"享受一次性创业补贴5000元。", {}},
    {"全面落实“双千”工程。", {}},
    {"第三章 主要任务。", {}},
    {"2023年4月底前完成。", {}},
    {"请于3月15日前报送。", {}},
    {"推动5G网络建设。", {}},
    {"到2026年，全市进一步提升服务水平。", {}},
    {"落实“三个一”工作机制。", {}},
    {"表3 主要指标一览。", {}},
    {"2019年全市共完成投资30亿元。", {}},
    {"截至2023年底，全市已建成充电桩3000个。", {}},
    // Rule frames (rules/targets.toml target_rule_sentence): the terms of
    // an applicant's qualifications, a share of a legal standard, an
    // exemption, a classification — and goals that share their words.
    {"具有独立法人资格，注册资金不低于100万元，且能够提供节能诊断服务的节能服务公司；", {}},
    {"申报单位需提供不少于1000条样本数据。", {}},
    {"纳税人排放应税大气污染物的浓度值低于国家和地方规定的污染物排放标准百分之三十。", {}},
    {"可按不低于工业用地出让最低价标准的70%确定土地出让底价。", {}},
    {"燃煤发电上网电价不受上浮20%限制。", {}},
    {"将各区能源消费强度降低目标分为14%、14.5%、15%、15.5%四档。", {}},
    {"评价结果分为“优秀”“良好”两个等次，其中“优秀”等次不超过40%。", {}},
    {"到2026年，所有县城具备污水处理能力，城市污水处理率达到95%。", {{95, std::nullopt, "%", "level", "="}}},
    {"到2026年，全市申报国家级专精特新企业达到50家。", {{50, std::nullopt, "家", "level", "="}}},
    {"到2026年，城镇新建建筑全面执行绿色建筑标准，星级绿色建筑占比达到30%。", {{30, std::nullopt, "%", "level", "="}}},
    // A phase (三期工程) and a number of copies (一式两份) are no amounts.
    {"实施宋剑湖生态湿地改造提升三期工程。", {}},
    {"开户资料均须准备一式两份，报送至自治区生态环境厅。", {}},
    {"到2026年，全市建设10个工程。", {{10, std::nullopt, "个", "level", "="}}},
    // Whole measures listed before one value each take it; a modifier joined
    // by 和/及 and one-character levels stay one name.
    {"到2026年，美丽城镇建设覆盖率和高原美丽乡村建设覆盖率达到100%。", {{100, std::nullopt, "%", "level", "="}, {100, std::nullopt, "%", "level", "="}}},
    {"到2026年，医疗废物、危险废物无害化处置率保持100%。", {{100, std::nullopt, "%", "level", "="}, {100, std::nullopt, "%", "level", "="}}},
    {"到2026年，县级及以上城市饮用水水源水质达标率达到100%。", {{100, std::nullopt, "%", "level", "="}}},
    {"到2026年，城市居家和社区养老服务覆盖率达到100%。", {{100, std::nullopt, "%", "level", "="}}},
    {"到2026年，市、县污水处理率达到98%。", {{98, std::nullopt, "%", "level", "="}}},
    // 仅/只 before a value: a shortfall of the present, no goal.
    {"人均水资源量仅为全省人均水资源量的55%，水资源匮乏。", {}},
    {"全市煤炭消费占比仅为13.42%。", {}},
    {"工业固体废物产生量逐年下降，2020年一般工业固体废物综合利用率为93.40%。", {}},
    {"到2026年，争创国家科技创新基地2家。", {{2, std::nullopt, "家", "level", "="}}},
    {"到2026年，力争创建60所省级示范性幼儿园。", {{60, std::nullopt, "所", "level", "="}}},
    {"2026年年底前，全市新建充电桩200个。", {{200, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市新增造林1.5万亩。", {{1.5, std::nullopt, "万亩", "increase", "="}}},
    // A change by a percentage stays with its measure; a verb that creates
    // carries over the comma.
    {"到2025年，全市农药施用量比2020年减少3%，病虫害绿色防控覆盖率60%以上。",
     {{3, std::nullopt, "%", "decrease", "="}, {60, std::nullopt, "%", "level", ">="}}},
    {"到2026年，新增城乡社区日间照料中心240个，农村幸福院400个。",
     {{240, std::nullopt, "个", "increase", "="}, {400, std::nullopt, "个", "increase", "="}}},
    {"到2026年，全市带动投资四万亿元。", {{4, std::nullopt, "万亿元", "level", "="}}},
    {"到2025年，各区分别建成1个试点园区、3个试点机关、5个试点社区。", {{1, std::nullopt, "个", "level", "="}, {3, std::nullopt, "个", "level", "="}, {5, std::nullopt, "个", "level", "="}}},
    {"到2025年，两项指标分别降低20个、10个百分点。", {{20, std::nullopt, "个百分点", "decrease", "="}, {10, std::nullopt, "个百分点", "decrease", "="}}},
    // A bound after a counted unit that a goal verb governs is on the count.
    {"到2025年，每所学校开设7种以上运动项目。", {{7, std::nullopt, "种", "level", ">="}}},
    {"到2025年，全面消除5000人以上“大校额”。", {}},
    // A verbless clause counting a noun shares the verb of the clause before.
    {"到2025年，遴选20名市级名师，6名市级名校长。", {{20, std::nullopt, "名", "level", "="}, {6, std::nullopt, "名", "level", "="}}},
    {"到2025年，全市森林覆盖率达到45%，3个县通过验收。", {{45, std::nullopt, "%", "level", "="}}},
    // A condition closed by 的 before what it entitles to is a threshold.
    {"小微企业新招用人员数量达到企业职工人数25%（超过100人的企业达到15%）的，可申请创业担保贷款。", {}},
    {"连续经营满1年以上且吸纳就业5人以上的，可享受一次性创业补贴。", {}},
    // Caps on an application and project costs (rule-sentence-cap).
    {"项目实施期为3年，市级资助经费不超过项目总经费的50%，最高不超过300万元。", {}},
    {"每个项目组合实施的子项目数量不超过5个。", {}},
    {"新建污水处理厂工程6项，需投资15.750亿元。", {}},
    // Statistics as of the end of a closed five-year plan (past-sentence).
    {"截止“十三五”末，全市优良天数比例达到97%。", {}},
    {"截止“十三五”末，全市二氧化硫排放量较2015年下降21.31%。", {}},
    // Under a section that reviews the past period, numbers are history.
    {"一、“十三五”时期主要成就\n实施各类科研项目239项，取得科技成果704项。\n二、主要目标\n到2026年，全市新建充电站20个。", {{20, std::nullopt, "个", "level", "="}}},
    {"（一）“十三五”生态环境保护成效显著\n淘汰造纸、砖瓦产能19家。\n（二）主要目标\n到2026年，全市新建充电站20个。", {{20, std::nullopt, "个", "level", "="}}},
    // A duration after 未来/今后 is a time span, not an amount.
    {"2025年前，实现未来7天空气质量级别预报，预报准确率达到70%以上。", {{70, std::nullopt, "%", "level", ">="}}},
    {"今后三年，全市新建充电站20个。", {{20, std::nullopt, "个", "level", "="}}},
    {"到2026年，实现城市7天预报预测能力。", {{7, std::nullopt, "天", "level", "="}}},
    // Shares listed before their scopes: one target per share and scope.
    {"到2025年，95%的省级、90%的市级和70%的县级机关达到节约型机关创建要求。", {{95, std::nullopt, "%", "level", "="}, {90, std::nullopt, "%", "level", "="}, {70, std::nullopt, "%", "level", "="}}},
    {"到2025年，90%以上的城镇社区和60%以上的农村社区纳入居家社区养老服务网络。", {{90, std::nullopt, "%", "level", ">="}, {60, std::nullopt, "%", "level", ">="}}},
    {"到2025年，20%的二级以上公立医院和20%的社会办非营利性医院完成章程制定工作。", {{20, std::nullopt, "%", "level", "="}, {20, std::nullopt, "%", "level", "="}}},
    {"到2025年，80%以上的园区实施循环化改造。", {{80, std::nullopt, "%", "level", ">="}}},
    // A table whose cells a scraper ran together: one value per year column,
    // the digit run cut into equal widths, else nothing.
    {"附件：年度新增目标任务表项目2024年2025年新建充电站（个）1216", {{12, std::nullopt, "个", "increase", "="}, {16, std::nullopt, "个", "increase", "="}}},
    {"附件：年度目标任务表指标2024年2025年固定资产投资（亿元）4.55.5", {{4.5, std::nullopt, "亿元", "level", "="}, {5.5, std::nullopt, "亿元", "level", "="}}},
    {"附件：年度目标任务表指标2024年2025年2026年培训人数（人次）800900950", {{800, std::nullopt, "人次", "level", "="}, {900, std::nullopt, "人次", "level", "="}, {950, std::nullopt, "人次", "level", "="}}},
    {"附件：年度目标任务表项目2024年2025年新建充电站（个）121", {}},
    {"附件：年度目标任务表项目2024年2025年新建充电站（个）0512", {}},
    {"附件：2023年建设完成情况统计表项目2024年2025年新建充电站（个）1216", {}},
    // A span counted back from now is history (past-retrospective-span).
    {"近5年来，全国城市平均年节水量约35亿立方米，重复利用率提高到70.7%。", {}},
    {"过去三年内，全市累计建成充电站200个。", {}},
    {"今后三年，全市新建充电站30个。", {{30, std::nullopt, "个", "level", "="}}},
    // A count after 等 closing a list that 包括/涉及/按照 introduces counts the list.
    {"专项再贷款发放对象包括国家开发银行、进出口银行、交通银行等7家金融机构。", {}},
    {"到2025年，本次整治涉及桑干河、南洋河、御河等5条河流。", {}},
    {"核查机构应当按照“制订核查计划、文件评审、保存核查记录”等8个步骤开展核查。", {}},
    {"到2025年，完成防城港、贵港、玉林等5个国家资源综合利用基地建设。", {{5, std::nullopt, "个", "level", "="}}},
    // Accounting frames: 按每…折算, （以…计）.
    {"到2026年，每年栽植花卉苗木不少于400亩（木本花卉按照每亩74株折算）。", {{400, std::nullopt, "亩", "level", ">="}}},
    {"到2026年，全市地表水优良比例达到76.5%（以51个国省考断面计）。", {{76.5, std::nullopt, "%", "level", "="}}},
    {"按每人次40元给予奖补。", {}},
    // Routines (每X…一次) are no quantity; a quota (至少) or a count of people is.
    {"自查评估每年开展一次，对照细则进行自评打分。", {}},
    {"到2026年，各县区每季度召开一次例会。", {}},
    {"到2026年，学校每学期至少举办1次家长会。", {{1, std::nullopt, "次", "level", ">="}}},
    {"全体会议由各部门负责人参加，一般两个月安排一次。", {}},
    {"到2026年，每年开展返乡创业培训800人次。", {{800, std::nullopt, "人次", "level", "="}}},
    // A number inside a title in book marks names the work.
    {"到2026年，开展《江苏生态文明20条》主题宣传活动。", {}},
    {"到2026年，全面落实《中国制造2025》行动纲要，新建智能工厂10个。", {{10, std::nullopt, "个", "level", "="}}},
    // A comparison year written without 年.
    {"到2025年，单位国内生产总值二氧化碳排放比2020下降20.5%。", {{20.5, std::nullopt, "%", "decrease", "="}}},
    // A budget of investment is an input, not a goal (rule-sentence-cap).
    {"“十四五”时期总投资预算约1346.90亿元。", {}},
    // The digits of a formula belong to its name (formula-subscript).
    {"到2026年，削减CO2 182.3万吨。", {{182.3, std::nullopt, "万吨", "decrease", "="}}},
    {"到2026年，削减SO2 6000吨。", {{6000, std::nullopt, "吨", "decrease", "="}}},
    {"到2026年，全市PM2.5平均浓度下降10%。", {{10, std::nullopt, "%", "decrease", "="}}},
    // A conjunction before the next value ends the item, as 、 does (list-conjunction).
    {"到2026年，新建7个充电站和1个换电站。", {{7, std::nullopt, "个", "level", "="}, {1, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市建成1处国家级湿地公园及6处省级湿地公园。", {{1, std::nullopt, "处", "level", "="}, {6, std::nullopt, "处", "level", "="}}},
    {"到2026年，全市PM10年均浓度降至60微克/立方米。", {{60, std::nullopt, "微克/立方米", "level", "="}}},
    {"到2026年，全市PM2.5年均浓度不高于35微克/立方米。", {{35, std::nullopt, "微克/立方米", "level", "<="}}},
    {"到2026年，出水化学需氧量浓度不高于30毫克/升。", {{30, std::nullopt, "毫克/升", "level", "<="}}},
    {"到2026年，全市O3浓度上升趋势得到遏制。", {}},
    {"到2026年，新建5G基站1000个。", {{1000, std::nullopt, "个", "level", "="}}},
    // A bracket that qualifies a noun with one measure is scope (bracket-qualifier).
    {"到2026年，实施江河主要支流治理工程（流域面积大于3000平方公里）。", {}},
    {"到2026年，淘汰燃煤锅炉（10蒸吨/小时及以下）200台。", {{200, std::nullopt, "台", "decrease", "="}}},
    {"到2026年，完成第二污水处理厂提标改造（6万吨/日）。", {}},
    {"到2026年，全市空气质量达到《环境空气质量标准》（GB 3095-2012）二级标准。", {}},
    {"到2026年，新建光伏电站（装机容量5万千瓦以上）。", {}},
    {"全市加快林业生态修复（2026年完成营造林30万亩以上，完成森林抚育50万亩以上）。", {{30, std::nullopt, "万亩", "level", ">="}, {50, std::nullopt, "万亩", "level", ">="}}},
    {"到2026年，全市森林覆盖率达到62%（不含灌木林）。", {{62, std::nullopt, "%", "level", "="}}},
    // A count that no verb, bound, due time or hedge makes a goal describes what exists.
    {"“十四五”地表水国考断面17个，省考断面34个。", {}},
    {"全市大气国控站点6个，地下水环境质量国考点位7个。", {}},
    {"到2026年，动力电池循环利用示范项目10个。", {{10, std::nullopt, "个", "level", "="}}},
    {"到2026年，全市绿色园区不少于3个。", {{3, std::nullopt, "个", "level", ">="}}},
    {"力争全市示范项目10个。", {{10, std::nullopt, "个", "level", "="}}},
    // After a name a Chinese numeral with 期 is a phase (ordinal-unit); after a verb it counts.
    {"到2026年，建成华能瑞金二期、赣能丰城三期等清洁煤电项目。", {}},
    {"到2026年，力争建成两江燃机二期。", {}},
    {"到2026年，全市举办三期创业培训班。", {{3, std::nullopt, "期", "level", "="}}},
    // A sentence that ends in 的 is a condition: its numbers are thresholds.
    {"（一）累计向境外提供10万人以上、不满100万人个人信息的；", {}},
    {"（二）项目投资额变化超过30%的；", {}},
    {"（三）连续2年发生2次以上同类生产性火灾事故的。", {}},
    // A from–to change: the value it starts from is its baseline.
    {"到2025年，国控环境空气质量监测站点由44个增至53个。", {{53, std::nullopt, "个", "level", "="}}},
    {"到2025年，城镇新建居住建筑能效由65%提升至75%。", {{75, std::nullopt, "%", "level", "="}}},
    // A rate per amount of output: the multiplier belongs to the divisor.
    {"到2026年，单位工业增加值综合能耗降至0.4吨标准煤/万元以下。", {{0.4, std::nullopt, "吨标准煤/万元", "level", "<="}}},
    {"到2026年，万元工业增加值用水量降至82立方米/万元。", {{82, std::nullopt, "立方米/万元", "level", "="}}},
    // Numbers in a goal sentence, from the grammar of numerals (brief
    // targets18): the multiplier 万/亿 stays in the unit; 千/百 are places.
    {"到2025年，全市充电桩达到1.5万个。", {{1.5, std::nullopt, "万个", "level", "="}}},
    {"到2025年，全市绿地面积达到12.3万平方米。", {{12.3, std::nullopt, "万平方米", "level", "="}}},
    {"到2025年，全市项目投资达到1,234.56万元。", {{1234.56, std::nullopt, "万元", "level", "="}}},
    {"到2025年，全市污水处理率达到１２．５％。", {{12.5, std::nullopt, "%", "level", "="}}},
    {"到2025年，全市森林覆盖率达到百分之三十五点五。", {{35.5, std::nullopt, "%", "level", "="}}},
    {"到2025年，全市绿色建筑占比达到三分之二以上。", {{200.0 / 3, std::nullopt, "%", "level", ">="}}},
    // 千分之 names the unit ‰ as 百分之 names %.
    {"到2025年，全市出生缺陷率控制在千分之五以内。", {{5, std::nullopt, "‰", "level", "<="}}},
    {"到2025年，全市婴儿死亡率控制在0.5‰。", {{0.5, std::nullopt, "‰", "level", "="}}},
    {"到2025年，全市婴儿死亡率控制在3‰以下。", {{3, std::nullopt, "‰", "level", "<="}}},
    // 万分之 names ‱ (per ten thousand); 点 in words before 万 is a decimal.
    {"到2025年，全市生产安全事故发生率控制在万分之三以内。", {{3, std::nullopt, "‱", "level", "<="}}},
    {"到2025年，全市新增造林面积达到十二点五万亩。", {{12.5, std::nullopt, "万亩", "level", "="}}},
    // 余/多 after the multiplier, 几 after the tens: more than.
    {"到2025年，全市培训人数达到2万余人。", {{2, std::nullopt, "万人", "level", ">"}}},
    {"到2025年，全市新建充电桩3万多个。", {{3, std::nullopt, "万个", "level", ">"}}},
    {"到2025年，全市示范园区达到十几个。", {{10, std::nullopt, "个", "level", ">"}}},
    {"到2025年，全市森林覆盖率达到近30%。", {{30, std::nullopt, "%", "level", "~"}}},
    {"到2025年，全市产业规模超1000亿元。", {{1000, std::nullopt, "亿元", "level", ">"}}},
    {"到2025年，全市公交分担率逾30%。", {{30, std::nullopt, "%", "level", ">"}}},
    // Chinese numerals: 零 before 十, the abbreviated next place, 大写 forms.
    {"到2025年，全市充电桩达到两千零二十个。", {{2020, std::nullopt, "个", "level", "="}}},
    {"到2025年，全市粮食产量达到一万零五百吨。", {{10500, std::nullopt, "吨", "level", "="}}},
    {"到2025年，全市企业达到一千零十家。", {{1010, std::nullopt, "家", "level", "="}}},
    {"到2025年，全市企业达到三千五家。", {{3500, std::nullopt, "家", "level", "="}}},
    {"到2025年，全市企业达到一万五千家。", {{15000, std::nullopt, "家", "level", "="}}},
    {"到2025年，全市资金达到壹仟贰佰万元。", {{1200, std::nullopt, "万元", "level", "="}}},
    {"到2025年，全市建成叁拾伍个站点。", {{35, std::nullopt, "个", "level", "="}}},
    // Before a unit of 万, a 亿 of the number counts in 万.
    {"到2025年，全市资金达到一亿五千万元。", {{15000, std::nullopt, "万元", "level", "="}}},
    {"到2025年，全市投入资金贰亿伍仟万元。", {{25000, std::nullopt, "万元", "level", "="}}},
    // Two neighbouring digits: an approximate range.
    {"到2025年，全市示范园区达到五六个。", {{5, std::optional<double>(6), "个", "level", "="}}},
    {"到2025年，全市龙头企业达到三四十家。", {{30, std::optional<double>(40), "家", "level", "="}}},
    {"到2025年，全市龙头企业达到十二三家。", {{12, std::optional<double>(13), "家", "level", "="}}},
    {"到2025年，全市覆盖面达到七八成。", {{7, std::optional<double>(8), "成", "level", "="}}},
    // 千/百 after Arabic digits are places of the number; 千米 is a measure.
    {"到2025年，全市充电桩达到5千个。", {{5000, std::nullopt, "个", "level", "="}}},
    {"到2025年，全市投资达到5千万元。", {{5000, std::nullopt, "万元", "level", "="}}},
    {"到2025年，全市企业达到1万2千家。", {{12000, std::nullopt, "家", "level", "="}}},
    {"到2025年，全市绿道达到120千米。", {{120, std::nullopt, "千米", "level", "="}}},
    {"到2025年，全市人均预期寿命达到80.5岁。", {{80.5, std::nullopt, "岁", "level", "="}}},
    {"到2025年，全市企业达到数十家。", {}},
    {"为65岁以上老年人建立健康档案。", {}},
    {"加强专业队伍人才建设。", {}},
    // A nominal clause before a comma is a condition; a run of periods or an
    // increment per unit is a condition or a scoring rule.
    {"增加金额在500万元以上、3000万元以内的，报市政府审批。", {}},
    {"同一年度授权量达10件的，奖励2万元。", {}},
    {"每增加一项得1.0分，累计不超过5分。", {}},
    {"坚决淘汰连续3次排放检验不达标的老旧车辆。", {}},
    // A direction verb that names a kind of work counts works.
    {"到2025年，实施重点减排工程109项。", {{109, std::nullopt, "项", "level", "="}}},
    {"到2025年，水源地水质达标率稳定维持100%。", {{100, std::nullopt, "%", "level", "="}}},
    // Bounds written on some values of a list: the others have none.
    {"到2025年，化学需氧量、氨氮、氮氧化物、挥发性有机物排放总量分别下降8%、8%、10%以上、10%以上。",
     {{8, std::nullopt, "%", "decrease", "="},
      {8, std::nullopt, "%", "decrease", "="},
      {10, std::nullopt, "%", "decrease", ">="},
      {10, std::nullopt, "%", "decrease", ">="}}},
    {"到2025年，化学需氧量、氨氮排放总量分别下降8%、10%以上。",
     {{8, std::nullopt, "%", "decrease", ">="}, {10, std::nullopt, "%", "decrease", ">="}}},
    // Issue 18's hand check on wide (targets19): an estimate of a project's
    // effect (预计 + 可 + a verb of cutting or saving) is no goal.
    {"满足超低排放限值要求，预计可压减颗粒物、二氧化硫与氮氧化物排放量分别约260吨、520吨与1550吨。", {}},
    {"全面完成超低排放改造，预计减少NOx排放2343吨/年、SO2排放415吨/年。", {}},
    {"清洁取暖项目实施后，预计削减CO2 182.3万吨、SO2 6000吨。", {}},
    {"到2025年，全市压减煤炭消费量300万吨。", {{300, std::nullopt, "万吨", "decrease", "="}}},
    // A condition without a number, followed by an obligation or a bound.
    {"对于申报近零碳排放实践区的，碳排放强度应达到全市同类区域的先进水平或低于创建基期的50%以上。", {}},
    {"设有消防控制室的，实行24小时值班制度，每班不少于2人。", {}},
    {"接入低压供电的，时间不超过八个工作日。", {}},
    // A bound that includes itself, （含）的, bounds a class; 9+N names a scheme.
    {"对日供水规模超过10万立方米（含）的地表水饮用水水源地安装视频监控。", {}},
    {"到2025年，实现9+N指标自动监测。", {}},
    // Signs of comparison in prose are comparators.
    {"到2025年，城市建成区公共交通出行分担率≥40%。", {{40, std::nullopt, "%", "level", ">="}}},
    {"到2025年，力争实现CO2捕集率≥90%，CO2转化利用率≥90%。",
     {{90, std::nullopt, "%", "level", ">="}, {90, std::nullopt, "%", "level", ">="}}},
    // A bare number is a value only where nothing but punctuation follows
    // it, and a sign alone does not make it one (specifications, flattened
    // table cells).
    {"研制导电银浆，正面细栅银铝浆电阻率≤3.5 μΩ·cm，接触电阻≤1 Ω。", {}},
    {"逐步提高逐步降低≥15", {}},
    {"到2025年，全市PUE值不高于1.3。", {{1.3, std::nullopt, "", "level", "<="}}},
    // Concentrations in SI symbols.
    {"到2025年，全市NO2年均浓度低于30μg/m³。", {{30, std::nullopt, "μg/m³", "level", "<"}}},
    // What a body or a budget is made of is an arrangement, not a goal.
    {"决策小组人员储备库由市财政局、市审计局等单位各报送4名熟悉相关工作的人员组成，原则上两年调整一次。", {}},
    {"项目总投资原则上由建设投资、研发费用构成，建设投资不少于项目总投资的50%。", {}},
    // 新增和更新 qualifies the vehicles of a share: no increase.
    {"到2025年，新增和更新公交车中新能源车辆占比达到100%。", {{100, std::nullopt, "%", "level", "="}}},
    {"到2025年，主要农作物化肥、农药利用率均达到43%以上。",
     {{43, std::nullopt, "%", "level", ">="}, {43, std::nullopt, "%", "level", ">="}}},
    // A reward per fall of a measure, a project's cost after its capacity, a
    // standard ratio after 按不低于…, a size class of a counted noun.
    {"PM2.5年均浓度每比上一年度下降1%，按收取该市统筹资金总额的1%进行奖励。", {}},
    {"“十四五”期间新增生物质能发电项目（含垃圾）装机50万kW，总投资94亿元。", {}},
    {"到2025年，新增地热能服务面积2000万平方米，总投资100亿元。",
     {{2000, std::nullopt, "万平方米", "increase", "="}}},
    {"既有党政机关、大型商场、高速公路服务区按不低于总停车位20%配建。", {}},
    {"到2025年，各区市县建成1所200张床位以上的公办示范性养老机构。", {{1, std::nullopt, "所", "level", "="}}},
    // targets20: an equivalence restates an amount (相当于, ，折合); a
    // projection (预计可能, 将增加投资) and a cap on the holder's own land are
    // no goals.
    {"到2026年，实现年节电量490亿千瓦时，相当于年节约标准煤1500万吨。",
     {{490, std::nullopt, "亿千瓦时", "level", "="}}},
    {"到2025年，地热能供暖制冷面积达到2500万平方米以上，折合替代化石能源232.2万吨标煤。",
     {{2500, std::nullopt, "万平方米", "level", ">="}}},
    {"每个区市县城镇每年栽植花卉苗木折合面积不少于400亩。", {{400, std::nullopt, "亩", "level", ">="}}},
    {"“十四五”期间新建建筑总规模预计可能达到10500万平方米。", {}},
    {"“十四五”期间我省新能源和可再生能源产业将增加投资1234亿元，积极带动地方就业。", {}},
    {"到2025年，完成固定资产投资500亿元。", {{500, std::nullopt, "亿元", "level", "="}}},
    {"为新型经营主体配套不超过其用地总面积5%、最大不超过15亩的土地作为辅助设施建设用地。", {}},
    // 提升 after 建设/巩固 upgrades what it counts: a level.
    {"到2025年，建设提升10个湿地公园。", {{10, std::nullopt, "个", "level", "="}}},
    {"到2025年，巩固提升7条省控及以上入海河流水质。", {{7, std::nullopt, "条", "level", "="}}},
    {"到2025年，建筑能效水平提升15%。", {{15, std::nullopt, "%", "increase", "="}}},
    // 分别 before one value gives it to each item of a 、 list, as 均 does;
    // after a 和 inside one name it does not split the name.
    {"到2025年，挥发性有机物、氮氧化物排放总量比2020年分别下降10%以上。",
     {{10, std::nullopt, "%", "decrease", ">="}, {10, std::nullopt, "%", "decrease", ">="}}},
    {"到2025年，全市艾滋病感染者发现率、抗病毒治疗覆盖率、治疗成功率分别达到90%以上。",
     {{90, std::nullopt, "%", "level", ">="}, {90, std::nullopt, "%", "level", ">="},
      {90, std::nullopt, "%", "level", ">="}}},
    {"到2025年，各县（市、区）分别建成10个以培育精品花卉和珍稀苗木为主的现代林业园区。",
     {{10, std::nullopt, "个", "level", "="}}},
    // targets22: an expectation (预计 before the value, or opening the
    // sentence), an obligation of a rule (须达到), a remainder a tax rule
    // computes (减除…的余额) are no goals; 压采 cuts; 各 before a value gives
    // it to each item; 平方千米 is one unit.
    {"到2025年预计完成源头替代项目100个及以上，化工、集聚制造行业分别打造2家源头替代示范型企业。",
     {{2, std::nullopt, "家", "level", "="}}},
    {"预计到2025年，我省可再生能源利用总量折合标煤约4048万吨，非化石能源消费占比提高到21.6%。", {}},
    {"预计解决管网配套问题、满负荷运行后，每年可实现经济效益4200多万元。", {}},
    {"社区内的住户须达到2000户（含）以上（中心城区）或1500户（含）以上（郊区）。", {}},
    {"到2025年，城镇绿色建筑中使用绿色建材产品的比例应达到60%。", {{60, std::nullopt, "%", "level", "="}}},
    {"从两处以上取得综合所得，且综合所得年收入额减除专项扣除的余额超过6万元；", {}},
    {"到2025年，普惠小微贷款余额超过600亿元。", {{600, std::nullopt, "亿元", "level", ">"}}},
    {"到2025年，全省压采地下水10.74亿立方米。", {{10.74, std::nullopt, "亿立方米", "decrease", "="}}},
    {"到2025年，化肥、农药使用量比2020年各减少10%。",
     {{10, std::nullopt, "%", "decrease", "="}, {10, std::nullopt, "%", "decrease", "="}}},
    {"到2025年，新增湿地保护面积500平方千米。", {{500, std::nullopt, "平方千米", "increase", "="}}},
    // A count or a measure bounded before 的 is a class of the noun by size
    // (not a share as 80%以上的 is); a count stays a value right after a goal
    // verb that is no comparison.
    {"2000人以上的镇逐步建设生活污水处理设施；", {}},
    {"到2025年，2500吨/日以下的水泥熟料生产线全部整合退出。", {}},
    {"现存活感染者和病人超过300人的广安区、武胜县要组建专职工作队伍。", {}},
    {"到2025年，培育10家以上的龙头企业。", {{10, std::nullopt, "家", "level", ">="}}},
    {"到2025年，80%以上的园区实施循环化改造。", {{80, std::nullopt, "%", "level", ">="}}},
    // A bare size after a count sizes the project (面积, 规模): no goal.
    {"完成全省林木种质资源普查，建设林木种质资源库5个，面积100公顷，实现林木种质资源安全保存。",
     {{5, std::nullopt, "个", "level", "="}}},
    {"到2025年，新建人工湿地5个，新建人工湿地面积达到10平方公里。",
     {{5, std::nullopt, "个", "level", "="}, {10, std::nullopt, "平方公里", "level", "="}}},
    // targets23: 腾退 retires what it counts; the bounded time of a procedure
    // is a service rule's term, a goal shortens it with its verb.
    {"到2025年，腾退沿江化工企业10家。", {{10, std::nullopt, "家", "decrease", "="}}},
    {"为市场主体转让不动产提供一窗受理、并行办理服务，时间不超过一个工作日。", {}},
    {"对采取告知承诺办理方式的事项，网上办理时限不超过0.5个工作日。", {}},
    {"公示期不少于5个工作日，接受群众监督。", {}},
    {"合法性审核时间一般不少于5个工作日，最长不超过15个工作日。", {}},
    {"到2025年，将企业开办时间压缩至3个工作日。", {{3, std::nullopt, "个工作日", "level", "="}}},
    // A span after an event (X后N日内) is the time a procedure allows.
    {"定向医学生在取得毕业证书后15个工作日内，凭毕业证到卫生计生部门报到。", {}},
    {"到2025年，粮食产量稳定在500亿斤以上。", {{500, std::nullopt, "亿斤", "level", ">="}}},
    // 可 + a verb of saving or gaining: what a measure can yield, an estimate.
    {"到2025年，农业高效节水灌溉可节约水量3.45亿立方米。", {}},
    {"到2025年，可再生能源装机达到3000万千瓦。", {{3000, std::nullopt, "万千瓦", "level", "="}}},
    // 翻 multiplies: N倍 (times), N番 (doublings); 翻新 renovates.
    {"到2025年，产值翻两倍以上。", {{2, std::nullopt, "倍", "increase", ">="}}},
    {"到2025年，绿色金融债发行规模较2020年翻两番。", {{2, std::nullopt, "番", "increase", "="}}},
    {"到2025年，完成翻新改造老旧小区100个。", {{100, std::nullopt, "个", "level", "="}}},
    // A concentration whose superscript 3 the text layer lost is still per cubic metre.
    {"到2025年，CO年均浓度低于2.2mg/m，NO2年均浓度低于30μg/m³。",
     {{2.2, std::nullopt, "mg/m³", "level", "<"}, {30, std::nullopt, "μg/m³", "level", "<"}}},
    // A lone 二 before a classifier and a word is that word's adjective
    // (二次 = secondary); the cardinal is 两, which still counts.
    {"按标准实施道路喷洒和冲洗，减少二次扬尘。", {}},
    {"到2025年，全市开展两次执法检查。", {{2, std::nullopt, "次", "level", "="}}},
    // A duration right before a word qualifies it: no amount to reach.
    {"到2025年，打造近岸海域6小时应急响应圈。", {}},
    {"到2025年，建成15分钟社区生活圈。", {}},
    {"设有消防控制室的单位实行24小时值班制度。", {}},
    {"到2025年，志愿者每年志愿服务时间平均达到24小时以上。", {{24, std::nullopt, "小时", "level", ">="}}},
    {"到2025年，新建1座门站，配备不低于全市3天需求量的储气设施。",
     {{1, std::nullopt, "座", "level", "="}, {3, std::nullopt, "天", "level", ">="}}},
    // Who bears what share of a guarantee's risk is a scheme's term.
    {"出现代偿时，银行业金融机构不低于20%，政府性融资担保公司不低于50%承担风险。", {}},
    {"银行业金融机构承担的风险责任比例原则上不低于20%。", {}},
    {"市级财政承担公交场站建设资金的50%，公交场站建设所在地财政承担50%。", {}},
    // 提升 heading the name of a programme of works on land is no increase.
    {"到2025年，完成森林质量精准提升45万亩。", {{45, std::nullopt, "万亩", "level", "="}}},
    {"到2025年，林草湿地面积提升10万亩。", {{10, std::nullopt, "万亩", "increase", "="}}},
    // A bracket cut open in the name: the span began or ended inside it.
    {"试点县要谋划一批重点工程项目（试点县不少于5个，并报省林业局）。", {}},
    // Counts after 包括 break a whole into parts; 在内 closes the parts.
    {"二期建设一座固定式工厂，包括1条预处理线、1条机制砂石处理线、1条再生砖生产线。",
     {{1, std::nullopt, "座", "level", "="}}},
    {"到2025年，建成包括10个国家级园区在内的30个示范园区。", {{30, std::nullopt, "个", "level", "="}}},
    // A frequency alone names nothing.
    {"每周报送≥2条。", {}},
    // A closing bracket opens no name: the value in the bracket sized the project before it.
    {"完成阳湖生态水厂建设工程（名称暂定，新增20万吨/日）、第二污水厂一期工程。", {}},
    // targets24: a clause that opens with 占 restates the amount before it as a share.
    {"到2025年，建成“美丽海湾”的岸段长度达到192.5公里；占大陆岸段总长度（263.29km）的73.11%。",
     {{192.5, std::nullopt, "公里", "level", "="}}},
    // targets24: a comparison whose reference is a standard (its multiple, its amount) is a rule's term.
    {"低收入家庭一般是指家庭人均收入高于当地城乡低保标准，但低于低保标准的2倍的低保边缘家庭。", {}},
    {"2017年全市农村最低生活保障标准低限提高到3360元/年，超过全省3300元/年农村低保低限标准。", {}},
    {"到2025年，全市单位产品综合能耗低于0.3吨标准煤/万元。", {{0.3, std::nullopt, "吨标准煤/万元", "level", "<"}}},
    // targets24: after 、 a measure before a word is a class or an extent, as right after the verb.
    {"提高城市公交网和站点密度，力争实现公交站点全覆盖、500米乘车，2025年城市绿色出行比例达到60%。",
     {{60, std::nullopt, "%", "level", "="}}},
    {"到2025年，新建城市道路6000公里、新建改造农村道路4万公里。",
     {{6000, std::nullopt, "公里", "level", "="}, {4, std::nullopt, "万公里", "level", "="}}},
    // targets24: a tax levied at a cut (减征) is a rule's term.
    {"自2014年12月1日至2023年8月31日，对充填开采置换出来的煤炭，资源税减征50%。", {}},
    // targets24: a note in brackets before a bound leaves it a class before 的.
    {"根据发电行业2013-2019年任一年排放达到2.6万吨二氧化碳当量（综合能源消费量约1万吨标准煤）及以上的企业的核查结果，确定重点排放单位名单。", {}},
    // targets24: a distance before 半径 is a radius, the class of what lies within it.
    {"基本完成30万千瓦及以上热电联产电厂30公里供热半径范围内的低效小热电机组关停整合。", {}},
    {"到2025年，实现城市公园绿地500米服务半径全覆盖，公园绿化活动场地服务半径覆盖率达到82%。",
     {{82, std::nullopt, "%", "level", "="}}},
};

// Rows whose indicator, scope and baseline are checked too (issue 18's
// wide hand check: baselines, copulas and scopes out of the name).
struct NamedRow {
  const char* sentence;
  double value;
  std::string indicator, scope;
  std::optional<int> baseline;
};

const NamedRow kNamedRows[] = {
    // targets21: verbs of building with a prefix (改扩建, 营建) are verbs, no part of the name.
    {"到2025年，建设地方湿地宣教中心2个，改扩建宣教展示馆1座。", 1, "宣教展示馆", "", std::nullopt},
    {"到2025年，营建示范林（园）1200公顷。", 1200, "示范林（园）", "", std::nullopt},
    // targets22: 投运 and 压采 are verbs, no part of the name; 各 is no part of it either.
    {"到2025年，投运分布式综合能源服务项目50个以上。", 50, "分布式综合能源服务项目", "", std::nullopt},
    {"到2025年，全省压采地下水10.74亿立方米。", 10.74, "地下水", "全省", std::nullopt},
    {"每年开展突发环境事故应急培训和演练各1次。", 1, "演练", "", std::nullopt},
    // A verb of doing after a counted noun opens its predicate; after 以/按 the count is of times.
    {"到2025年，选择不低于3个试点地区开展生态养殖。", 3, "试点地区", "", std::nullopt},
    {"2026年底前响水德龙镍业、大丰联鑫钢铁2家企业完成“脱白改造”工程。", 2, "企业", "", std::nullopt},
    {"到2025年，完成15个行政村生活垃圾分类示范村创建。", 15, "行政村生活垃圾分类示范村创建", "", std::nullopt},
    // Another class of the last name's thing takes the rest of that name as its measure.
    {"到2025年，地级城市建成区机械化清扫率稳定达到85%以上，县城建成区达到75%以上。", 75, "机械化清扫率", "县城建成区",
     std::nullopt},
    {"到2025年，全省市级缺水城市再生水利用率达到25%以上，黄河流域市级缺水城市力争达到30%。", 30, "再生水利用率",
     "黄河流域市级缺水城市", std::nullopt},
    {"到2025年，城镇新建居住建筑能效水平在原有基础上提升30%，新建公共建筑能效水平提升20%。", 20, "新建公共建筑能效水平", "",
     std::nullopt},
    // An adverb before the verb is neither scope nor name (成功创建, 持续巩固).
    {"力争到2026年，成功创建1个“零碳”示范县。", 1, "“零碳”示范县", "", std::nullopt},
    {"到2026年，全市创业成功率达到30%。", 30, "创业成功率", "全市", std::nullopt},
    {"到2025年，单位国内生产总值二氧化碳排放比2020下降20.5%。", 20.5, "单位国内生产总值二氧化碳排放", "", 2020},
    {"到2025年，营运车辆单位运输周转量二氧化碳排放比2020年下降4%。", 4, "营运车辆单位运输周转量二氧化碳排放", "", 2020},
    {"到2025年，绿色建筑占新建建筑比重为70%。", 70, "绿色建筑占新建建筑比重", "", std::nullopt},
    {"到2025年，城镇新建建筑中绿色建筑面积比例为90%。", 90, "城镇新建建筑中绿色建筑面积比例", "", std::nullopt},
    // The count's name is the water bodies, not their 治理 (gold §2, as 基地建设 → 基地).
    {"到2025年底，全面完成全市60条农村黑臭水体治理。", 60, "农村黑臭水体", "全市", std::nullopt},
    {"到2025年，全面完成全省120个入河排污口整治。", 120, "入河排污口整治", "全省", std::nullopt},
    {"到2025年，肥西县、肥东县、巢湖市的新建居住建筑全装修面积占比达到40%。", 40, "新建居住建筑全装修面积占比",
     "肥西县、肥东县、巢湖市", std::nullopt},
    {"到2025年，肥西县、巢湖市和安巢经开区的新型墙材应用比例在90%以上。", 90, "新型墙材应用比例",
     "肥西县、巢湖市和安巢经开区", std::nullopt},
    // A share of a whole (V + 总量的 + N%): the subject is what is measured.
    {"到2025年，全市新能源汽车销售量不低于汽车新车销售总量的20%。", 20, "新能源汽车销售量", "全市", std::nullopt},
    {"到2026年，全科专业招收数量达到当年总招收计划的20%。", 20, "全科专业招收数量", "", std::nullopt},
    // A counted noun in quotes after the value names the indicator.
    {"到2025年，全市创建1个“零碳”示范县。", 1, "“零碳”示范县", "全市", std::nullopt},
    // Counted nouns joined by 和/及: each value names its own noun (list-conjunction).
    {"到2025年，新建7个功能区噪声监测站点和1个噪声敏感区监测站。", 7, "功能区噪声监测站点", "", std::nullopt},
    {"到2025年，新建7个功能区噪声监测站点和1个噪声敏感区监测站。", 1, "噪声敏感区监测站", "", std::nullopt},
    // Words that only open like a connective or adverb stay in the name.
    {"到2025年，全市使用比例保持在80%以上。", 80, "使用比例", "全市", std::nullopt},
    {"到2025年，重点行业重点重金属污染物排放量下降5%。", 5, "重点行业重点重金属污染物排放量", "", std::nullopt},
    // A measure bounded before a noun is a class inside the name; a subject
    // that is no noun phrase is no scope.
    {"到2025年，全市65岁以上老年人健康管理率达到80%。", 80, "65岁以上老年人健康管理率", "全市", std::nullopt},
    {"到2025年，力争建设3座以上日加氢能力500公斤以上加氢站。", 3, "日加氢能力500公斤以上加氢站", "", std::nullopt},
    {"到2025年，于长江试点建设2个水质超级站。", 2, "水质超级站", "", std::nullopt},
    {"到2025年，配合省新建31个水质监测自动站。", 31, "水质监测自动站", "", std::nullopt},
    {"到2025年，每名学生至少掌握1项艺术技能。", 1, "艺术技能", "每名学生", std::nullopt},
    // The sign is no part of the name.
    {"到2025年，城市建成区公共交通出行分担率≥40%。", 40, "城市建成区公共交通出行分担率", "", std::nullopt},
    // A second predicate after 并, a batch after 和, an adverb before the
    // verb are no part of the name; a value after 和 counts what follows it.
    {"2025年底前，建成至少一座协同应急处置设施并保障稳定运行。", 1, "协同应急处置设施", "", std::nullopt},
    {"到2025年，培育3家具有全球影响力的生态主导型企业和一批专精特新中小企业。", 3, "具有全球影响力的生态主导型企业", "",
     std::nullopt},
    {"到2025年，国家枢纽节点进一步降到1.25以下。", 1.25, "国家枢纽节点", "", std::nullopt},
    {"到2025年，建设国家和6个区域性危险废物风险防控技术中心。", 6, "区域性危险废物风险防控技术中心", "", std::nullopt},
    {"到2025年，新增和更新公交车中新能源车辆占比达到100%。", 100, "新增和更新公交车中新能源车辆占比", "", std::nullopt},
    // Nouns listed before a measure of use share it (使用比例, 利用率).
    {"到2025年，溶剂型工业涂料、油墨使用比例分别降低20个百分点、10个百分点。", 20, "溶剂型工业涂料使用比例", "",
     std::nullopt},
    // 生态文明建设 is a noun; 每个 + a unit is a scope of its own.
    {"到2025年，力争创建生态文明建设示范区2个。", 2, "生态文明建设示范区", "", std::nullopt},
    {"到2025年，每个街道至少启动3个社区试点。", 3, "社区试点", "每个街道", std::nullopt},
    // 县级市 is one place word.
    {"到2025年，省辖市、县级市污泥无害化处理率分别达到98%、95%。", 95, "污泥无害化处理率", "县级市", std::nullopt},
    // targets20: a scope heading the verb's object (实现全市…), after 保持,
    // or deictic (我省, 本市) is no part of the name; an adverb (基本) before
    // the verb and an opening bracket (（其中…) are neither.
    {"力争2025年实现全市秸秆综合利用率90%以上。", 90, "秸秆综合利用率", "全市", std::nullopt},
    {"到2025年，保持全市废弃放射源安全收贮率达到100%。", 100, "废弃放射源安全收贮率", "全市", std::nullopt},
    {"到2025年底我省装配式建筑占全省城镇新建建筑比例达20%以上。", 20, "装配式建筑占全省城镇新建建筑比例", "我省",
     std::nullopt},
    {"到2025年，本市公共机构能源消费总量控制在171万吨标准煤以内。", 171, "公共机构能源消费总量", "本市", std::nullopt},
    {"到2025年，城镇新建建筑中绿色建筑面积占比基本达到100%。", 100, "城镇新建建筑中绿色建筑面积占比", "", std::nullopt},
    {"到2025年，全市新建花卉苗木繁育基地10000亩（其中花卉基地6000亩、苗木基地4000亩）。", 6000, "花卉基地", "全市",
     std::nullopt},
    // A verb of holding left before the count is no subject (每学期开展).
    {"督促各类学校将消防安全教育纳入教学活动，每学期开展不少于1次全员消防演练。", 1, "全员消防演练", "", std::nullopt},
    // A baseline named, not dated, is no part of the name.
    {"到2025年，含氢氯氟烃生产和消费量在基线水平上削减67.5%。", 67.5, "含氢氯氟烃生产和消费量", "", std::nullopt},
    // 开工建设 builds as 新建 does: no part of the name.
    {"到2025年，开工建设被动式超低能耗建筑累计达到30万平方米。", 30, "被动式超低能耗建筑", "", std::nullopt},
    // 实施/进行 after a counted noun open its predicate, as 开展/完成 do.
    {"到2025年，对186家生产型企业实施关闭拆迁。", 186, "生产型企业", "", std::nullopt},
    {"到2025年，安排2名“全能社工”进行值守。", 2, "“全能社工”", "", std::nullopt},
    // A count names the things, not the task done on them.
    {"到2025年，开展27条农村黑臭水体治理和成效评估。", 27, "农村黑臭水体", "", std::nullopt},
    {"开展51个国省考断面及汇水范围内重点河流的综合治理。", 51, "国省考断面及汇水范围内重点河流", "", std::nullopt},
    {"到2025年，完成1600个行政村生活污水治理。", 1600, "行政村生活污水治理", "", std::nullopt},
    {"到2025年，基本完成1398处农村黑臭水体整治。", 1398, "农村黑臭水体", "", std::nullopt},
    // A project's phase at the head is no scope.
    {"二期建设一座固定式工厂。", 1, "固定式工厂", "", std::nullopt},
    // targets23: 腾退 is a verb, no part of the name; a unit's power set apart
    // by a PDF (the 3 of m³) does not open the next name.
    {"2021-2022年计划关停腾退沿江化工企业10家。", 10, "沿江化工企业", "", std::nullopt},
    {"到2025年，CO年均浓度低于2.2mg/m，3 PM10年均浓度低于70μg/m。", 70, "PM10年均浓度", "", std::nullopt},
    // 取得 gains what it counts: a verb, no part of the name.
    {"到2025年，力争取得4项以上原创性成果。", 4, "原创性成果", "", std::nullopt},
    {"引进消化吸收林草业先进技术和新品种10项以上，取得林草植物新品种权100项以上。", 100, "林草植物新品种权", "",
     std::nullopt},
    // A verb of making at the head of a name whose own verb follows is no part of it.
    {"到2025年，培育氢能相关企业达到100家。", 100, "氢能相关企业", "", std::nullopt},
    // targets24: the last class of a share list ends at a verb of having (具备).
    {"力争到2025年，95%以上的社区卫生服务机构、乡镇卫生院和70%的村卫生室具备较强中医药服务能力。", 95,
     "具备较强中医药服务能力", "社区卫生服务机构、乡镇卫生院", std::nullopt},
    {"力争到2025年，95%以上的社区卫生服务机构、乡镇卫生院和70%的村卫生室具备较强中医药服务能力。", 70,
     "具备较强中医药服务能力", "村卫生室", std::nullopt},
    // targets24: X质量精准提升 is a noun (an undertaking), its 提升 no verb.
    {"到2025年，建设碳汇林90万亩，完成森林质量精准提升45万亩。", 45, "森林质量精准提升", "", std::nullopt},
    // targets24: listed modifiers ending in the same head noun share the last item's tail.
    {"到2025年，高速公路、普通国省干线公路废旧沥青路面材料循环利用率分别达到98%和95%以上。", 98,
     "高速公路废旧沥青路面材料循环利用率", "", std::nullopt},
    // targets24: a parallel clause whose subject is a place alone takes the
    // last name's measure without that name's own place.
    {"到2025年，中心城区装配式建筑配建比例达到50%，其他县市区提升到20%。", 20, "装配式建筑配建比例", "其他县市区",
     std::nullopt},
    {"到2025年，银川市新增及更换的公交车中新能源车占比不低于80%，其他地级市不低于70%。", 70,
     "新增及更换的公交车中新能源车占比", "其他地级市", std::nullopt},
    // targets24: a share of a clause linked by 为 keeps the clause's verb in its name.
    {"到2025年，大、中、小型矿山达到绿色矿山标准的比例分别为90%、80%和70%。", 70, "达到绿色矿山标准的比例", "小型矿山",
     std::nullopt},
};

std::vector<extract::Target> TargetsOf(const std::string& sentence) { return testing::targets_in_plan(sentence); }

TEST(Quantities, TableOfSentences) {
  static_assert(std::size(kRows) >= 200, "issue 18 asks for at least 200 rows");
  size_t failed = 0;
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.sentence);
    auto got = TargetsOf(row.sentence);
    std::erase_if(got, [](const extract::Target& t) { return !t.value; });
    bool ok = got.size() == row.want.size();
    EXPECT_EQ(got.size(), row.want.size());
    for (size_t i = 0; ok && i < got.size(); ++i) {
      const Want& w = row.want[i];
      const extract::Target& t = got[i];
      // Appended piece by piece: GCC 12 -O3 warns falsely on the same
      // string built with operator+ (-Wrestrict, PR 105329).
      std::string trace = "#";
      trace += std::to_string(i);
      trace += ' ';
      trace += t.indicator;
      SCOPED_TRACE(trace);
      EXPECT_NEAR(*t.value, w.value, 1e-9);
      EXPECT_EQ(t.value_max, w.value_max);
      EXPECT_EQ(t.unit, w.unit);
      EXPECT_EQ(t.direction, w.direction);
      EXPECT_EQ(t.comparator, w.comparator);
      ok = ok && std::abs(*t.value - w.value) < 1e-9 && t.value_max == w.value_max && t.unit == w.unit &&
           t.direction == w.direction && t.comparator == w.comparator;
    }
    if (!ok) ++failed;
  }
  EXPECT_EQ(failed, 0u) << "of " << std::size(kRows) << " rows";
}

TEST(Quantities, NamesScopesAndBaselines) {
  for (const NamedRow& row : kNamedRows) {
    SCOPED_TRACE(row.sentence);
    auto got = TargetsOf(row.sentence);
    // The one target with the row's value (a list sentence has several).
    std::erase_if(got, [&](const extract::Target& t) { return !t.value || std::abs(*t.value - row.value) > 1e-9; });
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].indicator, row.indicator);
    EXPECT_EQ(got[0].scope, row.scope);
    EXPECT_EQ(got[0].baseline_year, row.baseline);
  }
}

// 分别 pairs the values with the subject's list when the indicator is one:
// each value's scope is one item of the list (大、中、小型 share 型矿山).
TEST(Quantities, RespectivelyPairsValuesWithSubjects) {
  struct Case {
    const char* sentence;
    std::vector<std::string> scopes;
  };
  const Case cases[] = {
      {"到2025年，大、中、小型矿山达到绿色矿山标准的比例分别为90%、80%和70%。", {"大型矿山", "中型矿山", "小型矿山"}},
      {"到2025年，城区、县城生活污水处理率分别达到95%、90%。", {"城区", "县城"}},
      {"到2025年，全市城市、县城生活污水处理率分别达到95%、90%。", {"全市", "全市"}},
      {"到2025年，省、市、县级示范园区分别达到2个、10个和30个。", {"", "", ""}},
      // targets24: without 分别, two subjects and two values pair in order too.
      {"到2025年，天宁、钟楼完成9条和4条主城区劣五类河道整治。", {"天宁", "钟楼"}},
      {"到2025年，城区、县城生活污水处理率达到95%、90%。", {"城区", "县城"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto got = TargetsOf(c.sentence);
    ASSERT_EQ(got.size(), c.scopes.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].scope, c.scopes[i]) << i;
  }
}

// A commitment word before a clause's year (确保/力争/争取2025年) governs the
// year as 到 does: each list takes the year of its own clause.
TEST(Quantities, YearAfterACommitmentWord) {
  struct Case {
    const char* sentence;
    std::vector<int> years;
  };
  const Case cases[] = {
      {"确保2025年全市PM2.5浓度下降35%，2026年下降40%。", {2025, 2026}},
      {"到2025年全市PM2.5浓度下降35%，2026年下降40%。", {2025, 2026}},
      {"力争2025年全市秸秆综合利用率达到90%以上。", {2025}},
      {"争取2026年全市森林覆盖率达到63%。", {2026}},
      {"全市森林覆盖率达到63%。", {0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto got = TargetsOf(c.sentence);
    ASSERT_EQ(got.size(), c.years.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].target_year.value_or(0), c.years[i]) << i;
  }
}

// A year whose digits pdftotext letter-spaced is still the lead year.
TEST(Quantities, LetterSpacedYearIsTheTargetYear) {
  for (const char* sentence : {"到202 5年，全市新建充电站20个。", "力争到2 025年，全市新建充电站20个。"}) {
    SCOPED_TRACE(sentence);
    auto got = TargetsOf(sentence);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].target_year, 2025);
  }
  auto got = TargetsOf("到2025年，全市新建充电站1 2个。");  // not a year: no change to amounts
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target_year, 2025);
}

// targets22: the end of a plan period compared with (相较于“十三五”末) is a
// baseline, not the target year.
TEST(Quantities, PeriodEndComparedIsABaseline) {
  auto got = TargetsOf("到2025年，相较于“十三五”末，废纸利用量增长10%左右，废钢利用量增幅超过20%。");
  ASSERT_EQ(got.size(), 2u);
  for (const auto& t : got) EXPECT_EQ(t.target_year, 2025) << t.indicator;
  got = TargetsOf("到2025年，全市PM2.5浓度比“十三五”末下降10%。");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target_year, 2025);
  EXPECT_EQ(got[0].baseline_year, 2020);
  EXPECT_EQ(got[0].indicator, "PM2.5浓度");
}

// targets21: the names of a list of measures of one thing, and of a share
// whose whole is a clause after a list (rules target_name_parts).
TEST(Quantities, NamesOfListedMeasures) {
  struct Case {
    const char* sentence;
    std::vector<std::string> names;
  };
  const Case cases[] = {
      // Bare measures after the first take its thing; one with a thing of
      // its own keeps its name.
      {"污染源自动监控设备安装率、验收率、比对考核率均达100%。",
       {"污染源自动监控设备安装率", "污染源自动监控设备验收率", "比对考核率"}},
      {"到2025年，力争可再生能源装机量和发电量比重分别达到50%左右、30%左右。",
       {"可再生能源装机量", "可再生能源发电量比重"}},
      // A rate of its own takes no head of the last item; a 量 may.
      {"到2025年，全市湿地保护率、森林覆盖率分别达到60%、45%。", {"湿地保护率", "森林覆盖率"}},
      {"到2025年，化学需氧量、氨氮排放总量分别下降8%、8%。", {"化学需氧量排放总量", "氨氮排放总量"}},
      {"到2025年，主要农作物化肥、农药利用率均达到43%以上。", {"主要农作物化肥利用率", "农药利用率"}},
      // A share of a clause after a long list: the clause, not the bare 比例.
      {"到2025年，钢铁、电解铝、水泥、平板玻璃、炼油、乙烯、合成氨、电石等重点行业产能和数据中心达到能效标杆水平的比例超过30%。",
       {"重点行业产能和数据中心达到能效标杆水平的比例"}},
      // targets22: 各 before the value gives it to each item, as 均.
      {"到2025年，化肥、农药使用量比2020年各减少10%。", {"化肥使用量", "农药使用量"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto got = TargetsOf(c.sentence);
    ASSERT_EQ(got.size(), c.names.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].indicator, c.names[i]) << i;
  }
}

}  // namespace
}  // namespace policydb
