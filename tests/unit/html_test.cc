// HTML pages: a government notice page as old sites serve it (GBK, tag soup,
// entities, menus, scripts, hidden boxes, a 分工表) reads as a clean notice,
// through the whole pipeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "support/notices.h"
#include "support/repo_rules.h"
#include "unicode/unicode.h"

namespace policydb {
namespace {

using ingest::Format;
using ingest::Status;

// Unclosed <p> and <td>, entities, a site menu, a breadcrumb, a script, a
// style, a hidden box and a footer around the article.
const char* kPage = R"(<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="ArticleTitle" content="某市人民政府办公室关于印发某市养老服务提升行动方案的通知">
<meta name="PubDate" content="2024-03-05 10:20">
<meta name="ContentSource" content="某市人民政府办公室">
<title>某市人民政府办公室关于印发某市养老服务提升行动方案的通知_政策文件_某市人民政府门户网站</title>
<style>.hide{display:none} p{margin:0}</style>
<script>var title = "不应出现的脚本文字"; document.write("<p>脚本写的段落</p>");</script>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a><li><a href="/zwgk">政务公开</a><li><a href="/hd">互动交流</a></ul></div>
<div class="breadcrumb">您的位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
<div id="wrap"><div class="article">
<p align=center>某市人民政府办公室关于印发<br>某市养老服务提升行动方案的通知
<p align=center>某府办发〔2024〕3号
<p>各区人民政府，市政府各部门：
<p>&nbsp;&nbsp;经市政府同意，现将《某市养老服务提升行动方案》印发给你们，请认真贯彻执行。
<div style="display: none">隐藏的编辑说明文字</div>
<p>一、工作目标
<p>到2025年，全市养老机构护理型床位占比达到60%以上，&ldquo;一刻钟&rdquo;养老服务圈覆盖率达到90%。
<p>二、重点任务
<p>（一）完善居家养老服务网络。推进街道综合养老服务中心建设，2024年底前实现全覆盖。（市民政局牵头，市财政局、市自然资源局配合）
<p>（二）提升机构养老服务质量。开展养老机构等级评定，推动公办养老机构改革。（市民政局牵头，市卫生健康委配合）
<p>三、任务分工
<table border=1>
<tr><th>序号<th>工作任务<th>牵头单位<th>配合单位<th>完成时限
<tr><td>1<td>建设街道综合养老服务中心<td>市民政局<td>市财政局<td>2024年12月底
<tr><td>2<td>发展老年助餐服务<td>市民政局<td>市商务局、市市场监管局<td>2025年6月底
<tr><td>3<td><p>培育养老服务</p><p>专业人才</p><td>市人力资源社会保障局<td>市民政局<td>长期坚持
</table>
<p>某市人民政府办公室
<p>2024年3月1日
</div></div>
<aside><h3>相关文件</h3><a href="/1">某市关于其他事项的通知</a></aside>
<div class="footer">主办单位：某市人民政府办公室 &copy; 版权所有 备案号：某ICP备00000000号</div>
</body></html>
)";

std::string gbk_page() { return unicode::encode_as(kPage, "GB18030"); }

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(Html, RecognisedByContentAndDecodedFromTheDeclaredCharset) {
  const ingest::RawDocument doc = ingest::read_bytes("page.txt", gbk_page());
  EXPECT_EQ(doc.format, Format::kHtml);
  EXPECT_EQ(doc.status, Status::kOk) << doc.message;
  EXPECT_EQ(doc.encoding, "GB18030");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_TRUE(contains(doc.pages[0].text, "各区人民政府，市政府各部门："));
}

TEST(Html, ArticleTextWithoutMarkupScriptsChromeOrHiddenText) {
  const ingest::RawDocument doc = ingest::read_bytes("page.html", gbk_page());
  ASSERT_EQ(doc.pages.size(), 1u);
  const std::string& t = doc.pages[0].text;
  for (const char* absent : {"<", "脚本", "首页", "您的位置", "隐藏的编辑说明", "相关文件",
                             "版权所有", "margin", "&nbsp;", "&ldquo;"})
    EXPECT_FALSE(contains(t, absent)) << absent << " in:\n" << t;
  // Entities decoded; <br> breaks the line, unclosed <p> ends its paragraph.
  EXPECT_TRUE(contains(t, "“一刻钟”养老服务圈"));
  EXPECT_TRUE(contains(t, "某市人民政府办公室关于印发\n某市养老服务提升行动方案的通知\n"));
  EXPECT_TRUE(contains(t, "\n某府办发〔2024〕3号\n"));
  EXPECT_TRUE(contains(t, "\n经市政府同意，")) << "leading &nbsp; dropped";
}

TEST(Html, TableRowsAreLinesOfTabJoinedCells) {
  const ingest::RawDocument doc = ingest::read_bytes("page.html", gbk_page());
  ASSERT_EQ(doc.pages.size(), 1u);
  const std::string& t = doc.pages[0].text;
  EXPECT_TRUE(contains(t, "\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"));
  EXPECT_TRUE(contains(t, "\n2\t发展老年助餐服务\t市民政局\t市商务局、市市场监管局\t2025年6月底\n"));
  // A cell's paragraphs join as a wrapped PDF cell does.
  EXPECT_TRUE(contains(t, "\n3\t培育养老服务专业人才\t市人力资源社会保障局\t市民政局\t长期坚持\n"));
}

TEST(Html, SpannedCellsLeaveEmptyCellsAsInPdfTables) {
  const std::string page =
      "<html><body><table>"
      "<tr><td rowspan=2>一、养老<td>甲任务<td>市民政局"
      "<tr><td>乙任务<td>市财政局"
      "<tr><td colspan=2>合计<td>两项"
      "</table></body></html>";
  const ingest::RawDocument doc = ingest::read_bytes("t.html", page);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].text, "一、养老\t甲任务\t市民政局\n\t乙任务\t市财政局\n合计\t\t两项");
}

