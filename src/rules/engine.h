// Inside the rule engine (private to src/rules/): compiled rules, families
// and everything a loaded RuleSet holds, shared by load.cc (which builds
// them from the TOML files), match.cc (which runs them) and check.cc (which
// runs the examples). RE2 is included only here and in those files; toml++
// only in load.cc.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/rules.h"

namespace policydb::rules::internal {

// A rule with its compiled program. Group names point into rule->groups keys
// (std::map nodes never move), so Match::groups stays valid as long as the
// RuleSet lives.
struct Compiled {
  std::unique_ptr<Rule> rule;
  std::unique_ptr<RE2> re;
  std::vector<std::pair<int, std::string_view>> named;  // capture index -> name
  int ncap = 1;                                           // submatches to ask RE2 for
};

// Each rule as `(?:pattern)$`, compiled on first use by any_suffix: RE2
// runs an end-anchored pattern backwards from the end of the text, so the
// test reads only as far back as a match could reach. `any` is all of
// them in one program, `(?:p1|p2|…)$` without groups: one backward run
// tells whether some rule ends the text, which is all any_suffix asks and
// what match_suffix asks first (most texts end with none).
struct SuffixPrograms {
  std::once_flag once;
  std::vector<std::unique_ptr<RE2>> res;  // parallel to Family::rules
  std::unique_ptr<RE2> any;               // null if it did not compile (memory)
  bool ok = true;                          // every pattern in `res` compiled
};

// A family's two RE2::Sets, [0] unanchored (find_all, any) and [1] anchored
// at the start (match_prefix stops early), each compiled on first use: a
// Set costs several times its rules' own programs to build (RE2 runs its
// DFA once on compiling it) and a run asks only some families each way.
// Null after the once when RE2 ran out of memory: every rule is then asked.
struct LazySets {
  std::once_flag once[2];
  std::unique_ptr<RE2::Set> set[2];
};

struct Family {
  std::vector<const Rule*> rules;
  std::vector<size_t> compiled;  // index into Data::compiled, parallel to rules
  std::unique_ptr<LazySets> sets = std::make_unique<LazySets>();
  std::unique_ptr<SuffixPrograms> suffix = std::make_unique<SuffixPrograms>();
};

// Family names -> families, for the lookup every call makes: open
// addressing over a power-of-two table, hashed from the name's length and
// its first and last bytes (family names are short and few), so a lookup
// is a few instructions and one memcmp instead of a full string hash and
// a division.
class FamilyIndex {
 public:
  void build(const std::map<std::string, Family, std::less<>>& families) {
    size_t n = 16;
    while (n < families.size() * 4) n *= 2;
    slots_.assign(n, Slot{});
    for (const auto& [name, f] : families) {
      size_t i = hash(name) & (n - 1);
      while (slots_[i].family) i = (i + 1) & (n - 1);
      slots_[i] = Slot{name, &f};
    }
  }

  const Family* find(std::string_view name) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash(name) & mask; slots_[i].family; i = (i + 1) & mask)
      if (slots_[i].name == name) return slots_[i].family;
    return nullptr;
  }

 private:
  struct Slot {
    std::string_view name;  // views Data::families' keys (std::map nodes never move)
    const Family* family = nullptr;
  };

  static size_t hash(std::string_view s) {
    uint64_t h = s.size() * 0x9e3779b97f4a7c15ULL;
    if (!s.empty()) {
      uint64_t head = 0, tail = 0;
      std::memcpy(&head, s.data(), std::min<size_t>(s.size(), 8));
      std::memcpy(&tail, s.data() + s.size() - std::min<size_t>(s.size(), 8), std::min<size_t>(s.size(), 8));
      h ^= head * 0xff51afd7ed558ccdULL;
      h ^= (tail + (h >> 29)) * 0xc4ceb9fe1a85ec53ULL;
    }
    return static_cast<size_t>(h ^ (h >> 32));
  }

  std::vector<Slot> slots_;
};

// RE2's options for every program of a rule set (load.cc).
RE2::Options re2_options(const Options& options);

