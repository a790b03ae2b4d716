// OCR: a seed notice printed to PDF (tools/render_pdf), rasterised
// (pdftoppm) and wrapped back into an image-only PDF (img2pdf) reads by OCR
// with a bounded character error rate against the printed text, and goes
// through the pipeline. Two pages only: Tesseract takes ~1 CPU-s a page.
// Label "ocr" (ctest -LE ocr leaves it out).
#include <gtest/gtest.h>

#include <algorithm>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/text.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

namespace fs = std::filesystem;

// Text without white space, full-width forms as half-width (OCR writes
// ASCII brackets and colons for their full-width forms).
std::u32string comparable(const std::string& s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = text::decode(s, pos);
    if (!text::is_space(cp)) out.push_back(text::to_halfwidth(cp));
  }
  return out;
}

size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path renderer = fs::path(POLICYDB_BUILD_DIR) / "render_pdf";
    if (!fs::exists(renderer)) GTEST_SKIP() << "render_pdf not built (pango/cairo missing)";
    if (!have("pdftoppm") || !have("img2pdf")) GTEST_SKIP() << "pdftoppm or img2pdf missing";
    dir_ = fs::temp_directory_path() / ("ocr_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const std::string seed = std::string(POLICYDB_SOURCE_DIR) + "/corpus/000_dd3bc1096c96c4a1.txt";
    printed_ = (dir_ / "printed.pdf").string();
    scanned_ = (dir_ / "scanned.pdf").string();
    const std::string img = (dir_ / "page").string();
    const std::string cmd =
        "env ASAN_OPTIONS=detect_leaks=0 '" + renderer.string() + "' '" + seed + "' '" + printed_ +
        "' && pdftoppm -r 150 -gray -f 1 -l 2 '" + printed_ + "' '" + img + "' && img2pdf --pagesize A4 '" +
        img + "-01.pgm' '" + img + "-02.pgm' -o '" + scanned_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  fs::path dir_;
  std::string printed_, scanned_;
};

TEST_F(OcrTest, ScannedPagesReadWithBoundedCharacterErrorRate) {
  ingest::Limits never;
  never.ocr = ingest::OcrMode::kNever;
  const ingest::RawDocument printed = ingest::read_document(printed_, never);
  const ingest::RawDocument scanned = ingest::read_document(scanned_);
  ASSERT_EQ(scanned.status, ingest::Status::kOk) << scanned.message;
  ASSERT_EQ(scanned.pages.size(), 2u);
  ingest::Limits off = never;
  EXPECT_EQ(ingest::read_document(scanned_, off).status, ingest::Status::kPartial);
  size_t errors = 0, chars = 0;
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(scanned.pages[i].ocr);
    EXPECT_GT(scanned.pages[i].ocr_confidence, 70);
    const std::u32string want = comparable(printed.pages[i].text);
    errors += edit_distance(comparable(scanned.pages[i].text), want);
    chars += want.size();
  }
  ASSERT_GT(chars, 500u);
  const double cer = double(errors) / double(chars);
  std::printf("OCR character error rate: %.4f (%zu edits / %zu characters)\n", cer, errors, chars);
  // Measured 1.7 % (12 edits in 710 characters; Tesseract 5.3.0, chi_sim 4.1.0, a
  // 150 dpi scan): the bound leaves room for other builds of the engine and data.
  EXPECT_LE(cer, 0.05);
}

TEST_F(OcrTest, ScannedNoticeGoesThroughThePipeline) {
  const pipeline::DocumentResult r = pipeline::process_file(scanned_, testing::repo_rules(), {});
  EXPECT_EQ(r.status, ingest::Status::kOk) << r.message;
  EXPECT_NE(r.meta.title.find("清洁生产"), std::string::npos) << r.meta.title;
  EXPECT_GE(r.outline.tasks.size(), 1u);
  EXPECT_GE(r.records.deadlines.size(), 1u);
}

}  // namespace
}  // namespace policydb