TEST(Html, TitleAndMetaTagsAreKept) {
  const ingest::RawDocument doc = ingest::read_bytes("page.html", gbk_page());
  auto get = [&](const std::string& name) {
    for (const auto& [k, v] : doc.meta)
      if (k == name) return v;
    return std::string();
  };
  EXPECT_EQ(get("articletitle"), "某市人民政府办公室关于印发某市养老服务提升行动方案的通知");
  EXPECT_EQ(get("pubdate"), "2024-03-05 10:20");
  EXPECT_EQ(get("contentsource"), "某市人民政府办公室");
  EXPECT_TRUE(contains(get("title"), "_政策文件_"));
}

// Every text run points at the bytes of the file its text was read from.
TEST(Html, TextRunsMapToByteOffsetsOfTheFile) {
  const std::string bytes = gbk_page();
  const ingest::RawDocument doc = ingest::read_bytes("page.html", bytes);
  ASSERT_EQ(doc.pages.size(), 1u);
  const ingest::Page& p = doc.pages[0];
  ASSERT_GE(p.sources.size(), 15u);
  size_t checked = 0;
  for (const ingest::SourceRun& r : p.sources) {
    ASSERT_LE(r.text, p.text.size());
    ASSERT_LE(r.source, bytes.size());
    if (r.text + 6 > p.text.size() || static_cast<unsigned char>(p.text[r.text]) < 0xE0) continue;
    // The run's first two characters, in the file's encoding, are at its source.
    const std::string gbk = unicode::encode_as(p.text.substr(r.text, 6), "GB18030");
    size_t at = r.source;
    for (;;) {  // white space and &nbsp; before the text are in its run
      if (at < bytes.size() && (bytes[at] == '\n' || bytes[at] == ' ')) ++at;
      else if (bytes.compare(at, 6, "&nbsp;") == 0) at += 6;
      else break;
    }
    EXPECT_EQ(bytes.compare(at, gbk.size(), gbk), 0) << p.text.substr(r.text, 30);
    ++checked;
  }
  EXPECT_GE(checked, 12u);
}

TEST(Html, NoticeGoesThroughThePipelineWithTasksAndRecords) {
  const pipeline::DocumentResult r =
      pipeline::process_bytes("page.html", gbk_page(), testing::repo_rules(), {});
  EXPECT_EQ(r.status, ingest::Status::kOk) << r.message;
  EXPECT_EQ(r.meta.title, "某市人民政府办公室关于印发某市养老服务提升行动方案的通知");
  EXPECT_EQ(r.meta.doc_number, "某府办发〔2024〕3号");
  EXPECT_EQ(r.meta.issue_date, "2024-03-01");
  size_t table_tasks = 0, section_tasks = 0;
  for (const auto& t : r.outline.tasks) (t.table >= 0 ? table_tasks : section_tasks) += 1;
  EXPECT_EQ(table_tasks, 3u);
  EXPECT_GE(section_tasks, 2u);
  EXPECT_TRUE(testing::has_assignment(r, "市商务局", "support", "发展老年助餐服务"));
  EXPECT_TRUE(testing::has_assignment(r, "市人力资源社会保障局", "lead", "专业人才"));
  EXPECT_TRUE(testing::has_assignment(r, "市自然资源局", "support", "完善居家养老服务网络"));
  EXPECT_TRUE(testing::has_target(r, "%", 60));
}

