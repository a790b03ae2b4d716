// Data derived from a rule set once and shared by every document read with
// it (tables indexed for lookup): T is built from the RuleSet on first use.
// Used by extract (gazetteer, places, periods) and notes (brackets).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "rules/rules.h"

namespace policydb::rules {

// Keyed by the rule set's hash (its files' names and bytes): equal hashes
// give equal data, and a RuleSet freed and another loaded at its address
// cannot be confused with it. A process that loads many rule sets (tests)
// keeps only a few; callers still using an evicted one hold their own
// reference.
template <class T>
std::shared_ptr<const T> built_once(const RuleSet& rules) {
  static std::mutex mu;
  static auto* cache = new std::map<std::string, std::shared_ptr<const T>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(rules.hash());
  if (it != cache->end()) return it->second;
  auto built = std::make_shared<const T>(rules);
  if (cache->size() >= 8) cache->clear();
  cache->emplace(rules.hash(), built);
  return built;
}

}  // namespace policydb::rules
