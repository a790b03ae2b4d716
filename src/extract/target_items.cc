// Value lists read into targets (see target_reader.h): each list's item,
// its governing verb, scope, indicator, hedge and years, one target per
// value (and per indicator of 均).
#include <optional>

#include "common/text.h"
#include "extract/target_reader.h"

namespace policydb::extract::target_reading {

// Consecutive quantities joined only by list separators.
std::vector<std::vector<size_t>> SentenceReader::value_lists(const std::vector<Qty>& qs) const {
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < qs.size(); ++i) {
    if (!groups.empty()) {
      const Qty& prev = qs[groups.back().back()];
      if (segment_of(prev.b) == segment_of(qs[i].b) && only_separators(prev.e, qs[i].b)) {
        groups.back().push_back(i);
        continue;
      }
    }
    groups.push_back({i});
  }
  return groups;
}

// Lists of shares, each of its own scope: consecutive share cues that
// share_modifier() links.
std::vector<std::vector<size_t>> SentenceReader::share_lists(const std::vector<Qty>& qs) const {
  std::vector<std::vector<size_t>> lists;
  for (size_t i = 0; i + 1 < qs.size(); ++i) {
    if (!qs[i].share_cue || !qs[i + 1].share_cue || share_modifier(qs[i], qs[i + 1]).empty()) continue;
    if (lists.empty() || lists.back().back() != i) lists.push_back({i});
    lists.back().push_back(i + 1);
  }
  return lists;
}

// 95%的省级、90%的市级和70%的县级机关达到标准: one target per share, its
// scope the words it is a share of; the last item's words open with its
// own scope, of the same kind as the others' (县级, ending like 市级), and
// the rest (机关达到标准) is the indicator of all.
void SentenceReader::read_share_list(const std::vector<size_t>& list, const std::vector<Qty>& qs,
                                     const ListState& st, std::vector<Target>& out) const {
  std::vector<std::string> scopes;
  for (size_t k = 0; k + 1 < list.size(); ++k) scopes.push_back(share_modifier(qs[list[k]], qs[list[k + 1]]));
  const Qty& ql = qs[list.back()];
  const Span sg = segments()[segment_of(ql.b)];
  std::string_view rest = s_.substr(ql.core_end, sg.e - ql.core_end);
  size_t de = rest.find(marks_.attributive);
  if (de == std::string_view::npos) return;
  const size_t tail_b = ql.core_end + de + marks_.attributive.size();
  std::string tail = clean({tail_b, sg.e});
  std::vector<std::string> parts = scopes;
  parts.push_back(tail);
  share_head(parts);  // 县级机关… → the head 机关… joins the other scopes
  std::string indicator = tail, last_scope;
  if (parts.front() != scopes.front()) {
    const std::string head = parts.front().substr(scopes.front().size());
    size_t at = tail.find(head);
    if (at != std::string::npos && at > 0) last_scope = tail.substr(0, at), indicator = head;
  } else {
    // Else the last scope ends at the first verb: 20%的二级以上公立医院和
    // 20%的社会办非营利性医院完成章程制定工作.
    size_t pred_b = sg.e;
    for (const auto& v : verbs_)
      if (v.b > tail_b && v.b < sg.e) {
        pred_b = v.b;
        break;
      }
    // Or at a verb of having (具备, family target_share_predicate) before it.
    const std::string_view tail_text = s_.substr(tail_b, pred_b - tail_b);
    for (const auto& m : rules_.find_all("target_share_predicate", tail_text))
      if (m.begin > 0) {
        pred_b = tail_b + m.begin;
        break;
      }
    if (pred_b < sg.e) {
      last_scope = clean({tail_b, pred_b});
      indicator = clean({pred_b, sg.e});
    }
  }
  indicator = name_of(indicator);
  if (indicator.empty()) return;
  scopes.push_back(last_scope);
  std::vector<int> years = years_for(sg.b, qs[list.front()].b, 1);
  bool hedged = st.hedge_active;
  for (const auto& h : hedges_)
    if (h.e <= qs[list.front()].b) hedged = true;
  for (size_t k = 0; k < list.size(); ++k) {
    const Qty& q = qs[list[k]];
    Target t;
    t.indicator = indicator;
    t.scope = scopes[k];
    t.direction = "level";
    t.value = q.value;
    t.value_max = q.value_max;
    t.unit = q.unit;
    t.comparator = !q.suffix_cmp.empty() ? q.suffix_cmp : "=";
    if (!years.empty() && years.back() > 0) t.target_year = years.back();
    t.aspirational = hedged;
    t.begin = q.b;
    t.end = q.e;
    t.rule = "target-share-list";
    out.push_back(std::move(t));
  }
}

