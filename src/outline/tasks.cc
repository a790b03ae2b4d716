// Notes and tasks, the outline's last passes: responsibility notes closing a
// paragraph (notes::closing_note), the sections that are tasks (the
// lowest numbered units with body text, or the ones a note closes), split at
// each note, merged with the 分工表 rows' tasks, with their time limits
// (family "time_limit") and pages.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "notes/notes.h"
#include "outline/builder.h"
#include "rules/rules.h"

namespace policydb::outline::internal {

void find_notes(Builder& doc) {
  doc.allocation_in.resize(doc.out.sections.size(), false);
  for (const auto& tb : doc.out.tables)
    if (tb.allocation && tb.section >= 0) doc.allocation_in[tb.section] = true;
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].type != LineType::kText && doc.lines[i].type != LineType::kHeading) continue;
    std::string_view line = doc.line_text(i);
    auto note = notes::closing_note(line, doc.rules);
    if (!note) continue;
    int sec = doc.out.section_at(doc.lines[i].begin);
    if (sec <= 0) continue;
    const Section* S = &doc.out.sections[sec];
    if (S->kind == Kind::kHeading || S->kind == Kind::kAttachment) continue;
    // A note on a line of its own after a box belongs to the section that
    // holds the box.
    bool standalone = note->whole_begin == 0;
    if (standalone && S->in_box) {
      while (sec > 0 && doc.out.sections[sec].in_box) sec = doc.out.sections[sec].parent;
      if (sec <= 0) continue;
    }
    NoteHit hit;
    hit.begin = doc.lines[i].begin + note->begin;
    hit.end = doc.lines[i].begin + note->end;
    hit.line_end = doc.lines[i].end;
    doc.notes[sec] = hit;
    doc.paragraph_notes[sec].push_back(hit);
  }
}

namespace {

struct TaskMaker {
  explicit TaskMaker(Builder& d) : doc(d), s(d.s) {}
  Builder& doc;
  std::string_view s;
  std::vector<std::vector<int>> ch;  // section id → its children
  std::vector<bool> noted_below;     // section id → a descendant holds a note
  std::vector<Task> tasks;

