// Bad inputs never cost more than their own document: every file of the zoo
// made by tests/data/make_bad_zoo.sh ends as exactly one documents row with
// the right status and a message a person understands, the batch goes on,
// and the exit code says that some failed. Budgets (--max-pages,
// --max-bytes, --max-seconds) cut documents short as `partial`, never hang.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/process.h"

namespace fs = std::filesystem;
using policydb::testing::run_policydb;
using policydb::testing::run;
using policydb::testing::TempDir;

namespace {

const fs::path kSource = POLICYDB_SOURCE_DIR;
const std::string kRules = (kSource / "rules").string();

struct Row {
  std::string status, stage, message, encoding;
};

// name → row, read with the stock sqlite3 (JSON output keeps newlines in names).
std::map<std::string, Row> documents(const std::string& db) {
  auto o = run({"sqlite3", "-json", db,
                "SELECT name, status, coalesce(stage,'') AS stage, coalesce(message,'') AS message, "
                "coalesce(encoding,'') AS encoding FROM documents"});
  EXPECT_EQ(o.code, 0) << o.err;
  std::map<std::string, Row> rows;
  if (o.out.empty()) return rows;
  for (const auto& j : nlohmann::json::parse(o.out)) {
    auto name = j["name"].get<std::string>();
    EXPECT_EQ(rows.count(name), 0u) << "two rows named " << name;
    rows[name] = {j["status"], j["stage"], j["message"], j["encoding"]};
  }
  return rows;
}

int64_t count(const std::string& db, const std::string& sql) {
  auto o = run({"sqlite3", db, sql});
  EXPECT_EQ(o.code, 0) << o.err;
  return std::atoll(o.out.c_str());
}

struct Expect {
  const char* name;
  const char* status;   // ok | partial | failed
  const char* message;  // must occur in the message ("" = message must be empty)
  const char* encoding = nullptr;
};

// The zoo is made once for all tests (the 50 MB line takes a moment).
class Zoo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto o = run({(kSource / "tests/data/make_bad_zoo.sh").string(), (dir_->path() / "zoo").string()});
    ASSERT_EQ(o.code, 0) << o.err;
    skipped_ = policydb::testing::slurp(dir_->path() / "zoo" / ".SKIPPED");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path zoo() { return dir_->path() / "zoo"; }
  static inline TempDir* dir_ = nullptr;
  static inline std::string skipped_;
};

}  // namespace