std::vector<Target> SentenceReader::read(const std::vector<Qty>& all) {
  std::vector<Target> out;
  ListState st;
  std::vector<Qty> qs;
  std::vector<bool> in_list(all.size(), false);
  for (const auto& list : share_lists(all)) {
    read_share_list(list, all, st, out);
    for (size_t i : list) in_list[i] = true;
  }
  for (size_t i = 0; i < all.size(); ++i)
    if (!in_list[i]) qs.push_back(all[i]);
  for (const auto& g : value_lists(qs)) {
    Item it;
    place_item(it, g, qs, st, out.empty());
    if (!keeps_frame(it, st, out.empty())) continue;
    find_scope(it, st);
    if (!name_item(it, g, st)) continue;
    if (sizes_last_count(it, qs)) continue;
    read_hedge(it, st);
    // Baseline.
    for (size_t i = 0; i < baselines_.size(); ++i)
      if (baselines_[i].b >= it.sg.b && baselines_[i].e <= it.q0->b && baseline_years_[i] > 0)
        it.baseline = baseline_years_[i];
    // Years: inside the item, else the lead phrase, else a later note,
    // else the goal section's lead.
    it.years = years_for(it.item_start, it.q0->b, g.size());
    if (governed_by_past(it.q0->b)) continue;  // a statistic about a past year
    pair_indicators(it, g);
    emit_list(it, g, qs, out);
    st.last_direction = it.direction;
    st.last_percent_change = it.direction != "level" && it.ql->unit == marks_.percent;
    st.last_indicator = it.indicators.back();
    st.last_scope = it.scope;
    st.last_counted_noun = it.counted_noun;
    st.last_seg_with_qty = it.seg;
    st.prev_group_end = it.item_end;
    st.prev_group_seg = it.seg;
  }
  return out;
}

// A bare measure of size (group `spec` of target_name_parts: 面积, 规模) in
// a clause without a verb of its own, right after a clause that counts
// something (建设林木种质资源库5个，面积100公顷; 新北区建设一处…设施，规模30万吨/
// 年), sizes what was counted: a project's specification, no goal.
bool SentenceReader::sizes_last_count(const Item& it, const std::vector<Qty>& qs) const {
  if (it.own_verb || it.seg == 0 || !name_part(it.indicator, "spec")) return false;
  for (const Qty& q : qs)
    if (q.b < it.q0->b && segment_of(q.b) + 1 == it.seg && rules_.any("target_count_unit", q.unit)) return true;
  return false;
}

