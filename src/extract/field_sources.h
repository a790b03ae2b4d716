// Where each document field was read from (Metadata::sources): pairs in the
// order read, joined into "field=source;…" only where the store writes them.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policydb::extract {

struct FieldSources {
  std::vector<std::pair<std::string, std::string>> items;  // (field, source)

  void add(std::string_view field, std::string_view source) { items.emplace_back(field, source); }
  // The field's value was replaced: its earlier source goes, the new one is last.
  void replace(std::string_view field, std::string_view source) {
    std::erase_if(items, [&](const auto& item) { return item.first == field; });
    add(field, source);
  }
  bool has(std::string_view field) const {
    return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.first == field; });
  }
  // "title=title_line;issue_date=signature": the documents.fields_source column.
  std::string joined() const {
    std::string out;
    for (const auto& [field, source] : items) out.append(out.empty() ? "" : ";").append(field).append("=").append(source);
    return out;
  }
};

}  // namespace policydb::extract
