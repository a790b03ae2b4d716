#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) in build-fuzz and runs
# each for FUZZ_SECONDS (default 60) seeded with corpus/*.txt.
# Exits non-zero when a harness crashes, leaks or times out; the reproducer
# is left in build-fuzz/artifacts/.
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh            # longer session
#   FUZZ_HARNESSES="fuzz_text fuzz_segment" scripts/fuzz-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_BUILD_JOBS:-1}
harnesses=${FUZZ_HARNESSES:-"fuzz_text fuzz_outline fuzz_segment fuzz_pipeline"}

CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLICYDB_FUZZ=ON -DPOLICYDB_TESTS=OFF -DPOLICYDB_BENCH=OFF >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" --target $harnesses -j"$jobs"

mkdir -p "$build/artifacts"
status=0
for h in $harnesses; do
  # The seed corpus is copied so that what the fuzzer adds never lands in corpus/.
  work="$build/corpus-$h"
  mkdir -p "$work"
  cp -n "$root"/corpus/*.txt "$work"/ 2>/dev/null || true
  if [ -d "$root/tests/data/fuzz-seeds" ]; then cp -n "$root"/tests/data/fuzz-seeds/* "$work"/ 2>/dev/null || true; fi
  log="$build/$h.log"
  echo "fuzz-smoke: $h for ${seconds}s"
  # -rss_limit_mb: the 50 MB single-line input class must not make the run die of memory.
  if ! "$build/fuzz/$h" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
       -max_len=4096 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$h-" "$work" >"$log" 2>&1; then
    echo "fuzz-smoke: $h FAILED (see $log and $build/artifacts/)" >&2
    grep -E "ERROR|SUMMARY|==[0-9]+==" "$log" | head -20 >&2 || true
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/  $h /"
  fi
done
exit $status