// Where the list's item lies, and the verb that governs it: its own, one
// shared with earlier items, or none.
void SentenceReader::place_item(Item& it, const std::vector<size_t>& g, const std::vector<Qty>& qs,
                                const ListState& st, bool first) const {
  it.q0 = &qs[g.front()];
  it.ql = &qs[g.back()];
  it.seg = segment_of(it.q0->b);
  it.sg = segments()[it.seg];
  it.same_seg = st.prev_group_seg == it.seg;
  it.item_start = it.same_seg ? skip_separators(st.prev_group_end, it.q0->b) : it.sg.b;

  for (const auto& v : verbs_)
    if (v.b >= it.sg.b && v.e <= it.q0->b) it.verb = &v;
  it.pre = {it.item_start, it.item_start};
  it.mid = {it.item_start, it.item_start};
  if (it.verb && it.verb->b >= it.item_start) {
    it.pre = {it.item_start, it.verb->b};
    it.mid = {it.verb->e, it.q0->b};
    it.own_verb = true;
    it.direction = it.verb->direction;
  } else if (it.verb) {
    it.mid = {it.item_start, it.q0->b};
    it.inherited = true;
    it.direction = it.verb->direction;
  } else {
    it.pre = {it.item_start, it.q0->b};
    it.inherited = !first;
    // A change by a percentage (…施用量比2020年减少3%) is said of its own
    // measure: the next clause that names another measure without a verb
    // states its level (，病虫害绿色防控覆盖率60%以上; …能耗降低13.5%，非化石能源
    // 消费占比25%以上). A verb that creates or counts carries over the comma
    // (新增日间照料中心240个，农村幸福院400个), as a direction does to a value
    // that names nothing.
    const bool named_own_clause = !it.same_seg && !clean(it.pre).empty();
    it.direction = it.inherited && !(named_own_clause && st.last_percent_change) ? st.last_direction : "level";
  }
  it.pre_text = clean(it.pre);
  it.mid_raw = std::string(s_.substr(it.mid.b, it.mid.e - it.mid.b));
  it.mid_text = clean(it.mid);
  it.after = {it.ql->e, next_boundary(it.ql->e, g, qs)};
  // A counted noun that a verb of doing follows with its object (选择3个试点
  // 地区开展生态养殖, 2家企业完成“脱白改造”工程) is the subject of that predicate:
  // the name ends before it (family target_predicate).
  if (rules_.any("target_count_unit", it.ql->unit) && it.after.e > it.after.b) {
    const std::string_view after = s_.substr(it.ql->e, it.after.e - it.ql->e);
    if (auto m = rules_.match_prefix("target_predicate", after)) {
      const std::string_view verb = m->group("verb", after);
      if (!verb.empty()) it.after.e = it.ql->e + static_cast<size_t>(verb.data() - after.data());
    }
  }
  it.after_text = clean(it.after);
}

// Whether the item states a goal: a share form, a count parallel to the
// last, or a governing verb or goal sentence; not a rule's terms or a size
// class.
bool SentenceReader::keeps_frame(Item& it, const ListState& st, bool first) const {
  const Qty& ql = *it.ql;
  // Share form: `80%以上的园区实施循环化改造`.
  if (!it.verb && it.pre_text.empty() && scope_at(it.pre).empty()) {
    std::string_view rest = s_.substr(ql.core_end, it.after.e - ql.core_end);
    size_t de = rest.find(marks_.attributive);
    if (de != std::string_view::npos && de <= 9 && !it.after_text.empty()) {
      it.share_form = true;
      it.after_text = clean({ql.core_end + de + marks_.attributive.size(), it.after.e});
    }
  }
  // A verbless clause that counts a noun right after a clause that did
  // (遴选20名市级名师，6名市级名校长) shares that clause's verb.
  const bool parallel_count = !it.verb && it.pre_text.empty() && st.last_counted_noun &&
                              st.prev_group_seg + 1 == it.seg && han_at(s_.substr(ql.e)) &&
                              rules_.any("target_count_unit", ql.unit);
  if (!it.share_form && !parallel_count && !verb_context_ok(it.verb, it.pre_text, first)) return false;
  // A count that no verb governs and no comparison bounds (“十四五”地表水国考
  // 断面17个，省考断面34个; 全市现有监测点位120个) describes what exists: a
  // goal sentence's count needs a verb of making or reaching.
  if (!it.verb && first && !it.share_form && !parallel_count && stock_count(*it.q0)) return false;
  if (rules_.any("target_rule_cue", s_.substr(it.sg.b, it.q0->b - it.sg.b))) return false;
  // 每年开展一次: how often a routine recurs, not a quantity.
  if (rules_.any("target_routine", s_.substr(it.sg.b, ql.e - it.sg.b))) return false;
  // A measure followed by a noun is a size class (300万吨钢—焦联产集群,
  // 60万吨/年煤矿), unless the indicator was already named before it.
  if (!it.share_form && !ql.unit.empty() && han_at(s_.substr(ql.e)) &&
      !rules_.any("target_count_unit", ql.unit)) {
    std::string mid_bare = text::strip_spaces(it.mid_raw);
    // After 、 the value opens an item of its own, its verb's object naming
    // nothing of it: 力争实现5分钟换乘、500米乘车 (wide 石家庄 111, 河北 69) reads as
    // 实现500米乘车, a distance before a word as after the verb.
    if (!it.verb || it.mid_text.empty() || ends_with(mid_bare, marks_.attributive) ||
        ends_with(mid_bare, marks_.list_separator))
      return false;
  }
  return true;
}

