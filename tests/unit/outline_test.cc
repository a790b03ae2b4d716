// Outline: numbering cascade, boxes, attachments, TOC, signature and contact
// regions, 分工表 rows, tasks and notes. Synthetic documents pin single
// behaviours; the seeds and real PDFs check them on what notices really look
// like (skipped when the shared folder is absent).
#include "outline/outline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::outline {
namespace {

namespace fs = std::filesystem;

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

// Markup hints a test line may carry, as normalize would have left them.
struct Hint {
  int heading_level = 0;
  bool bold = false;
};

// A normalised text made by hand: one Line per '\n'-separated line, all on
// page 1 unless a line starts with "\f" (a new page; the \f is dropped).
normalize::NormalizedText Make(const std::string& body, const std::map<int, Hint>& hints = {}) {
  normalize::NormalizedText t;
  int page = 1;
  size_t start = 0;
  int index = 0;
  std::vector<std::string> raw;
  std::stringstream in(body);
  for (std::string line; std::getline(in, line);) raw.push_back(line);
  for (auto& line : raw) {
    if (!line.empty() && line[0] == '\f') {
      ++page;
      line.erase(0, 1);
    }
    normalize::Line L;
    L.begin = t.text.size();
    t.text += line;
    L.end = t.text.size();
    L.page = page;
    L.table_row = line.find('\t') != std::string::npos;
    if (auto h = hints.find(index); h != hints.end()) {
      L.heading_level = h->second.heading_level;
      L.bold = h->second.bold;
    }
    normalize::Piece p;
    p.begin = L.begin;
    p.length = L.end - L.begin + 1;
    p.page = page;
    p.source = start;
    p.source_length = p.length;
    t.pieces.push_back(p);
    t.lines.push_back(L);
    t.text += '\n';
    start += line.size() + 1;
    ++index;
  }
  if (!t.text.empty()) t.text.pop_back();
  if (!t.pieces.empty()) t.pieces.back().length -= 1;
  return t;
}

std::string Spaceless(std::string_view s) { return text::strip_spaces(s); }

std::vector<const Section*> OfKind(const Outline& o, Kind k) {
  std::vector<const Section*> out;
  for (const auto& s : o.sections)
    if (s.kind == k) out.push_back(&s);
  return out;
}

// --------------------------------------------------------------- rule file

// The outline reads a line's TOC match back from the line's end
// (RuleSet::match_suffix): every `toc` rule must end at `$`, so that the
// match ending the line is the one a search finds, on examples and
// counterexamples alike.
TEST(OutlineRules, EveryTocRuleEndsTheLine) {
  const auto& family = Rules().family("toc");
  ASSERT_GE(family.size(), 2u);
  for (const rules::Rule* r : family) {
    for (const auto& ex : r->examples) {
      const auto found = Rules().find_all("toc", ex.text);
      ASSERT_EQ(found.size(), 1u) << r->id << ": " << ex.text;
      EXPECT_EQ(found.front().end, ex.text.size()) << r->id << ": " << ex.text;
      const auto back = Rules().match_suffix("toc", ex.text);
      ASSERT_TRUE(back.has_value()) << r->id << ": " << ex.text;
      EXPECT_EQ(back->begin, found.front().begin) << r->id << ": " << ex.text;
      EXPECT_EQ(back->rule, found.front().rule) << r->id << ": " << ex.text;
    }
    for (const auto& ex : r->counterexamples)
      EXPECT_EQ(Rules().match_suffix("toc", ex.text).has_value(), Rules().any("toc", ex.text))
          << r->id << ": " << ex.text;
  }
}

TEST(OutlineRules, StructureAndSegmentExamplesPass) {
  std::vector<std::string> failures;
  for (const auto& f : rules::check(Rules()))
    if (f.find("structure.toml") != std::string::npos || f.find("segment.toml") != std::string::npos)
      failures.push_back(f);
  EXPECT_TRUE(failures.empty()) << failures.front();
  for (const char* family : {"heading", "toc", "note_marker", "time_limit", "table_column", "signature", "contact"})
    EXPECT_FALSE(Rules().family(family).empty()) << family;
}

struct MarkerCase {
  const char* line;
  const char* kind;  // "" = not a heading
  const char* marker;
};

TEST(OutlineRules, HeadingMarkersByKind) {
  const MarkerCase cases[] = {
      {"一、总体要求", "part", "一、"},
      {"十二、保障措施", "part", "十二、"},
      {"（一）指导思想", "section", "（一）"},
      {"(三) 加强培训指导", "section", "(三)"},
      {"1.加快构建绿色制造体系", "item", "1."},
      {"1．加快构建", "item", "1．"},
      {"2. 加强评价", "item", "2."},
      {"3、完善城乡配送体系", "item", "3、"},
      {"（1）推进试点", "subitem", "（1）"},
      {"(2)推进试点", "subitem", "(2)"},
      {"①提高能效", "point", "①"},
      {"专栏 1 工业清洁生产重点工程", "box", "专栏 1"},
      {"附件1", "attachment", "附件1"},
      {"附件", "attachment", "附件"},
      {"第一章 总则", "chapter", "第一章"},
      {"第二节生态环境质量", "division", "第二节"},
      {"第二十三条 重点排放单位应当", "article", "第二十三条"},
      {"第一批示范项目", "", ""},
      {"1.5万吨标准煤", "", ""},
      {"2025年，全市单位地区生产总值能耗下降14%", "", ""},
      {"1. 2023 年通过清洁生产审核验收企业情况", "", ""},
      {"附件: 1. 2023 年通过清洁生产审核验收企业情况", "", ""},
      {"一是加强组织领导", "", ""},
      {"（2023-2025年）", "", ""},
  };
  for (const auto& c : cases) {
    auto m = Rules().match_prefix("heading", c.line);
    if (std::string(c.kind).empty()) {
      EXPECT_FALSE(m.has_value()) << c.line;
      continue;
    }
    ASSERT_TRUE(m.has_value()) << c.line;
    EXPECT_EQ(m->attr("kind"), c.kind) << c.line;
    EXPECT_EQ(m->group("marker", c.line), c.marker) << c.line;
  }
}

// ------------------------------------------------------------- the cascade

TEST(Outline, CascadeNestsByMarkerAndSkipsLevels) {
  auto t = Make(
      "关于印发某方案的通知\n"
      "一、总体要求\n"
      "（一）指导思想\n"
      "坚持以习近平新时代中国特色社会主义思想为指导。\n"
      "二、重点任务\n"
      "1.加快构建绿色制造体系。强化全生命周期理念。（市工业和信息化局牵头，市发展改革局等配合）\n"
      "（1）开展试点。推动园区示范。\n"
      "①提高能效水平。\n"
      "(二) 强化政策激励\n"
      "1. 落实税收优惠政策。（市财政局负责）\n"
      "2、建立激励制度。（市发展改革局负责）");
  Outline o = build(t, Rules());
  ASSERT_EQ(o.sections[0].kind, Kind::kRoot);
  auto parts = OfKind(o, Kind::kPart);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]->title, "总体要求");
  EXPECT_EQ(parts[1]->ordinal, 2);
  auto sections = OfKind(o, Kind::kSection);
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[1]->number, "(二)");
  EXPECT_EQ(sections[1]->ordinal, 2);
  // 二、 has an item directly (the section level is skipped) and then a
  // section: the item is a child of the part.
  auto items = OfKind(o, Kind::kItem);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(o.sections[items[0]->parent].kind, Kind::kPart);
  EXPECT_EQ(items[0]->title, "加快构建绿色制造体系");
  // Numbering restarts inside each parent.
  EXPECT_EQ(items[1]->ordinal, 1);
  EXPECT_EQ(o.sections[items[1]->parent].kind, Kind::kSection);
  EXPECT_EQ(items[2]->ordinal, 2);
  auto sub = OfKind(o, Kind::kSubItem);
  ASSERT_EQ(sub.size(), 1u);
  EXPECT_EQ(sub[0]->parent, items[0]->id);
  auto points = OfKind(o, Kind::kPoint);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0]->parent, sub[0]->id);
  EXPECT_EQ(o.path_of(points[0]->id), "二/1./（1）/①");
  EXPECT_EQ(o.path_of(items[2]->id), "二/(二)/2、");
  // Every child lies inside its parent.
  for (const auto& s : o.sections) {
    if (s.parent < 0) continue;
    const Section& p = o.sections[s.parent];
    EXPECT_LE(p.begin, s.begin);
    EXPECT_GE(p.end, s.end) << s.title;
    EXPECT_EQ(s.depth, p.depth + 1);
  }
}

