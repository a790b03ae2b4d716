// Tables inside the outline: a run of tab-separated lines becomes a Table
// with its caption, header and rows, cells cleaned and merged cells filled
// from above; in a task-allocation table (分工表, read from the header's
// column names, rule family "table_column") every numbered row is a task.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "outline/builder.h"
#include "rules/rules.h"

namespace policydb::outline::internal {

namespace {

// `cell` without the HTML tags converters leave: bytes are copied a run at
// a time, between the tags dropped.
std::string without_tags(std::string_view cell) {
  std::string no_tags;
  no_tags.reserve(cell.size());
  for (size_t i = 0; i < cell.size();) {
    const size_t lt = cell.find('<', i);
    if (lt == std::string_view::npos) {
      no_tags.append(cell.substr(i));
      break;
    }
    no_tags.append(cell.substr(i, lt - i));
    i = lt;
    size_t j = i + 1;
    bool tag = j < cell.size() && (std::isalpha(static_cast<unsigned char>(cell[j])) || cell[j] == '/');
    while (tag && j < cell.size() && cell[j] != '>') {
      unsigned char c = static_cast<unsigned char>(cell[j]);
      if (c >= 0x80 || c == '<' || j - i > 64) tag = false;
      ++j;
    }
    if (tag && j < cell.size()) {
      i = j + 1;
      continue;
    }
    no_tags.push_back(cell[i++]);
  }
  return no_tags;
}

// A table cell as a person reads it: HTML tags left by converters removed,
// spaces that PDF extraction put between CJK characters removed, runs of
// white space collapsed.
std::string clean_cell(std::string_view cell) {
  std::string no_tags = without_tags(cell);
  std::string out;
  out.reserve(no_tags.size());
  std::string_view s = text::trim(no_tags);
  char32_t last = 0;
  bool pending_space = false;
  size_t run = 0;  // first byte not yet copied
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = text::decode(s, i);
    if (text::is_space(cp)) {
      if (!pending_space) out.append(s.substr(run, start - run));
      pending_space = true;
      continue;
    }
    if (pending_space) {
      bool cjk_join = (text::is_cjk(last) || text::is_cjk_punct(last)) &&
                      (text::is_cjk(cp) || text::is_cjk_punct(cp));
      if (!cjk_join) out.push_back(' ');
      pending_space = false;
      run = start;
    }
    last = cp;
  }
  // s is trimmed: it ends with a run, never with pending spaces.
  if (!pending_space) out.append(s.substr(run));
  return out;
}

// Whether cells from `from_cell` on hold CJK text (a task, a city).
bool text_after(const std::vector<std::string>& cells, size_t from_cell) {
  for (size_t k = from_cell; k < cells.size(); ++k)
    for (size_t i = 0; i < cells[k].size();)
      if (text::is_cjk(text::decode(cells[k], i))) return true;
  return false;
}

// The number cell of a row: a cell that is only a short number, or a
// number, a space and the task text (`90 鼓励…`). Returns the column and
// splits off the text.
std::optional<size_t> number_cell(const std::vector<std::string>& cells, std::string* number, std::string* rest) {
  for (size_t c = 0; c < cells.size(); ++c) {
    const std::string& cell = cells[c];
    size_t d = 0;
    while (d < cell.size() && d < 4 && cell[d] >= '0' && cell[d] <= '9') ++d;
    if (d == 0 || d > 3) continue;
    // The row must go on with text (the task, a city): a number that ends
    // the row is a value (合计 … 289), not the row's number.
    if (d == cell.size()) {
      if (!text_after(cells, c + 1)) continue;
      *number = cell;
      rest->clear();
      return c;
    }
    // `90 鼓励…`, or `90鼓励…` once normalisation removed the space: the
    // text must be long enough not to be a quantity (`10家`).
    size_t k = cell[d] == ' ' ? d + 1 : d;
    if (k < cell.size() && !(cell[k] >= '0' && cell[k] <= '9')) {
      size_t i = k;
      char32_t cp = text::decode(cell, i);
      if (text::is_cjk(cp) && (k > d || text::length(std::string_view(cell).substr(k)) >= 8)) {
        *number = cell.substr(0, d);
        *rest = cell.substr(k);
        return c;
      }
    }
  }
  return std::nullopt;
}

// What a numbered row says beyond its cells: number, task text, the
// responsibility note and time limit, and the columns text and note came from.
struct RowFields {
  std::string number, text, note, time_limit;
  int text_col = -1, note_col = -1;
};

// One table being read, row by row.
struct TableReader {
  explicit TableReader(Builder& d) : doc(d) {}
  Builder& doc;
  Table table;
  std::set<std::string> seen_headers;
  std::string group;                      // first header cell of the current header (重点任务)
  std::vector<std::string> column_kinds;  // kinds of header columns after the text
  std::vector<std::string> column_names;
  std::map<size_t, std::pair<Kind, std::string>> filled;  // column → last label in it (merged cells)
  std::map<Kind, std::string> labels;     // current part/section/item label
  std::vector<std::vector<std::string>> row_labels;  // per numbered row
  std::vector<std::string> row_groups;              // per numbered row
  std::vector<RowFields> fields;                    // per row

