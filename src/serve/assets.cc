// The stylesheet and script of every page, compiled into the binary. No
// inline script anywhere: the Content-Security-Policy allows only these.
#include "serve/html.h"

namespace policydb::serve {

const char* const kAppCss = R"css(
body{font:14px/1.6 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#222}
nav{background:#234;padding:8px 16px}nav a,nav .brand{color:#dde;margin-right:16px;text-decoration:none}
nav .brand{font-weight:bold;color:#fff}nav a.active{color:#fff;border-bottom:2px solid #fc6}
main{padding:12px 20px}h1{font-size:20px}h2{font-size:16px;margin-top:20px}
table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f6;cursor:pointer;white-space:nowrap}td.num{text-align:right}
mark{background:#ffe066}mark.t{background:#b7e4c7}mark.d{background:#ffd6a5}mark.a{background:#cfe2ff}
.meta th,.meta td{padding:1px 8px;font-size:12px}.meta td{max-width:420px;overflow-wrap:anywhere}
:target{outline:2px solid #e63946}.note{color:#777}
.cols{display:flex;gap:20px}.side{flex:0 0 300px;max-height:85vh;overflow:auto;font-size:13px}.main{flex:1;min-width:0}
.facets h3{font-size:13px;margin:10px 0 2px}.facets ul{list-style:none;padding:0;margin:0}.facets li{font-size:13px}
.hit{margin:10px 0;padding-bottom:6px;border-bottom:1px solid #eee}.hit .where{color:#666;font-size:12px}
.page-no{color:#999;font-size:12px;border-top:1px dashed #ccc;margin:8px 0}
.text p{margin:4px 0}.outline ul{padding-left:14px;margin:0}
svg.bars text{font-size:12px}svg.bars rect{fill:#4a7ab5}svg.bars rect.muted{fill:#bbb}
svg.timeline text{font-size:11px}svg.timeline circle{fill:#e76f51}
form.filters input,form.filters select{margin-right:6px}input[name=q]{width:420px}
)css";

const char* const kAppJs = R"js(
// Sort a table.sortable by a click on its heading (numbers as numbers).
document.querySelectorAll('table.sortable').forEach(function (t) {
  t.querySelectorAll('th').forEach(function (th, i) {
    th.addEventListener('click', function () {
      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var asc = th.dataset.dir !== 'asc';
      th.dataset.dir = asc ? 'asc' : 'desc';
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh');
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
)js";

}  // namespace policydb::serve
