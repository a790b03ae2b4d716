#include "extract/time_kinds.h"

namespace policydb::extract {

const char* name(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::kBy: return "by";
    case DeadlineKind::kDuring: return "during";
    case DeadlineKind::kOngoing: return "ongoing";
  }
  return "by";
}

const char* name(Precision precision) {
  switch (precision) {
    case Precision::kNone: return "none";
    case Precision::kYear: return "year";
    case Precision::kQuarter: return "quarter";
    case Precision::kMonth: return "month";
    case Precision::kDay: return "day";
    case Precision::kPeriod: return "period";
  }
  return "none";
}

std::optional<DeadlineKind> parse_deadline_kind(std::string_view word) {
  if (word.empty() || word == "by") return DeadlineKind::kBy;  // the default of a deadline rule
  if (word == "during") return DeadlineKind::kDuring;
  if (word == "ongoing") return DeadlineKind::kOngoing;
  return std::nullopt;
}

}  // namespace policydb::extract
