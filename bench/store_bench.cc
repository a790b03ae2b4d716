// Store benchmark: insert rate (one transaction per document, FTS triggers
// on), trigram FTS rebuild rate, export rate, and search latency (p50/p95)
// for 1-, 2- and 3+-character queries on a synthetic database of ≥50 MB of
// clause text made from corpus/*.txt lines. Runs in well under 2 minutes:
//   build-x/bench/store_bench
// Set POLICYDB_BENCH_MB to change the text volume (default 50).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using policydb::pipeline::DocumentResult;
using policydb::store::Database;

struct Synthetic {
  std::vector<DocumentResult> docs;
  size_t text_bytes = 0;  // clause text
  size_t rows = 0;        // rows put_document writes (all tables)
};

std::vector<std::string> corpus_lines() {
  std::vector<std::string> lines;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(POLICYDB_SOURCE_DIR) / "corpus"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.size() >= 6) lines.push_back(line);
    }
  }
  return lines;
}

// Documents of 400 clauses each, grouped 8 clauses to a task, with a
// target and a deadline per task and two assignments per task, cycling
// through the corpus lines until the text volume is reached.
const Synthetic& synthetic() {
  static const Synthetic s = [] {
    Synthetic out;
    const char* mb_env = std::getenv("POLICYDB_BENCH_MB");
    const size_t want = size_t(mb_env ? std::max(1, std::atoi(mb_env)) : 50) << 20;
    const auto lines = corpus_lines();
    const char* departments[] = {"潮州市生态环境局", "潮州市发展和改革局", "潮州市工业和信息化局",
                                 "潮州市财政局", "潮州市住房和城乡建设局", "潮州市交通运输局"};
    size_t next = 0;
    for (int d = 0; out.text_bytes < want && !lines.empty(); ++d) {
      DocumentResult r;
      r.name = "synthetic_" + std::to_string(d) + ".txt";
      r.source = "/bench/" + r.name;
      r.raw.sha256 = std::to_string(d);
      r.raw.format = policydb::ingest::Format::kText;
      r.raw.pages.emplace_back();  // page 1, empty, has text
      r.raw.page_count = 1;
      r.meta.title = "合成文件" + std::to_string(d) + "：" + lines[d % lines.size()].substr(0, 60);
      r.meta.issue_date = "2023-01-01";
      r.meta.region = "潮州市";
      r.meta.issuers = {"潮州市发展和改革局"};
      r.outline.sections.push_back({});
      size_t offset = 0;
      for (int c = 0; c < 400; ++c) {
        const std::string& text = lines[next++ % lines.size()];
        const int task = c / 8;
        if (c % 8 == 0) {
          policydb::outline::Task t;
          t.id = task;
          t.label = std::to_string(task + 1);
          t.path = "一/" + t.label + ".";
          t.begin = offset;
          r.outline.tasks.push_back(t);
        }
        auto& t = r.outline.tasks.back();
        t.text += text;
        t.end = offset + text.size();
        policydb::segment::Clause cl;
        cl.id = c, cl.task = task, cl.begin = offset, cl.end = offset + text.size(), cl.text = text;
        r.clauses.push_back(cl);
        out.text_bytes += text.size();
        if (c % 8 == 7) {
          policydb::extract::Target tg;
          tg.indicator = "单位地区生产总值能耗", tg.direction = "decrease", tg.value = 14;
          tg.unit = "%", tg.target_year = 2025, tg.evidence = text, tg.clause = c, tg.task = task;
          r.records.targets.push_back(tg);
          policydb::extract::Deadline dl;
          dl.as_written = "到2025年", dl.kind = policydb::extract::DeadlineKind::kBy, dl.end_date = "2025-12-31";
          dl.context = text, dl.clause = c, dl.task = task;
          r.records.deadlines.push_back(dl);
          for (int k = 0; k < 2; ++k) {
            policydb::extract::Assignment a;
            a.task = task;
            a.department.canonical = departments[(task + k) % 6];
            a.as_written = a.department.canonical.substr(6);  // "市…": 潮州 is 2 × 3 bytes
            a.role = k == 0 ? policydb::extract::Role::kLead : policydb::extract::Role::kSupport;
            r.records.assignments.push_back(a);
          }
        }
        offset += text.size() + 1;
      }
      out.rows += 1 + r.raw.pages.size() + r.outline.sections.size() + r.outline.tasks.size() +
                  r.clauses.size() + r.records.targets.size() + r.records.deadlines.size() +
                  r.records.assignments.size();
      out.docs.push_back(std::move(r));
    }
    return out;
  }();
  return s;
}

