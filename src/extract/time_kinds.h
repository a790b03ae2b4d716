// What a deadline is and how precisely it is dated (gold/README.md §4): the
// pipeline's enums, spelt as words only where the store and the export write
// them and where a rule's `kind` attribute is read.
#pragma once

#include <optional>
#include <string_view>

namespace policydb::extract {

enum class DeadlineKind { kBy, kDuring, kOngoing };

// kNone: no date (ongoing, recurring, unresolved); kPeriod: a plan period (十四五).
enum class Precision { kNone, kYear, kQuarter, kMonth, kDay, kPeriod };

const char* name(DeadlineKind kind);  // "by" | "during" | "ongoing"
const char* name(Precision precision);  // "none" | "year" | "quarter" | "month" | "day" | "period"

// A rule attribute's word; nullopt for a word that names no kind.
std::optional<DeadlineKind> parse_deadline_kind(std::string_view word);

}  // namespace policydb::extract
