// Private to ingest: one reader per format. Each fills `doc` (already holding
// path, bytes, sha256) and sets status/message; none throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"

namespace policydb::ingest::detail {

void read_pdf(const std::string& bytes, const Limits& limits, RawDocument& doc);
void read_text(const std::string& bytes, RawDocument& doc);
void read_html(const std::string& bytes, RawDocument& doc);
void read_docx(const std::string& bytes, RawDocument& doc);

// Containers (docx.cc): a zip archive (.docx, OOXML .wps); an OLE2 compound
// file (Word 97-2003 .doc, old .wps, .xls).
bool looks_like_zip(const std::string& bytes);
bool looks_like_ole2(const std::string& bytes);

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
// The same for any text decoded from `bytes` in `charset` (an ICU converter
// name) after a byte-order mark of `bom` bytes (TXT files).
std::vector<SourceRun> map_to_file(const std::string& utf8, const std::string& charset, size_t bom,
                                   const std::string& bytes, std::vector<SourceRun> runs);

// Layout (layout.cc). Chinese characters and punctuation, which run on
// without spaces; the last code point of `s` (0 if empty); the lines of a
// table cell as one line, joined as wrapped PDF cell lines are (no space
// inside Chinese, one between Latin words), trimmed.
bool wide_char(char32_t cp);
std::string one_line(std::string_view lines);

// Percentage of characters no text holds (control codes, U+FFFD, private
// use) when it is over 10 % of at least 16 characters, else -1 (txt.cc).
int junk_percent(const std::string& utf8);

// Appends `reason` to doc.message ("; "-separated) and lowers the status to
// at least `status` (ok < partial < failed).
void note(RawDocument& doc, Status status, const std::string& reason);

}  // namespace policydb::ingest::detail
