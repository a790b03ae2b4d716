// Ingest: every kind of input ends as a record with a clear status.
#include "ingest/ingest.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/sha256.h"
#include "common/text.h"
#include "support/shared_pdf.h"
#include "unicode/unicode.h"

namespace policydb::ingest {
namespace {

namespace fs = std::filesystem;

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ingest_test_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = (fs::path(path_) / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

size_t cjk_count(const std::string& s) {
  size_t n = 0;
  for (size_t pos = 0; pos < s.size();) n += text::is_cjk(text::decode(s, pos));
  return n;
}

// A minimal, valid PDF: one page per entry, each line drawn in Helvetica
// (ASCII only); an empty entry is a page without any text (like a scan).
// A page "line" kInk draws a filled rectangle instead of text: a page that
// inks paper without a text layer, as a scan does.
const std::string kInk = "#ink";

std::string make_pdf(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> objects;
  const size_t n = pages.size();
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (size_t i = 0; i < n; ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(5 + 2 * i) + " 0 R >>");
    std::string content;
    int y = 800;
    for (const std::string& line : pages[i]) {
      if (line == kInk) {
        content += "0 g 72 300 450 400 re f\n";
        continue;
      }
      content += "BT /F1 11 Tf 72 " + std::to_string(y) + " Td (" + line + ") Tj ET\n";
      y -= 16;
    }
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[32];
    snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

class IngestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { route_poppler_messages_to_log(); }
  TempDir dir_;
};

// ---------------------------------------------------------------- failures

TEST_F(IngestTest, UnreadableInputsFailWithAClearMessage) {
  struct Case {
    const char* name;
    std::string path;
    Limits limits;
    std::string message_part;
  };
  Limits small;
  small.max_bytes = 16;
  const std::vector<Case> cases = {
      {"missing", dir_.path() + "/nope.txt", {}, "cannot read file"},
      {"directory", dir_.path(), {}, "is a directory"},
      {"empty", dir_.file("empty.txt", ""), {}, "empty file"},
      {"too large", dir_.file("big.txt", std::string(17, 'x')), small, "too large"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RawDocument doc = read_document(c.path, c.limits);
    EXPECT_EQ(doc.status, Status::kFailed);
    EXPECT_NE(doc.message.find(c.message_part), std::string::npos) << doc.message;
    EXPECT_TRUE(doc.pages.empty());
  }
}

TEST_F(IngestTest, PermissionDeniedFails) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: file permissions are not enforced";
  const std::string p = dir_.file("secret.txt", "text");
  chmod(p.c_str(), 0);
  const RawDocument doc = read_document(p);
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_NE(doc.message.find("cannot read file"), std::string::npos) << doc.message;
}

// Text, not binary: a TXT file fails as "not a text file" when more than
// one character in ten is a control code, U+FFFD or private use — counted
// per character whatever its length in UTF-8.
TEST_F(IngestTest, JunkShareDecidesBinaryData) {
  const std::string cjk = "推进绿色低碳发展";  // 8 characters
  const std::string pua = "\xEE\x80\x80";      // U+E000, private use
  const std::string c1 = "\xC2\x85";            // U+0085, a C1 control
  auto status_of = [](const std::string& body) { return read_bytes("mem.txt", body).status; };
  // 2 junk in 18 characters (11 %): binary.
  EXPECT_EQ(status_of(cjk + cjk + pua + c1), Status::kFailed);
  // 2 junk in 26 characters (7.7 %): text.
  EXPECT_EQ(status_of(cjk + cjk + "abcdefgh" + pua + c1), Status::kOk);
  // ASCII controls count too; tabs and line ends do not.
  EXPECT_EQ(status_of(cjk + "\x01\x02\x03" + cjk), Status::kFailed);
  EXPECT_EQ(status_of(cjk + "\t\r\n\f" + cjk + "\n"), Status::kOk);
}

TEST_F(IngestTest, EmptyBytesFail) {
  const RawDocument doc = read_bytes("mem", "");
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_EQ(doc.message, "empty file");
}

// ---------------------------------------------------------------- TXT

TEST_F(IngestTest, TextIsRecognisedByContentAndHashed) {
  const std::string text = "关于开展清洁生产工作的通知\n各地市：\n";
  // A text file with a .pdf name is still text.
  const RawDocument doc = read_document(dir_.file("notice.pdf", text));
  EXPECT_EQ(doc.status, Status::kOk) << doc.message;
  EXPECT_EQ(doc.format, Format::kText);
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(doc.sha256, sha256_hex(text));
  EXPECT_EQ(doc.bytes, text.size());
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].text, text);
  EXPECT_EQ(doc.page_count, 1);
}

TEST_F(IngestTest, LineEndsAreUnified) {
  struct Case {
    const char* name;
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"crlf", "一、总体要求\r\n（一）指导思想\r\n", "一、总体要求\n（一）指导思想\n"},
      {"cr", "一、总体要求\r（一）指导思想\r", "一、总体要求\n（一）指导思想\n"},
      {"mixed", "a\r\nb\rc\nd", "a\nb\nc\nd"},
      {"crcrlf", "a\r\r\nb", "a\n\nb"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RawDocument doc = read_bytes("mem", c.in);
    ASSERT_EQ(doc.pages.size(), 1u);
    EXPECT_EQ(doc.pages[0].text, c.out);
  }
}

TEST_F(IngestTest, CrlfInUtf16AndGb18030) {
  const std::string text = "到2025年，能耗下降14%。\r\n加强组织领导。\r\n";
  for (const char* cs : {"UTF-16LE", "UTF-16BE", "GB18030"}) {
    SCOPED_TRACE(cs);
    const RawDocument doc = read_bytes("mem", unicode::encode_as(text, cs));
    EXPECT_EQ(doc.encoding, cs);
    ASSERT_EQ(doc.pages.size(), 1u);
    EXPECT_EQ(doc.pages[0].text, "到2025年，能耗下降14%。\n加强组织领导。\n");
  }
}

TEST_F(IngestTest, FormFeedsSplitPages) {
  const RawDocument doc = read_bytes("mem", "第一页内容\n\f第二页内容\n\f\f第四页\f");
  ASSERT_EQ(doc.pages.size(), 4u);
  EXPECT_EQ(doc.pages[0].text, "第一页内容\n");
  EXPECT_EQ(doc.pages[1].text, "第二页内容\n");
  EXPECT_FALSE(doc.pages[2].has_text);
  EXPECT_EQ(doc.pages[3].text, "第四页");
  EXPECT_EQ(doc.pages[3].number, 4);
  EXPECT_EQ(doc.pages_without_text, 1);
  EXPECT_EQ(doc.status, Status::kOk);
}

TEST_F(IngestTest, NulBytesAreReplacedAndCountedNotTruncated) {
  const std::string bytes = std::string("前文\0后文", 2 * 3 + 1 + 2 * 3) + "\n结尾";
  const RawDocument doc = read_bytes("mem", bytes);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].text, "前文\xEF\xBF\xBD后文\n结尾");
  EXPECT_EQ(doc.invalid_sequences, 1u);
  EXPECT_EQ(doc.status, Status::kOk);
}

