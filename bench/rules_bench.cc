// Throughput of the rule engine on realistic text: the seed notices in
// corpus/*.txt repeated to a few MB, matched line by line (as stages do) and
// as one string, for every family of the real rules/ directory.
//
//   rules_bench [--rules=DIR] [--mb=N] [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rules.h"

namespace {

namespace fs = std::filesystem;
using policydb::rules::Options;
using policydb::rules::RuleSet;

struct Corpus {
  std::string text;                     // seeds repeated to the target size
  std::vector<std::string_view> lines;  // non-empty lines of `text`
};

Corpus make_corpus(const std::string& dir, size_t target_bytes) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string seed;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    seed += ss.str();
    seed += '\n';
  }
  Corpus c;
  if (seed.empty()) return c;
  while (c.text.size() < target_bytes) c.text += seed;
  std::string_view all(c.text);
  for (size_t pos = 0; pos < all.size();) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    if (nl > pos) c.lines.push_back(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return c;
}

const Corpus* g_corpus = nullptr;

void BM_AnyPerLine(benchmark::State& state, const RuleSet* rs, std::string family) {
  size_t hits = 0;
  for (auto _ : state)
    for (auto line : g_corpus->lines) hits += rs->any(family, line);
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(g_corpus->text.size()));
  state.counters["hit_lines"] = double(hits) / double(state.iterations());
}

void BM_FindAllPerLine(benchmark::State& state, const RuleSet* rs, std::string family) {
  size_t matches = 0;
  for (auto _ : state)
    for (auto line : g_corpus->lines) matches += rs->find_all(family, line).size();
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(g_corpus->text.size()));
  state.counters["matches"] = double(matches) / double(state.iterations());
}

void BM_FindAllWhole(benchmark::State& state, const RuleSet* rs, std::string family) {
  size_t matches = 0;
  for (auto _ : state) matches += rs->find_all(family, g_corpus->text).size();
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(g_corpus->text.size()));
  state.counters["matches"] = double(matches) / double(state.iterations());
}

// Every family over every line: the rule engine's whole share of a run.
void BM_AllFamiliesPerLine(benchmark::State& state, const RuleSet* rs) {
  const auto families = rs->families();
  size_t matches = 0;
  for (auto _ : state)
    for (auto line : g_corpus->lines)
      for (const auto& f : families) matches += rs->find_all(f, line).size();
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(g_corpus->text.size()));
  state.counters["matches"] = double(matches) / double(state.iterations());
  state.counters["families"] = double(families.size());
}

// match_prefix of every family on every line: line-start markers.
void BM_AllFamiliesPrefixPerLine(benchmark::State& state, const RuleSet* rs) {
  const auto families = rs->families();
  size_t matches = 0;
  for (auto _ : state)
    for (auto line : g_corpus->lines)
      for (const auto& f : families) matches += rs->match_prefix(f, line).has_value();
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(g_corpus->text.size()));
  state.counters["matches"] = double(matches) / double(state.iterations());
}

void BM_Load(benchmark::State& state, std::string dir) {
  for (auto _ : state) {
    auto r = RuleSet::load(dir);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(r.value().rule_count());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules_dir = POLICYDB_SOURCE_DIR "/rules";
  size_t mb = 4;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--rules=", 8) == 0) {
      rules_dir = argv[i] + 8;
    } else if (std::strncmp(argv[i], "--mb=", 5) == 0) {
      mb = std::max<size_t>(1, std::strtoul(argv[i] + 5, nullptr, 10));
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());

  static Corpus corpus = make_corpus(POLICYDB_SOURCE_DIR "/corpus", mb << 20);
  g_corpus = &corpus;
  if (corpus.text.empty()) {
    std::fprintf(stderr, "rules_bench: no corpus/*.txt seeds\n");
    return 1;
  }
  auto loaded = RuleSet::load(rules_dir);
  if (!loaded.ok()) {
    std::fprintf(stderr, "rules_bench: %s\n", loaded.status().message().c_str());
    return 1;
  }
  // The same rules at RE2's default budget, to show what max_mem buys.
  Options small;
  small.max_mem = 8 << 20;
  auto loaded_small = RuleSet::load(rules_dir, small);
  static RuleSet rs = std::move(loaded).value();
  static std::unique_ptr<RuleSet> rs_small =
      loaded_small.ok() ? std::make_unique<RuleSet>(std::move(loaded_small).value()) : nullptr;

  benchmark::RegisterBenchmark("all_families_per_line", BM_AllFamiliesPerLine, &rs)->Unit(benchmark::kMillisecond);
  if (rs_small)
    benchmark::RegisterBenchmark("all_families_per_line_8MB", BM_AllFamiliesPerLine, rs_small.get())
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("all_families_prefix_per_line", BM_AllFamiliesPrefixPerLine, &rs)
      ->Unit(benchmark::kMillisecond);
  // Per family, largest first: the ones worth optimising.
  auto families = rs.families();
  std::stable_sort(families.begin(), families.end(), [&](const std::string& a, const std::string& b) {
    return rs.family(a).size() > rs.family(b).size();
  });
  for (const auto& fam : families) {
    const std::string suffix = fam + "/rules:" + std::to_string(rs.family(fam).size());
    benchmark::RegisterBenchmark(("any_per_line/" + suffix).c_str(), BM_AnyPerLine, &rs, fam)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("find_all_per_line/" + suffix).c_str(), BM_FindAllPerLine, &rs, fam)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("find_all_whole/" + suffix).c_str(), BM_FindAllWhole, &rs, fam)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("load_and_compile", BM_Load, rules_dir)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
