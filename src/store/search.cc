// Search: every term must occur (as a substring) in the clause, or for
// assignments in the task's text. Terms of ≥3 characters go to the trigram
// FTS5 index and rank by bm25; shorter terms are checked with instr() over
// the plain text (see schema.cc for why), on the FTS hits when there are
// any, and rank by how often they occur. Hits in a document whose title
// holds every term come first; ties go to the earliest occurrence. Queries
// are read like the text (full-width letters and digits as ASCII). The SQL
// is assembled from fixed fragments; every value is bound.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/text.h"
#include "store/browse.h"
#include "store/internal.h"
#include "store/store.h"

namespace policydb::store {
namespace internal {
namespace {
using internal::Stmt;

constexpr size_t kTrigram = 3;  // shortest term the trigram index answers

// Letters and digits typed full-width (ＣＯ２): normalize stores them as
// ASCII, so a query is read the same way.
bool is_fullwidth_alnum(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

// Splits a query into terms: runs of non-space text, or "quoted phrases"
// (ASCII quotes or “…”), which may contain spaces.
std::vector<std::string> parse_terms(std::string_view q) {
  std::vector<std::string> terms;
  std::string cur;
  bool quoted = false;
  auto flush = [&] {
    if (!cur.empty()) terms.push_back(cur);
    cur.clear();
  };
  size_t pos = 0;
  while (pos < q.size()) {
    const size_t start = pos;
    const char32_t cp = text::decode(q, pos);
    const bool quote = cp == U'"' || cp == U'\u201C' || cp == U'\u201D';
    if (quote) {
      flush();
      quoted = !quoted;
    } else if (!quoted && text::is_space(cp)) {
      flush();
    } else if (is_fullwidth_alnum(cp)) {
      text::append(cur, text::to_halfwidth(cp));
    } else {
      cur.append(q.substr(start, pos - start));
    }
  }
  flush();
  return terms;
}

// An FTS5 string literal: the whole term as one phrase (for trigram: one
// substring), inner double quotes doubled.
std::string fts_phrase(const std::string& term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Byte position `n` code points before/after `pos` in s.
size_t back_cp(std::string_view s, size_t pos, size_t n) {
  while (pos > 0 && n > 0) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    --n;
  }
  return pos;
}
size_t forward_cp(std::string_view s, size_t pos, size_t n) {
  while (pos < s.size() && n > 0) {
    text::decode(s, pos);
    --n;
  }
  return pos;
}

// A window of the text around the first hit, every hit inside it marked
// 【…】; "…" where the window cuts the text.
std::string make_snippet(std::string_view s, const std::vector<std::string>& terms,
                         size_t before = 24, size_t width = 96) {
  std::vector<std::pair<size_t, size_t>> hits;
  for (const auto& t : terms) {
    if (t.empty()) continue;
    for (size_t p = s.find(t); p != std::string_view::npos; p = s.find(t, p + t.size()))
      hits.emplace_back(p, p + t.size());
  }
  std::sort(hits.begin(), hits.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& h : hits) {
    if (!merged.empty() && h.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, h.second);
    } else {
      merged.push_back(h);
    }
  }
  const size_t first = merged.empty() ? 0 : merged.front().first;
  const size_t begin = back_cp(s, first, before);
  size_t end = forward_cp(s, begin, width);
  // Never cut a marked hit in two.
  for (const auto& h : merged)
    if (h.first < end && h.second > end) end = h.second;
  std::string out;
  if (begin > 0) out += "…";
  size_t pos = begin;
  for (const auto& [hb, he] : merged) {
    if (he <= begin || hb >= end) continue;
    const size_t b = std::max(hb, begin);
    out.append(s.substr(pos, b - pos));
    out += "【";
    out.append(s.substr(b, he - b));
    out += "】";
    pos = he;
  }
  out.append(s.substr(pos, end - pos));
  if (end < s.size()) out += "…";
  return out;
}

using Value = std::variant<std::string, int64_t>;

void bind_all(Stmt& s, const std::vector<Value>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    if (const auto* str = std::get_if<std::string>(&values[i])) {
      s.text(idx, *str);
    } else {
      s.integer(idx, std::get<int64_t>(values[i]));
    }
  }
}

// The filters of a query (department, role, region, year, document) as
// WHERE conditions over the aliases of Database::search's FROM clause.
// --year: a target's target year, a deadline's start or end year, a
// clause's or an assignment's document issue year.
void add_filters(const SearchQuery& q, std::string_view type, std::string& sql,
                 std::vector<Value>& binds) {
  const bool assignment = type == "assignment";
  const std::string task_col = assignment         ? "a.task_no"
                               : type == "target"   ? "t.task_no"
                               : type == "deadline" ? "x.task_no"
                                                    : "c.task_no";
  if (assignment) {
    if (!q.department.empty()) {
      sql += " AND (instr(a.department, ?) > 0 OR instr(a.as_written, ?) > 0)";
      binds.emplace_back(q.department);
      binds.emplace_back(q.department);
    }
    if (q.role != extract::Role::kNone) {
      sql += " AND a.role = ?";
      binds.emplace_back(extract::name(q.role));
    }
  } else if (!q.department.empty() || q.role != extract::Role::kNone) {
    sql += " AND EXISTS (SELECT 1 FROM assignments a2 WHERE a2.document_id = d.id"
           " AND a2.task_no = " + task_col;
    if (!q.department.empty()) {
      sql += " AND (instr(a2.department, ?) > 0 OR instr(a2.as_written, ?) > 0)";
      binds.emplace_back(q.department);
      binds.emplace_back(q.department);
    }
    if (q.role != extract::Role::kNone) {
      sql += " AND a2.role = ?";
      binds.emplace_back(extract::name(q.role));
    }
    sql += ")";
  }
  if (!q.region.empty()) {
    sql += " AND instr(d.region, ?) > 0";
    binds.emplace_back(q.region);
  }
  if (q.year > 0) {
    const std::string year = std::to_string(q.year);
    if (type == "target") {
      sql += " AND t.target_year = ?";
      binds.emplace_back(int64_t{q.year});
    } else if (type == "deadline") {
      sql += " AND (substr(x.end_date, 1, 4) = ? OR substr(x.start_date, 1, 4) = ?)";
      binds.emplace_back(year);
      binds.emplace_back(year);
    } else {
      sql += " AND substr(d.issue_date, 1, 4) = ?";
      binds.emplace_back(year);
    }
  }
  if (!q.doc.empty()) {
    // A file name, a path, part of a name, or part of the title.
    sql += " AND (d.source = ? OR instr(d.name, ?) > 0 OR instr(d.title, ?) > 0)";
    for (int i = 0; i < 3; ++i) binds.emplace_back(q.doc);
  }
}

// What a search type reads: the FTS table and the record it returns.
struct Spec {
  std::string_view type;
  const char* fts;      // FTS table over the searched text
  const char* from;     // base table (its id is the FTS rowid)
  const char* base;     // its alias
  const char* joins;    // the record table, joined to the base table
  const char* columns;  // record id, section, page, text, task_no, document_id
  const char* order;    // position within a document
};

const Spec* spec_of(std::string_view type) {
  static const Spec kSpecs[] = {
      {"clause", "clauses_fts", "clauses c", "c", "",
       "c.id, c.section_path, c.page, c.text, c.task_no, c.document_id", "c.clause_no"},
      {"target", "clauses_fts", "clauses c", "c",
       " JOIN targets t ON t.document_id = c.document_id AND t.clause_no = c.clause_no",
       "t.id, c.section_path, t.page, c.text, t.task_no, c.document_id",
       "t.begin_byte, t.seq"},
      {"deadline", "clauses_fts", "clauses c", "c",
       " JOIN deadlines x ON x.document_id = c.document_id AND x.clause_no = c.clause_no",
       "x.id, c.section_path, x.page, c.text, x.task_no, c.document_id",
       "x.begin_byte, x.seq"},
      {"assignment", "tasks_fts", "tasks k", "k",
       " JOIN assignments a ON a.document_id = k.document_id AND a.task_no = k.task_no",
       "a.id, k.path, a.page, k.text, a.task_no, k.document_id", "a.task_no, a.seq"},
  };
  const Spec* spec = nullptr;
  for (const auto& s : kSpecs)
    if (s.type == (type.empty() ? "clause" : type)) spec = &s;
  return spec;
}

// The query's terms: ≥3-character ones as one FTS MATCH expression, the
// shorter ones for instr().
struct Terms {
  std::vector<std::string> all, short_terms;
  std::string match;
};

Terms split_terms(const std::string& text) {
  Terms out;
  out.all = parse_terms(text);
  for (const auto& t : out.all) {
    if (text::length(t) >= kTrigram) {
      if (!out.match.empty()) out.match += " AND ";
      out.match += fts_phrase(t);
    } else {
      out.short_terms.push_back(t);
    }
  }
  return out;
}

// The FROM … WHERE part, shared by the page of hits and their total.
struct Selection {
  std::string from, where;
  std::vector<Value> binds;
};

Selection select_hits(const SearchQuery& q, const Spec& spec, const Terms& terms) {
  Selection out;
  std::string& from = out.from;
  if (!terms.match.empty()) {
    from += spec.fts;
    from += " JOIN ";
    from += spec.from;
    from += std::string(" ON ") + spec.base + ".id = " + spec.fts + ".rowid";
    from += spec.joins;
    from += std::string(" JOIN documents d ON d.id = ") + spec.base + ".document_id";
  } else {
    from += "documents d CROSS JOIN ";
    from += spec.from;
    from += std::string(" ON ") + spec.base + ".document_id = d.id";
    from += spec.joins;
  }
  out.where = " WHERE 1";
  if (!terms.match.empty()) {
    out.where += std::string(" AND ") + spec.fts + " MATCH ?";
    out.binds.emplace_back(terms.match);
  }
  const std::string text_col = std::string(spec.base) + ".text";
  for (const auto& t : terms.short_terms) {
    out.where += " AND instr(" + text_col + ", ?) > 0";
    out.binds.emplace_back(t);
  }
  add_filters(q, spec.type, out.where, out.binds);
  return out;
}

// Ranking: hits whose document title holds every term first; then bm25
// for ≥3-character terms, else how often the short terms occur (negated,
// so lower is better as with bm25); then the earliest occurrence. The
// columns title_hit, score and first_pos, with their values in `binds`.
struct Ranking {
  std::string title_hit, score, first_pos;
  std::vector<Value> binds;
};

Ranking rank_hits(const Spec& spec, const Terms& terms) {
  Ranking out;
  const std::string text_col = std::string(spec.base) + ".text";
  out.title_hit = "(1";
  for (const auto& t : terms.all) {
    out.title_hit += " AND instr(coalesce(d.title, ''), ?) > 0";
    out.binds.emplace_back(t);
  }
  out.title_hit += ")";
  out.score = "0.0";
  if (!terms.match.empty()) {
    out.score = std::string("bm25(") + spec.fts + ")";
  } else if (!terms.short_terms.empty()) {
    out.score = "-(0";
    for (const auto& t : terms.short_terms) {
      out.score += " + (length(" + text_col + ") - length(replace(" + text_col + ", ?, '')))"
                   " / length(?)";
      out.binds.emplace_back(t);
      out.binds.emplace_back(t);
    }
    out.score += ")";
  }
  out.first_pos = std::string("0");  // not a literal: GCC 12 -O3 -Wrestrict false positive (PR 105329)
  if (!terms.all.empty()) {
    out.first_pos = "instr(" + text_col + ", ?)";
    out.binds.emplace_back(terms.all.front());
  }
  return out;
}

// The page of hits: SQL and its values in order.
std::string page_sql(const Spec& spec, const Selection& sel, const Ranking& rank) {
  std::string sql = "SELECT ";
  sql += spec.columns;
  sql += ", d.name, d.title, " + rank.score + " AS score, " + rank.title_hit + " AS title_hit, " +
         rank.first_pos + " AS first_pos, d.region, d.issue_date FROM " + sel.from + sel.where;
  sql += " ORDER BY title_hit DESC, score, first_pos, d.name, d.source, ";
  sql += spec.order;
  sql += " LIMIT ? OFFSET ?";
  return sql;
}

std::vector<Value> page_binds(const SearchQuery& q, const Selection& sel, const Ranking& rank) {
  std::vector<Value> all = rank.binds;
  all.insert(all.end(), sel.binds.begin(), sel.binds.end());
  all.emplace_back(int64_t{q.limit > 0 ? q.limit : 20});
  all.emplace_back(int64_t{q.offset > 0 ? q.offset : 0});
  return all;
}

Status count_hits(sqlite3* db, const Selection& sel, int64_t* total) {
  Stmt c(db, "SELECT count(*) FROM " + sel.from + sel.where);
  if (!c.ok()) return Status::Error("search: " + c.error());
  bind_all(c, sel.binds);
  if (c.step() != SQLITE_ROW) return db_error(db, "counting search hits");
  *total = c.column_int(0);
  return Status::Ok();
}

// One row of the page's statement as a hit, without its details.
SearchHit read_hit(Stmt& s, const std::vector<std::string>& terms) {
  SearchHit h;
  h.record_id = s.column_int(0);
  h.section = s.column_text(1);
  h.page = static_cast<int>(s.column_int(2));
  h.snippet = make_snippet(s.column_text(3), terms);
  h.task_no = s.is_null(4) ? -1 : s.column_int(4);
  h.document_id = s.column_int(5);
  h.source = s.column_text(6);
  h.title = s.column_text(7);
  h.score = s.column_real(8);
  h.region = s.column_text(11);  // 9, 10: title_hit, first_pos (ordering only)
  h.issue_date = s.column_text(12);
  return h;
}

// A hit's details: the departments of its task and its record as JSON.
class HitDetails {
 public:
  HitDetails(sqlite3* db, std::string_view type)
      : departments_(db,
                     "SELECT department FROM assignments WHERE document_id = ?1 AND task_no = ?2"
                     " AND department IS NOT NULL GROUP BY department ORDER BY min(seq)") {
    if (type != "clause") record_ = Stmt(db, record_sql_by_id(type));
  }
  Status status() const {
    if (!departments_.ok()) return Status::Error(departments_.error());
    if (record_.has_value() && !record_->ok()) return Status::Error(record_->error());
    return Status::Ok();
  }
  void fill(SearchHit& h) {
    if (h.task_no >= 0) {
      ResetOnExit reset(departments_);
      departments_.integer(1, h.document_id).integer(2, h.task_no);
      while (departments_.step() == SQLITE_ROW) h.departments.push_back(departments_.column_text(0));
    }
    if (record_.has_value()) {
      ResetOnExit reset(*record_);
      record_->integer(1, h.record_id);
      if (record_->step() == SQLITE_ROW)
        h.record_json = row_to_json(*record_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }

 private:
  Stmt departments_;
  std::optional<Stmt> record_;
};

}  // namespace
}  // namespace internal

Result<std::vector<SearchHit>> Database::search(const SearchQuery& q, int64_t* total) {
  sqlite3* db = impl_->db;
  const internal::Spec* spec = internal::spec_of(q.type);
  if (!spec) {
    return Status::Error("unknown search type '" + q.type +
                         "' (clause, target, assignment, deadline)");
  }
  const internal::Terms terms = internal::split_terms(q.text);
  const internal::Selection sel = internal::select_hits(q, *spec, terms);
  const internal::Ranking rank = internal::rank_hits(*spec, terms);

  internal::Stmt s(db, internal::page_sql(*spec, sel, rank));
  if (!s.ok()) return Status::Error("search: " + s.error());
  internal::bind_all(s, internal::page_binds(q, sel, rank));
  if (total) {
    if (auto st = internal::count_hits(db, sel, total); !st.ok()) return st;
  }
  internal::HitDetails details(db, spec->type);
  if (auto st = details.status(); !st.ok()) return st;

  std::vector<SearchHit> hits;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    SearchHit h = internal::read_hit(s, terms.all);
    if (q.details) details.fill(h);
    hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return internal::db_error(db, "search");
  return hits;
}

}  // namespace policydb::store
