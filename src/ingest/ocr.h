// OCR of a rendered page image: the only file that includes Tesseract is
// ocr.cc. Private to ingest (pdf.cc renders the page and calls this).
#pragma once

#include <string>

namespace policydb::ingest::ocr {

struct Image {
  const unsigned char* gray = nullptr;  // 8-bit grey, rows top-down
  int width = 0, height = 0;
  int stride = 0;  // bytes per row
  int dpi = 0;
};

struct Text {
  std::string text;         // UTF-8, lines separated by '\n', in the page's reading order
  double confidence = -1;   // Tesseract's mean word confidence, 0-100; -1: not read
  bool timed_out = false;   // the deadline stopped recognition (text may be partial)
  std::string error;        // why nothing was read (e.g. language data missing)
  bool blank = false;       // the page renders (almost) white: nothing to read, nothing missing
};

// Reads Chinese (simplified) and Latin text with Tesseract's automatic page
// layout; stops after `seconds` (≤ 0: no limit). One engine per thread,
// initialised on first use and kept.
Text recognise(const Image& image, double seconds);

}  // namespace policydb::ingest::ocr
