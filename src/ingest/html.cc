// HTML pages through libxml2's HTML parser: the only file that includes
// libxml2's HTML API. The page is decoded to UTF-8 here (BOM, then the
// charset the page declares, then the detection TXT files get), parsed into a
// tree (tag soup, unclosed tags and entities are the parser's job), and the
// article is written out as lines: block elements and <br> end lines, inline
// elements do not, a data table's rows become lines of '\t'-joined cells as
// PDF tables do (pdf_tables.h). Scripts, styles, hidden elements and
// navigation chrome are dropped; the article is the element holding most of
// the page's Chinese text that is not link text (menus and link lists are
// links). <title> and <meta name=… content=…> go to RawDocument::meta.
//
// Provenance: every text node records the offset in the parser's input where
// its text begins; page text from that point on maps to the corresponding
// byte of the file (Page::source), exactly for UTF-8, GB18030 and UTF-16
// input without damaged sequences.
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/text.h"
#include "ingest/formats.h"
#include "unicode/unicode.h"

namespace policydb::ingest::detail {
namespace {

// ---- structure of HTML (not domain vocabulary) ----------------------------

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is never page text.
bool never_text(std::string_view tag) {
  return is_one_of(tag, {"script", "style", "noscript", "template", "head", "iframe", "object",
                         "embed", "svg", "math", "select", "option", "button", "input",
                         "textarea", "map", "canvas", "audio", "video"});
}

// Navigation chrome by element: site menus, page headers and footers, side boxes.
bool chrome_element(std::string_view tag) {
  return is_one_of(tag, {"nav", "header", "footer", "aside", "menu"});
}

// Navigation chrome by class or id: the words sites use for menus, footers,
// breadcrumbs ("您的位置：首页 > …"), share bars and side columns.
bool chrome_name(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"nav", "menu", "footer", "breadcrumb", "crumb", "sidebar", "share",
                                "toolbar", "topbar", "copyright"})
    if (name.find(word) != std::string::npos) return true;
  return false;
}

// Elements that start and end a line of text.
bool block_element(std::string_view tag) {
  return is_one_of(tag, {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
                         "h4", "h5", "h6", "table", "tr", "td", "th", "tbody", "thead", "tfoot",
                         "caption", "section", "article", "main", "blockquote", "pre", "hr",
                         "center", "form", "address", "figure", "figcaption", "fieldset",
                         "legend", "details", "summary", "body", "html", "title"});
}

std::string_view tag_of(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_attr(const xmlNode* n, const char* name) {
  return xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

// hidden, aria-hidden="true", style="display:none" / "visibility:hidden".
bool hidden(const xmlNode* n) {
  if (has_attr(n, "hidden")) return true;
  if (attr(n, "aria-hidden") == "true") return true;
  std::string style;
  for (char c : attr(n, "style"))
    if (!std::isspace(static_cast<unsigned char>(c)))
      style.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Elements whose text is not part of the article.
bool dropped(const xmlNode* n) {
  const std::string_view tag = tag_of(n);
  return never_text(tag) || chrome_element(tag) || hidden(n) || chrome_name(attr(n, "class")) ||
         chrome_name(attr(n, "id"));
}

// Nesting deeper than this is not followed (tag soup of unclosed elements
// can nest without end; the walk below is recursive).
constexpr int kMaxDepth = 600;

// ---- parsing ----------------------------------------------------------------

// Text nodes remember where in the input their text began: the parser's
// position after the previous event (tag or text chunk), +1 so that 0 means
// "unknown", kept in the node's _private field.
struct ParseState {
  long last = 0;
};

long position(htmlParserCtxtPtr ctxt) {
  const long p = xmlByteConsumed(ctxt);
  return p < 0 ? 0 : p;
}

void on_start(void* ctx, const xmlChar* name, const xmlChar** attrs) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  xmlSAX2StartElement(ctx, name, attrs);
  // The parser reports a start tag before it consumes its '>'.
  const bool at_close = ctxt->input && ctxt->input->cur && *ctxt->input->cur == '>';
  static_cast<ParseState*>(ctxt->_private)->last = position(ctxt) + (at_close ? 1 : 0);
}

void on_end(void* ctx, const xmlChar* name) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  xmlSAX2EndElement(ctx, name);
  static_cast<ParseState*>(ctxt->_private)->last = position(ctxt);
}

void on_text(void* ctx, const xmlChar* ch, int len) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(ctxt->_private);
  xmlNodePtr parent = ctxt->node;
  xmlNodePtr before = parent ? parent->last : nullptr;
  xmlSAX2Characters(ctx, ch, len);
  if (parent && parent->last && parent->last != before && parent->last->type == XML_TEXT_NODE)
    parent->last->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(state->last) + 1);
  state->last = position(ctxt);
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

DocPtr parse(const std::string& utf8) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8.data(), static_cast<int>(utf8.size()));
  if (!ctxt) return nullptr;
  // The text is UTF-8 already: a <meta charset> must not switch decoders.
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->startElement = on_start;
  ctxt->sax->endElement = on_end;
  ctxt->sax->characters = on_text;
  ctxt->sax->cdataBlock = on_text;
  htmlParseDocument(ctxt);
  DocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  htmlFreeParserCtxt(ctxt);
  return doc;
}

