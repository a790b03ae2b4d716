// Document metadata from the header zone (the lines before the body starts)
// and the signature block (the organisation lines above the signing date).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/places.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

using places::city_of_short_name;
using places::most_named_place;
using places::region_of;
using places::region_of_doc_number;
using places::self_scope_place;

// How far into a document its title, 文号 and addressees are looked for.
constexpr size_t kHeaderLines = 40;

// The families read over the whole text (WholeText, extract.h).
constexpr size_t kValidity = WholeText::kValidity;
constexpr size_t kSignatureInline = WholeText::kSignatureInline;
constexpr size_t kDocNumberAttachment = WholeText::kDocNumberAttachment;

std::string_view line_text(const normalize::NormalizedText& t, const normalize::Line& l) {
  return text::trim(std::string_view(t.text).substr(l.begin, l.end - l.begin));
}

// True when a rule of `family` matches the whole of `s`.
bool whole_line(const rules::RuleSet& rules, std::string_view family, std::string_view s,
                rules::Match* out = nullptr) {
  auto m = rules.match_prefix(family, s);
  if (!m || m->end != s.size()) return false;
  if (out) *out = *m;
  return true;
}

// A title printed twice in a row (a cover line and the first page's heading,
// which unwrapping joins into one line, maybe followed by its 文号) is kept
// once: the longest head that is repeated at once and with its copy makes
// most of the line.
void drop_repeated_title(std::string& t) {
  for (size_t n = t.size() / 2; n >= 18 && 2 * n * 10 >= t.size() * 6; --n)
    if (t.compare(0, n, t, n, n) == 0) {
      t.resize(n);
      return;
    }
}

// 《title》 printed as the whole line loses its outer brackets.
std::string clean_title(std::string_view s) {
  std::string t = text::strip_spaces(s);
  drop_repeated_title(t);
  const std::string open = "《", close = "》";
  if (t.size() > open.size() + close.size() && t.compare(0, open.size(), open) == 0 &&
      t.compare(t.size() - close.size(), close.size(), close) == 0 &&
      t.find(open, open.size()) == std::string::npos)
    t = t.substr(open.size(), t.size() - open.size() - close.size());
  return t;
}

// A title printed over several lines: the lines above the one that ends it
// belong to it while they read as an unfinished heading (no sentence end, not
// a date, 文号, label or organisation), at most kMaxTitleLines in all.
constexpr size_t kMaxTitleLines = 4;
constexpr size_t kMaxTitleChars = 120;
constexpr size_t kMaxTitleTail = 3;  // 知, 通知, 的通知

bool unfinished_heading(const rules::RuleSet& rules, std::string_view s);

std::string join_wrapped_title(const normalize::NormalizedText& t, const rules::RuleSet& rules,
                               size_t last) {
  size_t first = last;
  size_t chars = text::length(line_text(t, t.lines[last]));
  while (first > 0 && last - first + 1 < kMaxTitleLines) {
    auto prev = line_text(t, t.lines[first - 1]);
    if (prev.empty() || t.lines[first - 1].table_row || !unfinished_heading(rules, prev)) break;
    chars += text::length(prev);
    if (chars > kMaxTitleChars) break;
    --first;
  }
  std::string out;
  for (size_t i = first; i <= last; ++i) out += line_text(t, t.lines[i]);
  return out;
}

// Whether a header line holds a title's head word (关于, 转发 …: family
// `title_head`), asked at most once per line.
class TitleHead {
 public:
  TitleHead(const rules::RuleSet& rules, std::string_view s) : rules_(rules), s_(s) {}
  bool operator()() {
    if (head_ < 0) head_ = rules_.any("title_head", s_) ? 1 : 0;
    return head_ == 1;
  }

 private:
  const rules::RuleSet& rules_;
  std::string_view s_;
  int head_ = -1;
};

// A header line that is not a title's: a red head, attachment label or web
// line (family `title_skip`), unless it holds a title's head word — then it
// is a title wrapped after …文件.
bool skipped_header_line(const rules::RuleSet& rules, std::string_view s, TitleHead& head) {
  return whole_line(rules, "title_skip", s) && !head();
}

bool unfinished_heading(const rules::RuleSet& rules, std::string_view s) {
  TitleHead head(rules, s);
  return text::length(s) >= 6 && !rules.any("sentence_end", s) &&
         !skipped_header_line(rules, s, head) && !whole_line(rules, "body_start", s) &&
         !whole_line(rules, "doc_number", s) && !whole_line(rules, "date_line", s) &&
         (head() || !whole_line(rules, "org_line", s)) && !whole_line(rules, "salutation", s);
}

