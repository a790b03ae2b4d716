#include "extract/timex.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "common/text.h"
#include "rules/rules.h"

namespace policydb::extract::timex {
namespace {

bool attr_true(const rules::Match& m, std::string_view key) { return m.attr(key) == "true"; }

// ---- calendar arithmetic (days since 1970-01-01, proleptic Gregorian) ----

long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

values::Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  values::Date out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
  return out;
}

// Year and month `months` months after (before) year/month.
void add_months(int& year, int& month, int months) {
  int index = year * 12 + (month - 1) + months;
  year = index / 12;
  month = index % 12 + 1;
}

// A row of table `name` whose name is `key`, or nullptr.
const rules::Entry* row(const rules::RuleSet& rules, std::string_view name, std::string_view key) {
  for (const auto& e : rules.table(name))
    if (e.get("name") == key) return &e;
  return nullptr;
}

int int_field(const rules::Entry& e, std::string_view key) {
  return std::atoi(std::string(e.get(key)).c_str());
}

// What the written part and half words mean (tables time_part, half_year):
// resolve() reads the numbers, never the words.
void read_part_words(const rules::RuleSet& rules, values::TimeParts& parts) {
  if (const rules::Entry* e = parts.part.empty() ? nullptr : row(rules, "time_part", parts.part)) {
    parts.part_day = int_field(*e, "day");
    parts.part_names_days = parts.part_day > 0 || e->get("last_day") == "true";
    if (!e->get("year_month").empty()) parts.part_year_month = int_field(*e, "year_month");
  }
  parts.first_half = !parts.half.empty() && row(rules, "half_year", parts.half) != nullptr;
}

bool has_reference_date(const Context& ctx) {
  return ctx.reference_year > 0 && ctx.reference_month > 0 && ctx.reference_day > 0;
}

std::string add_duration_to(int y, int mo, int d, long long count, std::string_view unit_name,
                            const rules::RuleSet& rules, int less_days) {
  const rules::Entry* unit = row(rules, "duration_unit", unit_name);
  if (!unit || y <= 0 || mo <= 0 || d <= 0) return {};
  if (int months = int_field(*unit, "months"); months > 0) {
    add_months(y, mo, months * static_cast<int>(count));
    d = std::min(d, values::days_in_month(y, mo));
  }
  long days = days_from_civil(y, mo, d) + static_cast<long>(int_field(*unit, "days")) * count - less_days;
  values::Date r = civil_from_days(days);
  return values::iso_date(r.year, r.month, r.day);
}

// 印发之日起30日内: the reference date plus the duration (table
// duration_unit). False when the unit is not listed (工作日) or the notice
// has no date: the deadline then stays unresolved.
bool after_reference(const rules::Match& m, std::string_view text, const rules::RuleSet& rules,
                     const Context& ctx, std::string& end_date) {
  auto count = values::chinese_integer(m.group("count", text));
  if (!count || !has_reference_date(ctx)) return false;
  end_date = add_duration_to(ctx.reference_year, ctx.reference_month, ctx.reference_day, *count,
                             m.group("unit", text), rules, 0);
  return !end_date.empty();
}

// The start of a range (syear/smonth/sday groups): written parts resolved
// like the end's, a month or a year from its first day. Empty when it does
// not resolve.
values::TimeParts range_start_parts(const rules::Match& m, std::string_view text) {
  values::TimeParts start;
  start.year = std::string(m.group("syear", text));
  start.month = std::string(m.group("smonth", text));
  start.day = std::string(m.group("sday", text));
  start.whole = true;
  return start;
}

std::string range_start(const values::TimeParts& start, int reference_year) {
  auto r = values::resolve(start, reference_year);
  if (!r) return {};
  return r->start_date.empty() ? r->end_date : r->start_date;
}

// The first of the named groups that took part in the match.
std::string first_group(const rules::Match& m, std::string_view text,
                        std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (m.has(n)) return std::string(m.group(n, text));
  return {};
}

// Relative words (group `rel`, table relative_word) turned into written
// parts against the reference date: 下月 → month + 1, 本季度 → the quarter
// of the reference month, 明年 → year + 1, 明年初 → its first month. False
// when a relative word is not listed or the reference date lacks what it
// needs.
bool relative_parts(const rules::Match& m, std::string_view text, const rules::RuleSet& rules,
                    const Context& ctx, values::TimeParts& parts) {
  if (!m.has("rel")) return true;
  const rules::Entry* word = row(rules, "relative_word", m.group("rel", text));
  if (!word || ctx.reference_year <= 0) return false;
  const int offset = int_field(*word, "offset");
  int y = ctx.reference_year, mo = ctx.reference_month;
  if (attr_true(m, "relative_month")) {
    if (mo <= 0) return false;
    add_months(y, mo, offset);
    parts.month = std::to_string(mo);
  } else if (attr_true(m, "relative_quarter")) {
    if (mo <= 0) return false;
    add_months(y, mo, 3 * offset);
    parts.quarter = std::to_string((mo - 1) / 3 + 1);
  } else {
    y += offset;
    std::string ypart(m.group("ypart", text));
    if (!ypart.empty() && parts.month.empty()) {
      // 初 of a year is its first month; 底/末 its end (the year's last day).
      if (row(rules, "year_part", ypart)) parts.month = std::string(row(rules, "year_part", ypart)->get("month"));
      else parts.part = ypart;
    }
  }
  parts.year = std::to_string(y);
  return true;
}

// A plan period the match names (“十四五”期间): its last year, and its whole
// span for a kDuring. False for a period the table does not list.
bool read_period(const rules::Match& m, std::string_view text, const Context& ctx, TimeExpr& out) {
  if (!ctx.periods) return false;
  const values::Period* p = values::find_period(*ctx.periods, m.group("period", text));
  if (!p) return false;
  out.year = p->end;
  out.end_date = values::iso_date(p->end, 12, 31);
  if (out.kind == DeadlineKind::kDuring) out.start_date = values::iso_date(p->start, 1, 1);
  out.precision = Precision::kPeriod;
  return true;
}

// The date parts the match's groups write (a rule with alternatives names
// them year, year2, year3 …), and its whole/offset attributes.
values::TimeParts written_parts(const rules::Match& m, std::string_view text) {
  values::TimeParts parts;
  parts.year = first_group(m, text, {"year", "year2", "year3"});
  parts.month = first_group(m, text, {"month", "month2", "month3"});
  parts.day = first_group(m, text, {"day", "day2", "day3"});
  parts.part = first_group(m, text, {"part", "part2"});
  parts.quarter = first_group(m, text, {"quarter", "quarter2"});
  parts.half = first_group(m, text, {"half", "half2", "half3"});
  parts.whole = attr_true(m, "whole");
  if (auto off = m.attr("offset"); !off.empty()) parts.year_offset = std::atoi(std::string(off).c_str());
  return parts;
}

// A kDuring's start: written before its end (12月1日至…), or the notice's
// effective or issue date (attr start). False when a written start does not
// come before the end: which year the end falls in is not written.
bool set_start(const rules::Match& m, std::string_view text, const Context& ctx, TimeExpr& out,
               values::TimeParts* start_out) {
  if (m.has("smonth") || m.has("syear")) {
    const values::TimeParts start = range_start_parts(m, text);
    out.start_date = range_start(start, ctx.reference_year);
    if (start_out) *start_out = start;
    if (out.start_date.empty() || out.start_date > out.end_date) return false;
  }
  if (auto from = m.attr("start"); !from.empty()) {
    out.start_date = from == "effective" ? ctx.effective_date : std::string();
    if (out.start_date.empty() && has_reference_date(ctx))
      out.start_date = values::iso_date(ctx.reference_year, ctx.reference_month, ctx.reference_day);
  }
  return true;
}

// Fills `out` from a rule match: kind, dates, precision. False when the
// expression does not resolve (a relative date with no reference year, a
// period the table does not list, an invalid date).
bool interpret(const rules::Match& m, std::string_view text, const rules::RuleSet& rules,
               const Context& ctx, TimeExpr& out, values::TimeParts* parts_out = nullptr,
               values::TimeParts* start_out = nullptr) {
  const auto kind = parse_deadline_kind(m.attr("kind"));
  if (!kind) return false;  // a rule whose kind names none: its examples fail in rules check
  out.kind = *kind;
  out.rule = m.rule->id;
  if (out.kind == DeadlineKind::kOngoing || attr_true(m, "recurring")) {
    out.recurring = attr_true(m, "recurring");
    out.precision = Precision::kNone;
    return true;
  }
  // 下季度, 次年 after a cycle, periodic work or an event the sentence names
  // (family relative_reference) count from that, which the notice does not
  // date: they recur with it, without dates of their own.
  if (m.has("rel")) {
    const std::string_view rel = m.group("rel", text);
    const auto before = text.substr(0, static_cast<size_t>(rel.data() - text.data()));
    if (rules.any("relative_reference", before)) {
      out.recurring = true;
      out.precision = Precision::kNone;
      return true;
    }
  }
  if (m.attr("anchor") == "issue") {  // N days after the notice's date
    out.relative = true;
    out.precision = Precision::kNone;
    if (after_reference(m, text, rules, ctx, out.end_date)) {
      out.precision = Precision::kDay;
      out.year = std::atoi(out.end_date.substr(0, 4).c_str());
    }
    return true;
  }
  if (attr_true(m, "unresolved") && !m.has("year")) {
    out.precision = Precision::kNone;
    return true;
  }
  if (m.has("period")) return read_period(m, text, ctx, out);
  values::TimeParts parts = written_parts(m, text);
  if (!relative_parts(m, text, rules, ctx, parts)) return false;
  read_part_words(rules, parts);
  if (m.has("holiday")) {  // 国庆节前: its day from table holiday; a lunar one is undated
    const rules::Entry* h = row(rules, "holiday", m.group("holiday", text));
    if (!h) return false;
    if (h->get("month").empty()) {
      out.precision = Precision::kNone;
      return true;
    }
    parts.month = std::string(h->get("month"));
    parts.day = std::string(h->get("day"));
  }
  if (parts.year.empty() && m.has("syear")) parts.year = std::string(m.group("syear", text));
  parts.relative = parts.year.empty();
  if (parts.relative && !attr_true(m, "relative") && parts.month.empty() && parts.quarter.empty() &&
      parts.half.empty())
    return false;  // a pattern without any date part: nothing to resolve
  out.relative = parts.relative;
  if (attr_true(m, "unresolved")) {
    auto y = values::parse_year(parts.year);
    out.year = y ? *y : 0;
    out.precision = Precision::kNone;
    return true;
  }
  auto r = values::resolve(parts, parts.relative ? ctx.reference_year : 0);
  if (!r) return false;
  if (m.has("holiday") && parts.relative && has_reference_date(ctx) &&
      r->end_date < values::iso_date(ctx.reference_year, ctx.reference_month, ctx.reference_day))
    r = values::resolve(parts, ctx.reference_year + 1);  // the next one: 元旦前 in December
  if (!r) return false;
  out.year = r->year;
  out.start_date = r->start_date;
  out.end_date = r->end_date;
  out.precision = r->precision;
  if (out.kind == DeadlineKind::kDuring && !set_start(m, text, ctx, out, start_out)) return false;
  if (parts_out) *parts_out = parts;
  return true;
}

bool in_past(const TimeExpr& e, const Context& ctx) {
  if (ctx.past_before <= 0 || e.relative || e.year == 0) return false;
  return e.year < ctx.past_before;
}

// Rules with attr after_reference (a point with no 前: 2022年10月完成) read
// as a bound only when it lies on or after the notice's own date; before it
// they report what was done.
bool before_reference(const TimeExpr& e, const Context& ctx) {
  if (!has_reference_date(ctx) || e.end_date.empty()) return false;
  return e.end_date < values::iso_date(ctx.reference_year, ctx.reference_month, ctx.reference_day);
}

// A "not_deadline" cue right before [begin, end) or right after it; a cue
// with attr applies = relative | bare | since vetoes only expressions of that
// kind (a relative one, a bare year, a 从…起 start: attr since).
bool vetoed(std::string_view text, size_t begin, size_t end, bool relative, bool bare, bool since,
            const rules::RuleSet& rules) {
  const auto& family = rules.family("not_deadline");
  if (family.empty()) return false;
  std::string_view before = text.substr(0, begin);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  std::string_view after = text.substr(end);
  // A find_all over all the text before (after) the expression costs as
  // much as that text is long, and only a cue at its very end (start)
  // counts: any_suffix (any_prefix) tells cheaply whether there can be one.
  // Overlapping: every rule's cue at the edge is asked, so a cue that does
  // not apply to this kind (applies) hides none that does.
  if (rules.any_suffix("not_deadline", before)) {
    for (const auto& m : rules.find_all_overlapping("not_deadline", before)) {
      if (m.attr("side") != "before" || m.end != before.size()) continue;
      if (m.attr("applies") == "relative" && !relative) continue;
      if (m.attr("applies") == "bare" && !bare) continue;
      if (m.attr("applies") == "since" && !since) continue;
      return true;
    }
  }
  if (rules.any_prefix("not_deadline", after)) {
    for (const auto& m : rules.find_all_overlapping("not_deadline", after)) {
      if (m.attr("side") != "after" || m.begin != 0) continue;
      if (m.attr("applies") == "relative" && !relative) continue;
      if (m.attr("applies") == "bare" && !bare) continue;
      if (m.attr("applies") == "since" && !since) continue;
      return true;
    }
  }
  return false;
}

std::string_view trim_view(std::string_view s, size_t& offset) {
  std::string_view t = text::trim(s);
  offset = t.empty() ? 0 : static_cast<size_t>(t.data() - s.data());
  return t;
}

// Inside 《…》: the title of another document.
bool in_book_title(std::string_view text, size_t pos) {
  std::string_view head = text.substr(0, pos);
  size_t open = head.rfind("《");
  if (open == std::string_view::npos) return false;
  size_t close = head.rfind("》");
  return close == std::string_view::npos || close < open;
}

// Clause punctuation after an expression: it opens prose, not a heading.
bool continues_as_prose(std::string_view rest) {
  for (std::string_view p : {"，", "。", "；", ",", ";"})
    if (rest.find(p) != std::string_view::npos) return true;
  return false;
}

// The first character after an expression is one the rule says may not
// follow it (attr reject_after, a list of characters).
bool rejected_after(std::string_view chars, std::string_view rest) {
  if (chars.empty()) return false;
  size_t p = 0;
  while (p < rest.size()) {
    size_t at = p;
    char32_t cp = text::decode(rest, p);
    if (text::is_space(cp)) continue;
    return chars.find(rest.substr(at, p - at)) != std::string_view::npos;
  }
  return false;
}

}  // namespace

