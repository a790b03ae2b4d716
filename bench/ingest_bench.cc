// Throughput of PDF text extraction through Poppler (core API) on the PDFs in
// corpus/ (pages per second), the dominant cost of a PDF-heavy run.
//
//   ingest_bench [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace {

namespace fs = std::filesystem;

void BM_ReadPdf(benchmark::State& state) {
  std::vector<std::string> pdfs;
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus")) {
    if (e.path().extension() != ".pdf") continue;
    std::ifstream in(e.path(), std::ios::binary);
    pdfs.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  if (pdfs.empty()) {
    state.SkipWithError("no PDFs in corpus/");
    return;
  }
  policydb::ingest::route_poppler_messages_to_log();
  int64_t pages = 0, bytes = 0;
  for (auto _ : state) {
    for (const std::string& pdf : pdfs) {
      const auto doc = policydb::ingest::read_bytes("bench.pdf", pdf);
      pages += static_cast<int64_t>(doc.pages.size());
      bytes += static_cast<int64_t>(pdf.size());
    }
  }
  state.counters["pages/s"] = benchmark::Counter(double(pages), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadPdf)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
