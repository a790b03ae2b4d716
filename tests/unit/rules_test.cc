// Tests for the rule engine: loading, matching semantics, errors with
// file:line, and every real rule file's own examples.
#include "rules/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/text.h"

namespace policydb::rules {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A fresh directory of rule files, removed afterwards.
class RuleDir {
 public:
  RuleDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("policydb_rules_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~RuleDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void write(const std::string& rel, const std::string& body) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << body;
  }
  std::string dir() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string text_of(const Match& m, std::string_view text) { return std::string(text.substr(m.begin, m.end - m.begin)); }

std::vector<std::string> texts(const std::vector<Match>& ms, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(text_of(m, text));
  return out;
}

std::vector<std::string> ids(const std::vector<Match>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.rule->id);
  return out;
}

RuleSet load_ok(const std::string& dir, const Options& options = {}) {
  auto r = RuleSet::load(dir, options);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) std::abort();
  return std::move(r).value();
}

const char* kDeadline = R"TOML(
family = "deadline"

[[rule]]
id = "dl-year"
pattern = '''(?:到|至)(?P<year>\d{4})年'''
kind = "by"
groups = { year = "year" }
examples = [
  { text = "到2025年，全市能耗下降14%", match = "到2025年", year = "2025" },
]
counterexamples = ["2025年3月15日"]

[[rule]]
id = "dl-year-month"
priority = 5
pattern = '''(?:到|至)(?P<year>\d{4})年(?:(?P<month>\d{1,2})月)?(?P<end>底|末)?'''
kind = "by"
strict = true
weight = 3
groups = { year = "year", month = "month", end = "end of period" }
examples = [
  { text = "至2023年6月底前完成", match = "至2023年6月底", year = "2023", month = "6", end = "底" },
  { text = "到2025年，基本建成", match = "到2025年", month = "", end = "" },
]
counterexamples = [{ text = "2025年以后" }]
)TOML";

const char* kUnits = R"TOML(
[[table.unit]]
name = "万吨"
factor = 10000
aliases = ["万t", "万 吨"]

[[rule]]
id = "pct"
family = "value"
pattern = '''(?P<num>\d+(?:\.\d+)?)%'''
groups = { num = "the number" }
examples = [{ text = "下降14.5%以上", num = "14.5" }]
)TOML";

TEST(RulesLoad, LoadsFamiliesRulesAttributesAndTables) {
  RuleDir d;
  d.write("deadline.toml", kDeadline);
  d.write("sub/units.toml", kUnits);
  d.write("notes.txt", "not a rule file [[[");
  RuleSet rs = load_ok(d.dir());
  EXPECT_EQ(rs.rule_count(), 3u);
  EXPECT_THAT(rs.families(), ElementsAre("deadline", "value"));
  ASSERT_EQ(rs.family("deadline").size(), 2u);
  const Rule& r = *rs.family("deadline")[1];
  EXPECT_EQ(r.id, "dl-year-month");
  EXPECT_EQ(r.priority, 5);
  EXPECT_EQ(r.file, "deadline.toml");
  EXPECT_EQ(r.line, 14);
  EXPECT_EQ(r.attrs.at("kind"), "by");
  EXPECT_EQ(r.attrs.at("strict"), "true");
  EXPECT_EQ(r.attrs.at("weight"), "3");
  EXPECT_EQ(r.groups.size(), 3u);
  ASSERT_EQ(r.examples.size(), 2u);
  EXPECT_EQ(r.examples[0].line, 23);
  EXPECT_EQ(r.examples[1].expect.at("month"), "");
  ASSERT_EQ(r.counterexamples.size(), 1u);
  EXPECT_EQ(r.counterexamples[0].text, "2025年以后");
  EXPECT_TRUE(rs.family("nope").empty());

  const auto& units = rs.table("unit");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].get("name"), "万吨");
  EXPECT_EQ(units[0].get("factor"), "10000");
  EXPECT_EQ(units[0].get("missing"), "");
  EXPECT_THAT(units[0].lists.at("aliases"), ElementsAre("万t", "万 吨"));
  EXPECT_EQ(units[0].file, "sub/units.toml");
  EXPECT_EQ(units[0].line, 2);
  EXPECT_TRUE(rs.table("nope").empty());
  EXPECT_THAT(check(rs), IsEmpty());
}

TEST(RulesLoad, TablesConcatenateInFileOrder) {
  RuleDir d;
  d.write("b.toml", "[[table.period]]\nname = \"十五五\"\nstart = 2026\n");
  d.write("a.toml", "[[table.period]]\nname = \"十四五\"\nstart = 2021\n" + std::string(kUnits));
  RuleSet rs = load_ok(d.dir());
  const auto& p = rs.table("period");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].get("name"), "十四五");
  EXPECT_EQ(p[1].get("name"), "十五五");
}

