#!/usr/bin/env bash
# End-to-end throughput and memory of `policydb ingest` against its goals, in
# one run (~5–10 minutes on 2 cores):
#
#   (a) PDF: pdftotext (one process per file, output discarded) on every PDF
#       in ../shared/pdf, then `policydb ingest --jobs 1` and `--jobs 2` on
#       the same files into fresh databases.
#   (b) TXT: a synthetic corpus of ≥ BENCH_TXT_MB (default 50) MB made from
#       corpus/*.txt by bench/make_corpus.py, ingested with the search index
#       (the default: fed per batch; --jobs 1 and 2) and with
#       --defer-index (stored without the index, rebuilt once at the end).
#       "No index" is a --defer-index run without its final rebuild (ingest
#       logs the rebuild's seconds). The reference for the indexed runs is
#       SQLite alone building the same FTS5 indexes from the stored rows
#       ('rebuild', one transaction, in the sqlite3 CLI).
#   (c) Both corpora doubled, to check that peak memory follows the largest
#       document and not the corpus.
#
# Prints a table and writes it to output/bench.txt. Timings are wall clock
# on a shared machine: compare ratios, and rerun when the load is high.
#
# Environment: BUILD_DIR (build-bench), BENCH_BUILD_JOBS (nproc),
# BENCH_TXT_MB (50), BENCH_PDF_LIMIT (all; first N PDFs, for a smoke run),
# POLICYDB_SHARED_DIR (../shared), BENCH_KEEP=1 keeps the
# scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=${POLICYDB_SHARED_DIR:-$root/../shared}
pdf_dir=$shared/pdf
build=${BUILD_DIR:-build-bench}
txt_mb=${BENCH_TXT_MB:-50}
out=output/bench.txt

for tool in pdftotext pdfinfo sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (scripts/install-deps.sh)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (package 'time')" >&2; exit 2; }
[ -d "$pdf_dir" ] || { echo "bench: no PDF folder $pdf_dir (set POLICYDB_SHARED_DIR)" >&2; exit 2; }

echo "bench: building Release into $build" >&2
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target policydb -j"${BENCH_BUILD_JOBS:-$(nproc)}" >/dev/null
bin=$root/$build/policydb

