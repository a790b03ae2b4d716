// Throughput of the outline and clause segmentation on the seed notices
// (corpus/*.txt), normalised once up front: what the two stages cost per MB
// of normalised text, apart from ingest and extraction.
//
//   segment_bench [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "rules/rules.h"
#include "segment/segment.h"

namespace {

namespace fs = std::filesystem;
using namespace policydb;

struct Fixture {
  rules::RuleSet rules;
  std::vector<normalize::NormalizedText> texts;
  std::vector<outline::Outline> outlines;
  size_t bytes = 0;
};

Fixture* load() {
  static Fixture* f = [] {
    auto loaded = rules::RuleSet::load(std::string(POLICYDB_SOURCE_DIR) + "/rules");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
      std::exit(2);
    }
    auto* fx = new Fixture{std::move(loaded).value(), {}, {}, 0};
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      auto raw = ingest::read_document(p.string());
      fx->texts.push_back(normalize::normalize(raw, fx->rules));
      fx->outlines.push_back(outline::build(fx->texts.back(), fx->rules));
      fx->bytes += fx->texts.back().text.size();
    }
    return fx;
  }();
  return f;
}

void BM_Outline(benchmark::State& state) {
  Fixture* f = load();
  size_t tasks = 0;
  for (auto _ : state) {
    for (const auto& t : f->texts) {
      auto o = outline::build(t, f->rules);
      tasks += o.tasks.size();
      benchmark::DoNotOptimize(o);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f->bytes));
  state.counters["tasks/iter"] = static_cast<double>(tasks) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Outline)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
  Fixture* f = load();
  size_t clauses = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < f->texts.size(); ++i) {
      auto c = segment::segment(f->texts[i], f->outlines[i], f->rules);
      clauses += c.size();
      benchmark::DoNotOptimize(c);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f->bytes));
  state.counters["clauses/iter"] = static_cast<double>(clauses) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
