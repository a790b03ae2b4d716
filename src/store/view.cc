// One document as stored, for `policydb show` (issue 20 item 12): its
// metadata, paths, outline and records, read from the database alone.
#include <algorithm>
#include <string>
#include <vector>

#include "store/internal.h"
#include "store/provenance.h"
#include "store/store.h"

namespace policydb::store {

namespace {
using internal::Stmt;

// The record on `s`'s current row as its export JSON, one line.
std::string record_json(Stmt& s) {
  return internal::row_to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The documents row; its id.
Result<int64_t> read_document_row(sqlite3* db, const std::string& source, DocumentView& v) {
  Stmt s(db,
         "SELECT id, source, name, status, coalesce(stage, ''), coalesce(message, ''),"
         " coalesce(title, ''), coalesce(doc_number, ''), coalesce(issue_date, ''),"
         " coalesce(region, ''), issuers, coalesce(format, ''), coalesce(page_count, 0),"
         " coalesce(sha256, ''), coalesce(fields_source, ''), coalesce(effective_date, ''),"
         " coalesce(valid_until, '') FROM documents WHERE source = ?1");
  if (!s.ok()) return Status::Error(s.error());
  s.text(1, source);
  if (s.step() != SQLITE_ROW) return Status::Error("no document " + source);
  v.source = s.column_text(1);
  v.name = s.column_text(2);
  v.status = s.column_text(3);
  v.stage = s.column_text(4);
  v.message = s.column_text(5);
  v.title = s.column_text(6);
  v.doc_number = s.column_text(7);
  v.issue_date = s.column_text(8);
  v.region = s.column_text(9);
  v.issuers_json = s.column_text(10);
  v.format = s.column_text(11);
  v.page_count = static_cast<int>(s.column_int(12));
  v.sha256 = s.column_text(13);
  v.fields_source = s.column_text(14);
  v.effective_date = s.column_text(15);
  v.valid_until = s.column_text(16);
  return s.column_int(0);
}

Status read_paths(sqlite3* db, int64_t id, DocumentView& v) {
  Stmt s(db, "SELECT path FROM document_paths WHERE document_id = ?1 ORDER BY path");
  if (!s.ok()) return Status::Error(s.error());
  s.integer(1, id);
  while (s.step() == SQLITE_ROW) v.paths.push_back(s.column_text(0));
  return Status::Ok();
}

// The outline: every section with its task and clause counts.
Status read_sections(sqlite3* db, int64_t id, DocumentView& v) {
  Stmt s(db,
         "SELECT s.depth, s.kind, coalesce(s.number, ''), coalesce(s.title, ''), s.page_first,"
         " s.page_last,"
         " (SELECT count(*) FROM tasks t WHERE t.document_id = s.document_id"
         "   AND t.section_no = s.section_no),"
         " (SELECT count(*) FROM clauses c WHERE c.document_id = s.document_id"
         "   AND c.section_no = s.section_no)"
         " FROM sections s WHERE s.document_id = ?1 ORDER BY s.begin_byte, s.section_no");
  if (!s.ok()) return Status::Error(s.error());
  s.integer(1, id);
  while (s.step() == SQLITE_ROW) {
    v.sections.push_back({static_cast<int>(s.column_int(0)), s.column_text(1), s.column_text(2),
                          s.column_text(3), static_cast<int>(s.column_int(4)),
                          static_cast<int>(s.column_int(5)), static_cast<int>(s.column_int(6)),
                          static_cast<int>(s.column_int(7))});
  }
  return Status::Ok();
}

// Targets, assignments and deadlines as their export JSON, with their ids.
Status read_records(sqlite3* db, int64_t id, DocumentView& v) {
  struct Kind {
    const char* type;
    const char* ids;
    std::vector<std::string>* out;
    std::vector<int64_t>* seqs;
  } kinds[] = {
      {"target", "SELECT id, seq FROM targets WHERE document_id = ?1 ORDER BY begin_byte, seq",
       &v.targets, &v.target_ids},
      {"assignment",
       "SELECT id, seq FROM assignments WHERE document_id = ?1 ORDER BY task_no, seq",
       &v.assignments, &v.assignment_ids},
      {"deadline", "SELECT id, seq FROM deadlines WHERE document_id = ?1 ORDER BY begin_byte, seq",
       &v.deadlines, &v.deadline_ids},
  };
  for (const auto& k : kinds) {
    Stmt ids(db, k.ids);
    Stmt record(db, internal::record_sql_by_id(k.type));
    if (!ids.ok() || !record.ok()) return Status::Error(ids.ok() ? record.error() : ids.error());
    ids.integer(1, id);
    while (ids.step() == SQLITE_ROW) {
      internal::ResetOnExit reset(record);
      record.integer(1, ids.column_int(0));
      if (record.step() != SQLITE_ROW) continue;
      k.seqs->push_back(ids.column_int(1));
      k.out->push_back(record_json(record));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DocumentView> Database::document_view(const std::string& source) {
  sqlite3* db = impl_->db;
  DocumentView v;
  auto id = read_document_row(db, source, v);
  if (!id.ok()) return id.status();
  for (auto read : {read_paths, read_sections, read_records})
    if (auto st = read(db, id.value(), v); !st.ok()) return st;
  return v;
}

namespace {

// Tables of the records a span can be asked for, and their per-document id.
struct RecordTable {
  const char* kind;
  const char* select;  // ?1 document id, ?2 per-document id → id, begin_byte, end_byte, task_no
};
const RecordTable kRecordTables[] = {
    {"task", "SELECT id, begin_byte, end_byte, task_no FROM tasks WHERE document_id = ?1 AND task_no = ?2"},
    {"clause",
     "SELECT id, begin_byte, end_byte, task_no FROM clauses WHERE document_id = ?1 AND clause_no = ?2"},
    {"section",
     "SELECT id, begin_byte, end_byte, NULL FROM sections WHERE document_id = ?1 AND section_no = ?2"},
    {"target", "SELECT id, begin_byte, end_byte, task_no FROM targets WHERE document_id = ?1 AND seq = ?2"},
    {"deadline",
     "SELECT id, begin_byte, end_byte, task_no FROM deadlines WHERE document_id = ?1 AND seq = ?2"},
    {"assignment",
     "SELECT id, begin_byte, end_byte, task_no FROM assignments WHERE document_id = ?1 AND seq = ?2"},
};

// `n` bytes before/after `at`, cut on UTF-8 character boundaries.
size_t back_on_boundary(const std::string& s, size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
  return at;
}

const RecordTable* record_table(const std::string& kind) {
  for (const auto& t : kRecordTables)
    if (kind == t.kind) return &t;
  return nullptr;
}

// Columns 1 and 2 of `s` (begin_byte, end_byte) as a span inside `text`.
void set_span(RecordSource& out, Stmt& s, const std::string& text) {
  out.begin = std::min<size_t>(static_cast<size_t>(s.column_int(1)), text.size());
  out.end = std::clamp<size_t>(static_cast<size_t>(s.column_int(2)), out.begin, text.size());
}

// The span of the record, or of its task when it has none of its own (e.g.
// an assignment read from a 分工表 row's note).
Status find_span(sqlite3* db, const RecordTable& table, int64_t document, RecordSource& out,
                 const std::string& text, int64_t& row_id) {
  Stmt rec(db, table.select);
  if (!rec.ok()) return Status::Error(rec.error());
  rec.integer(1, document).integer(2, out.id);
  if (rec.step() != SQLITE_ROW) return Status::Error("no " + out.kind + ":" + std::to_string(out.id));
  row_id = rec.column_int(0);
  set_span(out, rec, text);
  if (out.end != out.begin || rec.is_null(3) || out.kind == "task") return Status::Ok();
  Stmt task(db, kRecordTables[0].select);
  if (!task.ok()) return Status::Error(task.error());
  task.integer(1, document).integer(2, rec.column_int(3));
  if (task.step() == SQLITE_ROW) {
    out.span_of = "task:" + std::to_string(rec.column_int(3));
    set_span(out, task, text);
  }
  return Status::Ok();
}

// The span's text and up to kContext bytes either side.
void cut_context(RecordSource& out, const std::string& text) {
  constexpr size_t kContext = 80;
  const size_t from = back_on_boundary(text, out.begin > kContext ? out.begin - kContext : 0);
  const size_t to = back_on_boundary(text, std::min(text.size(), out.end + kContext));
  out.before = text.substr(from, out.begin - from);
  out.text = text.substr(out.begin, out.end - out.begin);
  out.after = text.substr(out.end, to - out.end);
}

// Pages and original file bytes of the span, from the stored source map
// (`doc`'s columns 2, 4, 5, 6: bytes, pieces, file_runs, file_offsets).
bool locate_in_file(Stmt& doc, RecordSource& out) {
  const auto offsets = provenance::parse_file_offsets(doc.column_text(6));
  const auto map = provenance::decode(doc.column_text(4), doc.column_text(5), offsets,
                                      static_cast<size_t>(doc.column_int(2)));
  if (!map) return false;
  const auto span = provenance::locate(*map, out.begin, out.end);
  out.page_first = span.page_first;
  out.page_last = span.page_last;
  out.page_begin = span.page_begin;
  out.page_end = span.page_end;
  out.has_file_span = span.file_begin.has_value();
  out.file_begin = span.file_begin.value_or(0);
  out.file_end = span.file_end.value_or(0);
  out.file_offsets = provenance::name(map->file_offsets);
  return true;
}

}  // namespace

Result<RecordSource> Database::record_source(const std::string& source, const std::string& kind,
                                             int64_t id) {
  sqlite3* db = impl_->db;
  const RecordTable* table = record_table(kind);
  if (!table) return Status::Error("no record kind " + kind +
                                   " (task, clause, section, target, deadline, assignment)");
  RecordSource out;
  out.kind = kind;
  out.id = id;
  Stmt doc(db,
           "SELECT d.id, coalesce(d.encoding, ''), d.bytes, t.text, t.pieces,"
           " coalesce(t.file_runs, ''), coalesce(t.file_offsets, '')"
           " FROM documents d LEFT JOIN document_texts t ON t.document_id = d.id"
           " WHERE d.source = ?1");
  if (!doc.ok()) return Status::Error(doc.error());
  doc.text(1, source);
  if (doc.step() != SQLITE_ROW) return Status::Error("no document " + source);
  if (doc.is_null(3))
    return Status::Error(source + ": no stored text (stored before schema step 11, or no text); "
                         "ingest it again");
  out.encoding = doc.column_text(1);
  const std::string text = doc.column_text(3);
  int64_t row_id = 0;
  if (auto st = find_span(db, *table, doc.column_int(0), out, text, row_id); !st.ok())
    return Status::Error(source + ": " + st.message());
  if (kind != "section") {
    Stmt json(db, internal::record_sql_by_id(kind));
    if (!json.ok()) return Status::Error(json.error());
    json.integer(1, row_id);
    if (json.step() == SQLITE_ROW) out.record_json = record_json(json);
  }
  cut_context(out, text);
  if (!locate_in_file(doc, out)) return Status::Error(source + ": the stored source map is not readable");
  return out;
}

}  // namespace policydb::store
