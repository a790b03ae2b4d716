#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>

#include <spdlog/spdlog.h>

#include "rules/rules.h"

namespace policydb::pipeline {
namespace {

std::string basename_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

void fail(DocumentResult& r, std::string stage, std::string message) {
  r.status = ingest::Status::kFailed;
  r.stage = std::move(stage);
  r.message = std::move(message);
}

// Cut a document short: `partial`, keeping the first reason (ingest's
// "read 100 of 2000 pages" stays) and adding this one.
void partial(DocumentResult& r, const char* stage, const std::string& message) {
  if (r.status == ingest::Status::kOk) {
    r.status = ingest::Status::kPartial;
    r.stage = stage;
    r.message = message;
  } else {
    r.message += "; " + message;
  }
}

// Longest clause extraction is run on (bytes): ~20 000 CJK characters.
constexpr size_t kMaxClauseBytes = 64 * 1024;

// Runs one stage; an exception escaping it becomes a failed document that
// names the stage, so one bad file never stops the batch.
template <class F>
bool run_stage(DocumentResult& r, const char* stage, F&& f) {
  try {
    f();
    return true;
  } catch (const std::bad_alloc&) {
    fail(r, stage, std::string("out of memory in ") + stage);
  } catch (const std::exception& e) {
    fail(r, stage, std::string("internal error in ") + stage + ": " + e.what());
  }
  spdlog::warn("{}: {}", r.name, r.message);
  return false;
}

}  // namespace

DocumentResult process_bytes(const std::string& name, const std::string& bytes,
                             const rules::RuleSet& rules, const ingest::Limits& limits, std::string sha256) {
  const auto started = std::chrono::steady_clock::now();
  DocumentResult r;
  r.source = name;
  r.name = basename_of(name);

  auto finish = [&] {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return std::move(r);
  };

  if (!run_stage(r, "ingest", [&] { r.raw = ingest::read_bytes(name, bytes, limits, std::move(sha256)); }))
    return finish();
  if (r.raw.status == ingest::Status::kFailed) {
    fail(r, "ingest", r.raw.message);
    return finish();
  }
  if (r.raw.status == ingest::Status::kPartial) {
    r.status = ingest::Status::kPartial;
    r.stage = "ingest";
    r.message = r.raw.message;
  }

  // The seconds budget (--max-seconds) covers the whole document, not only
  // PDF reading: it is checked before each later stage. A stage that does
  // not start leaves the document `partial` with what was done so far (the
  // pages are stored; records need every stage). Stages are not interrupted
  // midway, so a stage must itself be bounded by the size of its input
  // (see kMaxClauseBytes below).
  auto out_of_time = [&](const char* next_stage) {
    const double spent =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (spent <= limits.max_seconds) return false;
    partial(r, next_stage,
            "time limit of " + std::to_string(static_cast<long>(limits.max_seconds)) +
                " s reached before " + next_stage + "; later stages skipped");
    spdlog::warn("{}: {}", r.name, r.message);
    return true;
  };

  if (out_of_time("normalize") ||
      !run_stage(r, "normalize", [&] { r.text = normalize::normalize(r.raw, rules); }) ||
      out_of_time("outline") ||
      !run_stage(r, "outline", [&] { r.outline = outline::build(r.text, rules); }) ||
      out_of_time("segment") ||
      !run_stage(r, "segment", [&] { r.clauses = segment::segment(r.text, r.outline, rules); }))
    return finish();

  // Extraction reads each clause's sentence with many rules, some of which
  // look at the whole sentence around every match: cost grows with the
  // square of a sentence's length. Real clauses are far below this bound; a
  // text without sentence ends (a 50 MB single line, binary junk) is not
  // extracted from, and says so, instead of running for hours.
  size_t longest = 0;
  for (const auto& c : r.clauses) longest = std::max(longest, c.end - c.begin);
  if (longest > kMaxClauseBytes) {
    partial(r, "extract",
            "a clause of " + std::to_string(longest) + " bytes has no sentence end (limit " +
                std::to_string(kMaxClauseBytes) + "); records not extracted");
    spdlog::warn("{}: {}", r.name, r.message);
    return finish();
  }

  if (out_of_time("extract") || !run_stage(r, "extract", [&] {
        const extract::WholeText whole = extract::scan_whole_text(r.text, rules);
        r.meta = extract::extract_metadata(r.text, r.outline, rules, &whole);
        extract::fill_from_page_meta(r.meta, r.text, r.raw.meta, rules);
        r.records = extract::extract_all(r.text, r.outline, r.clauses, r.meta, rules, &whole);
      }))
    return finish();
  return finish();
}

DocumentResult process_file(const std::string& path, const rules::RuleSet& rules,
                            const ingest::Limits& limits) {
  auto bytes = read_input(path, limits.max_bytes);
  if (!bytes.ok()) {
    DocumentResult r;
    r.source = path;
    r.name = basename_of(path);
    fail(r, "read", bytes.status().message());
    return r;
  }
  return process_bytes(path, bytes.value(), rules, limits);
}

Result<std::string> read_input(const std::string& path, size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec) return Status::Error("cannot read file: " + ec.message());
  if (fs::is_directory(status)) return Status::Error("is a directory, not a file");
  if (!fs::is_regular_file(status)) return Status::Error("not a regular file");
  auto size = fs::file_size(path, ec);
  if (ec) return Status::Error("cannot read file: " + ec.message());
  if (size > max_bytes)
    return Status::Error("file too large: " + std::to_string(size) + " bytes (limit " +
                         std::to_string(max_bytes) + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot open file (permission denied or removed)");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size))
    return Status::Error("cannot read file: short read");
  return bytes;
}

}  // namespace policydb::pipeline
