// Store: the SQLite database that is the record of every document. The only
// user of sqlite3.h. Schema versioned by PRAGMA user_version and migrated
// in code; WAL; one transaction per document or per batch of whole
// documents; every statement bound.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "pipeline/pipeline.h"

namespace policydb::store {

struct RunInfo {
  std::string pipeline_version;  // POLICYDB_PIPELINE_VERSION
  std::string rules_hash;        // rules::RuleSet::hash()
  std::string arguments;         // command line, for the record
};

struct RunCounts {
  int seen = 0, processed = 0, skipped = 0;  // skipped: unchanged since the last run
  int ok = 0, partial = 0, failed = 0;
};

enum class ExportFormat { kJsonl, kCsv };

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonl;
  std::string type;  // "" = all contract records; document|target|deadline|assignment|task|clause; or a view v_*
};

// Every term must occur in the searched text: the clause (clause, target,
// deadline) or the task (assignment). Terms are separated by spaces; a
// "quoted phrase" (ASCII quotes or “…”) is one term and may hold spaces.
struct SearchQuery {
  std::string text;                 // terms (all must match) and "quoted phrases"; may be empty
  std::string type = "clause";      // clause | target | assignment | deadline
  std::string department;           // part of a canonical name or of the name as written
  extract::Role role = extract::Role::kNone;  // kNone = any
  std::string region;               // part of the document's region
  std::string doc;                  // a path, or part of the file name or the title
  int year = 0;                     // 0 = any; target: target_year; deadline: start/end
                                    // year; clause/assignment: the document's issue year
  int limit = 20;
  bool details = true;              // false: hits without departments and record_json
                                    // (cheaper, for counting; issue 21)
  int offset = 0;                   // hits skipped (paging: --offset)
};

struct SearchHit {
  std::string source, title, section, snippet;  // source = file name; snippet marks hits 【】
  int page = 0;
  double score = 0;                 // lower is better: bm25, or minus the short terms' count
  std::vector<std::string> departments;  // canonical names assigned to the hit's task
  std::string record_json;          // the matched record for --type target|assignment|deadline
  // Where the hit is, for `serve`'s facets and links (issue 21).
  int64_t document_id = 0, record_id = 0, task_no = -1;  // task_no -1: none
  std::string region, issue_date;
};

// One stored document, for `policydb show`: metadata, the canonical paths
// its bytes were found at, the outline, and every record as export JSON.
struct DocumentView {
  std::string source, name, status, stage, message, title, doc_number, issue_date, region,
      issuers_json, format, sha256;
  std::string fields_source;                 // where each field was read: "title=title_line;…"
  std::string effective_date, valid_until;   // validity stated in the notice, ISO; empty if none
  int page_count = 0;
  std::vector<std::string> paths;
  struct Section {
    int depth = 0;
    std::string kind, number, title;
    int page_first = 0, page_last = 0;
    int tasks = 0, clauses = 0;  // directly in this section
  };
  std::vector<Section> sections;  // in document order
  std::vector<std::string> targets, assignments, deadlines;  // export records (JSON)
  std::vector<int64_t> target_ids, assignment_ids, deadline_ids;  // their seq (see RecordSource)
};

// One record and where it came from, for `policydb show --record` (issue
// 15): its span of the normalised text (stored per document), of the page
// text as read and, for TXT and HTML, of the original file's bytes.
struct RecordSource {
  std::string kind;  // task | clause | section | target | deadline | assignment
  int64_t id = 0;    // task_no, clause_no, section_no, or seq (targets, deadlines, assignments)
  std::string record_json;           // the export record (sections: none)
  size_t begin = 0, end = 0;         // in the normalised text
  std::string span_of;               // "task:N" when the record has no span of its own
  std::string text, before, after;   // the span and up to 80 bytes of context either side
  int page_first = 1, page_last = 1;
  size_t page_begin = 0, page_end = 0;  // in page_first's / page_last's text as read
  bool has_file_span = false;           // TXT and HTML only
  size_t file_begin = 0, file_end = 0;  // bytes of the original file
  std::string file_offsets;             // exact | at_or_before | run_start (schema step 11)
  std::string encoding;                 // of the original file
};