// Scope: at the head of the item's own text; list items that share a verb
// in one segment share its scope.
void SentenceReader::find_scope(Item& it, const ListState& st) const {
  it.scope = scope_at(it.pre.e > it.pre.b ? it.pre : Span{it.item_start, it.q0->b});
  if (it.scope.empty() && it.inherited && it.same_seg) it.scope = st.last_scope;
  // A scope that opens the sentence (全市计划于2022年底，实现…) covers
  // the values of its later segments that name none of their own.
  if (it.scope.empty() && it.seg > 0) it.scope = scope_at(segments()[0]);
  // A scope that opens the verb's object before the value is the scope,
  // whether it is all of it (完成全市60条农村黑臭水体治理: what is counted
  // follows the value) or a name follows it (实现全市秸秆综合利用率90%以上,
  // wide 大同 463; 实现全市城镇生活污水集中收集率…).
  if (it.scope.empty() && it.own_verb) it.scope = scope_at(it.mid);
  if (!it.scope.empty()) {
    it.pre_text = strip_prefix(it.pre_text, it.scope);
    it.mid_text = strip_prefix(it.mid_text, it.scope);
  }
}

// The item's direction and indicator; false if it names nothing.
bool SentenceReader::name_item(Item& it, const std::vector<size_t>& g, const ListState& st) {
  const Qty& q0 = *it.q0;
  const Qty& ql = *it.ql;
  // A verb inside the subject ends what the indicator can be: in
  // 带动全市累计创建国家级、省级企业分别达到10家、40家 the name starts after 创建.
  if (it.own_verb && g.size() > 1) {
    const Verb* inner = nullptr;
    for (const auto& v : verbs_)
      if (v.b > it.pre.b && v.e < it.pre.e && v.direction == "level") inner = &v;
    if (inner) it.pre_text = clean({inner->e, it.pre.e});
  }
  // A level verb after an increase verb that opens the item: 新增…达到9万亩.
  if (it.own_verb && it.direction == "level" && starts_with_increase(it.pre) && q0.unit != marks_.percent &&
      q0.unit.find("百分点") == std::string::npos)
    it.direction = "increase";

  it.indicator = name_of(choose_indicator(it, st.last_indicator));
  if (it.indicator.empty() || holds_value(it.indicator)) return false;
  if (it.own_verb && !it.same_seg && it.scope.empty() && it.indicator == it.pre_text && ql.unit == marks_.percent)
    parallel_class(it, st.last_indicator);
  // The subject before the verb of a count named after its value is
  // who the count applies to: 每名学生至少掌握1项艺术技能, 市级建设2个基地.
  if (it.scope.empty() && it.own_verb && it.indicator == it.after_text && it.indicator != it.pre_text &&
      rules_.any("target_count_unit", ql.unit) && text::length(it.pre_text) >= 2 &&
      text::length(it.pre_text) <= 20 && !rules_.any("target_not_subject", it.pre_text))
    it.scope = it.pre_text;
  // A noun named after its value (建成1个试点园区、3个…) is that value's:
  // the next item starts after it.
  it.item_end = !it.after_text.empty() && it.indicator == it.after_text ? it.after.e : ql.e;
  it.counted_noun = it.item_end == it.after.e && rules_.any("target_count_unit", ql.unit);
  if (it.counted_noun) cut_counted_task(it.indicator, ql.unit);
  return true;
}

// 开展27条农村黑臭水体治理: a count names the things, not the task done on
// them (target_counted_task, matched on the unit and the name joined).
void SentenceReader::cut_counted_task(std::string& indicator, const std::string& unit) const {
  const std::string joined = unit + indicator;
  auto m = rules_.match_prefix("target_counted_task", joined);
  if (!m) return;
  const std::string_view task = m->group("task", joined);
  if (task.empty()) return;
  const size_t cut = static_cast<size_t>(task.data() - joined.data());
  if (cut <= unit.size()) return;
  std::string thing = trim_edges(joined.substr(unit.size(), cut - unit.size()));
  if (text::length(thing) >= 2) indicator = std::move(thing);
}

