// Store: schema, one-transaction puts, export contract, search. Documents
// are built by hand so the test needs no pipeline. Raw rows are checked
// through the stock sqlite3 CLI, which also proves that stock tools can
// read the file (FTS included); those checks skip when it is not installed.
#include "store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace policydb::store {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;

constexpr const char* kSqliteCli = "/usr/bin/sqlite3";

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "store_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "policy.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Database> open_db() {
    auto db = Database::open(path_);
    EXPECT_TRUE(db.ok()) << db.status().message();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  // Runs one query through the stock CLI; "" and a skip when it is missing.
  std::string cli(const std::string& sql) {
    if (!fs::exists(kSqliteCli)) return "";
    const std::string sql_file = (dir_ / "query.sql").string();
    std::ofstream(sql_file) << sql << "\n";
    const std::string cmd = std::string(kSqliteCli) + " -batch '" + path_ + "' < '" + sql_file + "' 2>&1";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[4096];
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
      pclose(p);
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }
  bool have_cli() const { return fs::exists(kSqliteCli); }

  // The search indexes hold exactly the stored rows: FTS5's own check
  // compares each index with its content table.
  void expect_indexes_consistent() {
    for (const std::string table : {"clauses_fts", "tasks_fts", "documents_fts"})
      EXPECT_EQ(cli("INSERT INTO " + table + "(" + table + ", rank) VALUES('integrity-check', 1);"),
                "")
          << table;
  }

  std::map<std::string, int64_t> counts(Database& db) {
    auto c = db.record_counts();
    EXPECT_TRUE(c.ok()) << c.status().message();
    std::map<std::string, int64_t> m;
    if (c.ok())
      for (const auto& [k, v] : c.value()) m[k] = v;
    return m;
  }

  std::vector<json> export_jsonl(Database& db, const std::string& type = "") {
    std::ostringstream out;
    ExportOptions o;
    o.type = type;
    auto st = db.export_records(out, o);
    EXPECT_TRUE(st.ok()) << st.message();
    std::vector<json> records;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) records.push_back(json::parse(line));
    return records;
  }

  fs::path dir_;
  std::string path_;
};

RunInfo run_info(const std::string& rules = "rules-1") { return {"1", rules, "policydb test"}; }

