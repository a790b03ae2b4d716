// One document through every stage: a plain function, not a class. The
// result carries everything the store writes, including how it failed.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "segment/segment.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::pipeline {

struct DocumentResult {
  std::string source;        // path as given
  std::string name;          // basename: the `source` of exported records
  ingest::RawDocument raw;   // pages are kept for the `pages` table
  normalize::NormalizedText text;
  outline::Outline outline;
  std::vector<segment::Clause> clauses;
  extract::Metadata meta;
  extract::Extraction records;

  ingest::Status status = ingest::Status::kOk;
  std::string stage;          // stage that failed or cut it short; empty if ok
  std::string message;        // for a person
  double seconds = 0;         // wall time spent on this document
};

// Runs ingest → normalise → outline → segment → extract on one file.
// Never throws: an exception inside a stage becomes status kFailed with
// that stage's name.
DocumentResult process_file(const std::string& path, const rules::RuleSet& rules,
                            const ingest::Limits& limits);

// Reads a whole file of at most `max_bytes`. Errors are for a person:
// "permission denied", "is a directory", "file too large: …".
Result<std::string> read_input(const std::string& path, size_t max_bytes);

// The same for bytes in memory (tests, fuzzing, and the batch, which reads
// and hashes files before deciding whether they need processing and passes
// the hash on as `sha256`: see ingest::read_bytes).
DocumentResult process_bytes(const std::string& name, const std::string& bytes,
                             const rules::RuleSet& rules, const ingest::Limits& limits,
                             std::string sha256 = {});

}  // namespace policydb::pipeline
