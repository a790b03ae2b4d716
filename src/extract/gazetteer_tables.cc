// The gazetteer's tables built from the rule files (tables region, city,
// department, alias, …), once per rule set and shared.
#include <algorithm>
#include <map>

#include "common/text.h"
#include "extract/built_once.h"
#include "extract/gazetteer_tables.h"

namespace policydb::extract::departments {

std::string city_short_form(std::string_view city, const rules::RuleSet& rules) {
  for (const auto& e : rules.table("city_short_strip"))
    for (const auto& ending : list_of(e, "endings"))
      if (ends_with(city, ending) && text::length(city) >= text::length(ending) + 2)
        return std::string(city.substr(0, city.size() - ending.size()));
  return "";
}

namespace {

// A row's `level` word; a word that names no level (rules check reports it,
// see check_level_words) is kUnknown.
Level level_word(const rules::Entry& e) { return parse_level(e.get("level")).value_or(Level::kUnknown); }

}  // namespace

Gazetteer::Tables::Tables(const rules::RuleSet& rules) {
  load_regions(rules);
  load_names(rules);
  load_endings(rules);
  build_indexes();
}

void Gazetteer::Tables::load_regions(const rules::RuleSet& rules) {
  for (const auto& e : rules.table("region")) {
    RegionName r{std::string(e.get("name")), level_word(e), list_of(e, "short"), ""};
    if (!r.full.empty()) regions.push_back(std::move(r));
  }
  // Cities after the provinces, so that a province's short form wins over a
  // city's (吉林 is 吉林省 before 吉林市). A city's short form is
  // city_short_form() (辽源市 → 辽源).
  for (const auto& e : rules.table("city")) {
    for (auto& city : list_of(e, "cities")) {
      RegionName r{city, Level::kCity, {}, std::string(e.get("province"))};
      if (auto s = city_short_form(city, rules); !s.empty()) r.shorts.push_back(std::move(s));
      regions.push_back(std::move(r));
    }
  }
  for (uint32_t i = 0; i < regions.size(); ++i) {
    region_candidates.push_back({i, -1});
    for (size_t k = 0; k < regions[i].shorts.size(); ++k)
      if (!regions[i].shorts[k].empty()) region_candidates.push_back({i, static_cast<int>(k)});
  }

  for (const auto& e : rules.table("level_prefix"))
    prefixes.push_back({std::string(e.get("text")), level_word(e)});
  std::stable_sort(prefixes.begin(), prefixes.end(),
                   [](const Prefix& a, const Prefix& b) { return a.text.size() > b.text.size(); });
}

void Gazetteer::Tables::load_names(const rules::RuleSet& rules) {

  auto load_aliases = [](const std::vector<rules::Entry>& entries, std::vector<Alias>& out) {
    for (const auto& e : entries) {
      Alias base;
      base.to = std::string(e.get("name"));
      base.level = level_word(e);
      base.region = std::string(e.get("region"));
      base.whole = e.get("whole") == "true";
      base.until = std::string(e.get("until"));
      std::vector<std::string> froms = list_of(e, "alias");
      froms.push_back(base.to);  // the full name is its own alias
      for (auto& f : froms) {
        if (f.empty()) continue;
        Alias a = base;
        a.from = f;
        out.push_back(std::move(a));
      }
    }
  };
  load_aliases(rules.table("national"), national);
  load_aliases(rules.table("department"), bodies);
  load_aliases(rules.table("jurisdiction"), jurisdiction);
  for (const auto& e : rules.table("template")) {
    Alias a;
    a.from = std::string(e.get("from"));
    a.to = std::string(e.get("to"));
    templates.push_back(std::move(a));
  }
  for (const auto& e : rules.table("affiliate")) {
    for (auto& f : list_of(e, "from")) {
      Alias a;
      a.from = f;
      a.to = std::string(e.get("to"));
      a.region = std::string(e.get("field"));
      affiliates.push_back(std::move(a));
    }
  }
  for (const auto& e : rules.table("expansion")) {
    Alias a;
    a.from = std::string(e.get("from"));
    a.to = std::string(e.get("to"));
    a.unless = std::string(e.get("unless"));
    if (e.get("start") == "true") a.position = Alias::Position::kStart;
    if (e.get("suffix") == "true") a.position = Alias::Position::kSuffix;
    expansions.push_back(std::move(a));
  }
  // A collective prefix is written out (`prefix`) or composed: every
  // `levels` word followed by every `determiners` word.
  for (const auto& e : rules.table("collective")) {
    std::vector<std::string> prefixes;
    if (!e.get("prefix").empty()) prefixes.emplace_back(e.get("prefix"));
    for (const auto& level : list_of(e, "levels"))
      for (const auto& determiner : list_of(e, "determiners")) prefixes.push_back(level + determiner);
    for (auto& prefix : prefixes) {
      Alias a;
      a.from = std::move(prefix);
      a.to = std::string(e.get("append"));
      collectives.push_back(std::move(a));
    }
  }
  std::stable_sort(collectives.begin(), collectives.end(),
                   [](const Alias& a, const Alias& b) { return a.from.size() > b.from.size(); });
}

void Gazetteer::Tables::load_endings(const rules::RuleSet& rules) {
  auto endings_of = [](const std::vector<rules::Entry>& entries, Endings& out) {
    for (const auto& e : entries)
      for (auto& s : list_of(e, "endings")) out.list.push_back(s);
    sort_longest_first(out.list);
  };
  const std::pair<const char*, Endings*> tables[] = {
      {"zone", &zones},                 {"org_suffix", &org_suffixes},
      {"internal", &internal_suffixes}, {"issuer_strip", &issuer_strip},
      {"field_strip", &field_strip},    {"region_short_strip", &region_short_strip},
      {"government", &governments},     {"city_government", &city_governments},
      {"place", &places},               {"generic", &generic},
      {"role_generic", &role_generic},  {"committee", &committees},
      {"functional", &functional},
  };
  for (const auto& [table, endings] : tables) endings_of(rules.table(table), *endings);
  for (const auto& e : rules.table("region_level")) {
    region_levels.push_back({level_word(e), {}});
    endings_of({e}, region_levels.back().endings);
  }
  for (const auto& e : rules.table("national_prefix"))
    for (auto& p : list_of(e, "prefixes")) national_prefixes.push_back(p);
  for (const auto& e : rules.table("attached_office"))
    attached_office.emplace_back(e.get("open"), e.get("close"));
  for (const auto& e : rules.table("placed_brand"))
    for (auto& p : list_of(e, "brands")) placed_brands.push_back(p);
  sort_longest_first(placed_brands);
}

// Indexes last: they point into the vectors loaded before, which no longer change.
void Gazetteer::Tables::build_indexes() {
  for (uint32_t id = 0; id < region_candidates.size(); ++id) {
    const auto& c = region_candidates[id];
    const RegionName& r = regions[c.region];
    region_index.add(c.slot < 0 ? r.full : r.shorts[c.slot], id);
  }
  for (uint32_t id = 0; id < collectives.size(); ++id) collective_index.add(collectives[id].from, id);
  auto index = [](const std::vector<Alias>& v, Index& out) {
    for (uint32_t i = 0; i < v.size(); ++i) out[v[i].from].push_back(i);
  };
  index(national, national_by_from);
  index(bodies, bodies_by_from);
  index(templates, templates_by_from);
  index(jurisdiction, jurisdiction_by_from);
  index(affiliates, affiliates_by_from);
  for (Endings* e : {&zones, &org_suffixes, &internal_suffixes, &issuer_strip, &field_strip,
                     &region_short_strip, &governments, &city_governments, &places, &generic, &role_generic, &committees,
                     &functional})
    e->index();
  for (RegionLevel& l : region_levels) l.endings.index();
}

// A second name in brackets closing a name is an office attached to it only
// when both read as organisations (市委组织部（市人才办）) and the name is
// one body; a bracket inside a name, one that is no organisation (市政府
// （含新区）) and a collective's alternative (各区（市）县政府（管委会）, the
// zones' committees beside the governments) stay.
std::string_view Gazetteer::Tables::strip_bracket(std::string_view w) const {
  for (const auto& [open_bracket, close_bracket] : attached_office) {
    if (open_bracket.empty() || !ends_with(w, close_bracket)) continue;
    const size_t open = w.rfind(open_bracket);
    if (open == std::string_view::npos || open == 0) continue;
    const std::string_view head = w.substr(0, open);
    const std::string_view inner = w.substr(open + open_bracket.size(), w.size() - open - open_bracket.size() - close_bracket.size());
    if (collective_prefix(head).empty() && org_suffixes.proper_suffix(head) && org_suffixes.proper_suffix(inner))
      return head;
  }
  return w;
}

std::string_view Gazetteer::Tables::collective_prefix(std::string_view s) const {
  std::string_view found;
  collective_index.visit(s, [&](uint32_t id) {
    const Alias& c = collectives[id];
    if (!starts_with(s, c.from) || s.size() <= c.from.size()) return false;
    found = c.from;
    return true;
  });
  return found;
}

Level Gazetteer::Tables::level_of(std::string_view region) const {
  for (const RegionLevel& l : region_levels)
    if (l.endings.suffix_of(region)) return l.level;
  return Level::kNone;
}

// The gazetteer tables whose rows carry a `level` word.
constexpr const char* kLevelTables[] = {"region", "level_prefix", "national", "department", "jurisdiction",
                                        "region_level"};

bool Gazetteer::Tables::national_prefix(std::string_view name) const {
  for (const auto& p : national_prefixes)
    if (starts_with(name, p)) return true;
  return false;
}

std::shared_ptr<const Gazetteer::Tables> Gazetteer::Tables::of(const rules::RuleSet& rules) {
  return built_once<Tables>(rules);
}

}  // namespace policydb::extract::departments

namespace policydb::extract {

std::vector<std::string> check_level_words(const rules::RuleSet& rules) {
  std::vector<std::string> failures;
  for (const char* table : departments::kLevelTables)
    for (const auto& e : rules.table(table))
      if (!parse_level(e.get("level")))
        failures.push_back(e.file + ":" + std::to_string(e.line) + ": table " + table + ": level `" +
                           std::string(e.get("level")) + "` names no level");
  return failures;
}

}  // namespace policydb::extract
