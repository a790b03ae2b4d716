// Throughput of normalisation (clean, drop, unwrap, provenance) on the seed
// notices in corpus/*.txt, one document at a time as the pipeline runs it,
// and of TXT decoding for the encodings notices arrive in.
//
//   normalize_bench [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "rules/rules.h"
#include "unicode/unicode.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> seeds() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  return out;
}

const policydb::rules::RuleSet& rules() {
  static const policydb::rules::RuleSet* set = [] {
    auto r = policydb::rules::RuleSet::load(std::string(POLICYDB_SOURCE_DIR) + "/rules");
    if (!r.ok()) {
      std::fprintf(stderr, "rules: %s\n", r.status().message().c_str());
      std::exit(1);
    }
    return new policydb::rules::RuleSet(std::move(r).value());
  }();
  return *set;
}

void BM_Normalize(benchmark::State& state) {
  std::vector<policydb::ingest::RawDocument> docs;
  size_t bytes = 0;
  for (const std::string& s : seeds()) {
    docs.push_back(policydb::ingest::read_bytes("seed", s));
    bytes += s.size();
  }
  // Warm the rule engine's lazily built DFAs.
  for (const auto& d : docs) benchmark::DoNotOptimize(policydb::normalize::normalize(d, rules()));
  for (auto _ : state)
    for (const auto& d : docs) benchmark::DoNotOptimize(policydb::normalize::normalize(d, rules()));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes));
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

// Decoding by charset: argument 0 UTF-8, 1 GB18030, 2 UTF-16LE with BOM.
void BM_DecodeText(benchmark::State& state) {
  std::string utf8;
  for (const std::string& s : seeds()) utf8 += s;
  std::string bytes;
  switch (state.range(0)) {
    case 0: bytes = utf8; break;
    case 1: bytes = policydb::unicode::encode_as(utf8, "GB18030"); break;
    default: bytes = "\xFF\xFE" + policydb::unicode::encode_as(utf8, "UTF-16LE"); break;
  }
  for (auto _ : state) benchmark::DoNotOptimize(policydb::unicode::decode_text(bytes));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes.size()));
}
BENCHMARK(BM_DecodeText)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_SentenceBreaks(benchmark::State& state) {
  std::string utf8;
  for (const std::string& s : seeds()) utf8 += policydb::normalize::normalize(
      policydb::ingest::read_bytes("seed", s), rules()).text;
  for (auto _ : state) benchmark::DoNotOptimize(policydb::unicode::sentence_breaks(utf8));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(utf8.size()));
}
BENCHMARK(BM_SentenceBreaks)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
