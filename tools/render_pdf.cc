// render_pdf: lays out a UTF-8 text file as a multi-page A4 PDF with a real
// CJK font (embedded CID font with ToUnicode map), page numbers "- N -" in
// the footer, the way government notices are printed. Test helper only: the
// tests render the seed notices and ingest them as PDF.
//
//   render_pdf IN.txt OUT.pdf [FONT]     (default font: WenQuanYi Micro Hei)
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

constexpr double kPageWidth = 595.0, kPageHeight = 842.0;  // A4 in points
constexpr double kMargin = 72.0;

void footer(cairo_t* cr, PangoFontDescription* font, int page) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_layout_set_font_description(layout, font);
  std::string label = "- " + std::to_string(page) + " -";
  pango_layout_set_text(layout, label.c_str(), -1);
  int w, h;
  pango_layout_get_pixel_size(layout, &w, &h);
  cairo_move_to(cr, (kPageWidth - w) / 2, kPageHeight - kMargin / 2 - h);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: render_pdf IN.txt OUT.pdf [FONT]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "render_pdf: cannot read %s\n", argv[1]);
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!g_utf8_validate(text.data(), text.size(), nullptr)) {
    std::fprintf(stderr, "render_pdf: %s is not UTF-8\n", argv[1]);
    return 1;
  }

  cairo_surface_t* surface = cairo_pdf_surface_create(argv[2], kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  PangoFontDescription* font =
      pango_font_description_from_string(argc > 3 ? argv[3] : "WenQuanYi Micro Hei 12");
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, int((kPageWidth - 2 * kMargin) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout, text.c_str(), int(text.size()));

  // Place the layout's lines page by page.
  const double body = kPageHeight - 2 * kMargin;
  int page = 1;
  double page_top = 0;  // layout y (points) at the top of the current page
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    double y = double(logical.y) / PANGO_SCALE;
    double h = double(logical.height) / PANGO_SCALE;
    if (y + h - page_top > body) {
      footer(cr, font, page++);
      cairo_show_page(cr);
      page_top = y;
    }
    int baseline = pango_layout_iter_get_baseline(it);
    cairo_move_to(cr, kMargin + double(logical.x) / PANGO_SCALE,
                  kMargin + double(baseline) / PANGO_SCALE - page_top);
    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  footer(cr, font, page);
  cairo_show_page(cr);

  g_object_unref(layout);
  pango_font_description_free(font);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::fprintf(stderr, "render_pdf: %s\n", cairo_status_to_string(status));
    return 1;
  }
  return 0;
}
