// `policydb serve` in a real browser: headless Chromium renders the search,
// document, department and targets pages of a database built from corpus/
// plus a notice full of HTML; the rendered DOM is checked and a screenshot
// of each page goes to output/serve/ (issue 21). Skipped without chromium.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/serve.h"

namespace fs = std::filesystem;
using nlohmann::json;
using policydb::testing::run;
using policydb::testing::run_policydb;
using policydb::testing::ServeProcess;
using policydb::testing::TempDir;

namespace {

std::string chromium() {
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(c)) return c;
  return "";
}

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (chromium().empty()) GTEST_SKIP() << "chromium not installed (scripts/install-deps.sh)";
    db_ = (tmp_.path() / "serve.db").string();
    auto o = run_policydb({"ingest", "--db", db_, "corpus",
                           std::string(POLICYDB_SOURCE_DIR) + "/tests/data/serve/xss_notice.txt"});
    ASSERT_EQ(o.code, 0) << o.err;
    server_ = std::make_unique<ServeProcess>(POLICYDB_BINARY, db_, POLICYDB_SOURCE_DIR);
    ASSERT_TRUE(server_->ready());
  }
  std::vector<std::string> flags() const {
    return {chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--user-data-dir=" + (tmp_.path() / "profile").string(),
            "--window-size=1100,720"};
  }
  // The DOM after scripts ran.
  std::string dom(const std::string& target) {
    auto args = flags();
    args.push_back("--dump-dom");
    args.push_back(url(target));
    auto o = run(args);
    EXPECT_EQ(o.code, 0) << o.err.substr(0, 500);
    return o.out;
  }
  void screenshot(const std::string& target, const std::string& name) {
    const fs::path dir = fs::path(POLICYDB_SOURCE_DIR) / "output" / "serve";
    fs::create_directories(dir);
    auto args = flags();
    args.push_back("--screenshot=" + (dir / (name + ".png")).string());
    args.push_back(url(target));
    auto o = run(args);
    EXPECT_EQ(o.code, 0) << o.err.substr(0, 500);
    EXPECT_TRUE(fs::exists(dir / (name + ".png")));
  }
  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + target;
  }
  json api(const std::string& target) { return json::parse(server_->get(target).body); }

  static size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
  }
  // Sum of the counts listed in one facet block of the rendered page.
  static int facet_sum(const std::string& dom, const std::string& facet) {
    const size_t b = dom.find("data-facet=\"" + facet + "\"");
    if (b == std::string::npos) return -1;
    const size_t e = dom.find("</ul>", b);
    int sum = 0;
    const std::string tag = "<span class=\"count\">";
    for (size_t p = dom.find(tag, b); p != std::string::npos && p < e; p = dom.find(tag, p + 1))
      sum += std::stoi(dom.substr(p + tag.size()));
    return sum;
  }

  TempDir tmp_;
  std::string db_;
  std::unique_ptr<ServeProcess> server_;
};

}  // namespace

TEST_F(Browser, PagesRenderWithHitsHighlightsAndEscapedText) {
  // Search: hits with highlighted snippets; facets add up to the total.
  const std::string q = "/search?q=%E7%A2%B3%E8%BE%BE%E5%B3%B0";  // 碳达峰
  std::string search = dom(q);
  EXPECT_GT(count(search, "class=\"hit\""), 0u);
  EXPECT_GT(count(search, "<mark>"), 0u);
  const size_t t = search.find("<span id=\"total\">");
  ASSERT_NE(t, std::string::npos);
  const int total = std::stoi(search.substr(t + 17));
  EXPECT_EQ(facet_sum(search, "region"), total);
  EXPECT_EQ(facet_sum(search, "document"), total);
  screenshot(q, "search");

  // Document: a notice with targets, marked in place.
  int64_t doc = -1, xss = -1;
  const json overview = api("/api/overview");
  for (const auto& d : overview["documents"]) {
    if (d["targets"].get<int>() > 0 && doc < 0) doc = d["id"].get<int64_t>();
    if (d["source"] == "xss_notice.txt") xss = d["id"].get<int64_t>();
  }
  ASSERT_GT(doc, 0);
  std::string page = dom("/documents/" + std::to_string(doc));
  EXPECT_GT(count(page, "<mark class=\"t\""), 0u);
  EXPECT_GT(count(page, "class=\"page-no\""), 0u);
  const auto first = api("/api/documents/" + std::to_string(doc))["targets"][0]["id"];
  screenshot("/documents/" + std::to_string(doc) + "#t" + std::to_string(first.get<int64_t>()),
             "document");

  // The notice full of HTML renders as text: no element came out of it.
  ASSERT_GT(xss, 0);
  std::string x = dom("/documents/" + std::to_string(xss));
  EXPECT_NE(x.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(x.find("<img"), std::string::npos);
  EXPECT_EQ(count(x, "<script"), 1u);  // app.js only

  // Department: its tasks and a deadline timeline.
  const std::string name = api("/api/departments")[0]["department"];
  std::string dep_url = "/department?name=";
  for (unsigned char c : name) {
    char b[4];
    std::snprintf(b, sizeof b, "%%%02X", c);
    dep_url += b;
  }
  std::string dep = dom(dep_url);
  EXPECT_NE(dep.find("<h1>" + name + "</h1>"), std::string::npos);
  EXPECT_NE(dep.find("id=\"tasks\""), std::string::npos);
  screenshot(dep_url, "department");

  // Targets: the table, its chart and the CSV link.
  std::string targets = dom("/targets");
  EXPECT_GT(count(targets, "<tr>"), 5u);
  EXPECT_NE(targets.find("<svg class=\"bars\""), std::string::npos);
  EXPECT_NE(targets.find("href=\"/targets.csv"), std::string::npos);
  screenshot("/targets", "targets");
}