  void run(const TableBlock& block, int section) {
    table.id = static_cast<int>(doc.out.tables.size());
    table.section = section;
    table.begin = doc.lines[block.first].begin;
    table.end = doc.lines[block.last].end;
    table.title = caption(block);
    for (size_t li = block.first; li <= block.last; ++li) {
      if (doc.lines[li].type != LineType::kTable) continue;
      std::vector<std::string> cells = split_cells(li);
      size_t nonempty = 0;
      for (const auto& c : cells) nonempty += !c.empty();
      if (nonempty == 0) continue;
      std::string number, rest;
      auto ncol = number_cell(cells, &number, &rest);
      if (ncol)
        numbered_row(std::move(cells), *ncol, number, rest, li);
      else if (!header_row(cells))
        unnumbered_row(std::move(cells), li);
    }
    if (table.allocation) make_row_tasks(section);
    doc.out.tables.push_back(std::move(table));
  }

  // Caption: the nearest non-empty line above, if it reads like one.
  std::string caption(const TableBlock& block) const {
    for (size_t k = block.first; k-- > 0;) {
      if (doc.lines[k].type == LineType::kEmpty) continue;
      std::string_view cap = doc.line_text(k);
      if ((doc.lines[k].type == LineType::kText || doc.lines[k].type == LineType::kHeading) &&
          text::length(cap) <= 60 && !contains_any(cap, {U'。'}))
        return std::string(cap);
      break;
    }
    return {};
  }

