// Small text-layout helpers shared by the readers that build lines from
// structured documents (HTML, Word): how pieces of one cell join.
#include "common/text.h"
#include "ingest/formats.h"

namespace policydb::ingest::detail {

bool wide_char(char32_t cp) { return text::is_cjk(cp) || text::is_cjk_punct(cp); }

std::string one_line(std::string_view lines) {
  std::string one;
  one.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const char c = lines[i];
    if (c != '\n' && c != '\t' && c != '\f') {
      one.push_back(c);
      continue;
    }
    size_t q = i + 1;
    const char32_t before = text::last_char(lines.substr(0, i));
    const char32_t after = q < lines.size() ? text::decode(lines, q) : 0;
    if (!one.empty() && one.back() != ' ' && after && !wide_char(before) && !wide_char(after))
      one.push_back(' ');
  }
  return std::string(text::trim(one));
}

}  // namespace policydb::ingest::detail
