// The read-only queries of `policydb serve` (issue 21). SQL is fixed text
// plus fixed fragments; every value is bound.
#include "store/browse.h"

#include <string>
#include <vector>

#include "store/internal.h"

namespace policydb::store {

using internal::Stmt;

namespace {

constexpr int kMaxClauses = 20000;  // a document page shows at most this many clauses
constexpr int kMaxRows = 5000;      // any other list

Status check_schema(sqlite3* db) {
  Stmt s(db, "PRAGMA user_version");
  if (!s.ok() || s.step() != SQLITE_ROW) return internal::db_error(db, "reading the schema version");
  const int64_t v = s.column_int(0);
  if (v != internal::schema_version()) {
    return Status::Error("schema version " + std::to_string(v) + ", this binary reads " +
                         std::to_string(internal::schema_version()) +
                         " (run `policydb ingest` on it first)");
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open_read_only(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  // As in open(): no memory statistics (a global mutex per allocation);
  // NOMUTEX, since a Reader is used by one thread at a time.
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  const int rc = sqlite3_open_v2(path.c_str(), &impl->db,
                                 SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string m = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
    return Status::Error("cannot open database " + path + " read-only: " + m);
  }
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, 5000);
  // Memory-mapped reads: the readers share the OS page cache instead of
  // each copying pages into its own cache (pread was a third of a search).
  for (const char* pragma : {"PRAGMA query_only = ON", "PRAGMA mmap_size = 1073741824",
                             "PRAGMA cache_size = -16384"}) {
    if (auto st = internal::exec(impl->db, pragma); !st.ok()) return st;
  }
  if (auto st = check_schema(impl->db); !st.ok()) {
    return Status::Error("database " + path + ": " + st.message());
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Result<std::unique_ptr<Reader>> Reader::open(const std::string& path) {
  auto db = Database::open_read_only(path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Reader>(new Reader(std::move(db).value()));
}

Result<Json> Reader::rows(const std::string& sql, const std::vector<Bind>& binds) {
  Stmt s(db_->impl_->db, sql);
  if (!s.ok()) return Status::Error(s.error());
  for (size_t i = 0; i < binds.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    if (const auto* str = std::get_if<std::string>(&binds[i])) {
      s.text(idx, *str);
    } else {
      s.integer(idx, std::get<int64_t>(binds[i]));
    }
  }
  Json out = Json::array();
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(internal::row_to_json(s));
  if (rc != SQLITE_DONE) return internal::db_error(db_->impl_->db, "reading");
  return out;
}

Result<Json> Reader::overview() {
  Json o;
  const std::string lim = " LIMIT " + std::to_string(kMaxRows);
  struct Part {
    const char* key;
    std::string sql;
  };
  const Part parts[] = {
      {"documents",
       "SELECT document_id AS id, source, status, title, region, issue_date, page_count, tasks,"
       " targets, deadlines, assignments FROM v_documents" + lim},
      {"by_status", "SELECT status AS key, count(*) AS count FROM documents GROUP BY 1 ORDER BY 2 DESC"},
      {"by_region",
       "SELECT coalesce(region, '') AS key, count(*) AS count FROM documents GROUP BY 1"
       " ORDER BY 2 DESC, 1" + lim},
      {"by_year",
       "SELECT coalesce(substr(issue_date, 1, 4), '') AS key, count(*) AS count FROM documents"
       " GROUP BY 1 ORDER BY 1" + lim},
      {"failed",
       "SELECT id, name AS source, status, stage, message FROM documents"
       " WHERE status != 'ok' ORDER BY name, source" + lim},
  };
  for (const auto& p : parts) {
    auto r = rows(p.sql);
    if (!r.ok()) return r.status();
    o[p.key] = std::move(r).value();
  }
  return o;
}

Result<Json> Reader::document(int64_t id) {
  auto doc = rows("SELECT * FROM v_documents WHERE document_id = ?1", {id});
  if (!doc.ok()) return doc.status();
  if (doc.value().empty()) return Json(nullptr);
  Json o;
  o["document"] = doc.value()[0];
  struct Part {
    const char* key;
    const char* sql;
  };
  static const Part parts[] = {
      {"sections",
       "SELECT section_no, parent_no, depth, kind, number, title, path, page_first, page_last,"
       " begin_byte FROM sections WHERE document_id = ?1 ORDER BY begin_byte, section_no"},
      {"clauses",
       "SELECT id, clause_no, task_no, section_no, section_path, page, begin_byte, end_byte, text"
       " FROM clauses WHERE document_id = ?1 ORDER BY begin_byte, clause_no LIMIT ?2"},
      {"targets",
       "SELECT id, seq, task_no, clause_no, page, begin_byte, end_byte, indicator, value,"
       " value_max, unit, comparator, direction, target_year, baseline_year, aspirational,"
       " evidence FROM targets WHERE document_id = ?1 ORDER BY begin_byte, seq LIMIT ?2"},
      {"deadlines",
       "SELECT id, seq, task_no, clause_no, page, begin_byte, end_byte, as_written, kind,"
       " start_date, end_date, precision FROM deadlines WHERE document_id = ?1"
       " ORDER BY begin_byte, seq LIMIT ?2"},
      {"assignments",
       "SELECT id, seq, task_no, page, begin_byte, end_byte, department, as_written, role"
       " FROM assignments WHERE document_id = ?1 ORDER BY begin_byte, seq LIMIT ?2"},
      {"tasks",
       "SELECT task_no, label, path, page_first, page_last, time_limit FROM tasks"
       " WHERE document_id = ?1 ORDER BY task_no LIMIT ?2"},
  };
  for (const auto& p : parts) {
    auto r = rows(p.sql, {id, int64_t{kMaxClauses}});
    if (!r.ok()) return r.status();
    o[p.key] = std::move(r).value();
  }
  o["truncated"] = o["clauses"].size() >= static_cast<size_t>(kMaxClauses);
  return o;
}

Result<std::string> Reader::document_source(int64_t id) {
  auto r = rows("SELECT source FROM documents WHERE id = ?1", {id});
  if (!r.ok()) return r.status();
  if (r.value().empty() || !r.value()[0]["source"].is_string()) return std::string();
  return r.value()[0]["source"].get<std::string>();
}

Result<Json> Reader::departments() {
  return rows("SELECT * FROM v_department_workload ORDER BY tasks DESC, department LIMIT ?1",
              {int64_t{kMaxRows}});
}

Result<Json> Reader::department(const std::string& name) {
  auto dep = rows("SELECT id, name, level, region, known, aliases FROM departments WHERE name = ?1",
                  {name});
  if (!dep.ok()) return dep.status();
  if (dep.value().empty()) return Json(nullptr);
  Json o;
  o["department"] = dep.value()[0];
  const int64_t id = dep.value()[0]["id"].get<int64_t>();
  auto tasks = rows(
      "SELECT a.document_id, d.name AS source, d.title, d.region, a.task_no, a.role,"
      " a.as_written, a.page, k.label, k.path, substr(k.text, 1, 300) AS text"
      " FROM assignments a JOIN documents d ON d.id = a.document_id"
      " LEFT JOIN tasks k ON k.document_id = a.document_id AND k.task_no = a.task_no"
      " WHERE a.department_id = ?1 GROUP BY a.document_id, a.task_no, a.role"
      " ORDER BY d.name, a.task_no, a.role LIMIT ?2",
      {id, int64_t{kMaxRows}});
  if (!tasks.ok()) return tasks.status();
  o["tasks"] = std::move(tasks).value();
  auto deadlines = rows(
      "SELECT DISTINCT x.document_id, d.name AS source, x.task_no, x.page, x.as_written,"
      " x.kind, x.start_date, x.end_date, k.label, substr(k.text, 1, 120) AS text"
      " FROM assignments a JOIN deadlines x"
      "   ON x.document_id = a.document_id AND x.task_no = a.task_no"
      " JOIN documents d ON d.id = x.document_id"
      " LEFT JOIN tasks k ON k.document_id = x.document_id AND k.task_no = x.task_no"
      " WHERE a.department_id = ?1 AND x.end_date IS NOT NULL"
      " ORDER BY x.end_date, d.name LIMIT ?2",
      {id, int64_t{kMaxRows}});
  if (!deadlines.ok()) return deadlines.status();
  o["deadlines"] = std::move(deadlines).value();
  return o;
}

namespace {

// WHERE fragments shared by the two tables: the document's region and name.
void document_filters(const TableFilter& f, std::string& sql,
                      std::vector<std::variant<std::string, int64_t>>& binds) {
  if (!f.region.empty()) {
    sql += " AND instr(coalesce(d.region, ''), ?) > 0";
    binds.emplace_back(f.region);
  }
  if (!f.doc.empty()) {
    sql += " AND (instr(d.name, ?) > 0 OR instr(coalesce(d.title, ''), ?) > 0)";
    binds.emplace_back(f.doc);
    binds.emplace_back(f.doc);
  }
}

int64_t bounded(int limit) { return limit > 0 && limit < kMaxRows ? limit : kMaxRows; }

// The free-text filter of the targets and deadlines tables: `f.text` in
// either of two columns (names are this file's constants, not input).
void text_filter(const TableFilter& f, const char* a, const char* b, std::string& sql,
                 std::vector<std::variant<std::string, int64_t>>& binds) {
  if (f.text.empty()) return;
  sql += std::string(" AND (instr(coalesce(") + a + ", ''), ?) > 0 OR instr(coalesce(" + b +
         ", ''), ?) > 0)";
  binds.emplace_back(f.text);
  binds.emplace_back(f.text);
}

}  // namespace

Result<Json> Reader::targets(const TableFilter& f) {
  std::string sql =
      "SELECT t.id, t.document_id, d.name AS source, d.region, t.page, t.indicator, t.value,"
      " t.value_max, t.unit, t.comparator, t.direction, t.target_year, t.baseline_year,"
      " t.aspirational, t.evidence FROM targets t JOIN documents d ON d.id = t.document_id"
      " WHERE 1";
  std::vector<Bind> binds;
  text_filter(f, "t.indicator", "t.evidence", sql, binds);
  if (f.year > 0) {
    sql += " AND t.target_year = ?";
    binds.emplace_back(int64_t{f.year});
  }
  document_filters(f, sql, binds);
  sql += " ORDER BY d.name, t.begin_byte, t.seq LIMIT ?";
  binds.emplace_back(bounded(f.limit));
  return rows(sql, binds);
}

Result<Json> Reader::deadlines(const TableFilter& f) {
  std::string sql =
      "SELECT x.id, x.document_id, d.name AS source, d.region, x.page, x.as_written, x.kind,"
      " x.start_date, x.end_date, x.precision, substr(x.context, 1, 200) AS context"
      " FROM deadlines x JOIN documents d ON d.id = x.document_id WHERE 1";
  std::vector<Bind> binds;
  text_filter(f, "x.as_written", "x.context", sql, binds);
  if (f.year > 0) {
    sql += " AND (substr(x.end_date, 1, 4) = ? OR substr(x.start_date, 1, 4) = ?)";
    binds.emplace_back(std::to_string(f.year));
    binds.emplace_back(std::to_string(f.year));
  }
  document_filters(f, sql, binds);
  sql += " ORDER BY x.end_date, d.name, x.seq LIMIT ?";
  binds.emplace_back(bounded(f.limit));
  return rows(sql, binds);
}

}  // namespace policydb::store
