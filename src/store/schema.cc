// The schema and its migrations. PRAGMA user_version holds the version;
// migrate() applies each missing step in its own transaction, so a file is
// always at some complete version. Never edit a released step: add one.
//
// Column names avoid SQL keywords (byte offsets are begin_byte/end_byte),
// so stock tools can query every table without quoting.
//
// Full-text search (measured on a 50 MB synthetic database of corpus lines,
// 282k clauses, SQLite 3.40.1; see bench/store_bench.cc):
//   * clauses_fts, tasks_fts, documents_fts: FTS5 trigram tables over the
//     plain tables (external content), usable by the stock sqlite3 CLI. The
//     store indexes each document's rows when it stores them (step 3).
//     Trigram answers terms of ≥3 characters with bm25 ranking.
//   * Terms of 1–2 characters cannot be answered by trigram (and LIKE on a
//     trigram table returns nothing for 2 CJK characters on 3.40.1), so the
//     store answers them with instr() over the plain text column, restricted
//     to the rows matched by the query's longer terms when it has any.
//     Measured alternative: a contentless unicode61 FTS5 table holding
//     space-separated overlapping bigrams. It answers 审核 in 2 ms instead of
//     ~170 ms for a full instr() scan (rare terms; common terms stop at the
//     LIMIT in <1 ms), but costs +14 s of build per 50 MB (trigram alone:
//     17.5 s, plain rows 1.1 s) and +53 MB of file (trigram 63 MB, text
//     56 MB), on every document ever stored, and still cannot answer 1-char
//     terms. Writes dominate this tool's use, so instr() it is.
#include <string>
#include <vector>

#include "store/internal.h"

namespace policydb::store::internal {
namespace {

// Step N brings a database from user_version N-1 to N. One long function on
// purpose: it is the schema's history as a list of SQL literals, read top to
// bottom; splitting it would only scatter the steps.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {
      // 1: the first schema.
      R"sql(
CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  pipeline_version TEXT NOT NULL,
  rules_hash       TEXT NOT NULL,
  arguments        TEXT,
  seen             INTEGER,
  processed        INTEGER,
  skipped          INTEGER,
  ok               INTEGER,
  partial          INTEGER,
  failed           INTEGER
);

CREATE TABLE documents (
  id                 INTEGER PRIMARY KEY,
  source             TEXT NOT NULL UNIQUE,      -- path as given
  name               TEXT NOT NULL,             -- basename: `source` of exported records
  sha256             TEXT,
  bytes              INTEGER,
  format             TEXT,                      -- pdf | text | unknown
  encoding           TEXT,
  status             TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  stage              TEXT,
  message            TEXT,
  title              TEXT,
  doc_number         TEXT,
  issue_date         TEXT,                      -- ISO YYYY-MM-DD
  region             TEXT,
  issuers            TEXT NOT NULL DEFAULT '[]', -- JSON array of full names
  page_count         INTEGER,
  pages_without_text INTEGER,
  pipeline_version   TEXT,
  rules_hash         TEXT,
  run_id             INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  processed_at       TEXT,                      -- the run's start time (provenance only)
  seconds            REAL
);
CREATE INDEX documents_name ON documents(name);

CREATE TABLE pages (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  has_text    INTEGER NOT NULL,
  chars       INTEGER NOT NULL,                 -- code points of extracted text
  PRIMARY KEY (document_id, number)
) WITHOUT ROWID;

CREATE TABLE sections (
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_no    INTEGER NOT NULL,               -- outline::Section::id
  parent_no     INTEGER,
  depth         INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  number        TEXT,
  ordinal       INTEGER,
  title         TEXT,
  path          TEXT,
  begin_byte    INTEGER NOT NULL,
  end_byte      INTEGER NOT NULL,
  page_first    INTEGER,
  page_last     INTEGER,
  in_box        INTEGER NOT NULL,
  in_attachment INTEGER NOT NULL,
  PRIMARY KEY (document_id, section_no)
) WITHOUT ROWID;

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  task_no     INTEGER NOT NULL,                 -- outline::Task::id
  section_no  INTEGER,
  label       TEXT,
  path        TEXT,
  text        TEXT NOT NULL,                    -- full text, title and note included
  note        TEXT,
  time_limit  TEXT,
  page_first  INTEGER,
  page_last   INTEGER,
  begin_byte  INTEGER NOT NULL,
  end_byte    INTEGER NOT NULL,
  UNIQUE (document_id, task_no)
);

