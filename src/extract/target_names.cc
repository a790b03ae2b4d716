// Names, scopes, years and lists of indicators of the sentence reader
// (see target_reader.h).
#include <algorithm>
#include <array>
#include <optional>

#include "common/text.h"
#include "extract/extract.h"
#include "extract/target_reader.h"
#include "extract/target_tables.h"
#include "extract/timex.h"
#include "extract/values.h"
#include "rules/rules.h"

namespace policydb::extract::target_reading {

// Text of a span with time, baseline, hedge, qualifier, comparison and
// shared-value words removed, then trimmed of connectives (family target_strip).
std::string SentenceReader::clean(Span sp) const {
  if (sp.e <= sp.b) return {};
  std::string out;
  size_t p = sp.b;
  while (p < sp.e) {
    size_t skip = 0;
    for (const auto& t : times_)
      if (p >= t.begin && p < t.end) skip = std::max(skip, t.end);
    for (const auto& b : baselines_)
      if (p >= b.b && p < b.e) skip = std::max(skip, b.e);
    for (const auto& h : hedges_)
      if (p >= h.b && p < h.e) skip = std::max(skip, h.e);
    for (const auto& b : qualifiers_)
      if (p >= b.b && p < b.e) skip = std::max(skip, b.e);
    for (const auto& [c, k] : cmp_prefix_)
      if (p >= c.b && p < c.e) skip = std::max(skip, c.e);
    for (const auto& [c, k] : shared_)
      if (p >= c.b && p < c.e) skip = std::max(skip, c.e);
    if (skip > p) {
      p = std::min(skip, sp.e);
      continue;
    }
    size_t q = p;
    text::decode(s_, q);
    out.append(s_.substr(p, q - p));
    p = q;
  }
  out = strip_edges(trim_edges(text::strip_spaces(out).empty() ? std::string() : out));
  // Spaces that pdftotext left between CJK characters are not part of a name.
  std::string compact;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t at = pos;
    char32_t cp = text::decode(out, pos);
    if (text::is_space(cp)) {
      // keep a space between two ASCII words only
      bool ascii_before = at > 0 && static_cast<unsigned char>(out[at - 1]) < 0x80 &&
                          std::isalnum(static_cast<unsigned char>(out[at - 1]));
      bool ascii_after = pos < out.size() && static_cast<unsigned char>(out[pos]) < 0x80 &&
                         std::isalnum(static_cast<unsigned char>(out[pos]));
      if (ascii_before && ascii_after) compact.push_back(' ');
      continue;
    }
    compact.append(out.substr(at, pos - at));
  }
  // Brackets or quotes alone name nothing.
  bool word = false;
  for (size_t p2 = 0; p2 < compact.size();) {
    char32_t cp = text::decode(compact, p2);
    if (text::is_cjk(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp)))) word = true;
  }
  return word ? compact : std::string();
}

