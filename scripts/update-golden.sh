#!/usr/bin/env bash
# Rewrites tests/golden/ from a fresh ingest of corpus/, then shows what
# changed. Review the diff before committing it: a golden never encodes a
# known bug as correct.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target policydb golden_test >/dev/null
POLICYDB_UPDATE_GOLDEN=1 "$build/tests/golden_test" --gtest_brief=1 >/dev/null || true
git --no-pager diff --stat -- tests/golden
