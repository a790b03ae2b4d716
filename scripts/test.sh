#!/usr/bin/env bash
# Quick start 2: install what is missing, build, run the whole test suite.
# Tests that need ../shared (the 60 PDFs, the gold, the scorer) report
# themselves skipped when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
