// Entry points of ingest: file checks, content sniffing, dispatch by format.
#include "ingest/ingest.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <filesystem>

#include "common/sha256.h"
#include "ingest/formats.h"

namespace policydb::ingest {
namespace detail {

void note(RawDocument& doc, Status status, const std::string& reason) {
  if (!doc.message.empty()) doc.message += "; ";
  doc.message += reason;
  if (static_cast<int>(status) > static_cast<int>(doc.status)) doc.status = status;
}

}  // namespace detail

namespace {

// A PDF header may follow some junk (mail headers, BOMs); readers accept it
// within the first 1024 bytes, and so do we.
bool looks_like_pdf(const std::string& bytes) {
  const std::string_view head(bytes.data(), std::min<size_t>(bytes.size(), 1024));
  return head.find("%PDF-") != std::string_view::npos;
}

// Formats policydb does not read, known by their first bytes: named in the
// message instead of "not a text file". (ZIP archives go to the Word reader,
// which names them when they are not Word documents.)
const char* unsupported_format(const std::string& bytes) {
  static const std::pair<std::string_view, const char*> kMagic[] = {
      {"\x89PNG", "PNG image"}, {"\xFF\xD8\xFF", "JPEG image"}, {"GIF8", "GIF image"},
      {{"II*\0", 4}, "TIFF image"}, {{"MM\0*", 4}, "TIFF image"},
      {"\xD0\xCF\x11\xE0", "old Office document (DOC/XLS)"}, {"Rar!", "RAR archive"},
      {"\x1F\x8B", "gzip archive"}, {"7z\xBC\xAF", "7-Zip archive"}};
  for (const auto& [magic, name] : kMagic)
    if (bytes.starts_with(magic)) return name;
  return nullptr;
}

RawDocument failed(const std::string& path, std::string message) {
  RawDocument doc;
  doc.path = path;
  doc.status = Status::kFailed;
  doc.message = std::move(message);
  return doc;
}

}  // namespace

RawDocument read_bytes(const std::string& name, const std::string& bytes, const Limits& limits,
                       std::string sha256) {
  RawDocument doc;
  doc.path = name;
  doc.bytes = bytes.size();
  doc.sha256 = sha256.empty() ? sha256_hex(bytes) : std::move(sha256);
  if (bytes.empty()) {
    detail::note(doc, Status::kFailed, "empty file");
    return doc;
  }
  if (bytes.size() > limits.max_bytes) {
    detail::note(doc, Status::kFailed,
                 "file too large: " + std::to_string(bytes.size()) + " bytes (limit " +
                     std::to_string(limits.max_bytes) + ")");
    return doc;
  }
  if (looks_like_pdf(bytes)) {
    doc.format = Format::kPdf;
    doc.encoding = "PDF";
    detail::read_pdf(bytes, limits, doc);
  } else if (detail::looks_like_ole2(bytes)) {
    detail::note(doc, Status::kFailed,
                 "old binary Office file (OLE2: Word 97-2003 .doc, old .wps or .xls) is not read; "
                 "convert it to .docx, e.g. `libreoffice --headless --convert-to docx FILE`");
  } else if (detail::looks_like_zip(bytes)) {
    doc.format = Format::kDocx;
    doc.encoding = "DOCX";
    detail::read_docx(bytes, doc);
  } else if (detail::looks_like_html(bytes)) {
    doc.format = Format::kHtml;
    detail::read_html(bytes, doc);
  } else if (const char* format = unsupported_format(bytes)) {
    detail::note(doc, Status::kFailed, std::string("unsupported format: ") + format);
  } else {
    doc.format = Format::kText;
    detail::read_text(bytes, doc);
  }
  if (doc.status != Status::kOk) spdlog::debug("{}: {}", name, doc.message);
  return doc;
}

const char* status_name(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kPartial: return "partial";
    case Status::kFailed: return "failed";
  }
  return "invalid";  // not a Status: the store's CHECK rejects it
}

RawDocument read_document(const std::string& path, const Limits& limits) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return failed(path, "cannot read file: " + (ec ? ec.message() : std::string("no such file")));
  }
  if (fs::is_directory(st)) return failed(path, "cannot read file: is a directory");
  if (!fs::is_regular_file(st)) return failed(path, "cannot read file: not a regular file");
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limits.max_bytes) {
    RawDocument doc = failed(path, "file too large: " + std::to_string(size) + " bytes (limit " +
                                       std::to_string(limits.max_bytes) + ")");
    doc.bytes = size;
    return doc;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int e = errno;
    return failed(path, std::string("cannot read file: ") +
                            (e ? std::strerror(e) : "open failed"));
  }
  std::string bytes;
  if (!ec) bytes.reserve(size);
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return failed(path, "cannot read file: read error");
  return read_bytes(path, bytes, limits);
}

}  // namespace policydb::ingest