CREATE TABLE clauses (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  clause_no    INTEGER NOT NULL,                -- segment::Clause::id
  task_no      INTEGER,
  section_no   INTEGER,
  section_path TEXT,
  page         INTEGER,
  begin_byte   INTEGER NOT NULL,
  end_byte     INTEGER NOT NULL,
  in_table     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  UNIQUE (document_id, clause_no)
);
CREATE INDEX clauses_task ON clauses(document_id, task_no);

CREATE TABLE targets (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,               -- order found in the document
  task_no       INTEGER,
  clause_no     INTEGER,
  page          INTEGER,
  begin_byte    INTEGER,
  end_byte      INTEGER,
  indicator     TEXT,
  scope         TEXT,
  direction     TEXT,
  value         REAL,
  value_max     REAL,
  unit          TEXT,
  comparator    TEXT,
  baseline_year INTEGER,
  target_year   INTEGER,
  aspirational  INTEGER NOT NULL,
  evidence      TEXT,
  rule          TEXT
);
CREATE INDEX targets_document ON targets(document_id, seq);
CREATE INDEX targets_task ON targets(document_id, task_no);
CREATE INDEX targets_clause ON targets(document_id, clause_no);

CREATE TABLE deadlines (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  task_no     INTEGER,
  clause_no   INTEGER,
  page        INTEGER,
  begin_byte  INTEGER,
  end_byte    INTEGER,
  as_written  TEXT,
  kind        TEXT,
  start_date  TEXT,
  end_date    TEXT,
  precision   TEXT,
  context     TEXT,
  rule        TEXT
);
CREATE INDEX deadlines_document ON deadlines(document_id, seq);
CREATE INDEX deadlines_task ON deadlines(document_id, task_no);
CREATE INDEX deadlines_clause ON deadlines(document_id, clause_no);

