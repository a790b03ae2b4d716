// HTML building blocks of the web pages: escaping (every piece of document
// text goes through escape()), URL encoding, the page frame, SVG bar charts.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/browse.h"

namespace policydb::serve {

using store::Json;
using Params = std::map<std::string, std::string>;

// Text as HTML text or attribute value: & < > " ' escaped, invalid UTF-8
// and control characters (but \n, \t) replaced by U+FFFD.
std::string escape(std::string_view s);
inline std::string escape(const std::string& s) { return escape(std::string_view(s)); }
inline std::string escape(const char* s) { return escape(std::string_view(s)); }
// A JSON value (string, number, null) as escaped text.
std::string escape(const Json& v);
// A search snippet: escaped, its 【hit】 marks turned into <mark>.
std::string snippet_html(std::string_view snippet);
// Percent-encoding of a query-string value.
std::string url_encode(std::string_view s);
// "?k=v&…" of the non-empty params.
std::string query_string(const Params& p);
// Valid UTF-8 (invalid bytes → U+FFFD), for parameters and JSON output.
std::string sanitize(std::string_view s);

// The whole page: head, navigation, `body`, scripts. `title` is text.
std::string page(std::string_view title, std::string_view active, const std::string& body);

struct Bar {
  std::string label;
  double value = 0;
  std::string href;  // optional link
  bool muted = false;
};
// A horizontal SVG bar chart, labels escaped; empty bars → a "no data" note.
std::string bar_chart(std::string_view caption, const std::vector<Bar>& bars);
// A table of JSON rows: the given columns (key, heading), cells escaped;
// class "sortable" lets app.js sort it by a click on a heading.
std::string table(const Json& rows, const std::vector<std::pair<std::string, std::string>>& cols,
                  std::string_view id = "");

// Built-in assets.
extern const char* const kAppCss;
extern const char* const kAppJs;

}  // namespace policydb::serve
