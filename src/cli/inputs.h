// Expands the PATH arguments of `ingest` into the list of files to read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace policydb::cli {

struct Input {
  std::string path;
  std::string error;  // non-empty: cannot be read (becomes a failed document)
  uintmax_t bytes = 0;  // size when collected; 0 with an error
};

// Files are taken as given; folders are walked recursively (symbolic links
// followed, loops detected and skipped), hidden files and folders skipped.
// The result is sorted by path so runs are reproducible. A missing path is
// an Input with an error. Each path is looked up once (stat), which gives
// both its type and its size.
//
// In folders, files whose extension is not a notice format (MANIFEST.tsv,
// data.csv) go to `skipped` instead, unless `all_files`; a file named on
// the command line is always read.
std::vector<Input> collect_inputs(const std::vector<std::string>& paths, bool all_files = true,
                                  std::vector<std::string>* skipped = nullptr);

// The first of `paths` that does not exist, or "" (a usage error: nothing
// is read or written).
std::string first_missing(const std::vector<std::string>& paths);

}  // namespace policydb::cli