std::string db_path() {
  static const std::string path = [] {
    std::string tmpl = (fs::temp_directory_path() / "store_bench_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    return (fs::path(tmpl) / "bench.db").string();
  }();
  return path;
}

void remove_db() {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path() + suffix);
}

std::unique_ptr<Database> open_or_die() {
  auto db = Database::open(db_path());
  if (!db.ok()) {
    fprintf(stderr, "%s\n", db.status().message().c_str());
    std::abort();
  }
  return std::move(db).value();
}

bool built = false;

void BM_PutDocuments(benchmark::State& state) {
  const auto& s = synthetic();
  for (auto _ : state) {
    state.PauseTiming();
    remove_db();
    auto db = open_or_die();
    auto run = db->begin_run({"bench", "bench", ""});
    state.ResumeTiming();
    for (const auto& d : s.docs) {
      if (auto st = db->put_document(d, run.value()); !st.ok()) {
        state.SkipWithError(st.message().c_str());
        return;
      }
    }
    db->finish_run(run.value(), {});
  }
  built = true;
  state.counters["docs"] = double(s.docs.size());
  state.counters["text_MB"] = double(s.text_bytes) / (1 << 20);
  state.counters["rows/s"] = benchmark::Counter(double(s.rows), benchmark::Counter::kIsRate);
  state.counters["text_MB/s"] =
      benchmark::Counter(double(s.text_bytes) / (1 << 20), benchmark::Counter::kIsRate);
  state.counters["db_MB"] = double(fs::file_size(db_path())) / (1 << 20);
}
BENCHMARK(BM_PutDocuments)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_RebuildFts(benchmark::State& state) {
  if (!built) return state.SkipWithError("needs BM_PutDocuments first");
  auto db = open_or_die();
  for (auto _ : state) {
    if (auto st = db->rebuild_search_index(); !st.ok()) state.SkipWithError(st.message().c_str());
  }
  state.counters["text_MB/s"] =
      benchmark::Counter(double(synthetic().text_bytes) / (1 << 20), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RebuildFts)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_ExportJsonl(benchmark::State& state) {
  if (!built) return state.SkipWithError("needs BM_PutDocuments first");
  auto db = open_or_die();
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    if (auto st = db->export_records(out, {}); !st.ok()) state.SkipWithError(st.message().c_str());
    bytes = out.str().size();
  }
  state.counters["out_MB/s"] =
      benchmark::Counter(double(bytes) / (1 << 20), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExportJsonl)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// Latency of one query, repeated; p50/p95 over the repetitions.
void search_latency(benchmark::State& state, const std::string& text, const std::string& type) {
  if (!built) return state.SkipWithError("needs BM_PutDocuments first");
  auto db = open_or_die();
  policydb::store::SearchQuery q;
  q.text = text;
  q.type = type;
  std::vector<double> ms;
  size_t hits = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = db->search(q);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                     .count());
    if (!r.ok()) return state.SkipWithError(r.status().message().c_str());
    hits = r.value().size();
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
  state.counters["hits"] = double(hits);
}

#define SEARCH_CASE(name, text, type)                                           \
  void BM_Search_##name(benchmark::State& state) { search_latency(state, text, type); } \
  BENCHMARK(BM_Search_##name)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime()

SEARCH_CASE(1char_common, "碳", "clause");
SEARCH_CASE(1char_absent, "鑫", "clause");
SEARCH_CASE(2char_common, "审核", "clause");
SEARCH_CASE(2char_absent, "鑫鑫", "clause");
SEARCH_CASE(3char_trigram, "清洁生产", "clause");
SEARCH_CASE(3char_rare, "碳排放权交易", "clause");
SEARCH_CASE(two_terms, "清洁生产 审核", "clause");
SEARCH_CASE(phrase, "\"全面推行清洁生产\"", "clause");
SEARCH_CASE(target_2char, "能耗", "target");
SEARCH_CASE(assignment_3char, "清洁生产", "assignment");

}  // namespace

BENCHMARK_MAIN();
