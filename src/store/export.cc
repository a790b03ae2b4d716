// Export: the records of gold/README.md §1 as JSONL (or CSV), and any v_*
// view. The SELECT lists below ARE the record layouts: column aliases are
// the JSON keys, in the order written. Output is deterministic: documents by
// file name then path, records by position in the document.
#include <nlohmann/json.hpp>

#include <cmath>
#include <ostream>
#include <string>
#include <string_view>

#include "store/internal.h"
#include "store/store.h"

namespace policydb::store {
namespace internal {
namespace {

// The task's full text; the note is part of it by outline's contract, and
// appended here only if an outline ever left it out.
#define POLICYDB_TASK_TEXT                                                           \
  "CASE WHEN k.note IS NOT NULL AND instr(k.text, k.note) = 0 THEN k.text || k.note" \
  " ELSE k.text END"

struct RecordSql {
  std::string_view type;
  const char* select;    // columns and FROM/JOINs
  const char* document;  // the column holding the document id
  const char* id;        // the record's own id column
  const char* order;
};

const RecordSql kRecords[] = {
    {"document",
     "SELECT 'document' AS type, d.name AS source, d.title, d.doc_number, d.issue_date,"
     " d.region, d.issuers, d.status, d.stage, d.message, d.format, d.page_count,"
     " d.pages_without_text, d.source AS path"
     " FROM documents d",
     "d.id", "d.id", "d.id"},
    {"task",
     "SELECT 'task' AS type, d.name AS source, k.task_no AS task_id, k.label,"
     " " POLICYDB_TASK_TEXT " AS text, k.path AS section, k.note, k.time_limit,"
     " k.page_first AS page"
     " FROM tasks k JOIN documents d ON d.id = k.document_id",
     "k.document_id", "k.id", "k.task_no"},
    {"target",
     "SELECT 'target' AS type, d.name AS source, t.indicator, t.direction, t.value,"
     " t.value_max, t.unit, t.comparator, t.baseline_year, t.target_year, t.scope,"
     " t.aspirational, t.attribute, t.evidence, t.page, t.task_no AS task_id,"
     " t.clause_no AS clause_id, t.rule"
     " FROM targets t JOIN documents d ON d.id = t.document_id",
     "t.document_id", "t.id", "t.begin_byte, t.seq"},
    {"deadline",
     "SELECT 'deadline' AS type, d.name AS source, x.as_written, x.kind, x.start_date,"
     " x.end_date, x.precision, x.context, " POLICYDB_TASK_TEXT " AS task_text, x.page,"
     " x.task_no AS task_id, x.clause_no AS clause_id, x.rule"
     " FROM deadlines x JOIN documents d ON d.id = x.document_id"
     " LEFT JOIN tasks k ON k.document_id = x.document_id AND k.task_no = x.task_no",
     "x.document_id", "x.id", "x.begin_byte, x.seq"},
    {"assignment",
     "SELECT 'assignment' AS type, d.name AS source, " POLICYDB_TASK_TEXT " AS task_text,"
     " a.department, a.as_written, a.role, a.level, a.region, a.known, a.note, a.page,"
     " a.task_no AS task_id, a.rule"
     " FROM assignments a JOIN documents d ON d.id = a.document_id"
     " LEFT JOIN tasks k ON k.document_id = a.document_id AND k.task_no = a.task_no",
     "a.document_id", "a.id", "a.task_no, a.seq"},
    {"clause",
     "SELECT 'clause' AS type, d.name AS source, c.clause_no AS clause_id, c.text,"
     " c.section_path AS section, c.page, c.task_no AS task_id, c.in_table"
     " FROM clauses c JOIN documents d ON d.id = c.document_id",
     "c.document_id", "c.id", "c.clause_no"},
};

#undef POLICYDB_TASK_TEXT

const RecordSql* find_record(std::string_view type) {
  for (const auto& r : kRecords)
    if (r.type == type) return &r;
  return nullptr;
}

bool is_bool_column(std::string_view name) {
  return name == "aspirational" || name == "known" || name == "in_table";
}

// 15.0 → 15: values are written as the text wrote them, and integral
// values are the common case.
nlohmann::ordered_json number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15) {
    return static_cast<int64_t>(v);
  }
  return v;
}

void write_csv_field(std::ostream& out, const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

std::string csv_text(const nlohmann::ordered_json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes rows as JSONL or CSV; the CSV header comes from the statement's
// column names, so an empty export still has one.
class Sink {
 public:
  Sink(std::ostream& out, ExportFormat format) : out_(out), format_(format) {}

  void header(const Stmt& s) {
    if (format_ != ExportFormat::kCsv || header_done_) return;
    for (int i = 0; i < s.column_count(); ++i) {
      if (i) out_ << ',';
      write_csv_field(out_, s.column_name(i));
    }
    out_ << "\r\n";
    header_done_ = true;
  }

  void row(const nlohmann::ordered_json& record) {
    if (format_ == ExportFormat::kJsonl) {
      out_ << record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      return;
    }
    bool first = true;
    for (const auto& [key, value] : record.items()) {
      if (!first) out_ << ',';
      first = false;
      write_csv_field(out_, csv_text(value));
    }
    out_ << "\r\n";
  }

 private:
  std::ostream& out_;
  ExportFormat format_;
  bool header_done_ = false;
};

// Runs a bound statement and writes every row.
Status write_rows(Stmt& s, Sink& sink, sqlite3* db) {
  ResetOnExit reset(s);
  sink.header(s);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) sink.row(row_to_json(s));
  if (rc != SQLITE_DONE) return db_error(db, "exporting");
  return Status::Ok();
}

}  // namespace

nlohmann::ordered_json row_to_json(const Stmt& s) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (int i = 0; i < s.column_count(); ++i) {
    const std::string name = s.column_name(i);
    auto& v = o[name];
    switch (s.column_type(i)) {
      case SQLITE_NULL:
        v = nullptr;
        break;
      case SQLITE_INTEGER:
        if (is_bool_column(name)) {
          v = s.column_int(i) != 0;
        } else {
          v = s.column_int(i);
        }
        break;
      case SQLITE_FLOAT:
        v = number(s.column_real(i));
        break;
      default: {
        std::string t = s.column_text(i);
        if (name == "issuers") {
          // Stored as a JSON array; a damaged value becomes an empty list.
          auto parsed = nlohmann::ordered_json::parse(t, nullptr, false);
          v = parsed.is_array() ? parsed : nlohmann::ordered_json::array();
        } else if (t.empty()) {
          v = nullptr;
        } else {
          v = std::move(t);
        }
      }
    }
  }
  return o;
}