TEST(RulesMatch, GroupsAreByteOffsetsOnCjkText) {
  RuleDir d;
  d.write("deadline.toml", kDeadline);
  RuleSet rs = load_ok(d.dir());
  const std::string text = "各区要于2023年完成，至2024年6月底前全面建成。";
  auto ms = rs.find_all("deadline", text);
  ASSERT_EQ(ms.size(), 1u);
  const Match& m = ms[0];
  EXPECT_EQ(m.rule->id, "dl-year-month");
  EXPECT_EQ(text_of(m, text), "至2024年6月底");
  EXPECT_EQ(m.begin, text.find("至"));
  EXPECT_EQ(m.group("year", text), "2024");
  EXPECT_EQ(m.group("month", text), "6");
  EXPECT_EQ(m.group("end", text), "底");
  EXPECT_TRUE(m.has("month"));
  EXPECT_EQ(m.attr("kind"), "by");
  EXPECT_EQ(m.attr("absent"), "");
  for (const auto& g : m.groups) {
    EXPECT_LE(m.begin, g.begin);
    EXPECT_LE(g.end, m.end);
  }
  auto year = std::find_if(m.groups.begin(), m.groups.end(), [](const Group& g) { return g.name == "year"; });
  ASSERT_NE(year, m.groups.end());
  EXPECT_EQ(year->begin, text.find("2024"));
  EXPECT_EQ(year->end, text.find("2024") + 4);
}

TEST(RulesMatch, MatchesStayValidWhenTheRuleSetMoves) {
  RuleDir d;
  d.write("deadline.toml", kDeadline);
  RuleSet rs = load_ok(d.dir());
  const std::string text = "至2024年6月底前";
  auto ms = rs.find_all("deadline", text);
  ASSERT_EQ(ms.size(), 1u);
  RuleSet moved = std::move(rs);
  EXPECT_EQ(ms[0].rule->id, "dl-year-month");
  EXPECT_EQ(ms[0].group("month", text), "6");
  EXPECT_EQ(ms[0].attr("kind"), "by");
  EXPECT_EQ(moved.family("deadline")[1], ms[0].rule);
}

TEST(RulesMatch, NonParticipatingGroupsAreLeftOut) {
  RuleDir d;
  d.write("deadline.toml", kDeadline);
  RuleSet rs = load_ok(d.dir());
  const std::string text = "到2025年，基本建成";
  auto ms = rs.find_all("deadline", text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].rule->id, "dl-year-month");  // same span, higher priority
  EXPECT_FALSE(ms[0].has("month"));
  EXPECT_FALSE(ms[0].has("end"));
  EXPECT_EQ(ms[0].group("month", text), "");
  EXPECT_EQ(ms[0].groups.size(), 1u);
}

const char* kOverlap = R"TOML(
family = "t"
[[rule]]
id = "short-high"
priority = 9
pattern = '''BC'''
examples = [{ text = "BC" }]
[[rule]]
id = "long-low"
pattern = '''ABCD'''
examples = [{ text = "ABCD" }]
[[rule]]
id = "same-start-low"
pattern = '''AB'''
examples = [{ text = "AB" }]
[[rule]]
id = "same-start-high"
priority = 3
pattern = '''A'''
examples = [{ text = "A" }]
[[rule]]
id = "x"
pattern = '''X+'''
examples = [{ text = "XX", match = "XX" }]
)TOML";

struct OverlapCase {
  std::string text;
  std::vector<std::string> kept;      // find_all, ids
  std::vector<std::string> kept_text;  // find_all, texts
  size_t overlapping;                 // find_all_overlapping count
};

TEST(RulesMatch, OverlapsResolveEarliestThenPriorityThenLength) {
  RuleDir d;
  d.write("t.toml", kOverlap);
  RuleSet rs = load_ok(d.dir());
  const std::vector<OverlapCase> cases = {
      // Earliest start wins even over a higher-priority later match.
      {"ABCD", {"same-start-high", "short-high"}, {"A", "BC"}, 4},
      {"ABC", {"same-start-high", "short-high"}, {"A", "BC"}, 3},
      {"zBCD", {"short-high"}, {"BC"}, 1},
      {"XXAXBC", {"x", "same-start-high", "x", "short-high"}, {"XX", "A", "X", "BC"}, 4},
      {"", {}, {}, 0},
      {"无关文字", {}, {}, 0},
  };
  for (const auto& c : cases) {
    auto ms = rs.find_all("t", c.text);
    EXPECT_EQ(ids(ms), c.kept) << c.text;
    EXPECT_EQ(texts(ms, c.text), c.kept_text) << c.text;
    EXPECT_EQ(rs.find_all_overlapping("t", c.text).size(), c.overlapping) << c.text;
    EXPECT_EQ(rs.any("t", c.text), !c.kept.empty()) << c.text;
  }
  // Overlapping: sorted by begin, then priority desc.
  auto all = rs.find_all_overlapping("t", "ABCD");
  EXPECT_THAT(ids(all), ElementsAre("same-start-high", "long-low", "same-start-low", "short-high"));
  EXPECT_TRUE(rs.find_all("unknown", "ABCD").empty());
  EXPECT_FALSE(rs.any("unknown", "ABCD"));
}

