// The memo a document's notes are read through (note_parse.cc,
// assignments.cc): what each note rule family finds in a text, and what the
// gazetteer resolves a name to, each asked once per document.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/departments.h"
#include "rules/rules.h"

namespace policydb::extract {

// Maps keyed by text, looked up by string_view. The keys are short
// clauses and names hashed on every lookup: eight bytes per multiply is
// enough for a table (nothing iterates these maps, so order is moot).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    uint64_t h = s.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    uint64_t w = 0;
    if (i < s.size()) std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * kMul;
    return static_cast<size_t>(h ^ (h >> 32));
  }
};
template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

namespace departments {

// The rule families a note is read with (rules/notes.toml), by index.
enum class NoteFamily : uint8_t {
  kStanding, kGloss, kLabel, kRole, kLink, kListEnd, kAtom, kNameLead, kAnd, kNotName, kCount
};

// What a family finds in a text depends on the text alone, and notes repeat
// the same clauses and names over and over: each (family, text) is matched
// once per document.
class NoteCache {
 public:
  explicit NoteCache(const rules::RuleSet& rules) : rules_(rules) {}

  const rules::RuleSet& rules() const { return rules_; }

  // rules.find_all(family, text), memoised. The reference stays valid while
  // the cache lives.
  const std::vector<rules::Match>& find_all(NoteFamily family, std::string_view text) {
    auto& memo = memo_[static_cast<size_t>(family)];
    auto it = memo.find(text);
    if (it != memo.end()) return it->second;
    return memo.emplace(std::string(text), find_once(family, text)).first->second;
  }

  // Whether any rule of the family matches somewhere in `text`, unmemoised.
  bool any(NoteFamily family, std::string_view text) const {
    return rules_.any(kNames[static_cast<size_t>(family)], text);
  }

  // rules.find_all(family, text) without the memo, for texts asked about
  // once (a whole note: parse_note is itself memoised by the caller).
  std::vector<rules::Match> find_once(NoteFamily family, std::string_view text) const {
    auto f = static_cast<size_t>(family);
    // Most texts hit none of these families' rules: a pass that stops at
    // the first match settles them more cheaply than find_all's full pass.
    if (kMostlyMiss[f] && !rules_.any(kNames[f], text)) return {};
    return rules_.find_all(kNames[f], text);
  }

  // gazetteer.resolve(written, ctx), memoised: the result and the context
  // after it depend on the name and the context before it alone. The
  // reference stays valid while the cache lives.
  const Department& resolve(const Gazetteer& gazetteer, std::string_view written, NameContext& ctx) {
    // Lengths first, so that no two (name, prefix, collective) share a key.
    key_.clear();
    for (size_t n : {written.size(), ctx.prefix.size(), ctx.collective.size()})
      key_.append(reinterpret_cast<const char*>(&n), sizeof n);
    key_.append(written);
    key_.append(ctx.prefix);
    key_.append(ctx.collective);
    key_.append(ctx.qualifier);
    auto it = resolved_.find(key_);
    if (it == resolved_.end()) {
      Department d = gazetteer.resolve(written, ctx);
      it = resolved_.emplace(key_, std::make_pair(std::move(d), ctx)).first;
    } else {
      ctx = it->second.second;
    }
    return it->second.first;
  }

 private:
  static constexpr size_t kFamilies = static_cast<size_t>(NoteFamily::kCount);
  static constexpr std::array<std::string_view, kFamilies> kNames = {
      "standing_rule", "note_gloss", "note_label", "note_role",     "note_link",
      "note_list_end", "note_atom",  "note_name_lead", "note_and", "note_not_name"};
  // Families whose rules hit few of the texts they are asked about (about
  // one in ten or fewer in the seeds; labels, role words and atoms hit about
  // half, and for them the extra pass costs more than it saves).
  static constexpr std::array<bool, kFamilies> kMostlyMiss = {true,  true, false, false, true,
                                                              true,  false, true, true, true};

  const rules::RuleSet& rules_;
  TextMap<std::pair<Department, NameContext>> resolved_;  // by key_: department, context after
  std::string key_;
  std::array<TextMap<std::vector<rules::Match>>, kFamilies> memo_;
};

}  // namespace departments
}  // namespace policydb::extract
