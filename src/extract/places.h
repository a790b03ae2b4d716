// Places in a document's header and text, for its region: a place the region
// rules read, a province or city named most often, a city by its short name
// in brackets, a 文号's 代字. All vocabulary comes from the rule tables
// (province, city, doc_number_region) and families (region, region_city_short).
#pragma once

#include <string>
#include <string_view>

#include "rules/rules.h"

namespace policydb::extract::places {

// The first place the `region` family or the province table finds in `s`
// (a province's full or short name); empty if none.
std::string region_of(std::string_view s, const rules::RuleSet& rules);

// The province (level 省) or city/municipality (level 市) that `text` names
// more often than any other and at least twice; empty if none.
std::string most_named_place(std::string_view text, std::string_view level, const rules::RuleSet& rules);

// A city named by its short form in brackets (family region_city_short); empty if none.
std::string city_of_short_name(std::string_view title, const rules::RuleSet& rules);

// The region a 文号 names by its issuer's 代字 (table doc_number_region); empty if none.
std::string region_of_doc_number(std::string_view number, const rules::RuleSet& rules);

// The region a text names itself by (family self_scope: 我国/全国, 我省/全省,
// 我市/本市…): the level named most often, strictly and at least twice (a
// title's 开展全国…活动 alone is an event); national_region for the
// country, else the place of that level the text names most often
// (most_named_place). Empty if no level wins.
std::string self_scope_place(std::string_view text, std::string_view national_region, const rules::RuleSet& rules);

}  // namespace policydb::extract::places
