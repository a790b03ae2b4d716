// Where responsibility notes are: the note closing a line (family
// note_marker) and every note of a span — bracketed groups (the note
// brackets of rules/brackets.toml, scanned byte by byte for their lead
// bytes) and label lines (责任单位：…).
#include "notes/notes.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/text.h"
#include "notes/brackets.h"
#include "rules/rules.h"

namespace policydb::notes {
namespace {

// Longest note read as one: a bracket left open longer than this is cut at
// its line's end.
constexpr size_t kMaxNoteBytes = 1200;

// next(): the first offset in [pos, e) whose byte is a note bracket's
// first byte (`(`, `)` and the lead bytes of （）［］〔〕【】); e if none.
// Bytes skipped are never where text::decode starts a character that is a
// bracket (a lead byte is never consumed as another character's
// continuation), so scanning from the result visits the same brackets as
// decoding every character.
class LeadScan {
 public:
  explicit LeadScan(const Brackets& b) : is_lead_(b.is_note_lead) {
    for (char c : b.note_lead_bytes)
      if (n_ < words_.size()) words_[n_++] = kOnes * static_cast<unsigned char>(c);
    swar_ = b.note_lead_bytes.size() <= words_.size();
  }

  size_t next(std::string_view t, size_t pos, size_t e) const {
    // Eight bytes at a time while none of them is a lead (most of a CJK
    // text): a byte equal to b leaves a zero byte in word ^ (b * ones).
    for (; swar_ && pos + 8 <= e; pos += 8) {
      uint64_t w;
      std::memcpy(&w, t.data() + pos, 8);
      if (any_lead(w)) break;
    }
    for (; pos < e; ++pos)
      if (is_lead_[static_cast<unsigned char>(t[pos])]) return pos;
    return e;
  }

 private:
  static constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  bool any_lead(uint64_t w) const {
    for (size_t i = 0; i < n_; ++i) {
      const uint64_t v = w ^ words_[i];
      if (((v - kOnes) & ~v & kHigh) != 0) return true;
    }
    return false;
  }
  const std::array<bool, 256>& is_lead_;
  std::array<uint64_t, 8> words_{};
  size_t n_ = 0;
  bool swar_ = true;
};

}  // namespace

// Every note_marker rule ends at the end of the text (`\s*$`: a note closes
// its line; NoteLines.EveryMarkerEndsTheLine checks it). So the line is
// read back from its end (match_suffix, any_suffix), never searched from
// its start.
std::optional<Note> closing_note(std::string_view line, const rules::RuleSet& rules) {
  const auto found = rules.match_suffix("note_marker", line);
  if (!found) return std::nullopt;
  const rules::Match& m = *found;
  std::string_view note = m.has("note") ? m.group("note", line) : line.substr(m.begin, m.end - m.begin);
  Note n;
  n.begin = static_cast<size_t>(note.data() - line.data());
  n.end = n.begin + note.size();
  n.whole_begin = m.begin;
  n.whole_end = m.end;
  return n;
}

bool closes_with_note(std::string_view line, const rules::RuleSet& rules) {
  return rules.any_suffix("note_marker", line);
}

bool is_note_line(std::string_view line, const rules::RuleSet& rules) {
  return rules.any_prefix("note_marker", line);
}

std::vector<Note> find_notes(std::string_view t, size_t b, size_t e,
                             const std::vector<std::pair<size_t, size_t>>& holes,
                             const rules::RuleSet& rules) {
  std::vector<Note> out;
  auto in_hole = [&](size_t at) {
    for (const auto& [hb, he] : holes)
      if (hb <= at && at < he) return true;
    return false;
  };
  std::vector<std::pair<size_t, size_t>> groups;
  const auto marks = brackets(rules);
  const LeadScan leads(*marks);
  size_t pos = b;
  while ((pos = leads.next(t, pos, e)) < e) {
    size_t at = pos;
    char32_t cp = text::decode(t, pos);
    if (!marks->opens_note(cp) || in_hole(at)) continue;
    size_t inner = pos, q = pos, close = std::string::npos, close_end = 0;
    int depth = 1;
    while ((q = leads.next(t, q, e)) < e && q - inner <= kMaxNoteBytes) {
      size_t cq = q;
      char32_t c2 = text::decode(t, q);
      if (marks->opens_note(c2)) ++depth;
      if (marks->closes_note(c2) && --depth == 0) {
        close = cq;
        close_end = q;
        break;
      }
    }
    Note n;
    n.begin = inner;
    n.whole_begin = at;
    if (close != std::string::npos) {
      n.end = close;
      n.whole_end = close_end;
    } else {
      // A note left open (its closing bracket lost): up to the line's end.
      size_t nl = t.find('\n', inner);
      n.end = std::min(nl == std::string_view::npos ? e : nl, e);
      n.whole_end = n.end;
    }
    groups.emplace_back(n.whole_begin, n.whole_end);
    out.push_back(std::move(n));
    pos = std::max(pos, out.back().whole_end);
  }
  // Label lines outside brackets: 责任单位：… to the end of the line or sentence.
  std::string_view span(t.data() + b, e - b);
  for (const auto& m : rules.find_all("note_label", span)) {
    size_t at = b + m.begin;
    if (m.attr("role") == "stop" || in_hole(at)) continue;
    bool inside = false;
    for (const auto& [gb, ge] : groups) inside |= (gb <= at && at < ge);
    if (inside) continue;
    // Both searches stay near [at, e): from every label to the end of the
    // whole text they made long documents quadratic. A 。 counts when it
    // starts before `end` (the window reaches two bytes past it for that).
    size_t end = std::string_view(t.data() + at, e - at).find('\n');
    end = end == std::string_view::npos ? e : at + end;
    const size_t window = std::min(end + 2, t.size()) - at;
    size_t stop = std::string_view(t.data() + at, window).find("。");
    if (stop != std::string_view::npos && at + stop < end) end = at + stop;
    // Later labels on the same line belong to this note; skip them.
    bool covered = false;
    for (const auto& n : out) covered |= (n.copy.empty() && n.begin <= at && at < n.end && n.whole_begin == n.begin);
    if (covered) continue;
    Note n;
    n.begin = n.whole_begin = at;
    n.end = n.whole_end = end;
    out.push_back(std::move(n));
  }
  std::sort(out.begin(), out.end(),
            [](const Note& x, const Note& y) { return x.begin < y.begin; });
  return out;
}

}  // namespace policydb::notes
