// PDF through poppler-cpp: the only file that includes Poppler. Its UTF-16
// ustrings become UTF-8 here and nowhere else.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/formats.h"
#include "ingest/pdf_tables.h"
#include "unicode/unicode.h"

namespace policydb::ingest {
namespace {

std::string to_utf8(const poppler::ustring& u) {
  // poppler::ustring holds UTF-16 code units as unsigned short; copy them
  // into char16_t rather than aliasing the buffer.
  std::u16string units(u.begin(), u.end());
  return unicode::utf16_to_utf8(units.data(), units.size());
}

// Poppler's text output ends lines with "\n" but may use "\r\n" or emit
// form feeds; keep pages as '\n'-separated lines without trailing spaces.
std::string clean_page_text(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      c = '\n';
    } else if (c == '\f' || c == '\0') {
      c = c == '\f' ? '\n' : ' ';
    }
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// The page's text as physical_layout gives it, except that each table found
// among the page's words is replaced by its rows, one line per row with '\t'
// between cells. Text above, between and below tables is physical_layout of
// that band of the page, so pages without tables read exactly as before.
std::string page_text(const poppler::page& p) {
  const std::string whole = clean_page_text(to_utf8(p.text(poppler::rectf(), poppler::page::physical_layout)));
  std::vector<pdf_tables::Word> words;
  for (const auto& box : p.text_list()) {
    const poppler::rectf r = box.bbox();
    words.push_back({r.left(), r.top(), r.right(), r.bottom(), to_utf8(box.text()), box.has_space_after()});
  }
  const std::vector<pdf_tables::Table> tables = pdf_tables::find_tables(std::move(words));
  if (tables.empty()) return whole;
  const poppler::rectf page_rect = p.page_rect();
  const double width = page_rect.width(), height = page_rect.height();
  std::string out;
  auto band = [&](double top, double bottom) {
    if (bottom <= top) return;
    std::string s = clean_page_text(
        to_utf8(p.text(poppler::rectf(0, top, width, bottom - top), poppler::page::physical_layout)));
    size_t start = s.find_first_not_of('\n');
    if (start == std::string::npos) return;
    if (!out.empty()) out += '\n';
    out += s.substr(start);
  };
  double done = 0;
  for (const auto& t : tables) {
    band(done, t.top - 0.5);
    for (const auto& row : t.rows) {
      if (!out.empty()) out += '\n';
      out += row;
    }
    done = t.bottom + 0.5;
  }
  band(done, height);
  return out;
}

bool blank(const std::string& s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t') return false;
  return true;
}

// Poppler reports through one process-wide callback, on the thread that is
// parsing. The last message of the current document is kept so that a
// failure can say what Poppler saw ("Couldn't find trailer dictionary").
thread_local std::string* last_poppler_message = nullptr;

void forward_poppler_message(const std::string& message, void*) {
  // Damaged fonts in real PDFs make Poppler chatty: debug, not warn.
  spdlog::debug("poppler: {}", message);
  if (last_poppler_message) *last_poppler_message = message;
}

void install_poppler_handler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(forward_poppler_message, nullptr); });
}

}  // namespace

void route_poppler_messages_to_log() { install_poppler_handler(); }

namespace detail {

void read_pdf(const std::string& bytes, const Limits& limits, RawDocument& doc) {
  using clock = std::chrono::steady_clock;
  const auto started = clock::now();
  install_poppler_handler();
  std::string poppler_said;
  last_poppler_message = &poppler_said;
  struct Reset {
    ~Reset() { last_poppler_message = nullptr; }
  } reset;
  try {
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
      note(doc, Status::kFailed, "file too large for the PDF reader");
      return;
    }
    // poppler keeps pointing into `bytes` (no copy): it outlives `pdf`.
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) {
      // load_from_raw_data returns null both for damage and for a user
      // password we do not have; the encryption dictionary tells them apart.
      if (poppler_said.find("password") != std::string::npos ||
          bytes.find("/Encrypt") != std::string::npos) {
        note(doc, Status::kFailed, "encrypted PDF (needs a password)");
      } else {
        note(doc, Status::kFailed,
             "not a readable PDF: " +
                 (poppler_said.empty() ? std::string("damaged or not a PDF document") : poppler_said));
      }
      return;
    }
    if (pdf->is_locked()) {
      note(doc, Status::kFailed, "encrypted PDF (needs a password)");
      return;
    }
    doc.pdf_title = clean_page_text(to_utf8(pdf->get_title()));
    doc.producer = clean_page_text(to_utf8(pdf->get_producer()));
    doc.page_count = pdf->pages();
    if (doc.page_count <= 0) {
      note(doc, Status::kFailed, "not a readable PDF: no pages");
      return;
    }
    const int to_read = std::min(doc.page_count, std::max(0, limits.max_pages));
    doc.pages.reserve(to_read);
    for (int i = 0; i < to_read; ++i) {
      if (i > 0 && std::chrono::duration<double>(clock::now() - started).count() > limits.max_seconds) {
        note(doc, Status::kPartial,
             "stopped after " + std::to_string(i) + " of " + std::to_string(doc.page_count) +
                 " pages: time limit of " + std::to_string(static_cast<int>(limits.max_seconds)) +
                 " s");
        break;
      }
      Page page;
      page.number = i + 1;
      std::unique_ptr<poppler::page> p(pdf->create_page(i));
      if (p) {
        // physical_layout keeps each visual line together (table rows stay
        // rows, CJK lines read left to right); raw order interleaves columns
        // in the order the producer wrote them.
        page.text = page_text(*p);
      }
      page.has_text = !blank(page.text);
      if (!page.has_text) {
        page.text.clear();
        ++doc.pages_without_text;
      }
      doc.pages.push_back(std::move(page));
    }
    if (to_read < doc.page_count && doc.status == Status::kOk) {
      note(doc, Status::kPartial,
           "read " + std::to_string(to_read) + " of " + std::to_string(doc.page_count) +
               " pages (page limit)");
    }
    const int read = static_cast<int>(doc.pages.size());
    if (read > 0 && doc.pages_without_text == read) {
      note(doc, Status::kPartial,
           "no text layer on " + std::to_string(doc.pages_without_text) + " of " +
               std::to_string(read) + " pages (scanned; OCR not supported)");
    } else if (doc.pages_without_text > 0) {
      spdlog::info("{}: no text layer on {} of {} pages", doc.path, doc.pages_without_text, read);
    }
  } catch (const std::exception& e) {
    note(doc, Status::kFailed, std::string("not a readable PDF: ") + e.what());
  }
}

}  // namespace detail
}  // namespace policydb::ingest
