// Targets read from tables (issue 18 §4), split from targets.cc: indicator
// tables (指标 | 单位 | 2020年 | 2025年 | 属性) give one target per row and per
// target-year column, with the 属性 (约束性/预期性) kept; per-region tables
// (地市 | 完成数（家）) give one target per row with the row's region as
// scope. Rows arrive as cells, whatever the format (PDF, HTML, DOCX, '\t').
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/timex.h"

namespace policydb::extract {

// Appends the targets of every goal table of `outline` to `out`.
void table_targets(const outline::Outline& outline, const rules::RuleSet& rules,
                   const timex::Context& ctx, std::vector<Target>& out);

// Appends the targets of tables whose cells a scraper ran together into one
// line (target_flat.cc): one per row and year column; their headers are
// family target_flat_header of the document's WholeText scan.
void flat_table_targets(const normalize::NormalizedText& text, const outline::Outline& outline,
                        const rules::RuleSet& rules, const WholeText& whole, const timex::Context& ctx,
                        std::vector<Target>& out);

// The comparator a suffix (以上, 左右 …) stands for: table comparator_suffix
// of rules/targets.toml, the first entry with a word the suffix contains.
std::string comparator_of_suffix(const rules::RuleSet& rules, std::string_view s);
// A unit as the document means it where its text layer lost a part of it
// (table unit_spelling: μg/m → μg/m³); else the unit unchanged.
std::string unit_as_meant(const rules::RuleSet& rules, std::string unit);

// Whether `offset` lies in a part of the document no record comes from.
bool in_excluded(const outline::Outline& outline, size_t offset);

}  // namespace policydb::extract