// A date from a match's year/month/day groups, ISO; empty if it is no date.
std::string iso_of(const rules::Match& m, std::string_view s) {
  auto y = values::parse_year(m.group("year", s));
  auto mo = values::parse_month(m.group("month", s));
  auto d = values::parse_day(m.group("day", s));
  if (!y || !mo || !d || *d > values::days_in_month(*y, *mo)) return {};
  return values::iso_date(*y, *mo, *d);
}

// What a scraped page's header gives: title line, publisher, site date.
struct PageHeader {
  std::string title, publisher, date;
};

// The first lines of a scraped page: a title line, `发布机关 YYYY-MM-DD`
// (its own line, or run on after the title when the scrape lost the break)
// and a URL. The text before the date splits where a title (family `title`)
// ends and a body's name (family `org_line`) fills the rest.
PageHeader page_header(const normalize::NormalizedText& t, const rules::RuleSet& rules) {
  PageHeader out;
  constexpr size_t kHeadLines = 4;
  std::string_view previous;
  size_t seen = 0;
  for (size_t i = 0; i < t.lines.size() && seen < kHeadLines; ++i) {
    auto s = line_text(t, t.lines[i]);
    if (s.empty()) continue;
    ++seen;
    rules::Match m;
    if (!whole_line(rules, "page_header", s, &m)) {
      previous = s;
      continue;
    }
    out.date = iso_of(m, s);
    std::string_view head = text::trim(m.group("head", s));
    if (whole_line(rules, "org_line", head)) {
      out.publisher = std::string(head);
      out.title = std::string(previous);
      return out;
    }
    // The rightmost cut: the title ends at its last document word, the
    // body's name is the shortest that reads as one.
    for (size_t cut = head.size(); --cut > 0;) {
      if ((static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80) continue;  // not a character boundary
      auto title = head.substr(0, cut), org = text::trim(head.substr(cut));
      if (!org.empty() && rules.any("title", title) && whole_line(rules, "org_line", org)) {
        out.title = std::string(title);
        out.publisher = std::string(org);
        return out;
      }
    }
    return out;
  }
  return out;
}

// The header zone's text with line breaks and spaces removed.
std::string header_text(const normalize::NormalizedText& t) {
  std::string out;
  for (size_t i = 0; i < std::min(t.lines.size(), kHeaderLines); ++i)
    out += text::strip_spaces(line_text(t, t.lines[i]));
  return out;
}

// The notice's own validity (family `validity`, attr `field`): the last
// statement of each kind, as notices state their own at the end.
void read_validity(const normalize::NormalizedText& t, const rules::RuleSet& rules, const rules::Scan& whole,
                   Metadata& meta) {
  std::string_view all(t.text);
  const rules::Match* years = nullptr;
  std::vector<rules::Match> found = rules.find_all(whole, kValidity, all);
  for (const auto& m : found) {
    std::string_view field = m.attr("field");
    std::string date = m.attr("on_issue") == "true" ? meta.issue_date : iso_of(m, all);
    if (m.has("count")) {
      years = &m;
      continue;
    }
    if (date.empty()) continue;
    (field == "effective_date" ? meta.effective_date : meta.valid_until) = date;
  }
  if (meta.valid_until.empty() && years && !meta.effective_date.empty())
    if (auto n = values::chinese_integer(years->group("count", all)))
      meta.valid_until = timex::add_duration(meta.effective_date, *n, years->group("unit", all), rules, 1);
}

// What the date lines (family `date_line`) give besides the signing date.
struct DateLines {
  std::string other, other_source, other_org;  // first dated line of another kind (attr `source`)
  std::string month;                           // first cover month, YYYY-MM
};

// The first signing date (a date line without attr `source`) becomes the
// issue date, with the organisation lines above it as issuers; the other
// kinds are kept for the fallbacks.
DateLines read_date_lines(const normalize::NormalizedText& t, const rules::RuleSet& rules, Metadata& meta) {
  DateLines out;
  const auto& lines = t.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    rules::Match m;
    std::string joined;
    // A table row is never a date line; each line is matched once.
    if (lines[i].table_row) continue;
    std::string_view s = line_text(t, lines[i]);
    if (!whole_line(rules, "date_line", s, &m)) {
      // A date broken over one line break (2021 年 12 月 31 / 日): the two
      // lines read as one when only together they make a date line.
      if (i + 1 >= lines.size() || lines[i + 1].table_row) continue;
      joined = std::string(s) + std::string(line_text(t, lines[i + 1]));
      if (!whole_line(rules, "date_line", joined, &m)) continue;
      s = joined;
    }
    auto year = values::parse_year(text::strip_spaces(m.group("year", s)));
    if (!year) continue;
    const std::string_view precision = m.attr("precision");
    auto month = values::parse_month(m.group("month", s));
    if (precision == "month") {
      if (out.month.empty() && month) out.month = values::iso_date(*year, *month, 1).substr(0, 7);
      if (!meta.reference_year) meta.reference_year = *year;
      continue;
    }
    if (precision != "day") {
      if (!meta.reference_year) meta.reference_year = *year;
      continue;
    }
    auto day = values::parse_day(m.group("day", s));
    if (!month || !day || *day > values::days_in_month(*year, *month)) continue;
    if (!m.attr("source").empty()) {
      if (out.other.empty()) {
        out.other = values::iso_date(*year, *month, *day);
        out.other_source = std::string(m.attr("source"));
        out.other_org = std::string(m.group("org", s));
      }
      continue;
    }
    meta.issue_date = values::iso_date(*year, *month, *day);
    meta.reference_year = *year;
    meta.reference_month = *month;
    meta.fields_source.add("issue_date", "signature");
    for (size_t j = i; j-- > 0;) {
      rules::Match org;
      auto o = line_text(t, lines[j]);
      if (o.empty()) continue;
      const bool tail = !whole_line(rules, "org_line", o, &org);
      if (tail && (!meta.issuers.empty() || !whole_line(rules, "signature_tail", o, &org))) break;
      meta.issuers.insert(meta.issuers.begin(), std::string(org.group("org", o)));
      if (tail) break;  // the line above it is the text
    }
    break;
  }
  return out;
}

