#include "cli/inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <system_error>

#include <cerrno>
#include <sys/stat.h>

namespace policydb::cli {
namespace fs = std::filesystem;
namespace {

bool hidden(const fs::path& p) {
  auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// One stat() (following symbolic links) for a path's type and size:
// std::filesystem would need one call for each.
struct PathInfo {
  std::error_code error;  // set: missing, dangling, looping or not permitted
  bool directory = false;
  uintmax_t bytes = 0;
};

PathInfo look_up(const fs::path& p) {
  PathInfo info;
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) {
    info.error = std::error_code(errno, std::generic_category());
    return info;
  }
  info.directory = S_ISDIR(st.st_mode);
  info.bytes = info.directory ? 0 : static_cast<uintmax_t>(st.st_size);
  return info;
}

// Extensions of the formats notices come in (read or recognised by ingest).
bool notice_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* e : {".pdf", ".txt", ".text", ".htm", ".html", ".shtml", ".docx"})
    if (ext == e) return true;
  return false;
}

struct Walk {
  bool all_files = true;
  std::vector<std::string>* skipped = nullptr;
  std::set<fs::path> seen_dirs;
};

void walk(const fs::path& dir, Walk& w, std::vector<Input>& out) {
  auto& seen_dirs = w.seen_dirs;
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (ec) {
    out.push_back({dir.string(), "cannot resolve folder: " + ec.message()});
    return;
  }
  if (!seen_dirs.insert(canonical).second) return;  // a symlink loop or a folder seen twice
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
       it.increment(ec))
    entries.push_back(it->path());
  if (ec) {
    out.push_back({dir.string(), "cannot list folder: " + ec.message()});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& p : entries) {
    if (hidden(p)) continue;
    const PathInfo info = look_up(p);
    if (info.error) {
      // Dangling or looping symlink, or no permission to stat it.
      out.push_back({p.string(), "cannot read: " + info.error.message()});
      continue;
    }
    if (info.directory)
      walk(p, w, out);
    else if (w.all_files || notice_extension(p))
      out.push_back({p.string(), "", info.bytes});
    else if (w.skipped)
      w.skipped->push_back(p.string());
  }
}

}  // namespace

std::string first_missing(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) return p;
  }
  return {};
}

std::vector<Input> collect_inputs(const std::vector<std::string>& paths, bool all_files,
                                  std::vector<std::string>* skipped) {
  std::vector<Input> out;
  Walk w{all_files, skipped, {}};
  for (const auto& arg : paths) {
    const PathInfo info = look_up(arg);
    if (info.error) {
      out.push_back({arg, "no such file or folder"});
    } else if (info.directory) {
      walk(arg, w, out);
    } else {
      out.push_back({arg, "", info.bytes});
    }
  }
  // One input per file however it was reached (corpus, ./corpus/,
  // /abs/corpus): the first path given, by canonical path.
  std::set<fs::path> seen_files;
  std::vector<Input> unique;
  for (auto& in : out) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(fs::absolute(in.path), ec);
    if (ec || seen_files.insert(key).second) unique.push_back(std::move(in));
  }
  std::sort(unique.begin(), unique.end(),
            [](const Input& a, const Input& b) { return a.path < b.path; });
  return unique;
}

}  // namespace policydb::cli
