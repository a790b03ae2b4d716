// The HTTP server: routes, parameters, limits. The only user of cpp-httplib.
// Every request borrows a read-only Reader from a small pool (a Reader is
// one SQLite connection, used by one thread at a time).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include "serve/pages.h"
#include "serve/serve.h"

namespace policydb::serve {
namespace {

constexpr size_t kMaxParam = 1000;  // bytes of any one parameter (a query: ~330 characters)
constexpr int kReaders = 4;
constexpr int kPageSize = 20;
constexpr int kMaxPage = 100;       // paging stops at Reader::kMaxScan hits anyway

class ReaderPool {
 public:
  Status open(const std::string& path, int n) {
    for (int i = 0; i < n; ++i) {
      auto r = store::Reader::open(path);
      if (!r.ok()) return r.status();
      free_.push_back(std::move(r).value());
    }
    return Status::Ok();
  }
  // A Reader for the duration of `fn`.
  template <class Fn>
  auto with(Fn fn) {
    std::unique_ptr<store::Reader> r;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !free_.empty(); });
      r = std::move(free_.back());
      free_.pop_back();
    }
    struct Back {
      ReaderPool* pool;
      std::unique_ptr<store::Reader>& r;
      ~Back() {
        std::lock_guard lock(pool->mu_);
        pool->free_.push_back(std::move(r));
        pool->cv_.notify_one();
      }
    } back{this, r};
    return fn(*r);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<store::Reader>> free_;
};

// Parameters as valid UTF-8; nullopt if one is too long.
std::optional<Params> params_of(const httplib::Request& req) {
  Params p;
  for (const auto& [k, v] : req.params) {
    if (v.size() > kMaxParam || k.size() > 64) return std::nullopt;
    p[sanitize(k)] = sanitize(v);
  }
  return p;
}

int int_param(const Params& p, const std::string& k, int lo, int hi, int fallback) {
  const std::string v = param(p, k);
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi) return fallback;
  return n;
}

void send_json(httplib::Response& res, const Json& j) {
  res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message, bool api) {
  res.status = status;
  if (api) {
    send_json(res, Json{{"error", message}});
  } else {
    res.set_content(page("Error", "", "<h1>" + std::to_string(status) + "</h1><p>" +
                                          escape(message) + "</p>"),
                    "text/html; charset=utf-8");
  }
}

bool is_api(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

// Runs a Reader call and sends its JSON or HTML; errors → 500, null → 404.
template <class Query, class Render>
void answer(ReaderPool& pool, const httplib::Request& req, httplib::Response& res, Query query,
            Render render) {
  Result<Json> r = pool.with(query);
  const bool api = is_api(req);
  if (!r.ok()) return send_error(res, 500, r.status().message(), api);
  if (r.value().is_null()) return send_error(res, 404, "not found", api);
  if (api) return send_json(res, r.value());
  res.set_content(render(r.value()), "text/html; charset=utf-8");
}

std::optional<store::SearchPageQuery> search_query(const Params& p, std::string& error) {
  static const std::set<std::string> types = {"", "clause", "target", "assignment", "deadline"};
  store::SearchPageQuery q;
  q.query.text = param(p, "q");
  q.query.type = param(p, "type");
  q.query.region = param(p, "region");
  q.query.department = param(p, "department");
  std::optional<extract::Role> role = extract::parse_role(param(p, "role"));
  if (role) q.query.role = *role;
  q.query.doc = param(p, "doc");
  q.query.year = int_param(p, "year", 0, 9999, 0);
  q.page_size = kPageSize;
  q.offset = (int_param(p, "page", 1, kMaxPage, 1) - 1) * kPageSize;
  if (!types.count(q.query.type)) error = "type: clause, target, assignment or deadline";
  if (!role) error = "role: lead, support, responsible or implement";
  if (!error.empty()) return std::nullopt;
  return q;
}

store::TableFilter table_filter(const Params& p) {
  store::TableFilter f;
  f.text = param(p, "text");
  f.region = param(p, "region");
  f.doc = param(p, "doc");
  f.year = int_param(p, "year", 0, 9999, 0);
  return f;
}

std::string this_month() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m", &tm);
  return buf;
}

void add_routes(httplib::Server& s, ReaderPool& pool);

}  // namespace

int run_serve(const ServeConfig& config) {
  ReaderPool pool;
  if (auto st = pool.open(config.db, kReaders); !st.ok()) {
    spdlog::error("{}", st.message());
    return 2;
  }
  httplib::Server s;
  s.set_default_headers({{"Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'"},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"}});
  s.set_payload_max_length(1 << 16);
  s.set_read_timeout(10);
  s.set_keep_alive_timeout(1);  // also how long a refused over-long request line lingers
  s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal error", is_api(req));
  });
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, res.status, res.status == 404 ? "not found" : "bad request", is_api(req));
        return httplib::Server::HandlerResponse::Handled;
      }));
  add_routes(s, pool);
  spdlog::info("serving {} on http://{}:{}/", config.db, config.host, config.port);
  if (!s.listen(config.host, config.port)) {
    spdlog::error("cannot listen on {}:{}", config.host, config.port);
    return 2;
  }
  return 0;
}

