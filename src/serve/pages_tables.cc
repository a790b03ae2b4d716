// Overview, departments, targets and deadlines: tables, charts, CSV.
#include <algorithm>
#include <map>
#include <string>

#include "serve/pages.h"

namespace policydb::serve {
namespace {

std::string get(const Params& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? "" : it->second;
}

std::string filter_form(const std::string& action, const Params& params) {
  std::string out = "<form class=\"filters\" action=\"" + action + "\" method=\"get\">";
  for (const auto& [k, label] : {std::pair("text", "text"), std::pair("region", "region"),
                                 std::pair("year", "year"), std::pair("doc", "document")}) {
    out += std::string("<input name=\"") + k + "\" placeholder=\"" + label + "\" value=\"" +
           escape(get(params, k)) + "\">";
  }
  return out + "<button>Filter</button> <a id=\"csv\" href=\"" + action + ".csv" +
         escape(query_string(params)) + "\">CSV</a></form>";
}

std::vector<Bar> bars_of(const std::map<std::string, int>& counts, size_t max = 40) {
  std::vector<Bar> bars;
  for (const auto& [k, n] : counts) bars.push_back({k.empty() ? "(none)" : k, double(n), "", false});
  if (bars.size() > max) bars.erase(bars.begin(), bars.end() - max);
  return bars;
}

std::vector<Bar> bars_of_facets(const Json& rows, const std::string& link_param = "") {
  std::vector<Bar> bars;
  for (const auto& r : rows) {
    const std::string k = r["key"].is_string() ? r["key"].get<std::string>() : "";
    bars.push_back({k.empty() ? "(none)" : k, r["count"].get<double>(),
                    link_param.empty() ? "" : "/search?" + link_param + "=" + url_encode(k), false});
  }
  return bars;
}

// SVG timeline: one row per deadline, a dot at its date on a shared axis.
std::string timeline(const Json& deadlines) {
  if (deadlines.empty()) return "<p class=\"note\">No dated deadlines.</p>";
  auto day = [](const std::string& iso) {  // days since 0000-01 (approximate, for layout)
    if (iso.size() < 10) return 0.0;
    return std::stoi(iso.substr(0, 4)) * 365.25 + std::stoi(iso.substr(5, 2)) * 30.44 +
           std::stoi(iso.substr(8, 2));
  };
  double lo = 1e18, hi = -1e18;
  for (const auto& x : deadlines) {
    const double d = day(x["end_date"].get<std::string>());
    lo = std::min(lo, d), hi = std::max(hi, d);
  }
  const double span = std::max(1.0, hi - lo);
  const int row = 16, left = 90, width = 420, n = std::min<int>(deadlines.size(), 200);
  std::string out = "<svg class=\"timeline\" width=\"" + std::to_string(left + width + 360) +
                    "\" height=\"" + std::to_string(n * row + 6) + "\">";
  for (int i = 0; i < n; ++i) {
    const auto& x = deadlines[i];
    const std::string end = x["end_date"].get<std::string>();
    const int cx = left + static_cast<int>(width * (day(end) - lo) / span);
    const int y = i * row + 12;
    out += "<text x=\"0\" y=\"" + std::to_string(y) + "\">" + escape(end) + "</text><line x1=\"" +
           std::to_string(left) + "\" x2=\"" + std::to_string(left + width) + "\" y1=\"" +
           std::to_string(y - 4) + "\" y2=\"" + std::to_string(y - 4) +
           "\" stroke=\"#ddd\"></line><circle cx=\"" + std::to_string(cx) + "\" cy=\"" +
           std::to_string(y - 4) + "\" r=\"4\"></circle><a href=\"/documents/" +
           escape(x["document_id"]) + "\"><text x=\"" + std::to_string(left + width + 10) +
           "\" y=\"" + std::to_string(y) + "\">" + escape(x["source"]) + " · " +
           escape(x["as_written"]) + "</text></a>";
  }
  return out + "</svg>";
}

}  // namespace

std::string to_csv(const Json& rows) {
  std::string out;
  if (rows.empty()) return out;
  bool first = true;
  for (const auto& [k, v] : rows[0].items()) {
    out += (first ? "" : ",") + k;
    first = false;
  }
  out += "\r\n";
  for (const auto& r : rows) {
    first = true;
    for (const auto& [k, v] : r.items()) {
      std::string cell = v.is_string() ? v.get<std::string>()
                         : v.is_null() ? ""
                                       : v.dump(-1, ' ', false, Json::error_handler_t::replace);
      if (!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos && !v.is_number())
        cell = "'" + cell;
      std::string q = "\"";
      for (char c : cell) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += (first ? "" : ",") + q + "\"";
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

std::string department_page(const Json& dep) {
  const Json& d = dep["department"];
  std::string body = "<h1>" + escape(d["name"]) + "</h1><p class=\"note\">" + escape(d["level"]) +
                     " · " + escape(d["region"]) + " · also written " + escape(d["aliases"]) + "</p>";
  std::map<std::string, int> roles;
  for (const auto& t : dep["tasks"]) roles[t["role"].is_string() ? t["role"].get<std::string>() : ""]++;
  body += bar_chart("Tasks by role", bars_of(roles));
  body += "<h2>Deadlines</h2>" + timeline(dep["deadlines"]);
  body += "<h2>Tasks (" + std::to_string(dep["tasks"].size()) + ")</h2>" +
          table(dep["tasks"], {{"source", "Document"}, {"label", "Task"}, {"role", "Role"},
                               {"as_written", "As written"}, {"page", "Page"}, {"text", "Text"}},
                "tasks");
  return page(d["name"].get<std::string>(), "/departments", body);
}

std::string departments_page(const Json& rows) {
  std::string body = "<h1>Departments</h1><table class=\"sortable\" id=\"departments\"><thead><tr>"
                     "<th>Department</th><th>Level</th><th>Region</th><th>Lead</th><th>Support</th>"
                     "<th>Responsible</th><th>Implement</th><th>Documents</th><th>Deadlines</th>"
                     "</tr></thead><tbody>";
  for (const auto& r : rows) {
    body += "<tr><td><a href=\"/department?name=" + escape(url_encode(r["department"].get<std::string>())) +
            "\">" + escape(r["department"]) + "</a></td><td>" + escape(r["level"]) + "</td><td>" +
            escape(r["region"]) + "</td>";
    for (const char* k : {"tasks_led", "tasks_supported", "tasks_responsible", "tasks_implemented",
                          "documents", "deadlines"})
      body += "<td class=\"num\">" + escape(r[k]) + "</td>";
    body += "</tr>";
  }
  return page("Departments", "/departments", body + "</tbody></table>");
}

std::string targets_page(const Params& params, const Json& rows) {
  std::string body = "<h1>Targets</h1>" + filter_form("/targets", params);
  std::map<std::string, int> by;
  for (const auto& r : rows) {
    by[(r["region"].is_string() ? r["region"].get<std::string>() : "(none)") + " " +
       (r["target_year"].is_number() ? std::to_string(r["target_year"].get<int64_t>()) : "—")]++;
  }
  body += bar_chart("Targets by region and year", bars_of(by, 60));
  body += "<p><span id=\"rows\">" + std::to_string(rows.size()) + "</span> targets</p>" +
          table(rows, {{"source", "Document"}, {"region", "Region"}, {"indicator", "Indicator"},
                       {"comparator", "Cmp"}, {"value", "Value"}, {"value_max", "Max"},
                       {"unit", "Unit"}, {"target_year", "Year"}, {"direction", "Direction"},
                       {"aspirational", "Aspirational"}, {"page", "Page"}},
                "targets");
  return page("Targets", "/targets", body);
}

std::string deadlines_page(const Params& params, const Json& rows, const std::string& today) {
  std::string body = "<h1>Deadlines</h1>" + filter_form("/deadlines", params);
  std::map<std::string, int> upcoming, all;
  for (const auto& r : rows) {
    if (!r["end_date"].is_string()) continue;
    const std::string m = r["end_date"].get<std::string>().substr(0, 7);
    all[m]++;
    if (m >= today) upcoming[m]++;
  }
  if (!upcoming.empty()) {
    body += bar_chart("Upcoming deadlines by month (from " + today + ")", bars_of(upcoming, 60));
  } else {
    std::vector<Bar> bars = bars_of(all, 60);
    for (auto& b : bars) b.muted = true;
    body += bar_chart("Deadlines by month (none falls due from " + today + " on)", bars);
  }
  body += "<p><span id=\"rows\">" + std::to_string(rows.size()) + "</span> deadlines</p>" +
          table(rows, {{"source", "Document"}, {"region", "Region"}, {"as_written", "As written"},
                       {"kind", "Kind"}, {"start_date", "From"}, {"end_date", "By"},
                       {"precision", "Precision"}, {"page", "Page"}, {"context", "Context"}},
                "deadlines");
  return page("Deadlines", "/deadlines", body);
}

std::string overview_page(const Json& o) {
  std::string body = "<h1>Overview</h1><div class=\"cols\"><div>" +
                     bar_chart("Documents by status", bars_of_facets(o["by_status"])) +
                     bar_chart("Documents by region", bars_of_facets(o["by_region"], "region")) +
                     "</div><div>" + bar_chart("Documents by year issued", bars_of_facets(o["by_year"])) +
                     "</div></div>";
  body += "<h2>Failed or partial documents (" + std::to_string(o["failed"].size()) + ")</h2>";
  Json failed = o["failed"];
  for (auto& f : failed) f["document_id"] = f["id"];
  body += table(failed, {{"source", "Document"}, {"status", "Status"}, {"stage", "Stage"},
                         {"message", "Reason"}},
                "failed");
  Json docs = o["documents"];
  for (auto& d : docs) d["document_id"] = d["id"];
  body += "<h2>Documents (" + std::to_string(docs.size()) + ")</h2>" +
          table(docs, {{"source", "File"}, {"title", "Title"}, {"status", "Status"},
                       {"region", "Region"}, {"issue_date", "Issued"}, {"page_count", "Pages"},
                       {"tasks", "Tasks"}, {"targets", "Targets"}, {"deadlines", "Deadlines"},
                       {"assignments", "Assignments"}},
                "documents");
  return page("Overview", "/", body);
}

}  // namespace policydb::serve
