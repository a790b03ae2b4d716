// What `policydb ingest` says at the end.
#include "cli/ingest_report.h"

#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace policydb::cli {

void warn_not_notices(const std::vector<std::string>& files) {
  if (files.empty()) return;
  std::string names;
  for (size_t i = 0; i < files.size() && i < 5; ++i)
    names += (i ? ", " : "") + std::filesystem::path(files[i]).filename().string();
  if (files.size() > 5) names += ", …";
  spdlog::warn("skipped {} file(s) that are not notices by their extension ({}); "
               "--all-files reads them too", files.size(), names);
}

namespace {

void print_json(const IngestSummary& s,
                const Result<std::vector<std::pair<std::string, int64_t>>>& records) {
  const double wall = s.wall_seconds;
  nlohmann::ordered_json j;
  j["seen"] = s.counts.seen;
  j["processed"] = s.counts.processed;
  j["unchanged"] = s.counts.skipped;
  j["ok"] = s.counts.ok;
  j["partial"] = s.counts.partial;
  j["failed"] = s.counts.failed;
  j["not_notices"] = s.not_notices;
  j["pages"] = s.pages;
  j["wall_seconds"] = wall;
  j["documents_per_second"] = wall > 0 ? s.counts.processed / wall : 0.0;
  j["pages_per_second"] = wall > 0 ? double(s.pages) / wall : 0.0;
  j["failures"] = s.failures;
  if (records.ok())
    for (const auto& [type, n] : records.value()) j["records"][type] = n;
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

}  // namespace

void report_ingest(const IngestSummary& s,
                   const Result<std::vector<std::pair<std::string, int64_t>>>& records, bool json) {
  const auto& counts = s.counts;
  const double wall = s.wall_seconds;
  std::fprintf(stderr,
               "documents: %d seen, %d processed, %d unchanged (skipped); %d ok, %d partial, "
               "%d failed; %zu not notices (skipped)\n",
               counts.seen, counts.processed, counts.skipped, counts.ok, counts.partial,
               counts.failed, s.not_notices.size());
  if (records.ok()) {
    std::string line = "records:";
    for (const auto& [type, n] : records.value()) line += " " + type + "=" + std::to_string(n);
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fprintf(stderr, "time: %.2f s wall; %.1f documents/s, %.1f pages/s\n", wall,
               wall > 0 ? counts.processed / wall : 0.0, wall > 0 ? double(s.pages) / wall : 0.0);
  if (json) print_json(s, records);
}

}  // namespace policydb::cli