// dir/rel, for messages that name a rule file (load.cc).
std::string join_path(const std::string& dir, const std::string& rel);

// The rules of several families in one unanchored Set, for
// RuleSet::scan(): pattern j of `set` is rule j - first[i] of family i for
// first[i] <= j < first[i + 1].
struct Union {
  std::vector<const Family*> families;  // null for a name without rules
  std::vector<size_t> first;
  std::unique_ptr<RE2::Set> set;  // null if it could not be compiled: scan() asks family by family
};

// Unions made so far, by their family names joined with '\0'. Behind a
// pointer: the mutex cannot move with the RuleSet.
struct Unions {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<Union>, std::less<>> by_names;
};

// Everything a loaded RuleSet holds; RuleSet::Impl is this, behind the pimpl.
struct Data {
  std::string dir;
  std::vector<Compiled> compiled;  // load order
  std::vector<const Rule*> all;    // the same, as the public API hands them out
  std::unordered_map<const Rule*, size_t> index;  // rule -> compiled[]
  std::map<std::string, Family, std::less<>> families;
  FamilyIndex by_name;
  std::map<std::string, std::vector<Entry>, std::less<>> tables;
  std::string hash;
  Options options;
  std::unique_ptr<Unions> unions = std::make_unique<Unions>();


  const Family* family(std::string_view name) const { return by_name.find(name); }

  // True when one of the family's rules (all, if the DFA ran out of memory)
  // matches `text` as the Set `set` is anchored.
  // The family's Set anchored as `anchor` (UNANCHORED or ANCHOR_START),
  // compiled on first use. Null for a family of one rule, whose own program
  // answers at less cost, and when RE2 ran out of memory.
  const RE2::Set* set_of(const Family& f, RE2::Anchor anchor) const;
  bool set_any(const Family& f, std::string_view text, RE2::Anchor anchor) const;

  // The family's rules as `(?:pattern)$`, compiled on first use.
  const SuffixPrograms& suffix_programs(const Family& f) const;

  // Indices (into Family::rules) of the rules that match somewhere in
  // `text` as `set` is anchored, ascending, into `v` (cleared first).
  void hits(const Family& f, RE2::Anchor anchor, std::string_view text, std::vector<int>& v) const;

  // Room for one rule's submatches, on the stack for the usual few groups.
  class Submatches {
   public:
    explicit Submatches(int n) : n_(static_cast<size_t>(n)) {
      if (n_ > kInline) heap_.resize(n_);
    }
    re2::StringPiece* data() { return n_ > kInline ? heap_.data() : inline_; }

   private:
    static constexpr size_t kInline = 16;
    size_t n_;
    re2::StringPiece inline_[kInline];
    std::vector<re2::StringPiece> heap_;
  };

  // Runs one rule at `pos` and fills `m`. `anchor` as RE2; `sub` has room
  // for c.ncap pieces.
  static bool match_at(const Compiled& c, std::string_view text, size_t pos, RE2::Anchor anchor,
                       re2::StringPiece* sub, Match& m);
  // The same with another program for c's rule whose capture groups are
  // numbered as c's (the rule's suffix program).
  static bool match_at(const Compiled& c, const RE2& re, std::string_view text, size_t pos, RE2::Anchor anchor,
                       re2::StringPiece* sub, Match& m);

  // Every non-overlapping match of one rule, left to right.
  static void all_matches(const Compiled& c, std::string_view text, std::vector<Match>& out);

  // Every match of every rule of the family, rule by rule in load order;
  // returns how many rules matched.
  size_t collect(const Family& f, std::string_view text, std::vector<Match>& all) const;

  // The matches of the family's rules [first, last) (indices into
  // Family::rules, ascending) in `text`; returns how many rules that is.
  size_t collect_rules(const Family& f, const int* first, const int* last, std::string_view text,
                       std::vector<Match>& all) const;
};

}  // namespace policydb::rules::internal

namespace policydb::rules {

struct RuleSet::Impl : internal::Data {
  explicit Impl(internal::Data&& d) : Data(std::move(d)) {}
};

}  // namespace policydb::rules
