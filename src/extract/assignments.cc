// Assignments: responsibility notes → (task, department, role).
//
// A note is found in a task's own text (a bracketed group or a label line,
// notes/find.cc) or in its responsibility cell, and read into names and roles
// (note_parse.cc). Standing statements (以下各项均需…落实, 排在第一位的为牵头单位)
// apply from where they stand to every later task.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "extract/departments.h"
#include "extract/extract.h"
#include "extract/note_cache.h"
#include "notes/notes.h"
#include "rules/rules.h"

namespace policydb::extract {
namespace {

using departments::Gazetteer;
using departments::ListRule;
using departments::NoteName;
using departments::ParsedNote;
using FoundNote = notes::Note;

// A standing statement (standing_rule): from `pos` on, a list convention
// (mode first_lead / comma_lead) or bodies that carry out every task (implement).
struct Standing {
  size_t pos = 0;
  std::string mode;
  std::string rule;
  std::vector<NoteName> bodies;
};

// The standing statements of the text, in document order.
std::vector<Standing> find_standing(const std::string& t, const outline::Outline& outline,
                                    const rules::RuleSet& rules, const WholeText& whole, const Gazetteer& gz,
                                    departments::NoteCache& cache) {
  std::vector<Standing> standing;
  for (const auto& m : rules.find_all(whole.scan, WholeText::kStandingRule, t)) {
    if (outline.excluded_at(m.begin)) continue;
    Standing st;
    st.pos = m.begin;
    st.mode = std::string(m.attr("mode"));
    st.rule = m.rule->id;
    if (m.has("bodies")) {
      std::string_view list = m.group("bodies", t);
      size_t base = static_cast<size_t>(list.data() - t.data());
      st.bodies = departments::parse_names(list, rules, gz, Role::kImplement, &cache);
      for (auto& n : st.bodies) n.begin += base, n.end += base;
    }
    standing.push_back(std::move(st));
  }
  return standing;
}

// The list convention in force at `pos`: the last one stated before it.
ListRule list_rule_at(const std::vector<Standing>& standing, size_t pos) {
  ListRule r = ListRule::kNone;
  for (const auto& st : standing) {
    if (st.pos > pos) break;
    if (st.mode == "first_lead") r = ListRule::kFirstLead;
    if (st.mode == "comma_lead") r = ListRule::kCommaLead;
  }
  return r;
}

// The spans of the tasks nested in tasks[ti]. Tasks come in document order
// (by begin) when `by_begin`: the nested ones start inside it, found by
// binary search instead of a pass over all of them.
std::vector<std::pair<size_t, size_t>> holes_of(const std::vector<outline::Task>& tasks, size_t ti,
                                                bool by_begin) {
  const outline::Task& task = tasks[ti];
  std::vector<std::pair<size_t, size_t>> holes;
  size_t lo = 0, hi = tasks.size();
  if (by_begin) {
    lo = static_cast<size_t>(
        std::partition_point(tasks.begin(), tasks.end(), [&](const auto& o) { return o.begin < task.begin; }) -
        tasks.begin());
    hi = static_cast<size_t>(
        std::partition_point(tasks.begin(), tasks.end(), [&](const auto& o) { return o.begin <= task.end; }) -
        tasks.begin());
  }
  for (size_t k = lo; k < hi; ++k) {
    const auto& o = tasks[k];
    if (k != ti && task.begin <= o.begin && o.end <= task.end && (o.end - o.begin) < (task.end - task.begin))
      holes.emplace_back(o.begin, o.end);
  }
  return holes;
}

// A 分工表 row's responsibility cell as a note: a span of the text when it
// occurs inside the task (first occurrence from its start), else a copy.
FoundNote table_note(const outline::Task& task, const std::string& t) {
  FoundNote n;
  size_t at = task.begin < task.end && task.end <= t.size()
                  ? std::string_view(t).substr(task.begin, task.end - task.begin).find(task.note)
                  : std::string_view::npos;
  if (at != std::string_view::npos) at += task.begin;
  else if (task.end > t.size()) at = t.find(task.note, task.begin);
  if (at != std::string::npos && at + task.note.size() <= task.end) {
    n.begin = n.whole_begin = at;
    n.end = n.whole_end = at + task.note.size();
  } else {
    n.copy = task.note;
  }
  return n;
}

// A task's notes: its table cell, or those found in its own text (holes
// skipped), or else the note outline kept for it.
std::vector<FoundNote> notes_of(const outline::Task& task, const std::string& t,
                                const std::vector<std::pair<size_t, size_t>>& holes,
                                const rules::RuleSet& rules) {
  std::vector<FoundNote> notes;
  if (task.table >= 0) {
    if (!task.note.empty()) notes.push_back(table_note(task, t));
    return notes;
  }
  notes = notes::find_notes(t, task.begin, std::min(task.end, t.size()), holes, rules);
  if (notes.empty() && !task.note.empty()) {
    FoundNote n;
    n.copy = task.note;
    notes.push_back(std::move(n));
  }
  return notes;
}

// Notes parsed once per document: the same note text under the same
// convention reads the same way.
class NoteReader {
 public:
  NoteReader(const rules::RuleSet& rules, const Gazetteer& gz) : rules_(rules), gz_(gz), cache_(rules) {}

  departments::NoteCache& cache() { return cache_; }