bool is_past(std::string_view text, const rules::RuleSet& rules) { return rules.any("past", text); }

std::string add_duration(std::string_view iso, long long count, std::string_view unit,
                         const rules::RuleSet& rules, int less_days) {
  auto d = values::parse_date(iso);
  if (!d) return {};
  return add_duration_to(d->year, d->month, d->day, count, unit, rules, less_days);
}

void set_reference(Context& ctx, std::string_view issue_date, int reference_year) {
  ctx.reference_year = reference_year;
  if (auto d = values::parse_date(issue_date)) {
    ctx.reference_year = d->year;
    ctx.reference_month = d->month;
    ctx.reference_day = d->day;
  }
}

bool read_value(std::string_view value, const rules::RuleSet& rules, const Context& ctx,
                TimeExpr& out) {
  size_t off = 0;
  std::string_view v = trim_view(value, off);
  if (v.empty()) return false;
  auto m = rules.match_prefix("deadline_value", v);
  if (!m) return false;
  TimeExpr e;
  e.begin = off + m->begin;
  e.end = off + m->end;
  e.as_written = std::string(text::trim(v.substr(m->begin, m->end - m->begin)));
  e.label = true;
  if (!interpret(*m, v, rules, ctx, e)) return false;
  out = std::move(e);
  return true;
}

