// Private to ingest: one reader per format. Each fills `doc` (already holding
// path, bytes, sha256) and sets status/message; none throws.
#pragma once

#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace policydb::ingest::detail {

void read_pdf(const std::string& bytes, const Limits& limits, RawDocument& doc);
void read_text(const std::string& bytes, RawDocument& doc);
void read_html(const std::string& bytes, RawDocument& doc);

// HTML (html_encoding.cc): markup at the start of the file, after a BOM,
// white space and comments.
bool looks_like_html(const std::string& bytes);

// An HTML page decoded to UTF-8: BOM, then <meta charset> / http-equiv, then
// the detection TXT files get.
struct HtmlText {
  std::string utf8;
  std::string encoding;     // as RawDocument::encoding
  std::string charset;      // the converter used ("UTF-8", "GB18030", "UTF-16LE", ...)
  size_t bom = 0;           // bytes of byte-order mark before the text
  size_t invalid_sequences = 0;
};
HtmlText decode_html(const std::string& bytes);

// The runs' sources, offsets in `text.utf8`, as offsets in the file `bytes`.
std::vector<SourceRun> map_to_file(const HtmlText& text, const std::string& bytes,
                                   std::vector<SourceRun> runs);

// Percentage of characters no text holds (control codes, U+FFFD, private
// use) when it is over 10 % of at least 16 characters, else -1 (txt.cc).
int junk_percent(const std::string& utf8);

// Appends `reason` to doc.message ("; "-separated) and lowers the status to
// at least `status` (ok < partial < failed).
void note(RawDocument& doc, Status status, const std::string& reason);

}  // namespace policydb::ingest::detail
