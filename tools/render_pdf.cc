// render_pdf: lays out a UTF-8 text file as a multi-page A4 PDF with a real
// CJK font (embedded CID font with ToUnicode map), page numbers "- N -" in
// the footer, the way government notices are printed. Test helper only: the
// tests render the seed notices and ingest them as PDF.
//
// A run of consecutive tab-separated lines becomes a ruled table, as in a
// printed 分工表: its first line is the header row, columns are as wide as
// their content allows, cell text wraps inside its column, a row that does
// not fit is continued on the next page, and the header row is repeated at
// the top of every page the table continues on.
//
//   render_pdf IN.txt OUT.pdf [FONT]     (default font: WenQuanYi Micro Hei 12)
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kPageWidth = 595.0, kPageHeight = 842.0;  // A4 in points
constexpr double kMargin = 72.0;
constexpr double kBodyWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin;
constexpr double kCellPad = 3.0;  // inside each table cell, every side

double pt(int pango_units) { return double(pango_units) / PANGO_SCALE; }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

// One laid-out line of a paragraph or cell: offsets relative to its layout.
struct Line {
  PangoLayoutLine* line;
  double top, height, baseline;
};

std::vector<Line> lines_of(PangoLayout* layout) {
  std::vector<Line> out;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    out.push_back({pango_layout_iter_get_line_readonly(it), pt(logical.y), pt(logical.height),
                   pt(pango_layout_iter_get_baseline(it))});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return out;
}

class Renderer {
 public:
  Renderer(cairo_t* cr, PangoFontDescription* body, PangoFontDescription* cell)
      : cr_(cr), body_(body), cell_(cell) {}

  void text(const std::string& block) {
    PangoLayout* layout = make_layout(body_, kBodyWidth, block);
    for (const Line& l : lines_of(layout)) {
      if (y_ + l.height > kBodyBottom) new_page();
      cairo_move_to(cr_, kMargin, y_ + l.baseline - l.top);
      pango_cairo_show_layout_line(cr_, l.line);
      y_ += l.height;
    }
    g_object_unref(layout);
  }

  void table(const std::vector<std::string>& rows) {
    std::vector<std::vector<std::string>> cells;
    size_t columns = 0;
    for (const auto& r : rows) {
      cells.push_back(split(r, '\t'));
      columns = std::max(columns, cells.back().size());
    }
    for (auto& r : cells) r.resize(columns);
    const std::vector<double> widths = column_widths(cells);
    y_ += 6;
    bool header_on_page = false;
    for (size_t r = 0; r < cells.size(); ++r) {
      std::vector<PangoLayout*> layouts;
      std::vector<std::vector<Line>> lines;
      for (size_t c = 0; c < columns; ++c) {
        layouts.push_back(make_layout(cell_, widths[c] - 2 * kCellPad, cells[r][c]));
        lines.push_back(lines_of(layouts.back()));
      }
      // Draw the row, continuing it on further pages while lines remain.
      std::vector<size_t> next(columns, 0);
      while (true) {
        bool rest = false;
        for (size_t c = 0; c < columns; ++c) rest |= next[c] < lines[c].size() && !cells[r][c].empty();
        if (!rest) break;
        // Room for the header (when it has to be repeated) and one line.
        double need = 2 * kCellPad + lines[0][0].height;
        if (!header_on_page) need += row_height(cells[0], widths);
        if (y_ + need > kBodyBottom) {
          new_page();
          header_on_page = false;
        }
        if (r > 0 && !header_on_page) row(cells[0], widths);  // repeated header
        header_on_page = true;
        double used = 0;
        for (size_t c = 0; c < columns; ++c) {
          if (cells[r][c].empty()) continue;
          const double first = next[c] < lines[c].size() ? lines[c][next[c]].top : 0;
          for (; next[c] < lines[c].size(); ++next[c]) {
            const Line& l = lines[c][next[c]];
            const double top = y_ + kCellPad + l.top - first;
            if (top + l.height + kCellPad > kBodyBottom) break;
            cairo_move_to(cr_, x_of(widths, c) + kCellPad, top + l.baseline - l.top);
            pango_cairo_show_layout_line(cr_, l.line);
            used = std::max(used, l.top - first + l.height);
          }
        }
        rules(widths, y_, y_ + used + 2 * kCellPad);
        y_ += used + 2 * kCellPad;
      }
      for (auto* l : layouts) g_object_unref(l);
    }
    y_ += 6;
  }

  void finish() {
    footer();
    cairo_show_page(cr_);
  }