  void run() {
    const size_t n = doc.out.sections.size();
    ch.assign(n, {});
    for (const auto& sec : doc.out.sections)
      if (sec.parent >= 0) ch[sec.parent].push_back(sec.id);
    noted_below.assign(n, false);
    for (size_t id = n; id-- > 1;) {
      int p = doc.out.sections[id].parent;
      if (p >= 0 && (noted_below[id] || doc.notes.count(static_cast<int>(id)))) noted_below[p] = true;
    }
    std::vector<bool> covered(n, false);  // an ancestor is a task
    for (size_t id = 1; id < n; ++id) {
      const Section& sec = doc.out.sections[id];
      if (sec.parent >= 0 && covered[sec.parent]) {
        covered[id] = true;
        continue;
      }
      if (!is_task(static_cast<int>(id))) continue;
      covered[id] = true;
      split_at_notes(section_task(static_cast<int>(id)));
    }
    for (auto& t : doc.table_tasks) tasks.push_back(std::move(t));
    std::stable_sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.begin < b.begin; });
    end_before_next();
    for (size_t i = 0; i < tasks.size(); ++i) complete(tasks[i], static_cast<int>(i));
    doc.out.tasks = std::move(tasks);
  }

  // A section is a task when a note closes it and none below it, or, with
  // no note in or below it, when it is the lowest numbered unit with body
  // text outside boxes, attachments and allocation tables.
  bool is_task(int id) const {
    const Section& sec = doc.out.sections[id];
    bool noted = doc.notes.count(id) > 0;
    if (noted_below[id]) return false;
    if (noted) return true;
    bool numbered_child = false;
    for (int c : ch[id])
      if (doc.out.sections[c].kind != Kind::kBox) numbered_child = true;
    bool eligible = sec.kind != Kind::kHeading && sec.kind != Kind::kBox && sec.kind != Kind::kAttachment &&
                    !sec.in_box && !numbered_child && !doc.allocation_in[id];
    if (!eligible) return false;
    size_t body_end = task_end(id);
    bool body_on_heading_line = sec.body_begin < body_end && sec.body_begin < line_end_at(sec.begin);
    return body_on_heading_line || has_prose(sec.body_begin, body_end);
  }

  Task section_task(int id) const {
    const Section& sec = doc.out.sections[id];
    Task task;
    task.section = id;
    task.label = sec.kind == Kind::kItem || sec.kind == Kind::kSubItem ? std::to_string(sec.ordinal) : sec.number;
    if (task.label == "0") task.label = sec.number;
    task.path = doc.out.path_of(id);
    task.begin = sec.begin;
    task.end = task_end(id);
    if (auto it = doc.notes.find(id); it != doc.notes.end()) {
      task.note = std::string(s.substr(it->second.begin, it->second.end - it->second.begin));
      task.end = std::max(task.end, std::min(it->second.line_end, sec.end));
    }
    task.text = std::string(text::trim(s.substr(task.begin, task.end - task.begin)));
    return task;
  }

  // Tasks never overlap: a section that runs on into a task-allocation
  // table ends where the table's first task begins.
  void end_before_next() {
    for (size_t i = 0; i + 1 < tasks.size(); ++i) {
      Task& t = tasks[i];
      if (t.table < 0 && t.end > tasks[i + 1].begin) {
        auto [b, e] = trim_span(s, t.begin, std::max(t.begin, tasks[i + 1].begin));
        t.end = std::max(b, e);
        t.text = std::string(s.substr(t.begin, t.end - t.begin));
      }
    }
  }

  // The task's id, its time limit when no cell gave one, and its pages.
  void complete(Task& t, int id) const {
    t.id = id;
    if (t.time_limit.empty()) {
      for (const auto& m : doc.rules.find_all("time_limit", t.text)) {
        std::string_view v = m.has("value") ? m.group("value", t.text) : std::string_view();
        if (!v.empty()) {
          t.time_limit = std::string(text::trim(v));
          break;
        }
      }
    }
    t.page_first = doc.t.page_of(t.begin);
    t.page_last = doc.t.page_of(t.end > t.begin ? t.end - 1 : t.begin);
  }

  // A paragraph closed by a responsibility note is a task (gold/README.md
  // §3): a section whose body holds several noted paragraphs, numbered or
  // not, gives one task per paragraph run up to and including each note.
  // Text after the last note stays with the last task.
  void split_at_notes(Task task) {
    auto it = doc.paragraph_notes.find(task.section);
    if (it == doc.paragraph_notes.end() || it->second.size() < 2) {
      tasks.push_back(std::move(task));
      return;
    }
    const size_t first = tasks.size();
    size_t begin = task.begin;
    for (const NoteHit& h : it->second) {
      if (h.line_end <= begin || h.line_end > task.end) continue;
      Task part = task;
      part.begin = begin;
      part.end = h.line_end;
      part.note = std::string(s.substr(h.begin, h.end - h.begin));
      tasks.push_back(std::move(part));
      begin = skip_spaces(s, h.line_end, task.end);
    }
    if (tasks.size() == first) {
      tasks.push_back(std::move(task));
      return;
    }
    if (begin < task.end) tasks.back().end = task.end;
    for (size_t i = first; i < tasks.size(); ++i)
      tasks[i].text = std::string(text::trim(s.substr(tasks[i].begin, tasks[i].end - tasks[i].begin)));
  }

  // True when a line of body text overlaps [b, e). Lines are in text order.
  bool has_prose(size_t b, size_t e) const {
    auto it = std::partition_point(doc.lines.begin(), doc.lines.end(), [&](const LineInfo& L) { return L.end <= b; });
    for (; it != doc.lines.end() && it->begin < e; ++it)
      if (it->type == LineType::kText && it->end > b) return true;
    return false;
  }

  size_t line_end_at(size_t offset) const {
    size_t e = s.find('\n', offset);
    return e == std::string_view::npos ? s.size() : e;
  }

  // A task is its section up to the first box inside it.
  size_t task_end(int id) const {
    const Section& sec = doc.out.sections[id];
    size_t end = sec.end;
    for (int c : ch[id])
      if (doc.out.sections[c].kind == Kind::kBox) end = std::min(end, doc.out.sections[c].begin);
    // Trim trailing white space.
    auto [b, e] = trim_span(s, sec.begin, std::max(end, sec.begin));
    (void)b;
    return e;
  }
};

}  // namespace

void make_tasks(Builder& doc) { TaskMaker(doc).run(); }

void finish(Builder& doc) {
  for (auto& sec : doc.out.sections) {
    if (sec.kind == Kind::kRoot) sec.end = doc.s.size();
    sec.page_first = doc.t.page_of(sec.begin);
    sec.page_last = doc.t.page_of(sec.end > sec.begin ? sec.end - 1 : sec.begin);
  }
  std::sort(doc.out.excluded.begin(), doc.out.excluded.end(),
            [](const Region& a, const Region& b) { return a.begin < b.begin; });
}

}  // namespace policydb::outline::internal