// A small notice: one part, one section with two numbered tasks, a clause
// outside any task, two targets, two deadlines, three assignments.
// Different names are different bytes unless a test says otherwise: a
// document is identified by its SHA-256 (issue 20).
pipeline::DocumentResult make_doc(const std::string& name, const std::string& sha = "") {
  pipeline::DocumentResult r;
  r.source = "/data/in/" + name;
  r.name = name;
  r.raw.path = r.source;
  r.raw.sha256 = sha.empty() ? "sha-of-" + name : sha;
  r.raw.bytes = 1234;
  r.raw.format = ingest::Format::kText;
  r.raw.encoding = "UTF-8";
  r.raw.page_count = 2;
  r.raw.pages.resize(2);
  r.raw.pages[0].text = "第一页文字";
  r.raw.pages[1].number = 2;
  r.raw.pages[1].has_text = false;
  r.raw.pages_without_text = 1;
  r.meta.title = "潮州市全面推行清洁生产实施方案";
  r.meta.doc_number = "";  // unknown → null
  r.meta.issue_date = "2023-05-10";
  r.meta.region = "潮州市";
  r.meta.issuers = {"潮州市发展和改革局", "潮州市生态环境局"};

  using outline::Kind;
  auto& secs = r.outline.sections;
  secs.push_back({0, -1, 0, Kind::kRoot, "", 0, "", 0, 400, 0, 1, 2, false, false});
  secs.push_back({1, 0, 1, Kind::kPart, "二、", 2, "重点任务", 0, 400, 10, 1, 2, false, false});
  secs.push_back({2, 1, 2, Kind::kSection, "（一）", 1, "推进清洁生产", 12, 400, 30, 1, 2, false, false});
  secs.push_back({3, 2, 3, Kind::kItem, "1.", 1, "加强审核", 40, 200, 50, 1, 1, false, false});
  secs.push_back({4, 2, 3, Kind::kItem, "2.", 2, "节能降碳", 200, 400, 210, 1, 2, false, false});

  outline::Task t1;
  t1.id = 0, t1.section = 3, t1.label = "1", t1.path = "二/（一）/1.";
  t1.text = "1.加强审核。依法开展强制性清洁生产审核，\"重点\"企业，审核率达到100%。（市生态环境局牵头，市工业和信息化局配合）";
  t1.note = "（市生态环境局牵头，市工业和信息化局配合）";
  t1.begin = 40, t1.end = 200, t1.page_first = 1, t1.page_last = 1;
  outline::Task t2;
  t2.id = 1, t2.section = 4, t2.label = "2", t2.path = "二/（一）/2.";
  t2.text = "2.节能降碳。到2025年，单位地区生产总值能耗比2020年下降14%。（市发展改革局负责）";
  t2.note = "（市发展改革局负责）";
  t2.begin = 200, t2.end = 400, t2.page_first = 1, t2.page_last = 2;
  r.outline.tasks = {t1, t2};

  auto clause = [](int id, int task, int section, int page, size_t b, std::string text) {
    segment::Clause c;
    c.id = id, c.task = task, c.section = section, c.page = page, c.begin = b;
    c.end = b + text.size(), c.text = std::move(text);
    return c;
  };
  r.clauses = {
      clause(0, -1, 2, 1, 12, "全面推行清洁生产，力争2025年底前完成全部评估"),
      clause(1, 0, 3, 1, 50, "依法开展强制性清洁生产审核，\"重点\"企业，审核率达到100%"),
      clause(2, 1, 4, 1, 210, "到2025年，单位地区生产总值能耗比2020年下降14%"),
      clause(3, 1, 4, 2, 300, "推动重点行业节能降碳改造，提升能效水平"),
  };

  extract::Target a;
  a.indicator = "单位地区生产总值能耗", a.direction = "decrease", a.value = 14.0, a.unit = "%";
  a.comparator = "=", a.baseline_year = 2020, a.target_year = 2025;
  a.evidence = r.clauses[2].text, a.clause = 2, a.task = 1, a.begin = 215, a.end = 260, a.page = 1;
  a.rule = "target.decrease";
  extract::Target b;
  b.indicator = "审核率", b.direction = "level", b.value = 99.5, b.value_max = 100.0;
  b.unit = "%", b.comparator = ">=", b.aspirational = true, b.scope = "全市";
  b.attribute = "约束性";  // an indicator table's 属性 (issue 18)
  b.evidence = r.clauses[1].text, b.clause = 1, b.task = 0, b.begin = 60, b.end = 90, b.page = 1;
  extract::Target q;  // qualitative: no value
  q.indicator = "能效水平", q.direction = "increase", q.evidence = r.clauses[3].text;
  q.clause = 3, q.task = 1, q.begin = 310, q.end = 330, q.page = 2;
  r.records.targets = {a, b, q};

  extract::Deadline d1;
  d1.as_written = "2025年底前", d1.kind = extract::DeadlineKind::kBy, d1.end_date = "2025-12-31", d1.precision = extract::Precision::kYear;
  d1.context = r.clauses[0].text, d1.clause = 0, d1.task = -1, d1.begin = 20, d1.end = 30;
  extract::Deadline d2;
  d2.as_written = "到2025年", d2.kind = extract::DeadlineKind::kBy, d2.end_date = "2025-12-31", d2.precision = extract::Precision::kYear;
  d2.context = r.clauses[2].text, d2.clause = 2, d2.task = 1, d2.begin = 210, d2.end = 220;
  r.records.deadlines = {d1, d2};

  auto assign = [](int task, std::string canonical, std::string written, extract::Role role) {
    extract::Assignment x;
    x.task = task;
    x.department = {std::move(canonical), extract::Level::kCity, "潮州市", true};
    x.as_written = std::move(written);
    x.role = role;
    return x;
  };
  r.records.assignments = {
      assign(0, "潮州市生态环境局", "市生态环境局", extract::Role::kLead),
      assign(0, "潮州市工业和信息化局", "市工业和信息化局", extract::Role::kSupport),
      assign(1, "潮州市发展和改革局", "市发展改革局", extract::Role::kResponsible),
  };
  r.seconds = 0.25;
  return r;
}

