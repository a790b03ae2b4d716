#include "extract/departments.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "extract/gazetteer_tables.h"
#include "rules/rules.h"

namespace policydb::extract::departments {

Gazetteer::Gazetteer(const rules::RuleSet& rules, const Metadata& meta)
    : tables_(Tables::of(rules)), region_(meta.region), date_(meta.issue_date) {
  const Tables& tb = t();
  region_ = jurisdiction_of(meta);
  region_level_ = tb.level_of(region_);
  for (const auto& r : tb.regions) {
    if (r.full == region_ && r.level == Level::kNational) {
      // A national notice (region 全国): no jurisdiction to prefix names with.
      national_doc_ = true;
      region_.clear();
      region_level_ = Level::kNone;
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
      if (r.level == Level::kProvince && r.province.empty() && issuer.find(r.full) != std::string::npos)
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
      if (r.level != Level::kNational && r.province.empty() && starts_with(issuer, r.full)) return r.full;
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
  w = t().strip_bracket(w);
  return t().org_suffixes.proper_suffix(w) || t().zones.proper_suffix(w);
}

std::string Gazetteer::carried_collective(std::string_view w, std::string_view cprefix) const {
  // 各场景牵头部门 → 各场景: the qualifier before a role + generic ending.
  std::string_view ending = t().role_generic.longest_proper(w);
  if (!ending.empty() && w.size() - ending.size() > cprefix.size())
    return std::string(w.substr(0, w.size() - ending.size()));
  return {};
}

bool Gazetteer::collective(std::string_view w) const { return is_collective(t().strip_bracket(w), nullptr); }

bool Gazetteer::is_collective(std::string_view s, std::string_view* prefix) const {
  const std::string_view found = t().collective_prefix(s);
  if (found.empty()) return false;
  if (prefix) *prefix = found;
  return true;
}

std::string_view Gazetteer::region_for(Level level) const {
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
    if (p.level == Level::kProvince && !ends_with(out.region, p.text)) out.region = {};
    // A municipality's 市 (北京市, a province-level division): its own
    // jurisdiction, at its level (市法院 is its 高级人民法院).
    if (out.region.empty() && !region_.empty() && ends_with(region_, p.text))
      out.region = region_, out.level = region_level_;
    // 省X / 自治区X in a city notice: the city's province (table `city`).
    if (out.region.empty() && p.level == Level::kProvince && !province_.empty())
      out.region = province_, out.short_region = province_short_;
    // …or in a joint notice, the issuing province of that kind (渝府办发 with
    // 四川省人民政府办公厅: 省林草局 is 四川省's).
    for (const auto& r : issuer_provinces_)
      if (out.region.empty() && p.level == Level::kProvince && ends_with(r, p.text)) out.region = r;
    return rest;
  }
  return name;
}

const Gazetteer::Alias* Gazetteer::find_body(std::string_view body, Level level,
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
      if (a.level == Level::kNone || a.level == level) return &a;
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
      if (a.level == Level::kNational && !national_doc_ && !region_.empty()) continue;
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
  std::string_view w = t().strip_bracket(written);
  if (w.empty()) return false;
  if (has_org_suffix(w) || is_collective(w, nullptr)) return true;
  if (lookup(t().national_by_from, w) || lookup(t().jurisdiction_by_from, w)) return true;
  if (find_body(w, region_level_, region_)) return true;
  // Bodies after a prefix-less collective (各级农业、商务) read as departments.
  return !ctx.collective.empty() && text::length(w) <= 8;
}

void Gazetteer::advance_collective(std::string_view written, NameContext& ctx) const {
  std::string_view w = t().strip_bracket(written);
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
  std::string_view w = t().strip_bracket(written);

  // 1. Whole names that need no jurisdiction.
  bool national = false;
  if (const Alias* a = find_whole(w, &national)) {
    ctx.collective.clear(), ctx.qualifier.clear();
    if (national) return {a->to, Level::kNational, "", true};
    return {a->to, t().level_of(region_), region_, true};
  }
  // 2. Collective bodies, written or inherited.
  if (auto d = resolve_collective(w, ctx)) return *std::move(d);
  ctx.collective.clear(), ctx.qualifier.clear();
  // 3. Names complete by their own grammar.
  if (auto d = resolve_own_name(w)) return *std::move(d);
  // 4. Level prefix or region name, written or inherited from the names before.
  Placed placed;
  if (auto d = place_name(w, ctx, placed)) return *std::move(d);
  // 5.–7. The body under that jurisdiction.
  return resolve_placed(w, placed);
}

std::optional<Department> Gazetteer::resolve_collective(std::string_view w, NameContext& ctx) const {
  const Tables& tb = t();
  std::string_view cprefix;
  if (is_collective(w, &cprefix)) {
    std::string canonical = expand(w);
    for (const auto& c : tb.collectives)
      if (c.from == cprefix && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
    ctx.collective = cprefix;
    ctx.qualifier = carried_collective(w, cprefix);
    return Department{canonical, Level::kCollective, "", true};
  }
  if (ctx.collective.empty()) return std::nullopt;
  Split sp;
  split_prefix(w, sp);
  bool generic = tb.generic.suffix_of(w) || !has_org_suffix(w);
  if (!sp.prefix.empty() || !generic || find_body(w, region_level_, region_)) return std::nullopt;
  // 各场景牵头部门和配合部门: a role + generic name takes the whole
  // qualifier (各场景), any other the collective prefix alone (各级).
  bool qualified = !ctx.qualifier.empty() && tb.role_generic.contains(w);
  std::string canonical = qualified ? ctx.qualifier : ctx.collective;
  canonical += w;
  for (const auto& c : tb.collectives)
    if (!qualified && c.from == ctx.collective && !c.to.empty() && !has_org_suffix(w)) canonical += c.to;
  return Department{expand(canonical), Level::kCollective, "", true};
}

std::optional<Department> Gazetteer::resolve_own_name(std::string_view w) const {
  const Tables& tb = t();
  // Zones and named areas keep their own names. A committee named by the
  // zone's kind alone (园区管委会, 开发区管委会: no proper name before the
  // kind) is every zone of the document at once: a collective, as written.
  if (tb.zones.proper_suffix(w)) {
    std::string_view ending = tb.committees.longest_proper(w);
    if (!ending.empty() && tb.zones.set.count(w.substr(0, w.size() - ending.size())))
      return Department{std::string(w), Level::kCollective, "", true};
    // A zone named after a region or city of the tables (辽源高新区管委会,
    // 天津自贸试验区) is complete by the grammar: place + zone kind.
    return Department{expand(w), Level::kZone, "", starts_with_place(w)};
  }
  // A national body's branch that names its own place (国网成都供电公司,
  // 人民银行上饶市中心支行): as written, never under the document's prefix;
  // complete when a region or city of the tables follows the brand.
  if (std::string_view brand = placed_brand(w); !brand.empty()) {
    std::string_view rest = w.substr(brand.size());
    return Department{expand(w), Level::kNational, "", starts_with_place(rest) && tb.org_suffixes.proper_suffix(rest)};
  }
  return std::nullopt;
}

std::optional<Department> Gazetteer::place_name(std::string_view w, NameContext& ctx, Placed& out) const {
  const Tables& tb = t();
  Split sp;
  out.body = split_prefix(w, sp);
  out.region = sp.region, out.level = sp.level, out.prefix = sp.prefix, out.short_region = sp.short_region;
  out.written_prefix = !out.prefix.empty();
  if (out.written_prefix) {
    ctx.prefix = out.prefix;
  } else if (tb.national_prefix(w)) {
    return Department{expand(w), Level::kNational, "", false};
  } else if (tb.governments.proper_suffix(w) && !tb.governments.contains(w)) {
    // A named district's government (武昌区人民政府) keeps its own name; it
    // is whole (known) when what precedes the ending reads as a place name
    // (a place ending, at most four characters: 滨海新区, 大邑县), not as a
    // phrase (有农业的区).
    std::string canonical = expand(w);
    std::string_view place = w.substr(0, w.size() - tb.governments.longest_proper(w).size());
    bool whole = tb.places.suffix_of(place) && text::length(place) <= 4;
    return Department{canonical, tb.city_governments.suffix_of(w) ? Level::kCity : Level::kCounty, "", whole};
  } else if (!ctx.prefix.empty()) {
    std::string inherited = ctx.prefix;
    inherited += w;
    Split sp2;
    split_prefix(inherited, sp2);  // the views it sets never point into `inherited`
    if (!sp2.prefix.empty())
      out.region = sp2.region, out.level = sp2.level, out.short_region = sp2.short_region;
  }
  if (!out.written_prefix && out.level == Level::kNone) {
    out.region = region_;
    out.level = region_level_;
  }
  if (out.short_region.empty() && out.region == region_) out.short_region = region_short_;
  if (out.level == Level::kNone) out.level = Level::kUnknown;
  return std::nullopt;
}

Department Gazetteer::resolve_placed(std::string_view w, const Placed& p) const {
  const Tables& tb = t();
  auto join = [&](std::string_view full_body) {
    std::string out;
    // Prefix level that does not match the document's jurisdiction: keep
    // the prefix as written.
    if (!p.region.empty()) out = p.region;
    else if (p.written_prefix) out = p.prefix;
    out += full_body;
    return out;
  };
  auto dept = [&](std::string canonical, bool known) {
    return Department{std::move(canonical), p.level, std::string(p.region), known};
  };

  // 5. Official names of this jurisdiction, names that wrap the jurisdiction,
  // affiliates of the issuing department, standard bodies.
  if (!p.region.empty()) {
    if (const auto* ids = lookup(tb.jurisdiction_by_from, p.body)) {
      for (uint32_t i : *ids) {
        const Alias& a = tb.jurisdiction[i];
        if (!a.whole && a.region == p.region) return dept(join(a.to), true);
      }
    }
    if (const auto* ids = lookup(tb.templates_by_from, p.body)) {
      const Alias& tmpl = tb.templates[ids->front()];
      std::string out = replace_all(tmpl.to, "{region}", p.region);
      out = replace_all(std::move(out), "{short}", p.short_region.empty() ? p.region : p.short_region);
      return dept(std::move(out), true);
    }
  }
  if (!parent_field_.empty()) {
    if (const auto* ids = lookup(tb.affiliates_by_from, p.body)) {
      for (uint32_t i : *ids) {
        const Alias& a = tb.affiliates[i];
        if (a.region == parent_field_) return dept(join(a.to), true);
      }
    }
  }
  if (const Alias* a = find_body(p.body, p.level, p.region)) return dept(join(a->to), true);

  // 6. Internal divisions: a prefix-less 处/室/办 of a department's own
  // notice (one that already names its owner, 国务院扶贫办 in a 国务院办公厅
  // notice, is not prefixed twice).
  if (!p.written_prefix && !parent_.empty() && tb.internal_suffixes.proper_suffix(w) && !starts_with(w, parent_))
    return {parent_ + std::string(w), Level::kInternal, region_, true};

  // 7. Unknown: the known abbreviations expanded, nothing guessed. A name
  // written with a region's short form (山东海警局) keeps it: which full
  // name the body has is not for the short form to say.
  if (p.written_prefix && p.prefix == p.short_region && p.prefix != p.region)
    return dept(std::string(p.prefix) + expand(p.body), false);
  // A body named by its function under the jurisdiction (公共机构节能主管部门,
  // 绿化委员会成员单位) is complete as written: no abbreviation to expand.
  return dept(join(expand(p.body)), tb.functional.proper_suffix(p.body));
}

}  // namespace policydb::extract::departments