-- One row per canonical name across all documents; aliases are the names
-- as written that resolved to it (JSON array, merged on every upsert).
CREATE TABLE departments (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  level   TEXT,
  region  TEXT,
  known   INTEGER NOT NULL DEFAULT 0,
  aliases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE assignments (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  task_no       INTEGER,
  department_id INTEGER REFERENCES departments(id),
  department    TEXT,                           -- canonical name (denormalised for readers)
  level         TEXT,
  region        TEXT,
  known         INTEGER NOT NULL,
  as_written    TEXT,
  role          TEXT,
  note          TEXT,
  page          INTEGER,
  begin_byte    INTEGER,
  end_byte      INTEGER,
  rule          TEXT
);
CREATE INDEX assignments_document ON assignments(document_id, seq);
CREATE INDEX assignments_task ON assignments(document_id, task_no);
CREATE INDEX assignments_department ON assignments(department_id, role);

-- Full-text indexes (external content; kept in step by triggers so that
-- every writer, including the stock sqlite3 CLI, keeps them consistent).
CREATE VIRTUAL TABLE clauses_fts USING fts5(
  text, content='clauses', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE tasks_fts USING fts5(
  text, content='tasks', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, content='documents', content_rowid='id', tokenize='trigram');

CREATE TRIGGER clauses_ai AFTER INSERT ON clauses BEGIN
  INSERT INTO clauses_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER clauses_ad AFTER DELETE ON clauses BEGIN
  INSERT INTO clauses_fts(clauses_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER clauses_au AFTER UPDATE OF text ON clauses BEGIN
  INSERT INTO clauses_fts(clauses_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO clauses_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER tasks_ai AFTER INSERT ON tasks BEGIN
  INSERT INTO tasks_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER tasks_ad AFTER DELETE ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER tasks_au AFTER UPDATE OF text ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO tasks_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title) VALUES (new.id, coalesce(new.title, ''));
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title)
    VALUES ('delete', old.id, coalesce(old.title, ''));
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title)
    VALUES ('delete', old.id, coalesce(old.title, ''));
  INSERT INTO documents_fts(rowid, title) VALUES (new.id, coalesce(new.title, ''));
END;

-- Views for dashboards: one row per fact, ISO dates, `source` is the file name.
CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.name AS source, d.source AS path, d.status, d.stage, d.message,
       d.title, d.doc_number, d.issue_date, d.region, d.issuers, d.format, d.page_count,
       d.pages_without_text, d.sha256,
       (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks,
       (SELECT count(*) FROM clauses c WHERE c.document_id = d.id) AS clauses,
       (SELECT count(*) FROM targets t WHERE t.document_id = d.id) AS targets,
       (SELECT count(*) FROM deadlines x WHERE x.document_id = d.id) AS deadlines,
       (SELECT count(*) FROM assignments a WHERE a.document_id = d.id) AS assignments,
       d.processed_at
FROM documents d
ORDER BY d.name, d.source;

CREATE VIEW v_targets AS
SELECT t.id AS target_id, d.name AS source, d.title, d.region AS document_region, d.issue_date,
       t.task_no, k.label AS task_label, k.path AS task_path, t.clause_no, t.page,
       t.indicator, t.scope, t.direction, t.value, t.value_max, t.unit, t.comparator,
       t.baseline_year, t.target_year, t.aspirational, t.evidence, t.rule
FROM targets t
JOIN documents d ON d.id = t.document_id
LEFT JOIN tasks k ON k.document_id = t.document_id AND k.task_no = t.task_no
ORDER BY d.name, d.source, t.begin_byte, t.seq;

CREATE VIEW v_deadlines AS
SELECT x.id AS deadline_id, d.name AS source, d.title, d.region AS document_region, d.issue_date,
       x.task_no, k.label AS task_label, k.path AS task_path, x.clause_no, x.page,
       x.as_written, x.kind, x.start_date, x.end_date, x.precision, x.context,
       k.text AS task_text, x.rule
FROM deadlines x
JOIN documents d ON d.id = x.document_id
LEFT JOIN tasks k ON k.document_id = x.document_id AND k.task_no = x.task_no
ORDER BY d.name, d.source, x.begin_byte, x.seq;

CREATE VIEW v_assignments AS
SELECT a.id AS assignment_id, d.name AS source, d.title, d.region AS document_region,
       d.issue_date, a.task_no, k.label AS task_label, k.path AS task_path,
       a.department, a.level, a.region, a.known, a.as_written, a.role, a.page,
       k.text AS task_text, a.note, a.rule
FROM assignments a
JOIN documents d ON d.id = a.document_id
LEFT JOIN tasks k ON k.document_id = a.document_id AND k.task_no = a.task_no
ORDER BY d.name, d.source, a.task_no, a.seq;

CREATE VIEW v_department_workload AS
WITH dt AS (
  SELECT DISTINCT department_id, document_id, task_no
  FROM assignments WHERE department_id IS NOT NULL AND task_no IS NOT NULL)
SELECT p.name AS department, p.level, p.region, p.known,
       (SELECT count(DISTINCT a.document_id || '/' || a.task_no) FROM assignments a
         WHERE a.department_id = p.id AND a.role = 'lead') AS tasks_led,
       (SELECT count(DISTINCT a.document_id || '/' || a.task_no) FROM assignments a
         WHERE a.department_id = p.id AND a.role = 'support') AS tasks_supported,
       (SELECT count(DISTINCT a.document_id || '/' || a.task_no) FROM assignments a
         WHERE a.department_id = p.id AND a.role = 'responsible') AS tasks_responsible,
       (SELECT count(DISTINCT a.document_id || '/' || a.task_no) FROM assignments a
         WHERE a.department_id = p.id AND a.role = 'implement') AS tasks_implemented,
       (SELECT count(*) FROM dt WHERE dt.department_id = p.id) AS tasks,
       (SELECT count(DISTINCT a.document_id) FROM assignments a
         WHERE a.department_id = p.id) AS documents,
       (SELECT count(*) FROM dt JOIN targets t
          ON t.document_id = dt.document_id AND t.task_no = dt.task_no
         WHERE dt.department_id = p.id) AS targets,
       (SELECT count(*) FROM dt JOIN deadlines x
          ON x.document_id = dt.document_id AND x.task_no = dt.task_no
         WHERE dt.department_id = p.id) AS deadlines
FROM departments p
WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.department_id = p.id)
ORDER BY p.name;
)sql",
      // 2: documents in export/search order (name, then path), so a search
      // without FTS terms walks documents in order and stops at its LIMIT.
      R"sql(