TEST_F(StoreTest, CreatesSchemaInAnEmptyFileAndRecordsItsVersion) {
  { std::ofstream(path_).flush(); }  // a 0-byte file is an empty database
  ASSERT_TRUE(fs::exists(path_));
  auto db = open_db();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(counts(*db)["documents"], 0);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("PRAGMA user_version;"), "12");  // one step per migration (schema.cc)
  // Each full-text table gathers 8 MB of index before writing (schema step 12).
  EXPECT_EQ(cli("SELECT v FROM clauses_fts_config WHERE k = 'hashsize';"), "8388608");
  EXPECT_EQ(cli("SELECT v FROM tasks_fts_config WHERE k = 'hashsize';"), "8388608");
  // Inserts are indexed by the store, not by per-row triggers (schema step 3).
  EXPECT_EQ(cli("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_ai';"),
            "0");
  EXPECT_EQ(cli("SELECT count(*) FROM sqlite_schema WHERE name = 'documents_order';"), "1");
  // Records are found by document through their (document_id, task_no)
  // index; the (document_id, seq) ones are gone (schema step 4).
  EXPECT_EQ(cli("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                "('targets_document', 'deadlines_document', 'assignments_document');"),
            "0");
  EXPECT_THAT(cli("EXPLAIN QUERY PLAN SELECT * FROM assignments WHERE document_id = 1 "
                  "ORDER BY task_no, seq;"),
              HasSubstr("USING INDEX assignments_task"));
  // Clauses have one index besides their rowid (schema step 5): a
  // document's clauses in order, and the joins of targets and deadlines on
  // (document_id, clause_no), still go through it.
  EXPECT_EQ(cli("SELECT count(*) FROM sqlite_schema WHERE name = 'clauses_task';"), "0");
  EXPECT_THAT(cli("EXPLAIN QUERY PLAN SELECT * FROM clauses WHERE document_id = 1 "
                  "ORDER BY clause_no;"),
              HasSubstr("USING INDEX sqlite_autoindex_clauses_1"));
  EXPECT_THAT(cli("EXPLAIN QUERY PLAN SELECT c.text FROM targets t JOIN clauses c"
                  " ON t.document_id = c.document_id AND t.clause_no = c.clause_no"
                  " WHERE t.document_id = 1;"),
              HasSubstr("USING INDEX sqlite_autoindex_clauses_1"));
  EXPECT_EQ(cli("PRAGMA journal_mode;"), "wal");
  EXPECT_EQ(cli("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema "
                "WHERE type = 'table' AND name IN ('documents','pages','clauses','tasks',"
                "'assignments','departments','targets','deadlines','runs','clauses_fts') "
                "ORDER BY name);"),
            "assignments clauses clauses_fts deadlines departments documents pages runs "
            "targets tasks");
}

TEST_F(StoreTest, ReopeningKeepsDataAndDoesNotMigrateAgain) {
  {
    auto db = open_db();
    auto run = db->begin_run(run_info());
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  }
  auto db = open_db();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(counts(*db)["documents"], 1);
}

TEST_F(StoreTest, RefusesANewerSchema) {
  { open_db(); }
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  cli("PRAGMA user_version = 99;");
  auto db = Database::open(path_);
  ASSERT_FALSE(db.ok());
  EXPECT_THAT(db.status().message(), HasSubstr("newer"));
}

TEST_F(StoreTest, RefusesAFileThatIsNotADatabase) {
  std::ofstream(path_) << "this is a text file, not a database, and it is long enough\n";
  auto db = Database::open(path_);
  ASSERT_FALSE(db.ok());
  EXPECT_THAT(db.status().message(), HasSubstr("not a database"));
}

TEST_F(StoreTest, PutStoresEveryTable) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  auto c = counts(*db);
  EXPECT_EQ(c["documents"], 1);
  EXPECT_EQ(c["ok"], 1);
  EXPECT_EQ(c["pages"], 2);
  EXPECT_EQ(c["tasks"], 2);
  EXPECT_EQ(c["clauses"], 4);
  EXPECT_EQ(c["targets"], 3);
  EXPECT_EQ(c["deadlines"], 2);
  EXPECT_EQ(c["assignments"], 3);
  EXPECT_EQ(c["departments"], 3);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("SELECT name, status, issuers, page_count, pipeline_version, rules_hash, "
                "run_id FROM documents;"),
            "a.txt|ok|[\"潮州市发展和改革局\",\"潮州市生态环境局\"]|2|1|rules-1|1");
  EXPECT_EQ(cli("SELECT doc_number IS NULL FROM documents;"), "1");
  EXPECT_EQ(cli("SELECT number, has_text, chars FROM pages ORDER BY number;"), "1|1|5\n2|0|0");
  EXPECT_EQ(cli("SELECT section_path FROM clauses ORDER BY clause_no;"),
            "二/（一）\n二/（一）/1.\n二/（一）/2.\n二/（一）/2.");
  EXPECT_EQ(cli("SELECT task_no IS NULL FROM clauses WHERE clause_no = 0;"), "1");
  EXPECT_EQ(cli("SELECT value, value_max, scope FROM targets WHERE seq = 1;"), "99.5|100.0|全市");
}

TEST_F(StoreTest, RePutReplacesInsteadOfDuplicating) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  auto doc = make_doc("a.txt");
  ASSERT_TRUE(db->put_document(doc, run.value()).ok());
  ASSERT_TRUE(db->put_document(doc, run.value()).ok());
  EXPECT_EQ(counts(*db)["clauses"], 4);
  EXPECT_EQ(counts(*db)["targets"], 3);
  doc.records.targets.pop_back();
  doc.clauses.pop_back();
  ASSERT_TRUE(db->put_document(doc, run.value()).ok());
  auto c = counts(*db);
  EXPECT_EQ(c["documents"], 1);
  EXPECT_EQ(c["clauses"], 3);
  EXPECT_EQ(c["targets"], 2);
  EXPECT_EQ(c["assignments"], 3);
  // The FTS index follows the rows (its triggers run on the cascade).
  SearchQuery q;
  q.text = "节能降碳改造";
  auto hits = db->search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  EXPECT_TRUE(hits.value().empty());
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("SELECT count(*) FROM clauses_fts WHERE clauses_fts MATCH '清洁生产';"), "2");
  EXPECT_EQ(cli("INSERT INTO clauses_fts(clauses_fts, rank) VALUES('integrity-check', 1);"), "");
  ASSERT_TRUE(db->rebuild_search_index().ok());
  q.text = "清洁生产";
  hits = db->search(q);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits.value().size(), 2u);
  EXPECT_EQ(cli("INSERT INTO tasks_fts(tasks_fts, rank) VALUES('integrity-check', 1);"), "");
}