std::string record_sql_by_id(std::string_view type) {
  const RecordSql* r = find_record(type);
  if (!r) return {};
  return std::string(r->select) + " WHERE " + r->id + " = ?1";
}

}  // namespace internal

Status Database::export_records(std::ostream& out, const ExportOptions& options) {
  using internal::Stmt;
  sqlite3* db = impl_->db;
  internal::Sink sink(out, options.format);
  const std::string& type = options.type;

  if (type.starts_with("v_")) {
    // A view is named by an identifier, which cannot be bound: accept only
    // names the schema itself lists as views.
    Stmt check(db, "SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = ?1");
    if (!check.ok()) return Status::Error(check.error());
    check.text(1, type);
    const bool exists = check.step() == SQLITE_ROW;
    check.reset();
    if (!exists) return Status::Error("no such view: " + type);
    std::string quoted = "\"";
    for (char c : type) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    Stmt s(db, "SELECT * FROM " + quoted);
    if (!s.ok()) return Status::Error(s.error());
    if (auto st = internal::write_rows(s, sink, db); !st.ok()) return st;
    out.flush();
    return out ? Status::Ok() : Status::Error("writing the export failed");
  }

  std::vector<const internal::RecordSql*> types;
  if (type.empty()) {
    if (options.format == ExportFormat::kCsv) {
      return Status::Error("CSV export needs one record type (document, task, target, "
                           "deadline, assignment, clause or a v_* view)");
    }
    for (const char* t : {"document", "task", "target", "deadline", "assignment"})
      types.push_back(internal::find_record(t));
  } else if (const auto* r = internal::find_record(type)) {
    types.push_back(r);
  } else {
    return Status::Error("unknown record type '" + type +
                         "' (document, task, target, deadline, assignment, clause, v_*)");
  }

  std::vector<Stmt> stmts;
  for (const auto* r : types) {
    stmts.emplace_back(db, std::string(r->select) + " WHERE " + r->document + " = ?1 ORDER BY " +
                               r->order);
    if (!stmts.back().ok()) return Status::Error(stmts.back().error());
  }
  if (types.size() == 1) sink.header(stmts[0]);

  // One read transaction: the export is a consistent snapshot even while a
  // run writes to the same file.
  if (auto st = internal::exec(db, "BEGIN"); !st.ok()) return st;
  Stmt docs(db, "SELECT id FROM documents ORDER BY name, source");
  Status result = docs.ok() ? Status::Ok() : Status::Error(docs.error());
  int rc = SQLITE_DONE;
  while (result.ok() && (rc = docs.step()) == SQLITE_ROW) {
    const int64_t id = docs.column_int(0);
    for (auto& s : stmts) {
      s.integer(1, id);
      result = internal::write_rows(s, sink, db);
      if (!result.ok()) break;
    }
  }
  if (result.ok() && rc != SQLITE_DONE) result = internal::db_error(db, "listing documents");
  docs.reset();
  internal::exec(db, "COMMIT");
  if (!result.ok()) return result;
  out.flush();
  return out ? Status::Ok() : Status::Error("writing the export failed");
}

}  // namespace policydb::store