// ---- the article: the element with most non-link Chinese text ------------

size_t cjk_chars(const xmlChar* s) {
  if (!s) return 0;
  const std::string_view v(reinterpret_cast<const char*>(s));
  size_t n = 0;
  for (size_t pos = 0; pos < v.size();) n += text::is_cjk(text::decode(v, pos));
  return n;
}

// Chinese characters of each element outside dropped elements and links.
using Weights = std::unordered_map<const xmlNode*, size_t>;

size_t weigh(const xmlNode* n, bool in_link, int depth, Weights& w) {
  if (depth > kMaxDepth) return 0;
  size_t total = 0;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (!in_link) total += cjk_chars(c->content);
    } else if (c->type == XML_ELEMENT_NODE && !dropped(c)) {
      total += weigh(c, in_link || tag_of(c) == "a", depth + 1, w);
    }
  }
  w[n] = total;
  return total;
}

// From the body down, while one child holds most of the text, that child.
const xmlNode* article(const xmlNode* body) {
  Weights w;
  weigh(body, false, 0, w);
  const xmlNode* n = body;
  for (;;) {
    const xmlNode* best = nullptr;
    for (const xmlNode* c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && w.count(c) && (!best || w[c] > w[best])) best = c;
    if (!best || w[n] == 0 || w[best] * 10 < w[n] * 8) return n;
    n = best;
  }
}

// ---- writing the text ------------------------------------------------------

// Page text being written, with where each text node's text came from.
struct Writer {
  std::string out;
  std::vector<SourceRun> runs;  // source offsets in the parser's input
  bool space = false;           // white space seen, not yet written
  bool pre = false;             // inside <pre>: white space as is

  void line_break() {
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
    space = false;
  }

  // `source`: where `s` begins in the parser's input, +1 (0: unknown). The
  // run starts at the first character written.
  void text(std::string_view s, size_t source) {
    for (size_t pos = 0; pos < s.size();) {
      const size_t start = pos;
      const char32_t cp = text::decode(s, pos);
      const bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
                      cp == 0xA0 || cp == 0x200B || cp == 0xFEFF;
      if (pre && cp == '\n') {
        out.push_back('\n');
        continue;
      }
      if (ws) {
        space = true;
        continue;
      }
      if (space && !out.empty() && out.back() != '\n' && out.back() != '\t') {
        if (!wide_char(text::last_char(out)) || !wide_char(cp)) out.push_back(' ');
      }
      space = false;
      if (source > 0) {
        if (!runs.empty() && runs.back().text == out.size()) runs.pop_back();
        runs.push_back({out.size(), source - 1});
        source = 0;
      }
      out.append(s.substr(start, pos - start));
    }
  }
};

void write_node(const xmlNode* n, Writer& w, int depth);

void write_children(const xmlNode* n, Writer& w, int depth) {
  for (const xmlNode* c = n->children; c; c = c->next) write_node(c, w, depth + 1);
}

// The rows of a table (through thead/tbody/tfoot, not into nested tables).
void table_rows(const xmlNode* n, std::vector<const xmlNode*>& rows) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || dropped(c)) continue;
    const std::string_view tag = tag_of(c);
    if (tag == "tr") rows.push_back(c);
    else if (tag == "tbody" || tag == "thead" || tag == "tfoot") table_rows(c, rows);
  }
}

std::vector<const xmlNode*> row_cells(const xmlNode* tr) {
  std::vector<const xmlNode*> cells;
  for (const xmlNode* c = tr->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (tag_of(c) == "td" || tag_of(c) == "th") && !dropped(c))
      cells.push_back(c);
  return cells;
}

bool contains_table(const xmlNode* n, int depth) {
  if (depth > kMaxDepth) return false;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (tag_of(c) == "table" || contains_table(c, depth + 1)))
      return true;
  return false;
}

int span(const xmlNode* cell, const char* name) {
  const std::string v = attr(cell, name);
  const int k = v.empty() ? 1 : std::atoi(v.c_str());
  return std::clamp(k, 1, 64);
}

// One cell's text on one line: its own lines joined as wrapped PDF cell lines
// are (no space inside Chinese, one between Latin words). `source` is where
// its first text came from (0: unknown).
std::string cell_text(const xmlNode* cell, int depth, size_t& source) {
  Writer w;
  write_children(cell, w, depth);
  source = w.runs.empty() ? 0 : w.runs.front().source + 1;
  return one_line(w.out);
}

