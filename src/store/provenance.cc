// Provenance maps: written as compact JSON arrays with the document, read
// back by `policydb show --record`.
#include "store/provenance.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace policydb::store::provenance {
namespace {

void append_array(std::string& out, std::initializer_list<size_t> values) {
  out += out.size() > 1 ? ",[" : "[";
  bool first = true;
  for (size_t v : values) {
    if (!first) out += ',';
    first = false;
    out += std::to_string(v);
  }
  out += ']';
}

FileOffsets file_offsets_of(const ingest::RawDocument& raw) {
  const bool utf8 = raw.encoding.starts_with("UTF-8");
  if (raw.format == ingest::Format::kText)
    return utf8 && raw.invalid_sequences == 0 ? FileOffsets::kExact : FileOffsets::kRunStart;
  if (raw.format == ingest::Format::kHtml)
    return utf8 ? FileOffsets::kAtOrBefore : FileOffsets::kRunStart;
  return FileOffsets::kNone;
}

// Index of the last element whose key is <= x (0 if none).
template <class T, class Key>
size_t last_at_or_before(const std::vector<T>& v, size_t lo, size_t hi, size_t x, Key key) {
  size_t found = lo;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (key(v[mid]) <= x) found = mid, lo = mid + 1;
    else hi = mid;
  }
  return found;
}

struct PagePos {
  int page = 1;
  size_t offset = 0;
};

// Normalised offset → page text offset; `end`: `x` is an exclusive end.
PagePos page_pos(const std::vector<normalize::Piece>& pieces, size_t x, bool end) {
  if (pieces.empty()) return {1, x};
  const size_t probe = end && x > 0 ? x - 1 : x;
  const auto& p =
      pieces[last_at_or_before(pieces, 0, pieces.size(), probe, [](const auto& q) { return q.begin; })];
  if (probe < p.begin) return {p.page, p.source};
  if (probe >= p.begin + p.length) return {p.page, p.source + p.source_length};  // inserted byte
  const bool linear = p.length == p.source_length;
  if (!end) return {p.page, linear ? p.source + (x - p.begin) : p.source};
  return {p.page, linear ? p.source + (x - p.begin) : p.source + p.source_length};
}

// Page text offset → file offset.
std::optional<size_t> file_pos(const SourceMap& map, PagePos at, bool end) {
  const auto& runs = map.file_runs;
  const auto first = std::lower_bound(runs.begin(), runs.end(), at.page,
                                      [](const FileRun& r, int page) { return r.page < page; });
  const auto last = std::upper_bound(first, runs.end(), at.page,
                                     [](int page, const FileRun& r) { return page < r.page; });
  if (first == last || map.file_offsets == FileOffsets::kNone) return std::nullopt;
  const size_t lo = size_t(first - runs.begin()), hi = size_t(last - runs.begin());
  const size_t probe = end && at.offset > 0 ? at.offset - 1 : at.offset;
  const size_t i = last_at_or_before(runs, lo, hi, probe, [](const FileRun& r) { return r.text; });
  const FileRun& r = runs[i];
  const size_t into = at.offset > r.text ? at.offset - r.text : 0;
  const size_t next = i + 1 < runs.size() ? std::max(runs[i + 1].source, r.source) : map.file_size;
  switch (map.file_offsets) {
    case FileOffsets::kExact:
      return r.source + into;
    case FileOffsets::kAtOrBefore:
      return end ? next : std::min(r.source + into, next);
    case FileOffsets::kRunStart:
      return end ? next : r.source;
    case FileOffsets::kNone:
      break;
  }
  return std::nullopt;
}

}  // namespace

const char* name(FileOffsets f) {
  switch (f) {
    case FileOffsets::kExact:
      return "exact";
    case FileOffsets::kAtOrBefore:
      return "at_or_before";
    case FileOffsets::kRunStart:
      return "run_start";
    case FileOffsets::kNone:
      break;
  }
  return "";
}

FileOffsets parse_file_offsets(const std::string& s) {
  for (FileOffsets f : {FileOffsets::kExact, FileOffsets::kAtOrBefore, FileOffsets::kRunStart})
    if (s == name(f)) return f;
  return FileOffsets::kNone;
}

Stored encode(const ingest::RawDocument& raw, const normalize::NormalizedText& text) {
  Stored out;
  out.pieces.push_back('[');  // not `= "["`: GCC 12 -O3 -Wrestrict false positive (PR 105329)
  for (const auto& p : text.pieces)
    append_array(out.pieces, {p.begin, p.length, static_cast<size_t>(p.page), p.source, p.source_length});
  out.pieces += ']';
  out.file_offsets = file_offsets_of(raw);
  if (out.file_offsets == FileOffsets::kNone) return out;
  out.file_runs.push_back('[');
  for (const auto& page : raw.pages)
    for (const auto& r : page.sources)
      append_array(out.file_runs, {static_cast<size_t>(page.number), r.text, r.source});
  out.file_runs += ']';
  return out;
}

std::optional<SourceMap> decode(const std::string& pieces, const std::string& file_runs,
                                FileOffsets file_offsets, size_t file_size) {
  SourceMap map;
  map.file_offsets = file_offsets;
  map.file_size = file_size;
  const auto p = nlohmann::json::parse(pieces, nullptr, false);
  if (!p.is_array()) return std::nullopt;
  for (const auto& a : p) {
    if (!a.is_array() || a.size() != 5) return std::nullopt;
    map.pieces.push_back({a[0].get<size_t>(), a[1].get<size_t>(), a[2].get<int>(), a[3].get<size_t>(),
                          a[4].get<size_t>()});
  }
  if (file_runs.empty()) {
    map.file_offsets = FileOffsets::kNone;
    return map;
  }
  const auto r = nlohmann::json::parse(file_runs, nullptr, false);
  if (!r.is_array()) return std::nullopt;
  for (const auto& a : r) {
    if (!a.is_array() || a.size() != 3) return std::nullopt;
    map.file_runs.push_back({a[0].get<int>(), a[1].get<size_t>(), a[2].get<size_t>()});
  }
  std::stable_sort(map.file_runs.begin(), map.file_runs.end(), [](const FileRun& x, const FileRun& y) {
    return x.page != y.page ? x.page < y.page : x.text < y.text;
  });
  return map;
}

Span locate(const SourceMap& map, size_t begin, size_t end) {
  end = std::max(begin, end);
  const PagePos b = page_pos(map.pieces, begin, false);
  const PagePos e = end > begin ? page_pos(map.pieces, end, true) : b;
  Span span;
  span.page_first = b.page;
  span.page_last = std::max(b.page, e.page);
  span.page_begin = b.offset;
  span.page_end = e.offset;
  span.file_begin = file_pos(map, b, false);
  span.file_end = file_pos(map, e, true);
  if (!span.file_begin || !span.file_end) span.file_begin.reset(), span.file_end.reset();
  else if (*span.file_end < *span.file_begin) span.file_end = span.file_begin;
  return span;
}

}  // namespace policydb::store::provenance
