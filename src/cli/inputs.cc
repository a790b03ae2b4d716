#include "cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace policydb::cli {
namespace fs = std::filesystem;
namespace {

bool hidden(const fs::path& p) {
  auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void walk(const fs::path& dir, std::set<fs::path>& seen_dirs, std::vector<Input>& out) {
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
    std::error_code sec;
    auto st = fs::status(p, sec);
    if (sec) {
      // Dangling or looping symlink, or no permission to stat it.
      out.push_back({p.string(), "cannot read: " + sec.message()});
      continue;
    }
    if (fs::is_directory(st))
      walk(p, seen_dirs, out);
    else
      out.push_back({p.string(), ""});
  }
}

}  // namespace

std::vector<Input> collect_inputs(const std::vector<std::string>& paths) {
  std::vector<Input> out;
  std::set<fs::path> seen_dirs;
  for (const auto& arg : paths) {
    std::error_code ec;
    auto st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      out.push_back({arg, "no such file or folder"});
    } else if (fs::is_directory(st)) {
      walk(arg, seen_dirs, out);
    } else {
      out.push_back({arg, ""});
    }
  }
  std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Input& a, const Input& b) { return a.path == b.path; }),
            out.end());
  return out;
}

}  // namespace policydb::cli
