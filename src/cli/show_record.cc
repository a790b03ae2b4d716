// `policydb show DOC --record KIND:ID` (issue 15): one record with the
// normalised text around it and the span of the original it came from —
// the file's own bytes for TXT and HTML, the page's text as read for PDF
// and DOCX (read again from the file when it is still there).
#include <charconv>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "common/sha256.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "unicode/unicode.h"

namespace policydb::cli {
namespace {

// A path the document's bytes are still at (same sha256), or "".
std::string file_on_disk(const store::DocumentView& v, std::string* bytes) {
  for (const auto& p : v.paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) continue;
    auto read = pipeline::read_input(p, size_t(1) << 30);
    if (read.ok() && sha256_hex(read.value()) == v.sha256) {
      *bytes = std::move(read).value();
      return p;
    }
  }
  return {};
}

// The file's bytes [begin, end) as UTF-8 for printing.
std::string file_text(const std::string& bytes, const store::RecordSource& r) {
  const std::string_view cut = std::string_view(bytes).substr(
      std::min(r.file_begin, bytes.size()), r.file_end - std::min(r.file_begin, r.file_end));
  if (r.encoding.starts_with("UTF-8") || r.encoding.empty()) return std::string(cut);
  return unicode::decode_as(cut, r.encoding.c_str()).utf8;
}

// The page text [page_begin, page_end) as the file reads today.
std::string page_text(const std::string& path, const store::RecordSource& r) {
  const auto doc = ingest::read_document(path);
  std::string out;
  for (const auto& page : doc.pages) {
    if (page.number < r.page_first || page.number > r.page_last) continue;
    const size_t b = page.number == r.page_first ? std::min(r.page_begin, page.text.size()) : 0;
    const size_t e = page.number == r.page_last ? std::min(r.page_end, page.text.size())
                                                : page.text.size();
    if (e > b) out.append(page.text, b, e - b);
  }
  return out;
}

}  // namespace

int show_record(store::Database& db, const store::DocumentView& v, const std::string& spec) {
  const size_t colon = spec.find(':');
  int64_t id = -1;
  if (colon != std::string::npos) {
    const char* end = spec.data() + spec.size();
    if (std::from_chars(spec.data() + colon + 1, end, id).ptr != end) id = -1;
  }
  if (id < 0) {
    spdlog::error("--record {}: expected KIND:ID, e.g. task:3 or target:0", spec);
    return kExitUsage;
  }
  auto found = db.record_source(v.source, spec.substr(0, colon), id);
  if (!found.ok()) {
    spdlog::error("{}", found.status().message());
    return kExitUsage;
  }
  const auto& r = found.value();
  std::cout << v.name << "  " << r.kind << ':' << r.id << "  p." << r.page_first;
  if (r.page_last > r.page_first) std::cout << "–" << r.page_last;
  std::cout << '\n';
  if (!r.record_json.empty()) std::cout << "record: " << r.record_json << '\n';
  if (!r.span_of.empty()) std::cout << "no span of its own: the span of " << r.span_of << '\n';
  std::cout << "normalised [" << r.begin << ", " << r.end << "): …" << r.before << "【" << r.text
            << "】" << r.after << "…\n";
  std::cout << "page text: p." << r.page_first << " byte " << r.page_begin << " – p." << r.page_last
            << " byte " << r.page_end << '\n';
  if (r.has_file_span)
    std::cout << "file bytes [" << r.file_begin << ", " << r.file_end << ") (" << r.file_offsets
              << ", " << r.encoding << ")\n";
  std::string bytes;
  const std::string path = file_on_disk(v, &bytes);
  if (path.empty()) {
    std::cout << "source: the file is not at its stored path(s) with the same bytes\n";
  } else if (r.has_file_span) {
    std::cout << "source (" << path << "):\n" << file_text(bytes, r) << '\n';
  } else {
    std::cout << "source (" << path << ", page text as read):\n" << page_text(path, r) << '\n';
  }
  return kExitOk;
}

}  // namespace policydb::cli
