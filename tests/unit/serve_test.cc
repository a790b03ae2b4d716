// `policydb serve` on a database built from corpus/ plus a notice full of
// HTML: every page and API route answers, facet counts add up, document
// text is escaped, bad requests get 4xx and the server survives them and a
// bounded loopback load (issue 21).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/process.h"
#include "support/serve.h"

namespace fs = std::filesystem;
using nlohmann::json;
using policydb::testing::run_policydb;
using policydb::testing::ServeProcess;
using policydb::testing::TempDir;

namespace {

const std::string kXss = std::string(POLICYDB_SOURCE_DIR) + "/tests/data/serve/xss_notice.txt";

class Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    db_ = (tmp_->path() / "serve.db").string();
    auto o = run_policydb({"ingest", "--db", db_, "corpus", kXss});
    ASSERT_EQ(o.code, 0) << o.err;
    server_ = new ServeProcess(POLICYDB_BINARY, db_, POLICYDB_SOURCE_DIR);
    ASSERT_TRUE(server_->ready()) << "serve did not start";
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tmp_;
  }
  static json api(const std::string& target) {
    auto r = server_->get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
    return json::parse(r.body, nullptr, false);
  }
  static int64_t xss_document_id() {
    auto o = api("/api/overview");
    for (const auto& d : o["documents"])
      if (d["source"] == "xss_notice.txt") return d["id"].get<int64_t>();
    return -1;
  }
  static int sum(const json& facet) {
    int n = 0;
    for (const auto& f : facet) n += f["count"].get<int>();
    return n;
  }

  static TempDir* tmp_;
  static std::string db_;
  static ServeProcess* server_;
};
TempDir* Serve::tmp_ = nullptr;
std::string Serve::db_;
ServeProcess* Serve::server_ = nullptr;

}  // namespace

// 1, 2 and 3+ characters, and a phrase: hits with marked snippets, a total
// that the region, document and type facets add up to.
TEST_F(Serve, SearchApiAnswersQueriesOfAnyLengthWithFacetsThatAddUp) {
  for (const std::string q : {"%E7%A2%B3", "%E8%8A%82%E8%83%BD", "%E7%A2%B3%E8%BE%BE%E5%B3%B0",
                              "%E7%BB%BF%E8%89%B2%20%E5%BB%BA%E7%AD%91"}) {
    SCOPED_TRACE(q);
    json r = api("/api/search?q=" + q);
    ASSERT_TRUE(r.is_object());
    const int total = r["total"].get<int>();
    EXPECT_GT(total, 0);
    ASSERT_FALSE(r["hits"].empty());
    EXPECT_NE(r["hits"][0]["snippet"].get<std::string>().find("【"), std::string::npos);
    EXPECT_GT(r["hits"][0]["page"].get<int>(), 0);
    if (r["total_capped"].get<bool>()) continue;
    EXPECT_EQ(sum(r["facets"]["region"]), total);
    EXPECT_EQ(sum(r["facets"]["document"]), total);
    EXPECT_EQ(r["facets"]["type"][0]["count"].get<int>(), total);  // clause, the type asked
  }
}

TEST_F(Serve, SearchFiltersByFacetAndPagesWithoutOverlap) {
  json all = api("/api/search?q=%E7%A2%B3");
  ASSERT_GT(all["total"].get<int>(), 20);
  const std::string region = all["facets"]["region"][0]["key"];
  const int count = all["facets"]["region"][0]["count"];
  json one = api("/api/search?q=%E7%A2%B3&region=" + region);  // UTF-8 sent raw
  EXPECT_EQ(one["total"].get<int>(), count);
  json p2 = api("/api/search?q=%E7%A2%B3&page=2");
  ASSERT_FALSE(p2["hits"].empty());
  for (const auto& a : all["hits"])
    for (const auto& b : p2["hits"])
      EXPECT_FALSE(a["record_id"] == b["record_id"] && a["document_id"] == b["document_id"]);
  json targets = api("/api/search?q=%E8%83%BD%E8%80%97&type=target");
  EXPECT_GT(targets["total"].get<int>(), 0);
  EXPECT_TRUE(targets["hits"][0]["record"].contains("indicator"));
}

// The notice's <script> and "><img onerror=…> come back as text.
TEST_F(Serve, DocumentTextIsEscapedEverywhere) {
  const int64_t id = xss_document_id();
  ASSERT_GT(id, 0);
  for (const std::string& target :
       std::vector<std::string>{"/documents/" + std::to_string(id), "/search?q=alert", "/", "/targets", "/deadlines",
        "/departments"}) {
    SCOPED_TRACE(target);
    auto r = server_->get(target);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(r.body.find("<img"), std::string::npos);
    EXPECT_EQ(r.body.find("onerror=alert(2)>"), std::string::npos);
  }
  auto doc = server_->get("/documents/" + std::to_string(id));
  EXPECT_NE(doc.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(doc.body.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  auto search = server_->get("/search?q=alert");
  EXPECT_NE(search.body.find("&lt;script&gt;<mark>alert</mark>(1)"), std::string::npos);
}

// Targets, deadlines and assignments are marked in place and listed beside.
TEST_F(Serve, DocumentPageHighlightsRecordsInPlace) {
  json docs = api("/api/overview")["documents"];
  int marked = 0;
  for (const auto& d : docs) {
    if (d["targets"].get<int>() == 0) continue;
    auto page = server_->get("/documents/" + std::to_string(d["id"].get<int64_t>()));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<mark class=\"t\" id=\"t"), std::string::npos) << d["source"];
    EXPECT_NE(page.body.find("href=\"#t"), std::string::npos);
    EXPECT_NE(page.body.find("class=\"page-no\""), std::string::npos);
    ++marked;
  }
  EXPECT_GT(marked, 0);
  json one = api("/api/documents/" + std::to_string(docs[0]["id"].get<int64_t>()));
  EXPECT_FALSE(one["clauses"].empty());
  EXPECT_FALSE(one["sections"].empty());
}

