// Provenance to the byte (issue 15): every record of a TXT or HTML notice,
// cut from the original file by its stored source span, holds the record's
// text. Inputs are built here: UTF-8 TXT with CRLF line ends, a flattened
// TXT notice, the same notice in GB18030, and HTML with markup, entities
// and a table, in UTF-8 and in GBK.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/text.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "support/repo_rules.h"
#include "unicode/unicode.h"

namespace policydb {
namespace {

namespace fs = std::filesystem;

const char* kNotice =
    "关于印发某市充电设施建设行动方案的通知\n"
    "各区人民政府，市政府各部门：\n"
    "一、工作目标\n"
    "到2025年，全市新能源汽车保有量达到10万辆以上，公共充电桩覆盖率达到90%。\n"
    "二、重点任务\n"
    "（一）加快充电设施建设。到2024年底，建成公共充电桩5000个。（责任单位：市发展改革委、市住房城乡建设局）\n"
    "（二）推广示范应用。2025年6月底前完成示范项目验收。（责任单位：市工业和信息化局）\n"
    "某市人民政府\n"
    "2024年3月1日\n";

const char* kPage = R"(<!DOCTYPE html><html><head>
<meta charset="%CHARSET%"><title>关于印发某市充电设施建设行动方案的通知</title>
<script>var x = "不应出现";</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zc">政策</a></div>
<div class="article">
<p align=center>关于印发某市充电设施建设行动方案的通知
<p>各区人民政府，市政府各部门：
<p>一、工作目标
<p>到2025年，全市<b>新能源汽车</b>保有量达到10万辆&nbsp;以上，公共充电桩&ldquo;全覆盖&rdquo;率达到90%。
<p>二、重点任务
<p>（一）加快充电设施建设。到2024年底，<span class="x">建成公共充电桩</span>5000个。（责任单位：市发展改革委、市住房城乡建设局）
<p>（二）推广示范&amp;应用。2025年6月底前完成示范项目验收。（责任单位：市工业和信息化局）
<p>三、任务分工
<table border=1>
<tr><th>序号<th>工作任务<th>牵头单位<th>完成时限
<tr><td>1<td>建设公共充电桩<td>市发展改革委<td>2024年12月底
<tr><td>2<td>完成示范项目验收<td>市工业和信息化局<td>2025年6月底
</table>
<p>某市人民政府
<p>2024年3月1日
</div></body></html>
)";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Text as compared: no white space, full-width forms folded (as normalise
// does); for HTML, markup dropped and the entities used above decoded.
std::string canonical(std::string s, bool html) {
  if (html) {
    std::string text;
    bool in_tag = false;
    for (char c : s) {
      if (c == '<') in_tag = true;
      else if (c == '>' && in_tag) in_tag = false;
      else if (!in_tag) text += c;
    }
    s = std::move(text);
    for (const auto& [from, to] : {std::pair<const char*, const char*>{"&nbsp;", " "},
                                   {"&ldquo;", "“"}, {"&rdquo;", "”"}, {"&amp;", "&"}, {"&gt;", ">"}})
      s = replace_all(s, from, to);
  }
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = text::to_halfwidth(text::decode(s, pos));
    if (text::is_space(cp) || cp == 0xA0 || cp == 0x3000) continue;
    text::append(out, cp);
  }
  return out;
}

class ProvenanceTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "provenance_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  fs::path dir_;
};

// name → file bytes.
std::string input(const std::string& name) {
  const std::string utf8_page = replace_all(kPage, "%CHARSET%", "utf-8");
  if (name == "crlf.txt") return replace_all(kNotice, "\n", "\r\n");
  if (name == "flat.txt") return replace_all(kNotice, "\n", "");
  if (name == "gbk.txt") return unicode::encode_as(kNotice, "GB18030");
  if (name == "page.html") return utf8_page;
  return unicode::encode_as(replace_all(kPage, "%CHARSET%", "gbk"), "GB18030");  // gbk.html
}

TEST_P(ProvenanceTest, EveryRecordsFileSpanHoldsItsText) {
  const std::string name = GetParam();
  const bool html = name.ends_with(".html");
  const std::string bytes = input(name);
  const std::string path = write(name, bytes);
  auto r = pipeline::process_file(path, testing::repo_rules(), {});
  ASSERT_EQ(r.status, ingest::Status::kOk) << r.message;
  auto db = store::Database::open((dir_ / "policy.db").string());
  ASSERT_TRUE(db.ok()) << db.status().message();
  auto run = db.value()->begin_run({"test", "test", ""});
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db.value()->put_document(r, run.value()).ok());

  std::vector<std::pair<std::string, int64_t>> records;
  for (const auto& t : r.outline.tasks) records.emplace_back("task", t.id);
  for (const auto& c : r.clauses) records.emplace_back("clause", c.id);
  for (size_t i = 0; i < r.records.targets.size(); ++i) records.emplace_back("target", i);
  for (size_t i = 0; i < r.records.deadlines.size(); ++i) records.emplace_back("deadline", i);
  for (size_t i = 0; i < r.records.assignments.size(); ++i) records.emplace_back("assignment", i);
  ASSERT_GE(r.outline.tasks.size(), 2u) << name;  // the numbered items were read
  ASSERT_FALSE(r.records.deadlines.empty()) << name;

  for (const auto& [kind, id] : records) {
    auto found = db.value()->record_source(path, kind, id);
    ASSERT_TRUE(found.ok()) << found.status().message();
    const auto& s = found.value();
    const std::string where = name + " " + kind + ":" + std::to_string(id) + " 【" + s.text + "】";
    ASSERT_TRUE(s.has_file_span) << where;
    ASSERT_LE(s.file_begin, s.file_end) << where;
    ASSERT_LE(s.file_end, bytes.size()) << where;
    std::string cut = bytes.substr(s.file_begin, s.file_end - s.file_begin);
    if (name.starts_with("gbk")) cut = unicode::decode_as(cut, "GB18030").utf8;
    const std::string want = canonical(s.text, false), got = canonical(cut, html);
    ASSERT_FALSE(want.empty()) << where;
    if (s.file_offsets == "exact") {
      EXPECT_EQ(got, want) << where;  // UTF-8 text: the span is the record, byte for byte
    } else {
      EXPECT_NE(got.find(want), std::string::npos) << where << "\nfile: " << cut;
      // Widened to whole runs (a line, a text node), not to the file.
      EXPECT_LT(got.size(), want.size() + 600) << where;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Inputs, ProvenanceTest,
                         ::testing::Values("crlf.txt", "flat.txt", "gbk.txt", "page.html",
                                           "gbk.html"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) if (c == '.') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace policydb
