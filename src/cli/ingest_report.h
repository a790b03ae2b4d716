// What `policydb ingest` says at the end: the counts on stderr and, with
// --json, one JSON object on stdout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace policydb::cli {

struct IngestSummary {
  store::RunCounts counts;
  std::vector<std::string> not_notices;  // files skipped by their extension
  std::vector<std::string> failures;     // "path: stage: message"
  double wall_seconds = 0;
  size_t pages = 0;
};

// Warns about the files skipped as not notices (the first five named).
void warn_not_notices(const std::vector<std::string>& files);

// Prints the summary; `records` (type, count) when the database could count them.
void report_ingest(const IngestSummary& s,
                   const Result<std::vector<std::pair<std::string, int64_t>>>& records, bool json);

}  // namespace policydb::cli
