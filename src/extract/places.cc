// Places for a document's region (see places.h).
#include "extract/places.h"

#include <map>

#include "extract/departments.h"

namespace policydb::extract::places {
namespace {

// True when the city table (departments/cities.toml) lists `name`.
bool known_city(std::string_view name, const rules::RuleSet& rules) {
  for (const auto& e : rules.table("city"))
    if (auto it = e.lists.find("cities"); it != e.lists.end())
      for (const auto& city : it->second)
        if (city == name) return true;
  return false;
}

// A place the region rule read with a word glued before it (关于征集徐州市…:
// 征集徐州市) is the longest tail of the capture that the city table knows;
// a capture with no known tail is kept as read.
std::string_view known_tail(std::string_view g, const rules::RuleSet& rules) {
  if (known_city(g, rules)) return g;
  for (size_t cut = 1; cut < g.size(); ++cut) {
    if ((static_cast<unsigned char>(g[cut]) & 0xC0) == 0x80) continue;  // not a character boundary
    if (known_city(g.substr(cut), rules)) return g.substr(cut);
  }
  return g;
}

// How often `text` names `spelling`.
size_t count_of(std::string_view text, std::string_view spelling) {
  size_t n = 0;
  for (size_t at = text.find(spelling); !spelling.empty() && at != std::string_view::npos;
       at = text.find(spelling, at + spelling.size()))
    ++n;
  return n;
}

}  // namespace

std::string region_of(std::string_view s, const rules::RuleSet& rules) {
  size_t best = std::string_view::npos;
  std::string region;
  for (const auto& m : rules.find_all("region", s)) {
    auto g = known_tail(m.group("region", s), rules);
    if (g.empty()) continue;
    size_t at = size_t(g.data() - s.data());
    if (at < best) best = at, region = std::string(g);
    break;  // find_all is ordered by position
  }
  for (const auto& e : rules.table("province")) {
    const std::string_view name = e.get("name");
    auto earlier = [&](std::string_view n) {
      if (n.empty()) return;
      size_t at = s.find(n);
      if (at != std::string_view::npos && at < best) best = at, region = std::string(name);
    };
    earlier(name);
    if (auto it = e.lists.find("short"); it != e.lists.end())
      for (const auto& n : it->second) earlier(n);
  }
  return region;
}

// A document headed by a body written without its place (省人民政府关于…,
// family placeless_head, group `level`) is about its own place, which its
// text names more often than any other of that level: a province for 省, a
// city or a municipality for 市. Counted by short name (湖北, 天津), the
// full name containing it; only a place named at least twice and more often
// than any other counts.
std::string most_named_place(std::string_view text, std::string_view level, const rules::RuleSet& rules) {
  const std::string_view municipality = "市";
  std::string best;
  size_t most = 1, second = 0;
  auto consider = [&](const std::string& name, std::string_view spelling) {
    const size_t n = count_of(text, spelling.empty() ? std::string_view(name) : spelling);
    if (n > most) second = most, most = n, best = name;
    else if (n > second) second = n;
  };
  for (const auto& e : rules.table("province")) {
    const std::string name(e.get("name"));
    const bool is_municipality = name.ends_with(municipality);
    if ((level == municipality) != is_municipality) continue;
    auto it = e.lists.find("short");
    consider(name, it == e.lists.end() || it->second.empty() ? std::string_view() : std::string_view(it->second.front()));
  }
  if (level == municipality)
    for (const auto& e : rules.table("city"))
      if (auto it = e.lists.find("cities"); it != e.lists.end())
        for (const auto& city : it->second) consider(city, departments::city_short_form(city, rules));
  return most > second ? best : "";
}

// A city named by its short form in brackets (family region_city_short):
// the city table's city whose short form (departments::city_short_form) is the capture.
std::string city_of_short_name(std::string_view title, const rules::RuleSet& rules) {
  for (const auto& m : rules.find_all("region_city_short", title)) {
    const std::string short_name(m.group("short", title));
    for (const auto& e : rules.table("city")) {
      auto it = e.lists.find("cities");
      if (it == e.lists.end()) continue;
      for (const auto& city : it->second)
        if (departments::city_short_form(city, rules) == short_name) return city;
    }
  }
  return "";
}

// The region a 文号 names by its issuer's 代字 (table doc_number_region): the
// longest prefix that opens it.
std::string region_of_doc_number(std::string_view number, const rules::RuleSet& rules) {
  std::string_view best_prefix, region;
  for (const auto& e : rules.table("doc_number_region")) {
    const std::string_view prefix = e.get("prefix");
    if (!prefix.empty() && number.substr(0, prefix.size()) == prefix && prefix.size() > best_prefix.size())
      best_prefix = prefix, region = e.get("region");
  }
  return std::string(region);
}

std::string self_scope_place(std::string_view text, std::string_view national_region, const rules::RuleSet& rules) {
  std::map<std::string, size_t> mentions;  // level ("" for the country) → how often
  for (const auto& m : rules.find_all("self_scope", text))
    ++mentions[m.attr("national") == "true" ? std::string() : std::string(m.group("level", text))];
  const std::string* best = nullptr;
  size_t most = 0, second = 0;
  for (const auto& [level, n] : mentions) {
    if (n > most) second = most, most = n, best = &level;
    else if (n > second) second = n;
  }
  if (!best || most < 2 || most == second) return "";
  return best->empty() ? std::string(national_region) : most_named_place(text, *best, rules);
}

}  // namespace policydb::extract::places
