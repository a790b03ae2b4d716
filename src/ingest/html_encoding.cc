// HTML before parsing: is it HTML, in which charset, and where in the file
// each byte of the decoded text came from. No libxml2 here (html.cc parses).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "common/text.h"
#include "ingest/formats.h"
#include "unicode/unicode.h"

namespace policydb::ingest::detail {
namespace {

bool starts_with_bytes(const std::string& s, std::initializer_list<unsigned char> prefix) {
  if (s.size() < prefix.size()) return false;
  size_t i = 0;
  for (unsigned char b : prefix)
    if (static_cast<unsigned char>(s[i++]) != b) return false;
  return true;
}

// The first `n` bytes as lower-case ASCII (UTF-16 read as its low bytes).
std::string ascii_head(const std::string& bytes, size_t n) {
  size_t start = 0, step = 1;
  if (starts_with_bytes(bytes, {0xFF, 0xFE})) start = 2, step = 2;
  else if (starts_with_bytes(bytes, {0xFE, 0xFF})) start = 3, step = 2;
  else if (starts_with_bytes(bytes, {0xEF, 0xBB, 0xBF})) start = 3;
  std::string head;
  for (size_t i = start; i < bytes.size() && head.size() < n; i += step)
    head.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(bytes[i]))));
  return head;
}

// Charset names pages declare, as ICU converters. GB2312 and GBK pages are
// read as GB18030, their superset (sites declare gb2312 and use GBK).
const char* converter_for(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "utf-8" || name == "utf8") return "UTF-8";
  if (name == "gb2312" || name == "gbk" || name == "gb18030" || name == "x-gbk" ||
      name == "cp936" || name == "euc-cn" || name == "hz-gb-2312")
    return "GB18030";
  if (name == "big5" || name == "big5-hkscs") return "Big5";
  if (name == "iso-8859-1" || name == "latin1" || name == "windows-1252" || name == "us-ascii")
    return "windows-1252";
  return nullptr;
}

// charset= inside a <meta> tag of the first 4 KB (<meta charset="gbk"> or
// <meta http-equiv="Content-Type" content="text/html; charset=gb2312">).
const char* declared_charset(const std::string& bytes) {
  const std::string head = ascii_head(bytes, 4096);
  for (size_t m = head.find("<meta"); m != std::string::npos; m = head.find("<meta", m + 5)) {
    const size_t end = std::min(head.find('>', m), head.size());
    const size_t c = head.find("charset", m);
    if (c == std::string::npos || c > end) continue;
    size_t i = c + 7;
    while (i < end && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\''))
      ++i;
    size_t j = i;
    while (j < end && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' ||
                       head[j] == '_'))
      ++j;
    if (const char* conv = converter_for(head.substr(i, j - i))) return conv;
  }
  return nullptr;
}

// Bytes of the character starting at bytes[f] in `charset`, for a code point
// that took `utf8_len` bytes in UTF-8.
size_t source_length(const std::string& charset, const std::string& bytes, size_t f,
                     size_t utf8_len) {
  const unsigned char b = static_cast<unsigned char>(bytes[f]);
  if (charset == "UTF-8") return utf8_len;
  if (charset == "UTF-16LE" || charset == "UTF-16BE") return utf8_len == 4 ? 4 : 2;
  if (charset == "windows-1252") return 1;
  if (b < 0x80) return 1;
  if (charset == "GB18030" && f + 1 < bytes.size()) {
    const unsigned char b2 = static_cast<unsigned char>(bytes[f + 1]);
    if (b2 >= 0x30 && b2 <= 0x39) return 4;
  }
  return 2;  // GB18030 and Big5 double-byte characters
}

}  // namespace

bool looks_like_html(const std::string& bytes) {
  const std::string head = ascii_head(bytes, 1024);
  size_t i = 0;
  for (;;) {
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
    if (head.compare(i, 4, "<!--") == 0) {
      const size_t e = head.find("-->", i);
      if (e == std::string::npos) return false;
      i = e + 3;
    } else if (head.compare(i, 5, "<?xml") == 0) {
      const size_t e = head.find("?>", i);
      if (e == std::string::npos) return false;
      i = e + 2;
    } else {
      break;
    }
  }
  if (i >= head.size() || head[i] != '<') return false;
  const std::string_view rest(head.data() + i, head.size() - i);
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
                               "<div", "<p>", "<p ", "<table", "<span", "<h1", "<center"})
    if (rest.substr(0, tag.size()) == tag) return true;
  return false;
}

HtmlText decode_html(const std::string& bytes) {
  HtmlText h;
  auto take = [&](unicode::Decoded d, const char* charset, size_t bom) {
    h.utf8 = std::move(d.utf8);
    h.encoding = d.encoding;
    h.charset = charset;
    h.bom = bom;
    h.invalid_sequences = d.invalid_sequences;
  };
  const std::string_view all(bytes);
  if (starts_with_bytes(bytes, {0xEF, 0xBB, 0xBF})) {
    unicode::Decoded d = unicode::decode_as(all.substr(3), "UTF-8");
    d.encoding = "UTF-8-BOM";
    take(std::move(d), "UTF-8", 3);
    return h;
  }
  if (starts_with_bytes(bytes, {0xFF, 0xFE})) {
    take(unicode::decode_as(all.substr(2), "UTF-16LE"), "UTF-16LE", 2);
    return h;
  }
  if (starts_with_bytes(bytes, {0xFE, 0xFF})) {
    take(unicode::decode_as(all.substr(2), "UTF-16BE"), "UTF-16BE", 2);
    return h;
  }
  unicode::Decoded detected = unicode::decode_text(all);
  // A declared charset is believed unless the bytes say otherwise (a page
  // saved as GBK still declaring utf-8): then detection, if it decodes
  // with fewer errors.
  if (const char* declared = declared_charset(bytes)) {
    unicode::Decoded d = unicode::decode_as(all, declared);
    if (d.invalid_sequences <= detected.invalid_sequences) {
      if (std::string(declared) == "GB18030") d.encoding = "GB18030";
      take(std::move(d), declared, 0);
      return h;
    }
  }
  const std::string charset = detected.encoding;
  take(std::move(detected), "", 0);
  h.charset = charset;
  return h;
}

std::vector<SourceRun> map_to_file(const HtmlText& t, const std::string& bytes,
                                   std::vector<SourceRun> runs) {
  return map_to_file(t.utf8, t.charset, t.bom, bytes, std::move(runs));
}

std::vector<SourceRun> map_to_file(const std::string& utf8, const std::string& charset, size_t bom,
                                   const std::string& bytes, std::vector<SourceRun> runs) {
  // Runs come in document order; sources ascend except where tables reorder
  // nothing — sort defensively by source, map in one walk, restore order.
  std::vector<size_t> order(runs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return runs[a].source < runs[b].source; });
  size_t u = 0, f = bom;
  for (size_t k : order) {
    const size_t target = std::min(runs[k].source, utf8.size());
    while (u < target && f < bytes.size()) {
      size_t next = u;
      text::decode(utf8, next);
      f += source_length(charset, bytes, f, next - u);
      u = next;
    }
    runs[k].source = std::min(f, bytes.size());
  }
  return runs;
}

}  // namespace policydb::ingest::detail