TEST(Outline, MarkupHeadingsAndTitlesOverTwoLines) {
  // normalize strips `## **…**` into hints; the marker still decides the
  // level, markup alone makes an unnumbered heading.
  auto t = Make(
      "宿州市清洁生产实施方案\n"
      "一、主要目标\n"
      "到2025年，全市清洁生产水平全面提升。\n"
      "二、强化科技产业支撑，全面提升清洁生产\n"
      "能力水平\n"
      "（一）\n"
      "加强科技创新引领\n"
      "加强清洁生产领域基础研究。",
      {{0, {1, false}}, {1, {2, true}}});
  Outline o = build(t, Rules());
  auto headings = OfKind(o, Kind::kHeading);
  ASSERT_EQ(headings.size(), 1u);
  EXPECT_EQ(headings[0]->title, "宿州市清洁生产实施方案");
  auto parts = OfKind(o, Kind::kPart);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]->parent, 0);
  EXPECT_EQ(parts[1]->title, "强化科技产业支撑，全面提升清洁生产能力水平");
  auto sections = OfKind(o, Kind::kSection);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0]->title, "加强科技创新引领");  // not split from its number
  EXPECT_EQ(sections[0]->parent, parts[1]->id);
}

TEST(Outline, PdfLayoutQuirks) {
  // Title printed above its number; the first heading glued to the TOC's
  // last entry; a wrapped line that happens to start with 一、.
  const std::string body = "“十三五”以来，阿坝州认真贯彻落实党中央国务院有关生态文明建设的决策部署，大力推进生态文明建设。";
  Outline above = build(Make("“十三五”生态环境保护成效\n一、\n" + body), Rules());
  auto parts = OfKind(above, Kind::kPart);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0]->title, "“十三五”生态环境保护成效");
  EXPECT_EQ(parts[0]->begin, 0u);
  Outline glued = build(Make("目录\n一、主要目标.....- 1 -\n（六）深化对外合作.....- 61 -“十三五”生态环境保护成效\n一、\n" + body),
                        Rules());
  parts = OfKind(glued, Kind::kPart);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0]->title, "“十三五”生态环境保护成效");
  Outline wrapped = build(Make("一、总体要求\n坚持生态优先。\n二、主要任务\n位于青藏高原向四川盆地过渡的第\n"
                               "一、第二阶梯，属于全球34个生物多样性热点地区之一，是世界瞩目的生物基因库和中国生物资源的战略储备要地。"),
                          Rules());
  parts = OfKind(wrapped, Kind::kPart);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1]->title, "主要任务");
}

