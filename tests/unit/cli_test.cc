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
  EXPECT_EQ(check.code, 2) << "a broken rule file is a configuration error, as the README says";
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

namespace {
// Columns of UTF-8 text on a terminal: 3- and 4-byte characters (CJK) two.
int columns_of(const std::string& s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += n >= 3 ? 2 : 1;
    i += n;
  }
  return w;
}
bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}
}  // namespace

// Issue 20 item 8: under a pseudo-terminal the bar has its own line, its
// figures, and is cut between characters to the terminal's width.
TEST(Cli, ProgressBarOnATerminal) {
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script (util-linux) not installed";
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in);
  copy_seed("001_36a3994603e7ad33.txt", in);
  fs::copy_file(kSource / "corpus" / "003_421234fa0b1cfee1.txt",
                in / "广东省关于全面推进绿色清洁生产工作的意见及其附件的很长很长的文件名.txt");
  std::ofstream(in / "empty.txt").close();
  const std::string cmd = "stty cols 50; " + policydb::testing::quote(POLICYDB_BINARY) +
                          " ingest --jobs 1 --db " + policydb::testing::quote(tmp / "p.db") + " " +
                          policydb::testing::quote(in.string());
  auto o = run({"script", "-qfec", cmd, "/dev/null"}, POLICYDB_SOURCE_DIR);
  const std::string& screen = o.out;  // script copies the terminal to stdout
  int bars = 0;
  size_t pos = 0;
  while ((pos = screen.find("\r\033[K[", pos)) != std::string::npos) {
    pos += 4;
    size_t end = screen.find_first_of("\r\n", pos);
    const std::string bar = screen.substr(pos, end - pos);
    ++bars;
    EXPECT_LE(columns_of(bar), 49) << bar;
    EXPECT_TRUE(valid_utf8(bar)) << bar;
    EXPECT_NE(bar.find("/3"), std::string::npos) << bar;
    EXPECT_NE(bar.find("ETA"), std::string::npos) << bar;
  }
  EXPECT_GE(bars, 1) << screen;
  // The failure is a log line above the bar, not mixed into it.
  EXPECT_NE(screen.find("\r\033[Kwarning: "), std::string::npos) << screen;
  EXPECT_NE(screen.find("empty file"), std::string::npos) << screen;
  EXPECT_NE(screen.find("time: "), std::string::npos) << screen;
  EXPECT_NE(screen.find("pages/s"), std::string::npos) << screen;

  // Not a terminal: plain lines, no carriage returns, the same summary.
  auto plain = run_policydb({"ingest", "--force", "--db", tmp / "p.db", in.string()});
  EXPECT_EQ(plain.err.find('\r'), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("[3/3]"), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("empty.txt: failed — ingest: "), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("s wall"), std::string::npos) << plain.err;
}

TEST(Cli, JsonSummaryOfAnIngest) {
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in);
  copy_seed("001_36a3994603e7ad33.txt", in);
  std::ofstream(in / "empty.txt").close();
  auto o = run_policydb({"ingest", "--json", "--db", tmp / "p.db", in.string()});
  EXPECT_EQ(o.code, 1) << o.err;
  auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["processed"], 2);
  EXPECT_EQ(j["failed"], 1);
  EXPECT_GE(j["pages"].get<int>(), 1);
  EXPECT_GE(j["wall_seconds"].get<double>(), 0.0);
  EXPECT_TRUE(j.contains("pages_per_second"));
  ASSERT_EQ(j["failures"].size(), 1u);
  EXPECT_NE(j["failures"][0].get<std::string>().find("empty file"), std::string::npos);
  EXPECT_GT(j["records"]["clauses"].get<int>(), 0);
}

// Issue 20 item 9: -q/-v after the subcommand, in every --help; quiet still
// names each failure and its reason (once: item 13).
TEST(Cli, LogFlagsAfterTheSubcommandAndQuietKeepsFailures) {
  for (std::vector<std::string> cmd : {std::vector<std::string>{"ingest"}, {"export"}, {"search"},
                                       {"show"}, {"rules", "check"}}) {
    cmd.push_back("--help");
    auto h = run_policydb(cmd);
    EXPECT_EQ(h.code, 0) << cmd[0];
    EXPECT_NE(h.out.find("--quiet"), std::string::npos) << cmd[0];
    EXPECT_NE(h.out.find("--verbose"), std::string::npos) << cmd[0];
  }
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in);
  copy_seed("001_36a3994603e7ad33.txt", in);
  std::ofstream(in / "empty.txt").close();
  auto o = run_policydb({"ingest", "--db", tmp / "p.db", in.string(), "-q"});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_EQ(o.err.find("info:"), std::string::npos) << o.err;
  size_t mentions = 0;
  for (size_t p = o.err.find("empty file"); p != std::string::npos; p = o.err.find("empty file", p + 1))
    ++mentions;
  EXPECT_EQ(mentions, 1u) << "each failure once, with its reason:\n" << o.err;
  auto v = run_policydb({"export", "--db", tmp / "p.db", "-v", "--type", "document"});
  EXPECT_EQ(v.code, 0) << v.err;
}

