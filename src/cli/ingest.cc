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
#include <memory>
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

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/ingest_report.h"
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

// The run's rules, database and limits, set up before any document is read.
struct Run {
  std::unique_ptr<store::Database> db;
  store::RunInfo info;
  int64_t id = 0;
  ingest::Limits limits;
};

ingest::Limits limits_of(const IngestConfig& config) {
  ingest::Limits limits;
  limits.max_bytes = config.max_bytes;
  limits.max_pages = config.max_pages;
  limits.max_seconds = config.max_seconds;
  limits.ocr = config.ocr == "never"    ? ingest::OcrMode::kNever
               : config.ocr == "always" ? ingest::OcrMode::kAlways
                                        : ingest::OcrMode::kAuto;
  return limits;
}

// Opens the database and starts a run; false (logged) when either fails or
// a path does not exist — a typo, not a document: nothing is written (issue 20).
bool start_run(const IngestConfig& config, const rules::RuleSet& rules, Run& run) {
  if (auto missing = first_missing(config.paths); !missing.empty()) {
    if (!config.paths_given)
      spdlog::error("no {}/ here: give the files or folders to read (`policydb ingest PATH…`; "
                    "without paths it reads corpus/ of the working folder)", missing);
    else
      spdlog::error("no such file or folder: {}", missing);
    return false;
  }
  std::error_code ec;
  auto parent = std::filesystem::path(config.db).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto opened = store::Database::open(config.db);
  if (!opened.ok()) {
    spdlog::error("cannot open database {}: {}", config.db, opened.status().message());
    return false;
  }
  run.db = std::move(opened.value());
  run.db->set_deferred_indexing(config.defer_index);
  run.info = store::RunInfo{POLICYDB_PIPELINE_VERSION, rules.hash(), config.arguments};
  auto run_id = run.db->begin_run(run.info);
  if (!run_id.ok()) {
    spdlog::error("cannot start run: {}", run_id.status().message());
    return false;
  }
  run.id = run_id.value();
  run.limits = limits_of(config);
  return true;
}

// Worker threads running documents through the pipeline. Where the CPU
// went, for people tuning throughput: the workers run the pipeline; the
// database thread reads, hashes and stores.
class Workers {
 public:
  Workers(int jobs, WorkQueue& queue, const rules::RuleSet& rules, const ingest::Limits& limits)
      : cpu_(size_t(jobs), 0.0) {
    for (int i = 0; i < jobs; ++i)
      threads_.emplace_back([this, i, &queue, &rules, &limits] {
        while (auto job = queue.pop_job()) {
          // The hash feed() took is passed on, not computed again; it is
          // set again for a document whose ingest stage threw.
          auto r = pipeline::process_bytes(job->path, job->bytes, rules, limits, job->sha256);
          r.raw.sha256 = job->sha256;
          // What the writer counts as no longer in flight, and the stored
          // size even when the ingest stage failed before recording it.
          r.raw.bytes = job->bytes.size();
          queue.push_result(std::move(r));
        }
        cpu_[size_t(i)] = thread_cpu_seconds();
      });
  }
  // Waits for every worker; the CPU seconds they used together.
  double join() {
    for (auto& t : threads_) t.join();
    double total = 0;
    for (double s : cpu_) total += s;
    return total;
  }

 private:
  std::vector<double> cpu_;
  std::vector<std::thread> threads_;
};

// The database thread's side: hands jobs to the workers while at most
// `max_in_flight` documents and kInFlightBytes are out, and stores results.
// Documents are committed in batches (see kBatch*): the search index is
// flushed once per batch, which is what makes indexing affordable. A batch
// never waits long, so a crash costs at most a few seconds of work, redone
// by the next run.
class Writer {
 public:
  Writer(Run& run, WorkQueue& queue, Progress& progress, size_t max_in_flight)
      : run_(run), db_(*run.db), queue_(queue), progress_(progress), max_in_flight_(max_in_flight) {}

  store::RunCounts counts;
  std::vector<std::string> failures;  // "path: stage: message", for --json

  const Status& error() const { return write_error_; }

  // Sends a job, first storing results until there is room for it.
  void submit(Job job) {
    const size_t size = job.bytes.size();
    while (in_flight_ >= max_in_flight_ || (in_flight_ > 0 && in_flight_bytes_ + size > kInFlightBytes))
      drain_one();
    in_flight_bytes_ += size;
    queue_.push_job(std::move(job));
    ++in_flight_;
  }

  // Stores every result still out.
  void drain() {
    while (in_flight_ > 0) drain_one();
  }

  void write(pipeline::DocumentResult r) {
    if (r.status == ingest::Status::kOk) ++counts.ok;
    else if (r.status == ingest::Status::kPartial) ++counts.partial;
    else ++counts.failed;
    ++counts.processed;
    if (write_error_.ok()) store(r);
    progress_.step(r, false);
    if (r.status == ingest::Status::kFailed)
      failures.push_back(r.source + ": " + (r.stage.empty() ? "" : r.stage + ": ") + r.message);
    queue_.retire(std::move(r));
  }

  void commit() {
    if (!db_.in_batch()) return;
    if (Status s = db_.commit_batch(); !s.ok() && write_error_.ok()) {
      spdlog::error("cannot store: {}", s.message());
      write_error_ = s;
    }
    // Give the batch's freed results and SQLite's released cache back to the
    // system: otherwise each thread's malloc arena keeps its high-water mark
    // and peak RSS creeps up with the corpus (TXT with the index, corpus
    // doubled: 147 → 157 MB without, 139 → 148 MB with).
    malloc_trim(0);
  }