TEST(Outline, BoxesHoldProjectsNotItems) {
  auto t = Make(
      "（三）突出抓好工业清洁生产\n"
      "1.加快构建绿色制造体系。推进示范。（市工业和信息化局牵头）\n"
      "2.加快燃料原料清洁替代。推进替代。（市发展改革局负责）\n"
      "专栏 1 工业清洁生产重点工程\n"
      "1.绿色制造体系建设工程。大力培育创建绿色工厂。\n"
      "2.实施工业企业清洁生产审核工程。推动审核。\n"
      "3.大力推行重点行业清洁低碳改造。依法淘汰落后产能。（市工业和信息化局负责）\n"
      "专栏2 无编号项目\n"
      "数字产业。以打造全国重要的云计算大数据基地为引领。\n"
      "4.推动传统行业智能化改造。加快淘汰落后产能。（市经济和信息化局负责）");
  Outline o = build(t, Rules());
  auto boxes = OfKind(o, Kind::kBox);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0]->ordinal, 1);
  EXPECT_EQ(boxes[0]->title, "工业清洁生产重点工程");
  std::vector<int> outer, inner;
  for (const auto* s : OfKind(o, Kind::kItem)) (s->in_box ? inner : outer).push_back(s->ordinal);
  EXPECT_EQ(outer, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(inner, (std::vector<int>{1, 2}));
  // Items 3 and 4 take up the numbering from before the box: they close it
  // and are children of （三）, not of the box.
  for (const auto* s : OfKind(o, Kind::kItem))
    if (!s->in_box) {
      EXPECT_EQ(o.sections[s->parent].kind, Kind::kSection) << s->title;
    }
  // Box projects are not tasks; the four noted items are.
  ASSERT_EQ(o.tasks.size(), 4u);
  for (const auto& task : o.tasks) EXPECT_FALSE(o.sections[task.section].in_box);
  EXPECT_EQ(o.tasks[3].label, "4");
  EXPECT_EQ(o.tasks[3].note, "市经济和信息化局负责");
}