work=$(mktemp -d "${TMPDIR:-/tmp}/policydb-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench: scratch kept in $work" >&2
else trap 'rm -rf "$work"' EXIT; fi

# measure NAME CMD...: runs CMD under GNU time; NAME.t holds
# "wall_seconds maxrss_kB user_seconds system_seconds".
measure() {
  local name=$1; shift
  echo "bench: $name" >&2
  local rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$work/$name.t" "$@" >"$work/$name.log" 2>&1 || rc=$?
  # ingest exits 1 when some documents failed: still a complete run.
  if [ "$rc" -gt 1 ]; then
    echo "bench: $name failed (exit $rc):" >&2; tail -5 "$work/$name.log" >&2; exit 1
  fi
  tail -1 "$work/$name.t" >"$work/$name.t.last" && mv "$work/$name.t.last" "$work/$name.t"
}
secs() { cut -d' ' -f1 "$work/$1.t"; }
cpu() { awk '{printf "%.1f", $3 + $4}' "$work/$1.t"; }
# Wall and CPU seconds a --defer-index run spent rebuilding the index at
# its end, from ingest's log line "search index rebuilt in W s (C s CPU)".
rebuild_secs() {
  local s; s=$(sed -n 's/.*search index rebuilt in \([0-9.]*\) s.*/\1/p' "$work/$1.log" | tail -1)
  echo "${s:-0}"
}
rebuild_cpu() {
  local s; s=$(sed -n 's/.*search index rebuilt in .* (\([0-9.]*\) s CPU).*/\1/p' "$work/$1.log" | tail -1)
  echo "${s:-0}"
}
# CPU seconds of the pipeline workers and of the reading/storing thread,
# from ingest's log line "CPU: pipeline P s in N worker(s); reading and storing S s".
pipeline_cpu() { sed -n 's/.*CPU: pipeline \([0-9.]*\) s.*/\1/p' "$work/$1.log" | tail -1; }
storing_cpu() { sed -n 's/.*reading and storing \([0-9.]*\) s.*/\1/p' "$work/$1.log" | tail -1; }
# The same run without its final rebuild.
secs_noidx() { calc %.1f "$(secs "$1") - $(rebuild_secs "$1")"; }
cpu_noidx() { calc %.1f "$(cpu "$1") - $(rebuild_cpu "$1")"; }
rss_mb() { awk '{printf "%.0f", $2/1024}' "$work/$1.t"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

mb_of() { du -sb --apparent-size "$@" | awk '{s += $1} END {printf "%.1f", s/1e6}'; }

# ---------------------------------------------------------------- (a) PDF
mapfile -t pdfs < <(find "$pdf_dir" -maxdepth 1 -name '*.pdf' | sort | head -n "${BENCH_PDF_LIMIT:-100000}")
n_pdf=${#pdfs[@]}
pages=0
for f in "${pdfs[@]}"; do
  p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${p:-0}))
done
pdf_mb=$(mb_of "${pdfs[@]}")

cat >"$work/pdftotext.sh" <<'EOF'
for f in "$@"; do pdftotext "$f" /dev/null 2>/dev/null || true; done
EOF
measure pdftotext bash "$work/pdftotext.sh" "${pdfs[@]}"
# ingest asks Poppler for physical layout (rows of tables stay rows), which
# costs Poppler more than pdftotext's default reading order: -layout is the
# same work, so it shows what Poppler alone needs for what ingest asks of it.
sed -i 's/pdftotext "\$f"/pdftotext -layout "$f"/' "$work/pdftotext.sh"
measure pdftotext_layout bash "$work/pdftotext.sh" "${pdfs[@]}"
measure pdf_j1 "$bin" -q ingest --jobs 1 --db "$work/pdf_j1.db" "${pdfs[@]}"
measure pdf_j2 "$bin" -q ingest --jobs 2 --db "$work/pdf_j2.db" "${pdfs[@]}"
# Doubled: the same PDFs under two folder names are two sets of documents.
mkdir -p "$work/pdf2/a" "$work/pdf2/b"
for f in "${pdfs[@]}"; do ln -s "$f" "$work/pdf2/a/"; ln -s "$f" "$work/pdf2/b/"; done
measure pdf_j2_x2 "$bin" -q ingest --jobs 2 --db "$work/pdf_j2_x2.db" "$work/pdf2"

# ---------------------------------------------------------------- (b) TXT
python3 bench/make_corpus.py corpus "$work/txt1" "$txt_mb" >&2
python3 bench/make_corpus.py corpus "$work/txt2" "$(calc %s "$txt_mb * 2")" >&2
txt1_mb=$(mb_of "$work/txt1"); txt2_mb=$(mb_of "$work/txt2")
txt1_n=$(find "$work/txt1" -type f | wc -l); txt2_n=$(find "$work/txt2" -type f | wc -l)

# Not -q: the log carries the rebuild's seconds (and a line per document).
measure txt_noidx_j1 "$bin" ingest --defer-index --jobs 1 --db "$work/txt_noidx_j1.db" "$work/txt1"
measure txt_noidx_j2 "$bin" ingest --defer-index --jobs 2 --db "$work/txt_noidx_j2.db" "$work/txt1"
measure txt_idx_j1 "$bin" -q ingest --jobs 1 --db "$work/txt_idx_j1.db" "$work/txt1"
measure txt_idx_j2 "$bin" -q ingest --jobs 2 --db "$work/txt_idx_j2.db" "$work/txt1"
measure txt_noidx_j2_x2 "$bin" ingest --defer-index --jobs 2 --db "$work/txt_noidx_j2_x2.db" "$work/txt2"
measure txt_idx_j2_x2 "$bin" -q ingest --jobs 2 --db "$work/txt_idx_j2_x2.db" "$work/txt2"

# Reference: SQLite alone builds the same three FTS5 indexes over the rows
# the no-index run stored (copy, so the measured database stays as it was),
# with SQLite's own settings: the copy's tables are set back to FTS5's
# default in-memory size (hashsize 1 MB; schema step 12 sets 8 MB).
cp "$work/txt_noidx_j1.db" "$work/fts_ref.db"
sqlite3 "$work/fts_ref.db" "PRAGMA wal_checkpoint(TRUNCATE);
  INSERT INTO clauses_fts(clauses_fts) VALUES('delete-all');
  INSERT INTO tasks_fts(tasks_fts) VALUES('delete-all');
  INSERT INTO documents_fts(documents_fts) VALUES('delete-all');
  INSERT INTO clauses_fts(clauses_fts, rank) VALUES('hashsize', 1048576);
  INSERT INTO tasks_fts(tasks_fts, rank) VALUES('hashsize', 1048576);
  INSERT INTO documents_fts(documents_fts, rank) VALUES('hashsize', 1048576); VACUUM;" >/dev/null
clause_mb=$(sqlite3 "$work/fts_ref.db" \
  "SELECT printf('%.1f', (SELECT total(length(CAST(text AS BLOB))) FROM clauses)/1e6)")
n_clauses=$(sqlite3 "$work/fts_ref.db" "SELECT count(*) FROM clauses")
measure fts_ref sqlite3 "$work/fts_ref.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
  INSERT INTO clauses_fts(clauses_fts) VALUES('rebuild');
  INSERT INTO tasks_fts(tasks_fts) VALUES('rebuild');
  INSERT INTO documents_fts(documents_fts) VALUES('rebuild');"

# ---------------------------------------------------------------- report
{
  echo "policydb bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "PDF: $n_pdf files, $pages pages, $pdf_mb MB.  TXT: ${txt1_n} files ${txt1_mb} MB (x2: ${txt2_n} files ${txt2_mb} MB), $n_clauses clauses ($clause_mb MB of clause text)"
  echo
  printf '%-40s %8s %8s %9s %8s %7s\n' run "wall s" "CPU s" "pages/s" "MB/s" "RSS MB"
  printf '%-40s %8s %8s %9s %8s %7s\n' ---------------------------------------- -------- -------- --------- -------- -------
  row() {  # row LABEL NAME PAGES MB
    local s; s=$(secs "$2")
    printf '%-40s %8.1f %8s %9s %8s %7s\n' "$1" "$s" "$(cpu "$2")" \
      "$( [ "$3" = - ] && echo - || calc %.1f "$3 / $s")" "$(calc %.2f "$4 / $s")" "$(rss_mb "$2")"
  }
  row "pdftotext (process per file)" pdftotext "$pages" "$pdf_mb"
  row "pdftotext -layout (reference)" pdftotext_layout "$pages" "$pdf_mb"
  row "PDF ingest --jobs 1" pdf_j1 "$pages" "$pdf_mb"
  row "PDF ingest --jobs 2" pdf_j2 "$pages" "$pdf_mb"
  row "PDF ingest --jobs 2, corpus x2" pdf_j2_x2 "$((pages * 2))" "$(calc %s "$pdf_mb * 2")"
  row "TXT --defer-index --jobs 1" txt_noidx_j1 - "$txt1_mb"
  row "TXT --defer-index --jobs 2" txt_noidx_j2 - "$txt1_mb"
  row "TXT --defer-index --jobs 2, corpus x2" txt_noidx_j2_x2 - "$txt2_mb"
  row "TXT with index --jobs 1" txt_idx_j1 - "$txt1_mb"
  row "TXT with index --jobs 2" txt_idx_j2 - "$txt1_mb"
  row "TXT with index --jobs 2, corpus x2" txt_idx_j2_x2 - "$txt2_mb"
  row "SQLite alone: FTS5 rebuild, defaults (ref)" fts_ref - "$txt1_mb"
  for n in txt_noidx_j1 txt_noidx_j2 txt_noidx_j2_x2; do
    printf '%-40s %8.1f %8.1f %9s %8s %7s\n' "  $n without its rebuild" "$(secs_noidx $n)" \
      "$(cpu_noidx $n)" - "$(calc %.2f "$( [ $n = txt_noidx_j2_x2 ] && echo "$txt2_mb" || echo "$txt1_mb") / $(secs_noidx $n)")" -
  done
  echo
  printf '%-50s %8s   %-8s  %s\n' goal measured target verdict
  goal() {  # goal LABEL VALUE OP LIMIT
    local ok; ok=$(awk "BEGIN { print ($2 $3 $4) ? \"met\" : \"MISSED\" }")
    printf '%-50s %8s   %s %-5s  %s\n' "$1" "$2" "$3" "$4" "$ok"
  }
  goal "PDF --jobs 1 time / pdftotext" "$(calc %.2f "$(secs pdf_j1) / $(secs pdftotext)")" "<=" 1.15
  goal "PDF --jobs 2 time / pdftotext" "$(calc %.2f "$(secs pdf_j2) / $(secs pdftotext)")" "<=" 0.6
  goal "(info) PDF --jobs 1 CPU / pdftotext CPU" "$(calc %.2f "$(cpu pdf_j1) / $(cpu pdftotext)")" "<=" 1.15
  goal "(info) PDF --jobs 1 CPU / pdftotext -layout CPU" "$(calc %.2f "$(cpu pdf_j1) / $(cpu pdftotext_layout)")" "<=" 1.15
  goal "TXT no index, MB/s on one worker (--jobs 1)" "$(calc %.1f "$txt1_mb / $(secs_noidx txt_noidx_j1)")" ">=" 10
  goal "(info) TXT no index, MB per CPU-second" "$(calc %.1f "$txt1_mb / $(cpu_noidx txt_noidx_j1)")" ">=" 10
  goal "(info) TXT pipeline alone, MB per worker CPU-s" "$(calc %.1f "$txt1_mb / $(pipeline_cpu txt_noidx_j1)")" ">=" 10
  goal "(info) TXT reading+storing alone, MB per CPU-s" "$(calc %.1f "$txt1_mb / $(storing_cpu txt_noidx_j1)")" ">=" 10
  goal "TXT with index rate / SQLite-alone FTS rate" "$(calc %.2f "$(secs fts_ref) / $(secs txt_idx_j2)")" ">=" 0.8
  goal "(info) same, --defer-index --jobs 2" "$(calc %.2f "$(secs fts_ref) / $(secs txt_noidx_j2)")" ">=" 0.8
  for n in pdf_j1 pdf_j2 pdf_j2_x2 txt_noidx_j1 txt_noidx_j2 txt_noidx_j2_x2 txt_idx_j1 txt_idx_j2 txt_idx_j2_x2; do
    goal "peak RSS MB, $n" "$(rss_mb $n)" "<" 300
  done
  goal "RSS x2 / x1, PDF --jobs 2" "$(calc %.2f "$(rss_mb pdf_j2_x2) / $(rss_mb pdf_j2)")" "<=" 1.10
  goal "RSS x2 / x1, TXT --defer-index --jobs 2" "$(calc %.2f "$(rss_mb txt_noidx_j2_x2) / $(rss_mb txt_noidx_j2)")" "<=" 1.10
  goal "RSS x2 / x1, TXT with index --jobs 2" "$(calc %.2f "$(rss_mb txt_idx_j2_x2) / $(rss_mb txt_idx_j2)")" "<=" 1.10
  echo
  echo "PDF --jobs 1:   $(grep -h '^documents:' "$work/pdf_j1.log" | head -1)"
  echo "TXT with index: $(grep -h '^documents:' "$work/txt_idx_j2.log" | head -1)"
  echo "MB/s and pages/s are input per wall-clock second; CPU s = user + system of all threads."
  echo "(info) rows judge CPU time instead of wall time: meaningful when the machine is shared."
} | tee "$out.tmp"
mkdir -p output && mv "$out.tmp" "$out"
echo "bench: written to $out" >&2
