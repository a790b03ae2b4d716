// The rule engine: every domain pattern of policydb lives in rules/*.toml,
// is compiled here once per run and shared read-only by all worker threads.
// This is the only place that includes RE2 or toml++. The file format is
// documented in rules/README.md.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace policydb::rules {

// An example sentence and the fields a rule must extract from it.
// Keys are group names, or "match" for the whole match; values are the
// captured text exactly. A counterexample has no fields: it must not match.
struct Example {
  std::string text;
  std::map<std::string, std::string> expect;
  int line = 0;  // line in the rule file, for messages
};

// One pattern with its metadata. `attrs` holds every other string key of the
// rule's table (role = "lead", kind = "by", direction = "decrease", ...):
// stages read their meaning, the engine only carries them.
struct Rule {
  std::string id;                              // unique in the whole rule set
  std::string family;                          // e.g. "target", "deadline", "note"
  std::string pattern;                         // RE2 syntax, named groups (?P<name>...)
  std::map<std::string, std::string> groups;   // group name -> what it means
  std::map<std::string, std::string> attrs;
  int priority = 0;                            // higher wins among overlapping matches
  std::vector<Example> examples;               // at least one, or the set does not load
  std::vector<Example> counterexamples;
  std::string file;                            // rule file (relative to the rules dir)
  int line = 0;                                // line of the rule's table in that file
};

// Group names and Match::rule point into the RuleSet that produced them:
// valid while it lives (moving the RuleSet keeps them valid).
struct Group {
  std::string_view name;
  size_t begin = 0;  // byte offsets into the searched text
  size_t end = 0;
};

struct Match {
  const Rule* rule = nullptr;
  size_t begin = 0;  // byte offsets of the whole match in the searched text
  size_t end = 0;
  std::vector<Group> groups;  // only groups that took part in the match

  // The group's text within `text` (the string that was searched), or empty.
  std::string_view group(std::string_view name, std::string_view text) const;
  bool has(std::string_view name) const;
  std::string_view attr(std::string_view key) const;  // rule->attrs[key] or empty
};

// A row of non-regex data: gazetteer aliases, period years, units, ...
// Declared in rule files as [[table.NAME]] entries.
struct Entry {
  std::map<std::string, std::string> fields;              // scalar values, as strings
  std::map<std::string, std::vector<std::string>> lists;  // array values
  std::string file;
  int line = 0;

  std::string_view get(std::string_view key) const;  // fields[key] or empty
};

class RuleSet;

// Several families read together: RuleSet::families_of() resolves the names
// once and RuleSet::scan() asks all of them about one text with a single
// RE2::Set pass, where any() per family would make one pass each and
// find_all() another. Valid while the RuleSet that made it lives.
class Families {
 public:
  size_t size() const { return size_; }

 private:
  friend class RuleSet;
  const void* group_ = nullptr;  // the RuleSet's compiled union of the families
  size_t size_ = 0;
};

// What RuleSet::scan() found in one text: for each family of the handle,
// which of its rules match somewhere in it. Reuse one Scan across texts to
// keep its buffers.
class Scan {
 public:
  // True when a rule of the handle's i-th family matches (as any() would).
  bool any(size_t i) const { return i + 1 < first_.size() && first_[i] != first_[i + 1]; }

 private:
  friend class RuleSet;
  const void* group_ = nullptr;
  std::vector<int> hits_;      // indexes into the families' rules, family by family, ascending
  std::vector<size_t> first_;  // family i's hits are hits_[first_[i], first_[i + 1])
};

struct Options {
  // RE2 memory budget per compiled program and per family Set. At RE2's
  // default (8 MB) a large Set silently falls back to the NFA (~1 MB/s).
  int64_t max_mem = 64 << 20;
  // Rule files larger than this are refused (rule files are untrusted input).
  size_t max_file_bytes = 4 << 20;
};