TEST(Outline, AttachmentsSignatureAndContact) {
  auto t = Make(
      "一、工作要求\n"
      "（一）加强组织领导。各地市要于4月底前公布实施。\n"
      "附件: 1. 2023 年通过清洁生产审核验收企业情况\n"
      "广东省工业和信息化厅\n"
      "广东省生态环境厅\n"
      "2024 年 3 月 15 日\n"
      "(联系人及电话: 省工业和信息化厅 张诚, 020-83133243;\n"
      "省生态环境厅 陈小康, 020-87534028)\n"
      "附件1\n"
      "2023年通过清洁生产审核验收企业情况\n"
      "序号\t地市\t合计(家)\n"
      "1\t广州\t187\n"
      "2\t深圳\t102\n"
      "合计\t\t289");
  Outline o = build(t, Rules());
  std::map<RegionKind, int> regions;
  for (const auto& r : o.excluded) ++regions[r.kind];
  EXPECT_EQ(regions[RegionKind::kSignature], 1);
  EXPECT_EQ(regions[RegionKind::kContact], 1);
  auto att = OfKind(o, Kind::kAttachment);
  ASSERT_EQ(att.size(), 1u);  // the list `附件: 1. …` is not an attachment
  EXPECT_EQ(att[0]->number, "附件1");
  EXPECT_EQ(att[0]->title, "2023年通过清洁生产审核验收企业情况");
  // The section's task stops before the signature block.
  ASSERT_EQ(o.tasks.size(), 1u);
  EXPECT_EQ(o.tasks[0].text.find("生态环境厅"), std::string::npos);
  EXPECT_NE(o.tasks[0].text.find("4月底前"), std::string::npos);
  // The attachment's table: header, rows (a 合计 row keeps its empty cell).
  ASSERT_EQ(o.tables.size(), 1u);
  const Table& tb = o.tables[0];
  EXPECT_FALSE(tb.allocation);
  EXPECT_EQ(tb.section, att[0]->id);
  EXPECT_EQ(tb.header, (std::vector<std::string>{"序号", "地市", "合计(家)"}));
  ASSERT_EQ(tb.rows.size(), 3u);
  EXPECT_EQ(tb.rows[1].cells, (std::vector<std::string>{"2", "深圳", "102"}));
  EXPECT_EQ(tb.rows[2].cells[1], "");
  EXPECT_TRUE(o.sections[tb.section].in_attachment);
  // Signature and contact lines belong to no task.
  for (const auto& r : o.excluded) EXPECT_EQ(o.task_at(r.begin), -1);
}

TEST(Outline, TableOfContentsMakesNoSections) {
  auto t = Make(
      "目录\n"
      "一、主要目标\t- 1 -\n"
      "二、聚焦重点领域清洁生产\t- 1 -\n"
      "（一）重点推进工业清洁生产\t- 2 -\n"
      "(二) 加大政策支持, 统筹资金保障.....- 23 -\n"
      "宿州市清洁生产实施方案\n"
      "一、主要目标\n"
      "到2025年，全市清洁生产水平全面提升。");
  Outline o = build(t, Rules());
  ASSERT_EQ(o.excluded.size(), 1u);
  EXPECT_EQ(o.excluded[0].kind, RegionKind::kTableOfContents);
  EXPECT_EQ(o.sections.size(), 2u);  // root + the one real part
  EXPECT_GE(o.sections[1].begin, o.excluded[0].end);
  EXPECT_TRUE(o.tables.empty());
  ASSERT_EQ(o.tasks.size(), 1u);
  EXPECT_EQ(o.tasks[0].path, "一");
}