DROP INDEX documents_name;
CREATE INDEX documents_order ON documents(name, source);
)sql",
      // 3: the store feeds the full-text indexes itself, one INSERT … SELECT
      // per document and table. The AFTER INSERT triggers ran one FTS5 insert
      // per row, and FTS5 writes its pending terms to disk at every statement
      // savepoint, so each row became its own index segment: 3× the cost of
      // indexing the same rows in one statement (measured with the sqlite3
      // CLI on 14k clauses: 0.97 s against 0.33 s). The delete and update
      // triggers stay: other tools' edits keep the indexes consistent.
      // store_state holds 'search_index' = 'stale' while a bulk load
      // (ingest --defer-index) has rows the indexes do not hold yet.
      R"sql(
DROP TRIGGER clauses_ai;
DROP TRIGGER tasks_ai;
DROP TRIGGER documents_ai;
CREATE TABLE store_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql",
      // 4: drop the (document_id, seq) indexes of targets, deadlines and
      // assignments. Every query that reads them by document (exports,
      // search, ON DELETE CASCADE) is served as well by the (document_id,
      // task_no) index, and none orders by seq alone (targets and deadlines
      // export by begin_byte): each was one more B-tree insert per row for
      // nothing, 15 % of the writer's CPU on a TXT corpus.
      R"sql(
DROP INDEX targets_document;
DROP INDEX deadlines_document;
DROP INDEX assignments_document;
)sql",
      // 5: drop clauses_task. No query reads clauses by task: search and
      // export read a document's clauses in clause_no order and join
      // targets and deadlines on (document_id, clause_no), both served by
      // the UNIQUE (document_id, clause_no) index, as is ON DELETE CASCADE.
      // It was one more B-tree insert per clause, the most frequent row.
      R"sql(
DROP INDEX clauses_task;
)sql",
      // 6 (issue 18): a target's 属性 as an indicator table states it —
      // 约束性 (binding) or 预期性 (expected); NULL where none is stated.
      R"sql(
ALTER TABLE targets ADD COLUMN attribute TEXT;
)sql",
      // 7 (issue 19): a notice's validity as document fields (自…起施行 →
      // effective_date, 有效期至…/有效期N年 → valid_until, ISO dates) and
      // where each metadata field was read from (fields_source,
      // "title=page_header;issue_date=signature;…").
      R"sql(
ALTER TABLE documents ADD COLUMN effective_date TEXT;
ALTER TABLE documents ADD COLUMN valid_until TEXT;
ALTER TABLE documents ADD COLUMN fields_source TEXT;
)sql",
      // 8 (issue 20, ergonomics): a document is its content, not the path it
      // was reached by. document_paths lists every canonical (absolute,
      // symlinks resolved) path a document's bytes were found at; the store
      // finds a document to replace by SHA-256 first, then by path. The same
      // file reached as corpus/, ./corpus/ or /abs/corpus is one document; a
      // copy elsewhere adds a path; a moved file keeps its rows and records
      // its new path. Rows of earlier versions get their paths at the next
      // ingest (the `source` column still holds the path as given).
      R"sql(
CREATE TABLE document_paths (
  path        TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX document_paths_document ON document_paths(document_id);
CREATE INDEX documents_sha256 ON documents(sha256);
)sql",
      // 9 (issue 20, ergonomics): the full-text tables declared with
      // content="…" in double quotes: sqlite-utils and Datasette find a
      // table's index only by content="t" or content=[t], so `sqlite-utils
      // search policy.db clauses 清洁生产审核` said "not configured". The
      // tables are recreated (same columns, tokenizer and triggers) and
      // rebuilt from the plain tables, which also clears a stale mark.
      R"sql(
DROP TRIGGER clauses_ad;
DROP TRIGGER clauses_au;
DROP TRIGGER tasks_ad;
DROP TRIGGER tasks_au;
DROP TRIGGER documents_ad;
DROP TRIGGER documents_au;
DROP TABLE clauses_fts;
DROP TABLE tasks_fts;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE clauses_fts USING fts5(
  text, content="clauses", content_rowid="id", tokenize="trigram");