TEST(RulesMatch, ScanAnswersAsEachFamilyAlone) {
  RuleDir d;
  d.write("t.toml", kOverlap);
  d.write("u.toml", R"TOML(
family = "u"
[[rule]]
id = "u-one"
pattern = '''B(?P<tail>C+)'''
groups = { tail = "the Cs" }
examples = [{ text = "BCC", tail = "CC" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  // An unknown family in the list has no rules; the others keep their index.
  const std::vector<std::string> names = {"t", "unknown", "u"};
  const Families fs = rs.families_of({"t", "unknown", "u"});
  ASSERT_EQ(fs.size(), 3u);
  Scan scan;
  for (std::string text : {"ABCD", "ABC", "zBCD", "XXAXBC", "", "无关文字", "BCC BCC"}) {
    rs.scan(fs, text, scan);
    for (size_t i = 0; i < names.size(); ++i) {
      EXPECT_EQ(scan.any(i), rs.any(names[i], text)) << names[i] << " in " << text;
      EXPECT_EQ(ids(rs.find_all(scan, i, text)), ids(rs.find_all(names[i], text))) << names[i] << " in " << text;
      EXPECT_EQ(texts(rs.find_all(scan, i, text), text), texts(rs.find_all(names[i], text), text));
      EXPECT_EQ(ids(rs.find_all_overlapping(scan, i, text)), ids(rs.find_all_overlapping(names[i], text)))
          << names[i] << " in " << text;
    }
  }
  rs.scan(fs, "BCC", scan);
  ASSERT_EQ(rs.find_all(scan, 2, "BCC").size(), 1u);
  EXPECT_EQ(rs.find_all(scan, 2, "BCC")[0].group("tail", "BCC"), "CC");
  // A handle that names no family finds nothing.
  rs.scan(Families(), "ABCD", scan);
  EXPECT_FALSE(scan.any(0));
  EXPECT_TRUE(rs.find_all(scan, 0, "ABCD").empty());
}

TEST(RulesMatch, UnnamedGroupsAreNotReportedAndFirstMatchRunsOneRule) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "a"
pattern = '''(较|比)(?P<base>\d{4})年(下降|降低)(?P<pct>\d+)%'''
groups = { base = "base year", pct = "percent" }
examples = [{ text = "较2020年下降13.5%", match = "2020年下降13.5%" }]
[[rule]]
id = "b"
pattern = '''下降'''
examples = ["下降"]
)TOML");
  RuleSet rs = load_ok(d.dir());
  EXPECT_THAT(check(rs), ElementsAre(HasSubstr("t.toml:7: rule a: expected a match")));
  ASSERT_EQ(rs.all().size(), 2u);
  EXPECT_EQ(rs.all()[0]->id, "a");
  const std::string text = "单位GDP能耗比2020年降低14%，碳排放下降";
  auto m = rs.first_match(*rs.all()[0], text);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, rs.all()[0]);
  ASSERT_EQ(m->groups.size(), 2u);
  EXPECT_EQ(m->groups[0].name, "base");
  EXPECT_EQ(m->group("base", text), "2020");
  EXPECT_EQ(m->group("pct", text), "14");
  auto b = rs.first_match(*rs.all()[1], text);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(text_of(*b, text), "下降");
  EXPECT_TRUE(b->groups.empty());
  // A rule from another set is not ours to run.
  Rule stranger = *rs.all()[1];
  EXPECT_FALSE(rs.first_match(stranger, text).has_value());
}

TEST(RulesMatch, LongerWinsAtEqualStartAndPriority) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "a"
pattern = '''目标'''
examples = [{ text = "目标" }]
[[rule]]
id = "b"
pattern = '''目标任务'''
examples = [{ text = "目标任务" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  const std::string text = "主要目标任务";
  auto ms = rs.find_all("t", text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].rule->id, "b");
  EXPECT_EQ(text_of(ms[0], text), "目标任务");
}

TEST(RulesMatch, EmptyMatchesAdvanceByWholeCharacters) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "opt"
pattern = '''年?'''
examples = [{ text = "年", match = "年" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  EXPECT_THAT(check(rs), ElementsAre(d.dir() + "/t.toml:3: rule opt: expected a pattern that cannot match "
                                               "empty text, got an empty match in \"x\""));
  const std::string text = "二〇年年a";
  auto ms = rs.find_all_overlapping("t", text);
  // Every match starts and ends on a character boundary; no two overlap.
  for (size_t i = 0; i < ms.size(); ++i) {
    EXPECT_TRUE(text::valid_utf8(text.substr(0, ms[i].begin))) << i;
    EXPECT_TRUE(text::valid_utf8(text.substr(ms[i].begin, ms[i].end - ms[i].begin))) << i;
    if (i) {
      EXPECT_LE(ms[i - 1].end, ms[i].begin);
    }
  }
  std::vector<std::string> nonempty;
  for (const auto& m : ms)
    if (m.end > m.begin) nonempty.push_back(text_of(m, text));
  EXPECT_THAT(nonempty, ElementsAre("年", "年"));
  // Invalid UTF-8 does not hang or crash.
  const std::string bad = "\xff\xfe年\xe5";
  EXPECT_FALSE(rs.find_all("t", bad).empty());
}

TEST(RulesMatch, AnchorsSeeTheWholeText) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "start"
pattern = '''^一、'''
examples = [{ text = "一、总体要求" }]
counterexamples = ["附一、"]
)TOML");
  RuleSet rs = load_ok(d.dir());
  // The second 一、 must not match as if the text started there.
  EXPECT_EQ(rs.find_all("t", "一、一、").size(), 1u);
}

