// Private to ingest: one reader per format. Each fills `doc` (already holding
// path, bytes, sha256) and sets status/message; none throws.
#pragma once

#include <string>

#include "ingest/ingest.h"

namespace policydb::ingest::detail {

void read_pdf(const std::string& bytes, const Limits& limits, RawDocument& doc);
void read_text(const std::string& bytes, RawDocument& doc);

// Appends `reason` to doc.message ("; "-separated) and lowers the status to
// at least `status` (ok < partial < failed).
void note(RawDocument& doc, Status status, const std::string& reason);

}  // namespace policydb::ingest::detail
