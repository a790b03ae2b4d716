// Running the rules: a family's RE2::Set says which rules can match, the
// rules' own programs say where; overlapping matches are ordered and the
// first of each overlap kept. Also the Match / Entry accessors.
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.h"
#include "rules/engine.h"

namespace policydb::rules {

namespace internal {

namespace {

// Advances past one UTF-8 sequence (one byte if invalid); never past `size`.
size_t next_char(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size() + 1;
  text::decode(text, pos);
  return pos;
}

}  // namespace

// The family's rules in one Set anchored as `anchor`; null if RE2 ran out
// of memory (every pattern compiled alone at load, so nothing else fails).
static std::unique_ptr<RE2::Set> compile_family_set(const Family& f, RE2::Anchor anchor, const Options& options) {
  auto set = std::make_unique<RE2::Set>(re2_options(options), anchor);
  for (const Rule* r : f.rules)
    if (set->Add(r->pattern, nullptr) < 0) return nullptr;
  return set->Compile() ? std::move(set) : nullptr;
}

const RE2::Set* Data::set_of(const Family& f, RE2::Anchor anchor) const {
  if (f.rules.size() < 2) return nullptr;
  const int k = anchor == RE2::UNANCHORED ? 0 : 1;
  std::call_once(f.sets->once[k], [&] { f.sets->set[k] = compile_family_set(f, anchor, options); });
  return f.sets->set[k].get();
}

// True when one of the family's rules matches `text` as `anchor` says:
// through its Set, or rule by rule without one (or if its DFA ran out of
// memory).
bool Data::set_any(const Family& f, std::string_view text, RE2::Anchor anchor) const {
  const re2::StringPiece sp(text.data(), text.size());
  if (const RE2::Set* set = set_of(f, anchor)) {
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (set->Match(sp, nullptr, &info)) return true;
    if (info.kind == RE2::Set::kNoError) return false;
  }
  for (size_t idx : f.compiled)
    if (compiled[idx].re->Match(sp, 0, text.size(), anchor, nullptr, 0)) return true;
  return false;
}

const SuffixPrograms& Data::suffix_programs(const Family& f) const {
  SuffixPrograms& p = *f.suffix;
  std::call_once(p.once, [&] {
    std::string any;
    for (const Rule* r : f.rules) {
      p.res.push_back(std::make_unique<RE2>("(?:" + r->pattern + ")$", re2_options(options)));
      if (!p.res.back()->ok()) p.ok = false;
      any += (any.empty() ? "(?:(?:" : "|(?:") + r->pattern + ")";
    }
    // Without captures: the rules' group names repeat across rules.
    RE2::Options o = re2_options(options);
    o.set_never_capture(true);
    p.any = std::make_unique<RE2>(any + ")$", o);
    if (!p.any->ok()) p.any.reset();
  });
  return p;
}

// Indices (into Family::rules) of the rules that match somewhere in
// `text` as `anchor` says, ascending, into `v` (cleared first). A family
// of one rule asks its own program (on the DFA, as the Set would). If the
// Set could not be built or its DFA runs out of memory every rule is
// listed: the caller's own match decides, so a too-small budget costs
// speed, never matches.
void Data::hits(const Family& f, RE2::Anchor anchor, std::string_view text, std::vector<int>& v) const {
  const re2::StringPiece sp(text.data(), text.size());
  if (f.rules.size() == 1) {
    v.clear();
    if (compiled[f.compiled.front()].re->Match(sp, 0, text.size(), anchor, nullptr, 0)) v.push_back(0);
    return;
  }
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  const RE2::Set* set = set_of(f, anchor);
  if (set && !set->Match(sp, &v, &info) && info.kind == RE2::Set::kNoError) return;
  if (!set || info.kind != RE2::Set::kNoError) {
    v.resize(f.rules.size());
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>(i);
  }
  std::sort(v.begin(), v.end());
}

// Runs one rule at `pos` and fills `m`. `anchor` as RE2; `sub` has room
// for c.ncap pieces.
bool Data::match_at(const Compiled& c, std::string_view text, size_t pos, RE2::Anchor anchor, re2::StringPiece* sub,
                    Match& m) {
  return match_at(c, *c.re, text, pos, anchor, sub, m);
}

bool Data::match_at(const Compiled& c, const RE2& re, std::string_view text, size_t pos, RE2::Anchor anchor,
                    re2::StringPiece* sub, Match& m) {
  std::fill(sub, sub + c.ncap, re2::StringPiece());
  re2::StringPiece sp(text.data(), text.size());
  if (!re.Match(sp, pos, text.size(), anchor, sub, c.ncap)) return false;
  m.rule = c.rule.get();
  m.begin = static_cast<size_t>(sub[0].data() - text.data());
  m.end = m.begin + sub[0].size();
  m.groups.clear();
  for (const auto& [idx, name] : c.named) {
    const auto& g = sub[static_cast<size_t>(idx)];
    if (g.data() == nullptr) continue;  // did not take part
    size_t b = static_cast<size_t>(g.data() - text.data());
    m.groups.push_back(Group{name, b, b + g.size()});
  }
  return true;
}

// Every non-overlapping match of one rule, left to right. An empty match
// right where the previous match ended is skipped (as RE2::GlobalReplace);
// after an empty match the search resumes one whole UTF-8 character later.
void Data::all_matches(const Compiled& c, std::string_view text, std::vector<Match>& out) {
  Submatches sub(c.ncap);
  size_t pos = 0;
  size_t last_end = std::string_view::npos;
  while (pos <= text.size()) {
    Match m;
    if (!match_at(c, text, pos, RE2::UNANCHORED, sub.data(), m)) break;
    if (m.begin == m.end) {
      if (m.begin != last_end) out.push_back(std::move(m));
      pos = next_char(text, m.end);
    } else {
      last_end = m.end;
      pos = m.end;
      out.push_back(std::move(m));
      // A match that ends the text leaves only an empty match at its end,
      // which is skipped anyway: don't search for it (families anchored
      // with $ would pay a second RE2 call per text for nothing).
      if (pos == text.size()) break;
    }
  }
}

// Every match of every rule of the family, rule by rule in load order.
// Returns how many rules matched: with one, `all` is already in order
// (one rule's matches never overlap and advance left to right).
size_t Data::collect(const Family& f, std::string_view text, std::vector<Match>& all) const {
  // A family of one rule needs no Set: the rule's own search finds
  // whether it matches, where the Set would scan the text once more.
  if (f.compiled.size() == 1) {
    all_matches(compiled[f.compiled.front()], text, all);
    return all.empty() ? 0 : 1;
  }
  thread_local std::vector<int> v;
  hits(f, RE2::UNANCHORED, text, v);
  return collect_rules(f, v.data(), v.data() + v.size(), text, all);
}

// The matches of the family's rules [first, last) (indices into
// Family::rules, ascending) in `text`; returns how many rules that is.
size_t Data::collect_rules(const Family& f, const int* first, const int* last, std::string_view text,
                          std::vector<Match>& all) const {
  for (const int* i = first; i != last; ++i)
    all_matches(compiled[f.compiled[static_cast<size_t>(*i)]], text, all);
  return static_cast<size_t>(last - first);
}

}  // namespace internal

namespace {

using internal::Compiled;
using internal::Data;
using internal::Family;
using internal::SuffixPrograms;
using internal::Union;
using internal::Unions;
using internal::re2_options;

// Earliest start, then higher priority, then longer. Matches are collected
// rule by rule in load order, so the stable sort breaks remaining ties by it.
bool match_before(const Match& a, const Match& b) {
  if (a.begin != b.begin) return a.begin < b.begin;
  if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
  return a.end - a.begin > b.end - b.begin;
}

// A stable sort: insertion sort while short (std::stable_sort allocates a
// buffer on every call), which orders ties exactly as std::stable_sort.
void sort_matches(std::vector<Match>& v) {
  if (v.size() > 32) {
    std::stable_sort(v.begin(), v.end(), match_before);
    return;
  }
  for (size_t i = 1; i < v.size(); ++i) {
    if (!match_before(v[i], v[i - 1])) continue;
    Match m = std::move(v[i]);
    size_t j = i;
    for (; j > 0 && match_before(m, v[j - 1]); --j) v[j] = std::move(v[j - 1]);
    v[j] = std::move(m);
  }
}

const std::vector<const Rule*> kNoRules;
const std::vector<Entry> kNoEntries;

}  // namespace

// ---- Match / Entry ---------------------------------------------------------

std::string_view Match::group(std::string_view name, std::string_view text) const {
  for (const auto& g : groups)
    if (g.name == name) {
      if (g.begin > g.end || g.end > text.size()) return {};
      return text.substr(g.begin, g.end - g.begin);
    }
  return {};
}

bool Match::has(std::string_view name) const {
  for (const auto& g : groups)
    if (g.name == name) return true;
  return false;
}

std::string_view Match::attr(std::string_view key) const {
  if (!rule) return {};
  auto it = rule->attrs.find(std::string(key));
  return it == rule->attrs.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Entry::get(std::string_view key) const {
  auto it = fields.find(std::string(key));
  return it == fields.end() ? std::string_view() : std::string_view(it->second);
}

// ---- RuleSet ---------------------------------------------------------------

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

namespace {

// find_all's answer from the matches of `rules` rules, collected rule by
// rule in load order.
std::vector<Match> first_of_overlaps(std::vector<Match> all, size_t rules) {
  // One rule's matches are already in order and never overlap.
  if (rules <= 1) return all;
  sort_matches(all);
  // Keep matches in place: all[0, kept) is the result so far.
  size_t kept = 0;
  size_t covered = 0;
  for (auto& m : all) {
    if (kept > 0 && m.begin < covered) continue;
    // An empty match sitting exactly where a kept match ends is still
    // "inside" nothing; keep it only if nothing was kept at that offset.
    if (kept > 0 && m.begin == m.end && all[kept - 1].begin == m.begin) continue;
    covered = m.end;
    if (&m != &all[kept]) all[kept] = std::move(m);
    ++kept;
  }
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept), all.end());
  return all;
}

}  // namespace

