// Breaks a flattened line before its inline numbering and around the
// signature and title of a cover letter. Which text is a heading, an issuer,
// a date or a title is decided by rule families; this file only knows the
// order of the numbering cascade and which characters close a sentence.
#include "normalize/inline_breaks.h"

#include <algorithm>

#include "common/numerals.h"
#include "common/text.h"
#include "notes/notes.h"
#include "rules/rules.h"

namespace policydb::normalize {

namespace {

// The 公文 cascade, outermost first: 第一章 → 第一节 → 第一条 → 一、 → （一）
// → 1. → （1） → ①. Boxes and attachments are not numbered in this order.
int rank_of(std::string_view kind) {
  static constexpr std::string_view kCascade[] = {"chapter", "division", "article", "part",
                                                  "section", "item",     "subitem", "point"};
  for (size_t i = 0; i < std::size(kCascade); ++i)
    if (kCascade[i] == kind) return static_cast<int>(i);
  return -1;
}

// A sentence, clause or note ends here: inline numbering may follow.
bool closes(char32_t c) {
  return c == U'。' || c == U'；' || c == U'：' || c == U'〕' || c == U'）' || c == U'！' ||
         c == U'？' || c == U'”' || c == U'】' || c == U'…' || c == ';' || c == ':' || c == ')' ||
         c == '!' || c == '?';
}
// A sentence ends here: a signature may follow.
using text::ends_sentence;
// Punctuation no heading's title holds.
bool clause_punct(char32_t c) {
  return c == U'，' || c == ',' || c == U'。' || c == U'；' || c == ';' || c == U'：' || c == ':' ||
         c == U'！' || c == U'？';
}

// +1 for an opening bracket, -1 for a closing one.
int bracket_depth(char32_t c) {
  if (c == U'（' || c == '(' || c == U'〔' || c == U'【') return 1;
  if (c == U'）' || c == ')' || c == U'〕' || c == U'】') return -1;
  return 0;
}

// The code point ending before `at`, moving `at` to its start; 0 at the
// start of `s` (at == 0), where `at` stays.
char32_t prev_cp(std::string_view s, size_t& at) {
  if (at == 0 || at > s.size()) return 0;
  size_t b = at - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t i = b;
  const char32_t c = text::decode(s, i);
  at = b;
  return c;
}

// A heading's title runs into the next heading without punctuation
// (`一、总体要求（一）指导思想`) only when it is short.
constexpr size_t kTitleChars = 30;
// The longest responsibility note, in bytes.
constexpr size_t kNoteBytes = 1200;

std::string_view group_text(const rules::Match& m, std::string_view name, std::string_view s) {
  return m.group(name, s);
}

size_t group_end(const rules::Match& m, std::string_view name) {
  for (const rules::Group& g : m.groups)
    if (g.name == name) return g.end;
  return m.end;
}

}  // namespace

InlineBreaks::InlineBreaks(const rules::RuleSet& rules) : rules_(rules) {
  for (const rules::Entry& e : rules.table("heading_first"))
    if (auto it = e.lists.find("chars"); it != e.lists.end())
      for (const std::string& c : it->second) {
        size_t at = 0;
        if (!c.empty()) heading_first_.push_back(text::decode(c, at));
      }
  std::sort(heading_first_.begin(), heading_first_.end());
}

// Whether the character at `pos` is one a heading starts with. find() asks
// for a heading at every sentence end and at every character of a short
// heading title; most of those positions are settled here, without a Set
// pass.
bool InlineBreaks::may_start_heading(std::string_view line, size_t pos) const {
  if (heading_first_.empty()) return true;
  const char32_t c = text::decode(line, pos);
  return std::binary_search(heading_first_.begin(), heading_first_.end(), c);
}

InlineBreaks::Heading InlineBreaks::heading_at(std::string_view line, size_t pos, int below_rank) const {
  if (!may_start_heading(line, pos)) return {};
  const std::string_view rest = line.substr(pos);
  return heading_of(rules_.match_prefix("heading", rest), rest, pos, below_rank);
}

InlineBreaks::Heading InlineBreaks::heading_of(const std::optional<rules::Match>& m, std::string_view rest, size_t pos,
                                               int below_rank) const {
  if (!m) return {};
  const int rank = rank_of(m->attr("kind"));
  if (rank < 0 || rank <= below_rank) return {};
  const int num = text::numeral_value(text::trim(group_text(*m, "num", rest)));
  const auto it = counts_.find(std::string(m->attr("kind")));
  const Count count = it == counts_.end() ? Count{} : it->second;
  const bool in_sequence = num == count.last + 1 || (num == 1 && (count.last == 0 || count.restarted));
  if (num <= 0) return {};
  return Heading{pos + group_end(*m, "marker"), rank, in_sequence};
}

void InlineBreaks::restart_numbering() {
  for (auto& [kind, count] : counts_) count = Count{};
}

void InlineBreaks::record(std::string_view line, size_t pos) {
  const std::string_view rest = line.substr(pos);
  record(rules_.match_prefix("heading", rest), rest);
}

void InlineBreaks::record(const std::optional<rules::Match>& m, std::string_view rest) {
  if (!m) return;
  const std::string kind(m->attr("kind"));
  const int rank = rank_of(kind);
  const int num = text::numeral_value(text::trim(group_text(*m, "num", rest)));
  if (kind == "attachment") {  // an attachment numbers its own headings from the start
    restart_numbering();
    return;
  }
  if (rank < 0 || num <= 0) return;
  counts_[kind] = Count{num, false};
  for (auto& [k, c] : counts_)
    if (rank_of(k) > rank) c.restarted = true;
}

// An issuer and a date after the end of a sentence, and the title of the
// document the cover letter sends after them: breaks before the issuer,
// around the date and after the title. Returns where scanning resumes (0: no
// signature at `pos`).
size_t InlineBreaks::signature_at(std::string_view line, size_t pos, std::vector<size_t>& breaks) const {
  const std::string_view rest = line.substr(pos);
  const auto sig = rules_.match_prefix("inline_signature", rest);
  if (!sig) return 0;
  size_t date_begin = 0, date_end = 0;
  for (const rules::Group& g : sig->groups)
    if (g.name == "date") date_begin = g.begin, date_end = g.end;
  if (date_end == 0) return 0;
  breaks.push_back(pos);
  breaks.push_back(pos + date_begin);
  size_t resume = pos + date_end;
  if (resume >= line.size()) return resume;
  breaks.push_back(resume);
  const std::string_view after = line.substr(resume);
  size_t title = 0;
  if (const auto t = rules_.match_prefix("inline_title", after)) title = group_end(*t, "title");
  // Or the name the cover letter quoted (`现将《X》印发给你们`) when the text
  // after the date starts with it.
  for (size_t open = line.rfind("《", pos); title == 0 && open != std::string_view::npos;
       open = open == 0 ? std::string_view::npos : line.rfind("《", open - 1)) {
    const size_t name = open + std::string_view("《").size();
    const size_t close = line.find("》", name);
    if (close == std::string_view::npos || close > pos) continue;
    const std::string_view quoted = line.substr(name, close - name);
    if (text::length(quoted) >= 4 && after.starts_with(quoted)) title = quoted.size();
  }
  if (title > 0 && resume + title < line.size()) {
    resume += title;
    breaks.push_back(resume);
  }
  return resume;
}

// A responsibility note (notes::closes_with_note) in brackets after a full
// stop closes the paragraph just before `pos`, and text that could start a
// line follows: the paragraph ends. A bracket inside a sentence (`等（以下
// 统称承办单位）答复`) is a gloss, not a note.
bool InlineBreaks::ends_note(std::string_view line, size_t pos) const {
  if (pos == 0 || pos >= line.size()) return false;
  size_t next = pos;
  const char32_t c = text::decode(line, next);
  if (closes(c) || clause_punct(c) || c == U'、') return false;
  size_t at = pos;
  char32_t last = prev_cp(line, at);
  if (ends_sentence(last) || last == U'；') last = prev_cp(line, at);
  if (bracket_depth(last) >= 0) return false;
  // A note is short: look back for its opening bracket a bounded way.
  const size_t limit = at > kNoteBytes ? at - kNoteBytes : 0;
  for (int depth = -1; depth < 0 && at > limit;) depth += bracket_depth(prev_cp(line, at));
  if (at <= limit) return false;
  const char32_t before = prev_cp(line, at);
  return (ends_sentence(before) || before == U'；') &&
         notes::closes_with_note(line.substr(at, pos - at), rules_);
}

// The addressees opening a flattened cover letter (`各县（市、区）人民政府，…：`)
// stand on their own line: the end of the salutation, or 0.
size_t InlineBreaks::salutation_end(std::string_view line) const {
  constexpr std::string_view kColon = "：";
  const size_t colon = line.find(kColon);
  if (colon == std::string_view::npos || colon > 600) return 0;
  const size_t end = colon + kColon.size();
  if (end >= line.size()) return 0;
  // The match find_all would report at offset 0 is the anchored one
  // (priority, then length): match_prefix stops where it can.
  const std::string_view head = line.substr(0, end);
  const auto m = rules_.match_prefix("line_start", head);
  return m && m->end == head.size() && m->attr("kind") == "salutation" ? end : 0;
}

std::vector<size_t> InlineBreaks::find(std::string_view line) {
  std::vector<size_t> breaks;
  Heading open;  // the heading whose title the scan is in, if any
  size_t title_chars = 0;
  // A heading opening the line, or the text after a break, numbers the
  // document whether or not it runs in sequence.
  auto opens = [&](size_t at) {
    const std::string_view rest = line.substr(at);
    const auto m = rules_.match_prefix("heading", rest);
    open = heading_of(m, rest, at, -1);
    title_chars = 0;
    record(m, rest);
  };
  opens(0);
  size_t pos = 0;
  if (const size_t s = salutation_end(line); s > 0) {
    breaks.push_back(s);
    pos = s;
  }
  while (pos < line.size()) {
    const char32_t c = text::decode(line, pos);
    if (pos >= line.size()) break;
    Heading h;
    if (closes(c)) {
      if (ends_sentence(c)) {
        if (const size_t resume = signature_at(line, pos, breaks); resume > 0) {
          // The cover letter ends at its signature; the document it sends
          // numbers its own headings from the start (一、 again after the
          // letter's 三、), as an attachment does.
          restart_numbering();
          pos = resume;
          if (pos < line.size()) opens(pos);
          if (open.rank >= 0) pos = open.marker_end;
          continue;
        }
      }
      h = heading_at(line, pos, -1);
      if (h.rank < 0 && ends_note(line, pos)) {
        breaks.push_back(pos);
        open = {};
        continue;
      }
    } else if (open.rank >= 0 && pos > open.marker_end && (text::is_cjk(c) || text::is_space(c))) {
      // `一、总体要求（一）指导思想`: a child heading right after a short title.
      h = heading_at(line, pos, open.rank);
    }
    if (h.rank >= 0 && h.in_sequence) {
      breaks.push_back(pos);
      record(line, pos);
      open = h;
      title_chars = 0;
      pos = h.marker_end;
      continue;
    }
    if (clause_punct(c) || ++title_chars > kTitleChars) open = {};
  }
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  std::erase_if(breaks, [&](size_t b) { return b == 0 || b >= line.size(); });
  return breaks;
}

}  // namespace policydb::normalize
