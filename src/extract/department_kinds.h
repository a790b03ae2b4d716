// A department's level and an assignment's role (gold/README.md §3): the
// pipeline's enums, spelt as words only where the store and the export write
// them and where a rule's `level` or `role` attribute is read.
#pragma once

#include <optional>
#include <string_view>

namespace policydb::extract {

// kNone: no level known (no jurisdiction); a gazetteer entry with kNone
// applies at any level. kUnknown: a name under no prefix and no region.
enum class Level { kNone, kNational, kProvince, kCity, kCounty, kCollective, kZone, kInternal, kUnknown };

// kNone: no role word (the notes grammar fills it before an assignment is made).
enum class Role { kNone, kLead, kSupport, kResponsible, kImplement };

// "" | "national" | "province" | "city" | "county" | "collective" | "zone" | "internal" | "unknown"
const char* name(Level level);
// "" | "lead" | "support" | "responsible" | "implement"
const char* name(Role role);

// A rule's or table's word; nullopt for a word that names no level (role).
// The empty word is kNone.
std::optional<Level> parse_level(std::string_view word);
std::optional<Role> parse_role(std::string_view word);

}  // namespace policydb::extract
