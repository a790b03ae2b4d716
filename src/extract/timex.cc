#include "extract/timex.h"

#include <algorithm>
#include <cstdlib>

#include "common/text.h"
#include "rules/rules.h"

namespace policydb::extract::timex {
namespace {

bool attr_true(const rules::Match& m, std::string_view key) { return m.attr(key) == "true"; }

// The first of the named groups that took part in the match.
std::string first_group(const rules::Match& m, std::string_view text,
                        std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (m.has(n)) return std::string(m.group(n, text));
  return {};
}

// Fills `out` from a rule match: kind, dates, precision. False when the
// expression does not resolve (a relative date with no reference year, a
// period the table does not list, an invalid date).
bool interpret(const rules::Match& m, std::string_view text, const Context& ctx, TimeExpr& out) {
  out.kind = std::string(m.attr("kind"));
  if (out.kind.empty()) out.kind = "by";
  out.rule = m.rule->id;
  if (out.kind == "ongoing" || attr_true(m, "recurring")) {
    out.precision = "none";
    return true;
  }
  if (m.has("period")) {
    if (!ctx.periods) return false;
    const values::Period* p = values::find_period(*ctx.periods, m.group("period", text));
    if (!p) return false;
    out.year = p->end;
    out.end_date = values::iso_date(p->end, 12, 31);
    if (out.kind == "during") out.start_date = values::iso_date(p->start, 1, 1);
    out.precision = "period";
    return true;
  }
  values::TimeParts parts;
  parts.year = first_group(m, text, {"year", "year2"});
  parts.month = first_group(m, text, {"month", "month2"});
  parts.day = first_group(m, text, {"day", "day2"});
  parts.part = first_group(m, text, {"part"});
  parts.quarter = first_group(m, text, {"quarter", "quarter2"});
  parts.half = first_group(m, text, {"half", "half2"});
  parts.whole = attr_true(m, "whole");
  if (auto off = m.attr("offset"); !off.empty()) parts.year_offset = std::atoi(std::string(off).c_str());
  parts.relative = parts.year.empty();
  if (parts.relative && !attr_true(m, "relative") && parts.month.empty() && parts.quarter.empty() &&
      parts.half.empty())
    return false;  // a pattern without any date part: nothing to resolve
  out.relative = parts.relative;
  if (attr_true(m, "unresolved")) {
    auto y = values::parse_year(parts.year);
    out.year = y ? *y : 0;
    out.precision = "none";
    return true;
  }
  auto r = values::resolve(parts, parts.relative ? ctx.reference_year : 0);
  if (!r) return false;
  out.year = r->year;
  out.start_date = r->start_date;
  out.end_date = r->end_date;
  out.precision = r->precision;
  return true;
}

bool in_past(const TimeExpr& e, const Context& ctx) {
  if (ctx.past_before <= 0 || e.relative || e.year == 0) return false;
  return e.year < ctx.past_before;
}

// A "not_deadline" cue right before [begin, end) or right after it.
bool vetoed(std::string_view text, size_t begin, size_t end, bool relative,
            const rules::RuleSet& rules) {
  const auto& family = rules.family("not_deadline");
  if (family.empty()) return false;
  std::string_view before = text.substr(0, begin);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  std::string_view after = text.substr(end);
  // A find_all over all the text before (after) the expression costs as
  // much as that text is long, and only a cue at its very end (start)
  // counts: any_suffix (any_prefix) tells cheaply whether there can be one.
  if (rules.any_suffix("not_deadline", before)) {
    for (const auto& m : rules.find_all("not_deadline", before)) {
      if (m.attr("side") != "before" || m.end != before.size()) continue;
      if (m.attr("applies") == "relative" && !relative) continue;
      return true;
    }
  }
  if (rules.any_prefix("not_deadline", after)) {
    for (const auto& m : rules.find_all("not_deadline", after)) {
      if (m.attr("side") != "after" || m.begin != 0) continue;
      if (m.attr("applies") == "relative" && !relative) continue;
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
  if (!interpret(*m, v, ctx, e)) return false;
  out = std::move(e);
  return true;
}

rules::Families families(const rules::RuleSet& rules) {
  return rules.families_of({"deadline_label", "deadline", "past"});
}

std::vector<TimeExpr> find(std::string_view text, const rules::RuleSet& rules, const Context& ctx) {
  std::vector<TimeExpr> out;
  if (text.empty()) return out;
  // One Set pass tells which label, expression and past rules match: most
  // sentences hold no time expression and are settled by it, and the
  // matches are then collected without a Set pass per family.
  enum : size_t { kLabel, kExpr, kPast };
  thread_local rules::Scan scan;
  rules.scan(ctx.families.size() ? ctx.families : families(rules), text, scan);
  const bool any_label = scan.any(kLabel);
  const bool any_expr = scan.any(kExpr);
  if (!any_label && !any_expr) return out;
  if (!ctx.known_not_past && scan.any(kPast)) return out;  // is_past(text, rules)

  // Labels first: their values are read permissively, and prose rules do not
  // look inside them again.
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

  // Overlapping candidates of different rules are all interpreted, then the
  // ones that survive their checks are chosen left to right (a rule that
  // reads context around its expression must not hide a better reading).
  struct Candidate {
    TimeExpr expr;
    int priority = 0;
  };
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
    if (!interpret(m, text, ctx, t)) continue;
    if (in_book_title(text, b)) continue;  // 《2030年前碳达峰行动方案》 names a document
    if (attr_true(m, "prose") && !continues_as_prose(text.substr(e))) continue;
    if (rejected_after(m.attr("reject_after"), text.substr(e))) continue;
    t.past = in_past(t, ctx);
    if ((t.past && !ctx.keep_past) || vetoed(text, b, e, t.relative, rules)) {
      // History or a cut-off: no shorter reading inside it (年底 of 2018年底) counts either.
      dropped.emplace_back(b, e);
      continue;
    }
    candidates.push_back({std::move(t), m.rule->priority});
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
  size_t taken_end = 0;
  for (auto& c : candidates) {
    if (c.expr.begin < taken_end) continue;
    taken_end = c.expr.end;
    out.push_back(std::move(c.expr));
  }
  std::sort(out.begin(), out.end(),
            [](const TimeExpr& a, const TimeExpr& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policydb::extract::timex
