// policydb: Chinese policy notices → a searchable SQLite database.
// main parses flags into plain config structs, sets up logging, and hands
// over to one command; nothing below main calls exit().
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "ingest/ingest.h"
#include "serve/serve.h"

#ifndef POLICYDB_VERSION
#define POLICYDB_VERSION "dev"
#endif

namespace {

// rules/ is looked up in the working folder; a binary run from elsewhere
// falls back to the rules installed next to it (bin/../share/policydb/rules,
// `cmake --install`), then to those of the source tree it was built from.
std::string default_rules_dir(const std::string& given, bool explicitly_set) {
  std::error_code ec;
  if (explicitly_set || std::filesystem::exists(given, ec)) return given;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "policydb" / "rules";
    if (std::filesystem::exists(installed, ec)) return installed.string();
  }
#ifdef POLICYDB_DEFAULT_RULES_DIR
  return POLICYDB_DEFAULT_RULES_DIR;
#else
  return given;
#endif
}

std::string join_args(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) {
    if (i) s += ' ';
    s += argv[i];
  }
  return s;
}

using namespace policydb::cli;

CLI::App* add_ingest(CLI::App& app, IngestConfig& ingest) {
  auto* cmd_ingest = app.add_subcommand("ingest", "Read notices into the database (files and "
                                                  "folders, recursively; default corpus/)");
  cmd_ingest->add_option("--db", ingest.db, "Database file")->capture_default_str();
  cmd_ingest->add_option("--rules", ingest.rules, "Rule directory")->capture_default_str();
  cmd_ingest->add_option("-j,--jobs", ingest.jobs, "Worker threads (default: number of cores)")
      ->check(CLI::Range(0, 256));
  cmd_ingest->add_option("--max-bytes", ingest.max_bytes, "Largest file read, in bytes")
      ->capture_default_str();
  cmd_ingest->add_option("--max-pages", ingest.max_pages, "Pages read per PDF; more → partial")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd_ingest->add_option("--max-seconds", ingest.max_seconds,
                         "Time per document; more → partial")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd_ingest->add_option("--ocr", ingest.ocr,
                         "OCR of PDF pages (Tesseract, chi_sim): auto = pages without a text "
                         "layer, never, always = every page")
      ->capture_default_str()->check(CLI::IsMember({"auto", "never", "always"}));
  cmd_ingest->add_flag("--force", ingest.force, "Re-process documents even if unchanged");
  cmd_ingest->add_flag("--defer-index", ingest.defer_index,
                       "Bulk load: store documents without feeding the search index, then "
                       "rebuild it once at the end of the run (faster for many documents)");
  cmd_ingest->add_flag("--json", ingest.json,
                       "Print a summary as one JSON object on stdout (counts, pages, wall time, "
                       "rates, failures)");
  cmd_ingest->add_flag("--all-files", ingest.all_files,
                       "In folders, also read files whose extension is not a notice format "
                       "(.pdf .txt .html .docx); skipped files are reported");
  cmd_ingest->add_option("paths", ingest.paths, "Files or folders")->capture_default_str();
  return cmd_ingest;
}

CLI::App* add_export(CLI::App& app, ExportConfig& exp) {
  auto* cmd_export = app.add_subcommand("export", "Write records to stdout (JSONL or CSV)");
  cmd_export->add_option("--db", exp.db, "Database file")->capture_default_str();
  cmd_export->add_option("--format", exp.format, "jsonl or csv")
      ->capture_default_str()->check(CLI::IsMember({"jsonl", "csv"}));
  cmd_export->add_flag("--bom", exp.bom,
                       "CSV: start with a UTF-8 byte order mark, so Excel shows Chinese correctly");
  cmd_export->add_option("--type", exp.type,
                         "Record type (document, target, deadline, assignment, task, clause) or "
                         "view (v_documents, v_targets, v_assignments, v_deadlines, "
                         "v_department_workload); default: all records");
  return cmd_export;
}

CLI::App* add_search(CLI::App& app, SearchConfig& search) {
  auto* cmd_search = app.add_subcommand("search", "Full-text search in Chinese");
  cmd_search->add_option("--db", search.db, "Database file")->capture_default_str();
  cmd_search->add_option("query", search.query, "Terms (all must match) and \"quoted phrases\"")
      ->required();
  cmd_search->add_option("--type", search.type, "clause, target, assignment or deadline")
      ->capture_default_str()
      ->check(CLI::IsMember({"clause", "target", "assignment", "deadline"}));
  cmd_search->add_option("--department", search.department, "Canonical department name (part)");
  // The Chinese words the notices use are accepted as the roles they name
  // (run_search reads them with the notes grammar).
  cmd_search->add_option("--role", search.role, "lead (牵头), support (配合), responsible (负责) "
                                                "or implement (落实)");
  cmd_search->add_option("--region", search.region, "Region, e.g. 广东省");
  cmd_search->add_option("--year", search.year,
                         "Year: with --type target the target year, deadline its start or end "
                         "year, clause or assignment the document's issue year");
  cmd_search->add_option("--doc", search.doc, "Document (file name or part of it)");
  cmd_search->add_option("--limit", search.limit, "Results")->capture_default_str()
      ->check(CLI::Range(1, 10000));
  cmd_search->add_option("--offset", search.offset, "Hits skipped (paging: --offset 20 shows "
                                                    "the second page of 20)")
      ->check(CLI::NonNegativeNumber);
  cmd_search->add_flag("--json", search.json, "One JSON object per hit");
  return cmd_search;
}