// A clause whose subject is another class of the last name's thing, and no
// measure of its own, states the same measure for that class: 地级城市建成区
// 机械化清扫率稳定达到85%以上，县城建成区达到75%以上 (wide 宁夏 86), 全省市级缺水
// 城市再生水利用率达到25%以上，黄河流域市级缺水城市力争达到30% (wide 河南 448).
// The grammar of parallel clauses: the subject ends in the same head noun
// (建成区, 市级缺水城市) and the rest of the last name is the measure. The
// class becomes the scope, the measure the name. Only a share (a percentage):
// counts name what they count; and only a rest that is a share's measure
// (family target_share_measure).
void SentenceReader::parallel_class(Item& it, const std::string& last) const {
  constexpr size_t kShortestHead = 2, kShortestMeasure = 2;
  // Every proper suffix of the name, longest first, at character boundaries.
  const std::string_view name = it.indicator;
  size_t cut = 0;
  text::decode(name, cut);
  for (; cut < name.size(); text::decode(name, cut)) {
    const std::string_view head = name.substr(cut);
    if (text::length(head) < kShortestHead) break;
    const size_t at = last.find(head);
    if (at == std::string::npos) continue;
    const std::string measure = last.substr(at + head.size());
    if (text::length(measure) < kShortestMeasure || it.indicator.find(measure) != std::string::npos ||
        !rules_.any("target_share_measure", measure))
      return;
    it.scope = it.indicator;
    it.indicator = measure;
    return;
  }
  // No head shared: a subject that is a place alone (其他县市区) after a name
  // that opens with a place (中心城区装配式建筑配建比例) takes the rest of that
  // name as its measure (family target_place_class).
  auto place = [&](std::string_view text, std::string_view group) -> std::optional<rules::Match> {
    auto m = rules_.match_prefix("target_place_class", text);
    if (m && m->has(group)) return m;
    return std::nullopt;
  };
  if (!place(it.indicator, "subject")) return;
  const auto head = place(last, "head");
  if (!head) return;
  const std::string measure = last.substr(head->group("head", last).size());
  if (text::length(measure) < kShortestMeasure || !rules_.any("target_share_measure", measure)) return;
  it.scope = it.indicator;
  it.indicator = measure;
}

// The indicator: between verb and value, else after the value, else
// before the verb, else the last item's.
std::string SentenceReader::choose_indicator(Item& it, const std::string& last) const {
  const Qty& ql = *it.ql;
  bool mid_ends_with_list = ends_with(text::strip_spaces(it.mid_raw), "等");
  // A measure directly followed by what it measures: 不低于乌海市3天需求量的
  // 储气设施 names 储气设施; 实现城市7-14天预报预测能力 names the ability.
  const bool measure_then_noun = !it.after_text.empty() && han_at(s_.substr(ql.e)) &&
                                 !rules_.any("target_count_unit", ql.unit);
  bool names_after = false;
  if (measure_then_noun) {
    size_t de = it.after_text.rfind(marks_.attributive);
    const size_t name_b = de + marks_.attributive.size();
    if (de != std::string::npos && name_b < it.after_text.size()) {
      it.after_text = it.after_text.substr(name_b);
      names_after = true;
    }
    if (text::length(it.mid_text) <= 2) names_after = true;
  }
  if (names_after) return it.after_text;
  // A share of a whole after the verb (招收数量达到当年总招收计划的20%,
  // 销售量不低于汽车新车销售总量的20%): the subject is what is measured.
  if (it.own_verb && ql.unit == marks_.percent && ends_with(text::strip_spaces(it.mid_raw), marks_.attributive) && !it.pre_text.empty())
    return it.pre_text;
  // A value after a conjunction (family target_split) opens the next
  // conjunct: in 建设国家和6个区域性…中心 and 完成重点危险废物处置场和12个化工类
  // 工业集聚区…调查 the 6 and the 12 count what follows them.
  // Only a conjunction word: after 、 the value may end a list of names
  // (“300米见绿、500米见园” is one slogan).
  const std::string_view mid_trimmed = text::trim(it.mid_raw);
  const bool mid_ends_with_and = !it.after_text.empty() && han_at(s_.substr(ql.e)) &&
                                 !mid_trimmed.ends_with(marks_.list_separator) &&
                                 rules_.any_suffix("target_split", mid_trimmed);
  // A verb whose object is a clause closed by 的 and a share's noun that a
  // copula links to the value (大、中、小型矿山达到绿色矿山标准的比例分别为90%…)
  // is inside that clause, the copula is the predicate: the name is the
  // clause from the verb (family target_clause_share).
  if (it.own_verb && it.direction == "level" && rules_.any("target_clause_share", mid_trimmed))
    return clean({it.verb->b, it.q0->b});
  if (!it.mid_text.empty() && !((mid_ends_with_list || mid_ends_with_and) && !it.after_text.empty()))
    return it.mid_text;
  if (!it.mid_text.empty()) return it.after_text;
  // 掌握1项艺术技能, 创建1个“零碳”示范县: a counted noun right after the value.
  std::string_view next = s_.substr(ql.e);
  if (next.starts_with(marks_.quote_open)) next.remove_prefix(marks_.quote_open.size());
  if (!it.after_text.empty() && han_at(next)) return it.after_text;
  if (!it.pre_text.empty()) return it.pre_text;
  if (!it.after_text.empty()) return it.after_text;
  return last;
}

