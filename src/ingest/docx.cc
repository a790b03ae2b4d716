// Word files (.docx, and .wps saved as OOXML): the only user of libzip.
// word/document.xml is read from the zip container (with caps on its
// uncompressed size and compression ratio, so that a zip bomb fails instead
// of filling memory) and parsed by libxml2; each paragraph is one line, a
// table row is one line of '\t'-joined cells as PDF tables give them (empty
// cells where a cell spans columns; merged rows are empty cells in Word
// already), explicit page breaks start a new page. Deleted revisions, field
// codes and drawings are not text. Offsets are in the page text: the XML is
// compressed, so no byte of the file holds the text as such.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "ingest/formats.h"

namespace policydb::ingest::detail {
namespace {

// The main part may not expand beyond this, nor by more than kMaxRatio to 1
// once it is over 1 MB: real document.xml parts are a few MB and compress
// 5-20:1; a deflate bomb expands about 1000:1.
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t(96) << 20;
constexpr zip_uint64_t kMaxRatio = 200;

std::string mb(zip_uint64_t n) { return std::to_string((n + (1 << 19)) >> 20) + " MB"; }

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// The part `name` of the archive, or an error message in `error`.
std::string read_part(zip_t* z, const char* name, std::string& error) {
  zip_stat_t st;
  zip_stat_init(&st);
  const zip_int64_t index = zip_name_locate(z, name, 0);
  if (index < 0 || zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    error = std::string("no ") + name + " in the archive";
    return {};
  }
  const zip_uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  const zip_uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  auto bomb = [&](zip_uint64_t n) {
    return n > kMaxPartBytes || (n > (zip_uint64_t(1) << 20) && n > kMaxRatio * std::max<zip_uint64_t>(packed, 1));
  };
  auto bomb_message = [&](zip_uint64_t n) {
    return std::string("zip bomb? ") + name + " expands to " + (n > kMaxPartBytes ? "over " : "") +
           mb(n) + " from " + std::to_string(packed) + " bytes (limits: " + mb(kMaxPartBytes) +
           ", " + std::to_string(kMaxRatio) + ":1)";
  };
  if (bomb(size)) {
    error = bomb_message(size);
    return {};
  }
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  if (!f) {
    error = std::string("cannot open ") + name + ": " + zip_strerror(z);
    return {};
  }
  // The sizes in the directory may lie: the caps hold for what is inflated.
  std::string out;
  out.reserve(static_cast<size_t>(std::min<zip_uint64_t>(size, kMaxPartBytes)));
  char buf[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      error = std::string("damaged archive: ") + zip_file_strerror(f);
      break;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (bomb(out.size())) {
      error = bomb_message(out.size());
      break;
    }
  }
  zip_fclose(f);
  return error.empty() ? out : std::string();
}

// ---- WordprocessingML -------------------------------------------------------

bool is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string wattr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0 && a->children &&
        a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

constexpr int kMaxDepth = 200;

// Text of a paragraph's content: runs, hyperlinks, inserted revisions,
// content controls. '\f' marks an explicit page break.
void runs_text(const xmlNode* n, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "t")) {
      if (c->children && c->children->content)
        out += reinterpret_cast<const char*>(c->children->content);
    } else if (is(c, "tab") || is(c, "ptab")) {
      out += ' ';  // alignment, not a table cell
    } else if (is(c, "br") || is(c, "cr")) {
      out += wattr(c, "type") == "page" ? '\f' : '\n';
    } else if (is(c, "noBreakHyphen")) {
      out += '-';
    } else if (!(is(c, "del") || is(c, "moveFrom") || is(c, "instrText") || is(c, "delText") ||
                 is(c, "drawing") || is(c, "pict") || is(c, "object") || is(c, "rPr") ||
                 is(c, "pPr") || is(c, "footnoteReference") || is(c, "endnoteReference"))) {
      runs_text(c, out, depth + 1);  // r, hyperlink, ins, smartTag, sdt, sdtContent, fldSimple, ...
    }
  }
}

void block_text(const xmlNode* n, std::string& out, int depth);