 private:
  PangoLayout* make_layout(PangoFontDescription* font, double width, const std::string& text) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, int(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.c_str(), int(text.size()));
    return layout;
  }

  double natural_width(const std::string& text) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    pango_layout_set_font_description(layout, cell_);
    pango_layout_set_text(layout, text.c_str(), int(text.size()));
    int w, h;
    pango_layout_get_pixel_size(layout, &w, &h);
    g_object_unref(layout);
    return w;
  }

  // Widths proportional to the amount of text in each column, at least two
  // characters wide and no wider than the column's longest cell; what is
  // left over goes to the columns that can still use it.
  std::vector<double> column_widths(const std::vector<std::vector<std::string>>& cells) {
    const double lo = 2 * natural_width("中") + 2 * kCellPad;
    const size_t n = cells[0].size();
    std::vector<double> amount(n, 0), longest(n, lo);
    for (const auto& r : cells)
      for (size_t c = 0; c < n; ++c) {
        const double w = natural_width(r[c]) + 2 * kCellPad;
        amount[c] += w;
        longest[c] = std::max(longest[c], w);
      }
    std::vector<double> w(n, lo);
    double left = kBodyWidth - lo * double(n);
    for (int round = 0; round < 8 && left > 0.5; ++round) {
      double weight = 0;
      for (size_t c = 0; c < n; ++c)
        if (w[c] < longest[c]) weight += amount[c];
      if (weight <= 0) break;
      double given = 0;
      for (size_t c = 0; c < n; ++c) {
        if (w[c] >= longest[c]) continue;
        const double add = std::min(longest[c] - w[c], left * amount[c] / weight);
        w[c] += add;
        given += add;
      }
      left -= given;
    }
    if (left > 0.5)
      for (double& x : w) x += left / double(n);
    return w;
  }

  static double x_of(const std::vector<double>& widths, size_t column) {
    double x = kMargin;
    for (size_t c = 0; c < column; ++c) x += widths[c];
    return x;
  }

  double row_height(const std::vector<std::string>& cells, const std::vector<double>& widths) {
    double height = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      PangoLayout* layout = make_layout(cell_, widths[c] - 2 * kCellPad, cells[c]);
      int w, h;
      pango_layout_get_size(layout, &w, &h);
      height = std::max(height, pt(h));
      g_object_unref(layout);
    }
    return height + 2 * kCellPad;
  }

  // A row drawn whole (the header row repeated on a new page).
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths) {
    double height = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      PangoLayout* layout = make_layout(cell_, widths[c] - 2 * kCellPad, cells[c]);
      cairo_move_to(cr_, x_of(widths, c) + kCellPad, y_ + kCellPad);
      pango_cairo_show_layout(cr_, layout);
      int w, h;
      pango_layout_get_size(layout, &w, &h);
      height = std::max(height, pt(h));
      g_object_unref(layout);
    }
    rules(widths, y_, y_ + height + 2 * kCellPad);
    y_ += height + 2 * kCellPad;
  }

  void rules(const std::vector<double>& widths, double top, double bottom) {
    cairo_set_line_width(cr_, 0.5);
    const double right = x_of(widths, widths.size());
    cairo_move_to(cr_, kMargin, top);
    cairo_line_to(cr_, right, top);
    cairo_move_to(cr_, kMargin, bottom);
    cairo_line_to(cr_, right, bottom);
    for (size_t c = 0; c <= widths.size(); ++c) {
      cairo_move_to(cr_, x_of(widths, c), top);
      cairo_line_to(cr_, x_of(widths, c), bottom);
    }
    cairo_stroke(cr_);
  }

  void footer() {
    PangoLayout* layout = make_layout(body_, kBodyWidth, "- " + std::to_string(page_) + " -");
    int w, h;
    pango_layout_get_pixel_size(layout, &w, &h);
    cairo_move_to(cr_, (kPageWidth - w) / 2, kPageHeight - kMargin / 2 - h);
    pango_cairo_show_layout(cr_, layout);
    g_object_unref(layout);
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  cairo_t* cr_;
  PangoFontDescription* body_;
  PangoFontDescription* cell_;
  int page_ = 1;
  double y_ = kMargin;
};

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
  PangoFontDescription* cell_font = pango_font_description_copy(font);
  pango_font_description_set_size(cell_font, pango_font_description_get_size(font) * 7 / 8);
  {
    Renderer out(cr, font, cell_font);
    // Paragraph text goes out in blocks between runs of table rows.
    std::vector<std::string> lines = split(text, '\n');
    for (auto& l : lines)
      if (!l.empty() && l.back() == '\r') l.pop_back();
    std::string block;
    bool have_block = false;
    for (size_t i = 0; i < lines.size();) {
      size_t j = i;
      while (j < lines.size() && lines[j].find('\t') != std::string::npos) ++j;
      if (j - i >= 2) {
        if (have_block) out.text(block);
        block.clear();
        have_block = false;
        out.table(std::vector<std::string>(lines.begin() + long(i), lines.begin() + long(j)));
        i = j;
        continue;
      }
      if (have_block) block += '\n';
      block += lines[i];
      have_block = true;
      ++i;
    }
    if (have_block) out.text(block);
    out.finish();
  }

  pango_font_description_free(cell_font);
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