// Header zone: up to the addressees line (各…：) or kHeaderLines lines; a
// title run into its addressees (family `title_addressees`) ends it too.
size_t header_end_of(const normalize::NormalizedText& t, const rules::RuleSet& rules) {
  const size_t end = std::min(t.lines.size(), kHeaderLines);
  for (size_t i = 0; i < end; ++i) {
    auto s = line_text(t, t.lines[i]);
    if (whole_line(rules, "salutation", s)) return i;
    if (whole_line(rules, "title_addressees", s)) return i + 1;
  }
  return end;
}

// What the header lines give as a title: a line that reads as one, and the
// first plain line as a fallback.
struct TitleLines {
  std::string title, fallback;
};

// Title: the first header line that reads as one (ends in 通知/方案/…),
// else the first line that is not a date, 文号, label or organisation.
TitleLines read_title_lines(const normalize::NormalizedText& t, const rules::RuleSet& rules, size_t header_end) {
  TitleLines out;
  const auto& lines = t.lines;
  for (size_t i = 0; i < header_end; ++i) {
    auto s = line_text(t, lines[i]);
    if (s.empty() || lines[i].table_row) continue;
    if (whole_line(rules, "body_start", s)) break;
    rules::Match m;
    if (whole_line(rules, "doc_number", s, &m)) {
      // A title run into its 文号 (and perhaps wrapped above): the lines
      // joined, less the 文号.
      const auto title = m.group("title", s);
      if (title.empty()) continue;
      const std::string joined = join_wrapped_title(t, rules, i);
      out.title = clean_title(std::string_view(joined).substr(0, joined.size() - (s.size() - title.size())));
      return out;
    }
    if (TitleHead head(rules, s); skipped_header_line(rules, s, head) || whole_line(rules, "date_line", s))
      continue;
    if (whole_line(rules, "title_addressees", s, &m)) {
      out.title = clean_title(m.group("title", s));
      return out;
    }
    // A short last line (实施方案) ends a title wrapped above it.
    if (rules.any("title", s) && text::length(join_wrapped_title(t, rules, i)) >= 6) {
      // A title whose last line is its tail (（2022—2025年）的通知) ends there.
      size_t last = i;
      while (last + 1 < header_end && last + 1 < i + kMaxTitleLines) {
        auto next = line_text(t, lines[last + 1]);
        if (next.empty() || lines[last + 1].table_row || !rules.match_prefix("title_tail", next) ||
            !rules.any("title", next))
          break;
        ++last;
      }
      out.title = clean_title(join_wrapped_title(t, rules, last));
      return out;
    }
    // A title whose last characters wrapped onto a short line of their own
    // (…备案的通 / 知).
    if (i + 1 < header_end && !lines[i + 1].table_row) {
      auto next = line_text(t, lines[i + 1]);
      const size_t n = text::length(next);
      if (n > 0 && n <= kMaxTitleTail && text::length(s) >= 6 && !rules.any("sentence_end", s) &&
          rules.any("title", std::string(s) + std::string(next))) {
        out.title = clean_title(join_wrapped_title(t, rules, i + 1));
        return out;
      }
    }
    // A news item's first sentence is no title: its headline is.
    if (out.fallback.empty() && text::length(s) >= 6 && !whole_line(rules, "org_line", s) &&
        !rules.any("sentence_end", s) && !whole_line(rules, "page_header", s))
      out.fallback = clean_title(s);
  }
  return out;
}

