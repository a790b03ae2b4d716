#!/usr/bin/env bash
# Quick start 1: install what is missing, build, ingest corpus/ into
# output/policy.db and print the summary. Exit code as `policydb ingest`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p output
exec build/policydb ingest --db output/policy.db corpus