// Connectives and modal words at either edge, repeatedly (family target_strip).
std::string SentenceReader::strip_edges(std::string out) const {
  for (int round = 0; round < 6 && !out.empty(); ++round) {
    bool changed = false;
    for (const auto& m : rules_.find_all("target_strip", out)) {
      if (m.has("keep")) continue;  // a word that only opens like a connective
      if (m.begin == 0 && m.end > 0) {
        out = trim_edges(out.substr(m.end));
        changed = true;
        break;
      }
      if (m.end == out.size() && m.begin < m.end) {
        // A rule may strip only its group `cut` (the copula of 比例为).
        size_t from = m.begin;
        for (const auto& g : m.groups)
          if (g.name == "cut") from = g.begin;
        out = trim_edges(out.substr(0, from));
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }
  return out;
}

// An indicator is a name: one character left over is a function word (占,
// 对, 相), not a name; a name longer than 40 characters has a list or a
// clause before it, and the measured thing is what follows its last 的
// (包河区、…的绿色建筑面积比例 → 绿色建筑面积比例).
std::string SentenceReader::name_of(const std::string& ind) const {
  constexpr size_t kLongest = 40;
  if (text::length(ind) < 2) return {};
  // A closing mark or a list separator opens no name (target_not_name).
  if (rules_.match_prefix("target_not_name", ind)) return {};
  if (text::length(ind) <= kLongest) return ind;
  // A share whose whole is a clause after a list (…电石等重点行业产能和数据中心
  // 达到能效标杆水平的比例): the clause from the list's end (target_name_parts).
  for (const auto& m : rules_.find_all("target_name_parts", ind))
    if (m.has("share") && m.end == ind.size() && text::length(m.group("share", ind)) <= kLongest)
      return std::string(m.group("share", ind));
  size_t de = ind.rfind(marks_.attributive);
  std::string tail =
      de == std::string::npos ? std::string() : trim_edges(ind.substr(de + marks_.attributive.size()));
  if (text::length(tail) >= 2 && text::length(tail) <= kLongest) return tail;
  return {};
}

// A name holds no measured value of its own (a number in digits with a
// unit): 农村生活污水治理率12.5%40%预期性…村庄数量 is a table's cells run
// together, not a name. PM2.5浓度 or 5G基站 (no unit) are names, and so is
// one with a size class (65岁以上老年人健康管理率, 日加氢能力500公斤以上加氢站:
// a measure bounded before a noun, target_not_after's `threshold`).
bool SentenceReader::holds_value(const std::string& ind) const {
  for (const auto& m : rules_.find_all("target", ind)) {
    std::string_view num = m.group("num", ind);
    std::string_view unit = m.group("unit", ind);
    const bool digits = !num.empty() && num[0] >= '0' && num[0] <= '9';
    if (!digits || unit.empty()) continue;
    const size_t unit_end = static_cast<size_t>(unit.data() - ind.data()) + unit.size();
    std::string_view rest = std::string_view(ind).substr(unit_end);
    auto after = rules_.match_prefix("target_not_after", rest);
    // A size class is a bound that a noun follows (以上老年人, not 以上（2025年…);
    // a count with a bound (20个以上领军型团队) is a value of its own.
    const bool size_class =
        after && after->has("threshold") && text::is_cjk(text::last_char(after->group("threshold", rest)));
    // A count with its noun bounded before 的 (200张床位以上的…机构) is a
    // size class of the noun after it, whatever its unit.
    const bool noun_class = after && after->has("noun_class");
    if (!noun_class && (!size_class || rules_.any("target_count_unit", unit))) return true;
  }
  return false;
}

std::string SentenceReader::scope_at(Span sp) const {
  if (sp.e <= sp.b) return {};
  // Skip time, hedge words and spaces at the head.
  size_t p = sp.b;
  for (int i = 0; i < 8 && p < sp.e; ++i) {
    bool moved = false;
    for (const auto& t : times_)
      if (p >= t.begin && p < t.end) p = t.end, moved = true;
    for (const auto& h : hedges_)
      if (p >= h.b && p < h.e) p = h.e, moved = true;
    size_t q = p;
    if (q < sp.e) {
      char32_t cp = text::decode(s_, q);
      if (edge_punct(cp)) p = q, moved = true;
    }
    if (!moved) break;
  }
  if (p >= sp.e) return {};
  std::string_view head = s_.substr(p, sp.e - p);
  auto m = rules_.match_prefix("target_scope", head);
  if (!m) return {};
  std::string_view sc = m->has("scope") ? m->group("scope", head) : head.substr(0, m->end);
  return text::strip_spaces(sc);
}

bool SentenceReader::ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// s without the scope phrase at (or near) its head: 全省开展… → 开展…,
// 为2021年全省新增… → 新增….
std::string SentenceReader::strip_prefix(const std::string& s, const std::string& prefix) const {
  std::string bare = text::strip_spaces(s);
  size_t at = bare.find(prefix);
  if (at != std::string::npos && at <= 12) return strip_edges(trim_edges(bare.substr(at + prefix.size())));
  return s;
}

bool SentenceReader::starts_with_increase(Span pre) const {
  std::string t = text::strip_spaces(s_.substr(pre.b, pre.e - pre.b));
  auto m = rules_.match_prefix("target_verb", t);
  return m && m->attr("direction") == "increase";
}

// A value needs a goal: its own or a shared verb, a list it continues, or a
// sentence that states goals (a time bound, a hedge, a goal section).
bool SentenceReader::verb_context_ok(const Verb* verb, const std::string& pre_text, bool first) const {
  if (verb) return true;
  if (!first) return !pre_text.empty();
  bool goal_sentence = !times_.empty() || !hedges_.empty() || section_year_.has_value();
  return goal_sentence && !pre_text.empty();
}

// A plain count of things (a counting unit, one value, no bound before or
// after it: not 不少于5个, 10个以上, 2-3个) that nothing makes a goal: no
// time by which it is due (到2023年，…项目10个), no hedge (力争…447处). A
// plan period alone (“十四五”地表水国考断面17个) says when, not by when.
bool SentenceReader::stock_count(const Qty& q) const {
  if (!rules_.any("target_count_unit", q.unit) || !q.suffix_cmp.empty() || q.value_max || cmp_prefixed(q.b))
    return false;
  for (const auto& t : times_)
    if (t.end <= q.b && t.year > 0 && !t.past && t.kind == DeadlineKind::kBy && t.precision != Precision::kPeriod)
      return false;
  for (const auto& h : hedges_)
    if (h.e <= q.b) return false;
  return true;
}

// The time expression a value falls under (the last one with a year
// before it, inside its item or not) lies in the past.
bool SentenceReader::governed_by_past(size_t q_begin) const {
  const timex::TimeExpr* gov = nullptr;
  for (const auto& t : times_)
    if (t.year > 0 && t.end <= q_begin && !overlaps_any(baselines_, t.begin, t.end)) gov = &t;
  return gov && gov->past;
}

std::vector<int> SentenceReader::years_for(size_t item_start, size_t q_begin, size_t n) const {
  std::vector<int> inside, before, after;
  for (const auto& t : times_) {
    if (t.year <= 0 || t.past || overlaps_any(baselines_, t.begin, t.end)) continue;
    if (t.begin >= item_start && t.end <= q_begin) inside.push_back(t.year);
    else if (t.end <= item_start) before.push_back(t.year);
    else if (t.begin >= q_begin) after.push_back(t.year);
  }
  if (!inside.empty()) return {inside.back()};
  if (!before.empty()) {
    // Years listed together (2025年和2030年，…分别…) pair with the values.
    if (n > 1 && before.size() >= n) return std::vector<int>(before.end() - n, before.end());
    return {before.back()};
  }
  if (!after.empty()) return {after.front()};
  if (section_year_) return {*section_year_};
  return {};
}

// The items of a name as listed (family target_split), trimmed, empty ones
// kept; `only_list_separator`, if given, says whether every split was 、.
std::vector<std::string> SentenceReader::listed_items(const std::string& ind, bool* only_list_separator) const {
  std::vector<std::string> items;
  size_t start = 0;
  for (const auto& m : rules_.find_all("target_split", ind)) {
    items.push_back(trim_edges(ind.substr(start, m.begin - start)));
    if (only_list_separator)
      *only_list_separator = *only_list_separator && ind.substr(m.begin, m.end - m.begin) == marks_.list_separator;
    start = m.end;
  }
  items.push_back(trim_edges(ind.substr(start)));
  return items;
}

std::vector<std::string> SentenceReader::split_indicator(const std::string& ind) const {
  std::vector<std::string> parts = listed_items(ind, nullptr);
  std::erase_if(parts, [](const std::string& p) { return p.empty(); });
  const std::vector<std::string> listed = parts;
  share_head(parts);
  if (parts == listed) share_measure(parts);
  if (parts == listed) share_modifier(parts);
  return parts;
}

// Measures listed of one thing write it once (target_name_parts): 设备安装率、
// 验收率 → 设备安装率, 设备验收率; 可再生能源装机量和发电量比重 → …, 可再生能源发电量比重.
// The first item must be a thing and its measure; a later item with a thing
// of its own (比对考核率, 森林覆盖率) keeps its name.
void SentenceReader::share_modifier(std::vector<std::string>& parts) const {
  if (parts.size() < 2) return;
  const auto modifier = name_part(parts.front(), "modifier");
  if (!modifier || modifier->empty()) return;
  const std::string thing(*modifier);
  for (size_t i = 1; i < parts.size(); ++i)
    if (name_part(parts[i], "bare")) parts[i] = thing + parts[i];
}

std::optional<std::string_view> SentenceReader::name_part(std::string_view name, std::string_view group) const {
  std::optional<std::string_view> last;
  for (const auto& m : rules_.find_all("target_name_parts", name))
    if (m.has(group)) last = m.group(group, name);
  return last;
}

// Nouns listed before one measure share it: 化肥、农药利用率 → 化肥利用率,
// 农药利用率 (family target_measure_head). Every earlier item must be a
// short noun without a measure of its own, else the list is left as it is.
void SentenceReader::share_measure(std::vector<std::string>& parts) const {
  constexpr size_t kLongestItem = 8;
  if (parts.size() < 2) return;
  std::string head;
  for (const auto& h : rules_.find_all("target_measure_head", parts.back()))
    if (h.end == parts.back().size()) head = std::string(h.group("head", parts.back()));
  if (head.empty() || head.size() == parts.back().size()) return;
  // An item that ends in a rate of its own (湿地保护率、森林覆盖率: group `rate`
  // of target_name_parts) takes no other measure.
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    if (text::length(parts[i]) > kLongestItem || rules_.any("target_measure_head", parts[i]) ||
        name_part(parts[i], "rate"))
      return;
  for (size_t i = 0; i + 1 < parts.size(); ++i) parts[i] += head;
}

// Modifiers listed before one head noun name one indicator each:
// 国家级、省级专精特新中小企业 → 国家级专精特新中小企业, 省级专精特新中小企业.
// A part is a modifier when it is short and the last part opens with a
// word of the same ending (级, 类, 型 …), after which the head follows.
void SentenceReader::share_head(std::vector<std::string>& parts) {
  if (parts.size() < 2) return;
  const std::string& last = parts.back();
  std::u32string tail;
  for (size_t p = 0; p < last.size();) tail.push_back(text::decode(last, p));
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    std::u32string m;
    for (size_t p = 0; p < parts[i].size();) m.push_back(text::decode(parts[i], p));
    if (m.empty() || m.size() > 4 || tail.size() <= m.size() + 1) return;
    // A one-character modifier shares all of the last part but its own
    // first character: 大、中、小型矿山 → 大型矿山, 中型矿山.
    if (m.size() == 1 && tail.find(m.back()) == std::u32string::npos) {
      std::string head;
      for (size_t k = 1; k < tail.size(); ++k) text::append(head, tail[k]);
      parts[i] += head;
      continue;
    }
    size_t end = tail.find(m.back());
    // A modifier whose last two characters are a head noun of their own
    // (高速公路 ends in 公路) ends where the last part's same noun ends, however
    // long the last part's own modifier: 高速公路、普通国省干线公路废旧沥青路面材料
    // 循环利用率 (wide 上饶 355) → 高速公路废旧沥青路面材料循环利用率 (the grammar
    // of coordination: the conjuncts are the modifiers of one head).
    if ((end == std::u32string::npos || end == 0 || end > 3) && m.size() >= 3) {
      const size_t at = tail.find(m.substr(m.size() - 2));
      if (at != std::u32string::npos && at > 0) end = at + 1;
    }
    if (end == std::u32string::npos || end == 0 || end + 2 >= tail.size()) return;
    if (end > 3 && tail.substr(end - 1, 2) != m.substr(m.size() - 2)) return;
    std::string head;
    for (size_t k = end + 1; k < tail.size(); ++k) text::append(head, tail[k]);
    parts[i] += head;
  }
}

}  // namespace policydb::extract::target_reading