TEST(Outline, AllocationTableRowsAreTasks) {
  // A 分工表 flattened to tabs: repeated headers, merged cells left empty, a
  // number in its own cell or glued to the text, a cell broken by a space,
  // a row without a responsibility cell, a second group with its own
  // numbering.
  auto t = Make(
      "重点任务\t\t\t\t责任单位\n"
      "一、聚焦重点\t（一）工业\t1. 加快构建绿色制造体系\t1\t在支持制造强省中提升清洁生产水平。\t市发展改革委、各区政府等按职责分工负责\n"
      "\t\t\t2\t强化全生命周期理念。\t牵头单位：市工业和信息化局 协办单位：各区政府\n"
      "\f重点任务\t\t\t\t责任单位\n"
      "<p>(二)农业</p>\t5. 推广新模式\t3\t鼓励全 民参与。\t牵头单位：市市场监管局\n"
      "\t\t\t4 发挥社会组织作用。\t市发展改革委等按职责分工负责\n"
      "\t\t\t5推动社会组织发挥更大作用。\t市民政局负责\n"
      "\t\t\t6\t市发展改革委加强组织协调。\n"
      "重点工程\t\t\t责任单位\n"
      "一、工业重点工程\t(一) 示范企业创建工程\t1\t重点实施轻量化。到2025年，累计创建10家。\t牵头单位：市工业和信息化局");
  Outline o = build(t, Rules());
  ASSERT_EQ(o.tables.size(), 1u);
  const Table& tb = o.tables[0];
  EXPECT_TRUE(tb.allocation);
  EXPECT_EQ(tb.header, (std::vector<std::string>{"重点任务", "责任单位"}));
  ASSERT_EQ(o.tasks.size(), 7u);
  const std::vector<std::string> labels = {"重点任务 1", "重点任务 2", "重点任务 3", "重点任务 4",
                                           "重点任务 5", "重点任务 6", "重点工程 1"};
  for (size_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(o.tasks[i].label, labels[i]);
    EXPECT_EQ(o.tasks[i].table, 0);
    EXPECT_EQ(o.tasks[i].id, static_cast<int>(i));
  }
  // Spaces between CJK characters go, as normalisation removes them.
  EXPECT_EQ(o.tasks[1].note, "牵头单位：市工业和信息化局协办单位：各区政府");
  // Merged label cells inherit the value above.
  EXPECT_EQ(o.tasks[1].path, "重点任务/一、/（一）/1.");
  EXPECT_EQ(tb.rows[o.tasks[1].row].cells[0], "一、聚焦重点");
  EXPECT_EQ(o.tasks[2].path, "重点任务/一、/(二)/5.");
  EXPECT_EQ(tb.rows[o.tasks[3].row].cells[1], "5. 推广新模式");
  EXPECT_EQ(o.tasks[2].page_first, 2);
  EXPECT_NE(o.tasks[2].text.find("鼓励全民参与"), std::string::npos);  // broken cell joined, tags gone
  EXPECT_EQ(o.tasks[3].text.rfind("发挥社会组织作用。", 0), 0u);          // `4 发挥…` split
  EXPECT_EQ(o.tasks[4].text.rfind("推动社会组织", 0), 0u);                 // `5推动…` split
  EXPECT_EQ(o.tasks[5].note, "");                                         // no responsibility cell
  EXPECT_EQ(o.tasks[6].path, "重点工程/一、/(一)");
  for (const auto& task : o.tasks) EXPECT_EQ(o.task_at(task.begin), task.id);
}

