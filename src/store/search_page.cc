// `serve`'s search page (issue 21): a page of Database::search's hits with
// the total and facet counts over every hit read (at most kMaxScan).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/browse.h"
#include "store/internal.h"
#include "store/store.h"

namespace policydb::store {
namespace {

Json facet_list(const std::map<std::string, int>& counts) {
  std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  Json out = Json::array();
  for (const auto& [k, n] : v) out.push_back({{"key", k}, {"count", n}});
  return out;
}

// Departments and roles of a hit's task (or, for an assignment, of the
// assignment itself), and the year a hit is filed under: what the facets
// count and SearchQuery filters on. Tasks repeat across hits: cached.
class HitFacts {
 public:
  HitFacts(sqlite3* db, std::string_view type)
      : type_(type),
        by_task_(db, "SELECT DISTINCT department, role FROM assignments WHERE document_id = ?1"
                     " AND task_no = ?2"),
        by_assignment_(db, "SELECT department, role FROM assignments WHERE id = ?1"),
        year_(db, type == "target" ? "SELECT target_year FROM targets WHERE id = ?1"
                                   : "SELECT substr(coalesce(end_date, start_date), 1, 4)"
                                     " FROM deadlines WHERE id = ?1") {}
  bool ok() const { return by_task_.ok() && by_assignment_.ok() && year_.ok(); }

  using Pairs = std::vector<std::pair<std::string, std::string>>;  // department, role
  const Pairs& people(const SearchHit& h) {
    static const Pairs none;
    if (type_ == "assignment") {
      last_.clear();
      read(by_assignment_.integer(1, h.record_id), last_);
      return last_;
    }
    if (h.task_no < 0) return none;
    auto [it, fresh] = cache_.try_emplace({h.document_id, h.task_no});
    if (fresh) read(by_task_.integer(1, h.document_id).integer(2, h.task_no), it->second);
    return it->second;
  }
  std::string year(const SearchHit& h) {
    if (type_ == "target" || type_ == "deadline") {
      internal::ResetOnExit reset(year_);
      year_.integer(1, h.record_id);
      return year_.step() == SQLITE_ROW ? year_.column_text(0) : "";
    }
    return h.issue_date.size() >= 4 ? h.issue_date.substr(0, 4) : "";
  }

 private:
  static void read(internal::Stmt& s, Pairs& out) {
    internal::ResetOnExit reset(s);
    while (s.step() == SQLITE_ROW) out.emplace_back(s.column_text(0), s.column_text(1));
  }
  std::string type_;
  internal::Stmt by_task_, by_assignment_, year_;
  std::map<std::pair<int64_t, int64_t>, Pairs> cache_;
  Pairs last_;
};

// The type facet: the hits of the query's type (read), and of every other
// type counted up to kMaxCount.
Result<Json> type_facet(Database& db, const SearchQuery& q, size_t found) {
  Json types = Json::array();
  for (const char* type : {"clause", "target", "assignment", "deadline"}) {
    size_t n = found;
    bool capped = n >= static_cast<size_t>(Reader::kMaxScan);
    if (q.type != type) {
      SearchQuery other = q;
      other.type = type;
      other.limit = Reader::kMaxCount;
      auto r = db.search(other);
      if (!r.ok()) return r.status();
      n = r.value().size();
      capped = n >= static_cast<size_t>(Reader::kMaxCount);
    }
    types.push_back({{"key", type}, {"count", n}, {"capped", capped}});
  }
  return types;
}

// The document facet from counts keyed "id\tname".
Json document_facet(const std::map<std::string, int>& document) {
  Json docs = Json::array();
  for (auto& f : facet_list(document)) {
    const std::string k = f["key"].get<std::string>();
    const size_t tab = k.find('\t');
    docs.push_back({{"key", k.substr(tab + 1)},
                    {"document_id", std::stoll(k.substr(0, tab))},
                    {"count", f["count"]}});
  }
  return docs;
}

}  // namespace

Result<Json> Reader::search(const SearchPageQuery& pq) {
  SearchQuery q = pq.query;
  if (q.type.empty()) q.type = "clause";
  q.limit = kMaxScan;
  q.details = false;  // departments and records are read below, where needed
  auto found = db_->search(q);
  if (!found.ok()) return found.status();
  auto& hits = found.value();

  Json facets;
  auto types = type_facet(*db_, q, hits.size());
  if (!types.ok()) return types.status();
  facets["type"] = std::move(types).value();

  sqlite3* db = db_->impl_->db;
  HitFacts facts(db, q.type);
  internal::Stmt record;
  if (q.type != "clause") record = internal::Stmt(db, internal::record_sql_by_id(q.type));
  if (!facts.ok() || (q.type != "clause" && !record.ok())) return internal::db_error(db, "search");
  std::map<std::string, int> region, year, department, role, document;
  const int page_size = std::clamp(pq.page_size, 1, 100);
  const size_t offset = static_cast<size_t>(std::max(0, pq.offset));
  Json page = Json::array();
  for (size_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    ++region[h.region];
    ++year[facts.year(h)];
    ++document[std::to_string(h.document_id) + "\t" + h.source];
    std::set<std::string> deps, roles;
    for (const auto& [d, r] : facts.people(h)) {
      if (!d.empty()) deps.insert(d);
      if (!r.empty()) roles.insert(r);
    }
    for (const auto& d : deps) ++department[d];
    for (const auto& r : roles) ++role[r];
    if (i < offset || i >= offset + static_cast<size_t>(page_size)) continue;
    Json rec = nullptr;
    if (record.ok()) {
      internal::ResetOnExit reset(record);
      record.integer(1, h.record_id);
      if (record.step() == SQLITE_ROW) rec = internal::row_to_json(record);
    }
    page.push_back({{"document_id", h.document_id}, {"record_id", h.record_id},
                    {"source", h.source}, {"title", h.title}, {"section", h.section},
                    {"page", h.page}, {"snippet", h.snippet}, {"score", h.score},
                    {"region", h.region}, {"departments", std::vector<std::string>(deps.begin(), deps.end())},
                    {"record", rec}});
  }
  facets["region"] = facet_list(region);
  facets["year"] = facet_list(year);
  facets["department"] = facet_list(department);
  facets["role"] = facet_list(role);
  facets["document"] = document_facet(document);
  Json o;
  o["total"] = hits.size();
  o["total_capped"] = hits.size() >= static_cast<size_t>(kMaxScan);
  o["offset"] = offset;
  o["page_size"] = page_size;
  o["hits"] = std::move(page);
  o["facets"] = std::move(facets);
  return o;
}

}  // namespace policydb::store