TEST_F(StoreTest, AFailedPutLeavesThePreviousVersionWhole) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  auto bad = make_doc("a.txt");
  bad.status = static_cast<ingest::Status>(7);  // violates the status CHECK after the old rows were deleted
  EXPECT_FALSE(db->put_document(bad, run.value()).ok());
  auto c = counts(*db);
  EXPECT_EQ(c["documents"], 1);
  EXPECT_EQ(c["clauses"], 4);
  EXPECT_EQ(c["assignments"], 3);
  // And the connection is usable afterwards.
  EXPECT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  EXPECT_EQ(counts(*db)["documents"], 2);
}

TEST_F(StoreTest, ABatchIsInvisibleUntilCommittedThenIndexed) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->begin_batch().ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  // Replacing a document of the open batch, before it is indexed.
  auto changed = make_doc("a.txt", "bb22");
  changed.clauses.pop_back();
  ASSERT_TRUE(db->put_document(changed, run.value()).ok());
  if (have_cli()) {
    EXPECT_EQ(cli("SELECT count(*) FROM documents;"), "0");  // another connection
  }
  ASSERT_TRUE(db->commit_batch().ok());
  EXPECT_EQ(counts(*db)["documents"], 2);
  EXPECT_EQ(counts(*db)["clauses"], 7);
  SearchQuery q;
  q.text = "清洁生产";
  auto hits = db->search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  EXPECT_EQ(hits.value().size(), 4u);
  q.text = "节能降碳改造";  // only in b.txt now
  hits = db->search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits.value().size(), 1u);
  EXPECT_EQ(hits.value()[0].source, "b.txt");
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("SELECT count(*) FROM documents;"), "2");
  expect_indexes_consistent();
}

// A batch runs without foreign keys (begin_batch), so no cascade deletes a
// replaced document's rows: put_document must, in every record table.
TEST_F(StoreTest, ABatchReplacingAStoredDocumentLeavesNoOrphanRows) {
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  const std::string rows =
      "SELECT (SELECT count(*) FROM pages) || ' ' || (SELECT count(*) FROM sections) || ' ' ||"
      " (SELECT count(*) FROM tasks) || ' ' || (SELECT count(*) FROM clauses) || ' ' ||"
      " (SELECT count(*) FROM targets) || ' ' || (SELECT count(*) FROM deadlines) || ' ' ||"
      " (SELECT count(*) FROM assignments);";
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  const std::string once = cli(rows);
  ASSERT_TRUE(db->begin_batch().ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt", "bb22"), run.value()).ok());
  ASSERT_TRUE(db->commit_batch().ok());
  EXPECT_EQ(cli(rows), once);
  EXPECT_EQ(cli("SELECT count(*) FROM documents;"), "1");
  EXPECT_EQ(cli("PRAGMA foreign_key_check;"), "");
  expect_indexes_consistent();
}

TEST_F(StoreTest, AFailedPutInABatchKeepsTheOtherDocuments) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  ASSERT_TRUE(db->begin_batch().ok());
  ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  auto bad = make_doc("a.txt");
  bad.status = static_cast<ingest::Status>(7);  // fails after a.txt's old rows were deleted
  EXPECT_FALSE(db->put_document(bad, run.value()).ok());
  ASSERT_TRUE(db->put_document(make_doc("c.txt"), run.value()).ok());
  ASSERT_TRUE(db->commit_batch().ok());
  auto c = counts(*db);
  EXPECT_EQ(c["documents"], 3);  // a.txt as it was, b.txt, c.txt
  EXPECT_EQ(c["clauses"], 12);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  expect_indexes_consistent();
}

TEST_F(StoreTest, AnUncommittedBatchIsLostWholeAndTheFileStaysConsistent) {
  {
    auto db = open_db();
    auto run = db->begin_run(run_info());
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
    ASSERT_TRUE(db->begin_batch().ok());
    ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  }  // closed without commit_batch: as if the process stopped here
  auto db = open_db();
  EXPECT_EQ(counts(*db)["documents"], 1);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  expect_indexes_consistent();
}

