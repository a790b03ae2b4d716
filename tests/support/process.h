// Test support: run the policydb binary (or a stock tool) and capture its
// exit code, stdout and stderr; make and remove temporary folders.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace policydb::testing {

struct Output {
  int code = -1;
  std::string out, err;
};

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs argv[0] with arguments through /bin/sh, stdout and stderr captured
// into files (tests only: the product itself never shells out).
inline Output run(const std::vector<std::string>& argv, const std::string& cwd = "") {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("policydb-run-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  std::string cmd;
  if (!cwd.empty()) cmd += "cd " + quote(cwd) + " && ";
  for (const auto& a : argv) cmd += quote(a) + " ";
  cmd += "</dev/null >" + quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  Output o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(dir / "out");
  o.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return o;
}

// Runs the binary from the source tree, as a user following the README would
// (relative defaults such as rules/ resolve there).
inline Output run_policydb(std::vector<std::string> args,
                           const std::string& cwd = POLICYDB_SOURCE_DIR) {
  args.insert(args.begin(), POLICYDB_BINARY);
  return run(args, cwd);
}

// A fresh temporary folder removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("policydb-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline bool shared_available() {
  return std::filesystem::exists(std::filesystem::path(POLICYDB_SHARED_DIR) / "gold");
}

// Lines of `s` (without the trailing empty one).
inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace policydb::testing