CLI::App* add_show(CLI::App& app, ShowConfig& show) {
  auto* cmd_show = app.add_subcommand("show", "Print a stored document from the database: "
                                              "metadata, paths, outline, and every target, "
                                              "assignment and deadline with its page");
  cmd_show->add_option("--db", show.db, "Database file")->capture_default_str();
  cmd_show->add_option("doc", show.doc, "A file's path, or a document's name (or part of it)")
      ->required();
  cmd_show->add_option("--record", show.record,
                       "KIND:ID (task, clause, section, target, deadline, assignment; ids as "
                       "listed by show): the record with its normalised context and the span of "
                       "the original file it came from");
  return cmd_show;
}

CLI::App* add_serve(CLI::App& app, policydb::serve::ServeConfig& serve) {
  auto* cmd_serve = app.add_subcommand("serve", "Web interface on the database (read-only)");
  cmd_serve->add_option("--db", serve.db, "Database file")->capture_default_str();
  cmd_serve->add_option("--host", serve.host, "Address to bind")->capture_default_str();
  cmd_serve->add_option("--port", serve.port, "Port")->capture_default_str()->check(CLI::Range(0, 65535));
  return cmd_serve;
}

void set_up_logging(bool verbose, bool quiet) {
  auto logger = spdlog::stderr_color_mt("policydb");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug
                            : quiet ? spdlog::level::warn : spdlog::level::info);
  policydb::ingest::route_poppler_messages_to_log();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"policydb: turns Chinese government policy notices (PDF, TXT, HTML, Word .docx) into a structured, "
               "searchable SQLite database.\nExit codes: 0 all ok, 1 some documents failed "
               "(output written), 2 usage or configuration error.\nEnvironment: POLICYDB_DB, the default "
               "database file."};
  app.set_version_flag("--version", std::string("policydb ") + POLICYDB_VERSION);
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  // -v/-q are accepted before or after the subcommand and listed in every
  // --help; each command adds them (add_log_flags below).
  auto add_log_flags = [&](CLI::App* a) {
    a->add_flag("-v,--verbose", verbose, "Log more (debug)");
    a->add_flag("-q,--quiet", quiet, "Log warnings and errors only (failures and their reasons)");
  };
  add_log_flags(&app);

  IngestConfig ingest;
  ExportConfig exp;
  SearchConfig search;
  ShowConfig show;
  policydb::serve::ServeConfig serve;  // issue 21
  // POLICYDB_DB: the database every command uses unless --db says otherwise.
  if (const char* db = std::getenv("POLICYDB_DB"); db && *db)
    ingest.db = exp.db = search.db = show.db = serve.db = db;
  auto* cmd_ingest = add_ingest(app, ingest);
  auto* cmd_export = add_export(app, exp);
  auto* cmd_search = add_search(app, search);
  auto* cmd_show = add_show(app, show);
  RulesCheckConfig rules_check;
  auto* cmd_rules = app.add_subcommand("rules", "Rule files");
  cmd_rules->require_subcommand(1);
  auto* cmd_check = cmd_rules->add_subcommand(
      "check", "Compile every rule file and run every example and counterexample");
  cmd_check->add_option("dir", rules_check.dir, "Rule directory")->capture_default_str();
  auto* cmd_serve = add_serve(app, serve);
  for (auto* sub : {cmd_ingest, cmd_export, cmd_search, cmd_show, cmd_rules, cmd_check, cmd_serve})
    add_log_flags(sub);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  set_up_logging(verbose, quiet);
  ingest.rules = default_rules_dir(ingest.rules, cmd_ingest->count("--rules") > 0);
  search.rules = default_rules_dir(search.rules, false);
  rules_check.dir = default_rules_dir(rules_check.dir, cmd_check->count("dir") > 0);

  if (cmd_ingest->parsed()) {
    ingest.arguments = join_args(argc, argv);
    ingest.paths_given = cmd_ingest->count("paths") > 0;
    return run_ingest(ingest);
  }
  if (cmd_export->parsed()) return run_export(exp);
  if (cmd_search->parsed()) return run_search(search);
  if (cmd_show->parsed()) return run_show(show);
  if (cmd_check->parsed()) return run_rules_check(rules_check);
  if (cmd_serve->parsed()) return policydb::serve::run_serve(serve);
  return kExitUsage;
}
