#!/usr/bin/env bash
# Installs the Debian 12 packages policydb needs to build, test and benchmark.
# As root it runs apt-get; otherwise it prints the command to run.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libpoppler-private-dev poppler-utils time  # PDF text (ingest: Poppler core API); pdftotext and GNU time for the benchmark
  libicu-dev                              # encodings, sentence breaks
  libre2-dev                              # rule engine
  libsqlite3-dev sqlite3 sqlite-utils     # store; stock tools for the database tests
  libspdlog-dev libfmt-dev                # logs
  libtomlplusplus-dev                     # rule files
  nlohmann-json3-dev                      # export
  libcli11-dev                            # command line
  libgtest-dev libgmock-dev libbenchmark-dev
  libpango1.0-dev libcairo2-dev fonts-wqy-microhei   # test helper that renders TXT to CJK PDFs
  qpdf                                    # test helper: encrypted and damaged PDFs
  clang libclang-rt-14-dev                # libFuzzer harnesses (scripts/fuzz-smoke.sh)
  python3                                 # gold scorer
  libcpp-httplib-dev                      # policydb serve: HTTP server (issue 21)
  chromium                                # serve_test: headless browser test (issue 21)
  libxml2-dev                             # ingest: HTML pages (libxml2's HTML parser, src/ingest/html.cc)
  help2man                                # man page generated from --help (cmake --install)
  libzip-dev                              # ingest: the .docx zip container (src/ingest/docx.cc)
  libtesseract-dev tesseract-ocr-chi-sim  # ingest: OCR of scanned PDF pages (src/ingest/ocr.cc)
  img2pdf                                 # test helper: image-only PDFs for the OCR test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages; run as root:"
  echo "  apt-get update && $cmd"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd
