// Writing one document: one function per table, each binding the rows of
// one pipeline struct to its prepared statement (put_document in store.cc
// calls them in order inside the document's transaction or savepoint).
#include <nlohmann/json.hpp>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/text.h"
#include "store/internal.h"
#include "store/provenance.h"
#include "store/store.h"

namespace policydb::store {
namespace internal {
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

struct Item {
  Stmt* stmt;
  const char* sql;
};

Status prepare_all(sqlite3* db, std::initializer_list<Item> items) {
  for (const auto& item : items) {
    *item.stmt = Stmt(db, item.sql);
    if (!item.stmt->ok()) return Status::Error("preparing a statement: " + item.stmt->error());
  }
  return Status::Ok();
}

}  // namespace
}  // namespace internal

using internal::Stmt;

Status Database::Impl::prepare_put() {
  if (put_prepared) return Status::Ok();
  for (auto prepare : {&Impl::prepare_control, &Impl::prepare_inserts, &Impl::prepare_cascades})
    if (auto st = (this->*prepare)(); !st.ok()) return st;
  put_prepared = true;
  return Status::Ok();
}

// Transactions, document identity (paths.cc), runs and the search indexes.
Status Database::Impl::prepare_control() {
  return internal::prepare_all(db, {
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
      {&select_run, "SELECT started_at, pipeline_version, rules_hash FROM runs WHERE id = ?1"},
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
  });
}