std::vector<Match> RuleSet::find_all(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return {};
  std::vector<Match> all;
  const size_t rules = impl_->collect(*f, text, all);
  return first_of_overlaps(std::move(all), rules);
}

std::vector<Match> RuleSet::find_all_overlapping(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return {};
  std::vector<Match> all;
  if (impl_->collect(*f, text, all) > 1) sort_matches(all);
  return all;
}

Families RuleSet::families_of(std::initializer_list<std::string_view> names) const {
  std::string key;
  for (std::string_view n : names) {
    key += n;
    key.push_back('\0');
  }
  Unions& unions = *impl_->unions;
  std::lock_guard<std::mutex> lock(unions.mu);
  std::unique_ptr<Union>& u = unions.by_names[key];
  if (!u) {
    u = std::make_unique<Union>();
    u->first.push_back(0);
    auto set = std::make_unique<RE2::Set>(re2_options(impl_->options), RE2::UNANCHORED);
    bool ok = true;
    for (std::string_view n : names) {
      const Family* f = impl_->family(n);
      u->families.push_back(f);
      if (f)
        for (const Rule* r : f->rules) ok = ok && set->Add(r->pattern, nullptr) >= 0;
      u->first.push_back(u->first.back() + (f ? f->rules.size() : 0));
    }
    // Every pattern compiled alone at load; only memory can fail here.
    if (ok && u->first.back() > 0 && set->Compile()) u->set = std::move(set);
  }
  Families out;
  out.group_ = u.get();
  out.size_ = u->families.size();
  return out;
}