TEST_F(IngestTest, InvalidSequencesAreCountedNeverFatal) {
  const std::string good = "推进清洁生产审核，加强组织领导。";
  const RawDocument doc = read_bytes("mem", good + "\xFF" + good + "\xC3");
  EXPECT_EQ(doc.status, Status::kOk);
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(doc.invalid_sequences, 2u);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].text, good + "\xEF\xBF\xBD" + good + "\xEF\xBF\xBD");
}

TEST_F(IngestTest, GbkFileIsNotLatin1) {
  const std::string text = "广东省工业和信息化厅关于开展2024年度工业领域清洁生产工作的通知\n";
  const RawDocument doc = read_bytes("mem", unicode::encode_as(text, "GBK"));
  EXPECT_EQ(doc.encoding, "GB18030");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].text, text);
}

TEST_F(IngestTest, WhitespaceOnlyTextIsPartial) {
  const RawDocument doc = read_bytes("mem", " \n\t\n");
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_FALSE(doc.message.empty());
}

// ---------------------------------------------------------------- PDF

TEST_F(IngestTest, GeneratedPdfPagesAndText) {
  const std::string pdf = make_pdf({{"Page one first line", "second line"}, {"Page two"}});
  // Named .txt: recognised by content.
  const RawDocument doc = read_document(dir_.file("looks_like.txt", pdf));
  ASSERT_EQ(doc.status, Status::kOk) << doc.message;
  EXPECT_EQ(doc.format, Format::kPdf);
  EXPECT_EQ(doc.encoding, "PDF");
  EXPECT_EQ(doc.page_count, 2);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_NE(doc.pages[0].text.find("Page one first line"), std::string::npos) << doc.pages[0].text;
  EXPECT_NE(doc.pages[0].text.find("second line"), std::string::npos);
  EXPECT_LT(doc.pages[0].text.find("first line"), doc.pages[0].text.find("second line"));
  EXPECT_NE(doc.pages[1].text.find("Page two"), std::string::npos);
  EXPECT_EQ(doc.pages[1].number, 2);
  EXPECT_EQ(doc.pages[0].text.find('\r'), std::string::npos);
}

