// `policydb ingest`: one reader/writer thread that owns the database, and
// worker threads that run documents through the pipeline. At most
// 8 × jobs documents and kInFlightBytes of input (or one document, if it is
// larger) are in flight, so memory follows the largest document, not the
// corpus.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>
#include <malloc.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/progress.h"
#include "common/sha256.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "store/store.h"

#ifndef POLICYDB_PIPELINE_VERSION
#define POLICYDB_PIPELINE_VERSION "dev"
#endif

namespace policydb::cli {
namespace {

struct Job {
  std::string path;
  std::string bytes;
  std::string sha256;
};

// A bounded hand-off between the database thread and the workers.
class WorkQueue {
 public:
  void push_job(Job job) {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(job));
    cv_.notify_all();
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  std::optional<Job> pop_job() {
    std::deque<pipeline::DocumentResult> stored;
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
    stored.swap(stored_);  // freed below, by this worker, outside the lock
    if (jobs_.empty()) return std::nullopt;
    Job j = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    return j;
  }
  // Stored results are handed back to be freed by the next worker that
  // takes a job: freeing a document's records is ~4 % of the database
  // thread's CPU, and that thread is what bounds a TXT ingest.
  void retire(pipeline::DocumentResult r) {
    std::lock_guard lock(mu_);
    stored_.push_back(std::move(r));
  }
  void push_result(pipeline::DocumentResult r) {
    std::lock_guard lock(mu_);
    results_.push_back(std::move(r));
    cv_.notify_all();
  }
  std::optional<pipeline::DocumentResult> pop_result() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !results_.empty(); });
    auto r = std::move(results_.front());
    results_.pop_front();
    return r;
  }
  // As pop_result, but gives up at `deadline`.
  std::optional<pipeline::DocumentResult> pop_result_until(
      std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_until(lock, deadline, [&] { return !results_.empty(); })) return std::nullopt;
    auto r = std::move(results_.front());
    results_.pop_front();
    return r;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  std::deque<pipeline::DocumentResult> results_;
  std::deque<pipeline::DocumentResult> stored_;
  bool closed_ = false;
};

// How many documents the writer commits together: up to kBatchDocuments
// documents or kBatchBytes of input, and never a batch older than
// kBatchSeconds (slow PDFs still reach the database every few seconds).
constexpr int kBatchDocuments = 500;
constexpr size_t kBatchBytes = 32u << 20;
constexpr double kBatchSeconds = 2.0;

// Documents read ahead of the writer: enough that workers keep going while
// the writer commits a batch (with 2 per worker, a TXT ingest with one
// worker ran 20 % slower: worker and writer took turns), few enough bytes
// that memory does not grow with the corpus (with 16 MB, the 60 PDFs
// doubled peaked 9 MB higher than once: more large files were in flight).
constexpr size_t kInFlightPerJob = 8;
constexpr size_t kInFlightBytes = 4u << 20;

// Counts of the open batch; whether one is open is the database's state.
struct Batch {
  int documents = 0;
  size_t bytes = 0;
  std::chrono::steady_clock::time_point started;

  void start() {
    documents = 0;
    bytes = 0;
    started = std::chrono::steady_clock::now();
  }
  void add(size_t document_bytes) {
    ++documents;
    bytes += document_bytes;
  }
  std::chrono::steady_clock::time_point deadline() const {
    return started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(kBatchSeconds));
  }
  bool full() const {
    return documents >= kBatchDocuments || bytes >= kBatchBytes ||
           std::chrono::steady_clock::now() >= deadline();
  }
};

// CPU seconds the calling thread has used so far.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// With several workers, the largest files go first (by size, then path):
// a big PDF started last would leave the other workers idle while it runs
// (longest-processing-time-first scheduling keeps that tail short). Sizes
// are collect_inputs' own, so no file is looked up twice.
void largest_first(std::vector<Input>& inputs) {
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const Input& a, const Input& b) { return a.bytes > b.bytes; });
}

pipeline::DocumentResult failed_result(const std::string& path, std::string stage,
                                       std::string message) {
  pipeline::DocumentResult r;
  r.source = path;
  r.name = std::filesystem::path(path).filename().string();
  r.status = ingest::Status::kFailed;
  r.stage = std::move(stage);
  r.message = std::move(message);
  return r;
}

}  // namespace

