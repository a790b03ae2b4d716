// Clause segmentation, in the style of ICU's rbbitst.txt: each case is a
// text with its expected clause breaks marked inline by ÷. A line break is
// always a boundary and needs no mark. Clauses are compared after trimming.
// Text between ⟦ and ⟧ is in the document but in no clause: a heading's
// marker (`1.`, `（三）`) is not part of its first clause.
#include "segment/segment.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/text.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::segment {
namespace {

namespace fs = std::filesystem;

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

constexpr std::string_view kBreak = "÷";
constexpr std::string_view kSkipOpen = "⟦";
constexpr std::string_view kSkipClose = "⟧";

// The text without marks, one Line per '\n'-separated line, all on page 1.
normalize::NormalizedText Make(const std::string& marked) {
  normalize::NormalizedText t;
  for (size_t i = 0; i < marked.size();) {
    bool mark = false;
    for (auto m : {kBreak, kSkipOpen, kSkipClose})
      if (marked.compare(i, m.size(), m) == 0) {
        i += m.size();
        mark = true;
      }
    if (!mark) t.text += marked[i++];
  }
  size_t start = 0;
  while (true) {
    size_t nl = t.text.find('\n', start);
    normalize::Line L;
    L.begin = start;
    L.end = nl == std::string::npos ? t.text.size() : nl;
    L.table_row = t.text.substr(L.begin, L.end - L.begin).find('\t') != std::string::npos;
    t.lines.push_back(L);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  t.pieces.push_back({0, t.text.size(), 1, 0, t.text.size()});
  return t;
}

// Expected clauses: the marked text cut at ÷, '\n' and '\t', trimmed.
std::vector<std::string> Expected(const std::string& marked) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string_view t = text::trim(cur);
    if (!t.empty()) out.emplace_back(t);
    cur.clear();
  };
  bool skipping = false;
  for (size_t i = 0; i < marked.size();) {
    if (marked.compare(i, kSkipOpen.size(), kSkipOpen) == 0) {
      skipping = true;
      i += kSkipOpen.size();
    } else if (marked.compare(i, kSkipClose.size(), kSkipClose) == 0) {
      skipping = false;
      i += kSkipClose.size();
    } else if (skipping) {
      ++i;
    } else if (marked.compare(i, kBreak.size(), kBreak) == 0) {
      flush();
      i += kBreak.size();
    } else if (marked[i] == '\n' || marked[i] == '\t') {
      flush();
      ++i;
    } else {
      cur += marked[i++];
    }
  }
  flush();
  return out;
}

struct Case {
  const char* name;
  const char* marked;
};

const Case kCases[] = {
    {"semicolon splits clauses, comma does not",
     "到2025年，全市单位地区生产总值能耗下降14%；÷新增高效节水灌溉面积4400亩。÷化学需氧量减排量完成省下达目标。"},
    {"half-width semicolon", "推广节能技术;÷加强运行管理。"},
    {"sentence ends at 。！？", "必须加强管理！÷是否达标？÷要加快推进。"},
    {"list marker is not a sentence end", "⟦1.⟧加快构建绿色制造体系。÷强化全生命周期理念。"},
    {"section heading keeps its title", "⟦（三）⟧突出抓好工业清洁生产\n到2025年，全面推行。"},
    {"decimal number is not a break", "节能量达到1.5万吨标准煤，提高2.3个百分点。"},
    {"bracketed note after 。 starts a clause",
     "推动条件成熟的园区开展示范。÷（市工业和信息化局牵头，市发展改革局等配合）"},
    {"quote after 。 starts the next sentence", "打造“广东样板”。÷“十三五”期间，全省开展清洁生产审核企业超过10000家次。"},
    {"title mark after 。 starts the next sentence", "加快落实。÷《方案》明确了目标。"},
    {"label colon ends a clause", "主要目标：÷到2025年，全市清洁生产水平全面提升。"},
    {"long lead-in colon is not a label", "各县区人民政府，市政府各部门、各直属机构：\n现将方案印发给你们。"},
    {"a line break always separates", "加强组织领导\n省级部门要形成体系"},
    {"table cells never share a clause", "1\t加强清洁生产审核。÷推广技术。\t牵头单位：÷市发展改革委"},
    {"closing bracket stays with its sentence", "完成省下达目标（具体见附件）。÷加快推进。"},
    {"clause of semicolons inside a note",
     "（牵头单位：省经济和信息化委；÷配合单位：÷省环境保护厅）"},
    {"pieces without words are dropped", "⟦。。⟧\n\n⟦；⟧"},
};

