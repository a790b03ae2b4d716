// Provenance to the byte (issue 15): from a span of the normalised text,
// which records index with begin_byte/end_byte, back to the page text as
// read and, for TXT and HTML, to the bytes of the original file. The maps
// are stored per document (table document_texts, schema step 11) as JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "normalize/normalize.h"

namespace policydb::store::provenance {

// How a file run maps offsets inside it (document_texts.file_offsets).
enum class FileOffsets { kNone, kExact, kAtOrBefore, kRunStart };

// What is stored for one document.
struct Stored {
  std::string pieces;     // JSON, see schema step 11
  std::string file_runs;  // JSON, empty: none
  FileOffsets file_offsets = FileOffsets::kNone;
};
Stored encode(const ingest::RawDocument& raw, const normalize::NormalizedText& text);

const char* name(FileOffsets f);  // "exact" | "at_or_before" | "run_start" | ""
FileOffsets parse_file_offsets(const std::string& name);

// The maps read back.
struct FileRun {
  int page = 1;
  size_t text = 0, source = 0;
};
struct SourceMap {
  std::vector<normalize::Piece> pieces;
  std::vector<FileRun> file_runs;  // by page, then text
  FileOffsets file_offsets = FileOffsets::kNone;
  size_t file_size = 0;            // bytes of the file (end of the last run)
};
// Fails (nullopt) on JSON that is not as encode() writes it.
std::optional<SourceMap> decode(const std::string& pieces, const std::string& file_runs,
                                FileOffsets file_offsets, size_t file_size);

// Where normalised bytes [begin, end) came from: pages and offsets in the
// first and last page's text, and, when the file is byte-addressable, a
// span of the file that holds them (exact, or widened to whole runs).
struct Span {
  int page_first = 1, page_last = 1;
  size_t page_begin = 0, page_end = 0;  // page_begin in page_first, page_end in page_last
  std::optional<size_t> file_begin, file_end;
};
Span locate(const SourceMap& map, size_t begin, size_t end);

}  // namespace policydb::store::provenance
