#include "notes/brackets.h"

#include "common/text.h"
#include "rules/built_once.h"
#include "rules/rules.h"

namespace policydb::notes {
namespace {

// The one character of a table field; 0 when it is not exactly one.
char32_t one_char(std::string_view s) {
  size_t i = 0;
  char32_t cp = s.empty() ? 0 : text::decode(s, i);
  return i == s.size() ? cp : 0;
}

void add_lead_byte(std::string& bytes, std::string_view mark) {
  if (!mark.empty() && bytes.find(mark[0]) == std::string::npos) bytes.push_back(mark[0]);
}

}  // namespace

Brackets::Brackets(const rules::RuleSet& rules) {
  for (const auto& e : rules.table("bracket")) {
    const char32_t open = one_char(e.get("open")), close = one_char(e.get("close"));
    if (!open || !close) continue;
    opening.push_back(open);
    if (e.get("note") != "true") continue;
    note_open.push_back(open);
    note_close.push_back(close);
    add_lead_byte(note_lead_bytes, e.get("open"));
    add_lead_byte(note_lead_bytes, e.get("close"));
  }
}

std::shared_ptr<const Brackets> brackets(const rules::RuleSet& rules) {
  return rules::built_once<Brackets>(rules);
}

}  // namespace policydb::notes