TEST(Outline, NotesCloseSectionsAndTimeLimits) {
  auto t = Make(
      "三、主要任务\n"
      "（一）创新清洁生产推进模式。\n"
      "建立清洁生产工作统一协调机制。\n"
      "实施差别化清洁生产审核制度。\n"
      "（牵头单位：各级经济和信息化部门、环保部门）\n"
      "（二）加强对外合作。\n"
      "以“清洁生产伙伴计划”为契机，建立长期合作机制。（责任单位：省发展改革委；完成时限：2021年6月）\n"
      "四、保障措施\n"
      "（一）加强组织领导。省级部门要形成责任明确的组织领导体系。");
  Outline o = build(t, Rules());
  ASSERT_EQ(o.tasks.size(), 3u);
  EXPECT_EQ(o.tasks[0].label, "（一）");
  EXPECT_EQ(o.tasks[0].note, "牵头单位：各级经济和信息化部门、环保部门");
  EXPECT_NE(Spaceless(o.tasks[0].text).find("创新清洁生产推进模式。建立清洁生产"), std::string::npos);
  EXPECT_NE(o.tasks[0].text.find("（牵头单位"), std::string::npos);
  EXPECT_EQ(o.tasks[1].time_limit, "2021年6月");
  EXPECT_EQ(o.tasks[2].note, "");  // a leaf with body text and no note is still a task
  EXPECT_EQ(o.tasks[2].path, "四/（一）");
  // section_at / task_at / path_of agree with the spans.
  for (const auto& task : o.tasks) {
    EXPECT_EQ(o.section_at(task.begin), task.section);
    EXPECT_EQ(o.task_at(task.end - 1), task.id);
  }
  EXPECT_EQ(o.task_at(0), -1);  // 三、主要任务 itself is no task
  EXPECT_EQ(o.sections[o.section_at(0)].kind, Kind::kPart);
}

// A paragraph closed by a note is a task (gold/README.md §3), numbered or
// not: unnumbered paragraphs under one heading (广安's notices, flattened)
// give one task each; a section with one note stays one task.
TEST(Outline, EveryNotedParagraphIsATask) {
  auto t = Make(
      "二、重点任务\n"
      "（三）全面深化素质教育。坚持立德树人。开展德育工作。（责任单位：市教育体育局，市委宣传部）\n"
      "提升智育水平。构建现代课堂。（责任单位：市教育体育局，市市场监管局）\n"
      "重视身心健康。加强体育锻炼。\n"
      "开展心理健康教育。（责任单位：市教育体育局，市卫生健康委）\n"
      "（四）加强宣传引导。大力宣传教育方针。（责任单位：市委宣传部）");
  Outline o = build(t, Rules());
  ASSERT_EQ(o.tasks.size(), 4u);
  EXPECT_EQ(o.tasks[0].note, "责任单位：市教育体育局，市委宣传部");
  EXPECT_NE(o.tasks[0].text.find("坚持立德树人"), std::string::npos);
  EXPECT_EQ(o.tasks[1].note, "责任单位：市教育体育局，市市场监管局");
  EXPECT_TRUE(o.tasks[1].text.starts_with("提升智育水平"));
  EXPECT_NE(o.tasks[2].text.find("重视身心健康"), std::string::npos);  // two lines, one note
  EXPECT_EQ(o.tasks[2].note, "责任单位：市教育体育局，市卫生健康委");
  EXPECT_EQ(o.tasks[3].label, "（四）");
  for (size_t i = 0; i + 1 < o.tasks.size(); ++i) EXPECT_LE(o.tasks[i].end, o.tasks[i + 1].begin);
}

TEST(Outline, EmptyAndUnnumberedDocuments) {
  Outline empty = build(Make(""), Rules());
  ASSERT_EQ(empty.sections.size(), 1u);
  EXPECT_TRUE(empty.tasks.empty());
  EXPECT_EQ(empty.section_at(0), 0);
  EXPECT_EQ(empty.task_at(0), -1);
  EXPECT_EQ(empty.path_of(0), "");
  Outline plain = build(Make("本通知自印发之日起施行。\n请认真组织实施。"), Rules());
  EXPECT_EQ(plain.sections.size(), 1u);
  EXPECT_TRUE(plain.tasks.empty());
}

// ----------------------------------------------------------------- seeds

pipeline::DocumentResult Process(const fs::path& file) {
  ingest::Limits limits;
  return pipeline::process_file(file.string(), Rules(), limits);
}

fs::path Seed(const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
    if (e.path().filename().string().rfind(prefix, 0) == 0 && e.path().extension() == ".txt") return e.path();
  return {};
}