// match_suffix: the match ending where the text ends, with its groups,
// the earliest start winning as in find_all.
TEST(RulesMatch, MatchSuffixIsTheMatchThatEndsTheText) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "bracket"
pattern = '''[（(](?P<note>[^（）()]*牵头[^（）()]*)[）)]。?$'''
groups = { note = "inside the brackets" }
examples = [{ text = "（市委牵头）" }]
[[rule]]
id = "label"
pattern = '''(?P<label>牵头)[^。]*。?$'''
groups = { label = "the word" }
examples = [{ text = "牵头单位市委" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  const std::string_view text = "做好工作（市委牵头）。";
  auto m = rs.match_suffix("t", text);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule->id, "bracket");  // starts before the label rule's match (牵头)
  EXPECT_EQ(m->group("note", text), "市委牵头");
  EXPECT_EQ(m->end, text.size());
  auto all = rs.find_all("t", text);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].begin, m->begin);
  EXPECT_EQ(all[0].rule, m->rule);
  // A match that does not reach the end is none.
  EXPECT_FALSE(rs.match_suffix("t", "（市委牵头）。再做好工作。").has_value());
  EXPECT_FALSE(rs.match_suffix("t", "").has_value());
  EXPECT_FALSE(rs.match_suffix("unknown", "（市委牵头）").has_value());
}

// any_suffix asks all of a family's rules in one program without captures
// (match_suffix asks it first): rules that share a group name still load
// and are asked, each keeping its groups in match_suffix.
TEST(RulesMatch, SuffixOfRulesSharingAGroupName) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "lead"
pattern = '''(?P<who>\p{Han}{2,4})牵头$'''
groups = { who = "the lead" }
examples = [{ text = "市委牵头" }]
[[rule]]
id = "support"
pattern = '''(?P<who>\p{Han}{2,4})配合。?$'''
groups = { who = "the support" }
examples = [{ text = "市府配合。" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  EXPECT_TRUE(rs.any_suffix("t", "做好工作，市委牵头"));
  EXPECT_TRUE(rs.any_suffix("t", "做好工作，市府配合。"));
  EXPECT_FALSE(rs.any_suffix("t", "市委牵头，做好工作"));
  const std::string_view text = "做好工作，市府配合。";
  auto m = rs.match_suffix("t", text);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule->id, "support");
  EXPECT_EQ(m->group("who", text), "市府");
  EXPECT_FALSE(rs.match_suffix("t", "市委牵头，做好工作").has_value());
}

