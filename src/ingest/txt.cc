// Plain-text files: detect the encoding, decode to UTF-8, unify line ends and
// split pages at form feeds.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "ingest/formats.h"
#include "unicode/unicode.h"

namespace policydb::ingest::detail {

// Binary data (an image, an archive, random bytes) decodes to "text" in
// some charset: GB18030 maps almost any byte pair. What gives it away is
// the share of characters no text file holds: control codes other than
// white space, undecodable sequences and private-use characters. Real
// notices, even damaged ones, stay far below 10 %.
int junk_percent(const std::string& u) {
  size_t chars = 0, junk = 0;
  for (size_t pos = 0; pos < u.size();) {
    // Most characters are printable ASCII or a three-byte character in
    // U+1000–U+CFFF (all of CJK): never junk, counted without decoding.
    const auto b = static_cast<unsigned char>(u[pos]);
    if (b >= 0x20 && b < 0x7F) {
      ++chars;
      ++pos;
      continue;
    }
    if (b >= 0xE1 && b <= 0xEC && pos + 2 < u.size() && (static_cast<unsigned char>(u[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(u[pos + 2]) & 0xC0) == 0x80) {
      ++chars;
      pos += 3;
      continue;
    }
    const char32_t cp = text::decode(u, pos);
    ++chars;
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' &&
                          cp != '\v') ||
                         (cp >= 0x7F && cp < 0xA0);
    junk += control || cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF);
  }
  if (chars >= 16 && junk * 10 > chars) return static_cast<int>(junk * 100 / chars);
  return -1;
}

namespace {

// A run at every line start: outside UTF-8 a character's length in the file
// differs from its length in the text, so only run starts map exactly.
void add_line_starts(Page& page) {
  std::vector<SourceRun> lines;
  size_t r = 0;
  for (size_t k = 0; k <= page.text.size(); ++k) {
    if (k > 0 && page.text[k - 1] != '\n') continue;
    while (r + 1 < page.sources.size() && page.sources[r + 1].text <= k) lines.push_back(page.sources[r++]);
    const SourceRun& at = page.sources[r];
    if (at.text == k) continue;
    lines.push_back({k, at.source + (k - at.text)});
  }
  for (; r < page.sources.size(); ++r) lines.push_back(page.sources[r]);
  std::stable_sort(lines.begin(), lines.end(),
                   [](const SourceRun& a, const SourceRun& b) { return a.text < b.text; });
  page.sources = std::move(lines);
}

// Page::sources from offsets in the decoded text to offsets in the file.
void map_sources(const std::string& bytes, const unicode::Decoded& decoded, std::vector<Page>& pages) {
  const bool utf8 = decoded.encoding.starts_with("UTF-8");
  const std::string charset = utf8 ? "UTF-8" : decoded.encoding;
  const auto starts = [&](std::string_view b) { return bytes.compare(0, b.size(), b) == 0; };
  size_t bom = 0;
  if (decoded.encoding == "UTF-8-BOM") bom = 3;
  else if (charset.starts_with("UTF-16") && (starts("\xFF\xFE") || starts("\xFE\xFF"))) bom = 2;
  // One walk through the file for all pages.
  std::vector<SourceRun> all;
  for (Page& page : pages) {
    if (page.sources.empty()) continue;
    if (!utf8 || decoded.invalid_sequences > 0) add_line_starts(page);
    all.insert(all.end(), page.sources.begin(), page.sources.end());
  }
  all = map_to_file(decoded.utf8, charset, bom, bytes, std::move(all));
  size_t next = 0;
  for (Page& page : pages)
    for (SourceRun& run : page.sources) run.source = all[next++].source;
}

}  // namespace

void read_text(const std::string& bytes, RawDocument& doc) {
  unicode::Decoded decoded = unicode::decode_text(bytes);
  doc.encoding = decoded.encoding;
  doc.invalid_sequences = decoded.invalid_sequences;

  if (const int junk = junk_percent(decoded.utf8); junk >= 0) {
    note(doc, Status::kFailed,
         "not a text file: " + std::to_string(junk) +
             "% of its characters are control codes or undecodable bytes (binary data?)");
    return;
  }

  // One pass: CRLF and CR become LF; NUL (never text, and a terminator for C
  // APIs downstream) becomes U+FFFD and is counted; form feeds split pages.
  // Page::sources, in offsets of the decoded text until map_sources():
  // a run at each page start and after each rewritten byte.
  size_t nuls = 0;
  std::string current;
  current.reserve(decoded.utf8.size());
  std::vector<SourceRun> runs = {{0, 0}};
  const std::string& s = decoded.utf8;
  auto flush_page = [&](size_t next) {
    Page page;
    page.number = static_cast<int>(doc.pages.size()) + 1;
    page.text = std::move(current);
    page.sources = std::move(runs);
    current.clear();
    runs = {{0, next}};
    doc.pages.push_back(std::move(page));
  };
  for (size_t i = 0; i < s.size(); ++i) {
    // Copy the run up to the next byte that needs handling in one append.
    size_t j = i;
    while (j < s.size() && s[j] != '\r' && s[j] != '\0' && s[j] != '\f') ++j;
    current.append(s, i, j - i);
    if (j == s.size()) break;
    i = j;
    const char c = s[i];
    if (c == '\r') {
      current.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      runs.push_back({current.size(), i + 1});
    } else if (c == '\0') {
      current.append("\xEF\xBF\xBD");
      ++nuls;
      runs.push_back({current.size(), i + 1});
    } else {
      flush_page(i + 1);
    }
  }
  flush_page(s.size());
  // A trailing form feed does not start a real page.
  if (doc.pages.size() > 1 && doc.pages.back().text.find_first_not_of(" \t\n") == std::string::npos)
    doc.pages.pop_back();
  for (Page& page : doc.pages) {
    page.has_text = page.text.find_first_not_of(" \t\n") != std::string::npos;
    doc.pages_without_text += !page.has_text;
    if (!page.has_text) page.text.clear(), page.sources.clear();
  }
  map_sources(bytes, decoded, doc.pages);

  doc.page_count = static_cast<int>(doc.pages.size());
  doc.invalid_sequences += nuls;
  // Replacements do not make a document partial (the text is all there), so
  // they are counted in the record and told to people through the log.
  if (decoded.invalid_sequences > 0)
    spdlog::warn("{}: {} invalid {} sequences replaced by U+FFFD", doc.path,
                 decoded.invalid_sequences, decoded.encoding);
  if (nuls > 0) spdlog::warn("{}: {} NUL bytes replaced by U+FFFD", doc.path, nuls);
  bool any_text = false;
  for (const Page& page : doc.pages) any_text |= page.has_text;
  if (!any_text) note(doc, Status::kPartial, "no text (only white space)");
}

}  // namespace policydb::ingest::detail