// A header that gives no title at all (a plan opening with its preface, a
// news item without headline): the document named where the first lines say
// it was made or issued (family `self_title`), if that name reads as a title.
std::string self_title(const normalize::NormalizedText& t, const rules::RuleSet& rules) {
  if (t.lines.empty()) return {};
  const std::string_view head = std::string_view(t.text).substr(0, t.lines[std::min(t.lines.size(), kHeaderLines) - 1].end);
  for (const auto& m : rules.find_all("self_title", head))
    if (auto name = m.group("title", head); rules.any("title", name)) return clean_title(name);
  return {};
}

// The page header's title wins, then a title line, then the fallback, then
// the document's name for itself.
void read_title(const normalize::NormalizedText& t, const rules::RuleSet& rules, const PageHeader& page,
                Metadata& meta) {
  if (!page.title.empty()) {
    meta.title = clean_title(page.title);
    meta.fields_source.add("title", "page_header");
    return;
  }
  const TitleLines found = read_title_lines(t, rules, header_end_of(t, rules));
  if (!found.title.empty()) {
    meta.title = found.title;
    meta.fields_source.add("title", "title_line");
  } else if (!found.fallback.empty()) {
    meta.title = found.fallback;
    meta.fields_source.add("title", "first_line");
  } else if (std::string self = self_title(t, rules); !self.empty()) {
    meta.title = self;
    meta.fields_source.add("title", "self_reference");
  }
}

// 文号: a header line that is one, else an attachment line; returns its
// year (the year of issue), 0 if none.
int read_doc_number(const normalize::NormalizedText& t, const rules::RuleSet& rules, const rules::Scan& whole,
                    Metadata& meta) {
  for (size_t i = 0; i < std::min(t.lines.size(), kHeaderLines); ++i) {
    rules::Match m;
    auto s = line_text(t, t.lines[i]);
    if (whole_line(rules, "doc_number", s, &m)) {
      meta.doc_number = std::string(m.group("number", s));
      meta.fields_source.add("doc_number", "doc_number_line");
      return values::parse_year(m.group("year", s)).value_or(0);
    }
  }
  auto found = rules.find_all(whole, kDocNumberAttachment, t.text);
  if (found.empty()) return 0;
  meta.doc_number = std::string(found.front().group("number", t.text));
  meta.fields_source.add("doc_number", "attachment_line");
  return values::parse_year(found.front().group("year", t.text)).value_or(0);
}

// Issue date: the first line that is only a signing date (the
// organisation lines right above it are the signature block), else a
// dated line of another kind (版记, 题注, a label: attr `source`), a
// signature run into the text, the page header's date, a cover's month.
void read_issue_date(const normalize::NormalizedText& t, const rules::RuleSet& rules, const rules::Scan& whole,
                     const PageHeader& page, int doc_year, Metadata& meta) {
  const DateLines dated = read_date_lines(t, rules, meta);
  if (meta.issue_date.empty() && !dated.other.empty()) {
    meta.issue_date = dated.other;
    meta.fields_source.add("issue_date", dated.other_source);
    if (meta.issuers.empty() && !dated.other_org.empty()) meta.issuers.push_back(dated.other_org);
  }
  if (meta.issue_date.empty()) {
    for (const auto& m : rules.find_all(whole, kSignatureInline, t.text)) {
      std::string date = iso_of(m, t.text);
      if (date.empty()) continue;
      meta.issue_date = date;
      if (meta.issuers.empty()) meta.issuers.emplace_back(m.group("org", t.text));
      meta.fields_source.add("issue_date", "inline_signature");
      break;
    }
  }
  if (meta.issue_date.empty() && !page.date.empty()) {
    meta.issue_date = page.date;
    meta.fields_source.add("issue_date", "page_header");
  }
  if (meta.issue_date.empty() && !dated.month.empty()) {
    meta.issue_date = dated.month;
    if (auto d = values::parse_date(dated.month + "-01")) meta.reference_year = d->year, meta.reference_month = d->month;
    meta.fields_source.add("issue_date", "cover_month");
  }
  // The 文号's year is the year of issue, but no issue date (gold §1: a date
  // not printed is null): it dates relative deadlines only.
  if (meta.issue_date.empty() && doc_year && !meta.reference_year) {
    meta.reference_year = doc_year;
    meta.fields_source.add("reference_year", "doc_number_year");
  }
  if (auto d = values::parse_date(meta.issue_date)) meta.reference_year = d->year, meta.reference_month = d->month;
}

