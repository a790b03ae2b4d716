// Opening, migrating and writing the database. One transaction per
// document: a crash leaves either the old rows of a document or the new
// ones, never a mixture. Every value is bound to a prepared statement that
// lives as long as the connection.
#include <algorithm>
#include <ctime>
#include <chrono>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/text.h"
#include "store/internal.h"
#include "store/store.h"

#include <filesystem>

namespace policydb::store {
namespace internal {

// ---- Stmt -------------------------------------------------------------------

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    error_ = std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql.substr(0, 120));
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(other.stmt_), db_(other.db_), error_(std::move(other.error_)) {
  other.stmt_ = nullptr;
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    error_ = std::move(other.error_);
    other.stmt_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Stmt& Stmt::integer(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::real(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::text(int i, std::string_view v) {
  // SQLITE_TRANSIENT: callers bind temporaries freely; the copy is cheap
  // next to the index work each row costs.
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::opt_text(int i, std::string_view v) { return v.empty() ? null(i) : text(i, v); }
Stmt& Stmt::kept_text(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::opt_kept_text(int i, std::string_view v) {
  return v.empty() ? null(i) : kept_text(i, v);
}
Stmt& Stmt::opt_real(int i, const std::optional<double>& v) {
  return v ? real(i, *v) : null(i);
}
Stmt& Stmt::opt_int(int i, const std::optional<int>& v) { return v ? integer(i, *v) : null(i); }
Stmt& Stmt::opt_index(int i, int v) { return v < 0 ? null(i) : integer(i, v); }

int Stmt::step() { return sqlite3_step(stmt_); }

Status Stmt::run() {
  int rc;
  while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
  }
  Status st = rc == SQLITE_DONE ? Status::Ok()
                                : Status::Error(std::string(sqlite3_errmsg(db_)) + " (" +
                                                sqlite3_sql(stmt_) + ")");
  reset();
  return st;
}

void Stmt::reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::column_real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::column_text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
int Stmt::column_count() const { return sqlite3_column_count(stmt_); }
std::string Stmt::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n ? n : "";
}
int Stmt::column_type(int col) const { return sqlite3_column_type(stmt_, col); }

// ---- helpers ----------------------------------------------------------------

Status exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return Status::Error(m);
  }
  return Status::Ok();
}

Status db_error(sqlite3* db, std::string_view what) {
  return Status::Error(std::string(what) + ": " + sqlite3_errmsg(db));
}

std::string utc_now() {
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

const char* format_name(ingest::Format f) {
  switch (f) {
    case ingest::Format::kPdf:
      return "pdf";
    case ingest::Format::kText:
      return "text";
    case ingest::Format::kHtml:
      return "html";
    case ingest::Format::kDocx:
      return "docx";
    case ingest::Format::kUnknown:
      break;
  }
  return "unknown";
}

const char* kind_name(outline::Kind k) {
  switch (k) {
    case outline::Kind::kRoot:
      return "root";
    case outline::Kind::kPart:
      return "part";
    case outline::Kind::kSection:
      return "section";
    case outline::Kind::kItem:
      return "item";
    case outline::Kind::kSubItem:
      return "subitem";
    case outline::Kind::kPoint:
      return "point";
    case outline::Kind::kBox:
      return "box";
    case outline::Kind::kAttachment:
      return "attachment";
    case outline::Kind::kHeading:
      return "heading";
    case outline::Kind::kChapter:
      return "chapter";
    case outline::Kind::kDivision:
      return "division";
    case outline::Kind::kArticle:
      return "article";
  }
  return "unknown";
}

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Section path as the outline writes task paths ("二/（一）/1."): the markers
// of the enclosing numbered sections, outermost first, the enumeration comma
// of 一、 dropped; unnumbered headings contribute their title. Computed from
// the plain section list so the store depends on outline's data only.
std::vector<std::string> section_paths(const outline::Outline& o) {
  std::vector<std::string> paths(o.sections.size());
  for (size_t i = 0; i < o.sections.size(); ++i) {
    const auto& s = o.sections[i];
    if (s.kind == outline::Kind::kRoot) continue;
    std::string part = s.number.empty() ? std::string(text::trim(s.title)) : s.number;
    const std::string comma = "、";
    if (part.size() > comma.size() && part.ends_with(comma)) part.resize(part.size() - comma.size());
    std::string parent;
    if (s.parent >= 0 && static_cast<size_t>(s.parent) < i) parent = paths[s.parent];
    paths[i] = parent.empty() ? part : part.empty() ? parent : parent + "/" + part;
  }
  return paths;
}

}  // namespace
}  // namespace internal

using internal::Stmt;

Database::Impl::~Impl() {
  // Statements must be finalised before the connection closes.
  begin_tx = {}, commit_tx = {}, rollback_tx = {};
  savepoint = {}, release = {}, rollback_to = {};
  delete_document = {}, insert_document = {}, insert_page = {}, insert_section = {},
  insert_task = {}, insert_clause = {}, insert_target = {}, insert_deadline = {},
  upsert_department = {}, select_run = {}, insert_assignment = {}, is_current = {};
  find_by_sha = {}, find_holders = {}, unlink_path = {}, insert_path = {}, select_paths = {},
  select_source = {}, set_source = {};
  index_clauses = {}, index_tasks = {}, index_document = {}, mark_index_stale = {};
  delete_records.clear();
  if (db) {
    // An unfinished batch is given up: its documents are not recorded, so
    // the next run processes them again.
    if (in_batch) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    // A clean close checkpoints the WAL so the file is self-contained.
    sqlite3_close_v2(db);
  }
}

Status Database::Impl::prepare_put() {
  if (put_prepared) return Status::Ok();
  struct Item {
    Stmt* stmt;
    const char* sql;
  };
  const Item items[] = {
      {&begin_tx, "BEGIN IMMEDIATE"},
      {&commit_tx, "COMMIT"},
      {&rollback_tx, "ROLLBACK"},
      {&savepoint, "SAVEPOINT document"},
      {&release, "RELEASE document"},
      {&rollback_to, "ROLLBACK TO document"},
      {&delete_document, "DELETE FROM documents WHERE id = ?1"},
      {&find_by_sha, "SELECT id FROM documents WHERE sha256 = ?1 ORDER BY id LIMIT 1"},
      {&find_holders,
       "SELECT id FROM documents WHERE source = ?2"
       " UNION SELECT document_id FROM document_paths WHERE path = ?1"},
      {&unlink_path, "DELETE FROM document_paths WHERE path = ?1 AND document_id = ?2"},
      {&insert_path, "INSERT OR REPLACE INTO document_paths (path, document_id) VALUES (?1, ?2)"},
      {&select_paths, "SELECT path FROM document_paths WHERE document_id = ?1 ORDER BY path"},
      {&select_source, "SELECT source FROM documents WHERE id = ?1"},
      {&set_source, "UPDATE documents SET source = ?2, name = ?3 WHERE id = ?1"},
      {&insert_document,
       "INSERT INTO documents (source, name, sha256, bytes, format, encoding, status, stage,"
       " message, title, doc_number, issue_date, region, issuers, page_count,"
       " pages_without_text, pipeline_version, rules_hash, run_id, processed_at, seconds,"
       " effective_date, valid_until, fields_source)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
       " ?18, ?19, ?20, ?21, ?22, ?23, ?24)"},
      {&insert_page,
       "INSERT INTO pages (document_id, number, has_text, chars, ocr, ocr_confidence)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&insert_section,
       "INSERT INTO sections (document_id, section_no, parent_no, depth, kind, number, ordinal,"
       " title, path, begin_byte, end_byte, page_first, page_last, in_box, in_attachment)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
      {&insert_task,
       "INSERT INTO tasks (document_id, task_no, section_no, label, path, text, note,"
       " time_limit, page_first, page_last, begin_byte, end_byte)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      {&insert_clause,
       "INSERT INTO clauses (document_id, clause_no, task_no, section_no, section_path, page,"
       " begin_byte, end_byte, in_table, text)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&insert_target,
       "INSERT INTO targets (document_id, seq, task_no, clause_no, page, begin_byte, end_byte,"
       " indicator, scope, direction, value, value_max, unit, comparator, baseline_year,"
       " target_year, aspirational, evidence, rule, attribute)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
       " ?18, ?19, ?20)"},
      {&insert_deadline,
       "INSERT INTO deadlines (document_id, seq, task_no, clause_no, page, begin_byte,"
       " end_byte, as_written, kind, start_date, end_date, precision, context, rule)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
      // Upsert by canonical name, merging the alias (as written) into the
      // JSON array when it is new, and keeping the first level/region seen.
      {&upsert_department,
       "INSERT INTO departments (name, level, region, known, aliases)"
       " VALUES (?1, ?2, ?3, ?4, CASE WHEN ?5 IS NULL THEN '[]' ELSE json_array(?5) END)"
       " ON CONFLICT (name) DO UPDATE SET"
       "  level = coalesce(departments.level, excluded.level),"
       "  region = coalesce(departments.region, excluded.region),"
       "  known = max(departments.known, excluded.known),"
       "  aliases = CASE WHEN ?5 IS NULL OR EXISTS (SELECT 1 FROM json_each(departments.aliases)"
       "      WHERE json_each.value = ?5) THEN departments.aliases"
       "    ELSE json_insert(departments.aliases, '$[#]', ?5) END"
       " RETURNING id"},
      {&select_run, "SELECT started_at, pipeline_version, rules_hash FROM runs WHERE id = ?1"},
      {&insert_assignment,
       "INSERT INTO assignments (document_id, seq, task_no, department_id, department, level,"
       " region, known, as_written, role, note, page, begin_byte, end_byte, rule)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
      // ?1: a JSON array of document ids. One statement for a whole batch:
      // FTS5 also flushes its pending terms at each statement's savepoint.
      {&index_clauses,
       "INSERT INTO clauses_fts(rowid, text) SELECT id, text FROM clauses"
       " WHERE document_id IN (SELECT value FROM json_each(?1)) ORDER BY id"},
      {&index_tasks,
       "INSERT INTO tasks_fts(rowid, text) SELECT id, text FROM tasks"
       " WHERE document_id IN (SELECT value FROM json_each(?1)) ORDER BY id"},
      {&index_document,
       "INSERT INTO documents_fts(rowid, title) SELECT id, coalesce(title, '') FROM documents"
       " WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id"},
      {&mark_index_stale,
       "INSERT OR REPLACE INTO store_state (key, value) VALUES ('search_index', 'stale')"},
  };
  for (const auto& item : items) {
    *item.stmt = Stmt(db, item.sql);
    if (!item.stmt->ok()) return Status::Error("preparing a statement: " + item.stmt->error());
  }
  // Every table whose rows a document's deletion cascades to, as the schema
  // declares it (a table added later is covered without a list to update).
  std::vector<std::pair<std::string, std::string>> cascades;  // table, column
  {
    Stmt q(db,
           "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
           " WHERE m.type = 'table' AND f.\"table\" = 'documents' AND f.on_delete = 'CASCADE'"
           " ORDER BY m.name");
    if (!q.ok()) return Status::Error("preparing a statement: " + q.error());
    while (q.step() == SQLITE_ROW) cascades.emplace_back(q.column_text(0), q.column_text(1));
  }
  for (const auto& [table, column] : cascades) {
    // Names come from the schema this file created, not from input.
    Stmt& s = delete_records.emplace_back(
        db, "DELETE FROM \"" + table + "\" WHERE \"" + column + "\" = ?1");
    if (!s.ok()) return Status::Error("preparing a statement: " + s.error());
  }
  put_prepared = true;
  return Status::Ok();
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  // No memory statistics: SQLite would take a global mutex on every
  // allocation to keep them. Only possible before SQLite initialises, so
  // once per process; if something initialised it earlier, the call is
  // refused and nothing changes.
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  // NOMUTEX: a Database is used by one thread at a time (ingest's writer
  // thread owns it), so the connection's own mutex, taken on every API
  // call, only costs time (~5 % of the writer's CPU).
  const int rc = sqlite3_open_v2(path.c_str(), &impl->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string m = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
    return Status::Error("cannot open database " + path + ": " + m);
  }
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, 10000);
  auto fail = [&](const Status& st) {
    return Status::Error("database " + path + ": " + st.message());
  };
  // The first read tells a database from any other file ("file is not a
  // database") before anything is written to it.
  {
    Stmt probe(impl->db, "SELECT count(*) FROM sqlite_schema");
    if (!probe.ok()) return fail(Status::Error(probe.error()));
    if (probe.step() != SQLITE_ROW) return fail(internal::db_error(impl->db, "reading"));
  }
  // A 32 MB page cache holds a batch's pages while it is written: with
  // 8 MB, pages evicted mid-batch were written and read back (45k preads
  // for a 10 MB TXT corpus, 25k now), and the writer thread took ~20 %
  // more CPU. It is emptied after every batch (commit_batch), so peak RSS
  // follows a batch, not the database.
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                             "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -32768",
                             "PRAGMA temp_store = MEMORY"}) {
    if (auto st = internal::exec(impl->db, pragma); !st.ok()) return fail(st);
  }
  if (auto st = internal::migrate(impl->db); !st.ok()) return fail(st);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

bool Database::is_current(const std::string& source, const std::string& sha256,
                          const RunInfo& run) {
  auto& s = impl_->is_current;
  if (!s.ok()) {
    s = Stmt(impl_->db,
             "SELECT 1 FROM documents WHERE sha256 = ?1"
             " AND pipeline_version = ?2 AND rules_hash = ?3");
    if (!s.ok()) {
      spdlog::warn("{}: cannot check whether it is current: {}", source, s.error());
      return false;
    }
  }
  internal::ResetOnExit reset(s);
  s.text(1, sha256).text(2, run.pipeline_version).text(3, run.rules_hash);
  return !sha256.empty() && s.step() == SQLITE_ROW;
}

Result<int64_t> Database::begin_run(const RunInfo& run) {
  Stmt s(impl_->db,
         "INSERT INTO runs (started_at, pipeline_version, rules_hash, arguments)"
         " VALUES (?1, ?2, ?3, ?4)");
  if (!s.ok()) return Status::Error(s.error());
  const std::string now = internal::utc_now();
  s.text(1, now).text(2, run.pipeline_version).text(3, run.rules_hash).opt_text(4, run.arguments);
  if (auto st = s.run(); !st.ok()) return Status::Error("recording the run: " + st.message());
  impl_->run_id = sqlite3_last_insert_rowid(impl_->db);
  impl_->run_started_at = now;
  impl_->run = run;
  return impl_->run_id;
}

Status Database::finish_run(int64_t run_id, const RunCounts& c) {
  if (auto st = commit_batch(); !st.ok()) return st;
  Stmt s(impl_->db,
         "UPDATE runs SET finished_at = ?1, seen = ?2, processed = ?3, skipped = ?4, ok = ?5,"
         " partial = ?6, failed = ?7 WHERE id = ?8");
  if (!s.ok()) return Status::Error(s.error());
  s.text(1, internal::utc_now())
      .integer(2, c.seen)
      .integer(3, c.processed)
      .integer(4, c.skipped)
      .integer(5, c.ok)
      .integer(6, c.partial)
      .integer(7, c.failed)
      .integer(8, run_id);
  if (auto st = s.run(); !st.ok()) return st;
  if (sqlite3_changes(impl_->db) != 1) {
    return Status::Error("finishing run " + std::to_string(run_id) + ": no such run");
  }
  // Fold the WAL back into the database so the file stands alone for
  // readers that copy it; failure here loses nothing.
  internal::exec(impl_->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  return Status::Ok();
}

Status Database::put_document(const pipeline::DocumentResult& r, int64_t run_id) {
  Impl& m = *impl_;
  if (r.source.empty()) return Status::Error("put_document: empty source");
  if (auto st = m.prepare_put(); !st.ok()) return st;

  // Provenance comes from the run row: its time, pipeline version and rules.
  if (run_id != m.run_id || m.run_started_at.empty()) {
      auto& s = m.select_run;
    internal::ResetOnExit reset(s);
    s.integer(1, run_id);
    if (s.step() != SQLITE_ROW) {
      return Status::Error(r.source + ": run " + std::to_string(run_id) + " does not exist");
    }
    m.run_id = run_id;
    m.run_started_at = s.column_text(0);
    m.run.pipeline_version = s.column_text(1);
    m.run.rules_hash = s.column_text(2);
  }

  // Alone, a document is one transaction; in a batch, one savepoint of the
  // batch's transaction. Either way it is stored whole or not at all.
  if (m.in_batch) {
    if (auto st = m.savepoint.run(); !st.ok()) return Status::Error(r.source + ": " + st.message());
  } else {
    if (auto st = m.begin_tx.run(); !st.ok()) return Status::Error(r.source + ": " + st.message());
    m.department_ids.clear();
  }
  auto fail = [&](const Status& st) {
    if (m.in_batch) {
      m.rollback_to.run();
      m.release.run();
    } else {
      m.rollback_tx.run();
    }
    m.department_ids.clear();
    return Status::Error(r.source + ": storing: " + st.message());
  };

  // Replacing a document: the one with the same bytes, else the one that
  // held this path (see paths.cc). Its rows go first, by put_document
  // itself (a batch runs without foreign keys, so no cascade would delete
  // them); the paths it is still found at carry over.
  const std::string path = internal::canonical_path(r.source);
  const std::optional<int64_t> replaced = m.document_by_sha(r.raw.sha256);
  if (auto st = m.release_path(path, r.source, replaced); !st.ok()) return fail(st);
  std::vector<std::string> doc_paths = {path};
  if (replaced) {
    for (auto& p : m.paths_of(*replaced)) {
      std::error_code ec;
      if (p != path && std::filesystem::exists(p, ec)) doc_paths.push_back(std::move(p));
    }
    if (auto st = m.delete_document_rows(*replaced); !st.ok()) return fail(st);
  }

  const auto& raw = r.raw;
  const auto& meta = r.meta;
  nlohmann::json issuers = nlohmann::json::array();
  for (const auto& i : meta.issuers)
    if (!i.empty()) issuers.push_back(i);
  const std::string status = ingest::status_name(r.status);
  {
    auto& s = m.insert_document;
    s.text(1, r.source)
        .text(2, r.name.empty() ? internal::basename_of(r.source) : r.name)
        .opt_text(3, raw.sha256)
        .integer(4, static_cast<int64_t>(raw.bytes))
        .text(5, internal::format_name(raw.format))
        .opt_text(6, raw.encoding)
        .text(7, status)
        .opt_text(8, r.stage)
        .opt_text(9, r.message)
        .opt_text(10, meta.title)
        .opt_text(11, meta.doc_number)
        .opt_text(12, meta.issue_date)
        .opt_text(13, meta.region)
        .text(14, issuers.dump())
        .integer(15, raw.page_count)
        .integer(16, raw.pages_without_text)
        .text(17, m.run.pipeline_version)
        .text(18, m.run.rules_hash)
        .integer(19, run_id)
        .text(20, m.run_started_at)
        .real(21, r.seconds)
        .opt_text(22, meta.effective_date)
        .opt_text(23, meta.valid_until)
        .opt_text(24, meta.fields_source);
    if (auto st = s.run(); !st.ok()) return fail(st);
  }
  const int64_t doc = sqlite3_last_insert_rowid(m.db);
  for (const auto& p : doc_paths)
    if (auto st = m.link_path(doc, p); !st.ok()) return fail(st);

  for (const auto& p : raw.pages) {
    m.insert_page.integer(1, doc)
        .integer(2, p.number)
        .integer(3, p.has_text ? 1 : 0)
        .integer(4, static_cast<int64_t>(text::length(p.text)))
        .integer(5, p.ocr ? 1 : 0)
        .opt_real(6, p.ocr ? std::optional<double>(p.ocr_confidence) : std::nullopt);
    if (auto st = m.insert_page.run(); !st.ok()) return fail(st);
  }

  const auto paths = internal::section_paths(r.outline);
  for (size_t i = 0; i < r.outline.sections.size(); ++i) {
    const auto& s = r.outline.sections[i];
    m.insert_section.integer(1, doc)
        .integer(2, s.id)
        .opt_index(3, s.parent)
        .integer(4, s.depth)
        .kept_text(5, internal::kind_name(s.kind))
        .opt_kept_text(6, s.number)
        .integer(7, s.ordinal)
        .opt_kept_text(8, s.title)
        .opt_kept_text(9, paths[i])
        .integer(10, static_cast<int64_t>(s.begin))
        .integer(11, static_cast<int64_t>(s.end))
        .integer(12, s.page_first)
        .integer(13, s.page_last)
        .integer(14, s.in_box ? 1 : 0)
        .integer(15, s.in_attachment ? 1 : 0);
    if (auto st = m.insert_section.run(); !st.ok()) return fail(st);
  }

  for (const auto& t : r.outline.tasks) {
    m.insert_task.integer(1, doc)
        .integer(2, t.id)
        .opt_index(3, t.section)
        .opt_kept_text(4, t.label)
        .opt_kept_text(5, t.path)
        .kept_text(6, t.text)
        .opt_kept_text(7, t.note)
        .opt_kept_text(8, t.time_limit)
        .integer(9, t.page_first)
        .integer(10, t.page_last)
        .integer(11, static_cast<int64_t>(t.begin))
        .integer(12, static_cast<int64_t>(t.end));
    if (auto st = m.insert_task.run(); !st.ok()) return fail(st);
  }

  for (const auto& c : r.clauses) {
    const bool known_section = c.section >= 0 && static_cast<size_t>(c.section) < paths.size();
    m.insert_clause.integer(1, doc)
        .integer(2, c.id)
        .opt_index(3, c.task)
        .opt_index(4, c.section)
        .opt_kept_text(5, known_section ? std::string_view(paths[c.section]) : std::string_view())
        .integer(6, c.page)
        .integer(7, static_cast<int64_t>(c.begin))
        .integer(8, static_cast<int64_t>(c.end))
        .integer(9, c.in_table ? 1 : 0)
        .kept_text(10, c.text);
    if (auto st = m.insert_clause.run(); !st.ok()) return fail(st);
  }

  const auto& rec = r.records;
  for (size_t i = 0; i < rec.targets.size(); ++i) {
    const auto& t = rec.targets[i];
    m.insert_target.integer(1, doc)
        .integer(2, static_cast<int64_t>(i))
        .opt_index(3, t.task)
        .opt_index(4, t.clause)
        .integer(5, t.page)
        .integer(6, static_cast<int64_t>(t.begin))
        .integer(7, static_cast<int64_t>(t.end))
        .opt_kept_text(8, t.indicator)
        .opt_kept_text(9, t.scope)
        .opt_kept_text(10, t.direction)
        .opt_real(11, t.value)
        .opt_real(12, t.value_max)
        .opt_kept_text(13, t.unit)
        .opt_kept_text(14, t.comparator)
        .opt_int(15, t.baseline_year)
        .opt_int(16, t.target_year)
        .integer(17, t.aspirational ? 1 : 0)
        .opt_kept_text(18, t.evidence)
        .opt_kept_text(19, t.rule)
        .opt_kept_text(20, t.attribute);
    if (auto st = m.insert_target.run(); !st.ok()) return fail(st);
  }

  for (size_t i = 0; i < rec.deadlines.size(); ++i) {
    const auto& d = rec.deadlines[i];
    m.insert_deadline.integer(1, doc)
        .integer(2, static_cast<int64_t>(i))
        .opt_index(3, d.task)
        .opt_index(4, d.clause)
        .integer(5, d.page)
        .integer(6, static_cast<int64_t>(d.begin))
        .integer(7, static_cast<int64_t>(d.end))
        .opt_kept_text(8, d.as_written)
        .opt_kept_text(9, d.kind)
        .opt_kept_text(10, d.start_date)
        .opt_kept_text(11, d.end_date)
        .opt_kept_text(12, d.precision)
        .opt_kept_text(13, d.context)
        .opt_kept_text(14, d.rule);
    if (auto st = m.insert_deadline.run(); !st.ok()) return fail(st);
  }

  for (size_t i = 0; i < rec.assignments.size(); ++i) {
    const auto& a = rec.assignments[i];
    const auto& dep = a.department;
    // A department without a canonical name is keyed by what was written.
    const std::string& name = dep.canonical.empty() ? a.as_written : dep.canonical;
    std::optional<int64_t> department_id;
    std::string key;
    if (!name.empty()) {
      key.append(name).append(1, '\x1f').append(a.as_written).append(1, '\x1f');
      key.append(dep.level).append(1, '\x1f').append(dep.region).append(dep.known ? "\x1f" "1" : "\x1f" "0");
      if (auto it = m.department_ids.find(key); it != m.department_ids.end())
        department_id = it->second;
    }
    if (!name.empty() && !department_id) {
      auto& s = m.upsert_department;
      internal::ResetOnExit reset(s);
      s.kept_text(1, name)
          .opt_kept_text(2, dep.level)
          .opt_kept_text(3, dep.region)
          .integer(4, dep.known ? 1 : 0)
          .opt_kept_text(5, a.as_written);
      if (s.step() != SQLITE_ROW) return fail(internal::db_error(m.db, "department " + name));
      department_id = s.column_int(0);
      m.department_ids.emplace(std::move(key), *department_id);
    }
    auto& s = m.insert_assignment;
    s.integer(1, doc).integer(2, static_cast<int64_t>(i)).opt_index(3, a.task);
    if (department_id) s.integer(4, *department_id); else s.null(4);
    s.opt_kept_text(5, name)
        .opt_kept_text(6, dep.level)
        .opt_kept_text(7, dep.region)
        .integer(8, dep.known ? 1 : 0)
        .opt_kept_text(9, a.as_written)
        .opt_kept_text(10, a.role)
        .opt_kept_text(11, a.note)
        .integer(12, a.page)
        .integer(13, static_cast<int64_t>(a.begin))
        .integer(14, static_cast<int64_t>(a.end))
        .opt_kept_text(15, a.rule);
    if (auto st = s.run(); !st.ok()) return fail(st);
  }

  // The document's rows enter the search indexes in one statement per
  // table; a deferred run marks the indexes stale instead (in the same
  // transaction, so the mark is there exactly when unindexed rows are).
  if (!m.indexing) {
    if (auto st = m.mark_index_stale.run(); !st.ok()) return fail(st);
  } else if (!m.in_batch) {
    if (auto st = m.index_documents({doc}); !st.ok()) return fail(st);
  }

  if (m.in_batch) {
    if (auto st = m.release.run(); !st.ok()) return fail(st);
    if (m.indexing) m.unindexed.push_back(doc);
  } else if (auto st = m.commit_tx.run(); !st.ok()) {
    return fail(st);
  }
  return Status::Ok();
}

Status Database::begin_batch() {
  Impl& m = *impl_;
  if (m.in_batch) return Status::Ok();
  if (auto st = m.prepare_put(); !st.ok()) return st;
  // No foreign keys while a batch is open: each record row's insert looked
  // up its document (and an assignment its department), ~11 % of the
  // writer's instructions, for ids put_document has just taken from rows it
  // inserted itself; it deletes a replaced document's rows itself too. The
  // pragma is a no-op inside a transaction, so it goes before BEGIN and
  // comes back after COMMIT or ROLLBACK (and recompiles the statements).
  if (auto st = internal::exec(m.db, "PRAGMA foreign_keys = OFF"); !st.ok())
    return Status::Error("starting a batch: " + st.message());
  if (auto st = m.begin_tx.run(); !st.ok()) {
    internal::exec(m.db, "PRAGMA foreign_keys = ON");
    return Status::Error("starting a batch: " + st.message());
  }
  m.in_batch = true;
  m.unindexed.clear();
  m.department_ids.clear();
  return Status::Ok();
}

Status Database::Impl::index_documents(const std::vector<int64_t>& docs) {
  if (docs.empty()) return Status::Ok();
  std::string ids = "[";
  for (int64_t d : docs) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(d);
  }
  ids += ']';
  for (Stmt* index : {&index_clauses, &index_tasks, &index_document}) {
    index->text(1, ids);
    if (auto st = index->run(); !st.ok()) return st;
  }
  return Status::Ok();
}

bool Database::in_batch() const { return impl_->in_batch; }

Status Database::commit_batch() {
  Impl& m = *impl_;
  if (!m.in_batch) return Status::Ok();
  m.in_batch = false;
  Status st = m.index_documents(m.unindexed);
  m.unindexed.clear();
  if (st.ok()) st = m.commit_tx.run();
  if (!st.ok()) m.rollback_tx.run();
  internal::exec(m.db, "PRAGMA foreign_keys = ON");
  if (!st.ok()) {
    m.department_ids.clear();
    return Status::Error("committing a batch: " + st.message());
  }
  // The page cache serves one batch; emptying it between batches keeps
  // peak memory at one batch's pages, whatever the database's size.
  sqlite3_db_release_memory(m.db);
  return Status::Ok();
}

void Database::set_deferred_indexing(bool deferred) { impl_->indexing = !deferred; }

bool Database::search_index_stale() {
  Stmt s(impl_->db, "SELECT 1 FROM store_state WHERE key = 'search_index' AND value = 'stale'");
  return s.ok() && s.step() == SQLITE_ROW;
}

Status Database::rebuild_search_index() {
  if (auto st = commit_batch(); !st.ok()) return st;
  sqlite3* db = impl_->db;
  if (auto st = internal::exec(db, "BEGIN IMMEDIATE"); !st.ok()) return st;
  for (const char* sql : {"INSERT INTO clauses_fts(clauses_fts) VALUES ('rebuild')",
                          "INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild')",
                          "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
                          "DELETE FROM store_state WHERE key = 'search_index'"}) {
    if (auto st = internal::exec(db, sql); !st.ok()) {
      internal::exec(db, "ROLLBACK");
      return Status::Error("rebuilding the search index: " + st.message());
    }
  }
  return internal::exec(db, "COMMIT");
}

Result<std::vector<std::pair<std::string, int64_t>>> Database::record_counts() {
  // Table names are constants of this file, not values.
  static const std::pair<const char*, const char*> kCounts[] = {
      {"documents", "SELECT count(*) FROM documents"},
      {"ok", "SELECT count(*) FROM documents WHERE status = 'ok'"},
      {"partial", "SELECT count(*) FROM documents WHERE status = 'partial'"},
      {"failed", "SELECT count(*) FROM documents WHERE status = 'failed'"},
      {"pages", "SELECT count(*) FROM pages"},
      {"tasks", "SELECT count(*) FROM tasks"},
      {"clauses", "SELECT count(*) FROM clauses"},
      {"targets", "SELECT count(*) FROM targets"},
      {"deadlines", "SELECT count(*) FROM deadlines"},
      {"assignments", "SELECT count(*) FROM assignments"},
      {"departments",
       "SELECT count(*) FROM departments p"
       " WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.department_id = p.id)"},
      // Names the gazetteer does not know: candidates for extending rules/departments/.
      {"unknown_departments",
       "SELECT count(*) FROM departments p WHERE p.known = 0"
       " AND EXISTS (SELECT 1 FROM assignments a WHERE a.department_id = p.id)"},
  };
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& [name, sql] : kCounts) {
    Stmt s(impl_->db, sql);
    if (!s.ok()) return Status::Error(s.error());
    if (s.step() != SQLITE_ROW) return internal::db_error(impl_->db, name);
    out.emplace_back(name, s.column_int(0));
  }
  return out;
}

Result<std::string> Database::find_source(const std::string& name) {
  // A path to a file whose bytes are stored, however it is spelled.
  {
    Stmt p(impl_->db,
           "SELECT d.source FROM document_paths p JOIN documents d ON d.id = p.document_id"
           " WHERE p.path = ?1");
    if (!p.ok()) return Status::Error(p.error());
    p.text(1, internal::canonical_path(name));
    if (p.step() == SQLITE_ROW) return p.column_text(0);
  }
  Stmt s(impl_->db,
         "SELECT source FROM documents WHERE source = ?1 OR name = ?1"
         " UNION SELECT source FROM documents WHERE instr(name, ?1) > 0 ORDER BY 1 LIMIT 3");
  if (!s.ok()) return Status::Error(s.error());
  s.text(1, name);
  std::vector<std::string> found;
  while (s.step() == SQLITE_ROW) found.push_back(s.column_text(0));
  if (found.empty()) return Status::Error("no document matches " + name);
  // An exact path or name wins over partial matches.
  for (const auto& f : found)
    if (f == name || std::filesystem::path(f).filename() == name) return f;
  if (found.size() > 1)
    return Status::Error("several documents match " + name + ": " + found[0] + ", " + found[1] +
                         (found.size() > 2 ? ", …" : ""));
  return found[0];
}

}  // namespace policydb::store
