// Department level and assignment role (extract/department_kinds.h): each
// enum value has one word, the word the store and the export write, and a
// gazetteer table row whose `level` word names no level is reported by
// `policydb rules check` at its line.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "extract/department_kinds.h"
#include "extract/extract.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb::extract {
namespace {

namespace fs = std::filesystem;

TEST(DepartmentKinds, EveryLevelHasItsWordBothWays) {
  const struct {
    Level level;
    const char* word;
  } cases[] = {
      {Level::kNone, ""},           {Level::kNational, "national"}, {Level::kProvince, "province"},
      {Level::kCity, "city"},       {Level::kCounty, "county"},     {Level::kCollective, "collective"},
      {Level::kZone, "zone"},       {Level::kInternal, "internal"}, {Level::kUnknown, "unknown"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(name(c.level), c.word);
    EXPECT_EQ(parse_level(c.word), c.level) << c.word;
  }
  EXPECT_FALSE(parse_level("provincial"));
  EXPECT_FALSE(parse_level("City"));
}

TEST(DepartmentKinds, EveryRoleHasItsWordBothWays) {
  const struct {
    Role role;
    const char* word;
  } cases[] = {
      {Role::kNone, ""},
      {Role::kLead, "lead"},
      {Role::kSupport, "support"},
      {Role::kResponsible, "responsible"},
      {Role::kImplement, "implement"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(name(c.role), c.word);
    EXPECT_EQ(parse_role(c.word), c.role) << c.word;
  }
  EXPECT_FALSE(parse_role("stop"));  // a note segment's marker, no assignment's role
  EXPECT_FALSE(parse_role("牵头"));  // the CLI maps the Chinese words, not the pipeline
}

TEST(DepartmentKinds, RepositoryTablesUseOnlyLevelWords) {
  for (const auto& failure : check_level_words(policydb::testing::repo_rules())) ADD_FAILURE() << failure;
}

TEST(DepartmentKinds, AnUnknownLevelWordIsReportedAtItsLine) {
  const fs::path dir = fs::temp_directory_path() / ("department_kinds_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(POLICYDB_SOURCE_DIR) / "rules", dir, fs::copy_options::recursive);
  {
    std::ofstream bad(dir / "zz_bad.toml");
    bad << "[[table.level_prefix]]\ntext = \"州\"\nlevel = \"prefecture\"\n";
  }
  auto loaded = rules::RuleSet::load(dir.string());
  fs::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  auto failures = check_level_words(loaded.value());
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("zz_bad.toml:1:"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("`prefecture`"), std::string::npos) << failures[0];
}

}  // namespace
}  // namespace policydb::extract