CREATE VIRTUAL TABLE tasks_fts USING fts5(
  text, content="tasks", content_rowid="id", tokenize="trigram");
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, content="documents", content_rowid="id", tokenize="trigram");
CREATE TRIGGER clauses_ad AFTER DELETE ON clauses BEGIN
  INSERT INTO clauses_fts(clauses_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER clauses_au AFTER UPDATE OF text ON clauses BEGIN
  INSERT INTO clauses_fts(clauses_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO clauses_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER tasks_ad AFTER DELETE ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER tasks_au AFTER UPDATE OF text ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO tasks_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title)
    VALUES ('delete', old.id, coalesce(old.title, ''));
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title)
    VALUES ('delete', old.id, coalesce(old.title, ''));
  INSERT INTO documents_fts(rowid, title) VALUES (new.id, coalesce(new.title, ''));
END;
INSERT INTO clauses_fts(clauses_fts) VALUES ('rebuild');
INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
DELETE FROM store_state WHERE key = 'search_index';
)sql",
      // 10 (issue 16, read every notice): a page may have been read by OCR
      // (scanned PDF pages); its mean word confidence, 0-100, NULL otherwise.
      R"sql(
ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN ocr_confidence REAL;
)sql",
      // 11 (issue 15, provenance to the byte): the normalised text that the
      // records' begin_byte/end_byte index, and how it maps back. `pieces`:
      // JSON [[begin, length, page, source, source_length], …], normalised
      // bytes [begin, begin+length) came from bytes [source,
      // source+source_length) of that page's text as read (equal lengths:
      // byte for byte; else one rewritten character). `file_runs` (TXT,
      // HTML; NULL for PDF and DOCX, whose page text is extracted): JSON
      // [[page, text, source], …], page text from offset `text` on was read
      // from file byte `source` on; `file_offsets` says how far a run maps:
      // 'exact' (UTF-8 text: byte for byte), 'at_or_before' (UTF-8 HTML:
      // markup, entities and white space only lengthen the file) or
      // 'run_start' (other charsets: only where a run starts). One row per
      // document, not one per run: a document is written in one insert.
      R"sql(
CREATE TABLE document_texts (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  pieces TEXT NOT NULL,
  file_runs TEXT,
  file_offsets TEXT
);
)sql",
      // 12 (issues 15/16, speed): each full-text table gathers up to 8 MB
      // of new index in memory before it writes a segment (SQLite's default
      // is 1 MB). A trigram index of Chinese text holds about one entry per
      // character, so with 1 MB a rebuild of 26 MB of notices wrote many
      // small segments and spent most of its time merging them: rebuilding
      // clauses_fts and tasks_fts took 4.2 s CPU, with 8 MB 1.8 s, for
      // ~10 MB more memory while the index is built. The setting is kept
      // in each table's _config row, so it holds for every later connection.
      R"sql(
INSERT INTO clauses_fts(clauses_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO tasks_fts(tasks_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO documents_fts(documents_fts, rank) VALUES ('hashsize', 8388608);
)sql",
  };
  return steps;
}

Result<int> user_version(sqlite3* db) {
  Stmt s(db, "PRAGMA user_version");
  if (!s.ok()) return Status::Error(s.error());
  if (s.step() != SQLITE_ROW) return db_error(db, "reading the schema version");
  int v = static_cast<int>(s.column_int(0));
  s.reset();
  return v;
}

}  // namespace

int schema_version() { return static_cast<int>(migrations().size()); }

Status migrate(sqlite3* db) {
  auto current = user_version(db);
  if (!current.ok()) return current.status();
  const int from = current.value();
  const int to = schema_version();
  if (from > to) {
    return Status::Error("database schema version " + std::to_string(from) +
                         " is newer than this policydb knows (" + std::to_string(to) +
                         "); use a newer policydb or a new database file");
  }
  for (int v = from + 1; v <= to; ++v) {
    if (auto st = exec(db, "BEGIN IMMEDIATE"); !st.ok()) return st;
    Status st = exec(db, migrations()[v - 1]);
    if (st.ok()) {
      // PRAGMA takes no bound parameters; v is this binary's own constant.
      const std::string set_version = "PRAGMA user_version = " + std::to_string(v);
      st = exec(db, set_version.c_str());
    }
    if (st.ok()) st = exec(db, "COMMIT");
    if (!st.ok()) {
      exec(db, "ROLLBACK");
      return Status::Error("migrating the schema to version " + std::to_string(v) + ": " +
                           st.message());
    }
  }
  return Status::Ok();
}

}  // namespace policydb::store::internal
