// Outline: the document read the way its author numbered it — parts,
// sections, items, 专栏 boxes, attachments, tables — and the tasks that
// responsibility notes and deadlines attach to.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "normalize/normalize.h"

namespace policydb::rules {
class RuleSet;
}

namespace policydb::outline {

// The level of a heading is known by its marker, never by its position.
enum class Kind {
  kRoot,        // the whole document (sections[0])
  kPart,        // 一、
  kSection,     // （一） / (一)
  kItem,        // 1. / 1． / 1、
  kSubItem,     // （1） / (1)
  kPoint,       // ① …
  kBox,         // 专栏 N 标题
  kAttachment,  // 附件 / 附件1
  kHeading,     // an unnumbered heading known only from markup (#, **, <b>)
  kChapter,     // 第一章 (plans and regulations: above 一、)
  kDivision,    // 第一节 (below 第一章)
  kArticle,     // 第一条 (regulations: below 第一节, above （一）)
};

struct Section {
  int id = 0;
  int parent = -1;          // -1 for the root
  int depth = 0;            // root 0
  Kind kind = Kind::kRoot;
  std::string number;       // marker as written: "一、", "（一）", "1.", "专栏2"
  int ordinal = 0;          // numeric value of the marker (一 → 1), 0 if none
  std::string title;        // heading text without marker (may be empty)
  size_t begin = 0, end = 0;  // whole section in NormalizedText::text, children included
  size_t title_begin = 0;     // first byte of the title (after the marker and spaces)
  size_t body_begin = 0;      // first byte after the title
  int page_first = 1, page_last = 1;
  bool in_box = false;         // inside a 专栏 box
  bool in_attachment = false;  // inside an 附件
  bool run_in = false;         // its text closes with 。 or ；: a task's first sentence, not a title
};

struct TableRow {
  std::vector<std::string> cells;  // after joining broken cells and filling merged ones
  std::string number;              // the row's number cell ("12"), empty if none
  size_t begin = 0, end = 0;       // span of the row's lines in the normalised text
  int page = 1;
  bool header = false;
};

struct Table {
  int id = 0;
  int section = 0;               // enclosing section id
  std::string title;             // caption line above the table, if any
  std::vector<std::string> header;
  std::vector<TableRow> rows;    // header rows repeated on later pages are dropped
  size_t begin = 0, end = 0;
  bool allocation = false;       // a task-allocation table (分工表): every numbered row is a task
};

// The unit a responsibility note or deadline applies to.
struct Task {
  int id = 0;                // 0-based, in document order
  int section = 0;           // the section it is (or sits in)
  int table = -1, row = -1;  // for a 分工表 row
  std::string label;         // "1", "（三）", "重点任务 12", "重点工程 3"
  std::string path;          // section path, e.g. "二/（一）/1."
  std::string text;          // full text, title and note included
  std::string note;          // the closing responsibility note or cell, if any
  std::string time_limit;    // a time-limit cell or label, if any (完成时限…)
  size_t begin = 0, end = 0; // span in the normalised text
  int page_first = 1, page_last = 1;
};

enum class RegionKind { kTableOfContents, kSignature, kContact, kCover };

// Text that is neither outline nor task: TOC, signature block, contact lines.
struct Region {
  RegionKind kind;
  size_t begin = 0, end = 0;
};

struct Outline {
  std::vector<Section> sections;  // sections[0] is the root; parents precede children
  std::vector<Task> tasks;        // document order
  std::vector<Table> tables;
  std::vector<Region> excluded;

  // Innermost section containing offset.
  int section_at(size_t offset) const;
  // Task containing offset, or -1.
  int task_at(size_t offset) const;
  // "二/（一）/1." for section id.
  std::string path_of(int section) const;
  // Excluded region containing offset, or nullptr.
  const Region* excluded_at(size_t offset) const;
};

// Reads the outline of a normalised document with the rule families
// "heading", "toc", "time_limit", "table_column", "signature" and "contact"
// (rules/structure.toml), and the notes closing lines (notes/notes.h). Never
// fails: a document without numbering is one root section with no tasks.
Outline build(const normalize::NormalizedText& text, const rules::RuleSet& rules);

// A short name for a Kind ("part", "section", ...), for logs and the CLI.
const char* kind_name(Kind kind);

}  // namespace policydb::outline
