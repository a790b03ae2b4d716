// Places for a document's region (see places.h).
#include "extract/places.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/built_once.h"
#include "extract/departments.h"

namespace policydb::extract::places {
namespace {

// The places of the rule tables, indexed once per rule set (built_once).
struct PlaceTables {
  struct Candidate {
    std::string name, spelling;  // spelling: how a text names it (its short form, else its name)
  };
  std::unordered_set<std::string> cities;  // the city table's cities and the provinces' full names
  // Places of each level word (table province's `level`, table city_level):
  // provinces first, then cities, in table order.
  std::unordered_map<std::string, std::vector<Candidate>> by_level;
  std::unordered_map<std::string, std::string> city_by_short;  // the first city with that short form

  explicit PlaceTables(const rules::RuleSet& rules) {
    for (const auto& e : rules.table("province")) {
      auto it = e.lists.find("short");
      const std::string name(e.get("name"));
      cities.insert(name);
      by_level[std::string(e.get("level"))].push_back(
          {name, it == e.lists.end() || it->second.empty() ? name : it->second.front()});
    }
    const auto& city_level = rules.table("city_level");
    const std::string level(city_level.empty() ? "" : city_level.front().get("name"));
    for (const auto& e : rules.table("city"))
      if (auto it = e.lists.find("cities"); it != e.lists.end())
        for (const auto& city : it->second) {
          cities.insert(city);
          std::string short_form = departments::city_short_form(city, rules);
          if (!short_form.empty()) city_by_short.emplace(short_form, city);
          if (!level.empty()) by_level[level].push_back({city, short_form.empty() ? city : short_form});
        }
  }
};

// A place the region rule read with a word glued before it (关于征集徐州市…:
// 征集徐州市; 中共北京市委: 中共北京市) is the longest tail of the capture
// that the city or province table knows. A capture with no known tail (a
// county-level city: 义乌市) is a place only as the grammar of names allows:
// a title's head word (family title_head: 关于, 转发, 印发) is never inside a
// name, so the place starts after the last one (关于转发义乌市… → 义乌市) and
// must still be one the region rule reads whole (转发市… → 市: none); a
// self-reference (family self_scope: 本市, 我省) names no place
// (关于推动本市… → none). Empty when the capture is no place.
std::string_view place_in(std::string_view g, const PlaceTables& places, const rules::RuleSet& rules) {
  for (size_t cut = 0; cut < g.size(); ++cut) {
    if ((static_cast<unsigned char>(g[cut]) & 0xC0) == 0x80) continue;  // not a character boundary
    if (places.cities.count(std::string(g.substr(cut)))) return g.substr(cut);
  }
  const auto heads = rules.find_all("title_head", g);
  if (!heads.empty()) {
    g = g.substr(heads.back().end);
    auto whole = rules.match_prefix("region", g);
    if (!whole || whole->end != g.size() || whole->group("region", g).size() != g.size()) return {};
  }
  if (rules.any("self_scope", g)) return {};
  return g;
}

// How often `text` names each candidate's spelling (each spelling's
// occurrences counted without overlap, as find() from the end of the last
// one would), in one pass over the text.
std::vector<size_t> mentions(std::string_view text, const std::vector<PlaceTables::Candidate>& candidates) {
  std::unordered_map<std::string_view, std::vector<size_t>> by_spelling;
  std::vector<size_t> lengths;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string& sp = candidates[i].spelling;
    if (sp.empty()) continue;
    by_spelling[sp].push_back(i);
    if (std::find(lengths.begin(), lengths.end(), sp.size()) == lengths.end()) lengths.push_back(sp.size());
  }
  std::vector<size_t> n(candidates.size(), 0);
  std::unordered_map<std::string_view, size_t> free_from;  // a spelling's next occurrence starts here at the earliest
  for (size_t at = 0; at < text.size(); ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // not a character boundary
    for (size_t len : lengths) {
      if (at + len > text.size()) continue;
      auto it = by_spelling.find(text.substr(at, len));
      if (it == by_spelling.end()) continue;
      size_t& from = free_from[it->first];
      if (at < from) continue;
      from = at + len;
      for (size_t i : it->second) ++n[i];
    }
  }
  return n;
}

}  // namespace

std::string region_of(std::string_view s, const rules::RuleSet& rules) {
  const std::shared_ptr<const PlaceTables> places = built_once<PlaceTables>(rules);
  size_t best = std::string_view::npos;
  std::string region;
  for (const auto& m : rules.find_all("region", s)) {
    auto g = place_in(m.group("region", s), *places, rules);
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
  const std::shared_ptr<const PlaceTables> places = built_once<PlaceTables>(rules);
  auto it = places->by_level.find(std::string(level));
  if (it == places->by_level.end()) return "";
  const std::vector<size_t> n = mentions(text, it->second);
  std::string best;
  size_t most = 1, second = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    if (n[i] > most) second = most, most = n[i], best = it->second[i].name;
    else if (n[i] > second) second = n[i];
  }
  return most > second ? best : "";
}

// A city named by its short form in brackets (family region_city_short):
// the city table's city whose short form (departments::city_short_form) is the capture.
std::string city_of_short_name(std::string_view title, const rules::RuleSet& rules) {
  const std::shared_ptr<const PlaceTables> places = built_once<PlaceTables>(rules);
  for (const auto& m : rules.find_all("region_city_short", title))
    if (auto it = places->city_by_short.find(std::string(m.group("short", title))); it != places->city_by_short.end())
      return it->second;
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