rules::Families families(const rules::RuleSet& rules) {
  return rules.families_of({"deadline_label", "deadline"});
}

namespace {

// The rule families find() scans in one pass, in the order of families().
enum : size_t { kLabel, kExpr };

// Labels (完成时限：…) first: their values are read permissively, and prose
// rules do not look inside them again. Appends their expressions to `out`
// and returns the labels' spans.
std::vector<std::pair<size_t, size_t>> read_labels(std::string_view text, const rules::RuleSet& rules,
                                                   const rules::Scan& scan, const Context& ctx,
                                                   std::vector<TimeExpr>& out) {
  std::vector<std::pair<size_t, size_t>> label_spans;
  const std::vector<rules::Match> labels = rules.find_all(scan, kLabel, text);
  for (const auto& m : labels) {
    label_spans.emplace_back(m.begin, m.end);
    if (!m.has("value")) continue;
    const auto& g = *std::find_if(m.groups.begin(), m.groups.end(),
                                  [](const rules::Group& g) { return g.name == "value"; });
    TimeExpr e;
    if (!read_value(text.substr(g.begin, g.end - g.begin), rules, ctx, e)) continue;
    e.begin += g.begin;
    e.end += g.begin;
    e.past = in_past(e, ctx);
    if (e.past && !ctx.keep_past) continue;
    out.push_back(std::move(e));
  }
  return label_spans;
}

// An expression rule's reading, before the left-to-right choice.
struct Candidate {
  TimeExpr expr;
  int priority = 0;
  values::TimeParts parts;
  values::TimeParts start;  // a range's start (month or day written), else empty
  bool after_reference = false;  // attr after_reference: before the notice's date it is history
};

// Overlapping candidates of different rules are all interpreted (a rule
// that reads context around its expression must not hide a better reading),
// outside the labels; the ones that survive their checks come back sorted by
// start, then priority, then length.
std::vector<Candidate> candidates_of(std::string_view text, const rules::RuleSet& rules,
                                     const rules::Scan& scan, const Context& ctx,
                                     const std::vector<std::pair<size_t, size_t>>& label_spans) {
  std::vector<Candidate> candidates;
  std::vector<std::pair<size_t, size_t>> dropped;
  const std::vector<rules::Match> exprs = rules.find_all_overlapping(scan, kExpr, text);
  for (const auto& m : exprs) {
    size_t b = m.begin, e = m.end;
    for (const auto& g : m.groups)
      if (g.name == "expr") b = g.begin, e = g.end;
    bool inside_label = std::any_of(label_spans.begin(), label_spans.end(), [&](const auto& s) {
      return b < s.second && e > s.first;
    });
    if (inside_label) continue;
    TimeExpr t;
    t.begin = b;
    t.end = e;
    t.as_written = std::string(text::trim(text.substr(b, e - b)));
    values::TimeParts parts, start;
    if (!interpret(m, text, rules, ctx, t, &parts, &start)) continue;
    if (in_book_title(text, b)) continue;  // 《2030年前碳达峰行动方案》 names a document
    if (attr_true(m, "prose") && !continues_as_prose(text.substr(e))) continue;
    if (!m.has("word") && rejected_after(m.attr("reject_after"), text.substr(e))) continue;
    t.past = in_past(t, ctx);
    if ((t.past && !ctx.keep_past) ||
        vetoed(text, b, e, t.relative, attr_true(m, "bare"), attr_true(m, "since"), rules)) {
      // History or a cut-off: no shorter reading inside it (年底 of 2018年底) counts either.
      dropped.emplace_back(b, e);
      continue;
    }
    candidates.push_back({std::move(t), m.rule->priority, std::move(parts), std::move(start),
                          attr_true(m, "after_reference")});
  }
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const Candidate& c) {
                                    return std::any_of(dropped.begin(), dropped.end(), [&](const auto& d) {
                                      return c.expr.begin >= d.first && c.expr.end <= d.second &&
                                             c.expr.end - c.expr.begin < d.second - d.first;
                                    });
                                  }),
                   candidates.end());
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.expr.begin != b.expr.begin) return a.expr.begin < b.expr.begin;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.expr.end - a.expr.begin > b.expr.end - b.expr.begin;
  });
  return candidates;
}