TEST_F(Zoo, EveryBadFileIsOneRowWithTheRightStatusAndTheBatchGoesOn) {
  const bool root = geteuid() == 0;
  std::vector<Expect> table = {
      {"empty.txt", "failed", "empty file"},
      {"whitespace-only.txt", "partial", "no text"},
      {"formfeeds-only-header.txt", "ok", ""},
      {"truncated.pdf", "failed", "not a readable PDF"},
      {"encrypted.pdf", "failed", "encrypted PDF"},
      {"image-only.pdf", "partial", "no text layer on 2 of 2 pages", "PDF"},
      {"text-named.pdf", "ok", "", "UTF-8"},
      {"pdf-named.txt", "ok", "", "PDF"},
      {"random.bin", "failed", "not a text file"},
      {"invalid-utf8.txt", "ok", "", "UTF-8"},
      {"gb18030.txt", "ok", "", "GB18030"},
      {"utf16le-nobom.txt", "ok", "", "UTF-16LE"},
      {"utf16be-nobom.txt", "ok", "", "UTF-16BE"},
      {"nul-bytes.txt", "ok", "", "UTF-8"},
      // 100 000 nested brackets make one 430 KB clause: refused like the line below.
      {"nested-brackets.txt", "partial", "no sentence end"},
      // No sentence end in 50 MB: pages and text are stored, extraction is
      // refused with a reason instead of running for hours.
      {"one-line-50mb.txt", "partial", "no sentence end"},
      {"pages-2000.pdf", "ok", "", "PDF"},
      {"name with spaces.txt", "ok", ""},
      {"name 'single' \"double\" quotes.txt", "ok", ""},
      {"name\nwith newline.txt", "ok", ""},
      {"通知 （第2号）；省发改委.txt", "ok", ""},
      {"semicolon;comma,pipe|.txt", "ok", ""},
      // Root reads a file whatever its mode (CI runs tests as root).
      {"unreadable.txt", root ? "ok" : "failed", root ? "" : "permission denied"},
      {"loop-a.txt", "failed", "symbolic links"},
      {"loop-b.txt", "failed", "symbolic links"},
      // Formats of issue 16.
      {"not-html.html", "failed", "not an HTML page"},
      {"bomb.docx", "failed", "zip bomb?"},
      {"old-word.doc", "failed", "--convert-to docx"},
      // 50 MB of inline image on one line around a short article: the article is read.
      {"one-line-50mb.html", "ok", "", "UTF-8"},
  };
  if (skipped_.find("encrypted.pdf") != std::string::npos)
    std::erase_if(table, [](const Expect& e) { return std::string(e.name) == "encrypted.pdf"; });
  TempDir tmp;
  const std::string db = tmp / "zoo.db";
  // --all-files: random.bin is read (and fails) like any other file.
  auto o = run_policydb({"ingest", "--all-files", "--rules", kRules, "--jobs", "2", "--db", db, zoo().string()});
  EXPECT_EQ(o.code, 1) << "some documents failed: exit code 1\n" << o.err;
  EXPECT_NE(o.err.find("failed"), std::string::npos) << o.err;

  auto rows = documents(db);
  std::set<std::string> expected_names;
  for (const auto& e : table) {
    expected_names.insert(e.name);
    SCOPED_TRACE(e.name);
    auto it = rows.find(e.name);
    ASSERT_NE(it, rows.end()) << "no documents row";
    const Row& r = it->second;
    EXPECT_EQ(r.status, e.status) << r.message;
    if (*e.message == 0) {
      EXPECT_EQ(r.message, "");
    } else {
      EXPECT_NE(r.message.find(e.message), std::string::npos) << r.message;
    }
    if (r.status != "ok") {
      EXPECT_FALSE(r.stage.empty()) << "a cut-short document names its stage";
    }
    if (e.encoding) {
      EXPECT_EQ(r.encoding, e.encoding);
    }
  }
  // Exactly one row per entry: the folder symlinked back to the zoo (a loop)
  // adds nothing, hidden files are skipped.
  std::set<std::string> got;
  for (const auto& [name, row] : rows) got.insert(name);
  EXPECT_EQ(got, expected_names);

  // The renamed and re-encoded copies read as the seed they were made from:
  // the same clauses come out of every encoding.
  const std::string per_name =
      "SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.name = ";
  int64_t seed_clauses = count(db, per_name + "'name with spaces.txt'");
  EXPECT_GT(seed_clauses, 5);
  for (const char* n : {"text-named.pdf", "gb18030.txt", "utf16le-nobom.txt", "utf16be-nobom.txt"})
    EXPECT_EQ(count(db, per_name + "'" + n + "'"), seed_clauses) << n;
  // 2 000 pages were all read and stored.
  EXPECT_EQ(count(db, "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id "
                      "WHERE d.name = 'pages-2000.pdf'"),
            2000);

  // Awkward file names survive export end to end (JSON escapes the newline).
  auto ex = run_policydb({"export", "--db", db});
  ASSERT_EQ(ex.code, 0) << ex.err;
  std::set<std::string> exported_sources;
  for (const auto& line : policydb::testing::lines(ex.out)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    exported_sources.insert(j.value("source", ""));
  }
  for (const char* n : {"name with spaces.txt", "name 'single' \"double\" quotes.txt",
                        "name\nwith newline.txt", "通知 （第2号）；省发改委.txt", "semicolon;comma,pipe|.txt"})
    EXPECT_EQ(exported_sources.count(n), 1u) << n;
  auto csv = run_policydb({"export", "--db", db, "--format", "csv", "--type", "document"});
  EXPECT_EQ(csv.code, 0) << csv.err;

  // A second run finds everything unchanged; failed files are tried again
  // and fail the same way (no duplicate rows).
  auto again = run_policydb({"ingest", "--all-files", "--rules", kRules, "--db", db, zoo().string()});
  EXPECT_EQ(again.code, 1) << again.err;
  EXPECT_EQ(documents(db).size(), rows.size());
}