// One SQLite connection. Not thread-safe: use a Database from one thread
// at a time (the connection is opened without SQLite's per-call mutex).
class Database {
 public:
  // Opens or creates the file, sets WAL and synchronous=NORMAL, migrates the
  // schema to the current version. Fails if the file is not a database or
  // is of a newer schema than this binary knows.
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  // Opens an existing database read-only, without migrating: fails unless
  // its schema is the current one. For `policydb serve` (issue 21).
  static Result<std::unique_ptr<Database>> open_read_only(const std::string& path);
  ~Database();

  // True when a document with these bytes (sha256) was processed by the
  // same pipeline version and rules hash, whatever its path: nothing to do
  // but record_path().
  bool is_current(const std::string& source, const std::string& sha256, const RunInfo& run);
  // The document with these bytes is (also) at `source`: adds its canonical
  // path, drops paths the file is no longer at (moved), and makes `source`
  // its source if the old one is gone. A no-op when nothing changed.
  Status record_path(const std::string& source, const std::string& sha256);
  // Every canonical path the document stored under `source` was found at.
  Result<std::vector<std::string>> document_paths(const std::string& source);

  Result<int64_t> begin_run(const RunInfo& run);
  // Replaces everything stored for the same bytes (sha256) or, failing
  // that, for the same path, in one transaction; records the path.
  Status put_document(const pipeline::DocumentResult& result, int64_t run_id);
  // Commits an open batch first.
  Status finish_run(int64_t run_id, const RunCounts& counts);

  // Bulk loading: between begin_batch() and commit_batch() documents share
  // one transaction (each still a savepoint, stored whole or not at all), so
  // the search index is flushed once per batch instead of once per
  // document. Until the commit, other connections see none of the batch; a
  // crash loses the batch's documents, which the next run processes again.
  Status begin_batch();
  Status commit_batch();
  bool in_batch() const;

  Status export_records(std::ostream& out, const ExportOptions& options);
  // Hits in rank order: title hits first, then bm25 (terms of ≥3
  // characters) or term frequency (shorter terms), then position. `total`,
  // when given, receives the number of hits without limit and offset.
  Result<std::vector<SearchHit>> search(const SearchQuery& query, int64_t* total = nullptr);

  // Bulk loading: with deferred indexing, put_document stores rows without
  // feeding the full-text indexes and marks them stale (in the database, so
  // an interrupted load is still known to be unindexed); the caller rebuilds
  // them once at the end, which costs what SQLite alone takes to index the
  // rows. Per-document indexing is the default.
  void set_deferred_indexing(bool deferred);
  // True while some stored rows are missing from the full-text indexes.
  bool search_index_stale();

  // Rebuilds the full-text indexes (clauses_fts, tasks_fts, documents_fts)
  // from the plain tables and clears the stale mark, e.g. after a deferred
  // load or after rows were inserted with other tools (inserts are indexed
  // by the store, not by triggers; deletes and updates are). Writers wait
  // for it; readers keep their snapshot.
  Status rebuild_search_index();

  // The stored source path of a document named by its path, its file name,
  // or a unique part of its file name; an error names the ambiguity.
  Result<std::string> find_source(const std::string& name);

  // The stored document whose source is `source` (see find_source).
  Result<DocumentView> document_view(const std::string& source);

  // Record `kind`:`id` of the stored document `source`, with its source.
  Result<RecordSource> record_source(const std::string& source, const std::string& kind,
                                     int64_t id);

  // Counts per record type for the end-of-run summary.
  Result<std::vector<std::pair<std::string, int64_t>>> record_counts();

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

 private:
  friend class Reader;  // store/browse.h: the read-only queries of `serve`
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace policydb::store