// Chooses the sorted candidates left to right, appending them to `out`. A
// date written without its year after one written with it takes that year
// (分别于2022年4月10日、7月10日、10月15日前), not the notice's. After a
// recurring one (每年2月底前…，3月底前…) it recurs too.
void choose(std::vector<Candidate>& candidates, const Context& ctx, std::vector<TimeExpr>& out) {
  size_t taken_end = 0;
  int written_year = 0;
  bool recurring = false;
  for (auto& c : candidates) {
    if (c.expr.begin < taken_end) continue;
    taken_end = c.expr.end;
    const bool yearless = c.expr.relative && !c.parts.month.empty() && c.parts.year.empty();
    if (c.expr.recurring || (yearless && recurring)) {
      recurring = true;
      c.expr.recurring = true;
      c.expr.start_date.clear();
      c.expr.end_date.clear();
      c.expr.precision = Precision::kNone;
      c.expr.year = 0;
      out.push_back(std::move(c.expr));
      continue;
    }
    if (!c.expr.relative && c.expr.year > 0 && !c.parts.year.empty()) written_year = c.expr.year;
    if (yearless && written_year > 0) {
      if (auto r = values::resolve(c.parts, written_year)) {
        c.expr.year = r->year;
        c.expr.end_date = r->end_date;
        c.expr.start_date = c.start.month.empty() ? r->start_date : range_start(c.start, written_year);
        c.expr.relative = false;
      }
    }
    if (c.after_reference && before_reference(c.expr, ctx)) {
      if (!ctx.keep_past) continue;  // taken_end still covers it: no shorter reading inside
      c.expr.past = true;
    }
    out.push_back(std::move(c.expr));
  }
}

