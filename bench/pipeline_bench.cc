// Throughput of the whole per-document pipeline (pipeline::process_bytes)
// on the seed notices, and of each stage alone, called directly on the
// previous stage's output computed once up front. Bytes are the input
// bytes of the seeds for every stage, so the MB/s figures add up like
// times: 1/total ≈ Σ 1/stage. The store is measured by store_bench, and the
// PDF path (Poppler) by ingest_bench and BM_PipelinePdf here.
//
//   pipeline_bench [--benchmark_filter=Stage] [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "segment/segment.h"

namespace {

namespace fs = std::filesystem;
using namespace policydb;

struct Input {
  std::string name, bytes;
};

std::vector<Input> read_corpus(const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
    if (e.path().extension() == extension) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Input> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.push_back({f.string(), std::string((std::istreambuf_iterator<char>(in)),
                                           std::istreambuf_iterator<char>())});
  }
  return out;
}

// Every stage's output for every seed, so each benchmark times one stage.
struct Fixture {
  rules::RuleSet rules;
  std::vector<Input> inputs;
  std::vector<ingest::RawDocument> raw;
  std::vector<normalize::NormalizedText> text;
  std::vector<outline::Outline> outline;
  std::vector<std::vector<segment::Clause>> clauses;
  std::vector<extract::Metadata> meta;
  size_t bytes = 0;
};

Fixture& fixture() {
  static Fixture* f = [] {
    auto loaded = rules::RuleSet::load(std::string(POLICYDB_SOURCE_DIR) + "/rules");
    if (!loaded.ok()) {
      std::fprintf(stderr, "rules: %s\n", loaded.status().message().c_str());
      std::exit(2);
    }
    auto* fx = new Fixture{std::move(loaded).value(), read_corpus(".txt"), {}, {}, {}, {}, {}, 0};
    for (const auto& in : fx->inputs) {
      fx->bytes += in.bytes.size();
      fx->raw.push_back(ingest::read_bytes(in.name, in.bytes));
      fx->text.push_back(normalize::normalize(fx->raw.back(), fx->rules));
      fx->outline.push_back(outline::build(fx->text.back(), fx->rules));
      fx->clauses.push_back(segment::segment(fx->text.back(), fx->outline.back(), fx->rules));
      fx->meta.push_back(extract::extract_metadata(fx->text.back(), fx->outline.back(), fx->rules));
      // Warm RE2's lazily built DFAs (PITFALLS.md): the first megabyte
      // through a Set is several times slower than the steady state.
      benchmark::DoNotOptimize(extract::extract_all(fx->text.back(), fx->outline.back(),
                                                    fx->clauses.back(), fx->meta.back(),
                                                    fx->rules));
    }
    return fx;
  }();
  return *f;
}

void finish(benchmark::State& state, const Fixture& f) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

void BM_Pipeline(benchmark::State& state) {
  Fixture& f = fixture();
  size_t records = 0;
  for (auto _ : state)
    for (const auto& in : f.inputs) {
      auto r = pipeline::process_bytes(in.name, in.bytes, f.rules, {});
      records += r.clauses.size() + r.records.targets.size() + r.records.deadlines.size() +
                 r.records.assignments.size();
      benchmark::DoNotOptimize(r);
    }
  finish(state, f);
  state.counters["records/iter"] =
      static_cast<double>(records) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond);

void BM_StageIngest(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& in : f.inputs) benchmark::DoNotOptimize(ingest::read_bytes(in.name, in.bytes));
  finish(state, f);
}
BENCHMARK(BM_StageIngest)->Unit(benchmark::kMillisecond);

void BM_StageNormalize(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& raw : f.raw) benchmark::DoNotOptimize(normalize::normalize(raw, f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageNormalize)->Unit(benchmark::kMillisecond);

void BM_StageOutline(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& t : f.text) benchmark::DoNotOptimize(outline::build(t, f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageOutline)->Unit(benchmark::kMillisecond);

void BM_StageSegment(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (size_t i = 0; i < f.text.size(); ++i)
      benchmark::DoNotOptimize(segment::segment(f.text[i], f.outline[i], f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageSegment)->Unit(benchmark::kMillisecond);

void BM_StageMetadata(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (size_t i = 0; i < f.text.size(); ++i)
      benchmark::DoNotOptimize(extract::extract_metadata(f.text[i], f.outline[i], f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageMetadata)->Unit(benchmark::kMillisecond);

// The three extractors separately, as extract_all runs them.
void BM_StageTargets(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (size_t i = 0; i < f.text.size(); ++i)
      benchmark::DoNotOptimize(
          extract::extract_targets(f.text[i], f.outline[i], f.clauses[i], f.meta[i], f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageTargets)->Unit(benchmark::kMillisecond);

void BM_StageDeadlines(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (size_t i = 0; i < f.text.size(); ++i)
      benchmark::DoNotOptimize(
          extract::extract_deadlines(f.text[i], f.outline[i], f.clauses[i], f.meta[i], f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageDeadlines)->Unit(benchmark::kMillisecond);

void BM_StageAssignments(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state)
    for (size_t i = 0; i < f.text.size(); ++i)
      benchmark::DoNotOptimize(
          extract::extract_assignments(f.text[i], f.outline[i], f.meta[i], f.rules));
  finish(state, f);
}
BENCHMARK(BM_StageAssignments)->Unit(benchmark::kMillisecond);

// The corpus PDFs end to end: Poppler's share against the stages after it.
void BM_PipelinePdf(benchmark::State& state) {
  Fixture& f = fixture();
  static const std::vector<Input> pdfs = read_corpus(".pdf");
  size_t pages = 0, bytes = 0;
  for (auto _ : state)
    for (const auto& in : pdfs) {
      auto r = pipeline::process_bytes(in.name, in.bytes, f.rules, {});
      pages += r.raw.pages.size();
      bytes += in.bytes.size();
      benchmark::DoNotOptimize(r);
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PipelinePdf)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
