// Internals of the store shared by its .cc files: a thin RAII layer over
// sqlite3_stmt and the Database::Impl that owns the connection and its
// prepared statements. Nothing outside src/store/ includes this header.
#pragma once

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace policydb::store::internal {

// A prepared statement. Values are only ever bound, never spliced into SQL.
// Prepared once (SQLITE_PREPARE_PERSISTENT) and reset after every use.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  const std::string& error() const { return error_; }

  // Binds by 1-based index; returns *this to chain.
  Stmt& null(int i);
  Stmt& integer(int i, int64_t v);
  Stmt& real(int i, double v);
  Stmt& text(int i, std::string_view v);      // always text, even if empty
  Stmt& opt_text(int i, std::string_view v);  // empty → NULL
  // As text/opt_text without SQLite's copy: v must stay alive and unchanged
  // until the statement is reset (run() and reset() do). For the bulk row
  // inserts, whose values live in the DocumentResult being stored.
  Stmt& kept_text(int i, std::string_view v);
  Stmt& opt_kept_text(int i, std::string_view v);
  Stmt& opt_real(int i, const std::optional<double>& v);
  Stmt& opt_int(int i, const std::optional<int>& v);
  Stmt& opt_index(int i, int v);  // negative → NULL (ids where -1 means none)

  // Steps once: SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  // Steps to completion (statements without rows), then resets.
  Status run();
  // Resets and clears bindings so the statement can be reused.
  void reset();

  bool is_null(int col) const;
  int64_t column_int(int col) const;
  double column_real(int col) const;
  std::string column_text(int col) const;
  int column_count() const;
  std::string column_name(int col) const;
  int column_type(int col) const;

  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string error_;
};

// Resets a statement when leaving scope, so an early return never leaves
// a read statement holding a snapshot open.
class ResetOnExit {
 public:
  explicit ResetOnExit(Stmt& s) : s_(s) {}
  ~ResetOnExit() { s_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Stmt& s_;
};

// Runs SQL that takes no values (DDL, PRAGMAs, BEGIN/COMMIT).
Status exec(sqlite3* db, const char* sql);

// Status for the last error on `db`, prefixed by what we were doing.
Status db_error(sqlite3* db, std::string_view what);

// The schema version this binary writes (PRAGMA user_version).
int schema_version();

// Brings the schema from its stored user_version up to schema_version(),
// one step per version, each in its own transaction. Fails on a newer schema.
Status migrate(sqlite3* db);

// The current row as a JSON object keyed by column name: NULL and empty
// text → null, REAL integral → integer, aspirational/known/in_table →
// bool, issuers parsed as a JSON array.
nlohmann::ordered_json row_to_json(const Stmt& s);

// SELECT of one export record ("target", "deadline", "assignment", "task",
// "clause", "document") by its row id (?1); empty for an unknown type.
std::string record_sql_by_id(std::string_view type);

// The absolute path with symbolic links and ./.. resolved (as far as the
// path exists): the key of document_paths.
std::string canonical_path(const std::string& path);

// The file name of a path ("/a/b.txt" → "b.txt"): a document's name.
std::string basename_of(const std::string& path);

// UTC time as ISO 8601 ("2026-11-22T05:36:00Z").
std::string utc_now();

}  // namespace policydb::store::internal

namespace policydb::store {

struct Database::Impl {
  sqlite3* db = nullptr;
  std::string path;

  // put_document's statements, prepared on first use and kept.
  bool put_prepared = false;
  internal::Stmt begin_tx, commit_tx, rollback_tx;
  // A document inside a batch transaction is its own savepoint.
  internal::Stmt savepoint, release, rollback_to;
  internal::Stmt delete_document, insert_document, insert_page, insert_section, insert_task,
      insert_clause, insert_target, insert_deadline, upsert_department, select_run,
      insert_assignment, insert_text;
  internal::Stmt is_current;
  // Document identity (paths.cc, schema step 6).
  internal::Stmt find_by_sha, find_holders, unlink_path, insert_path, select_paths, select_source,
      set_source;
  // DELETE FROM <record table> WHERE document_id = ?1, one per table that
  // references documents: a replaced document's rows, deleted by
  // put_document itself because a batch runs without foreign keys.
  std::vector<internal::Stmt> delete_records;
  // Feeding the search indexes, per document (see schema step 3).
  internal::Stmt index_clauses, index_tasks, index_document, mark_index_stale;
  bool indexing = true;  // false: set_deferred_indexing(true)
  // Documents of the open batch still to be indexed: indexed together at
  // commit, outside the documents' savepoints and in one statement per
  // index (FTS5 writes its pending terms to disk at every savepoint,
  // statement savepoints included, so per-document indexing would make one
  // index segment per document).
  std::vector<int64_t> unindexed;

  // Between begin_batch() and commit_batch() a transaction stays open.
  bool in_batch = false;

  // Departments upserted in the open transaction: (name, as written, level,
  // region, known) → id. Upserting the same tuple again changes nothing, so
  // the statement (a JSON scan of the aliases) is skipped. Cleared whenever
  // a transaction begins or rolls back, so other writers and undone rows
  // never leave a stale id.
  std::unordered_map<std::string, int64_t> department_ids;

  int64_t run_id = 0;
  std::string run_started_at;
  RunInfo run;

  ~Impl();
  // put_document's statements (write.cc): prepared once, in three groups.
  Status prepare_put();
  Status prepare_control();
  Status prepare_inserts();
  Status prepare_cascades();
  // The run whose provenance the next documents carry.
  Status use_run(int64_t id);

  // A document's rows, one function per table (write.cc); put_rows calls
  // them in order and sets `doc` to the new documents row.
  Status put_rows(const pipeline::DocumentResult& r, int64_t run, int64_t& doc);
  Status replace_previous(const pipeline::DocumentResult& r, std::vector<std::string>& doc_paths);
  Status put_document_row(const pipeline::DocumentResult& r, int64_t run, int64_t& doc);
  Status put_pages(int64_t doc, const ingest::RawDocument& raw);
  Status put_sections(int64_t doc, const outline::Outline& outline,
                      const std::vector<std::string>& paths);
  Status put_tasks(int64_t doc, const outline::Outline& outline);
  Status put_clauses(int64_t doc, const std::vector<segment::Clause>& clauses,
                     const std::vector<std::string>& paths);
  Status put_targets(int64_t doc, const std::vector<extract::Target>& targets);
  Status put_deadlines(int64_t doc, const std::vector<extract::Deadline>& deadlines);
  Status put_assignments(int64_t doc, const std::vector<extract::Assignment>& assignments);
  Result<std::optional<int64_t>> department_id(const extract::Assignment& a, const std::string& name);
  Status put_text(int64_t doc, const pipeline::DocumentResult& r);
  // Feeds stored documents' clauses, tasks and titles to the indexes, one
  // statement per index for all of them.
  Status index_documents(const std::vector<int64_t>& docs);

  // Document identity (paths.cc).
  std::optional<int64_t> document_by_sha(const std::string& sha);
  std::vector<std::string> paths_of(int64_t document);
  std::string source_of(int64_t document);
  // Deletes a document and every row that references it.
  Status delete_document_rows(int64_t document);
  // Takes `path` (canonical) and `source` (as given) away from every
  // document but `keep`: one left without a path on disk is deleted (its
  // file changed), another gets one of its remaining paths as source.
  Status release_path(const std::string& path, const std::string& source,
                      std::optional<int64_t> keep);
  Status link_path(int64_t document, const std::string& path);
};

}  // namespace policydb::store
