// Ingest: bytes on disk → pages of UTF-8 text (PDF with OCR of scanned pages,
// TXT, HTML, Word .docx).
// Never throws and never aborts a batch: every problem is in the result.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace policydb::ingest {

enum class Format { kUnknown, kPdf, kText, kHtml, kDocx };

// When PDF pages are read by OCR: only pages without a text layer (auto),
// never, or every page (its text layer ignored).
enum class OcrMode { kAuto, kNever, kAlways };

struct Limits {
  size_t max_bytes = size_t(256) << 20;  // larger files fail before being read
  int max_pages = 2000;                  // pages beyond this are not read (partial)
  double max_seconds = 300;              // PDF text extraction (and OCR) stops after this (partial)
  OcrMode ocr = OcrMode::kAuto;
};

// Where page text comes from when it is not the file's bytes in order (HTML):
// page text from byte `text` on was read from the file from byte `source` on.
struct SourceRun {
  size_t text = 0;
  size_t source = 0;
};

struct Page {
  int number = 1;      // 1-based page number in the source
  std::string text;    // UTF-8, lines separated by '\n'; as extracted, not normalised
  bool has_text = true;  // false: no text layer (scanned image); text is empty
  std::vector<SourceRun> sources;  // HTML: ascending; empty when text offsets are the source's
  bool ocr = false;              // the text was read from the rendered page by OCR
  double ocr_confidence = -1;    // OCR's mean word confidence, 0-100 (-1: no OCR)
};

enum class Status { kOk, kPartial, kFailed };

// "ok" | "partial" | "failed": the spelling the store and the export write.
const char* status_name(Status status);

struct RawDocument {
  std::string path;
  std::string sha256;        // of the file's bytes; empty if unreadable
  size_t bytes = 0;
  Format format = Format::kUnknown;
  std::string encoding;      // "UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030", "PDF"; HTML: the same
  std::vector<Page> pages;   // TXT: pages split at form feeds, else one page
  int page_count = 0;        // pages in the source (PDF), even those not read
  int pages_without_text = 0;  // pages that should hold text and gave none (blank pages are not counted)
  size_t invalid_sequences = 0;  // TXT: byte sequences replaced by U+FFFD
  std::string pdf_title;     // PDF info dictionary, when present
  std::string producer;      // PDF producer (ABBYY, WPS, Word, ...)
  // HTML: ("title", <title>) and (name, content) of each <meta name|property=…>,
  // names lower-case ("articletitle", "pubdate", "contentsource", "keywords").
  std::vector<std::pair<std::string, std::string>> meta;

  Status status = Status::kOk;
  std::string message;       // why failed/partial, for a person; empty if ok
};

// Reads and decodes one file. The format is recognised by content, not by
// name. Fails (status kFailed, message set) for unreadable, empty, encrypted
// or damaged files; marks kPartial when limits cut it short or pages lack text.
RawDocument read_document(const std::string& path, const Limits& limits = {});

// Same for bytes already in memory (tests, fuzzing). `name` is only reported.
// `sha256` is the bytes' SHA-256 when the caller has it (the batch hashes
// every file to skip copies and unchanged files): hashing is ~7 % of a TXT
// file's pipeline instructions, so it is not done twice. Empty: computed here.
RawDocument read_bytes(const std::string& name, const std::string& bytes,
                       const Limits& limits = {}, std::string sha256 = {});

// Installs a handler that forwards Poppler's own error messages to spdlog.
// Called once from main.
void route_poppler_messages_to_log();

}  // namespace policydb::ingest