  // The parse of `body` under `list_rule`, or null when it does not read as a note.
  const ParsedNote* read(std::string_view body, ListRule list_rule) {
    auto& memo = parsed_[static_cast<size_t>(list_rule)];
    auto it = memo.find(body);
    if (it == memo.end()) {
      ParsedNote p = departments::parse_note(body, rules_, gz_, list_rule, &cache_);
      bool note = departments::reads_as_note(p, gz_);
      it = memo.emplace(std::string(body), std::make_pair(std::move(p), note)).first;
    }
    return it->second.second ? &it->second.first : nullptr;
  }

 private:
  const rules::RuleSet& rules_;
  const Gazetteer& gz_;
  departments::NoteCache cache_;
  // Parsed notes and whether they read as notes, by list rule and text.
  std::array<TextMap<std::pair<ParsedNote, bool>>, 3> parsed_;
};

// One task's assignments appended to `out`, each (department, role) once,
// first kept.
class TaskAssignments {
 public:
  TaskAssignments(std::vector<Assignment>& out, const outline::Task& task,
                  const normalize::NormalizedText& text)
      : out_(out), task_(task), text_(text), from_(out.size()) {}

  // A name of a note; `mapped`: its offsets are relative to `base` in the text.
  void add(const NoteName& n, size_t base, bool mapped, std::string_view note_text) {
    const Role role = n.role;
    if (!fresh(n.department, role)) return;
    Assignment& a = out_.emplace_back();
    a.task = task_.id;
    a.department = n.department;
    a.as_written = n.as_written;
    a.role = role;
    a.note = note_text;
    if (mapped) {
      a.begin = base + n.begin;
      a.end = base + n.end;
      a.page = text_.page_of(a.begin);
    } else {
      a.page = task_.page_first;
    }
    a.rule = n.rule;
  }

  // The bodies of a standing instruction, inherited: their span is where
  // the instruction names them (以下各项均需各县区…落实), their page the task's.
  void add_standing(const Standing& st) {
    for (const auto& b : st.bodies) {
      if (!fresh(b.department, Role::kImplement)) continue;
      Assignment& a = out_.emplace_back();
      a.task = task_.id;
      a.department = b.department;
      a.as_written = b.as_written;
      a.role = Role::kImplement;
      a.begin = b.begin;
      a.end = b.end;
      a.page = task_.page_first;
      a.rule = st.rule;
    }
  }

 private:
  bool fresh(const Department& d, Role role) const {
    for (size_t i = from_; i < out_.size(); ++i)
      if (out_[i].department.canonical == d.canonical && out_[i].role == role) return false;
    return true;
  }

  std::vector<Assignment>& out_;
  const outline::Task& task_;
  const normalize::NormalizedText& text_;
  const size_t from_;
};

// Reads a task's notes into `add`; whether any read as a note.
bool read_notes(const std::vector<FoundNote>& notes, const outline::Task& task, const std::string& t,
                const std::vector<Standing>& standing, NoteReader& reader, TaskAssignments& add) {
  bool any_note = false;
  for (const auto& fn : notes) {
    std::string_view body = fn.copy.empty() ? std::string_view(t).substr(fn.begin, fn.end - fn.begin)
                                            : std::string_view(fn.copy);
    // A convention stated inside this very note (…，排在第一位的为牵头单位，下同）
    // already governs it.
    size_t at = fn.copy.empty() ? fn.whole_end : task.end;
    const ParsedNote* parsed = reader.read(body, list_rule_at(standing, at));
    if (!parsed) continue;
    any_note = true;
    std::string_view whole =
        fn.copy.empty() ? std::string_view(t).substr(fn.whole_begin, fn.whole_end - fn.whole_begin)
                        : std::string_view(fn.copy);
    for (const auto& n : parsed->names) add.add(n, fn.begin, fn.copy.empty(), whole);
  }
  return any_note;
}

}  // namespace

std::vector<Assignment> extract_assignments(const normalize::NormalizedText& text,
                                            const outline::Outline& outline, const Metadata& meta,
                                            const rules::RuleSet& rules, const WholeText* whole) {
  std::vector<Assignment> out;
  // Assignments belong to tasks: without any, nothing below adds one.
  if (outline.tasks.empty()) return out;
  WholeText own;
  const WholeText& whole_text = whole_text_or_scan(whole, text, rules, own);
  const std::string& t = text.text;
  Gazetteer gz(rules, meta);
  NoteReader reader(rules, gz);
  const std::vector<Standing> standing = find_standing(t, outline, rules, whole_text, gz, reader.cache());

  const auto& tasks = outline.tasks;
  const bool by_begin = std::is_sorted(tasks.begin(), tasks.end(), [](const auto& x, const auto& y) {
    return x.begin < y.begin;
  });
  for (size_t ti = 0; ti < tasks.size(); ++ti) {
    const outline::Task& task = tasks[ti];
    const auto notes = notes_of(task, t, holes_of(tasks, ti, by_begin), rules);
    TaskAssignments add(out, task, text);
    // Standing instructions: every later task with a note is carried out by
    // the bodies they name.
    if (!read_notes(notes, task, t, standing, reader, add)) continue;
    for (const auto& st : standing)
      if (st.mode == "implement" && st.pos < task.begin) add.add_standing(st);
  }
  return out;
}

}  // namespace policydb::extract
