// Opening and migrating the database, runs, and the frame of writing a
// document (the rows themselves: write.cc). One transaction per document: a
// crash leaves either the old rows of a document or the new ones, never a
// mixture. Every value is bound to a prepared statement that lives as long
// as the connection.
#include <algorithm>
#include <ctime>
#include <chrono>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/text.h"
#include "store/internal.h"
#include "store/provenance.h"
#include "store/store.h"

#include <filesystem>

namespace policydb::store {

using internal::Stmt;

Database::Impl::~Impl() {
  // Statements must be finalised before the connection closes.
  begin_tx = {}, commit_tx = {}, rollback_tx = {};
  savepoint = {}, release = {}, rollback_to = {};
  delete_document = {}, insert_document = {}, insert_page = {}, insert_section = {},
  insert_task = {}, insert_clause = {}, insert_target = {}, insert_deadline = {},
  upsert_department = {}, select_run = {}, insert_assignment = {}, insert_text = {},
  is_current = {};
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
  if (auto st = m.use_run(run_id); !st.ok()) return Status::Error(r.source + ": " + st.message());

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

  // The rows, one function per table (write.cc).
  int64_t doc = 0;
  if (auto st = m.put_rows(r, run_id, doc); !st.ok()) return fail(st);

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
