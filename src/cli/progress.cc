#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "common/text.h"

namespace policydb::cli {
namespace {

int char_width(char32_t c) {
  if (c < 0x20) return 0;
  const bool wide = c >= 0x1100 && (text::is_cjk(c) || text::is_cjk_punct(c) ||
                                    (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
                                    (c >= 0x3000 && c <= 0x303F) || (c >= 0xAC00 && c <= 0xD7A3));
  return wide ? 2 : 1;
}

std::string clock_time(double seconds) {
  const long s = seconds < 0 ? 0 : long(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

int terminal_columns() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return std::atoi(c);
  return 80;
}

}  // namespace

int display_width(std::string_view utf8) {
  int w = 0;
  for (size_t pos = 0; pos < utf8.size();) w += char_width(text::decode(utf8, pos));
  return w;
}

std::string fit_width(std::string_view utf8, int columns) {
  int w = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t next = pos;
    const int cw = char_width(text::decode(utf8, next));
    if (w + cw > columns) break;
    w += cw;
    pos = next;
  }
  return std::string(utf8.substr(0, pos));
}

std::string bar_line(size_t done, size_t total, size_t pages, double elapsed, std::string_view name,
                     int columns) {
  const int width = 20;
  const int filled = total ? int(width * done / total) : width;
  // Appended, not "[" + …: GCC 12 -O3 warns falsely on that (-Wrestrict, PR 105329).
  std::string line(1, '[');
  line.append(size_t(filled), '=').append(size_t(width - filled), ' ');
  line += "] " + std::to_string(done) + "/" + std::to_string(total);
  // Most useful first: a narrow terminal cuts from the right.
  line += "  ETA " + (done > 0 && done < total
                          ? clock_time(elapsed / double(done) * double(total - done))
                          : std::string(done >= total ? "0:00" : "--:--"));
  char rate[64];
  std::snprintf(rate, sizeof rate, "  %.1f pages/s", elapsed > 0 ? double(pages) / elapsed : 0.0);
  line += rate;
  line += "  elapsed " + clock_time(elapsed);
  if (!name.empty()) line += "  " + std::string(name);
  // One column short of the edge: a full line would wrap on some terminals.
  return fit_width(line, columns - 1);
}

// Routes the logger's lines through Progress::above while the bar is shown.
struct Progress::LogHook {
  class Sink : public spdlog::sinks::base_sink<std::mutex> {
   public:
    explicit Sink(Progress* p) : progress_(p) {}

   protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
      spdlog::memory_buf_t buf;
      formatter_->format(msg, buf);
      progress_->above(std::string(buf.data(), buf.size()));
    }
    void flush_() override {}

   private:
    Progress* progress_;
  };
  std::shared_ptr<spdlog::logger> logger;
  std::vector<spdlog::sink_ptr> original;
};

Progress::Progress(size_t total, bool tty)
    : total_(total), tty_(tty), started_(std::chrono::steady_clock::now()) {
  if (!tty_) return;
  auto logger = spdlog::default_logger();
  if (!logger) return;
  hook_ = std::make_unique<LogHook>();
  hook_->logger = logger;
  hook_->original = logger->sinks();
  auto sink = std::make_shared<LogHook::Sink>(this);
  sink->set_pattern("%l: %v");
  logger->sinks() = {sink};
}

Progress::~Progress() {
  finish();
  if (hook_) hook_->logger->sinks() = hook_->original;
}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Progress::above(const std::string& text) {
  std::lock_guard lock(mu_);
  std::fputs("\r\033[K", stderr);
  std::fwrite(text.data(), 1, text.size(), stderr);
  if (!finished_) draw_locked(true);
  std::fflush(stderr);
}

void Progress::draw_locked(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_draw_ = now;
  const std::string line =
      bar_line(done_, total_, pages_, elapsed_seconds(), current_, terminal_columns());
  std::fputs("\r\033[K", stderr);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void Progress::step(const pipeline::DocumentResult& r, bool skipped) {
  const bool bad = !skipped && r.status != ingest::Status::kOk;
  size_t done = 0;
  {
    std::lock_guard lock(mu_);
    done = ++done_;
    pages_ += size_t(r.raw.page_count);
    current_ = r.name;
  }
  // Every document's line carries its count, a failure's too: the last one
  // to finish may be the one that failed.
  if (bad)
    spdlog::warn("[{}/{}] {}: {} — {}{}", done, total_, r.source.empty() ? r.name : r.source,
                 ingest::status_name(r.status), r.stage.empty() ? "" : r.stage + ": ", r.message);
  else if (skipped)
    spdlog::debug("{}: unchanged, skipped", r.name);
  else if (!tty_)
    spdlog::info("[{}/{}] {}: {} ({:.2f} s)", done, total_, r.name, ingest::status_name(r.status), r.seconds);
  if (tty_) {
    std::lock_guard lock(mu_);
    draw_locked(false);
  }
}

void Progress::finish() {
  std::lock_guard lock(mu_);
  if (finished_) return;
  finished_ = true;
  if (tty_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
}

}  // namespace policydb::cli
