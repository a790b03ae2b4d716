// The small commands: export, search, show, rules check.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "extract/departments.h"
#include "extract/extract.h"
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

// The fields of a matched record, one line: what `--type target|assignment|
// deadline` is searched for, not only the clause it sits in.
std::string record_line(const std::string& type, const std::string& record_json) {
  static const std::pair<const char*, std::vector<const char*>> kFields[] = {
      {"target", {"indicator", "direction", "comparator", "value", "value_max", "unit",
                  "baseline_year", "target_year", "scope"}},
      {"assignment", {"department", "role", "as_written", "level"}},
      {"deadline", {"kind", "as_written", "start_date", "end_date", "precision"}},
  };
  auto j = nlohmann::ordered_json::parse(record_json, nullptr, false);
  if (j.is_discarded()) return {};
  std::string line;
  for (const auto& [t, fields] : kFields) {
    if (type != t) continue;
    for (const char* f : fields) {
      if (!j.contains(f) || j[f].is_null()) continue;
      line += line.empty() ? "  " + type + ": " : "  ";
      line += std::string(f) + "=" + (j[f].is_string() ? j[f].get<std::string>() : j[f].dump());
    }
  }
  return line;
}

// The shortest example of the notes grammar's role words (family note_role)
// for `role`: 牵头 for lead. Empty without rules.
std::string shortest_role_word(extract::Role role, const rules::RuleSet* rules) {
  std::string best;
  if (!rules) return best;
  for (const rules::Rule* rule : rules->family("note_role")) {
    if (extract::parse_role(rule->attrs.count("role") ? rule->attrs.at("role") : "") != role) continue;
    for (const auto& example : rule->examples) {
      auto match = example.expect.find("match");
      if (match != example.expect.end() && (best.empty() || match->second.size() < best.size()))
        best = match->second;
    }
  }
  return best;
}

// "lead (牵头), support (配合), …": the roles of the enum, each with a role
// word of the rules when they loaded.
std::string role_choices(const rules::RuleSet* rules) {
  using extract::Role;
  std::string out;
  for (Role role : {Role::kLead, Role::kSupport, Role::kResponsible, Role::kImplement}) {
    if (!out.empty()) out += role == Role::kImplement ? " or " : ", ";
    out += extract::name(role);
    if (std::string word = shortest_role_word(role, rules); !word.empty()) out += " (" + word + ")";
  }
  return out;
}

// --role: a role's name, or a role word of the notes grammar (the rules are
// loaded only then). nullopt, said on stderr, for a word that names no role.
std::optional<extract::Role> search_role(const SearchConfig& config) {
  if (config.role.empty()) return extract::Role::kNone;
  if (auto role = extract::parse_role(config.role)) return role;
  auto loaded = rules::RuleSet::load(config.rules);
  if (loaded.ok())
    if (auto role = extract::departments::role_of_word(config.role, loaded.value())) return role;
  std::cerr << "--role: " << config.role << " names no role: " << role_choices(loaded.ok() ? &loaded.value() : nullptr)
            << "\n";
  return std::nullopt;
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
  // Excel on Windows reads a CSV as the ANSI code page unless it starts
  // with a UTF-8 byte order mark.
  if (config.bom && options.format == store::ExportFormat::kCsv) std::cout << "\xEF\xBB\xBF";
  Status s = db->export_records(std::cout, options);
  std::cout.flush();
  if (!s.ok()) {
    spdlog::error("export: {}", s.message());
    return kExitUsage;
  }
  return kExitOk;
}

int run_search(const SearchConfig& config) {
  const std::optional<extract::Role> role = search_role(config);
  if (!role) return kExitUsage;
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
  q.role = *role;
  q.region = config.region;
  q.doc = config.doc;
  q.year = config.year;
  q.limit = config.limit;
  q.offset = config.offset;
  int64_t total = 0;
  auto hits = db->search(q, &total);
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
              << "  " << h.title << '\n';
    if (!h.record_json.empty()) {
      if (auto line = record_line(config.type, h.record_json); !line.empty())
        std::cout << line << '\n';
    }
    std::cout << "  " << h.snippet << '\n';
    if (!h.departments.empty()) {
      std::cout << "  departments:";
      for (const auto& d : h.departments) std::cout << ' ' << d;
      std::cout << '\n';
    }
  }
  // What was shown out of how many: the limit is not the total.
  if (!config.json) {
    std::cerr << hits.value().size() << " of " << total << " result(s)";
    if (config.offset > 0 && !hits.value().empty())
      std::cerr << " (" << config.offset + 1 << "–" << config.offset + hits.value().size() << ")";
    std::cerr << '\n';
  }
  return kExitOk;
}