// A page whose body starts with the text: title, date and issuer come from
// the page's <meta> tags.
TEST(Html, MetaTagsFillWhatTheBodyDoesNotSay) {
  const std::string page = unicode::encode_as(
      "<html><head><meta charset=gbk><title>关于做好今冬明春养老服务工作的通知_通知公告_某省民政厅</title>"
      "<meta name=PubDate content='2023/11/20'><meta name=ContentSource content=某省民政厅></head>"
      "<body><div class=content><p>各市民政局：<p>一、加强走访。对特困老人开展走访。"
      "<p>二、做好保障。落实取暖补贴。</div></body></html>",
      "GB18030");
  const pipeline::DocumentResult r =
      pipeline::process_bytes("notice.html", page, testing::repo_rules(), {});
  EXPECT_EQ(r.status, ingest::Status::kOk) << r.message;
  EXPECT_EQ(r.meta.title, "关于做好今冬明春养老服务工作的通知");
  EXPECT_EQ(r.meta.issue_date, "2023-11-20");
  EXPECT_EQ(r.meta.issuers, std::vector<std::string>{"某省民政厅"});
  EXPECT_GE(r.outline.tasks.size(), 2u);
}

// The page's title is the title as printed: when the body prints it over
// lines the title reader does not join (an organisation line above 关于…),
// the page's wins — only when the body prints it.
TEST(Html, PageTitlePrintedInTheBodyCompletesAWrappedTitle) {
  auto page = [](const std::string& title) {
    return "<html><head><title>" + title + "_政府信息公开</title></head><body><div class=content>"
           "<p>某省人民政府办公厅<p>关于某市在检查工作时<p>所提问题和建议办理情况的函"
           "<p>某办函〔2004〕57号<p>某市人民政府：<p>一、加强走访。对特困老人开展走访。"
           "<p>二、做好保障。落实取暖补贴。</div></body></html>";
  };
  const auto whole = "某省人民政府办公厅关于某市在检查工作时所提问题和建议办理情况的函";
  pipeline::DocumentResult r = pipeline::process_bytes("a.html", page(whole), testing::repo_rules(), {});
  EXPECT_EQ(r.meta.title, whole);
  EXPECT_NE(r.meta.fields_source.joined().find("title=html_meta"), std::string::npos) << r.meta.fields_source.joined();
  EXPECT_EQ(r.meta.fields_source.joined().find("title=title_line"), std::string::npos) << r.meta.fields_source.joined();
  // A page title the body does not print (a site's own wording) is not used.
  r = pipeline::process_bytes("b.html", page("某省人民政府办公厅关于某市在检查工作时所提问题和建议办理情况的函（全文）"),
                              testing::repo_rules(), {});
  EXPECT_EQ(r.meta.title, "关于某市在检查工作时所提问题和建议办理情况的函");
}

// Markup around no article at all still gives one row with a reason.
TEST(Html, PageWithoutBodyTextIsPartialWithAReason) {
  const ingest::RawDocument doc =
      ingest::read_bytes("empty.html", "<html><head><title>空</title><script>x()</script></head>"
                                       "<body><nav><a href=/>首页</a></nav></body></html>");
  EXPECT_EQ(doc.format, Format::kHtml);
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_NE(doc.message.find("no text"), std::string::npos) << doc.message;
}

TEST(Html, MarkupFollowedByBinaryIsFailedWithAReason) {
  std::string bytes = "<html><body>";
  for (int i = 0; i < 4000; ++i) bytes.push_back(static_cast<char>((i * 7919) % 251));
  const ingest::RawDocument doc = ingest::read_bytes("fake.html", bytes);
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_NE(doc.message.find("not an HTML page"), std::string::npos) << doc.message;
}

}  // namespace
}  // namespace policydb
