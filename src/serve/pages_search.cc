// The search page: one box, facets with counts, ranked hits with snippets.
#include <string>

#include "serve/pages.h"

namespace policydb::serve {
namespace {

const char* const kTypes[] = {"clause", "target", "assignment", "deadline"};

std::string facet_block(const Params& params, const Json& facets, const std::string& key,
                        const char* heading) {
  if (!facets.contains(key) || facets[key].empty()) return "";
  const std::string param = key == "document" ? "doc" : key;
  std::string out = "<div class=\"facet\" data-facet=\"" + key + "\"><h3>" + heading + "</h3><ul>";
  int shown = 0;
  for (const auto& f : facets[key]) {
    if (++shown > 30) break;
    const std::string value = f["key"].get<std::string>();
    Params p = params;
    p.erase("page");
    p[param] = value;
    const bool on = params.count(param) && params.at(param) == value;
    out += "<li><a href=\"/search" + escape(query_string(p)) + "\"" +
           (on ? " class=\"active\"" : "") + ">" + escape(value.empty() ? "(none)" : value) +
           "</a> <span class=\"count\">" + escape(f["count"]) + "</span>" +
           (f.value("capped", false) ? "+" : "") + "</li>";
  }
  return out + "</ul></div>";
}

std::string get(const Params& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? "" : it->second;
}

std::string search_form(const Params& params) {
  std::string out = "<form class=\"filters\" action=\"/search\" method=\"get\">"
                    "<input name=\"q\" autofocus placeholder=\"碳达峰 “绿色 建筑”\" value=\"" +
                    escape(get(params, "q")) + "\"><select name=\"type\">";
  for (const char* t : kTypes) {
    out += std::string("<option") + (get(params, "type") == t ? " selected" : "") + ">" + t +
           "</option>";
  }
  out += "</select>";
  for (const char* k : {"region", "year", "department", "role", "doc"}) {
    if (!get(params, k).empty()) {
      out += std::string("<input type=\"hidden\" name=\"") + k + "\" value=\"" +
             escape(get(params, k)) + "\">";
    }
  }
  return out + "<button>Search</button></form>";
}

std::string hit_anchor(const std::string& type, const Json& h) {
  const std::string id = std::to_string(h["record_id"].get<int64_t>());
  if (type == "target") return "#t" + id;
  if (type == "deadline") return "#d" + id;
  if (type == "assignment") return "#a" + id;
  return "#k" + id;
}

}  // namespace

std::string search_page(const Params& params, const Json& r, const std::string& error) {
  std::string body = "<h1>Search</h1>" + search_form(params);
  if (!error.empty()) return page("Search", "/search", body + "<p class=\"error\">" + escape(error) + "</p>");
  if (r.is_null()) {
    return page("Search", "/search",
                body + "<p class=\"note\">Every term must occur; “quoted phrases” are one "
                       "term. Any length works: 碳, 节能, 碳达峰.</p>");
  }
  const std::string type = get(params, "type").empty() ? "clause" : get(params, "type");
  const int64_t total = r["total"].get<int64_t>();
  body += "<p class=\"total\"><span id=\"total\">" + std::to_string(total) + "</span>" +
          (r["total_capped"].get<bool>() ? "+" : "") + " " + escape(type) + " hits";
  for (const char* k : {"region", "year", "department", "role", "doc"}) {
    if (get(params, k).empty()) continue;
    Params p = params;
    p.erase(k);
    p.erase("page");
    body += std::string(" · ") + k + ": " + escape(get(params, k)) + " <a href=\"/search" +
            escape(query_string(p)) + "\">×</a>";
  }
  body += "</p><div class=\"cols\"><div class=\"side facets\">";
  const Json& f = r["facets"];
  body += facet_block(params, f, "type", "Record type") + facet_block(params, f, "region", "Region") +
          facet_block(params, f, "year", "Year") + facet_block(params, f, "department", "Department") +
          facet_block(params, f, "role", "Role") + facet_block(params, f, "document", "Document");
  body += "</div><div class=\"main\" id=\"hits\">";
  for (const auto& h : r["hits"]) {
    body += "<div class=\"hit\"><a href=\"/documents/" + escape(h["document_id"]) +
            escape(query_string({{"q", get(params, "q")}})) + escape(hit_anchor(type, h)) +
            "\">" + escape(h["title"].is_string() ? h["title"] : h["source"]) +
            "</a><div class=\"where\">" + escape(h["source"]) + " · p. " + escape(h["page"]) +
            (h["section"].is_string() && !h["section"].get<std::string>().empty()
                 ? " · " + escape(h["section"])
                 : "") +
            "</div><div class=\"snippet\">" + snippet_html(h["snippet"].get<std::string>()) +
            "</div></div>";
  }
  const int64_t offset = r["offset"].get<int64_t>(), size = r["page_size"].get<int64_t>();
  const int64_t page_no = offset / size + 1;
  body += "<p class=\"paging\">";
  for (int64_t p : {page_no - 1, page_no + 1}) {
    if (p < 1 || (p - 1) * size >= total) continue;
    Params q = params;
    q["page"] = std::to_string(p);
    body += "<a href=\"/search" + escape(query_string(q)) + "\">" +
            (p < page_no ? "← previous" : "next →") + "</a> ";
  }
  body += "page " + std::to_string(page_no) + "</p></div></div>";
  return page("Search " + get(params, "q"), "/search", body);
}

}  // namespace policydb::serve
