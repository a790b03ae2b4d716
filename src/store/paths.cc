// Document identity (issue 20): a document is its bytes (SHA-256); the
// paths it was found at are listed in document_paths (schema step 6). The
// same file reached by another path, a copy and a moved file all land on
// the one document; a file changed in place replaces the document that
// held its path when no other path still holds it.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "store/internal.h"
#include "store/store.h"

namespace policydb::store {
namespace fs = std::filesystem;
using internal::ResetOnExit;

namespace internal {

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) return path;
  fs::path canonical = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal().string() : canonical.string();
}

namespace {
bool on_disk(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}
}  // namespace

std::string basename_of(const std::string& path) { return fs::path(path).filename().string(); }

}  // namespace internal

std::optional<int64_t> Database::Impl::document_by_sha(const std::string& sha) {
  if (sha.empty()) return std::nullopt;
  ResetOnExit reset(find_by_sha);
  find_by_sha.text(1, sha);
  if (find_by_sha.step() != SQLITE_ROW) return std::nullopt;
  return find_by_sha.column_int(0);
}

std::vector<std::string> Database::Impl::paths_of(int64_t document) {
  ResetOnExit reset(select_paths);
  select_paths.integer(1, document);
  std::vector<std::string> out;
  while (select_paths.step() == SQLITE_ROW) out.push_back(select_paths.column_text(0));
  return out;
}

std::string Database::Impl::source_of(int64_t document) {
  ResetOnExit reset(select_source);
  select_source.integer(1, document);
  return select_source.step() == SQLITE_ROW ? select_source.column_text(0) : std::string();
}

Status Database::Impl::delete_document_rows(int64_t document) {
  // Not indexed yet (this batch's): index it first, so the delete triggers
  // remove from the indexes what is in them.
  if (std::find(unindexed.begin(), unindexed.end(), document) != unindexed.end()) {
    if (auto st = index_documents(unindexed); !st.ok()) return st;
    unindexed.clear();
  }
  for (auto& records : delete_records) {
    records.integer(1, document);
    if (auto st = records.run(); !st.ok()) return st;
  }
  delete_document.integer(1, document);
  return delete_document.run();
}

Status Database::Impl::release_path(const std::string& path, const std::string& source,
                                    std::optional<int64_t> keep) {
  std::vector<int64_t> holders;
  {
    ResetOnExit reset(find_holders);
    find_holders.text(1, path).text(2, source);
    while (find_holders.step() == SQLITE_ROW) holders.push_back(find_holders.column_int(0));
  }
  for (int64_t h : holders) {
    if (keep && h == *keep) continue;
    unlink_path.text(1, path).integer(2, h);
    if (auto st = unlink_path.run(); !st.ok()) return st;
    std::vector<std::string> remaining;
    for (auto& p : paths_of(h))
      if (internal::on_disk(p)) remaining.push_back(std::move(p));
    // The file at this path changed: the old content is nowhere else.
    if (remaining.empty()) {
      if (auto st = delete_document_rows(h); !st.ok()) return st;
      continue;
    }
    const std::string old_source = source_of(h);
    if (old_source == source || !internal::on_disk(old_source)) {
      set_source.integer(1, h).text(2, remaining.front()).text(3,
                                                               internal::basename_of(remaining.front()));
      if (auto st = set_source.run(); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

Status Database::Impl::link_path(int64_t document, const std::string& path) {
  insert_path.text(1, path).integer(2, document);
  return insert_path.run();
}

Status Database::record_path(const std::string& source, const std::string& sha256) {
  Impl& m = *impl_;
  if (auto st = m.prepare_put(); !st.ok()) return st;
  const auto document = m.document_by_sha(sha256);
  if (!document) return Status::Ok();
  const std::string path = internal::canonical_path(source);
  const auto paths = m.paths_of(*document);
  if (std::find(paths.begin(), paths.end(), path) != paths.end() &&
      internal::on_disk(m.source_of(*document)))
    return Status::Ok();  // nothing new: the common case of an unchanged re-run

  if (auto st = internal::exec(m.db, "SAVEPOINT path"); !st.ok()) return st;
  Status st = m.release_path(path, source, document);
  if (st.ok()) st = m.link_path(*document, path);
  // A path the bytes are no longer at: the file was moved or removed.
  for (const auto& p : paths) {
    if (!st.ok() || p == path || internal::on_disk(p)) continue;
    m.unlink_path.text(1, p).integer(2, *document);
    st = m.unlink_path.run();
  }
  if (st.ok() && !internal::on_disk(m.source_of(*document))) {
    m.set_source.integer(1, *document).text(2, source).text(3, internal::basename_of(source));
    st = m.set_source.run();
  }
  if (!st.ok()) {
    internal::exec(m.db, "ROLLBACK TO path");
    internal::exec(m.db, "RELEASE path");
    return Status::Error(source + ": recording its path: " + st.message());
  }
  return internal::exec(m.db, "RELEASE path");
}

Result<std::vector<std::string>> Database::document_paths(const std::string& source) {
  Impl& m = *impl_;
  if (auto st = m.prepare_put(); !st.ok()) return st;
  internal::Stmt s(m.db, "SELECT id FROM documents WHERE source = ?1");
  if (!s.ok()) return Status::Error(s.error());
  s.text(1, source);
  if (s.step() != SQLITE_ROW) return Status::Error("no document " + source);
  return m.paths_of(s.column_int(0));
}

}  // namespace policydb::store