// Every task_anchor of the gold's assignments for documents found in `dir`
// with `ext` lies in exactly one task's text (white space removed), and no
// task is longer than the scorer's 5,000-character cap.
void ExpectAnchorsInOneTask(const fs::path& gold, const fs::path& dir, const std::string& ext) {
  std::map<std::string, std::set<std::string>> anchors;
  std::ifstream in(gold);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || j.value("type", "") != "assignment") continue;
    anchors[j.value("doc", "")].insert(j.value("task_anchor", ""));
  }
  ASSERT_FALSE(anchors.empty());
  for (const auto& [doc, set] : anchors) {
    fs::path file = dir / (doc + ext);
    if (!fs::exists(file)) {
      // The gold names a document the folder should hold: a missing file is
      // a broken test set, not a pass.
      ADD_FAILURE() << "gold document not found: " << file;
      continue;
    }
    auto r = Process(file);
    std::vector<std::string> tasks;
    for (const auto& t : r.outline.tasks) {
      tasks.push_back(Spaceless(t.text));
      EXPECT_LE(text::length(tasks.back()), 5000u) << doc << " task " << t.id;
    }
    int bad = 0;
    for (const auto& a : set) {
      std::string key = Spaceless(a);
      int hits = 0;
      for (const auto& t : tasks) hits += t.find(key) != std::string::npos;
      if (hits != 1) {
        ++bad;
        ADD_FAILURE() << doc << ": anchor " << a << " in " << hits << " tasks";
      }
    }
    EXPECT_EQ(bad, 0) << doc << ": " << set.size() << " anchors";
  }
}

TEST(OutlineSeeds, EveryGoldTaskAnchorIsInExactlyOneTask) {
  fs::path gold = fs::path(POLICYDB_SHARED_DIR) / "gold" / "seeds.jsonl";
  if (!fs::exists(gold)) GTEST_SKIP() << "no gold at " << gold;
  ExpectAnchorsInOneTask(gold, fs::path(POLICYDB_SOURCE_DIR) / "corpus", ".txt");
}

TEST(OutlinePdf, EveryGoldTaskAnchorIsInExactlyOneTask) {
  fs::path gold = fs::path(POLICYDB_SHARED_DIR) / "gold" / "pdf.jsonl";
  fs::path dir = fs::path(POLICYDB_SHARED_DIR) / "pdf";
  if (!fs::exists(gold) || !fs::exists(dir)) GTEST_SKIP() << "no PDF gold at " << gold;
  ExpectAnchorsInOneTask(gold, dir, ".pdf");
}

TEST(OutlinePdf, ChaptersAndDivisionsNestAboveTheCascade) {
  fs::path dir = fs::path(POLICYDB_SHARED_DIR) / "pdf";
  if (!fs::exists(dir)) GTEST_SKIP() << "no PDFs at " << dir;
  fs::path plan;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("431、", 0) == 0) plan = e.path();
  if (plan.empty()) GTEST_SKIP() << "431 plan missing";
  const Outline o = Process(plan).outline;
  EXPECT_EQ(OfKind(o, Kind::kChapter).size(), 11u);
  for (const auto* d : OfKind(o, Kind::kDivision)) EXPECT_EQ(o.sections[d->parent].kind, Kind::kChapter);
  for (const auto* p : OfKind(o, Kind::kPart)) EXPECT_EQ(o.sections[p->parent].kind, Kind::kDivision);
  for (const auto& t : o.tasks) EXPECT_LE(text::length(text::strip_spaces(t.text)), 5000u) << t.path;
}

TEST(OutlineSeeds, AllocationTableYields165TasksInOrder) {
  fs::path file = Seed("002_");
  if (file.empty()) GTEST_SKIP() << "corpus/002 missing";
  auto r = Process(file);
  const Outline& o = r.outline;
  ASSERT_EQ(o.tasks.size(), 165u);
  for (int i = 0; i < 140; ++i) EXPECT_EQ(o.tasks[i].label, "重点任务 " + std::to_string(i + 1));
  for (int i = 0; i < 25; ++i) EXPECT_EQ(o.tasks[140 + i].label, "重点工程 " + std::to_string(i + 1));
  int with_note = 0;
  for (const auto& t : o.tasks) {
    EXPECT_GE(t.table, 0);
    with_note += !t.note.empty();
    EXPECT_EQ(t.text.find('<'), std::string::npos) << t.label;
  }
  EXPECT_EQ(with_note, 164);  // 重点任务 121 has no responsibility cell
  EXPECT_TRUE(o.tasks[120].note.empty());
}