namespace {

// One job, the route table (~100 lines): each route parses its parameters
// and hands one Reader call and one page renderer to answer(); splitting it
// would scatter the table without making any route shorter.
void add_routes(httplib::Server& s, ReaderPool& pool) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  // Every route reads its parameters first: one too long is a 400.
  auto with_params = [](auto handler) {
    return [handler](Req req, Res res) {
      auto p = params_of(req);
      if (!p) return send_error(res, 400, "parameter too long", is_api(req));
      handler(req, res, *p);
    };
  };

  s.Get("/assets/app.css", [](Req, Res res) { res.set_content(kAppCss, "text/css"); });
  s.Get("/assets/app.js", [](Req, Res res) { res.set_content(kAppJs, "text/javascript"); });

  for (const char* path : {"/", "/api/overview"}) {
    s.Get(path, with_params([&pool](Req req, Res res, const Params&) {
      answer(pool, req, res, [](store::Reader& r) { return r.overview(); }, overview_page);
    }));
  }
  for (const char* path : {"/search", "/api/search"}) {
    s.Get(path, with_params([&pool](Req req, Res res, const Params& p) {
      std::string error;
      auto q = search_query(p, error);
      if (!q) {
        if (is_api(req)) return send_error(res, 400, error, true);
        res.status = 400;
        return res.set_content(search_page(p, nullptr, error), "text/html; charset=utf-8");
      }
      if (!is_api(req) && param(p, "q").empty() && p.size() <= 1) {
        return res.set_content(search_page(p, nullptr, ""), "text/html; charset=utf-8");
      }
      answer(pool, req, res, [&](store::Reader& r) { return r.search(*q); },
             [&](const Json& j) { return search_page(p, j, ""); });
    }));
  }
  for (const char* path : {R"(/documents/(\d{1,15}))", R"(/api/documents/(\d{1,15}))"}) {
    s.Get(path, with_params([&pool](Req req, Res res, const Params&) {
      const int64_t id = std::stoll(req.matches[1].str());
      bool has_file = false;
      answer(pool, req, res,
             [&](store::Reader& r) -> Result<Json> {
               auto src = r.document_source(id);
               std::error_code ec;
               has_file = src.ok() && !src.value().empty() &&
                          std::filesystem::is_regular_file(src.value(), ec);
               return r.document(id);
             },
             [&](const Json& j) { return document_page(j, has_file); });
    }));
  }
  // The original file: only a path recorded in documents.source, never one
  // taken from the URL.
  s.Get(R"(/documents/(\d{1,15})/file)", [&pool](Req req, Res res) {
    const int64_t id = std::stoll(req.matches[1].str());
    auto src = pool.with([&](store::Reader& r) { return r.document_source(id); });
    std::error_code ec;
    if (!src.ok() || src.value().empty() || !std::filesystem::is_regular_file(src.value(), ec))
      return send_error(res, 404, "no such file", false);
    std::ifstream in(src.value(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string& path = src.value();
    const bool pdf = path.size() > 4 && path.compare(path.size() - 4, 4, ".pdf") == 0;
    res.set_content(ss.str(), pdf ? "application/pdf" : "text/plain; charset=utf-8");
  });
  for (const char* path : {"/departments", "/api/departments"}) {
    s.Get(path, with_params([&pool](Req req, Res res, const Params&) {
      answer(pool, req, res, [](store::Reader& r) { return r.departments(); }, departments_page);
    }));
  }
  for (const char* path : {"/department", "/api/department"}) {
    s.Get(path, with_params([&pool](Req req, Res res, const Params& p) {
      const std::string name = param(p, "name");
      answer(pool, req, res, [&](store::Reader& r) { return r.department(name); }, department_page);
    }));
  }
  for (const char* kind : {"targets", "deadlines"}) {
    const bool targets = std::string(kind) == "targets";
    auto query = [targets](const Params& p) {
      return [targets, f = table_filter(p)](store::Reader& r) {
        return targets ? r.targets(f) : r.deadlines(f);
      };
    };
    s.Get(std::string("/") + kind, with_params([&pool, query, targets](Req req, Res res, const Params& p) {
      answer(pool, req, res, query(p), [&](const Json& rows) {
        return targets ? targets_page(p, rows) : deadlines_page(p, rows, this_month());
      });
    }));
    s.Get(std::string("/api/") + kind, with_params([&pool, query](Req req, Res res, const Params& p) {
      answer(pool, req, res, query(p), [](const Json&) { return std::string(); });
    }));
    s.Get(std::string("/") + kind + ".csv", with_params([&pool, query, kind](Req, Res res, const Params& p) {
      Result<Json> r = pool.with(query(p));
      if (!r.ok()) return send_error(res, 500, r.status().message(), false);
      res.set_header("Content-Disposition", std::string("attachment; filename=\"") + kind + ".csv\"");
      res.set_content(to_csv(r.value()), "text/csv; charset=utf-8");
    }));
  }
}

}  // namespace
}  // namespace policydb::serve