TEST_F(Zoo, PageBudgetMakesALongPdfPartialWithTheReason) {
  TempDir tmp;
  const std::string db = tmp / "pages.db";
  auto o = run_policydb({"ingest", "--rules", kRules, "--max-pages", "100", "--db", db, (zoo() / "pages-2000.pdf").string()});
  EXPECT_EQ(o.code, 0) << "partial is not failed\n" << o.err;
  auto rows = documents(db);
  ASSERT_EQ(rows.size(), 1u);
  const Row& r = rows.begin()->second;
  EXPECT_EQ(r.status, "partial");
  EXPECT_NE(r.message.find("read 100 of 2000 pages"), std::string::npos) << r.message;
  EXPECT_EQ(count(db, "SELECT count(*) FROM pages"), 100);
}

TEST_F(Zoo, ByteBudgetFailsLargerFilesAndKeepsTheSmallOnes) {
  TempDir tmp;
  const std::string db = tmp / "bytes.db";
  auto o = run_policydb({"ingest", "--rules", kRules, "--max-bytes", "100000", "--db", db,
                     (zoo() / "pages-2000.pdf").string(), (zoo() / "name with spaces.txt").string()});
  EXPECT_EQ(o.code, 1) << o.err;
  auto rows = documents(db);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows["pages-2000.pdf"].status, "failed");
  EXPECT_NE(rows["pages-2000.pdf"].message.find("file too large"), std::string::npos);
  EXPECT_NE(rows["pages-2000.pdf"].message.find("limit 100000"), std::string::npos);
  EXPECT_EQ(rows["name with spaces.txt"].status, "ok");
}

// 2 000 image-only pages need OCR each: --max-seconds stops it with a reason,
// the pages read so far are stored, and the next file of the batch is read.
TEST_F(Zoo, OcrOfALongScannedPdfStopsAtTheTimeLimit) {
  TempDir tmp;
  const std::string db = tmp / "ocr.db";
  const fs::path scan = fs::path(zoo().string() + "-budget") / "image-only-2000.pdf";
  auto o = run_policydb({"ingest", "--rules", kRules, "--jobs", "1", "--max-seconds", "2", "--db", db,
                         scan.string(), (zoo() / "name with spaces.txt").string()});
  EXPECT_EQ(o.code, 0) << o.err;
  auto rows = documents(db);
  ASSERT_EQ(rows.size(), 2u);
  const Row& r = rows.at("image-only-2000.pdf");
  EXPECT_EQ(r.status, "partial");
  EXPECT_NE(r.message.find("time limit of 2 s"), std::string::npos) << r.message;
  const int64_t pages = count(db, "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id "
                                  "WHERE d.name = 'image-only-2000.pdf' AND p.ocr = 1");
  EXPECT_GE(pages, 1);
  EXPECT_LT(pages, 2000);
  EXPECT_EQ(rows.at("name with spaces.txt").status, "ok");
}

TEST_F(Zoo, SecondsBudgetBoundsEveryStageNotOnlyPdfReading) {
  TempDir tmp;
  const std::string db = tmp / "seconds.db";
  // A budget no stage can meet: each document stops at the first check and
  // says where; nothing hangs and nothing fails.
  auto o = run_policydb({"ingest", "--rules", kRules, "--max-seconds", "0.000001", "--db", db,
                     (zoo() / "pages-2000.pdf").string(), (zoo() / "name with spaces.txt").string()});
  EXPECT_EQ(o.code, 0) << o.err;
  auto rows = documents(db);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& [name, r] : rows) {
    SCOPED_TRACE(name);
    EXPECT_EQ(r.status, "partial");
    EXPECT_NE(r.message.find("time limit"), std::string::npos) << r.message;
  }
  // The PDF stopped reading pages early; the TXT never reached extraction.
  EXPECT_LT(count(db, "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id "
                      "WHERE d.name = 'pages-2000.pdf'"),
            2000);
  EXPECT_EQ(count(db, "SELECT count(*) FROM clauses"), 0);
}
