// Extraction quality as ../shared/tools/score.py defines it, on the gold
// seeds (as TXT), the six gold PDFs and dev2; plus the whole 60-PDF batch: every
// file gets a row, no target takes its value from a date, phone number,
// 文号 or page number. Skipped when ../shared is absent (a user's clone).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "support/process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using policydb::testing::lines;
using policydb::testing::run_policydb;
using policydb::testing::run;
using policydb::testing::shared_available;
using policydb::testing::TempDir;

namespace {

const fs::path kShared = POLICYDB_SHARED_DIR;

// The acceptance goals of the extraction issues (score.py figures). Measured
// at the time of writing: seeds target 0.983, deadline 1.0, assignment 1.0 /
// 1.0; six PDFs target 0.975, deadline 0.996, assignment 1.0 / 1.0.
constexpr double kTargetSeedsFloor = 0.90;
constexpr double kComparatorSeedsFloor = 0.95;
constexpr double kDeadlineSeedsFloor = 0.97;
constexpr double kAssignmentSeedsFloor = 0.97;
constexpr double kAssignmentDetectSeedsFloor = 0.98;
constexpr double kTargetPdfFloor = 0.85;
constexpr double kDeadlinePdfFloor = 0.90;
constexpr double kAssignmentPdfFloor = 0.90;
constexpr double kAssignmentDetectPdfFloor = 0.97;
// dev2 (13 notices from four sources: scraped TXT, gov.cn HTML, PDF). Its
// first look, before any rule was tuned to it, was target 0.356, deadline
// 0.683, assignment 0.349 / 0.451, title 0.23; these floors sit a little
// under what the rules reach since (README, Quality) so that a change that
// loses what was learnt fails here. They are regression floors, not a measure
// of generalisation: dev2 has been looked at.
constexpr double kTargetDev2Floor = 0.90;
constexpr double kDeadlineDev2Floor = 0.92;
constexpr double kAssignmentDev2Floor = 0.85;
constexpr double kAssignmentDetectDev2Floor = 0.93;
constexpr double kFieldDev2Floor = 0.92;
// Seeds rendered to PDF read within this much of the TXT seeds (issue goal).
constexpr double kRenderedTolerance = 0.03;

// Exports `db` to a file and scores it against `gold`; returns score.py's summary.
json score(const TempDir& tmp, const std::string& db, const std::string& gold) {
  auto exported = run_policydb({"export", "--db", db, "--format", "jsonl"});
  EXPECT_EQ(exported.code, 0) << exported.err;
  const std::string pred = tmp / "pred.jsonl";
  std::ofstream(pred) << exported.out;
  auto o = run({"python3", (kShared / "tools" / "score.py").string(), "--gold",
                (kShared / "gold" / gold).string(), "--pred", pred, "--json"});
  EXPECT_EQ(o.code, 0) << o.err;
  auto summary = json::parse(o.out);
  std::cout << gold << ": " << summary.dump() << "\n";
  return summary;
}

double f1(const json& s, const char* kind) { return s.at(kind).at("f1").get<double>(); }

// Runs of ASCII digits in `s`, each with the byte that follows it.
struct DigitRun {
  double value;
  size_t begin, end;
};
std::vector<DigitRun> digit_runs(const std::string& s) {
  std::vector<DigitRun> out;
  for (size_t i = 0; i < s.size();) {
    if (!isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && isdigit(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back({std::stod(s.substr(i, j - i)), i, j});
    i = j;
  }
  return out;
}

// Numbers that are parts of phone numbers (0xx-xxxxxxxx) or the sequence
// number of a 文号 (…〔2023〕182号) in `evidence`.
std::vector<double> not_target_numbers(const std::string& evidence) {
  std::vector<double> out;
  auto runs = digit_runs(evidence);
  const std::string close = "〕", hao = "号";
  for (size_t k = 0; k < runs.size(); ++k) {
    const auto& r = runs[k];
    if (k + 1 < runs.size() && r.end < evidence.size() && evidence[r.end] == '-' &&
        runs[k + 1].begin == r.end + 1 && r.end - r.begin >= 3 && r.end - r.begin <= 4) {
      size_t len = runs[k + 1].end - runs[k + 1].begin;
      if (len >= 7 && len <= 8) out.insert(out.end(), {r.value, runs[k + 1].value});
    }
    if (r.begin >= close.size() && evidence.compare(r.begin - close.size(), close.size(), close) == 0 &&
        evidence.compare(r.end, hao.size(), hao) == 0)
      out.push_back(r.value);
  }
  return out;
}

}  // namespace

TEST(Gold, SeedsAsTxt) {
  if (!shared_available()) GTEST_SKIP() << "../shared not present";
  TempDir tmp;
  const std::string db = tmp / "seeds.db";
  auto o = run_policydb({"ingest", "--db", db, (kShared / "seeds").string()});
  ASSERT_EQ(o.code, 0) << o.err;
  auto s = score(tmp, db, "seeds.jsonl");
  const auto& doc = s.at("document");
  for (const char* f : {"title_accuracy", "doc_number_accuracy", "issue_date_accuracy", "region_accuracy"})
    EXPECT_GE(doc.at(f).get<double>(), 0.9) << f;
  EXPECT_GE(f1(s, "target"), kTargetSeedsFloor);
  EXPECT_GE(s.at("target").at("comparator_accuracy").get<double>(), kComparatorSeedsFloor);
  EXPECT_GE(f1(s, "deadline"), kDeadlineSeedsFloor);
  EXPECT_GE(f1(s, "assignment"), kAssignmentSeedsFloor);
  EXPECT_GE(f1(s, "assignment_detect"), kAssignmentDetectSeedsFloor);
}

TEST(Gold, Dev2FromFourSources) {
  if (!shared_available()) GTEST_SKIP() << "../shared not present";
  TempDir tmp;
  const std::string db = tmp / "dev2.db";
  auto o = run_policydb({"ingest", "--db", db, (kShared / "dev2").string()});
  ASSERT_EQ(o.code, 0) << o.err;  // every notice ok, whatever its format
  auto s = score(tmp, db, "dev2.jsonl");
  const auto& doc = s.at("document");
  for (const char* f : {"title_accuracy", "doc_number_accuracy", "issue_date_accuracy", "region_accuracy"})
    EXPECT_GE(doc.at(f).get<double>(), kFieldDev2Floor) << f;
  EXPECT_GE(f1(s, "target"), kTargetDev2Floor);
  EXPECT_GE(f1(s, "deadline"), kDeadlineDev2Floor);
  EXPECT_GE(f1(s, "assignment"), kAssignmentDev2Floor);
  EXPECT_GE(f1(s, "assignment_detect"), kAssignmentDetectDev2Floor);
}

TEST(Gold, AllRealPdfs) {
  if (!shared_available()) GTEST_SKIP() << "../shared not present";
  TempDir tmp;
  const std::string db = tmp / "pdf.db";
  auto o = run_policydb({"ingest", "--db", db, (kShared / "pdf").string()});
  ASSERT_TRUE(o.code == 0 || o.code == 1) << o.err;

  // Every PDF is one path of exactly one document (files with identical
  // bytes are one document with both paths; MANIFEST.tsv is not a notice
  // and is skipped: issue 20).
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kShared / "pdf"))
    if (e.is_regular_file() && e.path().extension() == ".pdf") ++files;
  auto count = run({"sqlite3", db, "SELECT count(DISTINCT path) FROM document_paths"});
  EXPECT_EQ(std::stoul(count.out), files);
  auto documents = run({"sqlite3", db, "SELECT count(DISTINCT sha256) = count(*) FROM documents"});
  EXPECT_EQ(documents.out, "1\n") << "one document per content";

