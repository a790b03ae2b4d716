#include "extract/departments.h"

#include <algorithm>

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

std::string level_of_region(std::string_view r) {
  if (r.empty()) return "";
  if (ends_with(r, "省") || ends_with(r, "自治区") || ends_with(r, "特别行政区")) return "province";
  if (ends_with(r, "市") || ends_with(r, "州") || ends_with(r, "盟") || ends_with(r, "地区"))
    return "city";
  if (ends_with(r, "区") || ends_with(r, "县") || ends_with(r, "旗")) return "county";
  return "";
}

}  // namespace

Gazetteer::Gazetteer(const rules::RuleSet& rules, const Metadata& meta) : region_(meta.region) {
  for (const auto& e : rules.table("region")) {
    RegionName r{std::string(e.get("name")), std::string(e.get("level")), list_of(e, "short")};
    if (!r.full.empty()) regions_.push_back(std::move(r));
  }
  region_level_ = level_of_region(region_);
  for (const auto& r : regions_) {
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
    }
  }
  if (region_short_.empty() && !region_.empty()) {
    // 深圳市 → 深圳; a one-character stem (e.g. 沙市) is not a usable short form.
    for (std::string_view suffix : {"市", "省", "县", "区"}) {
      if (ends_with(region_, suffix) && text::length(region_) > 2) {
        region_short_ = region_.substr(0, region_.size() - suffix.size());
        break;
      }
    }
  }

  for (const auto& e : rules.table("level_prefix"))
    prefixes_.push_back({std::string(e.get("text")), std::string(e.get("level"))});
  std::stable_sort(prefixes_.begin(), prefixes_.end(),
                   [](const Prefix& a, const Prefix& b) { return a.text.size() > b.text.size(); });

  auto load_aliases = [](const std::vector<rules::Entry>& entries, std::vector<Alias>& out) {
    for (const auto& e : entries) {
      Alias base;
      base.to = std::string(e.get("name"));
      base.level = std::string(e.get("level"));
      base.region = std::string(e.get("region"));
      base.whole = e.get("whole") == "true";
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
  load_aliases(rules.table("national"), national_);
  load_aliases(rules.table("department"), bodies_);
  load_aliases(rules.table("jurisdiction"), jurisdiction_);
  for (const auto& e : rules.table("template")) {
    Alias a;
    a.from = std::string(e.get("from"));
    a.to = std::string(e.get("to"));
    templates_.push_back(std::move(a));
  }
  for (const auto& e : rules.table("affiliate")) {
    for (auto& f : list_of(e, "from")) {
      Alias a;
      a.from = f;
      a.to = std::string(e.get("to"));
      a.region = std::string(e.get("field"));
      affiliates_.push_back(std::move(a));
    }
  }
  for (const auto& e : rules.table("expansion")) {
    Alias a;
    a.from = std::string(e.get("from"));
    a.to = std::string(e.get("to"));
    a.unless = std::string(e.get("unless"));
    if (e.get("start") == "true") a.position = "start";
    if (e.get("suffix") == "true") a.position = "suffix";
    expansions_.push_back(std::move(a));
  }
  for (const auto& e : rules.table("collective")) {
    Alias a;
    a.from = std::string(e.get("prefix"));
    a.to = std::string(e.get("append"));
    collectives_.push_back(std::move(a));
  }
  std::stable_sort(collectives_.begin(), collectives_.end(),
                   [](const Alias& a, const Alias& b) { return a.from.size() > b.from.size(); });

  auto load_endings = [](const std::vector<rules::Entry>& entries, std::vector<std::string>& out) {
    for (const auto& e : entries)
      for (auto& s : list_of(e, "endings")) out.push_back(s);
    sort_longest_first(out);
  };
  load_endings(rules.table("zone"), zones_);
  load_endings(rules.table("org_suffix"), org_suffixes_);
  load_endings(rules.table("internal"), internal_suffixes_);
  load_endings(rules.table("issuer_strip"), issuer_strip_);
  std::vector<std::string> field_strip;
  load_endings(rules.table("field_strip"), field_strip);

  // The issuing department owns internal divisions (责任处室：气候处). Only a
  // single issuing department qualifies: a government or a joint notice of
  // several bureaus has no one owner.
  if (meta.issuers.size() == 1) {
    std::string issuer = meta.issuers.front();
    for (const auto& s : issuer_strip_) {
      if (ends_with(issuer, s) && issuer.size() > s.size()) {
        issuer.resize(issuer.size() - s.size());
        break;
      }
    }
    if (!ends_with(issuer, "政府") && ends_with_any(issuer, org_suffixes_)) {
      parent_ = issuer;
      std::string field = issuer;
      if (!region_.empty() && starts_with(field, region_)) field = field.substr(region_.size());
      for (const auto& s : field_strip) {
        if (ends_with(field, s) && field.size() > s.size()) {
          field.resize(field.size() - s.size());
          break;
        }
      }
      parent_field_ = field;
    }
  }
}

bool Gazetteer::ends_with_any(std::string_view s, const std::vector<std::string>& list) const {
  for (const auto& e : list)
    if (ends_with(s, e) && s.size() > e.size()) return true;
  return false;
}

bool Gazetteer::has_org_suffix(std::string_view w) const {
  w = strip_bracket(w);
  return ends_with_any(w, org_suffixes_) || ends_with_any(w, zones_);
}

bool Gazetteer::is_collective(std::string_view s, std::string* prefix) const {
  for (const auto& c : collectives_) {
    if (starts_with(s, c.from) && s.size() > c.from.size()) {
      if (prefix) *prefix = c.from;
      return true;
    }
  }
  return false;
}

std::string Gazetteer::region_for(std::string_view level) const {
  if (region_.empty()) return "";
  if (level == region_level_) return region_;
  return "";
}

std::string_view Gazetteer::split_prefix(std::string_view name, std::string& region,
                                         std::string& level, std::string& prefix,
                                         std::string& short_region) const {
  // Full region names first (深圳市税务局, 广西壮族自治区X), then short forms
  // (广西税务局, 江西证监局), then bare level prefixes (市, 省, 自治区).
  auto try_region = [&](const std::string& full, const std::string& lvl,
                        const std::vector<std::string>& shorts) -> bool {
    if (full.empty()) return false;
    if (starts_with(name, full) && name.size() > full.size()) {
      region = full, level = lvl, prefix = full;
      for (auto& s : shorts) short_region = s;
      return true;
    }
    for (const auto& s : shorts) {
      if (s.empty() || !starts_with(name, s) || name.size() <= s.size()) continue;
      std::string_view rest = name.substr(s.size());
      // 广西壮族自治区 is caught above; `广西自治区…` is not a short form use.
      bool level_follows = false;
      for (const auto& p : prefixes_) level_follows |= starts_with(rest, p.text);
      if (level_follows) continue;
      region = full, level = lvl, prefix = s, short_region = s;
      return true;
    }
    return false;
  };
  std::vector<std::string> own_shorts;
  if (!region_short_.empty()) own_shorts.push_back(region_short_);
  if (try_region(region_, region_level_, own_shorts))
    return name.substr(prefix.size());
  for (const auto& r : regions_)
    if (try_region(r.full, r.level, r.shorts)) return name.substr(prefix.size());

  for (const auto& p : prefixes_) {
    if (!starts_with(name, p.text) || name.size() <= p.text.size()) continue;
    std::string_view rest = name.substr(p.text.size());
    // 市场监管局 is a body, not 市 + 场监管局: keep the name whole when it is a
    // known body and the rest is not.
    if (find_body(name, region_level_, region_) && !find_body(rest, p.level, region_)) continue;
    prefix = p.text;
    level = p.level;
    region = region_for(p.level);
    if (region.empty() && !region_.empty() && ends_with(region_, p.text)) region = region_;
    return rest;
  }
  return name;
}

const Gazetteer::Alias* Gazetteer::find_body(std::string_view body, std::string_view level,
                                             std::string_view region) const {
  for (const auto& a : jurisdiction_)
    if (!a.whole && a.region == region && a.from == body) return &a;
  for (const auto& a : bodies_)
    if (a.from == body && (a.level.empty() || a.level == level)) return &a;
  return nullptr;
}

std::string Gazetteer::expand(std::string_view body) const {
  std::string s(body);
  for (const auto& x : expansions_) {
    if (!x.unless.empty() && s.find(x.unless) != std::string::npos) continue;
    if (x.position == "start") {
      if (starts_with(s, x.from) && !starts_with(s, x.to)) s = x.to + s.substr(x.from.size());
    } else if (x.position == "suffix") {
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
  for (const auto& a : national_)
    if (a.from == w) return true;
  for (const auto& a : jurisdiction_)
    if (a.from == w) return true;
  if (find_body(w, region_level_, region_)) return true;
  // Bodies after a prefix-less collective (各级农业、商务) read as departments.
  return !ctx.collective.empty() && text::length(w) <= 8;
}

Department Gazetteer::resolve(std::string_view written, NameContext& ctx) const {
  std::string_view w = strip_bracket(written);
  Department d;

  // 1. Whole names that need no jurisdiction.
  for (const auto& a : national_) {
    if (a.from != w) continue;
    if (a.level == "national" && !national_doc_ && !region_.empty()) continue;
    ctx.collective.clear();
    return {a.to, "national", "", true};
  }
  for (const auto& a : jurisdiction_) {
    if (a.whole && a.region == region_ && a.from == w) {
      ctx.collective.clear();
      return {a.to, level_of_region(region_), region_, true};
    }
  }

  // 2. Collective bodies, written or inherited.
  std::string cprefix;
  if (is_collective(w, &cprefix)) {
    std::string canonical = expand(w);
    for (const auto& c : collectives_)
      if (c.from == cprefix && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
    ctx.collective = cprefix;
    return {canonical, "collective", "", true};
  }
  if (!ctx.collective.empty()) {
    std::string r, l, p, s;
    split_prefix(w, r, l, p, s);
    bool generic = ends_with(w, "部门") || !has_org_suffix(w);
    if (p.empty() && generic && !find_body(w, region_level_, region_)) {
      std::string canonical = ctx.collective + std::string(w);
      for (const auto& c : collectives_)
        if (c.from == ctx.collective && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
      return {expand(canonical), "collective", "", true};
    }
  }
  ctx.collective.clear();

  // 3. Zones and named areas keep their own names.
  if (ends_with_any(w, zones_)) return {expand(w), "zone", "", false};

  // 4. Level prefix or region name, written or inherited from the names before.
  std::string region, level, prefix, short_region;
  std::string_view body = split_prefix(w, region, level, prefix, short_region);
  bool written_prefix = !prefix.empty();
  if (written_prefix) {
    ctx.prefix = prefix;
  } else if (starts_with(w, "中国") || starts_with(w, "国家") || starts_with(w, "中共") ||
             starts_with(w, "全国") || starts_with(w, "人民银行") || starts_with(w, "人行")) {
    return {expand(w), "national", "", false};
  } else if (ends_with(w, "政府") && w != "政府" && w != "人民政府") {
    // A named district's government (武昌区人民政府) keeps its own name.
    std::string canonical = expand(w);
    return {canonical, ends_with(w, "市人民政府") || ends_with(w, "市政府") ? "city" : "county", "",
            false};
  } else if (!ctx.prefix.empty()) {
    std::string inherited = ctx.prefix + std::string(w);
    std::string r2, l2, p2, s2;
    split_prefix(inherited, r2, l2, p2, s2);
    if (!p2.empty()) region = r2, level = l2, short_region = s2;
  }
  if (!written_prefix && level.empty()) {
    region = region_;
    level = region_level_;
  }
  if (short_region.empty() && region == region_) short_region = region_short_;
  if (level.empty()) level = "unknown";

  auto join = [&](const std::string& full_body) {
    if (!region.empty()) return region + full_body;
    // Prefix level that does not match the document's jurisdiction: keep
    // the prefix as written.
    return (written_prefix ? prefix : std::string()) + full_body;
  };

  // 5. Official names of this jurisdiction, names that wrap the jurisdiction,
  // affiliates of the issuing department, standard bodies.
  for (const auto& a : jurisdiction_)
    if (!a.whole && a.region == region && !region.empty() && a.from == body)
      return {join(a.to), level, region, true};
  for (const auto& t : templates_) {
    if (t.from != body || region.empty()) continue;
    std::string out = replace_all(t.to, "{region}", region);
    out = replace_all(std::move(out), "{short}", short_region.empty() ? region : short_region);
    return {out, level, region, true};
  }
  if (!parent_field_.empty()) {
    for (const auto& a : affiliates_)
      if (a.region == parent_field_ && a.from == body) return {join(a.to), level, region, true};
  }
  if (const Alias* a = find_body(body, level, region)) return {join(a->to), level, region, true};

  // 6. Internal divisions: a prefix-less 处/室/办 of a department's own notice.
  if (!written_prefix && !parent_.empty() && ends_with_any(w, internal_suffixes_))
    return {parent_ + std::string(w), "internal", region_, true};

  // 7. Unknown: the usual expansions.
  return {join(expand(body)), level, region, false};
}

}  // namespace policydb::extract::departments
