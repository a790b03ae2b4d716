#include "extract/department_kinds.h"

#include <array>
#include <utility>

namespace policydb::extract {
namespace {

constexpr std::array<std::pair<Level, const char*>, 9> kLevels = {{
    {Level::kNone, ""},
    {Level::kNational, "national"},
    {Level::kProvince, "province"},
    {Level::kCity, "city"},
    {Level::kCounty, "county"},
    {Level::kCollective, "collective"},
    {Level::kZone, "zone"},
    {Level::kInternal, "internal"},
    {Level::kUnknown, "unknown"},
}};

constexpr std::array<std::pair<Role, const char*>, 5> kRoles = {{
    {Role::kNone, ""},
    {Role::kLead, "lead"},
    {Role::kSupport, "support"},
    {Role::kResponsible, "responsible"},
    {Role::kImplement, "implement"},
}};

template <typename E, size_t N>
const char* word_of(const std::array<std::pair<E, const char*>, N>& words, E e) {
  for (const auto& [value, word] : words)
    if (value == e) return word;
  return "";
}

template <typename E, size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& words, std::string_view w) {
  for (const auto& [value, word] : words)
    if (w == word) return value;
  return std::nullopt;
}

}  // namespace

const char* name(Level level) { return word_of(kLevels, level); }
const char* name(Role role) { return word_of(kRoles, role); }
std::optional<Level> parse_level(std::string_view word) { return value_of(kLevels, word); }
std::optional<Role> parse_role(std::string_view word) { return value_of(kRoles, word); }

}  // namespace policydb::extract
