// Progress of `policydb ingest` on stderr. On a terminal: one bar on its own
// line (done/total, pages/s, elapsed, ETA, the current file), redrawn in
// place, with every log line written above it. Otherwise: one plain line
// per document. Failures are warnings either way, so --quiet still shows
// each one's reason.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"

namespace policydb::cli {

// Columns a terminal gives the text (CJK and full-width forms take two).
int display_width(std::string_view utf8);
// The longest prefix of `utf8` that fits in `columns`, cut between characters.
std::string fit_width(std::string_view utf8, int columns);

// The bar as drawn for a terminal `columns` wide, without line control codes.
std::string bar_line(size_t done, size_t total, size_t pages, double elapsed_seconds,
                     std::string_view name, int columns);

class Progress {
 public:
  // tty: draw a bar (the caller passes isatty(stderr)).
  Progress(size_t total, bool tty);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void step(const pipeline::DocumentResult& r, bool skipped);
  // Removes the bar (before the final summary).
  void finish();

  double elapsed_seconds() const;
  size_t pages() const { return pages_; }
  size_t documents() const { return done_; }

  // Writes `text` above the bar (used by the log sink).
  void above(const std::string& text);

 private:
  void draw_locked(bool force);

  size_t total_;
  size_t done_ = 0;
  size_t pages_ = 0;
  bool tty_;
  bool finished_ = false;
  std::string current_;
  std::chrono::steady_clock::time_point started_, last_draw_;
  std::mutex mu_;
  struct LogHook;
  std::unique_ptr<LogHook> hook_;
};

}  // namespace policydb::cli