// Issuers when no signature gave them: the page header's publisher, a list
// of organisation lines in the cover notice (two or more in a row), else
// the organisations heading the title.
void read_issuers(const normalize::NormalizedText& t, const rules::RuleSet& rules, const PageHeader& page,
                  Metadata& meta) {
  const auto& lines = t.lines;
  if (meta.issuers.empty() && !page.publisher.empty()) meta.issuers.push_back(page.publisher);
  for (size_t i = 0; i < std::min(lines.size(), kHeaderLines * 2) && meta.issuers.empty(); ++i) {
    std::vector<std::string> run;
    size_t j = i;
    for (; j < lines.size(); ++j) {
      rules::Match org;
      auto o = line_text(t, lines[j]);
      if (o.empty()) continue;
      if (!whole_line(rules, "org_line", o, &org)) break;
      run.emplace_back(org.group("org", o));
    }
    if (run.size() >= 2) meta.issuers = run;
    i = std::max(i, j);
  }
  if (meta.issuers.empty() && !meta.title.empty()) {
    if (auto m = rules.match_prefix("title_issuer", meta.title)) {
      auto orgs = m->group("orgs", meta.title);
      for (const auto& o : rules.find_all("org_name", orgs)) meta.issuers.emplace_back(o.group("org", orgs));
    }
  }
}

// Region: a title headed by a national body (国务院关于授权香港…) is national
// whatever place it names; otherwise the first place the title names; else
// the issuers'; national issuers make it 全国; else the 文号's 代字, a city's
// short name in the title, a title naming 全国 as its scope.
void read_region(const normalize::NormalizedText& t, const rules::RuleSet& rules, Metadata& meta) {
  const auto& national = rules.table("national_region");
  const std::string_view national_region = national.empty() ? "" : national.front().get("name");
  // A national body's name holds no region of its own, though it may read
  // like one (国家市场监督管理总局: 国家市); national issuers are asked below.
  auto from_issuers = [&] {
    for (const auto& issuer : meta.issuers) {
      if (!meta.region.empty()) break;
      if (rules.match_prefix("national", issuer)) continue;
      meta.region = region_of(issuer, rules);
      if (!meta.region.empty()) meta.fields_source.add("region", "issuer");
    }
  };
  if (rules.match_prefix("national", meta.title)) {
    meta.region = national_region;
    meta.fields_source.add("region", "national");
  } else {
    if (rules.match_prefix("placeless_head", meta.title)) from_issuers();
    if (meta.region.empty()) meta.region = region_of(meta.title, rules);
    if (!meta.region.empty() && !meta.fields_source.has("region"))
      meta.fields_source.add("region", "title");
  }
  from_issuers();
  if (meta.region.empty() && !meta.issuers.empty() &&
      std::all_of(meta.issuers.begin(), meta.issuers.end(),
                  [&](const std::string& s) { return rules.match_prefix("national", s).has_value(); }))
    meta.region = national_region;
  if (!meta.region.empty() && !meta.fields_source.has("region"))
    meta.fields_source.add("region", "national");
  if (meta.region.empty()) {
    meta.region = region_of_doc_number(meta.doc_number, rules);
    if (!meta.region.empty()) meta.fields_source.add("region", "doc_number");
  }
  if (meta.region.empty()) {
    meta.region = city_of_short_name(meta.title, rules);
    if (!meta.region.empty()) meta.fields_source.add("region", "title_city_short");
  }
  if (meta.region.empty() && !rules.find_all("national_title", meta.title).empty()) {
    meta.region = national_region;
    meta.fields_source.add("region", "national_title");
  }
  if (auto head = rules.match_prefix("placeless_head", meta.title); head && meta.region.empty()) {
    meta.region = most_named_place(t.text, head->group("level", meta.title), rules);
    if (!meta.region.empty()) meta.fields_source.add("region", "text_place");
  }
  if (meta.region.empty()) {
    meta.region = self_scope_place(t.text, national_region, rules);
    if (!meta.region.empty()) meta.fields_source.add("region", "self_scope");
  }
}

}  // namespace