TEST_F(StoreTest, DeferredIndexingMarksTheIndexStaleUntilRebuilt) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  EXPECT_FALSE(db->search_index_stale());
  db->set_deferred_indexing(true);
  ASSERT_TRUE(db->begin_batch().ok());
  ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  ASSERT_TRUE(db->commit_batch().ok());
  EXPECT_TRUE(db->search_index_stale());
  SearchQuery q;
  q.text = "清洁生产";
  auto hits = db->search(q);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits.value().size(), 2u);  // a.txt only: b.txt is not indexed yet
  {
    auto other = open_db();  // the mark is in the file, not in the connection
    EXPECT_TRUE(other->search_index_stale());
  }
  ASSERT_TRUE(db->rebuild_search_index().ok());
  EXPECT_FALSE(db->search_index_stale());
  hits = db->search(q);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits.value().size(), 4u);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  expect_indexes_consistent();
}

TEST_F(StoreTest, FailedDocumentsKeepTheirRowAndAreExported) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  pipeline::DocumentResult r;
  r.source = "/data/in/broken.pdf";
  r.name = "broken.pdf";
  r.raw.format = ingest::Format::kPdf;
  r.status = ingest::Status::kFailed;
  r.stage = "ingest";
  r.message = "PDF is encrypted";
  ASSERT_TRUE(db->put_document(r, run.value()).ok());
  auto c = counts(*db);
  EXPECT_EQ(c["documents"], 1);
  EXPECT_EQ(c["failed"], 1);
  auto records = export_jsonl(*db);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["type"], "document");
  EXPECT_EQ(records[0]["source"], "broken.pdf");
  EXPECT_EQ(records[0]["status"], "failed");
  EXPECT_EQ(records[0]["stage"], "ingest");
  EXPECT_EQ(records[0]["message"], "PDF is encrypted");
  EXPECT_TRUE(records[0]["title"].is_null());
  EXPECT_EQ(records[0]["issuers"], json::array());
}

TEST_F(StoreTest, IsCurrentNeedsSameHashPipelineAndRules) {
  auto db = open_db();
  auto run = db->begin_run(run_info("rules-1"));
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt", "aa11"), run.value()).ok());
  struct Case {
    std::string source, sha, rules, version;
    bool current;
  } cases[] = {
      {"/data/in/a.txt", "aa11", "rules-1", "1", true},
      {"/data/in/a.txt", "bb22", "rules-1", "1", false},
      {"/data/in/a.txt", "aa11", "rules-2", "1", false},
      {"/data/in/a.txt", "aa11", "rules-1", "2", false},
      // The same bytes at another path: the same document (issue 20).
      {"/data/in/other.txt", "aa11", "rules-1", "1", true},
      {"/data/in/a.txt", "", "rules-1", "1", false},
  };
  for (const auto& c : cases) {
    RunInfo info{c.version, c.rules, ""};
    EXPECT_EQ(db->is_current(c.source, c.sha, info), c.current)
        << c.source << " " << c.sha << " " << c.rules << " " << c.version;
  }
}

TEST_F(StoreTest, RunsRecordCountsAndProvenance) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  EXPECT_GT(run.value(), 0);
  ASSERT_TRUE(db->finish_run(run.value(), {3, 2, 1, 1, 1, 0}).ok());
  EXPECT_FALSE(db->finish_run(run.value() + 100, {}).ok());
  EXPECT_FALSE(db->put_document(make_doc("a.txt"), run.value() + 100).ok());
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("SELECT seen, processed, skipped, ok, partial, failed, arguments, "
                "finished_at >= started_at FROM runs;"),
            "3|2|1|1|1|0|policydb test|1");
}

