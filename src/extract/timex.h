// Time expressions in a span of text (a sentence, a label value, a table
// cell), found by the rule families of rules/deadlines.toml and resolved to
// dates with extract/values. Shared by the deadline extractor (one record per
// expression) and the target extractor (a target's year).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract::timex {

struct Context {
  int reference_year = 0;  // Metadata::reference_year (0: relative expressions stay unresolved)
  // The rest of the reference date (the notice's issue date), 0 if unknown:
  // 下月10日前 and 本季度 need the month, 印发之日起30日内 the day too.
  int reference_month = 0;
  int reference_day = 0;
  std::string effective_date;  // ISO, the notice's own 自…起施行 date; empty if none
  int past_before = 0;     // an explicit year before this is history (0: no check)
  const std::vector<values::Period>* periods = nullptr;
  bool keep_past = false;  // return past expressions (flagged `past`) instead of dropping them
  // find() reads the text as not a report of the past without asking
  // is_past(): the caller has asked, or will drop what it finds if it is.
  bool known_not_past = false;
  // families(rules), resolved once per document: find() reads a text's
  // labels and expressions with one Set pass. Empty: find() resolves it on
  // each call.
  rules::Families families;
};

// The families find() scans a text for, for Context::families.
rules::Families families(const rules::RuleSet& rules);

struct TimeExpr {
  size_t begin = 0, end = 0;  // byte span in the searched text
  std::string as_written;
  DeadlineKind kind = DeadlineKind::kBy;
  std::string start_date, end_date;  // ISO or empty
  Precision precision = Precision::kNone;
  int year = 0;               // the year it ends in; 0 if unknown (ongoing, recurring, unresolved)
  bool label = false;         // came from a time-limit label (完成时限：…)
  bool relative = false;      // resolved against the reference year
  bool past = false;          // ends before Context::past_before (kept only with keep_past)
  bool recurring = false;     // 每年4月底前, or a yearless date after one in the same text
  std::string rule;
};

// Expressions of family "deadline" and time-limit labels ("deadline_label",
// values read with "deadline_value") in `text`, non-overlapping, in order.
// Expressions vetoed by "not_deadline", lying in the past (year <
// ctx.past_before, or a plan period that ended before it) are dropped; so is
// everything when the text matches family "past". Relative expressions that
// cannot be resolved (no reference year) are dropped too.
std::vector<TimeExpr> find(std::string_view text, const rules::RuleSet& rules, const Context& ctx);

// The reference date of a notice from its metadata (issue date, else the
// year alone) for Context's reference_year/month/day.
void set_reference(Context& ctx, std::string_view issue_date, int reference_year);

// `iso` plus `count` units of table duration_unit (日, 个月, 年, …), less
// `less_days` days (有效期4年 ends the day before the anniversary). Empty
// when the unit is not listed (工作日) or the date does not parse.
std::string add_duration(std::string_view iso, long long count, std::string_view unit,
                         const rules::RuleSet& rules, int less_days = 0);

// Reads a label value or a time-limit cell on its own (`2021年6月`,
// `6 月底`, `长期坚持`) with family "deadline_value". Returns false when
// the value says no time (根据工作安排).
bool read_value(std::string_view value, const rules::RuleSet& rules, const Context& ctx,
                TimeExpr& out);

// True when `text` reads as a report of the past (family "past").
bool is_past(std::string_view text, const rules::RuleSet& rules);

}  // namespace policydb::extract::timex
