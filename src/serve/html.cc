// HTML building blocks: escaping, URLs, the page frame, charts, tables.
#include "serve/html.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"

namespace policydb::serve {

std::string sanitize(std::string_view s) {
  if (text::valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) text::append(out, text::decode(s, pos));
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const char32_t cp = text::decode(s, pos);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
          out += "\uFFFD";
        } else if (cp == 0xFFFD) {
          out += "\uFFFD";  // also what an invalid byte decodes to
        } else {
          out.append(s.substr(start, pos - start));
        }
    }
  }
  return out;
}

std::string escape(const Json& v) {
  if (v.is_string()) return escape(v.get_ref<const std::string&>());
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return escape(v.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string snippet_html(std::string_view snippet) {
  std::string e = escape(snippet);
  std::string out;
  static const std::string open = "【", close = "】";
  int depth = 0;
  for (size_t i = 0; i < e.size();) {
    if (e.compare(i, open.size(), open) == 0 && depth == 0) {
      out += "<mark>";
      ++depth;
      i += open.size();
    } else if (e.compare(i, close.size(), close) == 0 && depth == 1) {
      out += "</mark>";
      --depth;
      i += close.size();
    } else {
      out += e[i++];
    }
  }
  if (depth) out += "</mark>";
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string query_string(const Params& p) {
  std::string out;
  for (const auto& [k, v] : p) {
    if (v.empty()) continue;
    out += out.empty() ? "?" : "&";
    out += url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

std::string page(std::string_view title, std::string_view active, const std::string& body) {
  static const std::pair<const char*, const char*> nav[] = {
      {"/", "Overview"},          {"/search", "Search"},       {"/targets", "Targets"},
      {"/deadlines", "Deadlines"}, {"/departments", "Departments"}};
  std::string out =
      "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
  out += escape(title);
  out += " · policydb</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
         "<nav><span class=\"brand\">policydb</span>";
  for (const auto& [href, label] : nav) {
    out += "<a href=\"";
    out += href;
    out += active == href ? "\" class=\"active\">" : "\">";
    out += label;
    out += "</a>";
  }
  out += "</nav><main>";
  out += body;
  out += "</main><script src=\"/assets/app.js\"></script></body></html>";
  return out;
}

std::string bar_chart(std::string_view caption, const std::vector<Bar>& bars) {
  std::string out = "<figure class=\"chart\"><figcaption>" + escape(caption) + "</figcaption>";
  if (bars.empty()) return out + "<p class=\"note\">No data.</p></figure>";
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  if (max <= 0) max = 1;
  const int row = 18, label_w = 200, bar_w = 360;
  const int h = static_cast<int>(bars.size()) * row + 4;
  out += "<svg class=\"bars\" width=\"" + std::to_string(label_w + bar_w + 60) + "\" height=\"" +
         std::to_string(h) + "\" role=\"img\">";
  int y = 2;
  for (const auto& b : bars) {
    const int w = std::max(1, static_cast<int>(bar_w * b.value / max));
    char value[32];
    std::snprintf(value, sizeof value, "%g", b.value);
    std::string g = "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" +
                    std::to_string(y + 13) + "\" text-anchor=\"end\">" + escape(b.label) +
                    "</text><rect x=\"" + std::to_string(label_w) + "\" y=\"" +
                    std::to_string(y + 2) + "\" width=\"" + std::to_string(w) +
                    "\" height=\"" + std::to_string(row - 4) + "\"" +
                    (b.muted ? " class=\"muted\"" : "") + "></rect><text x=\"" +
                    std::to_string(label_w + w + 4) + "\" y=\"" + std::to_string(y + 13) + "\">" +
                    value + "</text>";
    out += b.href.empty() ? g : "<a href=\"" + escape(b.href) + "\">" + g + "</a>";
    y += row;
  }
  return out + "</svg></figure>";
}

std::string table(const Json& rows, const std::vector<std::pair<std::string, std::string>>& cols,
                  std::string_view id) {
  std::string out = "<table class=\"sortable\"";
  if (!id.empty()) out += " id=\"" + escape(id) + "\"";
  out += "><thead><tr>";
  for (const auto& c : cols) out += "<th>" + escape(c.second) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& r : rows) {
    out += "<tr>";
    for (const auto& c : cols) {
      const Json& v = r.contains(c.first) ? r[c.first] : Json(nullptr);
      out += v.is_number() ? "<td class=\"num\">" : "<td>";
      if (c.first == "source" && r.contains("document_id")) {
        out += "<a href=\"/documents/" + escape(r["document_id"]) + "\">" + escape(v) + "</a>";
      } else {
        out += escape(v);
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace policydb::serve
