// Brackets, quotes and title marks as rules/brackets.toml (table `bracket`)
// lists them: the one place C++ learns which characters open and close.
// Segment asks whether a mark opens (it then starts the next sentence); the
// note finder asks which brackets a note is written in.
#pragma once

#include <array>
#include <memory>
#include <string>

namespace policydb::rules {
class RuleSet;
}

namespace policydb::notes {

struct Brackets {
  explicit Brackets(const rules::RuleSet& rules);

  bool opens(char32_t cp) const { return opening.find(cp) != std::u32string::npos; }
  bool opens_note(char32_t cp) const { return note_open.find(cp) != std::u32string::npos; }
  bool closes_note(char32_t cp) const { return note_close.find(cp) != std::u32string::npos; }

  std::u32string opening;                // every opening mark of the table
  std::u32string note_open, note_close;  // the note brackets (`note = "true"`)
  std::string note_lead_bytes;           // distinct first UTF-8 bytes of the note brackets
  std::array<bool, 256> is_note_lead{};  // the same, by byte value
};

// Built once per rule set (rules::built_once).
std::shared_ptr<const Brackets> brackets(const rules::RuleSet& rules);

}  // namespace policydb::notes