 private:
  void store(const pipeline::DocumentResult& r) {
    Status s = Status::Ok();
    if (!db_.in_batch()) {
      s = db_.begin_batch();
      if (s.ok()) batch_.start();
    }
    if (s.ok()) s = db_.put_document(r, run_.id);
    if (!s.ok()) {
      spdlog::error("{}: cannot store: {}", r.name, s.message());
      write_error_ = s;
      return;
    }
    batch_.add(r.raw.bytes);
    if (batch_.full()) commit();
  }

  void drain_one() {
    // While workers are busy with slow documents, what is done gets
    // committed when the batch is due, not when the next result arrives.
    std::optional<pipeline::DocumentResult> r;
    if (db_.in_batch()) r = queue_.pop_result_until(batch_.deadline());
    if (!r) {
      commit();
      r = queue_.pop_result();
    }
    --in_flight_;
    in_flight_bytes_ -= r->raw.bytes;
    write(std::move(*r));
  }

  Run& run_;
  store::Database& db_;
  WorkQueue& queue_;
  Progress& progress_;
  const size_t max_in_flight_;
  size_t in_flight_ = 0;
  size_t in_flight_bytes_ = 0;
  Batch batch_;
  Status write_error_;
};

// Reads every input and sends the new ones to the pipeline. Files that are
// current in the database, or copies of a file of this run, are skipped;
// the copies' paths are returned, to be recorded once their document is stored.
std::vector<std::pair<std::string, std::string>> feed(const std::vector<Input>& inputs,
                                                      const IngestConfig& config, Run& run,
                                                      Writer& writer, Progress& progress) {
  std::unordered_set<std::string> queued;  // SHA-256 of the files sent to the pipeline
  std::vector<std::pair<std::string, std::string>> copies;  // path, SHA-256
  for (const auto& input : inputs) {
    ++writer.counts.seen;
    if (!writer.error().ok()) break;
    if (!input.error.empty()) {
      writer.write(failed_result(input.path, "read", input.error));
      continue;
    }
    auto bytes = pipeline::read_input(input.path, run.limits.max_bytes);
    if (!bytes.ok()) {
      writer.write(failed_result(input.path, "read", bytes.status().message()));
      continue;
    }
    std::string sha = sha256_hex(bytes.value());
    // Same bytes as a file of this run (a copy): one document.
    const bool copy = !queued.insert(sha).second;
    if (copy) copies.emplace_back(input.path, sha);
    const bool current = !copy && !config.force && run.db->is_current(input.path, sha, run.info);
    if (current) {
      if (Status s = run.db->record_path(input.path, sha); !s.ok()) spdlog::warn("{}", s.message());
    }
    if (copy || current) {
      ++writer.counts.skipped;
      pipeline::DocumentResult r;
      r.name = std::filesystem::path(input.path).filename().string();
      progress.step(r, true);
      continue;
    }
    writer.submit({input.path, std::move(bytes.value()), std::move(sha)});
  }
  return copies;
}

// A deferred load, or an earlier one that was interrupted, left rows
// outside the search index: one rebuild brings them in.
Status update_search_index(store::Database& db) {
  if (!db.search_index_stale()) return Status::Ok();
  const auto started = std::chrono::steady_clock::now();
  const std::clock_t cpu_started = std::clock();  // the workers are done: this thread's CPU
  Status index = db.rebuild_search_index();
  if (index.ok())
    spdlog::info("search index rebuilt in {:.2f} s ({:.2f} s CPU)",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                 double(std::clock() - cpu_started) / CLOCKS_PER_SEC);
  return index;
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
  Run run;
  if (!start_run(config, rules, run)) return kExitUsage;
  store::Database& db = *run.db;

  IngestSummary summary;
  auto inputs = collect_inputs(config.paths, config.all_files, &summary.not_notices);
  warn_not_notices(summary.not_notices);
  int jobs = config.jobs > 0 ? config.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
  if (jobs > 1) largest_first(inputs);
  spdlog::info("ingest: {} files, {} worker(s), rules {} ({} rules), database {}", inputs.size(),
               jobs, rules.hash().substr(0, 12), rules.rule_count(), config.db);

  WorkQueue queue;
  const double main_cpu_started = thread_cpu_seconds();
  Workers workers(jobs, queue, rules, run.limits);
  Progress progress(inputs.size(), isatty(fileno(stderr)) != 0);
  Writer writer(run, queue, progress, size_t(jobs) * kInFlightPerJob);
  const auto copies = feed(inputs, config, run, writer, progress);
  queue.close();
  writer.drain();
  const double pipeline_cpu = workers.join();
  spdlog::info("CPU: pipeline {:.2f} s in {} worker(s); reading and storing {:.2f} s", pipeline_cpu,
               jobs, thread_cpu_seconds() - main_cpu_started);

  for (const auto& [path, sha] : copies)
    if (Status s = db.record_path(path, sha); !s.ok()) spdlog::warn("{}", s.message());
  writer.commit();
  Status index = update_search_index(db);
  if (!index.ok()) spdlog::error("cannot update the search index: {}", index.message());
  Status fin = db.finish_run(run.id, writer.counts);
  if (!fin.ok()) spdlog::error("cannot finish run: {}", fin.message());

  progress.finish();
  summary.counts = writer.counts;
  summary.failures = std::move(writer.failures);
  summary.wall_seconds = progress.elapsed_seconds();
  summary.pages = progress.pages();
  report_ingest(summary, db.record_counts(), config.json);
  if (!writer.error().ok() || !index.ok() || !fin.ok()) return kExitUsage;
  return writer.counts.failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace policydb::cli
