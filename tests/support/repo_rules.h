// Test support: the repository's own rule set (rules/ of the source tree),
// loaded once per test process and shared by every test in it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "rules/rules.h"

namespace policydb::testing {

// A rule set that does not load is a failure of the test binary itself:
// reported, then the process stops (no test could mean anything).
inline const rules::RuleSet& repo_rules() {
  static const rules::RuleSet* set = [] {
    auto loaded = rules::RuleSet::load(std::string(POLICYDB_SOURCE_DIR) + "/rules");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new rules::RuleSet(std::move(loaded).value());
  }();
  return *set;
}

}  // namespace policydb::testing
