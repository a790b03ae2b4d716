#!/usr/bin/env bash
# Scores the pipeline on every gold set beside the repository (../shared):
# ingests each set into a fresh database, exports it and runs score.py, the
# one definition of extraction quality. Prints one block per set.
#   scripts/eval.sh [BUILD_DIR] [SET…]   sets: seeds pdf dev2 wide (default: seeds pdf dev2)
# Exports and databases are left in $EVAL_DIR (default output/eval).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift || true
sets=("$@"); [ ${#sets[@]} -eq 0 ] && sets=(seeds pdf dev2)
shared=../shared
[ -d "$shared/gold" ] || { echo "eval: ../shared/gold not found" >&2; exit 2; }
out=${EVAL_DIR:-output/eval}
mkdir -p "$out"
for set in "${sets[@]}"; do
  case $set in
    seeds) input=corpus; gold=seeds.jsonl ;;
    pdf)   input=$shared/pdf; gold=pdf.jsonl ;;
    dev2)  input=$shared/dev2; gold=dev2.jsonl ;;
    wide)  input=$shared/wide; gold= ;;   # no gold: sanity.py's gold-free checks
    *) echo "eval: unknown set $set" >&2; exit 2 ;;
  esac
  rm -f "$out/$set.db" "$out/$set.db-wal" "$out/$set.db-shm"
  "$build/policydb" -q ingest --db "$out/$set.db" "$input" >/dev/null 2>"$out/$set.log" || true
  "$build/policydb" export --db "$out/$set.db" --format jsonl > "$out/$set.jsonl"
  echo "== $set ($input)"
  if [ -z "$gold" ]; then
    python3 "$shared/tools/sanity.py" --pred "$out/$set.jsonl" > "$out/$set.sanity.txt" || true
    head -40 "$out/$set.sanity.txt"; continue
  fi
  python3 "$shared/tools/score.py" --gold "$shared/gold/$gold" --pred "$out/$set.jsonl" | grep -v '^  '
done
