// Test support: fixed samples of the real PDFs in ../shared/pdf (empty when
// ../shared is not beside the repository: callers skip).
#pragma once

#include <algorithm>
#include <filesystem>
#include <vector>

namespace policydb::testing {

// Every `step`-th PDF of ../shared/pdf in name order.
inline std::vector<std::filesystem::path> shared_pdf_sample(size_t step) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(POLICYDB_SHARED_DIR) / "pdf";
  std::vector<fs::path> all;
  if (!fs::is_directory(dir)) return all;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") all.push_back(e.path());
  std::sort(all.begin(), all.end());
  std::vector<fs::path> sample;
  for (size_t i = 0; i < all.size(); i += step) sample.push_back(all[i]);
  return sample;
}

}  // namespace policydb::testing
