// Word files: a .docx built here with libzip (the WordprocessingML parts a
// word processor writes) reads paragraph by paragraph, its table as rows of
// cells, through the whole pipeline; bombs, other archives and old binary
// .doc files are one failed record each, with a reason.
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "support/notices.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

using ingest::Format;
using ingest::Status;

// A zip archive of (name, content) parts, made in memory.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* z = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  zip_source_keep(mem);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  zip_stat_t st;
  zip_source_stat(mem, &st);
  std::string out(st.size, '\0');
  zip_source_open(mem);
  zip_source_read(mem, out.data(), st.size);
  zip_source_close(mem);
  zip_source_free(mem);
  zip_error_fini(&err);
  return out;
}

std::string para(const std::string& text) {
  return "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>"
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string cell(const std::string& text, int span = 1) {
  std::string pr = span > 1 ? "<w:tcPr><w:gridSpan w:val=\"" + std::to_string(span) + "\"/></w:tcPr>" : "";
  return "<w:tc>" + pr + para(text) + "</w:tc>";
}

std::string row(std::initializer_list<std::string> cells) {
  std::string r = "<w:tr>";
  for (const auto& c : cells) r += cell(c);
  return r + "</w:tr>";
}

std::string docx(const std::string& body) {
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>" + body + "<w:sectPr/></w:body></w:document>";
  return make_zip({
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml", document},
  });
}

// A notice: title over two runs, 文号, numbered tasks with notes, a
// 分工表 with a header cell spanning two columns, a deleted revision, a page
// break, the signature.
std::string notice() {
  std::string body;
  body += "<w:p><w:r><w:t>某市人民政府办公室关于印发某市</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
          "<w:t>数字乡村建设实施方案的通知</w:t></w:r></w:p>";
  body += para("某府办发〔2024〕12号");
  body += para("各县（区）人民政府，市直各部门：");
  body += para("经市政府同意，现将《某市数字乡村建设实施方案》印发给你们，请认真贯彻执行。");
  body += para("一、主要目标");
  body += para("到2025年，全市行政村5G网络覆盖率达到95%以上。");
  body += para("二、重点任务");
  body += "<w:p><w:r><w:t>（一）加快乡村信息基础设施建设。推进光纤网络向自然村延伸。</w:t></w:r>"
          "<w:del><w:r><w:delText>已删除的旧文字。</w:delText></w:r></w:del>"
          "<w:r><w:t>（市工业和信息化局牵头，市财政局配合）</w:t></w:r></w:p>";
  body += para("（二）发展智慧农业。建设农业物联网示范基地10个。（市农业农村局牵头，市科技局配合）");
  body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
  body += para("三、任务分工");
  body += "<w:tbl><w:tblPr/><w:tr>" + cell("序号") + cell("工作任务") + cell("责任单位", 2) + "</w:tr>";
  body += row({"1", "建设数字乡村服务平台", "市大数据局", "市农业农村局"});
  body += row({"2", "开展农民数字技能培训", "市人力资源社会保障局", "市农业农村局"});
  body += "</w:tbl>";
  body += para("某市人民政府办公室");
  body += para("2024年5月8日");
  return docx(body);
}

TEST(Docx, ParagraphsAndTableRowsAreLines) {
  const ingest::RawDocument doc = ingest::read_bytes("notice.wps", notice());
  EXPECT_EQ(doc.format, Format::kDocx);
  EXPECT_EQ(doc.status, Status::kOk) << doc.message;
  ASSERT_EQ(doc.pages.size(), 2u) << "an explicit page break starts page 2";
  const std::string& p1 = doc.pages[0].text;
  EXPECT_EQ(p1.substr(0, p1.find('\n')), "某市人民政府办公室关于印发某市数字乡村建设实施方案的通知");
  EXPECT_NE(p1.find("\n（一）加快乡村信息基础设施建设。推进光纤网络向自然村延伸。（市工业和信息化局牵头"),
            std::string::npos);
  EXPECT_EQ(p1.find("已删除"), std::string::npos);
  const std::string& p2 = doc.pages[1].text;
  EXPECT_NE(p2.find("序号\t工作任务\t责任单位\n"), std::string::npos) << p2;
  EXPECT_NE(p2.find("\n2\t开展农民数字技能培训\t市人力资源社会保障局\t市农业农村局\n"), std::string::npos) << p2;
}

TEST(Docx, NoticeGoesThroughThePipelineWithTasksAndRecords) {
  const pipeline::DocumentResult r =
      pipeline::process_bytes("notice.docx", notice(), testing::repo_rules(), {});
  EXPECT_EQ(r.status, ingest::Status::kOk) << r.message;
  EXPECT_EQ(r.meta.title, "某市人民政府办公室关于印发某市数字乡村建设实施方案的通知");
  EXPECT_EQ(r.meta.doc_number, "某府办发〔2024〕12号");
  EXPECT_EQ(r.meta.issue_date, "2024-05-08");
  EXPECT_TRUE(testing::has_assignment(r, "市工业和信息化局", "lead", "乡村信息基础设施"));
  EXPECT_TRUE(testing::has_assignment(r, "市科技局", "support", "智慧农业"));
  size_t table_tasks = 0;
  for (const auto& t : r.outline.tasks) table_tasks += t.table >= 0;
  EXPECT_EQ(table_tasks, 2u);
  EXPECT_TRUE(testing::has_target(r, "%", 95));
  int page2_tasks = 0;
  for (const auto& t : r.outline.tasks) page2_tasks += t.page_first == 2;
  EXPECT_EQ(page2_tasks, 2);
}

TEST(Docx, ZipBombFailsWithAReason) {
  // 8 MB of spaces deflate about 1000:1, far beyond any real document.xml.
  const std::string bomb = docx(para("开头") + std::string(size_t(8) << 20, ' ') + para("结尾"));
  ASSERT_LT(bomb.size(), size_t(100) << 10);
  const ingest::RawDocument doc = ingest::read_bytes("bomb.docx", bomb);
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_NE(doc.message.find("zip bomb?"), std::string::npos) << doc.message;
  EXPECT_TRUE(doc.pages.empty());
}

TEST(Docx, OtherArchivesAndDamagedOnesFailWithAReason) {
  const ingest::RawDocument other = ingest::read_bytes("a.docx", make_zip({{"readme.txt", "hello"}}));
  EXPECT_EQ(other.status, Status::kFailed);
  EXPECT_NE(other.message.find("not a Word document"), std::string::npos) << other.message;

  std::string cut = notice();
  cut.resize(cut.size() / 2);
  const ingest::RawDocument damaged = ingest::read_bytes("cut.docx", cut);
  EXPECT_EQ(damaged.status, Status::kFailed);
  EXPECT_FALSE(damaged.message.empty());
}

TEST(Docx, OldBinaryDocFailsSayingHowToConvertIt) {
  std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  ole += std::string(4096, '\0');
  const ingest::RawDocument doc = ingest::read_bytes("old.doc", ole);
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_NE(doc.message.find("Word 97-2003"), std::string::npos) << doc.message;
  EXPECT_NE(doc.message.find("--convert-to docx"), std::string::npos) << doc.message;
}

}  // namespace
}  // namespace policydb
