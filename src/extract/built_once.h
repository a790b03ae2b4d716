// extract's name for rules::built_once (rules/built_once.h): data derived
// from a rule set once, shared by every document read with it.
#pragma once

#include "rules/built_once.h"

namespace policydb::extract {
using policydb::rules::built_once;
}  // namespace policydb::extract
