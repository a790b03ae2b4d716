// The gazetteer's tables (private to departments.cc and gazetteer_tables.cc):
// everything of it that does not depend on the document, built once per rule
// set, and the small string helpers both files use.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/departments.h"
#include "rules/rules.h"

namespace policydb::extract::departments {
inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

inline std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

// Longest-first so that 自治区 is tried before 区, 委员会 before 委.
inline void sort_longest_first(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

inline std::vector<std::string> list_of(const rules::Entry& e, const std::string& key) {
  auto it = e.lists.find(key);
  if (it != e.lists.end()) return it->second;
  std::string_view v = e.get(key);
  if (!v.empty()) return {std::string(v)};
  return {};
}

// Lists of table rows by the text they are looked up by, in table order
// (the first row that fits wins, as in a scan of the table).
using Index = std::unordered_map<std::string_view, std::vector<uint32_t>>;

inline const std::vector<uint32_t>* lookup(const Index& index, std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &it->second;
}

// A list of endings (longest first, as written) with a set for "does `s`
// end in one of them" without scanning the list.
struct Endings {
  std::vector<std::string> list;  // longest first
  std::unordered_set<std::string_view> set;
  std::vector<size_t> lengths;  // distinct lengths in `set`, ascending

  void index() {
    for (const auto& e : list) {
      set.insert(e);
      lengths.push_back(e.size());
    }
    std::sort(lengths.begin(), lengths.end());
    lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  }
  // True when `s` ends in an ending and is longer than it.
  bool proper_suffix(std::string_view s) const {
    for (size_t n : lengths) {
      if (n >= s.size()) break;
      if (set.count(s.substr(s.size() - n))) return true;
    }
    return false;
  }
  // True when `s` ends in an ending or is one.
  bool suffix_of(std::string_view s) const {
    for (size_t n : lengths) {
      if (n > s.size()) break;
      if (set.count(s.substr(s.size() - n))) return true;
    }
    return false;
  }
  // The longest ending that `s` ends in and is longer than, or empty.
  std::string_view longest_proper(std::string_view s) const {
    for (auto n = lengths.rbegin(); n != lengths.rend(); ++n) {
      if (*n >= s.size()) continue;
      auto it = set.find(s.substr(s.size() - *n));
      if (it != set.end()) return *it;
    }
    return {};
  }
  bool contains(std::string_view s) const { return set.count(s) > 0; }
};

// Names looked up by the text they start with: candidates are bucketed by
// their first three bytes (one CJK character), kept in table order.
struct PrefixIndex {
  static constexpr size_t kHead = 3;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_head;
  std::vector<uint32_t> tiny;  // candidates shorter than kHead, checked always

  void add(std::string_view text, uint32_t id) {
    if (text.size() < kHead) tiny.push_back(id);
    else by_head[text.substr(0, kHead)].push_back(id);
  }
  // Calls f(id) for every candidate that may start `name`, in increasing id
  // order, until f returns true. Returns whether one did.
  template <typename F>
  bool visit(std::string_view name, F&& f) const {
    static const std::vector<uint32_t> kNone;
    const std::vector<uint32_t>* bucket = &kNone;
    if (name.size() >= kHead) {
      auto it = by_head.find(name.substr(0, kHead));
      if (it != by_head.end()) bucket = &it->second;
    }
    size_t i = 0, j = 0;
    while (i < bucket->size() || j < tiny.size()) {
      uint32_t id;
      if (j >= tiny.size() || (i < bucket->size() && (*bucket)[i] < tiny[j])) id = (*bucket)[i++];
      else id = tiny[j++];
      if (f(id)) return true;
    }
    return false;
  }
};


struct Gazetteer::Alias {
  std::string from;
  std::string to;
  Level level = Level::kNone;  // jurisdiction level the entry is restricted to (kNone = any)
  std::string region;  // jurisdiction (or, for affiliates, issuer field) it is restricted to
  bool whole = false;  // `to` is a full name, not a body under the jurisdiction
  std::string until;   // a former name: applies only to notices dated before (ISO date)
  // expansions only:
  std::string unless;  // skip when the name already contains this
  enum class Position { kAnywhere, kStart, kSuffix } position = Position::kAnywhere;
};

// Everything of the gazetteer that does not depend on the document: built
// once per rule set and shared read-only. Indexes hold views into the
// vectors' strings, so a Tables is built in place and never moved.
struct Gazetteer::Tables {
  struct Prefix {
    std::string text;
    Level level;
  };
  struct RegionName {
    std::string full;
    Level level;
    std::vector<std::string> shorts;
    std::string province;  // a city's province (table `city`); empty for the `region` table
  };
  // A region written at the start of a name: its full name (slot -1) or one
  // of its short forms (slot k).
  struct RegionCandidate {
    uint32_t region;
    int slot;
  };

  std::vector<RegionName> regions;
  std::vector<RegionCandidate> region_candidates;  // regions in order, full name then shorts
  PrefixIndex region_index;                        // ids into region_candidates
  std::vector<Prefix> prefixes;                    // longest first
  std::vector<Alias> national;                     // whole names
  std::vector<Alias> bodies;                       // department bodies
  std::vector<Alias> templates;                    // to contains {region} / {short}
  std::vector<Alias> jurisdiction;                 // region-specific bodies and whole names
  std::vector<Alias> affiliates;                   // region = issuer field
  std::vector<Alias> expansions;                   // infix rewrites
  std::vector<Alias> collectives;                  // from = prefix, to = appended ending
  PrefixIndex collective_index;                    // ids into collectives
  Index national_by_from, bodies_by_from, templates_by_from, jurisdiction_by_from,
      affiliates_by_from;
  Endings zones, org_suffixes, internal_suffixes, issuer_strip, field_strip;
  Endings region_short_strip, governments, city_governments, places, generic;
  Endings role_generic;  // a role word + generic ending (牵头部门, 配合单位)
  Endings functional;    // a body named by its function (X主管部门, X成员单位)
  Endings committees;    // a zone's committee (管委会, 管理委员会)
  struct RegionLevel {
    Level level;
    Endings endings;
  };
  std::vector<RegionLevel> region_levels;  // in table order: the first that fits wins
  std::vector<std::string> national_prefixes;
  std::vector<std::string> placed_brands;  // national bodies whose branches name their place (国网…)

  // Brackets around an office attached to a department (table attached_office).
  std::vector<std::pair<std::string, std::string>> attached_office;
  // Drops a trailing second name in those brackets (交通运输厅〔铁建办〕).
  std::string_view strip_bracket(std::string_view w) const;
  // The first (longest) collective prefix `s` starts with and is longer
  // than (各, 市级有关 …; table collective), or empty.
  std::string_view collective_prefix(std::string_view s) const;

  // A region's level by its ending (province | city | county), or kNone.
  Level level_of(std::string_view region) const;
  bool national_prefix(std::string_view name) const;

  explicit Tables(const rules::RuleSet& rules);
  // The constructor's parts, in order: regions, cities and level prefixes;
  // names and aliases; endings; the indexes over what was loaded.
  void load_regions(const rules::RuleSet& rules);
  void load_names(const rules::RuleSet& rules);
  void load_endings(const rules::RuleSet& rules);
  void build_indexes();
  Tables(const Tables&) = delete;
  Tables& operator=(const Tables&) = delete;

  static std::shared_ptr<const Tables> of(const rules::RuleSet& rules);
};

}  // namespace policydb::extract::departments