TEST(RulesMatch, AnyPrefixAndAnySuffixLookAtTheEdgesOnly) {
  RuleDir d;
  d.write("t.toml", R"TOML(
family = "t"
[[rule]]
id = "cutoff"
pattern = '''(?:统计)?截至\s*'''
examples = [{ text = "统计截至" }]
[[rule]]
id = "since"
pattern = '''^\s*(?P<w>以来|数据)'''
groups = { w = "the cue" }
examples = [{ text = "以来，" }]
[[rule]]
id = "digit-end"
pattern = '''\d\s*$'''
examples = [{ text = "第1" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  EXPECT_TRUE(rs.any_suffix("t", "全市统计截至 "));
  EXPECT_TRUE(rs.any_suffix("t", "共3 "));
  EXPECT_FALSE(rs.any_suffix("t", "截至目前，全市"));  // a cue, but not at the end
  EXPECT_TRUE(rs.any_suffix("t", "以来"));            // ^ still means the start of the text
  EXPECT_FALSE(rs.any_suffix("t", "自2020年以来"));
  EXPECT_TRUE(rs.any_prefix("t", " 以来，全市"));
  EXPECT_TRUE(rs.any_prefix("t", "截至目前"));
  EXPECT_FALSE(rs.any_prefix("t", "全市统计截至"));
  EXPECT_FALSE(rs.any_prefix("t", ""));
  EXPECT_FALSE(rs.any_suffix("t", ""));
  EXPECT_FALSE(rs.any_prefix("unknown", "以来"));
  EXPECT_FALSE(rs.any_suffix("unknown", "以来"));
}

TEST(RulesMatch, MatchPrefixIsAnchoredAndPicksPriorityThenLength) {
  RuleDir d;
  d.write("heading.toml", R"TOML(
family = "heading"
[[rule]]
id = "h-cn"
pattern = '''[一二三四五六七八九十]+、'''
kind = "chinese"
examples = [{ text = "一、总体要求", match = "一、" }]
[[rule]]
id = "h-paren"
pattern = '''（[一二三四五六七八九十]+）'''
kind = "paren"
examples = [{ text = "（三）加强领导", match = "（三）" }]
[[rule]]
id = "h-arabic"
pattern = '''\d+\.'''
examples = [{ text = "1.目标" }]
[[rule]]
id = "h-arabic-2"
pattern = '''\d+\.\d+'''
examples = [{ text = "1.2目标" }]
[[rule]]
id = "h-low"
priority = -1
pattern = '''\d+\.\d+\s*\S'''
examples = [{ text = "1.2 目标" }]
)TOML");
  RuleSet rs = load_ok(d.dir());
  struct Case {
    std::string text;
    std::string id;  // "" = no match
    std::string match;
  };
  const std::vector<Case> cases = {
      {"一、总体要求", "h-cn", "一、"},       {"（三）加强组织领导", "h-paren", "（三）"},
      {"总体要求一、", "", ""},               {"1.2 目标", "h-arabic-2", "1.2"},
      {"12.目标", "h-arabic", "12."},         {"", "", ""},
  };
  for (const auto& c : cases) {
    auto m = rs.match_prefix("heading", c.text);
    if (c.id.empty()) {
      EXPECT_FALSE(m.has_value()) << c.text;
      continue;
    }
    ASSERT_TRUE(m.has_value()) << c.text;
    EXPECT_EQ(m->rule->id, c.id) << c.text;
    EXPECT_EQ(m->begin, 0u);
    EXPECT_EQ(text_of(*m, c.text), c.match);
  }
  EXPECT_EQ(rs.match_prefix("heading", "一、x")->attr("kind"), "chinese");
  EXPECT_FALSE(rs.match_prefix("unknown", "一、").has_value());
}

TEST(RulesHash, StableAndSensitiveToNamesAndBytes) {
  RuleDir a, b, c, e;
  a.write("deadline.toml", kDeadline);
  a.write("units.toml", kUnits);
  b.write("units.toml", kUnits);
  b.write("deadline.toml", kDeadline);  // written in another order
  c.write("deadline.toml", kDeadline);
  c.write("units2.toml", kUnits);        // renamed
  e.write("deadline.toml", kDeadline);
  e.write("units.toml", std::string(kUnits) + "\n# comment\n");
  const std::string ha = load_ok(a.dir()).hash();
  EXPECT_EQ(ha.size(), 64u);
  EXPECT_EQ(ha, load_ok(a.dir()).hash());
  EXPECT_EQ(ha, load_ok(b.dir()).hash());
  EXPECT_NE(ha, load_ok(c.dir()).hash());
  EXPECT_NE(ha, load_ok(e.dir()).hash());
}

// Broken files: each must stop loading with path:line and what is wrong.
struct BrokenCase {
  std::string name;
  std::string body;
  int line;
  std::string what;
};

TEST(RulesLoad, BrokenFilesNameFileAndLine) {
  const std::vector<BrokenCase> cases = {
      {"bad regex",
       "family = \"t\"\n[[rule]]\nid = \"r1\"\npattern = '''a(?P<x>b'''\ngroups = { x = \"x\" }\n"
       "examples = [{ text = \"ab\" }]\n",
       4, "rule r1: missing )"},
      {"bad repetition", "family = \"t\"\n\n[[rule]]\nid = \"r2\"\npattern = '''**'''\nexamples = [\"x\"]\n", 5,
       "rule r2: no argument for repetition operator: *"},
      {"undeclared group",
       "family = \"t\"\n[[rule]]\nid = \"r3\"\npattern = '''(?P<year>\\d{4})'''\nexamples = [\"2020\"]\n", 4,
       "rule r3: group `year` is not declared under `groups`"},
      {"declared group absent",
       "family = \"t\"\n[[rule]]\nid = \"r4\"\npattern = '''\\d{4}'''\n\ngroups = { year = \"y\" }\n"
       "examples = [\"2020\"]\n",
       6, "rule r4: declared group `year` is not in the pattern"},
      {"duplicate id",
       "family = \"t\"\n[[rule]]\nid = \"r5\"\npattern = 'a'\nexamples = [\"a\"]\n"
       "[[rule]]\nid = \"r5\"\npattern = 'b'\nexamples = [\"b\"]\n",
       6, "rule r5: duplicate id"},
      {"toml syntax", "family = \"t\"\n[[rule]]\nid = \"r6\npattern = 'a'\n", 3, "TOML syntax error"},
      {"missing examples", "family = \"t\"\n[[rule]]\nid = \"r7\"\npattern = 'a'\n", 2,
       "rule r7: no `examples`"},
      {"empty examples", "family = \"t\"\n[[rule]]\nid = \"r7b\"\npattern = 'a'\nexamples = []\n", 2,
       "rule r7b: no `examples`"},
      {"missing id", "family = \"t\"\n\n[[rule]]\npattern = 'a'\nexamples = [\"a\"]\n", 3, "rule without a string `id`"},
      {"missing pattern", "family = \"t\"\n[[rule]]\nid = \"r8\"\nexamples = [\"a\"]\n", 2, "rule r8: missing `pattern`"},
      {"missing family", "[[rule]]\nid = \"r9\"\npattern = 'a'\nexamples = [\"a\"]\n", 1, "rule r9: no `family`"},
      {"example names unknown group",
       "family = \"t\"\n[[rule]]\nid = \"r10\"\npattern = '''(?P<y>\\d)'''\ngroups = { y = \"y\" }\n"
       "examples = [\n  { text = \"1\", yy = \"1\" },\n]\n",
       7, "rule r10: example expects `yy`"},
      {"attribute not scalar",
       "family = \"t\"\n[[rule]]\nid = \"r11\"\npattern = 'a'\nkinds = [\"a\"]\nexamples = [\"a\"]\n", 5,
       "rule r11: attribute `kinds`"},
      {"unknown top-level key", "family = \"t\"\n[[rules]]\nid = \"r12\"\n", 2, "unknown top-level key `rules`"},
      {"table not an array of tables", "family = \"t\"\n[table.unit]\nname = \"万吨\"\n", 2,
       "table `unit` must be written as [[table.unit]] entries"},
      {"table field nested", "[[table.unit]]\nname = \"万吨\"\nfactor = { value = 1 }\n", 3,
       "table `unit` field `factor`"},
      {"table list of tables", "[[table.unit]]\nname = \"万吨\"\n\naliases = [{ a = 1 }]\n", 4,
       "table `unit` field `aliases`: arrays hold strings or numbers only"},
      {"family not a string", "family = 3\n", 1, "`family` must be a string"},
      {"examples not an array",
       "family = \"t\"\n[[rule]]\nid = \"r14\"\npattern = 'a'\nexamples = \"a\"\n", 5,
       "rule r14: `examples` must be an array"},
      {"example without text",
       "family = \"t\"\n[[rule]]\nid = \"r15\"\npattern = 'a'\nexamples = [{ match = \"a\" }]\n", 5,
       "rule r15: each of `examples` needs a string `text`"},
      {"counterexample with fields",
       "family = \"t\"\n[[rule]]\nid = \"r13\"\npattern = 'a'\nexamples = [\"a\"]\ncounterexamples = [{ text = \"b\", match = \"b\" }]\n",
       6, "rule r13: a counterexample has only `text`"},
  };
  for (const auto& c : cases) {
    RuleDir d;
    d.write("ok.toml", kDeadline);
    d.write("sub/broken.toml", c.body);
    auto r = RuleSet::load(d.dir());
    ASSERT_FALSE(r.ok()) << c.name;
    const std::string msg = r.status().message();
    EXPECT_THAT(msg, HasSubstr(d.dir() + "/sub/broken.toml:" + std::to_string(c.line) + ": ")) << c.name;
    EXPECT_THAT(msg, HasSubstr(c.what)) << c.name;
  }
}

TEST(RulesLoad, DuplicateIdAcrossFilesNamesBoth) {
  RuleDir d;
  d.write("a.toml", kDeadline);
  d.write("b.toml", "family = \"x\"\n[[rule]]\nid = \"dl-year\"\npattern = 'a'\nexamples = [\"a\"]\n");
  auto r = RuleSet::load(d.dir());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr(d.dir() + "/b.toml:2: rule dl-year: duplicate id"));
  EXPECT_THAT(r.status().message(), HasSubstr("first defined at " + d.dir() + "/a.toml:4)"));
}

TEST(RulesLoad, MessagePathIsDirPlusRelativePath) {
  RuleDir d;
  d.write("rules/broken.toml", "family = \"t\"\n[[rule]]\nid = \"r\"\npattern = '('\nexamples = [\"a\"]\n");
  auto r = RuleSet::load(d.dir() + "/rules");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr(d.dir() + "/rules/broken.toml:4: rule r: missing ): ("));
  auto r2 = RuleSet::load(d.dir() + "/rules/");
  ASSERT_FALSE(r2.ok());
  EXPECT_THAT(r2.status().message(), HasSubstr(d.dir() + "/rules/broken.toml:4: "));
}

TEST(RulesLoad, OversizedFileAndMissingDirAreRefused) {
  RuleDir d;
  d.write("big.toml", "# " + std::string(2000, 'x') + "\n" + kDeadline);
  Options small;
  small.max_file_bytes = 1000;
  auto r = RuleSet::load(d.dir(), small);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("big.toml:1: file is"));
  EXPECT_TRUE(RuleSet::load(d.dir()).ok());
  EXPECT_FALSE(RuleSet::load(d.dir() + "/does-not-exist").ok());
}