TEST_F(Serve, TablesDepartmentsAndCsvAnswer) {
  json targets = api("/api/targets?year=2025");
  ASSERT_FALSE(targets.empty());
  for (const auto& t : targets) EXPECT_EQ(t["target_year"], 2025);
  auto csv = server_->get("/targets.csv?year=2025");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("id,document_id,source", 0), 0u);
  json deps = api("/api/departments");
  ASSERT_FALSE(deps.empty());
  const std::string name = deps[0]["department"];
  std::string enc;
  for (unsigned char c : name) {
    char b[4];
    std::snprintf(b, sizeof b, "%%%02X", c);
    enc += b;
  }
  json dep = api("/api/department?name=" + enc);
  EXPECT_EQ(dep["department"]["name"], name);
  EXPECT_FALSE(dep["tasks"].empty());
  EXPECT_EQ(server_->get("/department?name=" + enc).status, 200);
  EXPECT_EQ(server_->get("/api/department?name=nobody").status, 404);
}

// The original file is served only from documents.source.
TEST_F(Serve, OriginalFileOnlyFromRecordedSource) {
  json docs = api("/api/overview")["documents"];
  const json& d = docs[0];
  const fs::path file = fs::path(POLICYDB_SOURCE_DIR) / "corpus" / d["source"].get<std::string>();
  ASSERT_TRUE(fs::exists(file)) << file;
  auto f = server_->get("/documents/" + std::to_string(d["id"].get<int64_t>()) + "/file");
  EXPECT_EQ(f.status, 200);
  EXPECT_EQ(f.body.size(), fs::file_size(file));
  for (const std::string bad : {"/documents/999999/file", "/documents/1/../../../etc/passwd",
                                "/%2e%2e/%2e%2e/etc/passwd", "/corpus/", "/assets/",
                                "/documents/1/file/../../CMakeLists.txt"}) {
    EXPECT_EQ(server_->get(bad).status, 404) << bad;
  }
}

TEST_F(Serve, SurvivesBadRequests) {
  const std::string huge_q(5000, 'a');
  EXPECT_EQ(server_->get("/search?q=" + huge_q).status, 400);
  EXPECT_EQ(server_->get("/api/search?q=" + huge_q).status, 400);
  EXPECT_EQ(server_->get("/search?q=" + std::string(20000, 'b')).status, 414);
  EXPECT_EQ(server_->get("/api/search?q=%E7%A2%B3&type=nonsense").status, 400);
  auto bad_utf8 = server_->get("/api/search?q=%FF%FE%E7%A2");
  EXPECT_EQ(bad_utf8.status, 200);
  EXPECT_TRUE(json::parse(bad_utf8.body, nullptr, false).is_object());
  auto raw_utf8 = server_->get("/search?q=\xff\xfe\x80");
  EXPECT_LT(raw_utf8.status, 500);
  for (const std::string t : {"/%", "/%zz", "/search?q=%", "/search?%%%=&&&", "/documents/abc",
                              "/documents/99999999999999999999", "/api/documents/0",
                              "/search?page=-5&q=%E7%A2%B3", "/search?year=99999999999&q=x",
                              "//", "/api/search?q=%22%22%22"}) {
    auto r = server_->get(t);
    EXPECT_GE(r.status, 200) << t;
    EXPECT_LT(r.status, 500) << t;
  }
  EXPECT_TRUE(server_->alive());
  EXPECT_EQ(server_->get("/").status, 200);
}

// 50 concurrent clients × 20 requests over the pages and the API.
TEST_F(Serve, BoundedLoopbackLoadFinishesWithoutError) {
  const std::vector<std::string> targets = {
      "/api/search?q=%E7%A2%B3", "/api/search?q=%E8%8A%82%E8%83%BD&type=assignment",
      "/search?q=%E7%A2%B3%E8%BE%BE%E5%B3%B0", "/documents/1", "/api/overview", "/targets",
      "/deadlines", "/departments", "/api/documents/2", "/search?q=%E7%A2%B3&page=3"};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 50; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 20; ++i) {
        auto r = server_->get(targets[(c + i) % targets.size()]);
        (r.status == 200 ? ok : failed)++;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 1000);
  EXPECT_TRUE(server_->alive());
}

TEST(ServeStartup, RefusesAFileThatIsNotADatabase) {
  TempDir tmp;
  const auto bogus = tmp.path() / "x.db";
  { std::ofstream(bogus) << "not a database"; }
  auto o = run_policydb({"serve", "--db", bogus.string(), "--port", "1"});
  EXPECT_EQ(o.code, 2);
  auto missing = run_policydb({"serve", "--db", (tmp.path() / "none.db").string(), "--port", "1"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_FALSE(fs::exists(tmp.path() / "none.db"));  // read-only: nothing created
}