// Hedge: the item's own, or one that governs the lists after it.
void SentenceReader::read_hedge(Item& it, ListState& st) const {
  bool own_hedge = false;
  for (const auto& h : hedges_)
    if (h.b >= (it.same_seg ? it.item_start : it.sg.b) && h.e <= it.q0->b) own_hedge = true;
  if (!it.same_seg) {
    bool new_subject = it.own_verb && !it.pre_text.empty();
    bool prev_seg_lead_in = st.last_seg_with_qty + 1 != it.seg;  // a segment without values came between
    if (new_subject && !prev_seg_lead_in) st.hedge_active = false;
  }
  // A hedge in a lead-in segment without values (力争到2025年，…) governs
  // what follows it.
  if (!it.same_seg)
    for (const auto& h : hedges_)
      if (h.b >= st.prev_group_end && h.e <= it.sg.b) st.hedge_active = true;
  it.aspirational = own_hedge || st.hedge_active;
  st.hedge_active = st.hedge_active || own_hedge;
}

// Whether a name lists whole measures that one value applies to, as 均
// would say: 美丽城镇建设覆盖率和高原美丽乡村建设覆盖率达到100% (each item ends in
// a measure, target_measure_head), or nouns of two or more characters listed
// with 、 before one measure (医疗废物、危险废物无害化处置率保持100%, two
// targets in the pdf gold). Not a modifier joined by 和/及 (县级及以上城市…达标率,
// 城市居家和社区养老服务覆盖率), nor one-character levels (市、县污水处理率).
// The measures (split_indicator) if so.
std::optional<std::vector<std::string>> SentenceReader::measures_listed(const std::string& ind) const {
  bool only_commas = true;
  const std::vector<std::string> raw = listed_items(ind, &only_commas);
  if (raw.size() < 2) return std::nullopt;
  auto measured = [&](const std::string& p) { return rules_.any("target_measure_head", p); };
  if (std::all_of(raw.begin(), raw.end(), measured)) return split_indicator(ind);
  if (!only_commas || !measured(raw.back())) return std::nullopt;
  for (size_t i = 0; i + 1 < raw.size(); ++i)
    if (text::length(raw[i]) < 2) return std::nullopt;
  auto parts = split_indicator(ind);
  if (parts.size() != raw.size() || !std::all_of(parts.begin(), parts.end(), measured)) return std::nullopt;
  return parts;
}