TEST(RulesLoad, EmptyDirectoryIsAnError) {
  RuleDir d;
  d.write("README.md", "no rules here");
  auto r = RuleSet::load(d.dir());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("no *.toml rule files"));
}

// The format as rules/README.md shows it must load and pass its own examples.
TEST(RulesLoad, ReadmeExamplesLoadAndPass) {
  std::ifstream in(POLICYDB_SOURCE_DIR "/rules/README.md");
  ASSERT_TRUE(in) << "rules/README.md";
  std::string line, block;
  std::vector<std::string> blocks;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line == "```toml") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  ASSERT_GE(blocks.size(), 2u);
  RuleDir d;
  for (size_t i = 0; i < blocks.size(); ++i) d.write("readme" + std::to_string(i) + ".toml", blocks[i]);
  RuleSet rs = load_ok(d.dir());
  EXPECT_GE(rs.rule_count(), 1u);
  EXPECT_FALSE(rs.table("period").empty());
  EXPECT_THAT(check(rs), IsEmpty());
}

TEST(RulesLoad, TooSmallMemoryBudgetIsAnErrorNotASlowdown) {
  RuleDir d;
  d.write("t.toml", "family = \"t\"\n[[rule]]\nid = \"big\"\npattern = '''[\\p{Han}a-z]{200}'''\n"
                    "examples = [\"" + std::string(200, 'a') + "\"]\n");
  Options tiny;
  tiny.max_mem = 1 << 12;
  auto r = RuleSet::load(d.dir(), tiny);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("t.toml:4: rule big: pattern too large"));
}

