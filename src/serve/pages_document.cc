// The document page: metadata, outline tree, the text with every target,
// deadline and assignment highlighted in place and listed beside it.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "serve/pages.h"

namespace policydb::serve {
namespace {

struct Span {
  int64_t begin, end;
  char kind;  // t target, d deadline, a assignment
  int64_t id;
};

int64_t num(const Json& v, int64_t fallback = -1) {
  return v.is_number_integer() ? v.get<int64_t>() : fallback;
}

// Every record with a byte range, sorted; ranges overlapping an earlier one
// are dropped (their list entry links to the clause instead).
std::vector<Span> spans(const Json& doc) {
  std::vector<Span> out;
  for (const auto& [key, kind] : {std::pair("targets", 't'), std::pair("deadlines", 'd'),
                                  std::pair("assignments", 'a')}) {
    for (const auto& r : doc[key]) {
      const int64_t b = num(r["begin_byte"]), e = num(r["end_byte"]);
      if (b >= 0 && e > b) out.push_back({b, e, kind, num(r["id"])});
    }
  }
  std::sort(out.begin(), out.end(), [](const Span& x, const Span& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<Span> kept;
  for (const auto& s : out)
    if (kept.empty() || s.begin >= kept.back().end) kept.push_back(s);
  return kept;
}

using Children = std::map<int64_t, std::vector<const Json*>>;

// The outline under `parent` as nested lists; the root section is not shown.
void outline_into(const Children& children, int64_t parent, int depth, std::string& out) {
  auto it = children.find(parent);
  if (it == children.end() || depth > 32) return;
  if (depth > 0) out += "<ul>";
  for (const Json* s : it->second) {
    const int64_t no = num((*s)["section_no"]);
    if ((*s)["kind"] == "root" || no < 0) {
      if (no >= 0) outline_into(children, no, depth, out);
      continue;
    }
    out += "<li><a href=\"#s" + std::to_string(no) + "\">" + escape((*s)["number"]) + " " +
           escape((*s)["title"]) + "</a>";
    outline_into(children, no, depth + 1, out);
    out += "</li>";
  }
  if (depth > 0) out += "</ul>";
}

std::string outline(const Json& sections) {
  Children children;
  for (const auto& s : sections) children[num(s["parent_no"])].push_back(&s);
  std::string out = "<ul>";
  outline_into(children, -1, 0, out);
  return out + "</ul>";
}

std::string clause_html(const Json& c, const std::vector<Span>& all, size_t& next) {
  static const std::string none;
  const std::string& text = c["text"].is_string() ? c["text"].get_ref<const std::string&>() : none;
  const int64_t cb = num(c["begin_byte"], 0), ce = cb + static_cast<int64_t>(text.size());
  while (next < all.size() && all[next].end <= cb) ++next;
  std::string out;
  int64_t pos = 0;
  for (size_t i = next; i < all.size() && all[i].begin < ce; ++i) {
    const Span& s = all[i];
    if (s.begin < cb + pos || s.end > ce) continue;  // crosses the clause boundary
    out += escape(std::string_view(text).substr(pos, s.begin - cb - pos));
    out += std::string("<mark class=\"") + s.kind + "\" id=\"" + s.kind + std::to_string(s.id) +
           "\">" + escape(std::string_view(text).substr(s.begin - cb, s.end - s.begin)) + "</mark>";
    pos = s.end - cb;
  }
  out += escape(std::string_view(text).substr(pos));
  return out;
}

std::string record_list(const Json& doc, const char* key, char kind, const char* heading,
                        const std::vector<Span>& placed) {
  std::string out = std::string("<h3>") + heading + " (" + std::to_string(doc[key].size()) +
                    ")</h3><ol class=\"records\" data-kind=\"" + kind + "\">";
  for (const auto& r : doc[key]) {
    const int64_t id = num(r["id"]);
    const bool in_text = std::any_of(placed.begin(), placed.end(),
                                     [&](const Span& s) { return s.kind == kind && s.id == id; });
    std::string label;
    if (kind == 't') {
      label = escape(r["indicator"]) + " " + escape(r["comparator"]) + " " + escape(r["value"]) +
              escape(r["unit"]) + (r["target_year"].is_null() ? "" : " (" + escape(r["target_year"]) + ")");
    } else if (kind == 'd') {
      label = escape(r["as_written"]) + " → " + escape(r["end_date"]);
    } else {
      label = escape(r["department"].is_null() ? r["as_written"] : r["department"]) + " · " +
              escape(r["role"]);
    }
    // Appended piece by piece: GCC 12 -O3 warns falsely on `"…" + std::string&&`
    // (-Wrestrict, PR 105329).
    out += "<li><a href=\"#";
    out += in_text ? kind : 'p';
    out += std::to_string(in_text ? id : num(r["page"], 0));
    out += "\">" + label + "</a> <span class=\"note\">p. " + escape(r["page"]) + "</span></li>";
  }
  return out + "</ol>";
}

}  // namespace

std::string document_page(const Json& doc, bool has_file) {
  const Json& d = doc["document"];
  const std::string id = escape(d["document_id"]);
  std::string body = "<h1>" + escape(d["title"].is_null() ? d["source"] : d["title"]) + "</h1>";
  // Two fields a row, to keep the text in view.
  std::string issuers;
  for (const auto& i : d["issuers"]) issuers += (issuers.empty() ? "" : "、") + escape(i);
  const std::pair<const char*, std::string> fields[] = {
      {"File", escape(d["source"])},        {"文号", escape(d["doc_number"])},
      {"Issued", escape(d["issue_date"])},  {"Region", escape(d["region"])},
      {"Status", escape(d["status"]) + " " + escape(d["message"])},
      {"Format", escape(d["format"]) + ", " + escape(d["page_count"]) + " pages"},
      {"Issuers", issuers},                 {"SHA-256", escape(d["sha256"])}};
  body += "<table class=\"meta\">";
  for (size_t i = 0; i < std::size(fields); ++i) {
    body += std::string(i % 2 ? "" : "<tr>") + "<th>" + fields[i].first + "</th><td>" +
            fields[i].second + "</td>" + (i % 2 ? "</tr>" : "");
  }
  body += "</table>";
  body += "<p class=\"note\">Title, 文号, date, region and issuers are extracted from the text; "
          "file, format, pages and hash from the file.</p>";
  if (has_file) body += "<p><a href=\"/documents/" + id + "/file\">Original file</a></p>";
  const auto placed = spans(doc);
  body += "<div class=\"cols\"><div class=\"side\"><h3>Outline</h3><div class=\"outline\">" +
          outline(doc["sections"]) + "</div>";
  body += record_list(doc, "targets", 't', "Targets", placed) +
          record_list(doc, "deadlines", 'd', "Deadlines", placed) +
          record_list(doc, "assignments", 'a', "Assignments", placed);
  body += "</div><div class=\"main text\">";
  int64_t page_no = -1, section = -2;
  size_t next = 0;
  for (const auto& c : doc["clauses"]) {
    const int64_t p = num(c["page"], 0);
    if (p != page_no) {
      page_no = p;
      body += "<div class=\"page-no\" id=\"p" + std::to_string(p) + "\">page " +
              std::to_string(p) + "</div>";
    }
    const int64_t s = num(c["section_no"]);
    std::string anchor;
    if (s != section) {
      section = s;
      anchor = " id=\"s" + std::to_string(s) + "\"";
    }
    body += "<div" + anchor + "><p id=\"k" + escape(c["id"]) + "\">" + clause_html(c, placed, next) +
            "</p></div>";
  }
  if (doc["truncated"].get<bool>()) body += "<p class=\"note\">(text cut: too many clauses)</p>";
  body += "</div></div>";
  return page(d["title"].is_string() ? d["title"].get<std::string>() : "Document", "", body);
}

}  // namespace policydb::serve
