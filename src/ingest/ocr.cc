// Tesseract (Debian libtesseract-dev, language data tesseract-ocr-chi-sim):
// the only file that includes it. Each worker thread keeps its own engine
// (TessBaseAPI is not shared between threads; loading chi_sim takes ~0.3 s).
#include "ingest/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <memory>

namespace policydb::ingest::ocr {
namespace {

// Simplified Chinese (its model reads digits and Latin letters too; adding
// eng doubles the time per page).
constexpr const char* kLanguages = "chi_sim";

struct Engine {
  std::unique_ptr<tesseract::TessBaseAPI> api;
  std::string error;
};

Engine& engine() {
  thread_local Engine e = [] {
    Engine made;
    made.api = std::make_unique<tesseract::TessBaseAPI>();
    if (made.api->Init(nullptr, kLanguages, tesseract::OEM_LSTM_ONLY) != 0) {
      made.api.reset();
      made.error = std::string("OCR unavailable: Tesseract could not load language data '") +
                   kLanguages + "' (install tesseract-ocr-chi-sim)";
      return made;
    }
    made.api->SetPageSegMode(tesseract::PSM_AUTO);
    // Chinese lines are not split into words by spaces.
    made.api->SetVariable("preserve_interword_spaces", "1");
    return made;
  }();
  return e;
}

}  // namespace

Text recognise(const Image& image, double seconds) {
  Text out;
  Engine& e = engine();
  if (!e.api) {
    out.error = e.error;
    return out;
  }
  tesseract::TessBaseAPI& api = *e.api;
  api.SetImage(image.gray, image.width, image.height, 1, image.stride);
  api.SetSourceResolution(image.dpi);
  tesseract::ETEXT_DESC monitor;
  if (seconds > 0) monitor.set_deadline_msecs(static_cast<int32_t>(std::min(seconds, 1e6) * 1000));
  const bool ok = api.Recognize(&monitor) == 0;
  out.timed_out = monitor.deadline_exceeded();
  if (!ok && !out.timed_out) {
    out.error = "OCR failed on the page image";
    api.Clear();
    return out;
  }
  const std::unique_ptr<char[]> text(api.GetUTF8Text());
  if (text) out.text = text.get();
  out.confidence = api.MeanTextConf();
  api.Clear();
  return out;
}

}  // namespace policydb::ingest::ocr
