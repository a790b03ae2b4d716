// The small commands: export, search, show, rules check.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "extract/extract.h"
#include "outline/outline.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "store/store.h"

namespace policydb::cli {
namespace {

// Opens an existing database; a missing file is a usage error, not a new DB.
store::Database* open_existing(const std::string& path, std::unique_ptr<store::Database>& holder) {
  if (!std::filesystem::exists(path)) {
    spdlog::error("no database at {} (run `policydb ingest` first)", path);
    return nullptr;
  }
  auto opened = store::Database::open(path);
  if (!opened.ok()) {
    spdlog::error("cannot open database {}: {}", path, opened.status().message());
    return nullptr;
  }
  holder = std::move(opened.value());
  return holder.get();
}

}  // namespace

int run_export(const ExportConfig& config) {
  std::unique_ptr<store::Database> holder;
  auto* db = open_existing(config.db, holder);
  if (!db) return kExitUsage;
  store::ExportOptions options;
  options.format = config.format == "csv" ? store::ExportFormat::kCsv : store::ExportFormat::kJsonl;
  options.type = config.type;
  std::ios::sync_with_stdio(false);
  Status s = db->export_records(std::cout, options);
  std::cout.flush();
  if (!s.ok()) {
    spdlog::error("export: {}", s.message());
    return kExitUsage;
  }
  return kExitOk;
}

int run_search(const SearchConfig& config) {
  std::unique_ptr<store::Database> holder;
  auto* db = open_existing(config.db, holder);
  if (!db) return kExitUsage;
  if (db->search_index_stale())
    spdlog::warn("the search index misses documents of an interrupted `ingest --defer-index`; "
                 "the next `policydb ingest` rebuilds it");
  store::SearchQuery q;
  q.text = config.query;
  q.type = config.type;
  q.department = config.department;
  q.role = config.role;
  q.region = config.region;
  q.doc = config.doc;
  q.year = config.year;
  q.limit = config.limit;
  auto hits = db->search(q);
  if (!hits.ok()) {
    spdlog::error("search: {}", hits.status().message());
    return kExitUsage;
  }
  for (const auto& h : hits.value()) {
    if (config.json) {
      nlohmann::ordered_json j;
      j["source"] = h.source;
      j["title"] = h.title;
      j["page"] = h.page;
      j["section"] = h.section;
      j["snippet"] = h.snippet;
      j["score"] = h.score;
      j["departments"] = h.departments;
      if (!h.record_json.empty())
        j["record"] = nlohmann::ordered_json::parse(h.record_json, nullptr, false);
      std::cout << j.dump() << '\n';
      continue;
    }
    std::cout << h.source << "  p." << h.page << "  " << h.section << '\n'
              << "  " << h.title << '\n'
              << "  " << h.snippet << '\n';
    if (!h.departments.empty()) {
      std::cout << "  departments:";
      for (const auto& d : h.departments) std::cout << ' ' << d;
      std::cout << '\n';
    }
  }
  if (!config.json) std::cerr << hits.value().size() << " result(s)\n";
  return kExitOk;
}

int run_show(const ShowConfig& config) {
  auto loaded = rules::RuleSet::load(config.rules);
  if (!loaded.ok()) {
    spdlog::error("{}", loaded.status().message());
    return kExitUsage;
  }
  std::string path = config.doc;
  if (!std::filesystem::exists(path)) {
    std::unique_ptr<store::Database> holder;
    auto* db = open_existing(config.db, holder);
    if (!db) return kExitUsage;
    auto found = db->find_source(config.doc);
    if (!found.ok()) {
      spdlog::error("{}", found.status().message());
      return kExitUsage;
    }
    path = found.value();
  }
  ingest::Limits limits;
  auto r = pipeline::process_file(path, loaded.value(), limits);
  std::cout << r.name << ": " << r.status;
  if (!r.message.empty()) std::cout << " (" << r.stage << ": " << r.message << ")";
  std::cout << "\n";
  if (r.status == "failed") return kExitSomeFailed;
  std::cout << "title: " << r.meta.title << "\n文号: " << r.meta.doc_number
            << "\ndate: " << r.meta.issue_date << "\nregion: " << r.meta.region << "\n\n";
  std::vector<int> clauses_per_task(r.outline.tasks.size(), 0);
  for (const auto& c : r.clauses)
    if (c.task >= 0 && size_t(c.task) < clauses_per_task.size()) ++clauses_per_task[c.task];
  std::cout << outline::render_tree(r.outline, clauses_per_task);
  std::cout << "\n" << r.outline.tasks.size() << " tasks, " << r.clauses.size() << " clauses, "
            << r.records.targets.size() << " targets, " << r.records.deadlines.size()
            << " deadlines, " << r.records.assignments.size() << " assignments\n";
  return kExitOk;
}

int run_rules_check(const RulesCheckConfig& config) {
  auto loaded = rules::RuleSet::load(config.dir);
  if (!loaded.ok()) {
    std::cerr << loaded.status().message() << '\n';
    return kExitSomeFailed;
  }
  auto failures = rules::check(loaded.value());
  for (auto& f : extract::check_note_cases(loaded.value())) failures.push_back(std::move(f));
  for (const auto& f : failures) std::cerr << f << '\n';
  std::cerr << config.dir << ": " << loaded.value().rule_count() << " rules in "
            << loaded.value().families().size() << " families, " << failures.size()
            << " failure(s)\n";
  return failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace policydb::cli