// Indicators: one each for 均; paired for 分别 / value lists.
void SentenceReader::pair_indicators(Item& it, const std::vector<size_t>& g) const {
  it.indicators = {it.indicator};
  bool each = false, respectively = false;
  for (const auto& [sp, kind] : shared_)
    if (sp.b >= it.sg.b && sp.e <= it.q0->b) (kind == "each" ? each : respectively) = true;
  // 分别 before a single value gives it to each item as 均 does: 挥发性有机物、
  // 氮氧化物排放总量比2020年分别下降10%以上 (wide 眉山 433, and the same phrase
  // in provincial echoes of the national 节能减排 plan; 艾滋病感染者发现率、抗病毒
  // 治疗覆盖率、治疗成功率分别达到90%以上, wide guangan_R59) is one target per
  // item — of a list joined by 、: a 和 may join two modifiers of one name
  // (各县（市、区）分别打造一个以培育…花卉和珍稀苗木为主的…园区, wide guangan_R08,
  // where 分别 distributes over the scope).
  const bool one_for_each =
      g.size() == 1 && (each || (respectively && it.indicator.find(marks_.list_separator) != std::string::npos));
  if (g.size() > 1 || one_for_each) {
    auto parts = split_indicator(it.indicator);
    if ((one_for_each && parts.size() > 1) || (g.size() > 1 && parts.size() == g.size()))
      it.indicators = parts;
  } else if (!respectively) {
    if (auto measures = measures_listed(it.indicator)) it.indicators = std::move(*measures);
  }
  // 大、中、小型矿山达到…的比例分别为90%、80%和70%, 城区、县城…处理率分别
  // 达到95%、90%: one indicator, and the scope (else the subject before the
  // verb) lists whom each value is for.
  if (respectively && g.size() > 1 && it.indicators.size() == 1) {
    auto subjects = !it.scope.empty() ? split_indicator(it.scope)
                    : it.own_verb    ? split_indicator(it.pre_text)
                                     : std::vector<std::string>{};
    if (subjects.size() == g.size()) it.scopes = subjects;
  }
  // Without 分别 a list of values for one name pairs with a list of scopes
  // as well (the grammar of coordination: one name cannot take two values
  // at once unless each is another subject's): 天宁、钟楼完成9条和4条主城区劣
  // 五类河道整治 (wide 常州 459) — 9 for 天宁, 4 for 钟楼. Not under 均 (each
  // value for every item).
  if (!respectively && !each && g.size() > 1 && it.indicators.size() == 1 && !it.scope.empty()) {
    auto subjects = split_indicator(it.scope);
    if (subjects.size() == g.size()) it.scopes = subjects;
  }
}

void SentenceReader::emit_list(const Item& it, const std::vector<size_t>& g, const std::vector<Qty>& qs,
                               std::vector<Target>& out) const {
  const Qty& ql = *it.ql;
  // Comparator.
  std::string prefix_cmp;
  for (const auto& [sp, c] : cmp_prefix_)
    if (sp.b >= it.item_start && sp.e <= it.q0->b) prefix_cmp = c;
  std::string verb_cmp = it.verb && (it.own_verb || it.inherited) ? it.verb->comparator : "";
  // The last value's bound is the list's (分别达到90%、95%以上) unless another
  // value writes its own: then each value says its bound and one without
  // has none (分别下降8%、8%、10%以上、10%以上 — the two 8% are plain).
  std::string list_suffix = ql.suffix_cmp;
  for (size_t k : g)
    if (&qs[k] != &ql && !qs[k].suffix_cmp.empty()) list_suffix.clear();

  auto emit = [&](const Qty& q, const std::string& ind, int year, const std::string& scope) {
    Target t;
    t.indicator = ind;
    t.scope = scope;
    t.direction = it.direction;
    t.value = q.value;
    t.value_max = q.value_max;
    // A list shares the unit its last value spells out: 分别降低20个、10个百分点.
    t.unit = &q != &ql && ql.unit.size() > q.unit.size() && ql.unit.compare(0, q.unit.size(), q.unit) == 0
                 ? ql.unit
                 : q.unit;
    std::string c = !q.suffix_cmp.empty() ? q.suffix_cmp
                    : !list_suffix.empty() ? list_suffix
                    : !prefix_cmp.empty() ? prefix_cmp
                    : !verb_cmp.empty() ? verb_cmp
                    : "=";
    t.comparator = c;
    t.baseline_year = it.baseline;
    if (year > 0) t.target_year = year;
    t.aspirational = it.aspirational;
    t.begin = q.b;
    t.end = q.e;
    t.rule = it.share_form ? "target-share" : it.inherited ? "target-list" : it.verb ? "target-verb"
                                                                                   : "target-verbless";
    out.push_back(std::move(t));
  };
  for (size_t k = 0; k < g.size(); ++k) {
    const Qty& q = qs[g[k]];
    int year = it.years.size() == g.size() ? it.years[k] : (it.years.empty() ? 0 : it.years.back());
    const std::string& scope = it.scopes.size() == g.size() ? it.scopes[k] : it.scope;
    if (it.indicators.size() == g.size()) emit(q, it.indicators[k], year, scope);
    else
      for (const auto& ind : it.indicators) emit(q, ind, year, scope);
  }
}

}  // namespace policydb::extract::target_reading
