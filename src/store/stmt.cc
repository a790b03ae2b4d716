// The statement wrapper and small helpers every store file uses.
#include <chrono>
#include <ctime>

#include "store/internal.h"

namespace policydb::store::internal {

// ---- Stmt -------------------------------------------------------------------

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    error_ = std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql.substr(0, 120));
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(other.stmt_), db_(other.db_), error_(std::move(other.error_)) {
  other.stmt_ = nullptr;
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    error_ = std::move(other.error_);
    other.stmt_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Stmt& Stmt::integer(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::real(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::text(int i, std::string_view v) {
  // SQLITE_TRANSIENT: callers bind temporaries freely; the copy is cheap
  // next to the index work each row costs.
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::opt_text(int i, std::string_view v) { return v.empty() ? null(i) : text(i, v); }
Stmt& Stmt::kept_text(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::opt_kept_text(int i, std::string_view v) {
  return v.empty() ? null(i) : kept_text(i, v);
}
Stmt& Stmt::opt_real(int i, const std::optional<double>& v) {
  return v ? real(i, *v) : null(i);
}
Stmt& Stmt::opt_int(int i, const std::optional<int>& v) { return v ? integer(i, *v) : null(i); }
Stmt& Stmt::opt_index(int i, int v) { return v < 0 ? null(i) : integer(i, v); }

int Stmt::step() { return sqlite3_step(stmt_); }

Status Stmt::run() {
  int rc;
  while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
  }
  Status st = rc == SQLITE_DONE ? Status::Ok()
                                : Status::Error(std::string(sqlite3_errmsg(db_)) + " (" +
                                                sqlite3_sql(stmt_) + ")");
  reset();
  return st;
}

void Stmt::reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::column_real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::column_text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
int Stmt::column_count() const { return sqlite3_column_count(stmt_); }
std::string Stmt::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n ? n : "";
}
int Stmt::column_type(int col) const { return sqlite3_column_type(stmt_, col); }

// ---- helpers ----------------------------------------------------------------

Status exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return Status::Error(m);
  }
  return Status::Ok();
}

Status db_error(sqlite3* db, std::string_view what) {
  return Status::Error(std::string(what) + ": " + sqlite3_errmsg(db));
}

std::string utc_now() {
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace policydb::store::internal
