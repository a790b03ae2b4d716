#include "extract/target_tables.h"

#include <algorithm>
#include <optional>

#include "common/text.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

// What a header cell says its column holds (rules family target_column,
// attr `role`): a target year, a base year, the unit, the 属性, the
// indicator's name; or a value with its unit in brackets (完成数（家）).
struct Column {
  size_t index = 0;
  std::string role;  // year | base | unit | attribute | indicator | value
  int year = 0;
  std::string indicator, unit;
};

std::vector<Column> read_header(const std::vector<std::string>& header, const rules::RuleSet& rules,
                                int reference_year) {
  std::vector<Column> cols;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = text::strip_spaces(header[i]);
    Column c;
    c.index = i;
    if (auto m = rules.match_prefix("target_column", h); m && m->end == h.size()) {
      c.role = std::string(m->attr("role"));
      if (m->has("year")) {
        auto y = values::parse_year(m->group("year", h));
        c.year = y ? *y : 0;
        // A year before the notice's is where the indicator stands, not a goal.
        if (c.role == "year" && (c.year == 0 || (reference_year > 0 && c.year < reference_year)))
          c.role = "base";
      }
      if (m->has("unit")) c.unit = std::string(m->group("unit", h));
    } else if (auto u = rules.match_prefix("target_header_unit", h)) {
      c.role = "value";
      c.indicator = std::string(u->group("name", h));
      c.unit = std::string(u->group("unit", h));
    }
    if (!c.role.empty()) cols.push_back(std::move(c));
  }
  return cols;
}

const Column* column(const std::vector<Column>& cols, std::string_view role) {
  for (const auto& c : cols)
    if (c.role == role) return &c;
  return nullptr;
}

std::string cell(const outline::TableRow& row, size_t i) {
  return i < row.cells.size() ? text::strip_spaces(row.cells[i]) : std::string();
}

// A cell's value: a number or range with its comparator (≥95, 95以上, 3-5).
struct CellValue {
  double value = 0;
  std::optional<double> value_max;
  std::string unit, comparator = "=";
};

std::optional<CellValue> cell_value(const std::string& s, const rules::RuleSet& rules) {
  if (s.empty()) return std::nullopt;
  CellValue v;
  std::string_view rest = s;
  auto m = rules.match_prefix("target_cell_cmp", rest);
  if (m) {
    v.comparator = std::string(m->attr("cmp"));
    rest.remove_prefix(m->end);
  }
  auto q = rules.match_prefix("target", rest);
  if (!q || q->end != rest.size()) return std::nullopt;
  std::string_view pct = q->group("pct", rest);
  if (!pct.empty()) {
    auto p = values::parse_percent_words(pct);
    if (!p) return std::nullopt;
    v.value = *p;
    v.unit = std::string("%");  // not a literal: GCC 12 -Wrestrict false positive (PR 105329)
  } else {
    auto n = values::parse_number(q->group("num", rest));
    if (!n) return std::nullopt;
    v.value = *n;
    if (q->has("max")) v.value_max = values::parse_number(q->group("max", rest));
    v.unit = std::string(q->group("unit", rest));
  }
  std::string suffix = comparator_of_suffix(rules, q->group("cmp", rest));
  if (!suffix.empty()) v.comparator = suffix;
  return v;
}

std::string evidence_of(const outline::TableRow& row) {
  std::string evidence;
  for (const auto& c : row.cells) {
    std::string t = text::strip_spaces(c);
    if (t.empty()) continue;
    if (!evidence.empty()) evidence += " ";
    evidence += t;
  }
  return evidence;
}

Target row_target(const outline::Outline& outline, const outline::TableRow& row, const char* rule) {
  Target t;
  t.direction = std::string("level");  // not literals: GCC 12 -Wrestrict false positive (PR 105329)
  t.comparator = std::string("=");
  t.evidence = evidence_of(row);
  t.begin = row.begin;
  t.end = row.end;
  t.page = row.page;
  t.task = outline.task_at(row.begin);
  t.rule = rule;
  return t;
}

// The whole cell is an attribute (预期性), not a name that opens like one.
bool is_attribute(const std::string& s, const rules::RuleSet& rules) {
  auto m = rules.match_prefix("target_attribute", s);
  return m && m->end == s.size();
}