TEST(Segment, MarkedCases) {
  for (const auto& c : kCases) {
    auto t = Make(c.marked);
    auto outline = outline::build(t, Rules());
    auto clauses = segment(t, outline, Rules());
    std::vector<std::string> got;
    for (const auto& cl : clauses) got.push_back(cl.text);
    std::vector<std::string> want = Expected(c.marked);
    EXPECT_EQ(got, want) << c.name;
    for (const auto& cl : clauses) {
      ASSERT_LE(cl.end, t.text.size());
      EXPECT_EQ(cl.text, t.text.substr(cl.begin, cl.end - cl.begin)) << c.name;
      EXPECT_EQ(cl.text.find('\n'), std::string::npos);
      EXPECT_EQ(cl.text.find('\t'), std::string::npos);
    }
  }
}

TEST(Segment, ClausesKnowTheirSectionTaskSentenceAndTable) {
  auto t = Make(
      "一、重点任务\n"
      "1.加快构建绿色制造体系。强化全生命周期理念；推广绿色设计。（市工业和信息化局牵头）\n"
      "2.加快燃料原料清洁替代。（市发展改革局负责）\n"
      "序号\t任务\t责任单位\n"
      "1\t加强审核。\t市生态环境局负责\n"
      "2\t推广技术。\t市科技局负责");
  auto o = outline::build(t, Rules());
  auto clauses = segment(t, o, Rules());
  ASSERT_FALSE(clauses.empty());
  for (size_t i = 0; i < clauses.size(); ++i) {
    EXPECT_EQ(clauses[i].id, static_cast<int>(i));
    if (i) {
      EXPECT_GE(clauses[i].begin, clauses[i - 1].end);
      EXPECT_GE(clauses[i].sentence, clauses[i - 1].sentence);
    }
    EXPECT_EQ(clauses[i].page, 1);
    EXPECT_EQ(clauses[i].section, o.section_at(clauses[i].begin));
    EXPECT_EQ(clauses[i].task, o.task_at(clauses[i].begin));
  }
  auto find = [&](const std::string& s) -> const Clause* {
    for (const auto& c : clauses)
      if (c.text == s) return &c;
    return nullptr;
  };
  const Clause* a = find("强化全生命周期理念；");
  const Clause* b = find("推广绿色设计。");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->sentence, b->sentence);  // a clause split, not a sentence split
  EXPECT_EQ(a->task, 0);
  const Clause* title = find("加快燃料原料清洁替代。");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->task, 1);
  const Clause* cell = find("推广技术。");
  ASSERT_NE(cell, nullptr);
  EXPECT_TRUE(cell->in_table);
  EXPECT_FALSE(a->in_table);
  const Clause* heading = find("重点任务");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->task, -1);
  EXPECT_EQ(o.sections[heading->section].kind, outline::Kind::kPart);
}

TEST(Segment, TableOfContentsHasNoClauses) {
  auto t = Make(
      "目录\n"
      "一、主要目标\t- 1 -\n"
      "二、聚焦重点领域清洁生产\t- 1 -\n"
      "一、主要目标\n"
      "到2025年，全市清洁生产水平全面提升。");
  auto o = outline::build(t, Rules());
  auto clauses = segment(t, o, Rules());
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_EQ(clauses[0].text, "主要目标");
  EXPECT_EQ(clauses[1].task, 0);
}

TEST(Segment, EmptyText) {
  normalize::NormalizedText t;
  auto o = outline::build(t, Rules());
  EXPECT_TRUE(segment(t, o, Rules()).empty());
}

TEST(SegmentSeeds, ClausesStayInsideLinesAndCells) {
  fs::path dir = fs::path(POLICYDB_SOURCE_DIR) / "corpus";
  if (!fs::exists(dir)) GTEST_SKIP() << "no corpus";
  int documents = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".txt") continue;
    ingest::Limits limits;
    auto r = pipeline::process_file(e.path().string(), Rules(), limits);
    ASSERT_FALSE(r.text.text.empty()) << e.path();
    ++documents;
    const auto& cl = r.clauses;
    ASSERT_GT(cl.size(), 10u) << e.path();
    size_t in_tasks = 0;
    for (size_t i = 0; i < cl.size(); ++i) {
      std::string_view span(r.text.text.data() + cl[i].begin, cl[i].end - cl[i].begin);
      EXPECT_EQ(cl[i].text, span);
      EXPECT_EQ(span.find('\n'), std::string_view::npos);
      EXPECT_EQ(span.find('\t'), std::string_view::npos);
      EXPECT_FALSE(text::trim(span).empty());
      if (i) {
        EXPECT_GE(cl[i].begin, cl[i - 1].end);
      }
      const auto* region = r.outline.excluded_at(cl[i].begin);
      EXPECT_TRUE(region == nullptr || region->kind != outline::RegionKind::kTableOfContents);
      in_tasks += cl[i].task >= 0;
    }
    if (!r.outline.tasks.empty()) {
      EXPECT_GT(in_tasks, 0u) << e.path();
    }
  }
  EXPECT_EQ(documents, 5);
}

}  // namespace
}  // namespace policydb::segment
