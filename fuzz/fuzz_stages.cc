// libFuzzer harness over the text stages. POLICYDB_FUZZ_DEPTH picks how far
// an input goes: 1 decode + normalise, 2 + outline, 3 + segment, 4 the whole
// pipeline (pipeline::process_bytes, extraction included). The real rules
// are loaded once from POLICYDB_SOURCE_DIR/rules.
//
// Inputs that start like a PDF are turned into text by prefixing a byte: the
// point is our code, not Poppler's parser (which has its own fuzzers and is
// not built with sanitizers here).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "outline/outline.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "segment/segment.h"

#ifndef POLICYDB_FUZZ_DEPTH
#define POLICYDB_FUZZ_DEPTH 4
#endif

namespace {

const policydb::rules::RuleSet& loaded_rules() {
  static const policydb::rules::RuleSet* set = [] {
    // Stages log for people; formatting those lines would be most of the
    // work per input. A logger without sinks drops them.
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("fuzz"));
    spdlog::set_level(spdlog::level::off);
    auto loaded = policydb::rules::RuleSet::load(POLICYDB_SOURCE_DIR "/rules");
    if (!loaded.ok()) {
      std::fprintf(stderr, "fuzz: cannot load rules: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new policydb::rules::RuleSet(std::move(loaded.value()));
  }();
  return *set;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  loaded_rules();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace policydb;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.find("%PDF-") != std::string::npos) {
    // Keep the fuzzer on our text path (see above).
    for (size_t at = bytes.find("%PDF-"); at != std::string::npos; at = bytes.find("%PDF-", at))
      bytes[at] = '#';
  }
  ingest::Limits limits;
  limits.max_pages = 50;
  limits.max_seconds = 5;

#if POLICYDB_FUZZ_DEPTH >= 4
  auto result = pipeline::process_bytes("fuzz.txt", bytes, loaded_rules(), limits);
  if (result.status == ingest::Status::kFailed && result.message.empty()) std::abort();
#else
  auto raw = ingest::read_bytes("fuzz.txt", bytes, limits);
  if (raw.status == ingest::Status::kFailed) return 0;
  auto text = normalize::normalize(raw, loaded_rules());
  // Contract checks that hold for every input.
  size_t last_end = 0;
  for (const auto& p : text.pieces) {
    if (p.begin < last_end || p.begin + p.length > text.text.size()) std::abort();
    last_end = p.begin + p.length;
  }
#if POLICYDB_FUZZ_DEPTH >= 2
  auto outline = outline::build(text, loaded_rules());
#if POLICYDB_FUZZ_DEPTH >= 3
  auto clauses = segment::segment(text, outline, loaded_rules());
  for (const auto& c : clauses) {
    if (c.begin > c.end || c.end > text.text.size()) std::abort();
    if (text.text.compare(c.begin, c.end - c.begin, c.text) != 0) std::abort();
  }
#endif
#endif
#endif
  return 0;
}
