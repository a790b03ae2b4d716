// Responsibility notes, found in one place (src/notes/): the note closing a
// line, which the outline ends a task with, is the note the extractor reads
// from the task's span. Table-driven over the note forms of gold/README.md
// §3, then through the whole pipeline on a small notice.
#include "notes/notes.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "notes/brackets.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::notes {
namespace {

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

std::string_view Read(std::string_view line, const Note& n) { return line.substr(n.begin, n.end - n.begin); }

struct ClosingCase {
  const char* line;
  const char* note;  // what the closing note reads; "" = the line does not close with one
};

// Paragraphs and the note closing each: bracketed in every bracket kind,
// with a nested gloss, left open at the paragraph's end, a label line after
// a full stop, a bare list of bodies; and paragraphs whose last bracket is
// no note.
const ClosingCase kClosing[] = {
    {"推动园区开展碳达峰示范。（市工业和信息化局牵头，市发展改革局、生态环境局等配合）",
     "市工业和信息化局牵头，市发展改革局、生态环境局等配合"},
    {"提升物业节能降碳管理水平。（市农业农村局负责）。", "市农业农村局负责"},
    {"推进绿化。（市发展改革委、各区政府（含新区、特别合作区，下同）负责）",
     "市发展改革委、各区政府（含新区、特别合作区，下同）负责"},
    {"规范用地。〔省自然资源厅、省铁路办按职责分工负责〕", "省自然资源厅、省铁路办按职责分工负责"},
    {"推广节能技术。【市发展改革委牵头，市财政局配合】", "市发展改革委牵头，市财政局配合"},
    {"推广节能技术。［责任单位：市城管委、各区县］", "责任单位：市城管委、各区县"},
    {"强化绿色金融支持。（省发展改革委、金融局等按职责分工负责", "省发展改革委、金融局等按职责分工负责"},
    {"建立健全清洁生产激励制度。责任单位：市发展改革委、市财政局", "责任单位：市发展改革委、市财政局"},
    {"完善回收体系。（市商务局）", "市商务局"},
    {"加强河湖管护。（市生态环境局、市水务局按职能分工落实）", "市生态环境局、市水务局按职能分工落实"},
    {"开展专项整治。（落实单位：各县区人民政府）", "落实单位：各县区人民政府"},
    {"加强管理（详见附件）。", ""},
    {"推广低（无）挥发性有机物含量的油墨。", ""},
    {"实施节能改造工程（2023-2025年）", ""},
};

class ClosingNotes : public ::testing::TestWithParam<ClosingCase> {};

TEST_P(ClosingNotes, OutlineAndExtractorAgree) {
  const std::string_view line = GetParam().line;
  const auto closing = closing_note(line, Rules());
  EXPECT_EQ(closes_with_note(line, Rules()), closing.has_value());
  if (std::string_view(GetParam().note).empty()) {
    EXPECT_FALSE(closing) << Read(line, *closing);
    return;
  }
  ASSERT_TRUE(closing);
  EXPECT_EQ(Read(line, *closing), GetParam().note);
  // The extractor's notes of the same paragraph: the last is the one that
  // closes it, the same bytes.
  const auto found = find_notes(line, 0, line.size(), {}, Rules());
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.back().begin, closing->begin);
  EXPECT_EQ(found.back().end, closing->end);
}

INSTANTIATE_TEST_SUITE_P(Paragraphs, ClosingNotes, ::testing::ValuesIn(kClosing),
                         [](const auto& info) { return "paragraph" + std::to_string(info.index); });

TEST(FindNotes, EveryNoteOfASpanSkippingHoles) {
  const std::string t =
      "确保完成目标(责任部门：气候处，完成期限：2021 年四季度)。纳入督察(责任部门：督察办)。"
      "开展工作。责任单位：市发展改革委";
  auto found = find_notes(t, 0, t.size(), {}, Rules());
  std::vector<std::string> got;
  for (const auto& n : found) got.emplace_back(Read(t, n));
  const std::vector<std::string> want = {"责任部门：气候处，完成期限：2021 年四季度", "责任部门：督察办",
                                         "责任单位：市发展改革委"};
  EXPECT_EQ(got, want);
  // A nested task's span is a hole: its note belongs to it.
  const size_t hole = t.find("纳入督察");
  found = find_notes(t, 0, t.size(), {{hole, hole + std::string("纳入督察(责任部门：督察办)").size()}}, Rules());
  EXPECT_EQ(found.size(), 2u);
}

// rules/brackets.toml is the one list of brackets: each note bracket's
// example closes with a note for the rule note-bracketed and for the
// finder alike; a line closed by any other pair of the table (quotes, title
// marks) holds no note for either.
TEST(BracketTable, TheRuleAndTheFinderReadTheSameNoteBrackets) {
  const auto& table = Rules().table("bracket");
  ASSERT_FALSE(table.empty()) << "rules/brackets.toml: no table.bracket";
  const auto marks = brackets(Rules());
  int note_brackets = 0;
  for (const auto& e : table) {
    const std::string open(e.get("open")), close(e.get("close"));
    size_t i = 0;
    EXPECT_TRUE(marks->opens(text::decode(open, i))) << open;
    if (e.get("note") != "true") {
      const std::string line = "加强管理" + open + "市发展改革委牵头" + close;
      EXPECT_FALSE(closes_with_note(line, Rules())) << line;
      EXPECT_TRUE(find_notes(line, 0, line.size(), {}, Rules()).empty()) << line;
      continue;
    }
    ++note_brackets;
    const std::string line(e.get("example"));
    ASSERT_NE(line.find(open), std::string::npos) << open << " not in its example " << line;
    const auto closing = closing_note(line, Rules());
    ASSERT_TRUE(closing) << line;
    EXPECT_EQ(closing->whole_begin, line.rfind(open)) << line;
    const auto found = find_notes(line, 0, line.size(), {}, Rules());
    ASSERT_EQ(found.size(), 1u) << line;
    EXPECT_EQ(found[0].begin, closing->begin) << line;
    EXPECT_EQ(found[0].end, closing->end) << line;
  }
  EXPECT_GE(note_brackets, 5);
  EXPECT_FALSE(marks->opens_note(U'《'));
  EXPECT_TRUE(marks->closes_note(U'】'));
}

TEST(NoteLines, ANoteOnALineOfItsOwn) {
  EXPECT_TRUE(is_note_line("（市发展改革委牵头，市财政局配合）", Rules()));
  EXPECT_TRUE(is_note_line("责任单位：市发展改革委、市财政局", Rules()));
  EXPECT_FALSE(is_note_line("加快推进。（市发展改革委牵头）", Rules()));
}

// closing_note() and closes_with_note() ask only the line's end (programs
// that read back from it): right only while every marker rule ends where
// the text ends. Each rule's examples say so, and on its counterexamples
// asking the end answers as a search of the whole text does.
TEST(NoteLines, EveryMarkerEndsTheLine) {
  const auto& family = Rules().family("note_marker");
  ASSERT_GE(family.size(), 2u);
  for (const rules::Rule* r : family) {
    for (const auto& ex : r->examples) {
      auto found = Rules().find_all("note_marker", ex.text);
      ASSERT_FALSE(found.empty()) << r->id << ": " << ex.text;
      EXPECT_EQ(found.back().end, ex.text.size()) << r->id << ": " << ex.text;
      EXPECT_TRUE(closes_with_note(ex.text, Rules())) << r->id << ": " << ex.text;
    }
    for (const auto& ex : r->counterexamples)
      EXPECT_EQ(closes_with_note(ex.text, Rules()), Rules().any("note_marker", ex.text)) << r->id << ": " << ex.text;
  }
}

// Through the pipeline: every task the outline ends with a note is given
// assignments read from that very note.
TEST(NotesInThePipeline, TaskNoteIsTheNoteAssignmentsComeFrom) {
  const std::string doc =
      "潮州市关于推进节能降碳工作的通知\n\n"
      "一、重点任务\n"
      "（一）推动园区开展碳达峰示范。（市工业和信息化局牵头，市发展改革局、市生态环境局等配合）\n"
      "（二）推广节能技术。加强宣传。【市发展改革局牵头，市财政局配合】\n"
      "（三）完善回收体系。责任单位：市商务局、市供销社\n"
      "（四）强化绿色金融支持。（市财政局、市金融局等按职责分工负责\n"
      "（五）加强河湖管护。（市生态环境局、市水务局按职能分工落实）\n";
  auto r = pipeline::process_bytes("notes.txt", doc, Rules(), ingest::Limits{});
  ASSERT_EQ(r.status, ingest::Status::kOk) << r.message;
  size_t noted = 0;
  for (const auto& task : r.outline.tasks) {
    if (task.note.empty()) continue;
    ++noted;
    size_t assigned = 0;
    for (const auto& a : r.records.assignments) {
      if (a.task != task.id) continue;
      ++assigned;
      EXPECT_NE(a.note.find(task.note), std::string::npos) << a.note << " | " << task.note;
      EXPECT_NE(task.note.find(a.as_written), std::string::npos) << a.as_written << " | " << task.note;
    }
    EXPECT_GE(assigned, 1u) << task.text;
  }
  EXPECT_EQ(noted, 5u);
}

}  // namespace
}  // namespace policydb::notes