void RuleSet::scan(const Families& families, std::string_view text, Scan& out) const {
  const auto* u = static_cast<const Union*>(families.group_);
  out.group_ = u;
  out.hits_.clear();
  out.first_.assign(1, 0);
  if (!u) return;
  thread_local std::vector<int> v;
  v.clear();
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  const bool whole = u->set && (u->set->Match(re2::StringPiece(text.data(), text.size()), &v, &info) ||
                                info.kind == RE2::Set::kNoError);
  if (whole) std::sort(v.begin(), v.end());
  size_t k = 0;
  for (size_t i = 0; i < u->families.size(); ++i) {
    const Family* f = u->families[i];
    if (whole) {
      for (; k < v.size() && static_cast<size_t>(v[k]) < u->first[i + 1]; ++k)
        out.hits_.push_back(v[k] - static_cast<int>(u->first[i]));
    } else if (f && impl_->set_any(*f, text, RE2::UNANCHORED)) {
      // No union Set, or its DFA ran out of memory: the family's own Set.
      thread_local std::vector<int> own;
      impl_->hits(*f, RE2::UNANCHORED, text, own);
      out.hits_.insert(out.hits_.end(), own.begin(), own.end());
    }
    out.first_.push_back(out.hits_.size());
  }
}

std::vector<Match> RuleSet::find_all(const Scan& scan, size_t i, std::string_view text) const {
  const auto* u = static_cast<const Union*>(scan.group_);
  if (!u || !scan.any(i)) return {};
  std::vector<Match> all;
  const int* hits = scan.hits_.data();
  const size_t rules = impl_->collect_rules(*u->families[i], hits + scan.first_[i], hits + scan.first_[i + 1],
                                            text, all);
  return first_of_overlaps(std::move(all), rules);
}

std::vector<Match> RuleSet::find_all_overlapping(const Scan& scan, size_t i, std::string_view text) const {
  const auto* u = static_cast<const Union*>(scan.group_);
  if (!u || !scan.any(i)) return {};
  std::vector<Match> all;
  const int* hits = scan.hits_.data();
  if (impl_->collect_rules(*u->families[i], hits + scan.first_[i], hits + scan.first_[i + 1], text, all) > 1)
    sort_matches(all);
  return all;
}