TEST(OutlineSeeds, PlanWithBoxesHasItsNumbering) {
  fs::path file = Seed("000_");
  if (file.empty()) GTEST_SKIP() << "corpus/000 missing";
  const Outline o = Process(file).outline;
  std::vector<int> parts, sections, items, boxes;
  for (const auto& s : o.sections) {
    if (s.kind == Kind::kPart) parts.push_back(s.ordinal);
    if (s.kind == Kind::kSection) sections.push_back(s.ordinal);
    if (s.kind == Kind::kItem && !s.in_box) items.push_back(s.ordinal);
    if (s.kind == Kind::kBox) boxes.push_back(s.ordinal);
  }
  auto iota = [](int n) {
    std::vector<int> v;
    for (int i = 1; i <= n; ++i) v.push_back(i);
    return v;
  };
  EXPECT_EQ(parts, iota(5));
  EXPECT_EQ(sections, iota(20));
  EXPECT_EQ(items, iota(18));
  EXPECT_EQ(boxes, iota(7));
  for (const auto& s : o.sections)
    if (s.kind == Kind::kItem && s.in_box) {
      EXPECT_EQ(o.sections[s.parent].kind, Kind::kBox);
    }
  // Items 1–18 and sections (八)–(二十) close with notes.
  int noted = 0;
  for (const auto& t : o.tasks) noted += !t.note.empty();
  EXPECT_EQ(noted, 31);
}

TEST(OutlineSeeds, TableOfContentsCreatesNoSections) {
  fs::path file = Seed("004_");
  if (file.empty()) GTEST_SKIP() << "corpus/004 missing";
  const Outline o = Process(file).outline;
  const Region* toc = nullptr;
  for (const auto& r : o.excluded)
    if (r.kind == RegionKind::kTableOfContents) toc = &r;
  ASSERT_NE(toc, nullptr);
  for (const auto& s : o.sections)
    if (s.kind != Kind::kRoot) {
      EXPECT_FALSE(s.begin >= toc->begin && s.begin < toc->end) << s.title;
    }
  EXPECT_EQ(OfKind(o, Kind::kPart).size(), 5u);
  int titled = 0;
  for (const auto* s : OfKind(o, Kind::kPart)) titled += s->title == "主要目标";
  EXPECT_EQ(titled, 1);
}

// ------------------------------------------------------------ real PDFs

TEST(OutlinePdf, NoHeadingIsSplitFromItsNumber) {
  fs::path dir = fs::path(POLICYDB_SHARED_DIR) / "pdf";
  if (!fs::exists(dir)) GTEST_SKIP() << "no PDFs at " << dir;
  std::vector<fs::path> pdfs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
  std::sort(pdfs.begin(), pdfs.end());
  if (pdfs.size() > 12) {
    // A fixed sample spread over the folder keeps the test quick.
    std::vector<fs::path> sample;
    for (size_t i = 0; i < pdfs.size(); i += pdfs.size() / 12) sample.push_back(pdfs[i]);
    pdfs = sample;
  }
  int documents = 0, headings = 0;
  for (const auto& pdf : pdfs) {
    auto r = Process(pdf);
    if (r.status == ingest::Status::kFailed && r.text.text.empty()) continue;
    ++documents;
    for (const auto& s : r.outline.sections) {
      if (s.kind == Kind::kRoot || s.kind == Kind::kHeading || s.kind == Kind::kAttachment) continue;
      ++headings;
      EXPECT_FALSE(text::trim(s.title).empty())
          << pdf.filename() << ": " << s.number << " at " << s.begin << " has no title";
    }
  }
  EXPECT_GT(documents, 0);
  EXPECT_GT(headings, 0);
}

}  // namespace
}  // namespace policydb::outline
