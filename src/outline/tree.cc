// The heading tree, the outline's second pass: classified heading lines
// become nested sections by the rank of their marker, with the exceptions a
// reader makes (emphasis inside numbered text, items that close a 专栏 box,
// a marker that restarts its numbering inside wrapped prose). Tables are read
// as the walk meets them, so each knows its enclosing section.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "notes/notes.h"
#include "outline/builder.h"
#include "rules/rules.h"

namespace policydb::outline::internal {

namespace {

// A heading's text that closes with 。 or ；（（一）“十四五”期间持续推进。,
// 1.光伏发电项目：“十四五”期间新增…) is a task's first sentence, not a title.
// The text is the marker's end up to the body (lines.cc puts a title's own
// sentence end inside it); ！ and ？ never made a run-in heading.
bool runs_in(std::string_view text, const Heading& h) {
  const size_t from = std::min(h.title_begin, text.size());
  const std::string_view head = text::trim(text.substr(from, std::min(h.body_begin, text.size()) - from));
  for (std::string_view p : {"。", "；", ";"})
    if (head.ends_with(p)) return true;
  return false;
}

int add_section(Builder& doc, Kind kind, int parent, const Heading& h, size_t begin, size_t end) {
  Section sec;
  sec.id = static_cast<int>(doc.out.sections.size());
  sec.parent = parent;
  sec.depth = doc.out.sections[parent].depth + 1;
  sec.kind = kind;
  sec.number = h.number;
  sec.ordinal = h.ordinal;
  sec.title = text::strip_spaces(h.title).empty() ? std::string() : h.title;
  sec.begin = begin;
  sec.end = end;
  sec.title_begin = h.title_begin;
  sec.body_begin = h.body_begin;
  sec.run_in = runs_in(doc.s, h);
  const Section& p = doc.out.sections[parent];
  sec.in_box = p.in_box || kind == Kind::kBox;
  sec.in_attachment = p.in_attachment || kind == Kind::kAttachment;
  doc.out.sections.push_back(sec);
  return sec.id;
}

// The walk over the lines: the stack of open sections and the item
// numbering seen so far.
struct TreeWalk {
  explicit TreeWalk(Builder& d) : doc(d) {}
  Builder& doc;
  std::vector<int> stack{0};
  // Item numbering outside boxes (numbers may continue across sections)
  // and inside the open box: tells a box's projects from the items after it.
  int outer_item = 0;
  std::map<int, int> box_items;  // box id → last item ordinal inside it

  void run() {
    Section root;
    root.kind = Kind::kRoot;
    root.begin = 0;
    root.end = doc.s.size();
    doc.out.sections.push_back(root);
    for (size_t i = 0; i < doc.lines.size(); ++i) {
      LineInfo& L = doc.lines[i];
      switch (L.type) {
        case LineType::kEmpty:
          continue;
        case LineType::kToc:
        case LineType::kSignature:
        case LineType::kContact:
          stack.resize(1);  // back to the root
          continue;
        case LineType::kText:
        case LineType::kHeadingCont:
          extend(L.end);
          continue;
        case LineType::kTable:
          if (auto it = doc.block_of_first_line.find(i); it != doc.block_of_first_line.end()) {
            // A markup heading does not own a table that follows it.
            parse_table(doc, doc.blocks[it->second], stack.back());
          }
          extend(L.end);
          continue;
        case LineType::kHeading:
          heading(i);
          continue;
      }
    }
  }

  void extend(size_t end) {
    for (int id : stack)
      if (id != 0) doc.out.sections[id].end = std::max(doc.out.sections[id].end, end);
  }

  // The innermost open 专栏 box, or -1.
  int open_box() const {
    int box = -1;
    for (int id : stack)
      if (doc.out.sections[id].kind == Kind::kBox) box = id;
    return box;
  }

  // Heading line i opens a section, or turns out to be text.
  void heading(size_t i) {
    LineInfo& L = doc.lines[i];
    const Heading& h = L.heading;
    Kind kind = h.kind;
    // Unnumbered (markup) headings never hold children.
    if (doc.out.sections[stack.back()].kind == Kind::kHeading) stack.pop_back();
    // Checked in this order: closing a box changes what restarts.
    bool as_text = kind == Kind::kHeading && numbered_open();
    if (!as_text && kind == Kind::kItem) close_box_for_item(h, i);
    if (as_text || restarts_numbering(h)) {
      L.type = LineType::kText;
      extend(L.end);
      return;
    }
    while (stack.size() > 1 && rank(doc.out.sections[stack.back()].kind) >= rank(kind)) stack.pop_back();
    int parent = stack.back();
    doc.last_ordinal[{parent, kind}] = h.ordinal;
    size_t end = h.title_end;
    for (size_t j = i + 1; j < doc.lines.size() && doc.lines[j].type == LineType::kHeadingCont; ++j)
      end = doc.lines[j].end;
    end = std::max(end, L.end);
    int id = add_section(doc, kind, parent, h, h.begin == std::string::npos ? L.begin : h.begin, end);
    if (kind == Kind::kItem) {
      int box = open_box();
      if (box >= 0)
        box_items[box] = h.ordinal;
      else
        outer_item = h.ordinal;
    }
    extend(end);
    stack.push_back(id);
  }

  // Inside numbered text, bold or '#' is emphasis, not structure.
  bool numbered_open() const {
    for (int id : stack)
      if (id != 0 && doc.out.sections[id].kind != Kind::kAttachment) return true;
    return false;
  }

  // Inside a box, an item continues the box's list or, when it takes up the
  // numbering from before the box, closes the box.
  void close_box_for_item(const Heading& h, size_t i) {
    int box = open_box();
    if (box < 0) return;
    int inside = box_items[box];
    bool continues_box = h.ordinal == inside + 1;
    bool continues_outer = outer_item > 0 && h.ordinal == outer_item + 1;
    // Both lists could go on (the box has as many projects as the items
    // before it): a responsibility note marks a task, which box projects
    // are not.
    if (continues_box && continues_outer && notes::closes_with_note(doc.line_text(i), doc.rules)) continues_box = false;
    if (!continues_box && continues_outer) {
      while (stack.back() != box) stack.pop_back();
      stack.pop_back();
    }
  }

  // A marker that would restart its parent's numbering, followed by a long
  // run of prose, is a wrapped line that happens to start with `一、`
  // (…第\n一、第二阶梯…), not a heading.
  bool restarts_numbering(const Heading& h) const {
    size_t k = stack.size();
    while (k > 1 && rank(doc.out.sections[stack[k - 1]].kind) >= rank(h.kind)) --k;
    int would_be_parent = stack[k - 1];
    auto last = doc.last_ordinal.find({would_be_parent, h.kind});
    bool restarts = last != doc.last_ordinal.end() && h.ordinal > 0 && h.ordinal <= last->second;
    return restarts && text::length(h.title) > 30;
  }
};

}  // namespace

void build_tree(Builder& doc) { TreeWalk(doc).run(); }

}  // namespace policydb::outline::internal