// Every expression and label rule holds a literal of family deadline_cue
// (rules/deadlines.toml): without one a text holds no expression, and the
// union Set, whose DFA is built anew for most sentences, is not run. A rule
// set without the family skips nothing.
bool holds_cue(std::string_view text, const rules::RuleSet& rules) {
  return rules.family("deadline_cue").empty() || rules.any("deadline_cue", text);
}

}  // namespace

std::vector<TimeExpr> find(std::string_view text, const rules::RuleSet& rules, const Context& ctx) {
  std::vector<TimeExpr> out;
  if (text.empty() || !holds_cue(text, rules)) return out;
  // One Set pass tells which label and expression rules match: most
  // sentences it reads hold no time expression and are settled by it, and
  // the matches are then collected without a Set pass per family. The past
  // markers are asked only then, with their own small Set: in the union
  // their states multiplied the DFA's, which is built anew for most texts.
  thread_local rules::Scan scan;
  rules.scan(ctx.families.size() ? ctx.families : families(rules), text, scan);
  const bool any_label = scan.any(kLabel);
  const bool any_expr = scan.any(kExpr);
  if (!any_label && !any_expr) return out;
  if (!ctx.known_not_past && is_past(text, rules)) return out;

  const auto label_spans = read_labels(text, rules, scan, ctx, out);
  std::vector<Candidate> candidates = candidates_of(text, rules, scan, ctx, label_spans);
  choose(candidates, ctx, out);
  std::sort(out.begin(), out.end(),
            [](const TimeExpr& a, const TimeExpr& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policydb::extract::timex