// One insert per table a document's rows go to.
Status Database::Impl::prepare_inserts() {
  return internal::prepare_all(db, {
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
      {&insert_text,
       "INSERT INTO document_texts (document_id, text, pieces, file_runs, file_offsets)"
       " VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&insert_assignment,
       "INSERT INTO assignments (document_id, seq, task_no, department_id, department, level,"
       " region, known, as_written, role, note, page, begin_byte, end_byte, rule)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
  });
}

Status Database::Impl::prepare_cascades() {
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
  return Status::Ok();
}

// Provenance comes from the run row: its time, pipeline version and rules.
Status Database::Impl::use_run(int64_t id) {
  if (id == run_id && !run_started_at.empty()) return Status::Ok();
  auto& s = select_run;
  internal::ResetOnExit reset(s);
  s.integer(1, id);
  if (s.step() != SQLITE_ROW) return Status::Error("run " + std::to_string(id) + " does not exist");
  run_id = id;
  run_started_at = s.column_text(0);
  run.pipeline_version = s.column_text(1);
  run.rules_hash = s.column_text(2);
  return Status::Ok();
}

// Replacing a document: the one with the same bytes, else the one that
// held this path (see paths.cc). Its rows go first, by put_document
// itself (a batch runs without foreign keys, so no cascade would delete
// them); the paths it is still found at carry over.
Status Database::Impl::replace_previous(const pipeline::DocumentResult& r,
                                        std::vector<std::string>& doc_paths) {
  const std::string path = internal::canonical_path(r.source);
  const std::optional<int64_t> replaced = document_by_sha(r.raw.sha256);
  if (auto st = release_path(path, r.source, replaced); !st.ok()) return st;
  doc_paths = {path};
  if (!replaced) return Status::Ok();
  for (auto& p : paths_of(*replaced)) {
    std::error_code ec;
    if (p != path && std::filesystem::exists(p, ec)) doc_paths.push_back(std::move(p));
  }
  return delete_document_rows(*replaced);
}

Status Database::Impl::put_document_row(const pipeline::DocumentResult& r, int64_t run,
                                        int64_t& doc) {
  const auto& raw = r.raw;
  const auto& meta = r.meta;
  nlohmann::json issuers = nlohmann::json::array();
  for (const auto& i : meta.issuers)
    if (!i.empty()) issuers.push_back(i);
  const std::string status = ingest::status_name(r.status);
  auto& s = insert_document;
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
      .text(17, this->run.pipeline_version)
      .text(18, this->run.rules_hash)
      .integer(19, run)
      .text(20, run_started_at)
      .real(21, r.seconds)
      .opt_text(22, meta.effective_date)
      .opt_text(23, meta.valid_until)
      .opt_text(24, meta.fields_source.joined());
  if (auto st = s.run(); !st.ok()) return st;
  doc = sqlite3_last_insert_rowid(db);
  return Status::Ok();
}

Status Database::Impl::put_pages(int64_t doc, const ingest::RawDocument& raw) {
  for (const auto& p : raw.pages) {
    insert_page.integer(1, doc)
        .integer(2, p.number)
        .integer(3, p.has_text ? 1 : 0)
        .integer(4, static_cast<int64_t>(text::length(p.text)))
        .integer(5, p.ocr ? 1 : 0)
        .opt_real(6, p.ocr ? std::optional<double>(p.ocr_confidence) : std::nullopt);
    if (auto st = insert_page.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status Database::Impl::put_sections(int64_t doc, const outline::Outline& outline,
                                    const std::vector<std::string>& paths) {
  for (size_t i = 0; i < outline.sections.size(); ++i) {
    const auto& s = outline.sections[i];
    insert_section.integer(1, doc)
        .integer(2, s.id)
        .opt_index(3, s.parent)
        .integer(4, s.depth)
        .kept_text(5, outline::kind_name(s.kind))
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
    if (auto st = insert_section.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status Database::Impl::put_tasks(int64_t doc, const outline::Outline& outline) {
  for (const auto& t : outline.tasks) {
    insert_task.integer(1, doc)
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
    if (auto st = insert_task.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status Database::Impl::put_clauses(int64_t doc, const std::vector<segment::Clause>& clauses,
                                   const std::vector<std::string>& paths) {
  for (const auto& c : clauses) {
    const bool known_section = c.section >= 0 && static_cast<size_t>(c.section) < paths.size();
    insert_clause.integer(1, doc)
        .integer(2, c.id)
        .opt_index(3, c.task)
        .opt_index(4, c.section)
        .opt_kept_text(5, known_section ? std::string_view(paths[c.section]) : std::string_view())
        .integer(6, c.page)
        .integer(7, static_cast<int64_t>(c.begin))
        .integer(8, static_cast<int64_t>(c.end))
        .integer(9, c.in_table ? 1 : 0)
        .kept_text(10, c.text);
    if (auto st = insert_clause.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

namespace {

// Columns 1–7 that targets and deadlines share: the document, the record's
// seq, its task and clause, page and byte span.
template <typename Record>
internal::Stmt& bind_located(internal::Stmt& s, int64_t doc, size_t seq, const Record& r) {
  return s.integer(1, doc)
      .integer(2, static_cast<int64_t>(seq))
      .opt_index(3, r.task)
      .opt_index(4, r.clause)
      .integer(5, r.page)
      .integer(6, static_cast<int64_t>(r.begin))
      .integer(7, static_cast<int64_t>(r.end));
}

}  // namespace

Status Database::Impl::put_targets(int64_t doc, const std::vector<extract::Target>& targets) {
  for (size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    bind_located(insert_target, doc, i, t)
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
    if (auto st = insert_target.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status Database::Impl::put_deadlines(int64_t doc, const std::vector<extract::Deadline>& deadlines) {
  for (size_t i = 0; i < deadlines.size(); ++i) {
    const auto& d = deadlines[i];
    bind_located(insert_deadline, doc, i, d)
        .opt_kept_text(8, d.as_written)
        .opt_kept_text(9, extract::name(d.kind))
        .opt_kept_text(10, d.start_date)
        .opt_kept_text(11, d.end_date)
        .opt_kept_text(12, extract::name(d.precision))
        .opt_kept_text(13, d.context)
        .opt_kept_text(14, d.rule);
    if (auto st = insert_deadline.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

// The departments row of an assignment (upserted once per transaction and
// tuple); nullopt for an assignment without a name.
Result<std::optional<int64_t>> Database::Impl::department_id(const extract::Assignment& a,
                                                             const std::string& name) {
  if (name.empty()) return std::optional<int64_t>();
  const auto& dep = a.department;
  std::string key;
  key.append(name).append(1, '\x1f').append(a.as_written).append(1, '\x1f');
  key.append(extract::name(dep.level)).append(1, '\x1f').append(dep.region).append(dep.known ? "\x1f" "1" : "\x1f" "0");
  if (auto it = department_ids.find(key); it != department_ids.end())
    return std::optional<int64_t>(it->second);
  auto& s = upsert_department;
  internal::ResetOnExit reset(s);
  s.kept_text(1, name)
      .opt_kept_text(2, extract::name(dep.level))
      .opt_kept_text(3, dep.region)
      .integer(4, dep.known ? 1 : 0)
      .opt_kept_text(5, a.as_written);
  if (s.step() != SQLITE_ROW) return internal::db_error(db, "department " + name);
  const int64_t id = s.column_int(0);
  department_ids.emplace(std::move(key), id);
  return std::optional<int64_t>(id);
}

Status Database::Impl::put_assignments(int64_t doc,
                                       const std::vector<extract::Assignment>& assignments) {
  for (size_t i = 0; i < assignments.size(); ++i) {
    const auto& a = assignments[i];
    const auto& dep = a.department;
    // A department without a canonical name is keyed by what was written.
    const std::string& name = dep.canonical.empty() ? a.as_written : dep.canonical;
    auto department = department_id(a, name);
    if (!department.ok()) return department.status();
    auto& s = insert_assignment;
    s.integer(1, doc).integer(2, static_cast<int64_t>(i)).opt_index(3, a.task);
    if (department.value()) s.integer(4, *department.value()); else s.null(4);
    s.opt_kept_text(5, name)
        .opt_kept_text(6, extract::name(dep.level))
        .opt_kept_text(7, dep.region)
        .integer(8, dep.known ? 1 : 0)
        .opt_kept_text(9, a.as_written)
        .opt_kept_text(10, extract::name(a.role))
        .opt_kept_text(11, a.note)
        .integer(12, a.page)
        .integer(13, static_cast<int64_t>(a.begin))
        .integer(14, static_cast<int64_t>(a.end))
        .opt_kept_text(15, a.rule);
    if (auto st = s.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

// Provenance (schema step 11): the text the records' offsets index.
Status Database::Impl::put_text(int64_t doc, const pipeline::DocumentResult& r) {
  if (r.text.text.empty()) return Status::Ok();
  const auto stored = provenance::encode(r.raw, r.text);
  insert_text.integer(1, doc)
      .kept_text(2, r.text.text)
      .kept_text(3, stored.pieces)
      .opt_kept_text(4, stored.file_runs)
      .opt_kept_text(5, provenance::name(stored.file_offsets));
  return insert_text.run();
}

// Every row of the document, table by table.
Status Database::Impl::put_rows(const pipeline::DocumentResult& r, int64_t run, int64_t& doc) {
  std::vector<std::string> doc_paths;
  if (auto st = replace_previous(r, doc_paths); !st.ok()) return st;
  if (auto st = put_document_row(r, run, doc); !st.ok()) return st;
  for (const auto& p : doc_paths)
    if (auto st = link_path(doc, p); !st.ok()) return st;
  const auto paths = internal::section_paths(r.outline);
  const auto& rec = r.records;
  if (auto st = put_pages(doc, r.raw); !st.ok()) return st;
  if (auto st = put_sections(doc, r.outline, paths); !st.ok()) return st;
  if (auto st = put_tasks(doc, r.outline); !st.ok()) return st;
  if (auto st = put_clauses(doc, r.clauses, paths); !st.ok()) return st;
  if (auto st = put_targets(doc, rec.targets); !st.ok()) return st;
  if (auto st = put_deadlines(doc, rec.deadlines); !st.ok()) return st;
  if (auto st = put_assignments(doc, rec.assignments); !st.ok()) return st;
  return put_text(doc, r);
}

}  // namespace policydb::store
