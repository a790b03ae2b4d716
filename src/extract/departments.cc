#include "extract/departments.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "rules/rules.h"

namespace policydb::extract::departments {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Drops a trailing second name in 〔…〕 (交通运输厅〔铁建办〕): an office attached
// to the department, not a department of its own (gold 235 notes).
std::string_view strip_bracket(std::string_view w) {
  static constexpr std::string_view kOpen = "〔", kClose = "〕";
  if (!ends_with(w, kClose)) return w;
  size_t open = w.rfind(kOpen);
  if (open == std::string_view::npos || open == 0) return w;
  return w.substr(0, open);
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

// Longest-first so that 自治区 is tried before 区, 委员会 before 委.
void sort_longest_first(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::vector<std::string> list_of(const rules::Entry& e, const std::string& key) {
  auto it = e.lists.find(key);
  if (it != e.lists.end()) return it->second;
  std::string_view v = e.get(key);
  if (!v.empty()) return {std::string(v)};
  return {};
}

// Lists of table rows by the text they are looked up by, in table order
// (the first row that fits wins, as in a scan of the table).
using Index = std::unordered_map<std::string_view, std::vector<uint32_t>>;

const std::vector<uint32_t>* lookup(const Index& index, std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &it->second;
}

}  // namespace

struct Gazetteer::Alias {
  std::string from;
  std::string to;
  std::string level;   // jurisdiction level the entry is restricted to ("" = any)
  std::string region;  // jurisdiction (or, for affiliates, issuer field) it is restricted to
  bool whole = false;  // `to` is a full name, not a body under the jurisdiction
  std::string until;   // a former name: applies only to notices dated before (ISO date)
  // expansions only:
  std::string unless;  // skip when the name already contains this
  enum class Position { kAnywhere, kStart, kSuffix } position = Position::kAnywhere;
};

namespace {

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

}  // namespace

// Everything of the gazetteer that does not depend on the document: built
// once per rule set and shared read-only. Indexes hold views into the
// vectors' strings, so a Tables is built in place and never moved.
struct Gazetteer::Tables {
  struct Prefix {
    std::string text;
    std::string level;
  };
  struct RegionName {
    std::string full;
    std::string level;
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
  struct Level {
    std::string level;
    Endings endings;
  };
  std::vector<Level> region_levels;  // in table order: the first that fits wins
  std::vector<std::string> national_prefixes;
  std::vector<std::string> placed_brands;  // national bodies whose branches name their place (国网…)

  // A region's level by its ending (province | city | county), or "".
  std::string level_of(std::string_view region) const;
  bool national_prefix(std::string_view name) const;

  explicit Tables(const rules::RuleSet& rules);
  Tables(const Tables&) = delete;
  Tables& operator=(const Tables&) = delete;

  static std::shared_ptr<const Tables> of(const rules::RuleSet& rules);
};

Gazetteer::Tables::Tables(const rules::RuleSet& rules) {
  for (const auto& e : rules.table("region")) {
    RegionName r{std::string(e.get("name")), std::string(e.get("level")), list_of(e, "short"), ""};
    if (!r.full.empty()) regions.push_back(std::move(r));
  }
  // Cities after the provinces, so that a province's short form wins over a
  // city's (吉林 is 吉林省 before 吉林市). A 市 city's short form is its name
  // without 市 when two or more characters remain (辽源市 → 辽源).
  for (const auto& e : rules.table("city")) {
    for (auto& city : list_of(e, "cities")) {
      RegionName r{city, "city", {}, std::string(e.get("province"))};
      if (ends_with(city, "市") && text::length(city) > 2) r.shorts.push_back(city.substr(0, city.size() - 3));
      regions.push_back(std::move(r));
    }
  }
  for (uint32_t i = 0; i < regions.size(); ++i) {
    region_candidates.push_back({i, -1});
    for (size_t k = 0; k < regions[i].shorts.size(); ++k)
      if (!regions[i].shorts[k].empty()) region_candidates.push_back({i, static_cast<int>(k)});
  }

  for (const auto& e : rules.table("level_prefix"))
    prefixes.push_back({std::string(e.get("text")), std::string(e.get("level"))});
  std::stable_sort(prefixes.begin(), prefixes.end(),
                   [](const Prefix& a, const Prefix& b) { return a.text.size() > b.text.size(); });

  auto load_aliases = [](const std::vector<rules::Entry>& entries, std::vector<Alias>& out) {
    for (const auto& e : entries) {
      Alias base;
      base.to = std::string(e.get("name"));
      base.level = std::string(e.get("level"));
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
  for (const auto& e : rules.table("collective")) {
    Alias a;
    a.from = std::string(e.get("prefix"));
    a.to = std::string(e.get("append"));
    collectives.push_back(std::move(a));
  }
  std::stable_sort(collectives.begin(), collectives.end(),
                   [](const Alias& a, const Alias& b) { return a.from.size() > b.from.size(); });

  auto load_endings = [](const std::vector<rules::Entry>& entries, Endings& out) {
    for (const auto& e : entries)
      for (auto& s : list_of(e, "endings")) out.list.push_back(s);
    sort_longest_first(out.list);
  };
  load_endings(rules.table("zone"), zones);
  load_endings(rules.table("org_suffix"), org_suffixes);
  load_endings(rules.table("internal"), internal_suffixes);
  load_endings(rules.table("issuer_strip"), issuer_strip);
  load_endings(rules.table("field_strip"), field_strip);
  load_endings(rules.table("region_short_strip"), region_short_strip);
  load_endings(rules.table("government"), governments);
  load_endings(rules.table("city_government"), city_governments);
  load_endings(rules.table("place"), places);
  load_endings(rules.table("generic"), generic);
  load_endings(rules.table("role_generic"), role_generic);
  load_endings(rules.table("committee"), committees);
  load_endings(rules.table("functional"), functional);
  for (const auto& e : rules.table("region_level")) {
    region_levels.push_back({std::string(e.get("level")), {}});
    load_endings({e}, region_levels.back().endings);
  }
  for (const auto& e : rules.table("national_prefix"))
    for (auto& p : list_of(e, "prefixes")) national_prefixes.push_back(p);
  for (const auto& e : rules.table("placed_brand"))
    for (auto& p : list_of(e, "brands")) placed_brands.push_back(p);
  sort_longest_first(placed_brands);

  // Indexes last: they point into the vectors above, which no longer change.
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
  for (Level& l : region_levels) l.endings.index();
}

std::string Gazetteer::Tables::level_of(std::string_view region) const {
  for (const Level& l : region_levels)
    if (l.endings.suffix_of(region)) return l.level;
  return "";
}

bool Gazetteer::Tables::national_prefix(std::string_view name) const {
  for (const auto& p : national_prefixes)
    if (starts_with(name, p)) return true;
  return false;
}

std::shared_ptr<const Gazetteer::Tables> Gazetteer::Tables::of(const rules::RuleSet& rules) {
  // Keyed by the rule set's hash (its files' names and bytes): equal hashes
  // give equal tables, and a RuleSet freed and another loaded at its address
  // cannot be confused with it.
  static std::mutex mu;
  static auto* cache = new std::map<std::string, std::shared_ptr<const Tables>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(rules.hash());
  if (it != cache->end()) return it->second;
  auto built = std::make_shared<const Tables>(rules);
  // A process that loads many rule sets (tests) keeps only a few; documents
  // still using an evicted one hold their own reference.
  if (cache->size() >= 8) cache->clear();
  cache->emplace(rules.hash(), built);
  return built;
}

Gazetteer::Gazetteer(const rules::RuleSet& rules, const Metadata& meta)
    : tables_(Tables::of(rules)), region_(meta.region), date_(meta.issue_date) {
  const Tables& tb = t();
  region_ = jurisdiction_of(meta);
  region_level_ = tb.level_of(region_);
  for (const auto& r : tb.regions) {
    if (r.full == region_ && r.level == "national") {
      // A national notice (region 全国): no jurisdiction to prefix names with.
      national_doc_ = true;
      region_.clear();
      region_level_.clear();
      break;
    }
    if (r.full == region_) {
      region_level_ = r.level;
      if (!r.shorts.empty()) region_short_ = r.shorts.front();
      province_ = r.province;
    }
  }
  for (const auto& r : tb.regions)
    if (!province_.empty() && r.full == province_ && !r.shorts.empty()) province_short_ = r.shorts.front();
  for (const auto& issuer : meta.issuers)
    for (const auto& r : tb.regions)
      if (r.level == "province" && r.province.empty() && issuer.find(r.full) != std::string::npos)
        issuer_provinces_.push_back(r.full);
  if (region_short_.empty() && !region_.empty()) {
    // 深圳市 → 深圳; a one-character stem (e.g. 沙市) is not a usable short form.
    std::string_view suffix = tb.region_short_strip.longest_proper(region_);
    if (!suffix.empty() && text::length(region_) > 2)
      region_short_ = region_.substr(0, region_.size() - suffix.size());
  }

  // The issuing department owns internal divisions (责任处室：气候处). Only a
  // single issuing department qualifies: a government or a joint notice of
  // several bureaus has no one owner.
  if (meta.issuers.size() == 1) {
    std::string issuer = meta.issuers.front();
    for (const auto& s : tb.issuer_strip.list) {
      if (ends_with(issuer, s) && issuer.size() > s.size()) {
        issuer.resize(issuer.size() - s.size());
        break;
      }
    }
    if (!tb.governments.suffix_of(issuer) && tb.org_suffixes.proper_suffix(issuer)) {
      parent_ = issuer;
      std::string field = issuer;
      if (!region_.empty() && starts_with(field, region_)) field = field.substr(region_.size());
      for (const auto& s : tb.field_strip.list) {
        if (ends_with(field, s) && field.size() > s.size()) {
          field.resize(field.size() - s.size());
          break;
        }
      }
      parent_field_ = field;
    }
  }
}

std::string Gazetteer::jurisdiction_of(const Metadata& meta) const {
  // The region metadata found, unless it is no jurisdiction the tables list
  // (成渝地区, a plan's area) while an issuer is a listed region's body: then
  // the issuer's (重庆市人民政府 → 重庆市).
  const Tables& tb = t();
  for (const auto& r : tb.regions)
    if (r.full == meta.region) return meta.region;
  for (const auto& issuer : meta.issuers) {
    if (!meta.region.empty() && starts_with(issuer, meta.region)) return meta.region;
    for (const auto& r : tb.regions)
      if (r.level != "national" && r.province.empty() && starts_with(issuer, r.full)) return r.full;
  }
  return meta.region;
}

std::string_view Gazetteer::government_ending(std::string_view written) const {
  return t().governments.longest_proper(written);
}

std::string_view Gazetteer::committee_ending(std::string_view written) const {
  std::string_view ending = t().committees.longest_proper(written);
  if (ending.empty()) return {};
  return t().zones.proper_suffix(written.substr(0, written.size() - ending.size())) ? ending : std::string_view{};
}

bool Gazetteer::bare_zone(std::string_view written) const {
  return t().zones.proper_suffix(written) && t().committees.longest_proper(written).empty();
}

bool Gazetteer::place_ending(std::string_view written) const {
  return t().places.suffix_of(written);
}

bool Gazetteer::has_org_suffix(std::string_view w) const {
  w = strip_bracket(w);
  return t().org_suffixes.proper_suffix(w) || t().zones.proper_suffix(w);
}

std::string Gazetteer::carried_collective(std::string_view w, std::string_view cprefix) const {
  // 各场景牵头部门 → 各场景: the qualifier before a role + generic ending.
  std::string_view ending = t().role_generic.longest_proper(w);
  if (!ending.empty() && w.size() - ending.size() > cprefix.size())
    return std::string(w.substr(0, w.size() - ending.size()));
  return {};
}

bool Gazetteer::collective(std::string_view w) const { return is_collective(strip_bracket(w), nullptr); }

bool Gazetteer::is_collective(std::string_view s, std::string_view* prefix) const {
  // The first (longest) collective prefix `s` starts with and is longer than.
  return t().collective_index.visit(s, [&](uint32_t id) {
    const Alias& c = t().collectives[id];
    if (!starts_with(s, c.from) || s.size() <= c.from.size()) return false;
    if (prefix) *prefix = c.from;
    return true;
  });
}

std::string_view Gazetteer::region_for(std::string_view level) const {
  if (region_.empty()) return {};
  if (level == region_level_) return region_;
  return {};
}

std::string_view Gazetteer::split_prefix(std::string_view name, Split& out) const {
  const Tables& tb = t();
  // Full region names first (深圳市税务局, 广西壮族自治区X), then short forms
  // (广西税务局, 江西证监局), then bare level prefixes (市, 省, 自治区).
  auto level_follows = [&](std::string_view rest) {
    for (const auto& p : tb.prefixes)
      if (starts_with(rest, p.text)) return true;
    return false;
  };
  // A short form followed by a level prefix (广西自治区…) is not a use of it;
  // 广西壮族自治区 is caught by the full name.
  auto short_fits = [&](std::string_view s) {
    return !s.empty() && starts_with(name, s) && name.size() > s.size() &&
           !level_follows(name.substr(s.size()));
  };
  // The document's own jurisdiction.
  if (!region_.empty()) {
    if (starts_with(name, region_) && name.size() > region_.size()) {
      out.region = region_, out.level = region_level_, out.prefix = region_;
      if (!region_short_.empty()) out.short_region = region_short_;
      return name.substr(out.prefix.size());
    }
    if (short_fits(region_short_)) {
      out.region = region_, out.level = region_level_, out.prefix = region_short_,
      out.short_region = region_short_;
      return name.substr(out.prefix.size());
    }
  }
  // Every region of the table, in order: its full name, then its short forms.
  bool found = tb.region_index.visit(name, [&](uint32_t id) {
    const auto& c = tb.region_candidates[id];
    const auto& r = tb.regions[c.region];
    if (c.slot < 0) {
      if (!starts_with(name, r.full) || name.size() <= r.full.size()) return false;
      out.region = r.full, out.level = r.level, out.prefix = r.full;
      if (!r.shorts.empty()) out.short_region = r.shorts.back();
      return true;
    }
    const std::string& s = r.shorts[c.slot];
    if (!short_fits(s)) return false;
    out.region = r.full, out.level = r.level, out.prefix = s, out.short_region = s;
    return true;
  });
  if (found) return name.substr(out.prefix.size());

  for (const auto& p : tb.prefixes) {
    if (!starts_with(name, p.text) || name.size() <= p.text.size()) continue;
    std::string_view rest = name.substr(p.text.size());
    // 市场监管局 is a body, not 市 + 场监管局: keep the name whole when it is a
    // known body and the rest is not.
    if (find_body(name, region_level_, region_) && !find_body(rest, p.level, region_)) continue;
    out.prefix = p.text;
    out.level = p.level;
    out.region = region_for(p.level);
    // 省 / 自治区 name a division of that kind: in a municipality's notice
    // (重庆市) 省X is no body of the municipality.
    if (p.level == "province" && !ends_with(out.region, p.text)) out.region = {};
    // A municipality's 市 (北京市, a province-level division): its own
    // jurisdiction, at its level (市法院 is its 高级人民法院).
    if (out.region.empty() && !region_.empty() && ends_with(region_, p.text))
      out.region = region_, out.level = region_level_;
    // 省X / 自治区X in a city notice: the city's province (table `city`).
    if (out.region.empty() && p.level == "province" && !province_.empty())
      out.region = province_, out.short_region = province_short_;
    // …or in a joint notice, the issuing province of that kind (渝府办发 with
    // 四川省人民政府办公厅: 省林草局 is 四川省's).
    for (const auto& r : issuer_provinces_)
      if (out.region.empty() && p.level == "province" && ends_with(r, p.text)) out.region = r;
    return rest;
  }
  return name;
}

const Gazetteer::Alias* Gazetteer::find_body(std::string_view body, std::string_view level,
                                             std::string_view region) const {
  const Tables& tb = t();
  if (const auto* ids = lookup(tb.jurisdiction_by_from, body)) {
    for (uint32_t i : *ids) {
      const Alias& a = tb.jurisdiction[i];
      if (!a.whole && a.region == region) return &a;
    }
  }
  if (const auto* ids = lookup(tb.bodies_by_from, body)) {
    for (uint32_t i : *ids) {
      const Alias& a = tb.bodies[i];
      if (a.level.empty() || a.level == level) return &a;
    }
  }
  return nullptr;
}

const Gazetteer::Alias* Gazetteer::find_whole(std::string_view w, bool* national) const {
  const Tables& tb = t();
  if (const auto* ids = lookup(tb.national_by_from, w)) {
    // A former name (`until`) wins for a notice dated before the renaming;
    // otherwise the first current entry (环保部 is 环境保护部 in 2016, 生态环境部
    // after the 2018 reform or when the date is unknown).
    const Alias* current = nullptr;
    for (uint32_t i : *ids) {
      const Alias& a = tb.national[i];
      if (a.level == "national" && !national_doc_ && !region_.empty()) continue;
      if (a.until.empty()) {
        if (!current) current = &a;
      } else if (!date_.empty() && date_ < a.until) {
        *national = true;
        return &a;
      }
    }
    if (current) {
      *national = true;
      return current;
    }
  }
  if (const auto* ids = lookup(tb.jurisdiction_by_from, w)) {
    for (uint32_t i : *ids) {
      const Alias& a = tb.jurisdiction[i];
      if (a.whole && a.region == region_) {
        *national = false;
        return &a;
      }
    }
  }
  return nullptr;
}

bool Gazetteer::starts_with_place(std::string_view w) const {
  const Tables& tb = t();
  return tb.region_index.visit(w, [&](uint32_t id) {
    const auto& c = tb.region_candidates[id];
    const auto& r = tb.regions[c.region];
    std::string_view name = c.slot < 0 ? std::string_view(r.full) : std::string_view(r.shorts[c.slot]);
    return !name.empty() && starts_with(w, name) && w.size() > name.size();
  });
}

std::string_view Gazetteer::placed_brand(std::string_view w) const {
  for (const auto& b : t().placed_brands)
    if (starts_with(w, b) && w.size() > b.size()) return b;
  return {};
}

std::string Gazetteer::expand(std::string_view body) const {
  std::string s(body);
  for (const auto& x : t().expansions) {
    if (!x.unless.empty() && s.find(x.unless) != std::string::npos) continue;
    if (x.position == Alias::Position::kStart) {
      if (starts_with(s, x.from) && !starts_with(s, x.to)) s = x.to + s.substr(x.from.size());
    } else if (x.position == Alias::Position::kSuffix) {
      if (ends_with(s, x.from) && !ends_with(s, x.to))
        s = s.substr(0, s.size() - x.from.size()) + x.to;
    } else if (s.find(x.to) == std::string::npos) {
      s = replace_all(std::move(s), x.from, x.to);
    }
  }
  return s;
}

bool Gazetteer::plausible(std::string_view written, const NameContext& ctx) const {
  std::string_view w = strip_bracket(written);
  if (w.empty()) return false;
  if (has_org_suffix(w) || is_collective(w, nullptr)) return true;
  if (lookup(t().national_by_from, w) || lookup(t().jurisdiction_by_from, w)) return true;
  if (find_body(w, region_level_, region_)) return true;
  // Bodies after a prefix-less collective (各级农业、商务) read as departments.
  return !ctx.collective.empty() && text::length(w) <= 8;
}

void Gazetteer::advance_collective(std::string_view written, NameContext& ctx) const {
  std::string_view w = strip_bracket(written);
  bool national = false;
  if (find_whole(w, &national)) {
    ctx.collective.clear(), ctx.qualifier.clear();
    return;
  }
  std::string_view cprefix;
  if (is_collective(w, &cprefix)) {
    ctx.collective = cprefix;
    ctx.qualifier = carried_collective(w, cprefix);
    return;
  }
  if (!ctx.collective.empty()) {
    Split sp;
    split_prefix(w, sp);
    bool generic = t().generic.suffix_of(w) || !has_org_suffix(w);
    if (sp.prefix.empty() && generic && !find_body(w, region_level_, region_)) return;
  }
  ctx.collective.clear(), ctx.qualifier.clear();
}

Department Gazetteer::resolve(std::string_view written, NameContext& ctx) const {
  const Tables& tb = t();
  std::string_view w = strip_bracket(written);

  // 1. Whole names that need no jurisdiction.
  bool national = false;
  if (const Alias* a = find_whole(w, &national)) {
    ctx.collective.clear(), ctx.qualifier.clear();
    if (national) return {a->to, "national", "", true};
    return {a->to, tb.level_of(region_), region_, true};
  }

  // 2. Collective bodies, written or inherited.
  std::string_view cprefix;
  if (is_collective(w, &cprefix)) {
    std::string canonical = expand(w);
    for (const auto& c : tb.collectives)
      if (c.from == cprefix && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
    ctx.collective = cprefix;
    ctx.qualifier = carried_collective(w, cprefix);
    return {canonical, "collective", "", true};
  }
  if (!ctx.collective.empty()) {
    Split sp;
    split_prefix(w, sp);
    bool generic = t().generic.suffix_of(w) || !has_org_suffix(w);
    if (sp.prefix.empty() && generic && !find_body(w, region_level_, region_)) {
      // 各场景牵头部门和配合部门: a role + generic name takes the whole
      // qualifier (各场景), any other the collective prefix alone (各级).
      bool qualified = !ctx.qualifier.empty() && tb.role_generic.contains(w);
      std::string canonical = qualified ? ctx.qualifier : ctx.collective;
      canonical += w;
      for (const auto& c : tb.collectives)
        if (!qualified && c.from == ctx.collective && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
      return {expand(canonical), "collective", "", true};
    }
  }
  ctx.collective.clear(), ctx.qualifier.clear();

  // 3. Zones and named areas keep their own names. A committee named by the
  // zone's kind alone (园区管委会, 开发区管委会: no proper name before the
  // kind) is every zone of the document at once: a collective, as written.
  if (tb.zones.proper_suffix(w)) {
    std::string_view ending = tb.committees.longest_proper(w);
    if (!ending.empty() && tb.zones.set.count(w.substr(0, w.size() - ending.size())))
      return {std::string(w), "collective", "", true};
    // A zone named after a region or city of the tables (辽源高新区管委会,
    // 天津自贸试验区) is complete by the grammar: place + zone kind.
    return {expand(w), "zone", "", starts_with_place(w)};
  }

  // 3b. A national body's branch that names its own place (国网成都供电公司,
  // 人民银行上饶市中心支行): as written, never under the document's prefix;
  // complete when a region or city of the tables follows the brand.
  if (std::string_view brand = placed_brand(w); !brand.empty()) {
    std::string_view rest = w.substr(brand.size());
    return {expand(w), "national", "", starts_with_place(rest) && tb.org_suffixes.proper_suffix(rest)};
  }

  // 4. Level prefix or region name, written or inherited from the names before.
  Split sp;
  std::string_view body = split_prefix(w, sp);
  std::string_view region = sp.region, level = sp.level, prefix = sp.prefix,
                   short_region = sp.short_region;
  bool written_prefix = !prefix.empty();
  if (written_prefix) {
    ctx.prefix = prefix;
  } else if (tb.national_prefix(w)) {
    return {expand(w), "national", "", false};
  } else if (tb.governments.proper_suffix(w) && !tb.governments.contains(w)) {
    // A named district's government (武昌区人民政府) keeps its own name; it
    // is whole (known) when what precedes the ending reads as a place name
    // (a place ending, at most four characters: 滨海新区, 大邑县), not as a
    // phrase (有农业的区).
    std::string canonical = expand(w);
    std::string_view place = w.substr(0, w.size() - tb.governments.longest_proper(w).size());
    bool whole = tb.places.suffix_of(place) && text::length(place) <= 4;
    return {canonical, tb.city_governments.suffix_of(w) ? "city" : "county", "", whole};
  } else if (!ctx.prefix.empty()) {
    std::string inherited = ctx.prefix;
    inherited += w;
    Split sp2;
    split_prefix(inherited, sp2);  // the views it sets never point into `inherited`
    if (!sp2.prefix.empty())
      region = sp2.region, level = sp2.level, short_region = sp2.short_region;
  }
  if (!written_prefix && level.empty()) {
    region = region_;
    level = region_level_;
  }
  if (short_region.empty() && region == region_) short_region = region_short_;
  if (level.empty()) level = "unknown";

  auto join = [&](std::string_view full_body) {
    std::string out;
    // Prefix level that does not match the document's jurisdiction: keep
    // the prefix as written.
    if (!region.empty()) out = region;
    else if (written_prefix) out = prefix;
    out += full_body;
    return out;
  };
  auto dept = [&](std::string canonical, bool known) {
    return Department{std::move(canonical), std::string(level), std::string(region), known};
  };

  // 5. Official names of this jurisdiction, names that wrap the jurisdiction,
  // affiliates of the issuing department, standard bodies.
  if (!region.empty()) {
    if (const auto* ids = lookup(tb.jurisdiction_by_from, body)) {
      for (uint32_t i : *ids) {
        const Alias& a = tb.jurisdiction[i];
        if (!a.whole && a.region == region) return dept(join(a.to), true);
      }
    }
    if (const auto* ids = lookup(tb.templates_by_from, body)) {
      const Alias& tmpl = tb.templates[ids->front()];
      std::string out = replace_all(tmpl.to, "{region}", region);
      out = replace_all(std::move(out), "{short}", short_region.empty() ? region : short_region);
      return dept(std::move(out), true);
    }
  }
  if (!parent_field_.empty()) {
    if (const auto* ids = lookup(tb.affiliates_by_from, body)) {
      for (uint32_t i : *ids) {
        const Alias& a = tb.affiliates[i];
        if (a.region == parent_field_) return dept(join(a.to), true);
      }
    }
  }
  if (const Alias* a = find_body(body, level, region)) return dept(join(a->to), true);

  // 6. Internal divisions: a prefix-less 处/室/办 of a department's own notice.
  if (!written_prefix && !parent_.empty() && tb.internal_suffixes.proper_suffix(w))
    return {parent_ + std::string(w), "internal", region_, true};

  // 7. Unknown: the known abbreviations expanded, nothing guessed. A name
  // written with a region's short form (山东海警局) keeps it: which full
  // name the body has is not for the short form to say.
  if (written_prefix && prefix == short_region && prefix != region)
    return dept(std::string(prefix) + expand(body), false);
  // A body named by its function under the jurisdiction (公共机构节能主管部门,
  // 绿化委员会成员单位) is complete as written: no abbreviation to expand.
  return dept(join(expand(body)), tb.functional.proper_suffix(body));
}

}  // namespace policydb::extract::departments