TEST(RulesCheck, FailingExamplesAreReportedWithTheirOwnLine) {
  RuleDir d;
  d.write("t.toml", R"TOML(family = "t"
[[rule]]
id = "pct"
pattern = '''(?P<num>\d+)(?P<frac>\.\d+)?%'''
groups = { num = "n", frac = "f" }
examples = [
  { text = "下降14%", match = "14%", num = "14", frac = "" },
  { text = "下降14.5%", num = "15" },
  { text = "下降14.5%", frac = "" },
  { text = "没有数字" },
  { text = "下降14%", frac = ".0" },
  { text = "下降14%", match = "4%" },
  { text = "由12%提高到13.5%", match = "13.5%", num = "13", frac = ".5" },
  { text = "由12%提高到13.5%", match = "14%", num = "14" },
]
counterexamples = [
  "下降一成",
  "占比30%",
]
)TOML");
  RuleSet rs = load_ok(d.dir());
  auto failures = check(rs);
  const std::string p = d.dir() + "/t.toml:";
  EXPECT_THAT(failures,
              ElementsAre(p + "8: rule pct: expected num = \"15\", got \"14\" in match \"14.5%\"",
                          p + "9: rule pct: expected group frac not to take part, got \".5\" in match \"14.5%\"",
                          p + "10: rule pct: expected a match in \"没有数字\", got none",
                          p + "11: rule pct: expected frac = \".0\", got no such group in match \"14%\"",
                          p + "12: rule pct: expected match \"4%\", got \"14%\"",
                          p + "14: rule pct: expected match \"14%\", got \"12%\", \"13.5%\"",
                          p + "14: rule pct: expected num = \"14\", got \"12\" in match \"12%\"",
                          p + "18: rule pct: expected no match in \"占比30%\", got \"30%\""));
}

TEST(RulesThreads, SharedRuleSetGivesSameAnswersOnEveryThread) {
  RuleDir d;
  d.write("deadline.toml", kDeadline);
  RuleSet rs = load_ok(d.dir());
  std::string text;
  for (int i = 0; i < 200; ++i) text += "各区要于2023年完成，至20" + std::to_string(10 + i % 90) + "年6月底前全面建成。";
  const auto want = texts(rs.find_all("deadline", text), text);
  ASSERT_EQ(want.size(), 200u);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int k = 0; k < 20; ++k)
        if (texts(rs.find_all("deadline", text), text) != want) ++bad;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
}

// Deliberately broken copies of the real rule files: whatever the files hold
// today, each break is reported at the file and line where it was made.
class RealRulesCopy {
 public:
  RealRulesCopy() {
    const fs::path src = POLICYDB_SOURCE_DIR "/rules";
    for (const auto& e : fs::recursive_directory_iterator(src)) {
      if (!e.is_regular_file() || e.path().extension() != ".toml") continue;
      const std::string rel = e.path().lexically_relative(src).generic_string();
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files_[rel] = ss.str();
      dir_.write(rel, ss.str());
    }
  }
  // The first file and 1-based line whose text starts with `prefix` and
  // (if given) ends with `suffix`.
  std::optional<std::pair<std::string, int>> find_line(const std::string& prefix, const std::string& suffix = "") const {
    for (const auto& [rel, body] : files_) {
      std::istringstream in(body);
      std::string line;
      for (int n = 1; std::getline(in, line); ++n)
        if (line.rfind(prefix, 0) == 0 && line.size() >= prefix.size() + suffix.size() &&
            line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0)
          return std::make_pair(rel, n);
    }
    return std::nullopt;
  }
  // Replaces line `n` of `rel` with `text` (which may hold several lines).
  void replace_line(const std::string& rel, int n, const std::string& text) const {
    std::istringstream in(files_.at(rel));
    std::string line, out;
    for (int i = 1; std::getline(in, line); ++i) out += (i == n ? text : line) + "\n";
    dir_.write(rel, out);
  }
  void append(const std::string& rel, const std::string& text) const { dir_.write(rel, files_.at(rel) + "\n" + text); }
  int lines(const std::string& rel) const {
    return static_cast<int>(std::count(files_.at(rel).begin(), files_.at(rel).end(), '\n')) + 1;
  }
  std::string dir() const { return dir_.dir(); }
  bool empty() const { return files_.empty(); }