  // Cells are split on the untrimmed line so column positions hold.
  std::vector<std::string> split_cells(size_t li) const {
    std::vector<std::string> cells;
    size_t start = 0;
    std::string_view full = doc.s.substr(doc.t.lines[li].begin, doc.t.lines[li].end - doc.t.lines[li].begin);
    while (true) {
      size_t tab = full.find('\t', start);
      cells.push_back(clean_cell(full.substr(start, tab == std::string_view::npos ? full.npos : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    return cells;
  }

  std::optional<std::string> column_kind(std::string_view cell) const {
    // Only a match from offset 0 counts: most cells fail the anchored test
    // within a few bytes.
    if (!doc.rules.any_prefix("table_column", cell)) return std::nullopt;
    for (const auto& m : doc.rules.find_all("table_column", cell))
      if (m.begin == 0 && m.end == cell.size()) return std::string(m.attr("kind"));
    return std::nullopt;
  }

  // Header rows: no number, and a cell naming a column (or the table's
  // first row). A header seen before is a page's repeated header. False
  // when the row is no header.
  bool header_row(const std::vector<std::string>& cells) {
    bool names_column = false;
    for (const auto& c : cells)
      if (!c.empty() && column_kind(c)) names_column = true;
    bool first_row = table.rows.empty() && table.header.empty();
    if (!names_column && !first_row) return false;
    std::string key;
    for (const auto& c : cells)
      if (!c.empty()) key += c + "\t";
    if (!seen_headers.insert(key).second) return true;
    std::vector<std::string> header;
    for (const auto& c : cells)
      if (!c.empty()) header.push_back(c);
    if (table.header.empty()) table.header = header;
    column_kinds.clear();
    column_names.clear();
    std::string g;
    for (const auto& c : header) {
      auto k = column_kind(c);
      if (!k) {
        if (g.empty()) g = c;
        continue;
      }
      if (*k == "responsibility" || *k == "support" || *k == "time_limit") {
        column_kinds.push_back(*k);
        column_names.push_back(c);
        if (*k != "time_limit") table.allocation = true;
      }
    }
    if (!g.empty() && g != group) {
      group = g;
      labels.clear();
      filled.clear();
    }
    return true;
  }

  // No number: a row of labels (merged cells broken by a page), or the
  // continuation of the previous row's cells.
  void unnumbered_row(std::vector<std::string> cells, size_t li) {
    bool marked = false;
    for (const auto& c : cells) {
      if (c.empty()) continue;
      auto m = doc.rules.match_prefix("heading", c);
      if (m && kind_from_attr(m->attr("kind"))) marked = true;
    }
    if (marked) {
      for (size_t c = 0; c < cells.size(); ++c)
        if (!cells[c].empty()) take_label(cells[c], c);
      return;
    }
    if (!fields.empty() && table.allocation) {
      RowFields& prev = fields.back();
      for (size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].empty()) continue;
        bool to_note = prev.note_col >= 0 &&
                       std::abs(static_cast<int>(c) - prev.note_col) < std::abs(static_cast<int>(c) - prev.text_col);
        (to_note ? prev.note : prev.text) += cells[c];
      }
      table.rows.back().end = doc.lines[li].end;
      return;
    }
    TableRow row;
    row.cells = std::move(cells);
    row.begin = doc.lines[li].begin;
    row.end = doc.lines[li].end;
    row.page = doc.t.page_of(row.begin);
    table.rows.push_back(std::move(row));
    fields.push_back({});
  }

  // A numbered row: labels before the number (filled from above when
  // merged), the text, then the responsibility / time-limit cells.
  void numbered_row(std::vector<std::string> cells, size_t ncol, const std::string& number, const std::string& rest,
                    size_t li) {
    for (size_t c = 0; c < ncol; ++c) {
      if (!cells[c].empty()) {
        take_label(cells[c], c);
      } else if (auto f = filled.find(c); f != filled.end()) {
        cells[c] = f->second.second;
      }
    }
    RowFields rf = row_fields(cells, ncol, number, rest);
    TableRow row;
    row.cells = std::move(cells);
    if (!rest.empty()) {
      row.cells[ncol] = number;
      row.cells.insert(row.cells.begin() + static_cast<long>(ncol) + 1, rest);
    }
    row.number = number;
    row.begin = doc.lines[li].begin;
    row.end = doc.lines[li].end;
    row.page = doc.t.page_of(row.begin);
    table.rows.push_back(std::move(row));
    std::vector<std::string> path;
    if (!group.empty()) path.push_back(group);
    for (Kind k : {Kind::kPart, Kind::kSection, Kind::kItem})
      if (auto it = labels.find(k); it != labels.end()) path.push_back(it->second);
    row_labels.push_back(std::move(path));
    row_groups.push_back(group);
    fields.push_back(std::move(rf));
  }

  // The cells after the number: the first is the task's text, the others
  // go by the header's column kinds (responsibility when there is none).
  RowFields row_fields(const std::vector<std::string>& cells, size_t ncol, const std::string& number,
                       const std::string& rest) const {
    RowFields rf;
    rf.number = number;
    std::vector<std::pair<size_t, std::string>> after;
    if (!rest.empty()) after.emplace_back(ncol, rest);
    for (size_t c = ncol + 1; c < cells.size(); ++c)
      if (!cells[c].empty()) after.emplace_back(c, cells[c]);
    if (!after.empty()) {
      rf.text = after[0].second;
      rf.text_col = static_cast<int>(after[0].first);
    }
    for (size_t a = 1; a < after.size(); ++a) {
      size_t k = std::min(a - 1, column_kinds.empty() ? size_t(0) : column_kinds.size() - 1);
      std::string kind = column_kinds.empty() ? "responsibility" : column_kinds[k];
      const std::string& v = after[a].second;
      if (kind == "time_limit") {
        rf.time_limit += v;
        continue;
      }
      // With separate lead and support columns, the header says the role.
      std::string piece = v;
      bool several = column_kinds.size() > 1 && kind != "time_limit";
      if (several && k < column_names.size() && v.find("：") == std::string::npos && v.find(':') == std::string::npos)
        piece = column_names[k] + "：" + v;
      if (!rf.note.empty()) rf.note += " ";
      rf.note += piece;
      rf.note_col = static_cast<int>(after[a].first);
    }
    return rf;
  }

  // A label cell (before the number): a marked label replaces the label of
  // its level and clears deeper ones; an unmarked one continues the label
  // last seen in its column (a merged cell broken by a page break).
  void take_label(const std::string& cell, size_t col) {
    auto m = doc.rules.match_prefix("heading", cell);
    std::optional<Kind> k = m ? kind_from_attr(m->attr("kind")) : std::nullopt;
    if (k && (*k == Kind::kPart || *k == Kind::kSection || *k == Kind::kItem || *k == Kind::kSubItem)) {
      std::string marker(text::trim(m->has("marker") ? m->group("marker", cell) : std::string_view(cell)));
      labels[*k] = marker;
      for (auto it = labels.begin(); it != labels.end();)
        it = rank(it->first) > rank(*k) ? labels.erase(it) : std::next(it);
      // A new label ends the merged cells of deeper levels, wherever the
      // page's layout put them.
      for (auto it = filled.begin(); it != filled.end();)
        it = rank(it->second.first) > rank(*k) ? filled.erase(it) : std::next(it);
      filled[col] = {*k, cell};
      return;
    }
    auto f = filled.find(col);
    if (f != filled.end() && f->second.second.find(cell) == std::string::npos) f->second.second += cell;
  }

  // In a task-allocation table every numbered row is a task.
  void make_row_tasks(int section) {
    for (size_t r = 0, numbered = 0; r < table.rows.size(); ++r) {
      const TableRow& row = table.rows[r];
      if (row.number.empty()) continue;
      const RowFields& f = fields[r];
      Task task;
      task.section = section;
      task.table = table.id;
      task.row = static_cast<int>(r);
      const auto& path = row_labels[numbered];
      const std::string& grp = row_groups[numbered++];
      task.label = grp.empty() ? row.number : grp + " " + row.number;
      for (size_t p = 0; p < path.size(); ++p) task.path += (p ? "/" : "") + path[p];
      task.text = f.text;
      if (!f.note.empty()) task.text += "（" + f.note + "）";
      if (!f.time_limit.empty()) task.text += "（" + f.time_limit + "）";
      task.note = f.note;
      task.time_limit = f.time_limit;
      task.begin = row.begin;
      task.end = row.end;
      task.page_first = doc.t.page_of(row.begin);
      task.page_last = doc.t.page_of(row.end > row.begin ? row.end - 1 : row.begin);
      doc.table_tasks.push_back(std::move(task));
    }
  }
};

}  // namespace

void parse_table(Builder& doc, const TableBlock& block, int section) { TableReader(doc).run(block, section); }

}  // namespace policydb::outline::internal