Metadata extract_metadata(const normalize::NormalizedText& t, const outline::Outline& outline,
                          const rules::RuleSet& rules, const WholeText* whole_text) {
  (void)outline;
  Metadata meta;
  const PageHeader page = page_header(t, rules);
  WholeText own;
  const rules::Scan& whole = whole_text_or_scan(whole_text, t, rules, own).scan;
  read_title(t, rules, page, meta);
  const int doc_year = read_doc_number(t, rules, whole, meta);
  read_issue_date(t, rules, whole, page, doc_year, meta);
  read_issuers(t, rules, page, meta);
  read_region(t, rules, meta);
  if (!meta.reference_year) {
    if (auto m = rules.find_all("title_year", meta.title); !m.empty())
      if (auto y = values::parse_year(m.front().group("year", meta.title))) {
        meta.reference_year = *y;
        meta.fields_source.add("reference_year", "title_year");
      }
  }
  read_validity(t, rules, whole, meta);
  if (!meta.effective_date.empty()) meta.fields_source.add("effective_date", "validity");
  if (!meta.valid_until.empty()) meta.fields_source.add("valid_until", "validity");
  return meta;
}

// The conventions of Chinese government sites' <meta> tags; <title> adds
// the site's name after '_' or '-' ("标题_政策文件_某市人民政府").
void fill_from_page_meta(Metadata& meta, const normalize::NormalizedText& doc,
                         const std::vector<std::pair<std::string, std::string>>& page_meta,
                         const rules::RuleSet& rules) {
  auto get = [&](std::string_view name) -> std::string_view {
    for (const auto& [k, v] : page_meta)
      if (k == name && !text::trim(v).empty()) return text::trim(v);
    return {};
  };
  std::string_view page_title = get("articletitle");
  if (page_title.empty()) page_title = get("title").substr(0, get("title").find_first_of("_|"));
  if (meta.title.empty() && text::length(page_title) >= 6) {
    meta.title = clean_title(page_title);
    meta.fields_source.add("title", "html_meta");
  } else if (!meta.title.empty() && page_title.size() > meta.title.size()) {
    // The page's title is the title as printed with its wraps joined: when
    // the header prints it over lines the reader did not join (…关于印发 /
    // 国家粮食应急预案的函, or run into its 文号), the part read is inside it.
    const std::string whole = clean_title(page_title), squeezed = text::strip_spaces(whole);
    if (whole.find(meta.title) != std::string::npos &&
        header_text(doc).find(squeezed) != std::string::npos) {
      meta.title = whole;
      meta.fields_source.replace("title", "html_meta");
    }
  }
  if (meta.issue_date.empty()) {  // PubDate: "2024-03-05 10:20", "2024年3月5日"
    int part[3] = {0, 0, 0}, k = -1;
    bool in_number = false;
    for (char c : get("pubdate")) {
      const bool digit = c >= '0' && c <= '9';
      if (digit && !in_number && ++k >= 3) break;
      if (digit) part[k] = part[k] * 10 + (c - '0');
      in_number = digit;
    }
    if (k >= 2 && part[0] >= 1949 && part[2] >= 1 && part[2] <= values::days_in_month(part[0], part[1])) {
      meta.issue_date = values::iso_date(part[0], part[1], part[2]);
      meta.reference_year = part[0];
      meta.reference_month = part[1];
      meta.fields_source.add("issue_date", "html_meta");
    }
  }
  rules::Match org;
  const std::string_view source = get("contentsource");
  if (meta.issuers.empty() && whole_line(rules, "org_line", source, &org))
    meta.issuers.emplace_back(org.group("org", source));
  if (!meta.region.empty()) return;
  meta.region = region_of(meta.title, rules);
  for (size_t i = 0; i < meta.issuers.size() && meta.region.empty(); ++i)
    meta.region = region_of(meta.issuers[i], rules);
  if (!meta.region.empty()) meta.fields_source.add("region", "html_meta");
}

}  // namespace policydb::extract
