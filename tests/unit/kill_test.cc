// kill -9 at any moment of an ingest leaves a database that passes
// PRAGMA integrity_check, holds no half-written document, and from which the
// next ingest completes the batch: its export equals a clean run's.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"

extern char** environ;

namespace fs = std::filesystem;
using policydb::testing::run_policydb;
using policydb::testing::run;
using policydb::testing::TempDir;

namespace {

const fs::path kSource = POLICYDB_SOURCE_DIR;
const std::string kRules = (kSource / "rules").string();
const fs::path kShared = POLICYDB_SHARED_DIR;

std::string sql(const std::string& db, const std::string& query) {
  auto o = run({"sqlite3", db, query});
  EXPECT_EQ(o.code, 0) << query << "\n" << o.err;
  return o.out;
}

// Starts `policydb args…` with posix_spawn (so it can be killed), output to
// /dev/null. Returns the child's pid.
pid_t spawn_policydb(const std::vector<std::string>& args) {
  std::vector<std::string> argv_s = {POLICYDB_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0) << "posix_spawn " << argv[0];
  return rc == 0 ? pid : -1;
}

// The input batch: corpus/ and, when the shared folder is there, a few of
// the real PDFs (copied, so `path` in exports is the same for every run).
fs::path make_batch(const TempDir& tmp) {
  fs::path in = tmp.path() / "in";
  fs::create_directories(in);
  for (const auto& e : fs::directory_iterator(kSource / "corpus"))
    fs::copy_file(e.path(), in / e.path().filename());
  if (fs::is_directory(kShared / "pdf")) {
    std::vector<fs::path> pdfs;
    for (const auto& e : fs::directory_iterator(kShared / "pdf"))
      if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
    std::sort(pdfs.begin(), pdfs.end());
    for (size_t i = 0; i < pdfs.size() && i < 6; ++i)
      fs::copy_file(pdfs[i], in / pdfs[i].filename());
  }
  return in;
}

// What a killed run may leave: no broken pages, no orphans, and every
// stored document complete (its counts agree with its rows).
void expect_consistent(const std::string& db) {
  EXPECT_EQ(sql(db, "PRAGMA integrity_check;"), "ok\n");
  // Killed while the file was being created, before the first schema step
  // committed: an empty database, which the next run migrates. Each step is
  // one transaction, so there is no half-made schema in between.
  if (sql(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents';") == "0\n") {
    EXPECT_EQ(sql(db, "SELECT count(*) FROM sqlite_schema;"), "0\n");
    EXPECT_EQ(sql(db, "PRAGMA user_version;"), "0\n");
    return;
  }
  EXPECT_EQ(sql(db, "PRAGMA foreign_key_check;"), "");
  // A document that got past reading has its pages; an ok one its clauses.
  EXPECT_EQ(sql(db, "SELECT name FROM documents d WHERE status != 'failed' AND NOT EXISTS "
                    "(SELECT 1 FROM pages p WHERE p.document_id = d.id);"),
            "");
  EXPECT_EQ(sql(db, "SELECT name FROM documents d WHERE status = 'ok' AND NOT EXISTS "
                    "(SELECT 1 FROM clauses c WHERE c.document_id = d.id);"),
            "");
  // Nothing points at a document that is not there.
  for (const char* t : {"pages", "sections", "tasks", "clauses"})
    EXPECT_EQ(sql(db, std::string("SELECT count(*) FROM ") + t +
                          " WHERE document_id NOT IN (SELECT id FROM documents);"),
              "0\n")
        << t;
  // The search indexes hold exactly the stored rows (FTS5's own check).
  for (const std::string t : {"clauses_fts", "tasks_fts", "documents_fts"})
    EXPECT_EQ(sql(db, "INSERT INTO " + t + "(" + t + ", rank) VALUES('integrity-check', 1);"), "")
        << t;
}

}  // namespace

TEST(Kill, SigkillAtAnyMomentLeavesAConsistentDatabaseThatTheNextRunCompletes) {
  TempDir tmp;
  const fs::path in = make_batch(tmp);
  const std::string clean_db = tmp / "clean.db";
  auto clean = run_policydb({"ingest", "--rules", kRules, "--jobs", "2", "--db", clean_db, in.string()});
  ASSERT_LE(clean.code, 1) << clean.err;
  auto clean_export = run_policydb({"export", "--db", clean_db});
  ASSERT_EQ(clean_export.code, 0) << clean_export.err;
  ASSERT_FALSE(clean_export.out.empty());
  const std::string clean_docs = sql(clean_db, "SELECT count(*) FROM documents;");

  // From before the database exists (rules load first) to the last documents
  // of a batch that takes ~14 s on this machine.
  for (int ms : {0, 300, 1500, 2500, 4000, 6000, 9000, 12000}) {
    SCOPED_TRACE("killed after " + std::to_string(ms) + " ms");
    const std::string db = tmp / ("killed-" + std::to_string(ms) + ".db");
    pid_t pid = spawn_policydb({"ingest", "--rules", kRules, "--jobs", "2", "--db", db, in.string()});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const bool finished = WIFEXITED(status);  // the run was quicker than the kill

    if (fs::exists(db)) expect_consistent(db);

    auto again = run_policydb({"ingest", "--rules", kRules, "--jobs", "2", "--db", db, in.string()});
    EXPECT_EQ(again.code, clean.code) << again.err;
    expect_consistent(db);
    EXPECT_EQ(sql(db, "SELECT count(*) FROM documents;"), clean_docs);
    auto ex = run_policydb({"export", "--db", db});
    ASSERT_EQ(ex.code, 0) << ex.err;
    EXPECT_TRUE(ex.out == clean_export.out) << "export after a kill and a re-run differs from a clean run's"
                                            << (finished ? " (the run had finished)" : "");
  }
}
