// The pages: each renders the JSON answer of its API route as HTML (the
// whole page, via html.h's page()).
#pragma once

#include <string>

#include "serve/html.h"

namespace policydb::serve {

std::string search_page(const Params& params, const Json& result, const std::string& error);
std::string document_page(const Json& doc, bool has_file);
std::string department_page(const Json& dep);
std::string departments_page(const Json& rows);
std::string targets_page(const Params& params, const Json& rows);
// `today` is YYYY-MM: deadlines from then on are "upcoming".
std::string deadlines_page(const Params& params, const Json& rows, const std::string& today);
std::string overview_page(const Json& overview);
// The rows as CSV (RFC 4180; cells that a spreadsheet would read as a
// formula are prefixed with ').
std::string to_csv(const Json& rows);

}  // namespace policydb::serve