TEST_F(StoreTest, ExportFollowsTheContract) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  auto records = export_jsonl(*db);
  std::vector<std::string> order;
  for (const auto& r : records) order.push_back(r["source"].get<std::string>() + ":" + r["type"].get<std::string>());
  // By source, then document, tasks, targets, deadlines, assignments.
  ASSERT_EQ(records.size(), 2u * (1 + 2 + 3 + 2 + 3));
  EXPECT_EQ(order[0], "a.txt:document");
  EXPECT_EQ(order[1], "a.txt:task");
  EXPECT_EQ(order[3], "a.txt:target");
  EXPECT_EQ(order[11], "b.txt:document");

  const json& doc = records[0];
  EXPECT_EQ(doc["title"], "潮州市全面推行清洁生产实施方案");
  EXPECT_TRUE(doc["doc_number"].is_null());
  EXPECT_EQ(doc["issue_date"], "2023-05-10");
  EXPECT_EQ(doc["region"], "潮州市");
  EXPECT_EQ(doc["issuers"], json::array({"潮州市发展和改革局", "潮州市生态环境局"}));
  EXPECT_FALSE(doc.contains("processed_at"));  // run time never leaks into records

  const json& task = records[1];
  EXPECT_EQ(task["task_id"], 0);
  EXPECT_EQ(task["section"], "二/（一）/1.");
  EXPECT_THAT(task["text"].get<std::string>(), HasSubstr("牵头"));

  auto targets = export_jsonl(*db, "target");
  ASSERT_EQ(targets.size(), 6u);
  // Position order within a.txt: 审核率 (byte 60), 能耗 (215), 能效 (310).
  EXPECT_EQ(targets[0]["indicator"], "审核率");
  EXPECT_EQ(targets[0]["value"], 99.5);
  EXPECT_EQ(targets[0]["value_max"], 100);
  EXPECT_EQ(targets[0]["scope"], "全市");
  EXPECT_EQ(targets[0]["aspirational"], true);
  EXPECT_TRUE(targets[0]["baseline_year"].is_null());
  EXPECT_EQ(targets[0]["attribute"], "约束性");
  const json& t = targets[1];
  EXPECT_EQ(t["type"], "target");
  EXPECT_EQ(t["source"], "a.txt");
  EXPECT_TRUE(t["value"].is_number_integer());
  EXPECT_EQ(t["value"], 14);
  EXPECT_TRUE(t["value_max"].is_null());
  EXPECT_EQ(t["direction"], "decrease");
  EXPECT_EQ(t["unit"], "%");
  EXPECT_EQ(t["comparator"], "=");
  EXPECT_EQ(t["baseline_year"], 2020);
  EXPECT_EQ(t["target_year"], 2025);
  EXPECT_TRUE(t["scope"].is_null());
  EXPECT_EQ(t["aspirational"], false);
  EXPECT_TRUE(t["attribute"].is_null());  // no 属性 stated
  EXPECT_EQ(t["evidence"], "到2025年，单位地区生产总值能耗比2020年下降14%");
  EXPECT_EQ(t["page"], 1);
  EXPECT_EQ(t["task_id"], 1);
  EXPECT_TRUE(targets[2]["value"].is_null());
  EXPECT_TRUE(targets[2]["unit"].is_null());

  auto deadlines = export_jsonl(*db, "deadline");
  ASSERT_EQ(deadlines.size(), 4u);
  EXPECT_EQ(deadlines[0]["as_written"], "2025年底前");
  EXPECT_EQ(deadlines[0]["kind"], "by");
  EXPECT_TRUE(deadlines[0]["start_date"].is_null());
  EXPECT_EQ(deadlines[0]["end_date"], "2025-12-31");
  EXPECT_TRUE(deadlines[0]["task_text"].is_null());  // outside any task
  EXPECT_EQ(deadlines[1]["task_text"],
            "2.节能降碳。到2025年，单位地区生产总值能耗比2020年下降14%。（市发展改革局负责）");
  EXPECT_EQ(deadlines[1]["context"], "到2025年，单位地区生产总值能耗比2020年下降14%");

  auto assignments = export_jsonl(*db, "assignment");
  ASSERT_EQ(assignments.size(), 6u);
  EXPECT_EQ(assignments[0]["department"], "潮州市生态环境局");
  EXPECT_EQ(assignments[0]["as_written"], "市生态环境局");
  EXPECT_EQ(assignments[0]["role"], "lead");
  EXPECT_EQ(assignments[0]["level"], "city");
  EXPECT_THAT(assignments[0]["task_text"].get<std::string>(), HasSubstr("依法开展强制性清洁生产审核"));
  EXPECT_EQ(assignments[2]["role"], "responsible");
}

TEST_F(StoreTest, ExportIsDeterministic) {
  std::string first;
  for (int pass = 0; pass < 2; ++pass) {
    fs::remove(path_);
    fs::remove(path_ + "-wal");
    fs::remove(path_ + "-shm");
    auto db = open_db();
    auto run = db->begin_run(run_info());
    ASSERT_TRUE(run.ok());
    // Different insertion order on each pass.
    for (const char* n : pass == 0 ? std::vector<const char*>{"a.txt", "b.txt"}
                                   : std::vector<const char*>{"b.txt", "a.txt"})
      ASSERT_TRUE(db->put_document(make_doc(n), run.value()).ok());
    std::ostringstream out;
    ASSERT_TRUE(db->export_records(out, {}).ok());
    if (pass == 0) first = out.str();
    else EXPECT_EQ(out.str(), first);
  }
}