// Workers read PDFs at the same time from the start of a process. Poppler
// 22.12 creates shared colour profiles lazily, unlocked (see pdf.cc): that
// race crashed about one `--jobs 2` ingest of corpus/ in a hundred. This test
// (its own process under gtest_discover_tests, so these are the first Poppler
// users) did not catch that race in 150 runs without the fix: it checks that
// concurrent first reads agree, not that the race is gone.
TEST_F(IngestTest, FirstPdfReadsOnManyThreadsAtOnce) {
  const std::string path = dir_.file("a.pdf", make_pdf({{"Page one"}, {"Page two"}}));
  constexpr int kThreads = 16;
  std::vector<RawDocument> docs(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      docs[i] = read_document(path);
    });
  for (auto& t : threads) t.join();
  for (const auto& d : docs) {
    ASSERT_EQ(d.status, Status::kOk) << d.message;
    ASSERT_EQ(d.pages.size(), 2u);
    EXPECT_EQ(d.pages[1].text, docs[0].pages[1].text);
  }
  EXPECT_NE(docs[0].pages[1].text.find("Page two"), std::string::npos);
}

TEST_F(IngestTest, PdfHeaderAfterJunkIsStillPdf) {
  const std::string pdf = std::string(100, '\n') + make_pdf({{"Hello"}});
  const RawDocument doc = read_bytes("mem", pdf);
  EXPECT_EQ(doc.format, Format::kPdf);
}

TEST_F(IngestTest, PdfWithoutTextLayerIsPartial) {
  const RawDocument doc = read_bytes("scan.pdf", make_pdf({{kInk}, {kInk}}));
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_EQ(doc.pages_without_text, 2);
  EXPECT_EQ(doc.message, "no text layer on 2 of 2 pages (OCR found no text either)");
  for (const Page& p : doc.pages) {
    EXPECT_FALSE(p.has_text);
    EXPECT_TRUE(p.text.empty());
  }
}

// A document is ok only when every page gave text (issue 16).
TEST_F(IngestTest, SomePagesWithoutTextMakePartialWithTheReason) {
  const RawDocument doc = read_bytes("mixed.pdf", make_pdf({{"Text"}, {kInk}}));
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_EQ(doc.pages_without_text, 1);
  EXPECT_FALSE(doc.pages[1].has_text);
  EXPECT_TRUE(doc.pages[1].ocr) << "auto: the page without text layer went to OCR";
  EXPECT_FALSE(doc.pages[0].ocr);
  Limits never;
  never.ocr = OcrMode::kNever;
  const RawDocument off = read_bytes("mixed.pdf", make_pdf({{"Text"}, {kInk}}), never);
  EXPECT_EQ(off.message, "no text layer on 1 of 2 pages (scanned? OCR is off (--ocr never))");
  EXPECT_FALSE(off.pages[1].ocr);
}

// A page that renders white (a separator, the back of a cover) has no text
// to miss: the document stays ok (4 of the 60 real PDFs have one).
TEST_F(IngestTest, BlankPageIsNotMissingText) {
  const RawDocument doc = read_bytes("blank.pdf", make_pdf({{"Text"}, {}}));
  EXPECT_EQ(doc.status, Status::kOk) << doc.message;
  EXPECT_EQ(doc.pages_without_text, 0);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_FALSE(doc.pages[1].has_text);
  EXPECT_FALSE(doc.pages[1].ocr) << "nothing to read: Tesseract is not called";
}

TEST_F(IngestTest, PageLimitMakesPartial) {
  Limits limits;
  limits.max_pages = 2;
  const RawDocument doc = read_bytes("long.pdf", make_pdf({{"a"}, {"b"}, {"c"}, {"d"}}), limits);
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_EQ(doc.page_count, 4);
  EXPECT_EQ(doc.pages.size(), 2u);
  EXPECT_NE(doc.message.find("2 of 4"), std::string::npos) << doc.message;
}

TEST_F(IngestTest, TimeLimitMakesPartial) {
  Limits limits;
  limits.max_seconds = 0;  // expires after the first page
  const RawDocument doc = read_bytes("slow.pdf", make_pdf({{"a"}, {"b"}, {"c"}}), limits);
  EXPECT_EQ(doc.status, Status::kPartial);
  EXPECT_EQ(doc.pages.size(), 1u);
  EXPECT_NE(doc.message.find("time limit"), std::string::npos) << doc.message;
}

