// Deadlines (gold/README.md §4): one record per time expression that bounds
// a task or a target. Expressions are found per sentence by extract/timex
// (rules/deadlines.toml); this file decides which sentences to read, what
// the record's context and task are, and adds the time limits the outline
// found in table cells or labels that the text scan did not see.
#include <algorithm>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/sentences.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

bool in_excluded(const outline::Outline& outline, size_t offset) {
  for (const auto& r : outline.excluded)
    if (offset >= r.begin && offset < r.end) return true;
  return false;
}

// Inside a heading's own text (between the marker and the body): a plan
// period there names a chapter (“十四五”时期生态环境保护面临的挑战), unless
// the heading is a run-in sentence.
bool in_heading(const outline::Outline& outline, size_t offset) {
  for (const auto& s : outline.sections) {
    if (s.kind == outline::Kind::kRoot) continue;
    if (offset >= s.begin && offset < s.body_begin && s.body_begin > s.begin) return !s.run_in;
  }
  return false;
}

// A record with the expression's normalised fields; the caller places it.
Deadline of_expr(const timex::TimeExpr& e) {
  Deadline d;
  d.as_written = e.as_written;
  d.kind = e.kind;
  d.start_date = e.start_date;
  d.end_date = e.end_date;
  d.precision = e.precision;
  return d;
}

// The time expressions of every sentence outside excluded regions and
// sections about the past, as records.
void scan_sentences(const normalize::NormalizedText& text, const outline::Outline& outline,
                    const std::vector<segment::Clause>& clauses, const rules::RuleSet& rules,
                    const timex::Context& ctx, std::vector<Deadline>& out) {
  sentences::PastSections past_section(outline, rules);
  for (const auto& sent : sentences::group(text.text, clauses)) {
    if (in_excluded(outline, sent.begin)) continue;
    if (past_section(clauses[sent.first].section)) continue;
    std::string_view body = std::string_view(text.text).substr(sent.begin, sent.end - sent.begin);
    for (const auto& e : timex::find(body, rules, ctx)) {
      const size_t b = sent.begin + e.begin;
      if (e.kind == DeadlineKind::kDuring && e.precision == Precision::kPeriod && in_heading(outline, b)) continue;
      Deadline d = of_expr(e);
      d.context = std::string(text::trim(body));
      const segment::Clause* c = sentences::clause_at(clauses, sent, b);
      d.clause = c ? c->id : -1;
      d.task = c && c->task >= 0 ? c->task : outline.task_at(b);
      d.begin = b;
      d.end = sent.begin + e.end;
      d.page = text.page_of(b);
      d.rule = e.rule;
      out.push_back(std::move(d));
    }
  }
}

// The clause holding byte `offset`, or -1.
int clause_holding(const std::vector<segment::Clause>& clauses, size_t offset) {
  int id = -1;
  for (const auto& c : clauses)
    if (offset >= c.begin && offset < c.end) id = c.id;
  return id;
}

// The record of a limit the outline or a table cell gave (`value`, read as
// `e`): placed where `value` stands verbatim in bytes [begin, end) of the
// text, else on [begin, missing_end).
Deadline limit_record(const normalize::NormalizedText& text, const std::vector<segment::Clause>& clauses,
                      const timex::TimeExpr& e, std::string_view value, size_t begin, size_t end,
                      size_t missing_end) {
  Deadline d = of_expr(e);
  const size_t at = std::string_view(text.text).substr(begin, end - begin).find(value);
  d.begin = at == std::string_view::npos ? begin : begin + at;
  d.end = at == std::string_view::npos ? missing_end : d.begin + value.size();
  d.clause = clause_holding(clauses, d.begin);
  d.rule = e.rule;
  return d;
}

// Time limits the outline read from a 时限 column or label that the text
// scan did not already turn into a record for that task.
void add_task_limits(const normalize::NormalizedText& text, const outline::Outline& outline,
                     const std::vector<segment::Clause>& clauses, const rules::RuleSet& rules,
                     const timex::Context& ctx, std::vector<Deadline>& out) {
  for (const auto& task : outline.tasks) {
    if (task.time_limit.empty()) continue;
    timex::TimeExpr e;
    if (!timex::read_value(task.time_limit, rules, ctx, e)) continue;
    bool seen = std::any_of(out.begin(), out.end(), [&](const Deadline& d) {
      return d.task == task.id && d.kind == e.kind && d.end_date == e.end_date;
    });
    if (seen) continue;
    Deadline d = limit_record(text, clauses, e, task.time_limit, task.begin, task.end, task.begin);
    d.context = task.time_limit;
    d.task = task.id;
    d.page = text.page_of(d.begin);
    out.push_back(std::move(d));
  }
}

// Time-limit columns of tables (完成时限, 时间节点): one deadline per row,
// unless the scan above or the outline already gave that row's limit.
void add_table_limits(const normalize::NormalizedText& text, const outline::Outline& outline,
                      const std::vector<segment::Clause>& clauses, const rules::RuleSet& rules,
                      const timex::Context& ctx, std::vector<Deadline>& out) {
  for (const auto& table : outline.tables) {
    std::vector<size_t> columns;
    for (size_t i = 0; i < table.header.size(); ++i)
      if (rules.any("deadline_column", table.header[i])) columns.push_back(i);
    if (columns.empty()) continue;
    for (const auto& row : table.rows) {
      if (row.header || in_excluded(outline, row.begin)) continue;
      std::string row_text;
      for (const auto& c : row.cells) {
        if (c.empty()) continue;
        if (!row_text.empty()) row_text += " ";
        row_text += c;
      }
      for (size_t col : columns) {
        if (col >= row.cells.size() || row.cells[col].empty()) continue;
        timex::TimeExpr e;
        if (!timex::read_value(row.cells[col], rules, ctx, e)) continue;
        const int task = outline.task_at(row.begin);
        bool seen = std::any_of(out.begin(), out.end(), [&](const Deadline& d) {
          bool same_place = (d.begin >= row.begin && d.begin < row.end) || (task >= 0 && d.task == task);
          return same_place && d.kind == e.kind && d.end_date == e.end_date;
        });
        if (seen) continue;
        Deadline d = limit_record(text, clauses, e, row.cells[col], row.begin, row.end, row.end);
        d.context = row_text;
        d.task = task;
        d.page = row.page;
        out.push_back(std::move(d));
      }
    }
  }
}

}  // namespace

std::vector<Deadline> extract_deadlines(const normalize::NormalizedText& text,
                                        const outline::Outline& outline,
                                        const std::vector<segment::Clause>& clauses,
                                        const Metadata& meta, const rules::RuleSet& rules) {
  std::vector<Deadline> out;
  sentences::DocumentTime doc_time = sentences::document_time(meta, rules);
  timex::Context& ctx = doc_time.ctx;
  timex::set_reference(ctx, meta.issue_date, meta.reference_year);
  ctx.effective_date = meta.effective_date;

  scan_sentences(text, outline, clauses, rules, ctx, out);
  add_task_limits(text, outline, clauses, rules, ctx, out);
  add_table_limits(text, outline, clauses, rules, ctx, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Deadline& a, const Deadline& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policydb::extract