// Issue 20 item 10: a path that does not exist is a usage error.
TEST(Cli, MissingPathIsAUsageErrorAndWritesNothing) {
  TempDir tmp;
  auto o = run_policydb({"ingest", "--db", tmp / "p.db", tmp / "no-such-folder"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no such file or folder"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "p.db"));
  // No paths, outside the repository: it says what it would read.
  auto none = run_policydb({"ingest", "--db", tmp / "p.db"}, tmp.path().string());
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("corpus/"), std::string::npos) << none.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "p.db"));
}

// Issue 20 item 11: formats ingest does not read are named; data files in
// folders are skipped (and reported) unless --all-files.
TEST(Cli, UnsupportedFormatsAreNamedAndDataFilesSkipped) {
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in);
  copy_seed("001_36a3994603e7ad33.txt", in);
  std::ofstream(in / "MANIFEST.tsv") << "name\tsha\n001.txt\tabc\n";
  std::ofstream(in / "photo.txt", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8)
                                                    << std::string(200, '\x01');
  std::ofstream(in / "bundle.txt", std::ios::binary) << std::string("PK\x03\x04", 4)
                                                     << std::string(200, '\x02');
  const std::string db = tmp / "p.db";
  auto o = run_policydb({"ingest", "--db", db, in.string()});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_NE(o.err.find("MANIFEST.tsv"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("1 not notices (skipped)"), std::string::npos) << o.err;
  auto rows = lines(sqlite(db, "SELECT name || '|' || coalesce(message, '') FROM documents ORDER BY name"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "001_36a3994603e7ad33.txt|");
  EXPECT_TRUE(rows[1].starts_with("bundle.txt|unsupported format: ZIP archive")) << rows[1];
  EXPECT_EQ(rows[2], "photo.txt|unsupported format: PNG image");
  auto all = run_policydb({"ingest", "--all-files", "--db", db, in.string()});
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM documents WHERE name = 'MANIFEST.tsv'"), "1\n") << all.err;
}

// Issue 20 item 7: CSV with a byte order mark for Excel.
TEST(Cli, CsvExportWithBomForExcel) {
  TempDir tmp;
  const std::string db = tmp / "p.db";
  ASSERT_EQ(run_policydb({"ingest", "--db", db, (kSource / "corpus" / "001_36a3994603e7ad33.txt").string()}).code, 0);
  auto with = run_policydb({"export", "--db", db, "--format", "csv", "--type", "document", "--bom"});
  ASSERT_EQ(with.code, 0) << with.err;
  EXPECT_EQ(with.out.substr(0, 3), "\xEF\xBB\xBF");
  auto without = run_policydb({"export", "--db", db, "--format", "csv", "--type", "document"});
  EXPECT_EQ(with.out.substr(3), without.out);
  EXPECT_NE(without.out.substr(0, 3), "\xEF\xBB\xBF");
}

// Issue 20 item 12: show answers from the database, even when the source
// file is gone and the command runs elsewhere.
TEST(Cli, ShowAnswersFromTheDatabase) {
  TempDir tmp;
  auto in = tmp.path() / "in";
  fs::create_directories(in);
  copy_seed("001_36a3994603e7ad33.txt", in);
  const std::string db = tmp / "p.db";
  ASSERT_EQ(run_policydb({"ingest", "--db", db, in.string()}).code, 0);
  const std::string canonical = fs::canonical(in / "001_36a3994603e7ad33.txt").string();
  fs::remove_all(in);
  auto o = run_policydb({"show", "--db", db, "001_36a3994603e7ad33"}, tmp.path().string());
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("文号: 粤工信节能函〔2024〕14号"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("date: 2024-03-15"), std::string::npos);
  EXPECT_NE(o.out.find("fields from: "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("issue_date="), std::string::npos) << "where the date was read";
  EXPECT_NE(o.out.find("path: " + canonical), std::string::npos);
  EXPECT_NE(o.out.find("一、 总体要求"), std::string::npos) << "the outline";
  const auto targets = sqlite(db, "SELECT count(*) FROM targets");
  EXPECT_NE(o.out.find(targets.substr(0, targets.size() - 1) + " target(s):"), std::string::npos);
  size_t target_lines = 0;
  for (const auto& l : lines(o.out))
    if (l.find("  target: indicator=") != std::string::npos && l.rfind("  p.", 0) == 0) ++target_lines;
  EXPECT_EQ(std::to_string(target_lines) + "\n", targets);
  auto missing = run_policydb({"show", "--db", db, "nothing-like-this"}, tmp.path().string());
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("nothing-like-this"), std::string::npos) << missing.err;
}

// Issue 20 item 14: installed, the binary finds its rules without the
// source tree; a man page and bash completion are installed; POLICYDB_DB
// names the default database.
TEST(Cli, InstallsAndFindsItsRulesAndTheDatabaseFromTheEnvironment) {
  TempDir tmp;
  const auto prefix = tmp.path() / "prefix";
  auto inst = run({"cmake", "--install", POLICYDB_BUILD_DIR, "--prefix", prefix.string()});
  ASSERT_EQ(inst.code, 0) << inst.err;
  const auto bin = prefix / "bin" / "policydb";
  ASSERT_TRUE(fs::exists(bin));
  EXPECT_TRUE(fs::exists(prefix / "share/policydb/rules/targets.toml"));
  EXPECT_TRUE(fs::exists(prefix / "share/bash-completion/completions/policydb"));
  if (fs::exists("/usr/bin/help2man")) {
    EXPECT_TRUE(fs::exists(prefix / "share/man/man1/policydb.1"));
    EXPECT_NE(policydb::testing::slurp(prefix / "share/man/man1/policydb.1").find("search"),
              std::string::npos);
  }
  // Run from a folder without rules/: the installed rules are used.
  auto check = run({bin.string(), "rules", "check"}, tmp.path().string());
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_NE(check.err.find((prefix / "share/policydb/rules").string()), std::string::npos)
      << check.err;
  // The completion script is valid bash.
  EXPECT_EQ(run({"bash", "-n", (prefix / "share/bash-completion/completions/policydb").string()}).code, 0);

  // POLICYDB_DB is the default database of every command.
  const std::string db = tmp / "env.db";
  auto in = run({"env", "POLICYDB_DB=" + db, bin.string(), "ingest",
                 (kSource / "corpus" / "001_36a3994603e7ad33.txt").string()},
                tmp.path().string());
  EXPECT_EQ(in.code, 0) << in.err;
  EXPECT_TRUE(fs::exists(db));
  auto ex = run({"env", "POLICYDB_DB=" + db, bin.string(), "export", "--type", "document"},
                tmp.path().string());
  EXPECT_EQ(ex.code, 0) << ex.err;
  EXPECT_NE(ex.out.find("001_36a3994603e7ad33.txt"), std::string::npos);
}

// Issue 20 item 6: titles of the real PDFs are neither doubled (the title
// printed twice, 中共中央办公厅、国务院办公厅印发《…》中共中央办公厅、…) nor a
// paragraph (281 characters of body text). It failed on main at 9a2cc82
// (4 doubled titles of 90-93 characters, one of 281).
TEST(Cli, PdfTitlesAreNeitherDoubledNorParagraphs) {
  const fs::path pdf = fs::path(POLICYDB_SHARED_DIR) / "pdf";
  if (!fs::is_directory(pdf)) GTEST_SKIP() << "../shared/pdf not available";
  TempDir tmp;
  const std::string db = tmp / "pdf.db";
  auto o = run_policydb({"ingest", "-q", "--db", db, pdf.string()});
  ASSERT_LE(o.code, 1) << o.err;
  auto rows = lines(sqlite(db, "SELECT name || char(9) || coalesce(title, '') FROM documents"
                               " WHERE status != 'failed' ORDER BY name"));
  ASSERT_GE(rows.size(), 50u);
  for (const auto& row : rows) {
    const auto tab = row.find('\t');
    const std::string name = row.substr(0, tab), title = row.substr(tab + 1);
    // Doubled: its first 10 characters (30 bytes of CJK) occur again later.
    const std::string head = title.substr(0, std::min<size_t>(title.size(), 30));
    EXPECT_FALSE(head.size() >= 30 && title.find(head, head.size()) != std::string::npos)
        << name << ": doubled title " << title;
    EXPECT_LE(columns_of(title) / 2, 100) << name << ": paragraph-long title " << title;
    EXPECT_EQ(title.find("。"), std::string::npos) << name << ": a sentence in the title " << title;
  }
}
