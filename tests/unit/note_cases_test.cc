// The note and name cases of rules/note_cases.toml, one row each: a note or
// a name, and the departments with roles (or the canonical name) the notes
// grammar and the gazetteer must give. `policydb rules check` runs the same
// rows (extract::check_note_cases); this test holds the table to its size
// and shows that a wrong row is reported at its line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>
#include <string>

#include "extract/extract.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::extract {
namespace {

namespace fs = std::filesystem;

const rules::RuleSet& Rules() { return policydb::testing::repo_rules(); }

TEST(NoteCases, EveryRowReadsAsItsRowSays) {
  for (const auto& failure : check_note_cases(Rules())) ADD_FAILURE() << failure;
}

TEST(NoteCases, TableCoversEveryRoleWithCounterexamples) {
  const auto& notes = Rules().table("note_case");
  const auto& names = Rules().table("name_case");
  EXPECT_GE(notes.size() + names.size(), 150u);
  size_t not_notes = 0, unknown = 0;
  std::set<std::string> roles;
  for (const auto& e : notes) {
    auto it = e.lists.find("want");
    if (it == e.lists.end() || it->second.empty()) ++not_notes;
    else
      for (const auto& w : it->second) roles.insert(w.substr(w.rfind(':') + 1));
  }
  for (const auto& e : names) unknown += e.get("known") == "false";
  EXPECT_GE(not_notes, 15u) << "counterexamples: texts that are no note";
  EXPECT_GE(unknown, 5u) << "names that must stay as written, known = false";
  EXPECT_EQ(roles, (std::set<std::string>{"implement", "lead", "responsible", "support"}));
}

// A copy of rules/ with one row that expects the wrong role and one name
// that expects a guessed expansion: both are reported, at their lines.
TEST(NoteCases, AWrongRowIsReportedAtItsLine) {
  const fs::path dir = fs::temp_directory_path() / ("note_cases_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(POLICYDB_SOURCE_DIR) / "rules", dir, fs::copy_options::recursive);
  {
    std::ofstream bad(dir / "zz_bad.toml");
    bad << "[[table.note_case]]\nregion = \"潮州市\"\nnote = \"市农业农村局负责\"\n"
           "want = [\"市农业农村局>潮州市农业农村局:lead\"]\n\n"
           "[[table.name_case]]\nregion = \"上海市\"\nname = \"市文广新旅局\"\n"
           "want = \"上海市文化广播新闻旅游局\"\nknown = \"false\"\n";
  }
  auto loaded = rules::RuleSet::load(dir.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  auto failures = check_note_cases(loaded.value());
  fs::remove_all(dir);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_NE(failures[0].find("zz_bad.toml:1:"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("got [市农业农村局>潮州市农业农村局:responsible]"), std::string::npos) << failures[0];
  EXPECT_NE(failures[1].find("zz_bad.toml:6:"), std::string::npos) << failures[1];
  EXPECT_NE(failures[1].find("got 上海市文广新旅局 (known false)"), std::string::npos) << failures[1];
}

}  // namespace
}  // namespace policydb::extract