// From the database alone: the source file may be elsewhere or gone.
int run_show(const ShowConfig& config) {
  std::unique_ptr<store::Database> holder;
  auto* db = open_existing(config.db, holder);
  if (!db) return kExitUsage;
  auto found = db->find_source(config.doc);
  if (!found.ok()) {
    spdlog::error("{} (database {})", found.status().message(), config.db);
    return kExitUsage;
  }
  auto view = db->document_view(found.value());
  if (!view.ok()) {
    spdlog::error("{}", view.status().message());
    return kExitUsage;
  }
  const auto& v = view.value();
  if (!config.record.empty()) return show_record(*db, v, config.record);
  std::cout << v.name << ": " << v.status;
  if (!v.message.empty()) std::cout << " (" << v.stage << ": " << v.message << ")";
  std::cout << "\ntitle: " << v.title << "\n文号: " << v.doc_number << "\ndate: " << v.issue_date
            << "\nregion: " << v.region << "\nissuers: " << v.issuers_json << "\nformat: " << v.format
            << ", " << v.page_count << " page(s)\nsha256: " << v.sha256 << '\n';
  if (!v.effective_date.empty() || !v.valid_until.empty())
    std::cout << "valid: " << (v.effective_date.empty() ? "?" : v.effective_date) << " – "
              << (v.valid_until.empty() ? "?" : v.valid_until) << '\n';
  std::cout << "fields from: " << (v.fields_source.empty() ? "-" : v.fields_source) << '\n';
  for (const auto& p : v.paths) std::cout << "path: " << p << '\n';

  std::cout << "\noutline:\n";
  for (const auto& sec : v.sections) {
    if (sec.kind == "root") continue;
    std::cout << std::string(size_t(std::max(0, sec.depth - 1)) * 2 + 2, ' ') << sec.number
              << (sec.number.empty() || sec.title.empty() ? "" : " ") << sec.title << "  [" << sec.kind
              << ", p." << sec.page_first;
    if (sec.page_last > sec.page_first) std::cout << "–" << sec.page_last;
    std::cout << ", " << sec.tasks << " task(s), " << sec.clauses << " clause(s)]\n";
  }
  struct Records {
    const char* type;
    const std::vector<std::string>* list;
    const std::vector<int64_t>* ids;
  };
  const Records records[] = {{"target", &v.targets, &v.target_ids},
                             {"assignment", &v.assignments, &v.assignment_ids},
                             {"deadline", &v.deadlines, &v.deadline_ids}};
  for (const auto& [type, list, ids] : records) {
    std::cout << '\n' << list->size() << ' ' << type << "(s):\n";
    for (size_t i = 0; i < list->size(); ++i) {
      auto j = nlohmann::json::parse((*list)[i], nullptr, false);
      const std::string page = j.is_object() && j.contains("page") ? j["page"].dump() : "?";
      std::cout << "  p." << page << record_line(type, (*list)[i]) << "  [" << type << ':'
                << (*ids)[i] << "]\n";
    }
  }
  return kExitOk;
}

int run_rules_check(const RulesCheckConfig& config) {
  // A file that does not load is a configuration error (2), as for ingest;
  // examples that fail are findings (1).
  auto loaded = rules::RuleSet::load(config.dir);
  if (!loaded.ok()) {
    std::cerr << loaded.status().message() << '\n';
    return kExitUsage;
  }
  auto failures = rules::check(loaded.value());
  for (auto& f : extract::check_note_cases(loaded.value())) failures.push_back(std::move(f));
  for (auto& f : extract::check_level_words(loaded.value())) failures.push_back(std::move(f));
  for (const auto& f : failures) std::cerr << f << '\n';
  std::cerr << config.dir << ": " << loaded.value().rule_count() << " rules in "
            << loaded.value().families().size() << " families, " << failures.size()
            << " failure(s)\n";
  return failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace policydb::cli
