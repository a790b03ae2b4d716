// The policydb binary as a user meets it: exit codes, messages, re-runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/process.h"

namespace fs = std::filesystem;
using policydb::testing::lines;
using policydb::testing::run_policydb;
using policydb::testing::run;
using policydb::testing::TempDir;

namespace {

const fs::path kSource = POLICYDB_SOURCE_DIR;

void copy_seed(const std::string& name, const fs::path& dir) {
  fs::copy_file(kSource / "corpus" / name, dir / name);
}

std::string sqlite(const std::string& db, const std::string& sql) {
  auto o = run({"sqlite3", db, sql});
  EXPECT_EQ(o.code, 0) << o.err;
  return o.out;
}

}  // namespace

TEST(Cli, HelpListsCommandsAndExitsZero) {
  auto o = run_policydb({"--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* cmd : {"ingest", "export", "search", "show", "rules"})
    EXPECT_NE(o.out.find(cmd), std::string::npos) << cmd;
  for (const char* cmd : {"ingest", "export", "search", "show"}) {
    auto sub = run_policydb({cmd, "--help"});
    EXPECT_EQ(sub.code, 0) << cmd;
    EXPECT_NE(sub.out.find("--db"), std::string::npos) << cmd;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_policydb({"frobnicate"}).code, 2);
  EXPECT_EQ(run_policydb({"export", "--format", "xml"}).code, 2);
  EXPECT_EQ(run_policydb({"ingest", "--jobs", "-3"}).code, 2);
  TempDir tmp;
  auto o = run_policydb({"export", "--db", tmp / "missing.db"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no database"), std::string::npos) << o.err;
}

TEST(Cli, RulesCheckPassesOnTheShippedRules) {
  auto o = run_policydb({"rules", "check", (kSource / "rules").string()});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("0 failure(s)"), std::string::npos) << o.err;
}

TEST(Cli, BrokenRuleFileStopsIngestBeforeAnyDocumentIsRead) {
  TempDir tmp;
  fs::copy(kSource / "rules", tmp.path() / "rules", fs::copy_options::recursive);
  {
    std::ofstream bad(tmp.path() / "rules" / "zz_broken.toml");
    bad << "[[rule]]\nid = \"broken\"\nfamily = \"x\"\npattern = '''(?P<v>\\d+'''\n"
           "groups = { v = \"digits\" }\nexamples = [{ text = \"12\" }]\n";
  }
  fs::create_directories(tmp.path() / "in");
  copy_seed("001_36a3994603e7ad33.txt", tmp.path() / "in");
  auto o = run_policydb({"ingest", "--rules", tmp / "rules", "--db", tmp / "out.db", tmp / "in"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("zz_broken.toml:4"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("missing )"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "out.db")) << "no document may be written";

  auto check = run_policydb({"rules", "check", tmp / "rules"});
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(check.err.find("zz_broken.toml:4"), std::string::npos) << check.err;
}

TEST(Cli, EveryFileGetsOneRowAndTheBatchGoesOn) {
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in / "sub folder");
  copy_seed("001_36a3994603e7ad33.txt", in);
  copy_seed("003_421234fa0b1cfee1.txt", in / "sub folder");
  std::ofstream(in / "empty.txt").close();
  std::ofstream(in / "not really.pdf") << "this is plain text named .pdf\n到2025年，全市能耗下降14%。\n";
  std::ofstream(in / "garbage.pdf", std::ios::binary) << "%PDF-1.7\n\x01\x02\x03 broken";
  const std::string db = tmp / "p.db";

  auto first = run_policydb({"ingest", "--db", db, in.string()});
  EXPECT_EQ(first.code, 1) << "some documents failed: " << first.err;
  EXPECT_NE(first.err.find("5 seen"), std::string::npos) << first.err;

  auto rows = lines(sqlite(db, "SELECT name || '|' || status FROM documents ORDER BY name"));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "001_36a3994603e7ad33.txt|ok", "003_421234fa0b1cfee1.txt|ok",
                      "empty.txt|failed", "garbage.pdf|failed",
                      "not really.pdf|ok"}))  // format by content, not by name
      << first.err;
  EXPECT_EQ(sqlite(db, "SELECT DISTINCT stage FROM documents WHERE status = 'failed'"), "ingest\n");
  auto messages = lines(sqlite(db, "SELECT message FROM documents WHERE status = 'failed' ORDER BY name"));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[0].find("empty"), std::string::npos) << messages[0];
  EXPECT_FALSE(messages[1].empty());

  // A second run over the unchanged folder does no work and changes no rows.
  auto before = sqlite(db, "SELECT * FROM documents ORDER BY id");
  auto counts_before = sqlite(db, "SELECT (SELECT count(*) FROM clauses), (SELECT count(*) FROM tasks)");
  auto second = run_policydb({"ingest", "--db", db, in.string()});
  EXPECT_NE(second.err.find("0 processed"), std::string::npos) << second.err;
  EXPECT_EQ(sqlite(db, "SELECT * FROM documents ORDER BY id"), before);
  EXPECT_EQ(sqlite(db, "SELECT (SELECT count(*) FROM clauses), (SELECT count(*) FROM tasks)"),
            counts_before);
  EXPECT_EQ(sqlite(db, "PRAGMA integrity_check"), "ok\n");

  // A changed file is processed again and its records replaced.
  std::ofstream(in / "001_36a3994603e7ad33.txt", std::ios::app) << "\n附加一行。\n";
  auto third = run_policydb({"ingest", "--db", db, in.string()});
  EXPECT_NE(third.err.find("1 processed"), std::string::npos) << third.err;
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM documents"), "5\n");
}

