// `policydb serve`: a local web interface over a policydb database (issue
// 21). Server-rendered HTML pages, a JSON API behind each, assets built in.
#pragma once

#include <string>

namespace policydb::serve {

struct ServeConfig {
  std::string db = "output/policy.db";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;
};

// Serves until the process is stopped; returns 2 if the database cannot be
// opened or the address cannot be bound.
int run_serve(const ServeConfig& config);

}  // namespace policydb::serve