 private:
  RuleDir dir_;
  std::map<std::string, std::string> files_;
};

TEST(RulesRepository, BrokenCopiesOfRealFilesNameFileAndLine) {
  RealRulesCopy pristine;
  if (pristine.empty()) GTEST_SKIP() << "no rule files in rules/ yet";
  ASSERT_TRUE(RuleSet::load(pristine.dir()).ok());

  // A bad pattern where a one-line pattern was.
  {
    auto at = pristine.find_line("pattern = '''", "'''");
    ASSERT_TRUE(at.has_value()) << "no one-line pattern in rules/";
    RealRulesCopy c;
    c.replace_line(at->first, at->second, "pattern = '''(?P<x>unclosed'''");
    auto r = RuleSet::load(c.dir());
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(),
                HasSubstr(c.dir() + "/" + at->first + ":" + std::to_string(at->second) + ": rule "));
    EXPECT_THAT(r.status().message(), HasSubstr("missing )"));
  }
  // A TOML syntax error in the middle of a file.
  {
    auto at = pristine.find_line("[[rule]]");
    ASSERT_TRUE(at.has_value());
    RealRulesCopy c;
    c.replace_line(at->first, at->second, "[[rule]]\nid = \"unterminated");
    auto r = RuleSet::load(c.dir());
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(),
                HasSubstr(c.dir() + "/" + at->first + ":" + std::to_string(at->second + 1) + ": TOML syntax error"));
  }
  // A second rule with an id that is already taken, at the end of a file.
  {
    auto at = pristine.find_line("id = \"");
    ASSERT_TRUE(at.has_value());
    RuleSet rs = load_ok(pristine.dir());
    const Rule* first = rs.all().front();
    RealRulesCopy c;
    const int line = c.lines(at->first) + 1;
    c.append(at->first, "[[rule]]\nid = \"" + first->id + "\"\nfamily = \"x\"\npattern = 'x'\nexamples = [\"x\"]\n");
    auto r = RuleSet::load(c.dir());
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(), HasSubstr(std::string(":").append(std::to_string(line)) + ": rule " + first->id + ": duplicate id"));
  }
  // Rules without examples, with an undeclared group, with a failing example.
  {
    const std::string rel = pristine.find_line("[[rule]]").value_or(std::make_pair(std::string(), 0)).first;
    ASSERT_FALSE(rel.empty());
    {
      const int line = RealRulesCopy().lines(rel) + 1;
      struct Case {
        std::string body, what;
        int offset;
      };
      const std::vector<Case> cases = {
          {"[[rule]]\nid = \"zz-no-examples\"\nfamily = \"zz\"\npattern = 'x'\n",
           "rule zz-no-examples: no `examples`", 0},
          {"[[rule]]\nid = \"zz-group\"\nfamily = \"zz\"\npattern = '''(?P<g>x)'''\nexamples = [\"x\"]\n",
           "rule zz-group: group `g` is not declared", 3},
      };
      for (const auto& k : cases) {
        RealRulesCopy c;
        c.append(rel, k.body);
        auto r = RuleSet::load(c.dir());
        ASSERT_FALSE(r.ok()) << k.what;
        EXPECT_THAT(r.status().message(),
                    HasSubstr(c.dir() + "/" + rel + ":" + std::to_string(line + k.offset) + ": " + k.what));
      }
      RealRulesCopy c;
      c.append(rel, "[[rule]]\nid = \"zz-failing\"\nfamily = \"zz\"\npattern = 'x+'\n"
                    "examples = [\n  { text = \"axxb\", match = \"xx\" },\n  { text = \"axxb\", match = \"x\" },\n]\n");
      RuleSet rs = load_ok(c.dir());
      EXPECT_THAT(check(rs), ElementsAre(c.dir() + "/" + rel + ":" + std::to_string(line + 6) +
                                         ": rule zz-failing: expected match \"x\", got \"xx\""));
    }
  }
}

// Every real rule file loads and passes its own examples and counterexamples.
TEST(RulesRepository, AllRuleFilesLoadAndPassTheirExamples) {
  const std::string dir = POLICYDB_SOURCE_DIR "/rules";
  auto r = RuleSet::load(dir);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto failures = check(r.value());
  std::string all;
  for (const auto& f : failures) all += f + "\n";
  EXPECT_THAT(failures, IsEmpty()) << all;
  for (const Rule* rule : r.value().all()) EXPECT_FALSE(rule->examples.empty()) << rule->id;
}

}  // namespace
}  // namespace policydb::rules