std::optional<Match> RuleSet::match_prefix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return std::nullopt;
  std::optional<Match> best;
  thread_local std::vector<int> v;
  impl_->hits(*f, RE2::ANCHOR_START, text, v);
  for (int i : v) {
    const Compiled& c = impl_->compiled[f->compiled[static_cast<size_t>(i)]];
    Data::Submatches sub(c.ncap);
    Match m;
    if (!Data::match_at(c, text, 0, RE2::ANCHOR_START, sub.data(), m)) continue;
    if (!best || m.rule->priority > best->rule->priority ||
        (m.rule->priority == best->rule->priority && m.end > best->end))
      best = std::move(m);
  }
  return best;
}

bool RuleSet::any(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  return f && impl_->set_any(*f, text, RE2::UNANCHORED);
}

bool RuleSet::any_prefix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  return f && impl_->set_any(*f, text, RE2::ANCHOR_START);
}

bool RuleSet::any_suffix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return false;
  const SuffixPrograms& p = impl_->suffix_programs(*f);
  const re2::StringPiece sp(text.data(), text.size());
  if (p.any) return p.any->Match(sp, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
  if (!p.ok) {  // out of memory for `(?:…)$`: every start, every rule
    for (size_t b = 0; b <= text.size(); ++b)
      for (size_t idx : f->compiled)
        if (impl_->compiled[idx].re->Match(sp, b, text.size(), RE2::ANCHOR_BOTH, nullptr, 0)) return true;
    return false;
  }
  for (const auto& re : p.res)
    if (re->Match(sp, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return true;
  return false;
}

std::optional<Match> RuleSet::match_suffix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return std::nullopt;
  const SuffixPrograms& p = impl_->suffix_programs(*f);
  if (p.any && !p.any->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, nullptr, 0))
    return std::nullopt;
  std::optional<Match> best;
  auto consider = [&](Match&& m) {
    if (m.end == text.size() && (!best || match_before(m, *best))) best = std::move(m);
  };
  if (!p.ok) {  // out of memory for `(?:…)$`: the matches of a whole search
    for (auto& m : find_all_overlapping(family, text)) consider(std::move(m));
    return best;
  }
  // `(?:…)` adds no group: the suffix program numbers its groups as the rule.
  for (size_t i = 0; i < p.res.size(); ++i) {
    const Compiled& c = impl_->compiled[f->compiled[i]];
    Data::Submatches sub(c.ncap);
    Match m;
    if (Data::match_at(c, *p.res[i], text, 0, RE2::UNANCHORED, sub.data(), m)) consider(std::move(m));
  }
  return best;
}

const std::vector<const Rule*>& RuleSet::family(std::string_view name) const {
  const Family* f = impl_->family(name);
  return f ? f->rules : kNoRules;
}

const std::vector<Entry>& RuleSet::table(std::string_view name) const {
  auto it = impl_->tables.find(name);
  return it == impl_->tables.end() ? kNoEntries : it->second;
}

std::vector<std::string> RuleSet::families() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : impl_->families) out.push_back(name);
  return out;
}

size_t RuleSet::rule_count() const { return impl_->compiled.size(); }

std::vector<std::string> RuleSet::families_over_budget() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : impl_->families)
    if (f.rules.size() > 1 && (!impl_->set_of(f, RE2::UNANCHORED) || !impl_->set_of(f, RE2::ANCHOR_START)))
      out.push_back(name);
  return out;
}

const std::string& RuleSet::hash() const { return impl_->hash; }

const std::string& RuleSet::dir() const { return impl_->dir; }

const std::vector<const Rule*>& RuleSet::all() const { return impl_->all; }

std::vector<Match> RuleSet::find_all_of(const Rule& rule, std::string_view text) const {
  std::vector<Match> out;
  auto it = impl_->index.find(&rule);
  if (it != impl_->index.end()) Data::all_matches(impl_->compiled[it->second], text, out);
  return out;
}

std::optional<Match> RuleSet::first_match(const Rule& rule, std::string_view text) const {
  auto it = impl_->index.find(&rule);
  if (it == impl_->index.end()) return std::nullopt;
  const Compiled& c = impl_->compiled[it->second];
  Data::Submatches sub(c.ncap);
  Match m;
  if (!Data::match_at(c, text, 0, RE2::UNANCHORED, sub.data(), m)) return std::nullopt;
  return m;
}

}  // namespace policydb::rules
