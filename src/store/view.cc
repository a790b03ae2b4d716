// One document as stored, for `policydb show` (issue 20 item 12): its
// metadata, paths, outline and records, read from the database alone.
#include <string>
#include <vector>

#include "store/internal.h"
#include "store/store.h"

namespace policydb::store {

Result<DocumentView> Database::document_view(const std::string& source) {
  using internal::Stmt;
  sqlite3* db = impl_->db;
  DocumentView v;
  int64_t id = 0;
  {
    Stmt s(db,
           "SELECT id, source, name, status, coalesce(stage, ''), coalesce(message, ''),"
           " coalesce(title, ''), coalesce(doc_number, ''), coalesce(issue_date, ''),"
           " coalesce(region, ''), issuers, coalesce(format, ''), coalesce(page_count, 0),"
           " coalesce(sha256, ''), coalesce(fields_source, ''), coalesce(effective_date, ''),"
           " coalesce(valid_until, '') FROM documents WHERE source = ?1");
    if (!s.ok()) return Status::Error(s.error());
    s.text(1, source);
    if (s.step() != SQLITE_ROW) return Status::Error("no document " + source);
    id = s.column_int(0);
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
  }
  {
    Stmt s(db, "SELECT path FROM document_paths WHERE document_id = ?1 ORDER BY path");
    if (!s.ok()) return Status::Error(s.error());
    s.integer(1, id);
    while (s.step() == SQLITE_ROW) v.paths.push_back(s.column_text(0));
  }
  {
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
  }
  struct Kind {
    const char* type;
    const char* ids;
    std::vector<std::string>* out;
  } kinds[] = {
      {"target", "SELECT id FROM targets WHERE document_id = ?1 ORDER BY begin_byte, seq",
       &v.targets},
      {"assignment", "SELECT id FROM assignments WHERE document_id = ?1 ORDER BY task_no, seq",
       &v.assignments},
      {"deadline", "SELECT id FROM deadlines WHERE document_id = ?1 ORDER BY begin_byte, seq",
       &v.deadlines},
  };
  for (const auto& k : kinds) {
    Stmt ids(db, k.ids);
    Stmt record(db, internal::record_sql_by_id(k.type));
    if (!ids.ok() || !record.ok()) return Status::Error(ids.ok() ? record.error() : ids.error());
    ids.integer(1, id);
    while (ids.step() == SQLITE_ROW) {
      internal::ResetOnExit reset(record);
      record.integer(1, ids.column_int(0));
      if (record.step() == SQLITE_ROW)
        k.out->push_back(internal::row_to_json(record).dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
  return v;
}

}  // namespace policydb::store