// An indicator table: a row per indicator, a column per target year.
bool indicator_table(const outline::Outline& outline, const outline::Table& table,
                     const std::vector<Column>& cols, const rules::RuleSet& rules,
                     std::vector<Target>& out) {
  std::vector<const Column*> years;
  for (const auto& c : cols)
    if (c.role == "year") years.push_back(&c);
  if (years.empty()) return false;
  const Column* name_col = column(cols, "indicator");
  const Column* unit_col = column(cols, "unit");
  const Column* attr_col = column(cols, "attribute");
  auto taken = [&](size_t i) {
    return std::any_of(cols.begin(), cols.end(), [&](const Column& c) { return c.index == i; });
  };
  for (const auto& row : table.rows) {
    if (row.header || in_excluded(outline, row.begin)) continue;
    std::string name = name_col ? cell(row, name_col->index) : std::string();
    for (size_t i = 0; name.empty() && i < row.cells.size(); ++i) {
      std::string c = cell(row, i);
      if (taken(i) || c.empty() || rules.any("target_row_number", c) || values::parse_number(c)) continue;
      name = c;
    }
    // One character names nothing (表 of a caption line read as a row: 表 1 …),
    // nor does an attribute (预期性) left in the name's place when the cells
    // of a row shifted.
    if (text::length(name) < 2 || rules.any("target_total", name) || is_attribute(name, rules)) continue;
    std::string unit = unit_col ? cell(row, unit_col->index) : std::string();
    if (auto u = rules.match_prefix("target_header_unit", name)) {
      if (unit.empty()) unit = std::string(u->group("unit", name));
      name = std::string(u->group("name", name));
    }
    std::string attribute;
    if (attr_col)
      if (auto a = rules.match_prefix("target_attribute", cell(row, attr_col->index)))
        attribute = std::string(a->attr("attribute"));
    for (const Column* y : years) {
      // The row's own number (14 of 14 | 工业废水集中处理率 …) is no value.
      if (!row.number.empty() && cell(row, y->index) == text::strip_spaces(row.number)) continue;
      auto v = cell_value(cell(row, y->index), rules);
      if (!v) continue;
      Target t = row_target(outline, row, "target-table-indicator");
      t.indicator = name;
      t.value = v->value;
      t.value_max = v->value_max;
      t.unit = !v->unit.empty() ? v->unit : !unit.empty() ? unit : y->unit;
      t.unit = text::strip_spaces(t.unit);
      t.comparator = v->comparator;
      t.target_year = y->year;
      t.attribute = attribute;
      out.push_back(std::move(t));
    }
  }
  return true;
}

// A per-region table: a row per region, a value column per indicator.
void region_table(const outline::Outline& outline, const outline::Table& table, std::vector<Column> cols,
                  bool goal_caption, std::optional<int> year, const rules::RuleSet& rules,
                  std::vector<Target>& out) {
  std::erase_if(cols, [](const Column& c) { return c.role != "value"; });
  if (cols.empty() && goal_caption && table.header.size() >= 2)
    cols.push_back({table.header.size() - 1, "value", 0, text::strip_spaces(table.header.back()), ""});
  if (cols.empty()) return;
  // A goal table holds numbers in its value columns on most rows; a
  // task-allocation table with a 任务 header does not.
  size_t body_rows = 0, numeric_rows = 0;
  for (const auto& row : table.rows) {
    if (row.header) continue;
    ++body_rows;
    if (std::any_of(cols.begin(), cols.end(),
                    [&](const Column& c) { return values::parse_range(cell(row, c.index)).has_value(); }))
      ++numeric_rows;
  }
  if (body_rows == 0 || numeric_rows * 10 < body_rows * 6) return;
  for (const auto& row : table.rows) {
    if (row.header || in_excluded(outline, row.begin)) continue;
    // Scope: the first cell that is neither a row number nor a value.
    std::string scope;
    for (size_t i = 0; scope.empty() && i < row.cells.size(); ++i) {
      std::string c = cell(row, i);
      if (c.empty() || rules.any("target_row_number", c) || values::parse_number(c)) continue;
      if (std::any_of(cols.begin(), cols.end(), [&](const Column& k) { return k.index == i; })) continue;
      scope = c;
    }
    if (scope.empty() || rules.any("target_total", scope)) continue;
    for (const auto& col : cols) {
      auto v = values::parse_range(cell(row, col.index));
      if (!v) continue;
      Target t = row_target(outline, row, "target-table-row");
      t.indicator = text::strip_spaces(col.indicator);
      t.scope = scope;
      t.value = v->low;
      t.value_max = v->high;
      t.unit = text::strip_spaces(col.unit);
      if (year) t.target_year = *year;
      out.push_back(std::move(t));
    }
  }
}

}  // namespace

bool in_excluded(const outline::Outline& outline, size_t offset) {
  for (const auto& r : outline.excluded)
    if (offset >= r.begin && offset < r.end) return true;
  return false;
}

std::string comparator_of_suffix(const rules::RuleSet& rules, std::string_view s) {
  if (s.empty()) return {};
  for (const auto& e : rules.table("comparator_suffix")) {
    auto words = e.lists.find("words");
    if (words == e.lists.end()) continue;
    for (const auto& w : words->second)
      if (s.find(w) != std::string_view::npos) return std::string(e.get("cmp"));
  }
  return {};
}

std::string unit_as_meant(const rules::RuleSet& rules, std::string unit) {
  for (const auto& e : rules.table("unit_spelling"))
    if (e.get("written") == unit) return std::string(e.get("meant"));
  return unit;
}

void table_targets(const outline::Outline& outline, const rules::RuleSet& rules,
                   const timex::Context& ctx, std::vector<Target>& out) {
  for (const auto& table : outline.tables) {
    // The caption: the table's own title, else the heading of its section
    // (附件2 2024年各地市清洁生产审核预期目标).
    std::string caption = table.title;
    if (caption.empty() && table.section > 0 && table.section < static_cast<int>(outline.sections.size()))
      caption = outline.sections[table.section].title;
    if (rules.any("target_table_past", caption)) continue;
    std::vector<Column> cols = read_header(table.header, rules, ctx.reference_year);
    if (indicator_table(outline, table, cols, rules, out)) continue;
    std::string header_line;
    for (const auto& h : table.header) header_line += h + " ";
    const bool goal_caption = rules.any("target_table", caption);
    if (!goal_caption && !rules.any("target_table", header_line)) continue;
    std::optional<int> year;
    for (const auto& t : timex::find(caption, rules, ctx))
      if (t.year > 0 && !t.past) year = t.year;
    if (!year && ctx.reference_year > 0) year = ctx.reference_year;
    region_table(outline, table, std::move(cols), goal_caption, year, rules, out);
  }
}

}  // namespace policydb::extract