TEST_F(IngestTest, DamagedPdfFails) {
  const std::string pdf = make_pdf({{"Hello"}});
  struct Case {
    const char* name;
    std::string bytes;
  };
  const std::vector<Case> cases = {
      {"header only", "%PDF-1.7\n"},
      {"garbage", "%PDF-1.4\n" + std::string(2000, '\x93')},
      {"truncated", pdf.substr(0, pdf.find("stream"))},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RawDocument doc = read_bytes("bad.pdf", c.bytes);
    EXPECT_EQ(doc.format, Format::kPdf);
    EXPECT_EQ(doc.status, Status::kFailed);
    EXPECT_EQ(doc.message.rfind("not a readable PDF", 0), 0u) << doc.message;
  }
}

// Real PDFs: ../shared/pdf and corpus/*.pdf; qpdf makes encrypted copies.
class RealPdfTest : public IngestTest {
 protected:
  static std::string corpus_pdf() {
    for (const auto& e : fs::directory_iterator(POLICYDB_SOURCE_DIR "/corpus"))
      if (e.path().extension() == ".pdf") return e.path().string();
    return "";
  }
};

TEST_F(RealPdfTest, CorpusPdfsHaveCjkTextOnEveryPage) {
  int seen = 0;
  for (const auto& e : fs::directory_iterator(POLICYDB_SOURCE_DIR "/corpus")) {
    if (e.path().extension() != ".pdf") continue;
    ++seen;
    SCOPED_TRACE(e.path().filename().string());
    const RawDocument doc = read_document(e.path().string());
    ASSERT_EQ(doc.status, Status::kOk) << doc.message;
    EXPECT_EQ(doc.pages.size(), static_cast<size_t>(doc.page_count));
    EXPECT_FALSE(doc.producer.empty());
    for (const Page& p : doc.pages) {
      EXPECT_TRUE(p.has_text) << "page " << p.number;
      EXPECT_GE(cjk_count(p.text), 10u) << "page " << p.number << ": " << p.text;
    }
  }
  if (seen == 0) GTEST_SKIP() << "no PDFs in corpus/";
}

TEST_F(RealPdfTest, EncryptedPdfNeedsPassword) {
  const std::string src = corpus_pdf();
  if (src.empty()) GTEST_SKIP() << "no PDFs in corpus/";
  if (std::system("qpdf --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "qpdf not installed";
  const std::string locked = dir_.path() + "/locked.pdf";
  const std::string open = dir_.path() + "/open.pdf";
  ASSERT_EQ(std::system(("qpdf --encrypt user owner 256 -- '" + src + "' '" + locked + "'").c_str()), 0);
  ASSERT_EQ(std::system(("qpdf --encrypt '' owner 256 -- '" + src + "' '" + open + "'").c_str()), 0);

  const RawDocument doc = read_document(locked);
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_EQ(doc.message, "encrypted PDF (needs a password)");

  // Encrypted with an empty user password: readable like any other.
  const RawDocument readable = read_document(open);
  EXPECT_EQ(readable.status, Status::kOk) << readable.message;
  EXPECT_EQ(readable.pages.size(), read_document(src).pages.size());
}

TEST_F(RealPdfTest, TruncatedRealPdfFails) {
  const std::string src = corpus_pdf();
  if (src.empty()) GTEST_SKIP() << "no PDFs in corpus/";
  const std::string bytes = slurp(src);
  const RawDocument doc = read_bytes("half.pdf", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(doc.status, Status::kFailed);
  EXPECT_EQ(doc.message.rfind("not a readable PDF", 0), 0u) << doc.message;
}

TEST_F(RealPdfTest, SharedPdfsNeverFailAndMostPagesHaveText) {
  const std::vector<fs::path> sample = policydb::testing::shared_pdf_sample(6);
  if (sample.empty()) GTEST_SKIP() << POLICYDB_SHARED_DIR "/pdf not present";
  int docs = 0, pages = 0, with_text = 0;
  for (const fs::path& path : sample) {
    const RawDocument doc = read_document(path.string());
    SCOPED_TRACE(path.filename().string());
    EXPECT_NE(doc.status, Status::kFailed) << doc.message;
    ++docs;
    pages += static_cast<int>(doc.pages.size());
    for (const Page& p : doc.pages) with_text += p.has_text;
  }
  ASSERT_GT(docs, 0);
  EXPECT_GT(with_text * 10, pages * 9) << with_text << " of " << pages << " pages have text";
}

}  // namespace
}  // namespace policydb::ingest