// A table row: its cells' text on one line, '\t' between cells.
std::string row_text(const xmlNode* tr, int depth) {
  std::string row;
  bool first = true;
  auto cells = [&](const xmlNode* parent, auto& self) -> void {
    for (const xmlNode* tc = parent->children; tc; tc = tc->next) {
      if (is(tc, "sdt") || is(tc, "sdtContent") || is(tc, "customXml")) {
        self(tc, self);
        continue;
      }
      if (!is(tc, "tc")) continue;
      std::string cell;
      block_text(tc, cell, depth + 1);
      if (!first) row += '\t';
      first = false;
      row += one_line(cell);
      int span = 1;
      for (const xmlNode* p = tc->children; p; p = p->next)
        if (is(p, "tcPr"))
          for (const xmlNode* g = p->children; g; g = g->next)
            if (is(g, "gridSpan")) span = std::clamp(std::atoi(wattr(g, "val").c_str()), 1, 64);
      row.append(static_cast<size_t>(span - 1), '\t');
    }
  };
  cells(tr, cells);
  while (!row.empty() && row.back() == '\t') row.pop_back();
  return row;
}

// Paragraphs and tables of the body, a cell or a content control, as lines.
void block_text(const xmlNode* n, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "p")) {
      std::string line;
      runs_text(c, line, depth + 1);
      out += line;
      out += '\n';
    } else if (is(c, "tbl")) {
      for (const xmlNode* r = c->children; r; r = r->next)
        if (is(r, "tr")) {
          out += row_text(r, depth + 1);
          out += '\n';
        }
    } else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") || is(c, "ins") ||
               is(c, "body")) {
      block_text(c, out, depth + 1);
    }
  }
}

}  // namespace

bool looks_like_zip(const std::string& bytes) {
  return bytes.size() >= 4 && (bytes.compare(0, 4, "PK\x03\x04") == 0 || bytes.compare(0, 4, "PK\x05\x06") == 0);
}

bool looks_like_ole2(const std::string& bytes) {
  return bytes.size() >= 8 && bytes.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0;
}

void read_docx(const std::string& bytes, RawDocument& doc) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  std::unique_ptr<zip_t, ZipClose> z(src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : nullptr);
  if (!z) {
    if (src) zip_source_free(src);
    note(doc, Status::kFailed, std::string("unsupported format: ZIP archive that cannot be opened (") +
                                   zip_error_strerror(&zerr) + ")");
    zip_error_fini(&zerr);
    return;
  }
  zip_error_fini(&zerr);
  if (zip_name_locate(z.get(), "word/document.xml", 0) < 0) {
    note(doc, Status::kFailed,
         "unsupported format: ZIP archive that is not a Word document (no word/document.xml); "
         "only .docx and OOXML .wps are read");
    return;
  }
  std::string error;
  const std::string xml = read_part(z.get(), "word/document.xml", error);
  if (!error.empty()) {
    note(doc, Status::kFailed, "Word document not read: " + error);
    return;
  }
  if (xml.size() > static_cast<size_t>(INT32_MAX)) {
    note(doc, Status::kFailed, "Word document not read: document.xml too large");
    return;
  }
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> tree(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE),
      xmlFreeDoc);
  const xmlNode* root = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (!root) {
    note(doc, Status::kFailed, "Word document not read: word/document.xml is not well-formed XML");
    return;
  }
  std::string text;
  block_text(root, text, 0);
  // A page at each explicit page break; blank pages are not kept.
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find('\f', start), text.size());
    const std::string_view piece = text::trim(std::string_view(text).substr(start, end - start));
    if (!piece.empty()) {
      Page page;
      page.number = static_cast<int>(doc.pages.size()) + 1;
      page.text = piece;
      doc.pages.push_back(std::move(page));
    }
    start = end + 1;
  }
  if (doc.pages.empty()) {
    doc.pages.emplace_back();
    doc.pages.back().has_text = false;
    doc.pages_without_text = 1;
    note(doc, Status::kPartial, "no text in the Word document");
  }
  doc.page_count = static_cast<int>(doc.pages.size());
}

}  // namespace policydb::ingest::detail
