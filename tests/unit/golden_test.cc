// Goldens: a canonical, sorted export of every document in corpus/ lives in
// tests/golden/corpus/<document>.jsonl. This test ingests corpus/ afresh and
// compares; any change to what the pipeline reads shows up here as a diff to
// review. Rewrite the goldens on purpose only:
//   POLICYDB_UPDATE_GOLDEN=1 ctest --test-dir build -R Golden
// (or scripts/update-golden.sh), then read `git diff tests/golden`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace fs = std::filesystem;
using namespace policydb::testing;

namespace {

const fs::path kGoldenDir = fs::path(POLICYDB_SOURCE_DIR) / "tests" / "golden" / "corpus";

// Record types in the order a reader meets them; clauses are left out (their
// text is the document's, and tasks and records already show how it was cut).
int type_rank(const std::string& type) {
  static const std::vector<std::string> order = {"document", "task", "target", "deadline",
                                                 "assignment"};
  for (size_t i = 0; i < order.size(); ++i)
    if (order[i] == type) return int(i);
  return -1;
}

// One record, canonical: keys sorted (nlohmann's object is ordered by key),
// no field that depends on how the run was invoked (`path`), and no copy of a
// task's text in records that name their task (the task record holds it).
std::string canonical(nlohmann::json rec) {
  rec.erase("path");
  if (rec.contains("task_id") && !rec["task_id"].is_null()) rec.erase("task_text");
  return rec.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// source -> canonical lines, sorted by type and then by content.
std::map<std::string, std::vector<std::string>> canonical_export(const std::string& jsonl) {
  std::map<std::string, std::vector<std::pair<int, std::string>>> by_doc;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    auto rec = nlohmann::json::parse(line);
    int rank = type_rank(rec.value("type", ""));
    if (rank < 0) continue;
    by_doc[rec.value("source", "")].emplace_back(rank, canonical(std::move(rec)));
  }
  std::map<std::string, std::vector<std::string>> out;
  for (auto& [doc, lines] : by_doc) {
    std::sort(lines.begin(), lines.end());
    for (auto& l : lines) out[doc].push_back(std::move(l.second));
  }
  return out;
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// At most `n` bytes of `s`, cut at a character boundary.
std::string head(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "…";
}

// The first lines that differ, for a message a person can act on.
std::string first_differences(const std::vector<std::string>& want,
                              const std::vector<std::string>& got) {
  std::set<std::string> w(want.begin(), want.end()), g(got.begin(), got.end());
  std::ostringstream msg;
  int shown = 0;
  for (const auto& l : want)
    if (!g.count(l) && shown++ < 5) msg << "\n  - " << head(l, 300);
  for (const auto& l : got)
    if (!w.count(l) && shown++ < 10) msg << "\n  + " << head(l, 300);
  return msg.str();
}

}  // namespace

TEST(Golden, CorpusExportMatches) {
  TempDir tmp;
  const std::string db = (tmp.path() / "golden.db").string();
  auto ingest = run_policydb({"ingest", "--db", db, "--jobs", "2", "corpus"});
  ASSERT_EQ(ingest.code, 0) << ingest.err;
  auto exported = run_policydb({"export", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(exported.code, 0) << exported.err;
  auto got = canonical_export(exported.out);
  ASSERT_FALSE(got.empty());

  const char* update = std::getenv("POLICYDB_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::remove_all(kGoldenDir);
    fs::create_directories(kGoldenDir);
    for (const auto& [doc, lines] : got) {
      std::ofstream out(kGoldenDir / (doc + ".jsonl"), std::ios::binary);
      for (const auto& l : lines) out << l << '\n';
    }
    GTEST_SKIP() << "goldens rewritten in " << kGoldenDir << ": review `git diff tests/golden`";
  }

  ASSERT_TRUE(fs::is_directory(kGoldenDir)) << kGoldenDir << " missing";
  std::set<std::string> golden_docs;
  for (const auto& e : fs::directory_iterator(kGoldenDir)) {
    std::string name = e.path().filename().string();
    golden_docs.insert(name.substr(0, name.size() - std::string(".jsonl").size()));
  }
  for (const auto& [doc, lines] : got) {
    EXPECT_TRUE(golden_docs.count(doc)) << "no golden for " << doc;
    if (!golden_docs.count(doc)) continue;
    auto want = read_lines(kGoldenDir / (doc + ".jsonl"));
    EXPECT_TRUE(want == lines) << doc << " differs from its golden (" << want.size()
                               << " lines expected, " << lines.size() << " got):"
                               << first_differences(want, lines);
  }
  for (const auto& doc : golden_docs)
    EXPECT_TRUE(got.count(doc)) << "golden " << doc << " has no document in corpus/";
}
