// The database built from corpus/ as people and tools use it: the stock
// sqlite3 CLI and sqlite-utils open it, every view answers, and
// `policydb search` finds the right clauses for 1-, 2- and 3+-character
// queries, several terms and quoted phrases.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using policydb::testing::lines;
using policydb::testing::run;
using policydb::testing::run_policydb;
using policydb::testing::TempDir;

namespace {

class CorpusDb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    db_ = *tmp_ / "corpus.db";
    auto o = run_policydb({"ingest", "--db", db_, "corpus"});
    ASSERT_EQ(o.code, 0) << o.err;
  }
  static void TearDownTestSuite() { delete tmp_; }

  // Hits of `policydb search --json`, one JSON object each.
  static std::vector<json> search(std::vector<std::string> args) {
    args.insert(args.begin(), {"search", "--db", db_, "--json", "--limit", "200"});
    auto o = run_policydb(args);
    EXPECT_EQ(o.code, 0) << o.err;
    std::vector<json> hits;
    for (const auto& l : lines(o.out)) hits.push_back(json::parse(l));
    return hits;
  }
  static std::string stock(const std::string& sql) {
    auto o = run({"sqlite3", db_, sql});
    EXPECT_EQ(o.code, 0) << o.err;
    return o.out;
  }

  static TempDir* tmp_;
  static std::string db_;
};
TempDir* CorpusDb::tmp_ = nullptr;
std::string CorpusDb::db_;

