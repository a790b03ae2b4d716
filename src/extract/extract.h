// Extract: metadata, targets, deadlines and assignments from a read
// document. Patterns come from rules/ (families named below); the code here
// interprets their groups and attributes and normalises values.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "normalize/normalize.h"
#include "extract/department_kinds.h"
#include "extract/time_kinds.h"
#include "outline/outline.h"
#include "extract/field_sources.h"
#include "segment/segment.h"

#include "rules/rules.h"

namespace policydb::extract {

// What gold/README.md §1 calls the document record.
struct Metadata {
  std::string title;       // as printed, wraps joined; a cover notice is titled by the notice
  std::string doc_number;  // 文号, e.g. 潮发改资环函〔2023〕182号; empty if none
  // ISO YYYY-MM-DD; reduced to YYYY-MM when only a plan's cover month is
  // printed (fields_source says cover_month).
  std::string issue_date;
  std::string region;      // jurisdiction, e.g. 潮州市, 广东省; empty if unknown
  std::vector<std::string> issuers;  // full names
  // Year relative expressions resolve against: the issue date's year, else
  // the year in the title, else 0 (unknown). Never the run's date.
  int reference_year = 0;
  int reference_month = 0;  // month of issue_date, 0 if unknown
  // Validity (自2023年2月1日起施行, 有效期至…, 有效期N年): ISO dates or empty.
  std::string effective_date;
  std::string valid_until;
  // Where each field came from, in the order title, doc_number, issue_date,
  // region, effective_date, valid_until (sources: page_header, html_meta, title_line, doc_number_line,
  // attachment_line, signature, inline_signature, printed_line, adopted,
  // date_label, cover_month, doc_number_year, title_year, title, issuer,
  // text_place (a placeless issuer: the place its text names most),
  // doc_number, …); fields not found are left out.
  FieldSources fields_source;
};

// gold/README.md §2.
struct Target {
  std::string indicator;
  std::string scope;                 // empty = null
  std::string direction;             // decrease | increase | level
  std::optional<double> value;       // nullopt: qualitative
  std::optional<double> value_max;   // ranges 10-15%
  std::string unit;                  // as written: %, 个百分点, 万亩, 家次 ...
  std::string comparator;            // >= > <= < ~ =
  std::optional<int> baseline_year;
  std::optional<int> target_year;
  bool aspirational = false;
  std::string attribute;             // 约束性 | 预期性 (an indicator table's 属性), empty = null
  std::string evidence;              // the clause text
  int clause = -1, task = -1;
  size_t begin = 0, end = 0;         // span of the target in the normalised text
  int page = 1;
  std::string rule;                  // id of the rule that found it
};

// gold/README.md §4.
struct Deadline {
  std::string as_written;
  DeadlineKind kind = DeadlineKind::kBy;
  std::string start_date;  // ISO or empty
  std::string end_date;    // ISO or empty
  Precision precision = Precision::kNone;
  std::string context;     // the clause text
  int clause = -1, task = -1;
  size_t begin = 0, end = 0;
  int page = 1;
  std::string rule;
};

// A department as the gazetteer resolves it (gold/README.md §3).
struct Department {
  std::string canonical;  // full official name, level prefix resolved
  Level level = Level::kNone;
  std::string region;     // jurisdiction the prefix resolved to
  bool known = false;     // found in the gazetteer (false: expanded by the usual rules)
};

struct Assignment {
  int task = -1;
  Department department;
  std::string as_written;  // the name as it appears in the note
  Role role = Role::kNone;
  std::string note;        // the whole note as written
  // Span of as_written in the normalised text: in the note, or for bodies a
  // standing instruction names, in the instruction; 0,0 when the note is
  // no span of the text (a copy of a table cell).
  size_t begin = 0, end = 0;
  int page = 1;
  std::string rule;
};

struct Extraction {
  std::vector<Target> targets;
  std::vector<Deadline> deadlines;
  std::vector<Assignment> assignments;
};

// The families read over a document's whole text (a cover letter's validity
// and inline signature, the 文号 of an attachment line, standing rules of
// assignment, flattened indicator tables), found in one Set pass over their
// union, as each pass reads every byte; made once per document and shared by
// the readers below.
struct WholeText {
  enum Family : size_t { kValidity, kSignatureInline, kDocNumberAttachment, kStandingRule, kTargetFlatHeader };
  rules::Scan scan;
};
WholeText scan_whole_text(const normalize::NormalizedText& text, const rules::RuleSet& rules);
// `given` when the caller made the scan, else `own` filled with one.
const WholeText& whole_text_or_scan(const WholeText* given, const normalize::NormalizedText& text,
                                    const rules::RuleSet& rules, WholeText& own);

// Rule families: "doc_number", "date", "title", "region", "issuer". `whole`:
// the document's scan_whole_text(), made here when not given (likewise below).
Metadata extract_metadata(const normalize::NormalizedText& text, const outline::Outline& outline,
                          const rules::RuleSet& rules, const WholeText* whole = nullptr);

// What a web page says about itself (HTML <meta ArticleTitle/PubDate/
// ContentSource> and <title>, as ingest::RawDocument::meta holds them) fills
// the title, issue date and issuers the text did not give, and the region
// when these name one; a page title that `doc`'s header prints (wraps joined)
// replaces the part of it the title reader found. Rule families: "org_line",
// "region".
void fill_from_page_meta(Metadata& meta, const normalize::NormalizedText& doc,
                         const std::vector<std::pair<std::string, std::string>>& page_meta,
                         const rules::RuleSet& rules);

// Rule families: "target", "target_year", "unit", tables "period".
std::vector<Target> extract_targets(const normalize::NormalizedText& text,
                                    const outline::Outline& outline,
                                    const std::vector<segment::Clause>& clauses,
                                    const Metadata& meta, const rules::RuleSet& rules,
                                    const WholeText* whole = nullptr);

// Rule families: "deadline", "not_deadline", tables "period".
std::vector<Deadline> extract_deadlines(const normalize::NormalizedText& text,
                                        const outline::Outline& outline,
                                        const std::vector<segment::Clause>& clauses,
                                        const Metadata& meta, const rules::RuleSet& rules);

// Rule families: "note", "standing_rule", tables "department", "expansion".
std::vector<Assignment> extract_assignments(const normalize::NormalizedText& text,
                                            const outline::Outline& outline,
                                            const Metadata& meta, const rules::RuleSet& rules,
                                            const WholeText* whole = nullptr);

// Runs the three extractors above.
Extraction extract_all(const normalize::NormalizedText& text, const outline::Outline& outline,
                       const std::vector<segment::Clause>& clauses, const Metadata& meta,
                       const rules::RuleSet& rules, const WholeText* whole = nullptr);

// The note and name cases of rules/ (tables note_case, name_case) run
// through the notes grammar and the gazetteer: one message per case that
// does not read as its row says, naming file and line (note_cases.cc).
std::vector<std::string> check_note_cases(const rules::RuleSet& rules);

// A row of a gazetteer table whose `level` word names no Level: one
// message each, naming file and line (gazetteer_tables.cc).
std::vector<std::string> check_level_words(const rules::RuleSet& rules);

}  // namespace policydb::extract