// A data table: each row one line of cells joined by '\t', with empty cells
// where a cell spans rows or columns (as PDF tables give them). A table used
// for layout (one column, or holding other tables) is written as blocks.
void write_table(const xmlNode* table, Writer& w, int depth) {
  std::vector<const xmlNode*> rows;
  table_rows(table, rows);
  size_t wide_rows = 0;
  for (const xmlNode* r : rows) wide_rows += row_cells(r).size() >= 2;
  if (wide_rows == 0 || contains_table(table, depth)) {
    w.line_break();
    write_children(table, w, depth);
    w.line_break();
    return;
  }
  std::vector<int> pending;  // per column: rows still covered by a rowspan above
  for (const xmlNode* r : rows) {
    std::vector<std::string> line;
    size_t source = 0;
    size_t col = 0;
    auto skip_spanned = [&] {
      while (col < pending.size() && pending[col] > 0) {
        --pending[col++];
        line.emplace_back();
      }
    };
    for (const xmlNode* cell : row_cells(r)) {
      skip_spanned();
      size_t cell_source = 0;
      line.push_back(cell_text(cell, depth + 2, cell_source));
      if (!source) source = cell_source;
      const int rs = span(cell, "rowspan"), cs = span(cell, "colspan");
      for (int k = 0; k < cs; ++k, ++col) {
        if (pending.size() <= col) pending.resize(col + 1, 0);
        pending[col] = rs - 1;
        if (k > 0) line.emplace_back();
      }
    }
    skip_spanned();
    while (!line.empty() && line.back().empty()) line.pop_back();
    if (line.empty()) continue;
    w.line_break();
    if (source) w.runs.push_back({w.out.size(), source - 1});
    for (size_t i = 0; i < line.size(); ++i) {
      if (i) w.out.push_back('\t');
      w.out += line[i];
    }
    w.line_break();
  }
}

void write_node(const xmlNode* n, Writer& w, int depth) {
  if (depth > kMaxDepth) return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content)
      w.text(reinterpret_cast<const char*>(n->content), reinterpret_cast<uintptr_t>(n->_private));
    return;
  }
  if (n->type != XML_ELEMENT_NODE || dropped(n)) return;
  const std::string_view tag = tag_of(n);
  if (tag == "table") return write_table(n, w, depth);
  const bool block = block_element(tag);
  if (block) w.line_break();
  const bool was_pre = w.pre;
  w.pre = w.pre || tag == "pre";
  write_children(n, w, depth);
  w.pre = was_pre;
  if (block) w.line_break();
}

// ---- metadata: <title> and <meta name=… content=…> -------------------------

void collect_meta(const xmlNode* n, RawDocument& doc, int depth) {
  if (depth > 8 || doc.meta.size() >= 64) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view tag = tag_of(c);
    if (tag == "title") {
      xmlChar* t = xmlNodeGetContent(c);
      Writer w;
      if (t) w.text(reinterpret_cast<const char*>(t), 0);
      xmlFree(t);
      if (!w.out.empty()) doc.meta.emplace_back("title", w.out.substr(0, 2000));
    } else if (tag == "meta") {
      std::string name = attr(c, "name");
      if (name.empty()) name = attr(c, "property");
      const std::string content = attr(c, "content");
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (!name.empty() && !content.empty()) {
        Writer w;
        w.text(content, 0);
        doc.meta.emplace_back(name, w.out.substr(0, 2000));
      }
    } else if (tag != "body") {
      collect_meta(c, doc, depth + 1);
    }
  }
}

const xmlNode* find_element(const xmlNode* n, std::string_view tag, int depth) {
  if (depth > 4) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (tag_of(c) == tag) return c;
    if (const xmlNode* f = find_element(c, tag, depth + 1)) return f;
  }
  return nullptr;
}

}  // namespace

void read_html(const std::string& bytes, RawDocument& doc) {
  HtmlText decoded = decode_html(bytes);
  doc.encoding = decoded.encoding;
  doc.invalid_sequences = decoded.invalid_sequences;
  doc.page_count = 1;
  if (const int junk = junk_percent(decoded.utf8); junk >= 0) {
    note(doc, Status::kFailed,
         "not an HTML page: it starts with markup but " + std::to_string(junk) +
             "% of its characters are control codes or undecodable bytes (binary data?)");
    return;
  }
  if (decoded.utf8.size() > static_cast<size_t>(INT32_MAX)) {
    note(doc, Status::kFailed, "HTML page too large for the parser");
    return;
  }
  DocPtr tree = parse(decoded.utf8);
  const xmlNode* root = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (!root) {
    note(doc, Status::kFailed, "not a readable HTML page: the parser found no elements");
    return;
  }
  collect_meta(root, doc, 0);
  const xmlNode* body = find_element(root, "body", 0);
  Writer w;
  write_node(article(body ? body : root), w, 0);
  w.line_break();
  Page page;
  page.number = 1;
  page.text = std::move(w.out);
  while (!page.text.empty() && page.text.back() == '\n') page.text.pop_back();
  page.sources = map_to_file(decoded, bytes, std::move(w.runs));
  page.has_text = page.text.find_first_not_of(" \t\n") != std::string::npos;
  if (!page.has_text) {
    page.text.clear();
    page.sources.clear();
    doc.pages_without_text = 1;
    note(doc, Status::kPartial, "no text in the HTML page's body");
  }
  doc.pages.push_back(std::move(page));
}

}  // namespace policydb::ingest::detail