bool has_source(const std::vector<json>& hits, const std::string& prefix) {
  for (const auto& h : hits)
    if (h["source"].get<std::string>().rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_F(CorpusDb, StockSqliteListsTablesAndQueriesEveryView) {
  auto tables = stock(".tables");
  for (const char* t : {"documents", "pages", "clauses", "tasks", "assignments", "departments",
                        "targets", "deadlines", "runs", "clauses_fts"})
    EXPECT_NE(tables.find(t), std::string::npos) << t;
  for (const char* v : {"v_documents", "v_targets", "v_assignments", "v_deadlines",
                        "v_department_workload"}) {
    auto n = stock(std::string("SELECT count(*) FROM ") + v);
    EXPECT_GT(std::stol(n), 0) << v;
  }
  auto n = stock("SELECT count(*) FROM clauses_fts WHERE clauses_fts MATCH '清洁生产审核'");
  EXPECT_GT(std::stol(n), 10);
  // Dates in views are ISO.
  auto dates = lines(stock("SELECT DISTINCT end_date FROM v_deadlines WHERE end_date IS NOT NULL"));
  ASSERT_FALSE(dates.empty());
  for (const auto& d : dates) {
    ASSERT_EQ(d.size(), 10u) << d;
    EXPECT_TRUE(d[4] == '-' && d[7] == '-') << d;
  }
}

TEST_F(CorpusDb, SqliteUtilsReadsTheDatabase) {
  if (!fs::exists("/usr/bin/sqlite-utils")) GTEST_SKIP() << "sqlite-utils not installed";
  auto t = run({"sqlite-utils", "tables", db_});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("\"documents\""), std::string::npos);
  auto q = run({"sqlite-utils", "query", db_,
                "SELECT department, tasks_led FROM v_department_workload ORDER BY tasks_led DESC LIMIT 1"});
  ASSERT_EQ(q.code, 0) << q.err;
  auto rows = json::parse(q.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_GT(rows[0]["tasks_led"].get<int>(), 0);
}

TEST_F(CorpusDb, TwoCharacterQueryFindsTheEnergyTargetClause) {
  auto hits = search({"能耗"});
  ASSERT_FALSE(hits.empty());
  bool found = false;
  for (const auto& h : hits) {
    auto snippet = h["snippet"].get<std::string>();
    EXPECT_NE(snippet.find("【能耗】"), std::string::npos) << snippet;
    if (snippet.find("单位地区生产总值") != std::string::npos && snippet.find("下降14%") != std::string::npos)
      found = true;
  }
  EXPECT_TRUE(found) << "the 000 goal sentence (…能耗…下降14%)";
}

TEST_F(CorpusDb, TwoAndFivePlusCharacterQueriesAgree) {
  auto short_hits = search({"审核"});
  auto long_hits = search({"清洁生产审核"});
  EXPECT_TRUE(has_source(short_hits, "001_")) << "001 is about 清洁生产审核";
  EXPECT_TRUE(has_source(long_hits, "001_"));
  EXPECT_GE(short_hits.size(), long_hits.size()) << "every 清洁生产审核 clause contains 审核";
  for (const auto& h : long_hits)
    EXPECT_NE(h["snippet"].get<std::string>().find("【清洁生产审核】"), std::string::npos);
}

TEST_F(CorpusDb, SeveralTermsMustAllMatch) {
  auto hits = search({"碳达峰 目标"});
  ASSERT_FALSE(hits.empty());
  // Exactly the clauses that contain both terms (snippets may cut one off).
  auto both = stock("SELECT count(*) FROM clauses WHERE instr(text, '碳达峰') > 0 AND instr(text, '目标') > 0");
  auto first = stock("SELECT count(*) FROM clauses WHERE instr(text, '碳达峰') > 0");
  EXPECT_EQ(hits.size(), std::stoul(both));
  EXPECT_LT(hits.size(), std::stoul(first)) << "the second term narrows the result";
  for (const auto& h : hits)
    EXPECT_NE(h["snippet"].get<std::string>().find("【"), std::string::npos) << h.dump();
}

TEST_F(CorpusDb, QuotedPhraseMatchesAsAWhole) {
  auto hits = search({"\"单位地区生产总值能耗\""});
  ASSERT_FALSE(hits.empty());
  EXPECT_TRUE(has_source(hits, "000_"));
  for (const auto& h : hits)
    EXPECT_NE(h["snippet"].get<std::string>().find("【单位地区生产总值能耗】"), std::string::npos);
  EXPECT_TRUE(search({"\"能耗单位地区\""}).empty()) << "words in another order are not the phrase";
}

TEST_F(CorpusDb, FiltersNarrowTheRecords) {
  auto targets = search({"能耗", "--type", "target", "--region", "潮州市"});
  ASSERT_FALSE(targets.empty());
  for (const auto& h : targets) EXPECT_EQ(h["source"].get<std::string>().rfind("000_", 0), 0u);
  auto led = search({"清洁生产", "--type", "assignment", "--role", "lead"});
  ASSERT_FALSE(led.empty());
  for (const auto& h : led) EXPECT_EQ(h["record"]["role"], "lead") << h.dump();
}

// Issue 20 item 2: sqlite-utils (and Datasette, same detection) find the
// full-text index of each table and search it.
TEST_F(CorpusDb, SqliteUtilsSearchesEveryFullTextTable) {
  if (!fs::exists("/usr/bin/sqlite-utils")) GTEST_SKIP() << "sqlite-utils not installed";
  struct Case {
    const char* table;
    const char* query;
    const char* column;
  } cases[] = {{"clauses", "清洁生产审核", "text"},
               {"tasks", "清洁生产审核", "text"},
               {"documents", "清洁生产", "title"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.table);
    auto o = run({"sqlite-utils", "search", db_, c.table, c.query, "--limit", "5"});
    ASSERT_EQ(o.code, 0) << o.err;
    auto rows = json::parse(o.out);
    ASSERT_FALSE(rows.empty());
    for (const auto& r : rows)
      EXPECT_NE(r[c.column].get<std::string>().find(c.query), std::string::npos) << r.dump();
  }
}

namespace {
size_t occurrences(const std::string& s, const std::string& term) {
  size_t n = 0;
  for (size_t p = s.find(term); p != std::string::npos; p = s.find(term, p + term.size())) ++n;
  return n;
}
}  // namespace

// Issue 20 item 3: short queries are ranked (title hits, then how often the
// term occurs), the total is printed, and --offset pages.
TEST_F(CorpusDb, ShortQueriesAreRankedByTitleThenFrequency) {
  auto hits = search({"能耗"});
  ASSERT_GT(hits.size(), 3u);
  for (size_t i = 1; i < hits.size(); ++i) {
    EXPECT_LE(hits[i - 1]["score"].get<double>(), hits[i]["score"].get<double>()) << i;
  }
  const auto first = stock("SELECT text FROM clauses WHERE instr(text, '能耗') > 0");
  size_t most = 0;
  for (const auto& l : lines(first)) most = std::max(most, occurrences(l, "能耗"));
  EXPECT_EQ(occurrences(hits[0]["snippet"].get<std::string>(), "【能耗】"), most)
      << hits[0].dump();

  // A term in a document's title: that document's clauses come first.
  auto titled = search({"清洁生产"});
  ASSERT_FALSE(titled.empty());
  EXPECT_NE(titled[0]["title"].get<std::string>().find("清洁生产"), std::string::npos);
  bool seen_untitled = false;
  for (const auto& h : titled) {
    const bool in_title = h["title"].get<std::string>().find("清洁生产") != std::string::npos;
    if (!in_title) seen_untitled = true;
    EXPECT_FALSE(in_title && seen_untitled) << "a title hit after other hits: " << h.dump();
  }
}

TEST_F(CorpusDb, TotalIsPrintedAndOffsetPages) {
  const auto total = std::stoul(stock("SELECT count(*) FROM clauses WHERE instr(text, '能耗') > 0"));
  auto o = run_policydb({"search", "--db", db_, "能耗", "--limit", "3"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("3 of " + std::to_string(total) + " result(s)"), std::string::npos) << o.err;

  auto all = search({"能耗"});
  auto page = run_policydb({"search", "--db", db_, "--json", "能耗", "--limit", "2", "--offset", "2"});
  ASSERT_EQ(page.code, 0) << page.err;
  auto page_lines = lines(page.out);
  ASSERT_EQ(page_lines.size(), 2u);
  EXPECT_EQ(json::parse(page_lines[0]), all[2]);
  EXPECT_EQ(json::parse(page_lines[1]), all[3]);
  EXPECT_EQ(run_policydb({"search", "--db", db_, "能耗", "--offset", "-1"}).code, 2);
}

// Issue 20 item 13: a query typed full-width reads like the text (normalize
// stores ＣＯ２ as CO2).
TEST_F(CorpusDb, FullWidthQueryFindsWhatAsciiFinds) {
  auto ascii = search({"CO2"});
  ASSERT_FALSE(ascii.empty());
  EXPECT_EQ(search({"ＣＯ２"}), ascii);
}

// Issue 20 item 4: in text, a record search shows the record's fields.
TEST_F(CorpusDb, RecordSearchPrintsTheRecordFields) {
  struct Case {
    const char* type;
    const char* query;
    std::vector<const char*> fields;  // printed as field=value when the record has them
  } cases[] = {{"target", "能耗", {"indicator", "value", "unit", "target_year"}},
               {"assignment", "清洁生产", {"department", "role"}},
               {"deadline", "清洁生产", {"kind", "as_written", "end_date"}}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type);
    auto records = search({c.query, "--type", c.type});
    ASSERT_FALSE(records.empty());
    auto o = run_policydb({"search", "--db", db_, c.query, "--type", c.type, "--limit", "200"});
    ASSERT_EQ(o.code, 0) << o.err;
    std::vector<std::string> record_lines;
    for (const auto& l : lines(o.out))
      if (l.rfind(std::string("  ") + c.type + ": ", 0) == 0) record_lines.push_back(l);
    ASSERT_EQ(record_lines.size(), records.size()) << o.out;
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& r = records[i]["record"];
      for (const char* f : c.fields) {
        if (r[f].is_null()) continue;
        const std::string value = r[f].is_string() ? r[f].get<std::string>() : r[f].dump();
        EXPECT_NE(record_lines[i].find(std::string(f) + "=" + value), std::string::npos)
            << record_lines[i];
      }
    }
  }
}

// Issue 20 item 5: --role is checked like --type, the Chinese role words
// are aliases, and --help says what --year means for each type.
TEST_F(CorpusDb, RoleIsValidatedAndTakesTheChineseWords) {
  const std::pair<const char*, const char*> aliases[] = {
      {"牵头", "lead"}, {"配合", "support"}, {"负责", "responsible"}, {"落实", "implement"}};
  for (const auto& [zh, en] : aliases) {
    auto by_zh = search({"清洁生产", "--type", "assignment", "--role", zh});
    EXPECT_EQ(by_zh, search({"清洁生产", "--type", "assignment", "--role", en})) << zh;
    for (const auto& h : by_zh) EXPECT_EQ(h["record"]["role"], en);
  }
  EXPECT_FALSE(search({"清洁生产", "--type", "assignment", "--role", "牵头"}).empty());
  auto bad = run_policydb({"search", "--db", db_, "清洁生产", "--role", "boss"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--role"), std::string::npos) << bad.err;
  // The message names every role with a word of the rules, and that word is
  // taken: the same hits as the role's name.
  for (const auto& [zh, en] : aliases) {
    size_t at = bad.err.find(std::string(en) + " (");
    ASSERT_NE(at, std::string::npos) << en << ": " << bad.err;
    size_t open = at + std::string(en).size() + 2, close = bad.err.find(')', open);
    ASSERT_NE(close, std::string::npos) << bad.err;
    std::string word = bad.err.substr(open, close - open);
    EXPECT_EQ(search({"清洁生产", "--type", "assignment", "--role", word}),
              search({"清洁生产", "--type", "assignment", "--role", en}))
        << en << " (" << word << ")";
  }
  auto help = run_policydb({"search", "--help"});
  EXPECT_NE(help.out.find("issue year"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("target year"), std::string::npos) << help.out;
}
