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

void add_lead_byte(Brackets& b, std::string_view mark) {
  if (mark.empty() || b.is_note_lead[static_cast<unsigned char>(mark[0])]) return;
  b.is_note_lead[static_cast<unsigned char>(mark[0])] = true;
  b.note_lead_bytes.push_back(mark[0]);
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
    add_lead_byte(*this, e.get("open"));
    add_lead_byte(*this, e.get("close"));
  }
}

std::shared_ptr<const Brackets> brackets(const rules::RuleSet& rules) {
  return rules::built_once<Brackets>(rules);
}

}  // namespace policydb::notes
