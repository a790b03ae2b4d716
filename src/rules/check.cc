// `policydb rules check`: every rule's examples must match (with the
// expected groups) through the rule's own program and the family's Set,
// its counterexamples must not, and no pattern may match empty text.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.h"

namespace policydb::rules {

namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += "\"";
  return out;
}

using internal::join_path;

// One example of rule r: its match (the one `match` names, else the first)
// must be reported by the family's Set too, with the expected groups.
void check_example(const RuleSet& rules, const Rule* r, const Example& ex,
                   const std::function<void(int, const std::string&)>& fail) {
  // `match` picks which of the rule's matches the example is about, so
  // examples can be whole sentences; without it, the first match.
  const std::vector<Match> found = rules.find_all_of(*r, ex.text);
  if (found.empty()) {
    fail(ex.line, "expected a match in " + quote(ex.text) + ", got none");
    return;
  }
  const Match* m = &found.front();
  if (auto want = ex.expect.find("match"); want != ex.expect.end()) {
    for (const Match& f : found)
      if (std::string_view(ex.text).substr(f.begin, f.end - f.begin) == want->second) {
        m = &f;
        break;
      }
  }
  std::string_view whole = std::string_view(ex.text).substr(m->begin, m->end - m->begin);
  // The stages see rules through the family's Set: it must report this
  // match too (it would not if the Set and the rule disagreed).
  bool seen = false;
  for (const Match& o : rules.find_all_overlapping(r->family, ex.text))
    seen = seen || (o.rule == r && o.begin == m->begin && o.end == m->end);
  if (!seen) fail(ex.line, "expected the family's RE2::Set to report match " + quote(whole) + ", got none");
  for (const auto& [key, want] : ex.expect) {
    if (key == "match") {
      if (whole != want) {
        std::string got;
        for (const Match& f : found)
          got += (got.empty() ? "" : ", ") + quote(std::string_view(ex.text).substr(f.begin, f.end - f.begin));
        fail(ex.line, "expected match " + quote(want) + ", got " + got);
      }
    } else if (want.empty()) {
      if (m->has(key))
        fail(ex.line, "expected group " + key + " not to take part, got " + quote(m->group(key, ex.text)) +
                          " in match " + quote(whole));
    } else if (!m->has(key)) {
      fail(ex.line, "expected " + key + " = " + quote(want) + ", got no such group in match " + quote(whole));
    } else if (m->group(key, ex.text) != want) {
      fail(ex.line, "expected " + key + " = " + quote(want) + ", got " + quote(m->group(key, ex.text)) +
                        " in match " + quote(whole));
    }
  }
}

}  // namespace

std::vector<std::string> check(const RuleSet& rules) {
  std::vector<std::string> failures;
  for (const std::string& name : rules.families_over_budget()) {
    const Rule* r = rules.family(name).front();
    failures.push_back(join_path(rules.dir(), r->file) + ":" + std::to_string(r->line) + ": family `" + name +
                       "`: RE2::Set out of memory (raise Options::max_mem)");
  }
  for (const Rule* r : rules.all()) {
    auto fail = [&](int line, const std::string& what) {
      failures.push_back(join_path(rules.dir(), r->file) + ":" + std::to_string(line ? line : r->line) +
                         ": rule " + r->id + ": " + what);
    };
    for (const Example& ex : r->examples) check_example(rules, r, ex, fail);
    for (const Example& ex : r->counterexamples) {
      if (auto m = rules.first_match(*r, ex.text))
        fail(ex.line, "expected no match in " + quote(ex.text) + ", got " +
                          quote(std::string_view(ex.text).substr(m->begin, m->end - m->begin)));
    }
    // A pattern that can match nothing matches between any two characters
    // (`年?`, `\d*`): find_all would report it all over every text.
    if (auto m = rules.first_match(*r, "x"); m && m->begin == m->end)
      fail(r->line, "expected a pattern that cannot match empty text, got an empty match in \"x\"");
  }
  return failures;
}

}  // namespace policydb::rules