class RuleSet {
 public:
  // Loads and compiles every *.toml file under `dir`, recursively, in
  // sorted relative-path order. Errors name the file (dir + "/" + its
  // relative path) and line: "rules/target.toml:12: rule t-decrease: no
  // argument for repetition operator: *". A TOML syntax error, a bad
  // pattern, a rule without examples, a duplicate id, a group not declared
  // under `groups` (or declared and unused), a file over max_file_bytes, or
  // a directory without rule files is an error. Nothing is partially
  // loaded. Examples are not run here: see check().
  static Result<RuleSet> load(const std::string& dir, const Options& options = {});

  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  ~RuleSet();

  // Every match of the family's rules in `text`. One RE2::Set pass finds the
  // rules that hit; only those run with capture groups. Overlaps between
  // rules are resolved left to right: earliest start, then higher priority,
  // then longer match. Unknown family: empty.
  std::vector<Match> find_all(std::string_view family, std::string_view text) const;

  // Like find_all, but keeps overlapping matches of different rules (each
  // rule's own matches never overlap). Sorted by begin, then priority desc.
  std::vector<Match> find_all_overlapping(std::string_view family, std::string_view text) const;

  // The best match of the family that starts at offset 0 of `text`
  // (priority, then length), if any. For line-start markers.
  std::optional<Match> match_prefix(std::string_view family, std::string_view text) const;

  // True when any rule of the family matches somewhere in `text`.
  bool any(std::string_view family, std::string_view text) const;

  // True when a rule of the family matches at offset 0 of `text` (as
  // match_prefix would find it), or a span of `text` that ends where `text`
  // ends. Both stop after the few characters a rule can reach from that end
  // instead of reading all of `text`: cheap tests of whether a find_all over
  // a long prefix or suffix can report a match at its edge.
  bool any_prefix(std::string_view family, std::string_view text) const;
  bool any_suffix(std::string_view family, std::string_view text) const;
  // The match that ends where `text` ends and starts earliest (then higher
  // priority, then load order), read backwards from the end as any_suffix
  // reads: for a family whose rules all end at `$`, find_all's only match.
  std::optional<Match> match_suffix(std::string_view family, std::string_view text) const;

  // A handle to these families for scan(), the union Set compiled on the
  // first request for this list (thread-safe). Unknown names are families
  // without rules.
  Families families_of(std::initializer_list<std::string_view> names) const;
  // Which rules of each family in `families` match somewhere in `text`, with
  // one Set pass; `out` is overwritten.
  void scan(const Families& families, std::string_view text, Scan& out) const;
  // find_all / find_all_overlapping for the i-th family of the handle that
  // `scan` was made with, over the same `text`: the rules scan found run
  // with capture groups, without another Set pass. Same results.
  std::vector<Match> find_all(const Scan& scan, size_t i, std::string_view text) const;
  std::vector<Match> find_all_overlapping(const Scan& scan, size_t i, std::string_view text) const;

  const std::vector<const Rule*>& family(std::string_view name) const;  // empty if unknown
  const std::vector<Entry>& table(std::string_view name) const;         // empty if unknown
  std::vector<std::string> families() const;
  size_t rule_count() const;
  // Families whose RE2::Sets (built on first use) do not fit in
  // Options::max_mem, building every Set not built yet. Such a family still
  // matches, rule by rule and slower; check() reports it.
  std::vector<std::string> families_over_budget() const;

  // Every rule, in load order (files sorted by path, then as written).
  const std::vector<const Rule*>& all() const;
  // The leftmost match of one rule of this set alone in `text` (how examples
  // are checked); nullopt if it does not match or is not from this set.
  std::optional<Match> first_match(const Rule& rule, std::string_view text) const;
  // Every non-overlapping match of one rule of this set alone, left to right.
  std::vector<Match> find_all_of(const Rule& rule, std::string_view text) const;
  // The directory given to load(); messages name files as dir + "/" + file.
  const std::string& dir() const;

  // SHA-256 over the rule files' relative names and bytes: stored with each
  // run; a change re-processes documents.
  const std::string& hash() const;

 private:
  struct Impl;
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs every rule's examples and counterexamples against the compiled set.
// Returns one line per failure, "file:line: rule ID: expected …, got …";
// empty means all passed.
std::vector<std::string> check(const RuleSet& rules);

}  // namespace policydb::rules