int run_ingest(const IngestConfig& config) {
  // Rules first: a broken rule file stops the run before any document is read.
  auto loaded = rules::RuleSet::load(config.rules);
  if (!loaded.ok()) {
    spdlog::error("{}", loaded.status().message());
    return kExitUsage;
  }
  const rules::RuleSet& rules = loaded.value();

  // A path that does not exist is a typo, not a document: nothing is
  // written (issue 20).
  if (auto missing = first_missing(config.paths); !missing.empty()) {
    if (!config.paths_given)
      spdlog::error("no {}/ here: give the files or folders to read (`policydb ingest PATH…`; "
                    "without paths it reads corpus/ of the working folder)", missing);
    else
      spdlog::error("no such file or folder: {}", missing);
    return kExitUsage;
  }

  std::error_code ec;
  auto parent = std::filesystem::path(config.db).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto opened = store::Database::open(config.db);
  if (!opened.ok()) {
    spdlog::error("cannot open database {}: {}", config.db, opened.status().message());
    return kExitUsage;
  }
  store::Database& db = *opened.value();
  db.set_deferred_indexing(config.defer_index);

  store::RunInfo info{POLICYDB_PIPELINE_VERSION, rules.hash(), config.arguments};
  auto run_id = db.begin_run(info);
  if (!run_id.ok()) {
    spdlog::error("cannot start run: {}", run_id.status().message());
    return kExitUsage;
  }

  ingest::Limits limits;
  limits.max_bytes = config.max_bytes;
  limits.max_pages = config.max_pages;
  limits.max_seconds = config.max_seconds;
  limits.ocr = config.ocr == "never"    ? ingest::OcrMode::kNever
               : config.ocr == "always" ? ingest::OcrMode::kAlways
                                        : ingest::OcrMode::kAuto;

  std::vector<std::string> skipped_files;
  auto inputs = collect_inputs(config.paths, config.all_files, &skipped_files);
  if (!skipped_files.empty()) {
    std::string names;
    for (size_t i = 0; i < skipped_files.size() && i < 5; ++i)
      names += (i ? ", " : "") + std::filesystem::path(skipped_files[i]).filename().string();
    if (skipped_files.size() > 5) names += ", …";
    spdlog::warn("skipped {} file(s) that are not notices by their extension ({}); "
                 "--all-files reads them too", skipped_files.size(), names);
  }
  int jobs = config.jobs > 0 ? config.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
  if (jobs > 1) largest_first(inputs);
  spdlog::info("ingest: {} files, {} worker(s), rules {} ({} rules), database {}", inputs.size(),
               jobs, rules.hash().substr(0, 12), rules.rule_count(), config.db);

  WorkQueue queue;
  std::vector<std::thread> workers;
  // Where the CPU went, for people tuning throughput: the workers run the
  // pipeline; this thread reads, hashes and stores.
  std::vector<double> worker_cpu(size_t(jobs), 0.0);
  const double main_cpu_started = thread_cpu_seconds();
  for (int i = 0; i < jobs; ++i)
    workers.emplace_back([&, i] {
      while (auto job = queue.pop_job()) {
        auto r = pipeline::process_bytes(job->path, job->bytes, rules, limits);
        r.raw.sha256 = job->sha256;
        // What the writer counts as no longer in flight, and the stored
        // size even when the ingest stage failed before recording it.
        r.raw.bytes = job->bytes.size();
        queue.push_result(std::move(r));
      }
      worker_cpu[size_t(i)] = thread_cpu_seconds();
    });

  store::RunCounts counts;
  Progress progress(inputs.size(), isatty(fileno(stderr)) != 0);
  std::vector<std::string> failures;  // "path: stage: message", for --json
  Status write_error;
  size_t in_flight = 0;
  const size_t max_in_flight = size_t(jobs) * kInFlightPerJob;
  size_t in_flight_bytes = 0;

  // Documents are committed in batches (see kBatch*): the search index is
  // flushed once per batch, which is what makes indexing affordable. A
  // batch never waits long, so a crash costs at most a few seconds of work,
  // redone by the next run.
  Batch batch;
  auto commit = [&] {
    if (!db.in_batch()) return;
    if (Status s = db.commit_batch(); !s.ok() && write_error.ok()) {
      spdlog::error("cannot store: {}", s.message());
      write_error = s;
    }
    // Give the batch's freed results and SQLite's released cache back to the
    // system: otherwise each thread's malloc arena keeps its high-water mark
    // and peak RSS creeps up with the corpus (TXT with the index, corpus
    // doubled: 147 → 157 MB without, 139 → 148 MB with).
    malloc_trim(0);
  };
  auto write = [&](pipeline::DocumentResult r) {
    if (r.status == ingest::Status::kOk) ++counts.ok;
    else if (r.status == ingest::Status::kPartial) ++counts.partial;
    else ++counts.failed;
    ++counts.processed;
    if (write_error.ok()) {
      Status s = Status::Ok();
      if (!db.in_batch()) {
        s = db.begin_batch();
        if (s.ok()) batch.start();
      }
      if (s.ok()) s = db.put_document(r, run_id.value());
      if (!s.ok()) {
        spdlog::error("{}: cannot store: {}", r.name, s.message());
        write_error = s;
      } else {
        batch.add(r.raw.bytes);
        if (batch.full()) commit();
      }
    }
    progress.step(r, false);
    if (r.status == ingest::Status::kFailed)
      failures.push_back(r.source + ": " + (r.stage.empty() ? "" : r.stage + ": ") + r.message);
    queue.retire(std::move(r));
  };
  auto drain_one = [&] {
    // While workers are busy with slow documents, what is done gets
    // committed when the batch is due, not when the next result arrives.
    std::optional<pipeline::DocumentResult> r;
    if (db.in_batch()) r = queue.pop_result_until(batch.deadline());
    if (!r) {
      commit();
      r = queue.pop_result();
    }
    --in_flight;
    in_flight_bytes -= r->raw.bytes;
    write(std::move(*r));
  };

  std::unordered_set<std::string> queued;  // SHA-256 of the files sent to the pipeline
  std::vector<std::pair<std::string, std::string>> copies;  // path, SHA-256
  for (const auto& input : inputs) {
    ++counts.seen;
    if (!write_error.ok()) break;
    if (!input.error.empty()) {
      write(failed_result(input.path, "read", input.error));
      continue;
    }
    auto bytes = pipeline::read_input(input.path, limits.max_bytes);
    if (!bytes.ok()) {
      write(failed_result(input.path, "read", bytes.status().message()));
      continue;
    }
    std::string sha = sha256_hex(bytes.value());
    // Same bytes as a file of this run (a copy): one document, its path
    // recorded once that document is stored.
    const bool copy = !queued.insert(sha).second;
    if (copy) copies.emplace_back(input.path, sha);
    const bool current = !copy && !config.force && db.is_current(input.path, sha, info);
    if (current) {
      if (Status s = db.record_path(input.path, sha); !s.ok())
        spdlog::warn("{}", s.message());
    }
    if (copy || current) {
      ++counts.skipped;
      pipeline::DocumentResult r;
      r.name = std::filesystem::path(input.path).filename().string();
      progress.step(r, true);
      continue;
    }
    const size_t size = bytes.value().size();
    while (in_flight >= max_in_flight ||
           (in_flight > 0 && in_flight_bytes + size > kInFlightBytes))
      drain_one();
    in_flight_bytes += size;
    queue.push_job({input.path, std::move(bytes.value()), std::move(sha)});
    ++in_flight;
  }
  queue.close();
  while (in_flight > 0) drain_one();
  for (auto& t : workers) t.join();
  double pipeline_cpu = 0;
  for (double s : worker_cpu) pipeline_cpu += s;
  spdlog::info("CPU: pipeline {:.2f} s in {} worker(s); reading and storing {:.2f} s", pipeline_cpu,
               jobs, thread_cpu_seconds() - main_cpu_started);

  for (const auto& [path, sha] : copies)
    if (Status s = db.record_path(path, sha); !s.ok()) spdlog::warn("{}", s.message());

  // A deferred load, or an earlier one that was interrupted, left rows
  // outside the search index: one rebuild brings them in.
  commit();
  Status index = Status::Ok();
  if (db.search_index_stale()) {
    const auto started = std::chrono::steady_clock::now();
    const std::clock_t cpu_started = std::clock();  // the workers are done: this thread's CPU
    index = db.rebuild_search_index();
    if (index.ok())
      spdlog::info("search index rebuilt in {:.2f} s ({:.2f} s CPU)",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                       .count(),
                   double(std::clock() - cpu_started) / CLOCKS_PER_SEC);
  }
  if (!index.ok()) spdlog::error("cannot update the search index: {}", index.message());

  Status fin = db.finish_run(run_id.value(), counts);
  if (!fin.ok()) spdlog::error("cannot finish run: {}", fin.message());

  progress.finish();
  const double wall = progress.elapsed_seconds();
  std::fprintf(stderr,
               "documents: %d seen, %d processed, %d unchanged (skipped); %d ok, %d partial, "
               "%d failed; %zu not notices (skipped)\n",
               counts.seen, counts.processed, counts.skipped, counts.ok, counts.partial,
               counts.failed, skipped_files.size());
  auto records = db.record_counts();
  if (records.ok()) {
    std::string line = "records:";
    for (const auto& [type, n] : records.value()) line += " " + type + "=" + std::to_string(n);
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fprintf(stderr, "time: %.2f s wall; %.1f documents/s, %.1f pages/s\n", wall,
               wall > 0 ? counts.processed / wall : 0.0,
               wall > 0 ? double(progress.pages()) / wall : 0.0);
  if (config.json) {
    nlohmann::ordered_json j;
    j["seen"] = counts.seen;
    j["processed"] = counts.processed;
    j["unchanged"] = counts.skipped;
    j["ok"] = counts.ok;
    j["partial"] = counts.partial;
    j["failed"] = counts.failed;
    j["not_notices"] = skipped_files;
    j["pages"] = progress.pages();
    j["wall_seconds"] = wall;
    j["documents_per_second"] = wall > 0 ? counts.processed / wall : 0.0;
    j["pages_per_second"] = wall > 0 ? double(progress.pages()) / wall : 0.0;
    j["failures"] = failures;
    if (records.ok())
      for (const auto& [type, n] : records.value()) j["records"][type] = n;
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  }
  if (!write_error.ok() || !index.ok() || !fin.ok()) return kExitUsage;
  return counts.failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace policydb::cli
