// PDF through Poppler's core API (as pdftotext uses it): the only file that
// includes Poppler. Each page is interpreted once; its TextPage gives both the
// physical-layout text and the positioned words. Pages with tables are read
// again, once per band of text between tables.
//
// Output is what the earlier poppler-cpp 22.12 code produced, byte for byte:
// the TextOutputDev flags, resolution, crop box, string conversions and
// error codes below mirror poppler-cpp's (noted where they are not obvious).
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <SplashOutputDev.h>
#include <TextOutputDev.h>
#include <splash/SplashBitmap.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <goo/GooString.h>
#include <iconv.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ingest/formats.h"
#include "ingest/ocr.h"
#include "ingest/pdf_tables.h"
#include "unicode/unicode.h"

namespace policydb::ingest {
namespace {

// A whole UTF-8 sequence per RFC 3629 (no overlong forms, no surrogates,
// nothing above U+10FFFF) starting at s[i]; its length, or 0.
size_t utf8_sequence(const unsigned char* s, size_t n, size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && s[i + 1] < 0xA0) return 0;   // overlong
    if (c == 0xED && s[i + 1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && s[i + 1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && s[i + 1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Poppler writes text as UTF-8. poppler-cpp handed it on as
// ustring::from_utf8(c_str()) — which stops at the first NUL and, through
// iconv("UTF-16LE", "UTF-8"), at the first sequence iconv rejects (Poppler
// encodes surrogate code points from broken ToUnicode maps) — and we turned
// that UTF-16 back into UTF-8. Well-formed text goes through unchanged; any
// other text takes the same iconv route so that the cut falls where it fell.
std::string from_poppler_utf8(const char* text) {
  const size_t n = std::strlen(text);
  const auto* s = reinterpret_cast<const unsigned char*>(text);
  size_t i = 0;
  while (i < n) {
    const size_t k = utf8_sequence(s, n, i);
    if (k == 0) break;
    i += k;
  }
  if (i == n) return std::string(text, n);
  iconv_t ic = iconv_open("UTF-16LE", "UTF-8");
  if (ic == reinterpret_cast<iconv_t>(-1)) return std::string();
  std::string units(n * 4, '\0');  // ≤ 4 bytes of UTF-16 per byte of UTF-8
  char* in = const_cast<char*>(text);
  size_t in_left = n;
  char* out = units.data();
  size_t out_left = units.size();
  iconv(ic, &in, &in_left, &out, &out_left);  // on EILSEQ/EINVAL keep what was converted
  iconv_close(ic);
  std::u16string u((units.size() - out_left) / 2, u'\0');
  for (size_t j = 0; j < u.size(); ++j)
    u[j] = static_cast<char16_t>(static_cast<unsigned char>(units[2 * j]) |
                                 (static_cast<unsigned char>(units[2 * j + 1]) << 8));
  return unicode::utf16_to_utf8(u.data(), u.size());
}

// An info-dictionary string as poppler-cpp's unicode_GooString_to_ustring read
// it: UTF-16 after a BE or LE byte-order mark (an odd last byte dropped),
// otherwise one code point per byte (Latin-1, not PDFDocEncoding).
std::string info_string_to_utf8(const GooString& g) {
  const char* data = g.c_str();
  const size_t len = static_cast<size_t>(g.getLength());
  const bool le = len >= 2 && data[0] == '\xff' && data[1] == '\xfe';
  const bool be = len >= 2 && data[0] == '\xfe' && data[1] == '\xff';
  std::u16string u;
  if (le || be) {
    u.resize((len - 2) / 2);
    for (size_t j = 0; j < u.size(); ++j) {
      const unsigned a = static_cast<unsigned char>(data[2 + 2 * j]);
      const unsigned b = static_cast<unsigned char>(data[3 + 2 * j]);
      u[j] = static_cast<char16_t>(le ? (b << 8) | a : (a << 8) | b);
    }
  } else {
    u.resize(len);
    for (size_t j = 0; j < len; ++j) u[j] = static_cast<unsigned char>(data[j]);
  }
  return unicode::utf16_to_utf8(u.data(), u.size());
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

void append_output(void* stream, const char* text, int len) {
  static_cast<std::string*>(stream)->append(text, static_cast<size_t>(len));
}

struct TextPageRef {
  TextPage* page;
  ~TextPageRef() {
    if (page) page->decRefCnt();
  }
};

// physical_layout text of the page area x, y, w, h (points, y downwards) as
// poppler-cpp's page::text(rect, physical_layout) read it: a slice of the
// page at 72 dpi, cropped; the slice's corner and size are whole points.
std::string band_text(PDFDoc& doc, int number, double x, double y, double w, double h) {
  std::string raw;
  TextOutputDev dev(&append_output, &raw, /*physLayoutA=*/true, 0, /*rawOrderA=*/false);
  doc.displayPageSlice(&dev, number, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/true, /*printing=*/false,
                       static_cast<int>(x), static_cast<int>(y), static_cast<int>(w),
                       static_cast<int>(h));
  return clean_page_text(from_poppler_utf8(raw.c_str()));
}

// The page's text as physical_layout gives it, except that each table found
// among the page's words is replaced by its rows, one line per row with '\t'
// between cells. Text above, between and below tables is physical_layout of
// that band of the page, so pages without tables read exactly as before.
//
// One display pass gives both the text (dumped by the output device at the
// end of the page, physical layout) and the words: the TextPage is the same
// as poppler-cpp's text_list() built in a second pass (its device differed
// only in physLayout, which changes how the page is written out and the order
// of TextOutputDev::makeWordList, not the page's words), and
// TextPage::makeWordList(false) lists them in text_list()'s reading order.
std::string page_text(PDFDoc& doc, const ::Page& p, int number) {
  std::string raw;
  TextOutputDev dev(&append_output, &raw, /*physLayoutA=*/true, 0, /*rawOrderA=*/false);
  doc.displayPage(&dev, number, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/true, /*printing=*/false);
  const std::string whole = clean_page_text(from_poppler_utf8(raw.c_str()));
  std::vector<pdf_tables::Word> words;
  {
    TextPageRef text{dev.takeText()};
    if (text.page) {
      const std::unique_ptr<TextWordList> list = text.page->makeWordList(/*physLayout=*/false);
      if (list) {
        words.reserve(static_cast<size_t>(list->getLength()));
        for (int i = 0; i < list->getLength(); ++i) {
          const TextWord* w = list->get(i);
          const std::unique_ptr<GooString> t(w->getText());
          double x0, y0, x1, y1;
          w->getBBox(&x0, &y0, &x1, &y1);
          // poppler-cpp kept the box as x, y, width, height and gave back
          // right() as x + width: keep that arithmetic.
          const double w_ = x1 - x0, h_ = y1 - y0;
          words.push_back({x0, y0, x0 + w_, y0 + h_, from_poppler_utf8(t->c_str()), w->hasSpaceAfter()});
        }
      }
    }
  }
  const std::vector<pdf_tables::Table> tables = pdf_tables::find_tables(std::move(words));
  if (tables.empty()) return whole;
  // poppler-cpp's page_rect(): the crop box as x, y, width, height.
  const PDFRectangle* crop = p.getCropBox();
  const double crop_x2 = crop->x1 + (crop->x2 - crop->x1);
  const double crop_y2 = crop->y1 + (crop->y2 - crop->y1);
  const double width = crop_x2 - crop->x1, height = crop_y2 - crop->y1;
  std::string out;
  auto band = [&](double top, double bottom) {
    if (bottom <= top) return;
    // rectf(0, top, width, bottom - top) as poppler-cpp stored and returned it.
    const double x2 = 0 + width, y2 = top + (bottom - top);
    std::string s = band_text(doc, number, 0, top, x2 - 0, y2 - top);
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

void forward_poppler_message(const std::string& message) {
  // Damaged fonts in real PDFs make Poppler chatty: debug, not warn.
  spdlog::debug("poppler: {}", message);
  if (last_poppler_message) *last_poppler_message = message;
}

// Worded as poppler-cpp worded it ("error (offset): ..." or "error: ..."), as
// failure messages quote it.
void on_poppler_error(ErrorCategory, Goffset pos, const char* msg) {
  std::string m = pos >= 0 ? "error (" + std::to_string(pos) + "): " : std::string("error: ");
  if (msg) m += msg;
  forward_poppler_message(m);
}

// Poppler's globalParams (shared by all threads, read-only while pages are
// read) and its error callback are set up once and kept for the process;
// poppler-cpp made and dropped them with its documents.
//
// Poppler (22.12) also creates its process-wide LittleCMS profiles
// (GfxState::sRGBProfile, XYZProfile) lazily in GfxState's constructor,
// without a lock: two workers displaying their first pages at once can both
// create one and free it while the other reads it (a crash in cmsReadTag in
// about one `--jobs 2` ingest of corpus/ in a hundred; Poppler work item
// 1800). One state constructed here, before any page is displayed, creates
// them once; after that they are only read.
void install_poppler_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    static GlobalParamsIniter params(on_poppler_error);
    PDFRectangle box(0, 0, 1, 1);
    GfxState warm_up(72, 72, &box, 0, false);
  });
}

// OCR: the page rendered in grey by Poppler's Splash rasteriser at
// kOcrDpi (less for huge pages, at most kMaxOcrPixels), read by Tesseract.
constexpr double kOcrDpi = 200;
constexpr double kMaxOcrPixels = 40e6;
// A page whose rendering has less ink than this (share of pixels darker than
// mid-grey) is a blank page — a separator, the back of a cover — not a scan
// whose text is missing: ~0.1 % is a few specks of dust at 200 dpi, while
// one line of 10-point text already inks ~0.5 % of an A4 page.
constexpr double kBlankInk = 0.001;

bool renders_blank(const SplashBitmap& b) {
  const unsigned char* data = b.getDataPtr();
  size_t dark = 0;
  for (int y = 0; y < b.getHeight(); ++y) {
    const unsigned char* row = data + static_cast<ptrdiff_t>(y) * b.getRowSize();
    for (int x = 0; x < b.getWidth(); ++x) dark += row[x] < 128;
  }
  return dark < kBlankInk * b.getWidth() * b.getHeight();
}

ocr::Text ocr_page(PDFDoc& doc, const ::Page& p, int number, double seconds) {
  const PDFRectangle* crop = p.getCropBox();
  const double w_pt = std::max(1.0, crop->x2 - crop->x1), h_pt = std::max(1.0, crop->y2 - crop->y1);
  double dpi = kOcrDpi;
  const double pixels = (w_pt * dpi / 72) * (h_pt * dpi / 72);
  if (pixels > kMaxOcrPixels) dpi *= std::sqrt(kMaxOcrPixels / pixels);
  SplashColor paper;
  paper[0] = 0xFF;
  SplashOutputDev dev(splashModeMono8, 4, false, paper);
  dev.startDoc(&doc);
  doc.displayPage(&dev, number, dpi, dpi, 0, /*useMediaBox=*/false, /*crop=*/true, /*printing=*/false);
  SplashBitmap* bitmap = dev.getBitmap();
  if (!bitmap || bitmap->getWidth() < 16 || bitmap->getHeight() < 16) {
    ocr::Text t;
    t.error = "page could not be rendered for OCR";
    return t;
  }
  if (renders_blank(*bitmap)) {
    ocr::Text t;
    t.blank = true;
    return t;
  }
  const ocr::Image image{bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(),
                         bitmap->getRowSize(), static_cast<int>(dpi)};
  ocr::Text t = ocr::recognise(image, seconds);
  t.text = clean_page_text(std::move(t.text));
  return t;
}

}  // namespace

void route_poppler_messages_to_log() { install_poppler_handler(); }

namespace detail {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

namespace {

// Opens the PDF as poppler-cpp's document::load_from_raw_data did: fewer
// than 10 bytes is no document; empty owner and user passwords; the
// document opens when it is ok or only encrypted (then it is locked, and
// failed). Null, with the document's failure noted, when it does not open.
// The stream keeps pointing into `bytes` (no copy): it outlives the PDFDoc.
std::unique_ptr<PDFDoc> open_pdf(const std::string& bytes, const std::string& poppler_said, RawDocument& doc) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    note(doc, Status::kFailed, "file too large for the PDF reader");
    return nullptr;
  }
  std::unique_ptr<PDFDoc> pdf;
  bool locked = false;
  if (bytes.size() >= 10) {
    const std::optional<GooString> no_password(std::in_place, "");
    pdf = std::make_unique<PDFDoc>(
        new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)), no_password,
        no_password);
    locked = pdf->getErrorCode() == errEncrypted;
    if (!pdf->isOk() && !locked) pdf.reset();
  }
  if (!pdf) {
    // Poppler fails both for damage and for a user password we do not
    // have; the encryption dictionary tells them apart.
    if (poppler_said.find("password") != std::string::npos || bytes.find("/Encrypt") != std::string::npos) {
      note(doc, Status::kFailed, "encrypted PDF (needs a password)");
    } else {
      note(doc, Status::kFailed,
           "not a readable PDF: " +
               (poppler_said.empty() ? std::string("damaged or not a PDF document") : poppler_said));
    }
    return nullptr;
  }
  if (locked) {
    note(doc, Status::kFailed, "encrypted PDF (needs a password)");
    return nullptr;
  }
  return pdf;
}

// What OCR said over the pages read so far.
struct OcrOutcome {
  std::string error;  // the first page's error, if any
  bool timed_out = false;
};

// One page: its text layer (physical layout keeps each visual line
// together: table rows stay rows, CJK lines read left to right; raw order
// interleaves columns in the order the producer wrote them), else OCR as
// `limits.ocr` allows within the time left.
Page read_page(PDFDoc& pdf, int number, const Limits& limits, std::chrono::steady_clock::time_point started,
               OcrOutcome& ocr, RawDocument& doc) {
  Page page;
  page.number = number;
  bool blank_page = false;  // renders white: no text expected (not counted as missing)
  const ::Page* p = pdf.getCatalog()->getPage(number);
  if (p && limits.ocr != OcrMode::kAlways) page.text = page_text(pdf, *p, number);
  if (p && blank(page.text) && limits.ocr != OcrMode::kNever) {
    const double left = std::max(0.01, limits.max_seconds - seconds_since(started));
    ocr::Text t = ocr_page(pdf, *p, number, left);
    page.ocr = t.error.empty() && !t.blank;
    page.ocr_confidence = t.confidence;
    page.text = std::move(t.text);
    if (!t.error.empty() && ocr.error.empty()) ocr.error = t.error;
    if (t.timed_out) ocr.timed_out = true;
    blank_page = t.blank;
  }
  page.has_text = !blank(page.text);
  if (!page.has_text) {
    page.text.clear();
    if (!blank_page) ++doc.pages_without_text;
  }
  return page;
}

// Reads the pages within the page and time limits into `doc`; a document
// stopped by a limit is partial, saying which.
void read_pages(PDFDoc& pdf, const Limits& limits, std::chrono::steady_clock::time_point started,
                RawDocument& doc) {
  const int to_read = std::min(doc.page_count, std::max(0, limits.max_pages));
  const std::string time_limit =
      ": time limit of " + std::to_string(static_cast<int>(limits.max_seconds)) + " s";
  OcrOutcome ocr;
  doc.pages.reserve(to_read);
  for (int i = 0; i < to_read; ++i) {
    if (i > 0 && seconds_since(started) > limits.max_seconds) {
      note(doc, Status::kPartial,
           "stopped after " + std::to_string(i) + " of " + std::to_string(doc.page_count) + " pages" + time_limit);
      break;
    }
    doc.pages.push_back(read_page(pdf, i + 1, limits, started, ocr, doc));
    if (ocr.timed_out) {
      note(doc, Status::kPartial,
           "stopped in OCR of page " + std::to_string(i + 1) + " of " + std::to_string(doc.page_count) + time_limit);
      break;
    }
  }
  if (to_read < doc.page_count && doc.status == Status::kOk) {
    note(doc, Status::kPartial,
         "read " + std::to_string(to_read) + " of " + std::to_string(doc.page_count) + " pages (page limit)");
  }
  // A document is ok when every page read gave text.
  if (doc.pages_without_text > 0) {
    const std::string why = limits.ocr == OcrMode::kNever ? "scanned? OCR is off (--ocr never)"
                            : !ocr.error.empty()           ? ocr.error
                                                           : "OCR found no text either";
    note(doc, Status::kPartial,
         "no text layer on " + std::to_string(doc.pages_without_text) + " of " +
             std::to_string(doc.pages.size()) + " pages (" + why + ")");
  }
}

}  // namespace

void read_pdf(const std::string& bytes, const Limits& limits, RawDocument& doc) {
  const auto started = std::chrono::steady_clock::now();
  install_poppler_handler();
  std::string poppler_said;
  last_poppler_message = &poppler_said;
  struct Reset {
    ~Reset() { last_poppler_message = nullptr; }
  } reset;
  try {
    const std::unique_ptr<PDFDoc> pdf = open_pdf(bytes, poppler_said, doc);
    if (!pdf) return;
    if (const std::unique_ptr<GooString> t = pdf->getDocInfoTitle())
      doc.pdf_title = clean_page_text(info_string_to_utf8(*t));
    if (const std::unique_ptr<GooString> t = pdf->getDocInfoProducer())
      doc.producer = clean_page_text(info_string_to_utf8(*t));
    doc.page_count = pdf->getNumPages();
    if (doc.page_count <= 0) {
      note(doc, Status::kFailed, "not a readable PDF: no pages");
      return;
    }
    read_pages(*pdf, limits, started, doc);
  } catch (const std::exception& e) {
    note(doc, Status::kFailed, std::string("not a readable PDF: ") + e.what());
  }
}

}  // namespace detail
}  // namespace policydb::ingest
