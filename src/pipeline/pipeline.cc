#include "pipeline/pipeline.h"

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
  r.status = "failed";
  r.stage = std::move(stage);
  r.message = std::move(message);
}

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
                             const rules::RuleSet& rules, const ingest::Limits& limits) {
  const auto started = std::chrono::steady_clock::now();
  DocumentResult r;
  r.source = name;
  r.name = basename_of(name);

  auto finish = [&] {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return std::move(r);
  };

  if (!run_stage(r, "ingest", [&] { r.raw = ingest::read_bytes(name, bytes, limits); }))
    return finish();
  if (r.raw.status == ingest::Status::kFailed) {
    fail(r, "ingest", r.raw.message);
    return finish();
  }
  if (r.raw.status == ingest::Status::kPartial) {
    r.status = "partial";
    r.stage = "ingest";
    r.message = r.raw.message;
  }

  if (!run_stage(r, "normalize", [&] { r.text = normalize::normalize(r.raw, rules); }) ||
      !run_stage(r, "outline", [&] { r.outline = outline::build(r.text, rules); }) ||
      !run_stage(r, "segment", [&] { r.clauses = segment::segment(r.text, r.outline, rules); }) ||
      !run_stage(r, "extract", [&] {
        r.meta = extract::extract_metadata(r.text, r.outline, rules);
        r.records = extract::extract_all(r.text, r.outline, r.clauses, r.meta, rules);
      })) {
    return finish();
  }
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