TEST_F(StoreTest, CsvQuotesFieldsAsRfc4180) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a,b.txt"), run.value()).ok());
  std::ostringstream out;
  ExportOptions o{ExportFormat::kCsv, "clause"};
  ASSERT_TRUE(db->export_records(out, o).ok());
  std::istringstream in(out.str());
  std::string header, row0, row1;
  std::getline(in, header);
  std::getline(in, row0);
  std::getline(in, row1);
  EXPECT_EQ(header, "type,source,clause_id,text,section,page,task_id,in_table\r");
  EXPECT_EQ(row0, "clause,\"a,b.txt\",0,全面推行清洁生产，力争2025年底前完成全部评估,二/（一）,1,,false\r");
  EXPECT_EQ(row1,
            "clause,\"a,b.txt\",1,\"依法开展强制性清洁生产审核，\"\"重点\"\"企业，审核率达到100%\","
            "二/（一）/1.,1,0,false\r");
  // A record type is required for CSV; an unknown one is refused.
  std::ostringstream sink;
  EXPECT_FALSE(db->export_records(sink, {ExportFormat::kCsv, ""}).ok());
  EXPECT_FALSE(db->export_records(sink, {ExportFormat::kJsonl, "nonsense"}).ok());
  EXPECT_FALSE(db->export_records(sink, {ExportFormat::kJsonl, "v_nonsense"}).ok());
}

TEST_F(StoreTest, ViewsAreQueryableOneRowPerFact) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(db->put_document(make_doc("a.txt"), run.value()).ok());
  ASSERT_TRUE(db->put_document(make_doc("b.txt"), run.value()).ok());
  struct Case {
    std::string view;
    size_t rows;
  } cases[] = {{"v_documents", 2}, {"v_targets", 6}, {"v_deadlines", 4},
               {"v_assignments", 6}, {"v_department_workload", 3}};
  for (const auto& c : cases) {
    auto rows = export_jsonl(*db, c.view);
    EXPECT_EQ(rows.size(), c.rows) << c.view;
  }
  auto workload = export_jsonl(*db, "v_department_workload");
  ASSERT_EQ(workload.size(), 3u);
  std::map<std::string, json> by_name;
  for (const auto& w : workload) by_name[w["department"]] = w;
  const json& lead = by_name["潮州市生态环境局"];
  EXPECT_EQ(lead["tasks_led"], 2);  // one task in each of the two documents
  EXPECT_EQ(lead["tasks_supported"], 0);
  EXPECT_EQ(lead["targets"], 2);    // 审核率 in each document
  const json& dev = by_name["潮州市发展和改革局"];
  EXPECT_EQ(dev["tasks_responsible"], 2);
  EXPECT_EQ(dev["targets"], 4);
  EXPECT_EQ(dev["deadlines"], 2);
  std::ostringstream csv;
  ASSERT_TRUE(db->export_records(csv, {ExportFormat::kCsv, "v_targets"}).ok());
  EXPECT_THAT(csv.str(), HasSubstr("target_id,source,title"));
}

TEST_F(StoreTest, DepartmentsMergeAliases) {
  auto db = open_db();
  auto run = db->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  auto a = make_doc("a.txt");
  auto b = make_doc("b.txt");
  b.records.assignments[0].as_written = "生态环境局";
  ASSERT_TRUE(db->put_document(a, run.value()).ok());
  ASSERT_TRUE(db->put_document(b, run.value()).ok());
  ASSERT_TRUE(db->put_document(a, run.value()).ok());  // no duplicate alias
  EXPECT_EQ(counts(*db)["departments"], 3);
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  EXPECT_EQ(cli("SELECT aliases, known, level FROM departments WHERE name = '潮州市生态环境局';"),
            "[\"市生态环境局\",\"生态环境局\"]|1|city");
}

class StoreSearchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    db_ = open_db();
    ASSERT_NE(db_, nullptr);
    auto run = db_->begin_run(run_info());
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(db_->put_document(make_doc("a.txt"), run.value()).ok());
    auto other = make_doc("b.txt");
    other.meta.region = "广东省";
    other.meta.issue_date = "2022-01-01";
    ASSERT_TRUE(db_->put_document(other, run.value()).ok());
  }
  std::vector<SearchHit> search(SearchQuery q) {
    auto r = db_->search(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : std::vector<SearchHit>{};
  }
  std::unique_ptr<Database> db_;
};

TEST_F(StoreSearchTest, TermsOfEveryLength) {
  struct Case {
    std::string query;
    size_t hits;  // clauses over both documents
  } cases[] = {
      {"审核", 2},                // 2 CJK chars: below trigram, answered by instr()
      {"碳", 2},                  // 1 char
      {"清洁生产", 4},            // trigram
      {"清洁生产 审核", 2},       // two terms, both must match
      {"审核 清洁生产", 2},       // order does not matter
      {"能耗 2020", 2},          // short CJK + 4-digit ASCII
      {"\"清洁生产审核\"", 2},    // quoted phrase
      {"“清洁生产，力争”", 2},   // Chinese quotes, punctuation inside
      {"清洁生产 节能", 0},       // no clause has both
      {"不存在的词语", 0},
  };
  for (const auto& c : cases) {
    SearchQuery q;
    q.text = c.query;
    auto hits = search(q);
    EXPECT_EQ(hits.size(), c.hits) << c.query;
  }
}

