// The note and name cases of rules/ (tables `note_case`, `name_case`): each
// row an input and what the notes grammar and the gazetteer must make of
// it. `policydb rules check` and tests/unit/note_cases_test.cc run them.
#include <string>
#include <vector>

#include "extract/departments.h"
#include "extract/extract.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

Metadata meta_of(const rules::Entry& e) {
  Metadata m;
  m.region = std::string(e.get("region"));
  m.issue_date = std::string(e.get("date"));
  if (!e.get("issuer").empty()) m.issuers.emplace_back(e.get("issuer"));
  return m;
}

departments::ListRule list_rule_of(std::string_view s) {
  if (s == "first_lead") return departments::ListRule::kFirstLead;
  if (s == "comma_lead") return departments::ListRule::kCommaLead;
  return departments::ListRule::kNone;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + "]";
}

std::string where(const rules::Entry& e) { return e.file + ":" + std::to_string(e.line) + ": "; }

// What the notes grammar makes of a note case, as as_written>canonical:role;
// empty when it does not read as a note.
std::vector<std::string> read_note_case(const rules::RuleSet& rules, const rules::Entry& e) {
  departments::Gazetteer gz(rules, meta_of(e));
  auto parsed = departments::parse_note(e.get("note"), rules, gz, list_rule_of(e.get("rule")));
  std::vector<std::string> got;
  if (!departments::reads_as_note(parsed, gz)) return got;
  for (const auto& n : parsed.names) got.push_back(n.as_written + ">" + n.department.canonical + ":" + name(n.role));
  return got;
}

}  // namespace

std::vector<std::string> check_note_cases(const rules::RuleSet& rules) {
  std::vector<std::string> failures;
  for (const auto& e : rules.table("note_case")) {
    auto it = e.lists.find("want");
    std::vector<std::string> want = it == e.lists.end() ? std::vector<std::string>{} : it->second;
    auto got = read_note_case(rules, e);
    if (got != want)
      failures.push_back(where(e) + "note case `" + std::string(e.get("note")) + "`: expected " +
                         joined(want) + ", got " + joined(got));
  }
  for (const auto& e : rules.table("name_case")) {
    departments::Gazetteer gz(rules, meta_of(e));
    departments::NameContext ctx;
    Department d = gz.resolve(e.get("name"), ctx);
    std::string known = d.known ? "true" : "false";
    if (d.canonical != e.get("want") || (!e.get("known").empty() && known != e.get("known")))
      failures.push_back(where(e) + "name case `" + std::string(e.get("name")) + "`: expected " +
                         std::string(e.get("want")) + " (known " + std::string(e.get("known")) + "), got " +
                         d.canonical + " (known " + known + ")");
  }
  return failures;
}

}  // namespace policydb::extract