TEST(Cli, ExportFollowsTheContract) {
  TempDir tmp;
  const std::string db = tmp / "p.db";
  auto o = run_policydb({"ingest", "--db", db, (kSource / "corpus" / "001_36a3994603e7ad33.txt").string()});
  ASSERT_EQ(o.code, 0) << o.err;
  auto out = run_policydb({"export", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(out.code, 0) << out.err;
  int documents = 0;
  for (const auto& line : lines(out.out)) {
    auto j = nlohmann::json::parse(line);
    ASSERT_TRUE(j.contains("type")) << line;
    EXPECT_EQ(j["source"], "001_36a3994603e7ad33.txt");
    if (j["type"] == "document") {
      ++documents;
      EXPECT_EQ(j["doc_number"], "粤工信节能函〔2024〕14号");
      EXPECT_EQ(j["issue_date"], "2024-03-15");
      EXPECT_EQ(j["region"], "广东省");
    }
  }
  EXPECT_EQ(documents, 1);
  auto csv = run_policydb({"export", "--db", db, "--format", "csv", "--type", "document"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_GE(lines(csv.out).size(), 2u) << "header and one row";
}

TEST(Cli, ParallelIngestExportsTheSameRecords) {
  TempDir tmp;
  auto o1 = run_policydb({"ingest", "--jobs", "1", "--db", tmp / "a.db", (kSource / "corpus").string()});
  auto o2 = run_policydb({"ingest", "--jobs", "2", "--db", tmp / "b.db", (kSource / "corpus").string()});
  ASSERT_EQ(o1.code, o2.code) << o1.err << o2.err;
  auto a = run_policydb({"export", "--db", tmp / "a.db"});
  auto b = run_policydb({"export", "--db", tmp / "b.db"});
  EXPECT_GT(a.out.size(), 1000u);
  EXPECT_EQ(a.out, b.out);
}

// A bulk load with the index deferred stores the same records, and its
// index, rebuilt at the end, answers what the per-batch index answers.
TEST(Cli, DeferredIndexLoadsTheSameRecordsAndSearchesAlike) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "in");
  for (const char* seed : {"000_dd3bc1096c96c4a1.txt", "001_36a3994603e7ad33.txt",
                           "002_4185db69b85edb41.txt"})
    copy_seed(seed, tmp.path() / "in");
  const std::string a = tmp / "a.db", b = tmp / "b.db";
  auto o1 = run_policydb({"ingest", "--db", a, (tmp.path() / "in").string()});
  auto o2 = run_policydb({"ingest", "--defer-index", "--db", b, (tmp.path() / "in").string()});
  ASSERT_EQ(o1.code, 0) << o1.err;
  ASSERT_EQ(o2.code, 0) << o2.err;
  EXPECT_NE(o2.err.find("search index rebuilt"), std::string::npos) << o2.err;
  EXPECT_EQ(run_policydb({"export", "--db", a}).out, run_policydb({"export", "--db", b}).out);
  for (const char* query : {"清洁生产", "审核", "碳达峰 目标"}) {
    auto s1 = run_policydb({"search", "--db", a, "--json", "--limit", "1000", query});
    auto s2 = run_policydb({"search", "--db", b, "--json", "--limit", "1000", query});
    EXPECT_EQ(s1.code, 0) << s1.err;
    EXPECT_EQ(s1.out, s2.out) << query;
    EXPECT_EQ(s2.err.find("search index misses"), std::string::npos) << s2.err;
  }
  EXPECT_EQ(sqlite(b, "SELECT count(*) FROM store_state;"), "0\n");
  for (const std::string& db : {a, b})
    for (const std::string t : {"clauses_fts", "tasks_fts", "documents_fts"})
      EXPECT_EQ(sqlite(db, "INSERT INTO " + t + "(" + t + ", rank) VALUES('integrity-check', 1);"), "")
          << db << " " << t;
}

// Issue 20 item 1: a document is its bytes and canonical path, not the path
// string it was reached by.
TEST(Cli, SameFileByAnotherPathIsTheSameDocument) {
  TempDir tmp;
  auto in = tmp.path() / "corpus";
  fs::create_directories(in);
  fs::create_directories(tmp.path() / "other");
  copy_seed("001_36a3994603e7ad33.txt", in);
  copy_seed("003_421234fa0b1cfee1.txt", in);
  const std::string db = tmp / "p.db";
  const std::string cwd = tmp.path().string();
  auto ingest = [&](std::vector<std::string> paths) {
    paths.insert(paths.begin(), {"ingest", "--db", db});
    auto o = run_policydb(paths, cwd);
    EXPECT_EQ(o.code, 0) << o.err;
    return o;
  };
  ingest({"corpus"});
  ingest({in.string()});
  ingest({"./corpus/", "corpus", in.string() + "/"});
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM documents"), "2\n");

  // A copy elsewhere: one document, both paths listed.
  fs::copy_file(in / "001_36a3994603e7ad33.txt", tmp.path() / "other" / "copy.txt");
  ingest({"corpus", "other"});
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM documents"), "2\n");
  const auto canonical_in = fs::canonical(in).string();
  const auto canonical_other = fs::canonical(tmp.path() / "other").string();
  EXPECT_EQ(lines(sqlite(db, "SELECT p.path FROM document_paths p JOIN documents d"
                             " ON d.id = p.document_id WHERE d.name = '001_36a3994603e7ad33.txt'"
                             " ORDER BY p.path")),
            (std::vector<std::string>{canonical_in + "/001_36a3994603e7ad33.txt",
                                      canonical_other + "/copy.txt"}));

  // Moved: the same rows, the new path recorded, the old one gone.
  const auto id_before = sqlite(db, "SELECT id FROM documents WHERE name LIKE '003%'");
  fs::rename(in / "003_421234fa0b1cfee1.txt", in / "renamed.txt");
  auto moved = ingest({"corpus"});
  EXPECT_NE(moved.err.find("0 processed"), std::string::npos) << moved.err;
  EXPECT_EQ(sqlite(db, "SELECT id FROM documents WHERE name = 'renamed.txt'"), id_before);
  EXPECT_EQ(sqlite(db, "SELECT path FROM document_paths WHERE document_id = " + id_before),
            canonical_in + "/renamed.txt\n");

  // Changed in place: replaced, still one document for that path.
  std::ofstream(in / "renamed.txt", std::ios::app) << "\n附加一行。\n";
  ingest({"corpus"});
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM documents"), "2\n");
  EXPECT_EQ(sqlite(db, "PRAGMA foreign_key_check"), "");
}