TEST_F(StoreSearchTest, HitsCarrySnippetTitlePageSectionDepartments) {
  SearchQuery q;
  q.text = "审核";
  q.doc = "a.txt";
  auto hits = search(q);
  ASSERT_EQ(hits.size(), 1u);
  const auto& h = hits[0];
  EXPECT_EQ(h.source, "a.txt");
  EXPECT_EQ(h.title, "潮州市全面推行清洁生产实施方案");
  EXPECT_EQ(h.page, 1);
  EXPECT_EQ(h.section, "二/（一）/1.");
  EXPECT_EQ(h.snippet, "依法开展强制性清洁生产【审核】，\"重点\"企业，【审核】率达到100%");
  EXPECT_THAT(h.departments, ElementsAre("潮州市生态环境局", "潮州市工业和信息化局"));

  q.text = "清洁生产审核";  // trigram path ranks with bm25
  hits = search(q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_LT(hits[0].score, 0);
  EXPECT_THAT(hits[0].snippet, HasSubstr("【清洁生产审核】"));
}

TEST_F(StoreSearchTest, SnippetWindowIsCutOnCharacterBoundaries) {
  auto run = db_->begin_run(run_info());
  ASSERT_TRUE(run.ok());
  auto doc = make_doc("long.txt");
  std::string filler;
  for (int i = 0; i < 150; ++i) filler += "前";
  doc.clauses[3].text = filler + "关键目标词" + filler;
  ASSERT_TRUE(db_->put_document(doc, run.value()).ok());
  SearchQuery q;
  q.text = "关键目标词";
  auto hits = search(q);
  ASSERT_EQ(hits.size(), 1u);
  const std::string& s = hits[0].snippet;
  EXPECT_TRUE(s.starts_with("…前")) << s;
  EXPECT_TRUE(s.ends_with("前…")) << s;
  EXPECT_THAT(s, HasSubstr("【关键目标词】"));
}

TEST_F(StoreSearchTest, TypesAndFilters) {
  struct Case {
    std::string name;
    SearchQuery q;
    size_t hits;
  };
  // A query of `type` for `text`, with `set` filling in its filters.
  auto query = [](std::string text, std::string type,
                  const std::function<void(SearchQuery&)>& set = nullptr) {
    SearchQuery q;
    q.text = std::move(text);
    q.type = std::move(type);
    if (set) set(q);
    return q;
  };
  using Q = SearchQuery;
  const std::vector<Case> cases = {
      {"target by 2-char term", query("能耗", "target"), 2},
      {"target by indicator text", query("审核率", "target"), 2},
      {"deadline", query("2025", "deadline"), 4},
      {"assignment by task text", query("强制性清洁生产", "assignment"), 4},
      {"assignment role", query("强制性清洁生产", "assignment", [](Q& q) { q.role = extract::Role::kLead; }), 2},
      {"assignment department, no text",
       query("", "assignment", [](Q& q) { q.department = "发展和改革"; }), 2},
      {"clause in tasks of a department",
       query("清洁生产", "clause", [](Q& q) { q.department = "工业和信息化"; }), 2},
      {"region", query("清洁生产", "clause", [](Q& q) { q.region = "广东"; }), 2},
      {"issue year", query("清洁生产", "clause", [](Q& q) { q.year = 2023; }), 2},
      {"target year", query("", "target", [](Q& q) { q.year = 2025; }), 2},
      {"limit", query("清洁生产", "clause", [](Q& q) { q.limit = 1; }), 1},
      {"doc", query("清洁生产", "clause", [](Q& q) { q.doc = "b.txt"; }), 2},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(search(c.q).size(), c.hits) << c.name;
  }
  auto hits = search(query("能耗", "target"));
  ASSERT_FALSE(hits.empty());
  auto record = json::parse(hits[0].record_json);
  EXPECT_EQ(record["type"], "target");
  EXPECT_EQ(record["indicator"], "单位地区生产总值能耗");
  EXPECT_FALSE(db_->search(query("x", "document")).ok());
}

TEST_F(StoreSearchTest, StockCliCanSearchTheFtsTable) {
  if (!have_cli()) GTEST_SKIP() << "no " << kSqliteCli;
  db_.reset();  // close: the CLI reads the checkpointed file
  EXPECT_EQ(cli("SELECT count(*) FROM clauses_fts WHERE clauses_fts MATCH '清洁生产';"), "4");
  EXPECT_EQ(cli("SELECT c.clause_no FROM clauses_fts JOIN clauses c ON c.id = clauses_fts.rowid "
                "WHERE clauses_fts MATCH '清洁生产审核' ORDER BY bm25(clauses_fts), c.id LIMIT 1;"),
            "1");
  EXPECT_EQ(cli("SELECT count(*) FROM tasks_fts WHERE tasks_fts MATCH '节能降碳';"), "2");
  EXPECT_EQ(cli("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '清洁生产';"), "2");
}

}  // namespace
}  // namespace policydb::store