  auto s = score(tmp, db, "pdf.jsonl");
  EXPECT_GE(f1(s, "target"), kTargetPdfFloor);
  EXPECT_GE(f1(s, "deadline"), kDeadlinePdfFloor);
  EXPECT_GE(f1(s, "assignment"), kAssignmentPdfFloor);
  EXPECT_GE(f1(s, "assignment_detect"), kAssignmentDetectPdfFloor);

  // No target value read from a date, a phone number, a 文号 or a page number.
  auto exported = run_policydb({"export", "--db", db, "--format", "jsonl", "--type", "target"});
  int targets = 0;
  for (const auto& line : lines(exported.out)) {
    auto t = json::parse(line);
    if (t["value"].is_null()) continue;
    ++targets;
    const double value = t["value"].get<double>();
    const std::string evidence = t.value("evidence", "");
    const std::string unit = t["unit"].is_null() ? "" : t["unit"].get<std::string>();
    EXPECT_FALSE(evidence.empty()) << line;
    for (const char* bad : {"年", "月", "日", "号", "页"})
      EXPECT_NE(unit.rfind(bad, 0), 0u) << "a date, 文号 or page taken for a target: " << line;
    if (unit.empty() || unit == "号") {
      for (double n : not_target_numbers(evidence))
        EXPECT_NE(n, value) << "phone number or 文号 as target: " << line;
    }
  }
  std::cout << "targets with a value on the 60 PDFs: " << targets << "\n";
  EXPECT_GT(targets, 0);
}

// The seeds printed to PDF (tools/render_pdf: real CJK font, page numbers,
// re-wrapped lines) must read as well as the TXT seeds.
TEST(Gold, SeedsRenderedToPdf) {
  if (!shared_available()) GTEST_SKIP() << "../shared not present";
  const fs::path renderer = fs::path(POLICYDB_BUILD_DIR) / "render_pdf";
  if (!fs::exists(renderer)) GTEST_SKIP() << "render_pdf not built (pango/cairo missing)";
  TempDir tmp;
  fs::create_directories(tmp.path() / "pdf");
  for (const auto& e : fs::directory_iterator(kShared / "seeds")) {
    auto out = tmp.path() / "pdf" / e.path().filename().replace_extension(".pdf");
    // The renderer is a test tool; fontconfig keeps its caches until exit,
    // which LeakSanitizer would report in sanitizer builds.
    auto o = run({"env", "ASAN_OPTIONS=detect_leaks=0", renderer.string(), e.path().string(),
                  out.string()});
    ASSERT_EQ(o.code, 0) << o.err;
  }
  const std::string txt_db = tmp / "txt.db", pdf_db = tmp / "pdf.db";
  ASSERT_EQ(run_policydb({"ingest", "--db", txt_db, (kShared / "seeds").string()}).code, 0);
  auto o = run_policydb({"ingest", "--db", pdf_db, (tmp.path() / "pdf").string()});
  ASSERT_EQ(o.code, 0) << o.err;
  auto txt = score(tmp, txt_db, "seeds.jsonl");
  auto pdf = score(tmp, pdf_db, "seeds.jsonl");
  // Measured at the time of writing: TXT target 0.983, deadline 1.0,
  // assignment 1.0; rendered target 0.983, deadline 1.0, assignment 0.990.
  // The rendered text's short lines inside sentences (the TXT's own hard
  // wraps laid out again) and table rows cut by page breaks are joined in
  // normalisation.
  for (const char* kind : {"target", "deadline", "assignment", "assignment_detect"})
    EXPECT_GE(f1(pdf, kind), f1(txt, kind) - kRenderedTolerance) << kind;
}
