// Commands of the policydb binary. main parses flags into these plain
// structs; each command runs and returns the process exit code:
// 0 all ok, 1 some documents failed (output written), 2 usage/configuration.
#pragma once

#include <string>
#include <vector>

namespace policydb::store {
class Database;
struct DocumentView;
}  // namespace policydb::store

namespace policydb::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

struct IngestConfig {
  std::string db = "output/policy.db";
  std::string rules = "rules";
  std::vector<std::string> paths = {"corpus"};
  int jobs = 0;               // 0: number of cores
  size_t max_bytes = size_t(256) << 20;
  int max_pages = 2000;
  double max_seconds = 300;
  std::string ocr = "auto";   // auto | never | always: PDF pages read by OCR
  bool force = false;         // re-process unchanged documents too
  bool defer_index = false;   // bulk load: rebuild the search index once at the end
  bool json = false;          // a machine-readable summary on stdout
  bool all_files = false;     // also read files in folders whose extension is not a notice's
  bool paths_given = false;   // false: the default corpus/
  std::string arguments;      // the command line, recorded in runs
};

struct ExportConfig {
  std::string db = "output/policy.db";
  std::string format = "jsonl";
  std::string type;
  bool bom = false;  // CSV: start with a UTF-8 byte order mark (Excel)
};

struct SearchConfig {
  std::string db = "output/policy.db";
  std::string query;
  std::string type = "clause";
  std::string department, role, region, doc;
  std::string rules = "rules";  // read only for a --role word that is not a role's name
  int year = 0;
  int limit = 20;
  int offset = 0;   // hits skipped, for paging
  bool json = false;
};

struct ShowConfig {
  std::string db = "output/policy.db";
  std::string doc;  // a file path, or a document's source/name in the database
  std::string record;  // KIND:ID: one record with its source text (show_record.cc)
};

struct RulesCheckConfig {
  std::string dir = "rules";
};

int run_ingest(const IngestConfig& config);
int run_export(const ExportConfig& config);
int run_search(const SearchConfig& config);
int run_show(const ShowConfig& config);
// The record `spec` (KIND:ID) of document `v` with its source (issue 15).
int show_record(store::Database& db, const store::DocumentView& v, const std::string& spec);
int run_rules_check(const RulesCheckConfig& config);

}  // namespace policydb::cli
