// Browse: the read-only queries behind `policydb serve` (issue 21). Every
// answer is a JSON value the web layer renders as HTML or returns as is;
// every list is bounded; every value is bound. A Reader is one read-only
// connection, used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace policydb::store {

using Json = nlohmann::ordered_json;

// Filters of the targets and deadlines tables; empty / 0 = any.
struct TableFilter {
  std::string text;    // part of the indicator (targets) or as written / context (deadlines)
  std::string region;  // part of the document's region
  std::string doc;     // part of the file name or title
  int year = 0;        // target year; deadline end (or start) year
  int limit = 2000;
};

// A page of search hits with the figures around it.
struct SearchPageQuery {
  SearchQuery query;  // query.limit is ignored
  int offset = 0;
  int page_size = 20;
};

class Reader {
 public:
  static constexpr int kMaxScan = 1000;   // hits read for the total and facets
  static constexpr int kMaxCount = 300;   // hits counted for each other record type

  static Result<std::unique_ptr<Reader>> open(const std::string& path);

  // {documents:[…], by_status, by_region, by_year: [{key, count}], failed:[…]}
  Result<Json> overview();
  // {document, sections, clauses, targets, deadlines, assignments, tasks}; null if no such id.
  Result<Json> document(int64_t id);
  // The path recorded in documents.source, "" if no such document.
  Result<std::string> document_source(int64_t id);
  // Workload of every department: rows of v_department_workload.
  Result<Json> departments();
  // {department, tasks:[…], deadlines:[…]}; null if unknown.
  Result<Json> department(const std::string& name);
  Result<Json> targets(const TableFilter& f);
  Result<Json> deadlines(const TableFilter& f);
  // {total, total_capped, offset, hits:[…], facets:{type, region, year, department, role,
  // document}}; a type's facet entry has capped: true when it reached its bound. In search.cc: it reuses Database::search.
  Result<Json> search(const SearchPageQuery& q);

 private:
  explicit Reader(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  using Bind = std::variant<std::string, int64_t>;
  Result<Json> rows(const std::string& sql, const std::vector<Bind>& binds = {});
  std::unique_ptr<Database> db_;
};

}  // namespace policydb::store
