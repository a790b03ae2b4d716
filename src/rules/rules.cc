// The rule engine: TOML rule files -> RE2 programs, one RE2::Set per family.
// Everything RE2- and toml++-specific stays in this file.
#include "rules/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <toml++/toml.h>

#include "common/sha256.h"
#include "common/text.h"

namespace policydb::rules {
namespace {

namespace fs = std::filesystem;

// A rule with its compiled program. Group names point into rule->groups keys
// (std::map nodes never move), so Match::groups stays valid as long as the
// RuleSet lives.
struct Compiled {
  std::unique_ptr<Rule> rule;
  std::unique_ptr<RE2> re;
  std::vector<std::pair<int, std::string_view>> named;  // capture index -> name
  int ncap = 1;                                           // submatches to ask RE2 for
};

// Each rule as `(?:pattern)$`, compiled on first use by any_suffix: RE2
// runs an end-anchored pattern backwards from the end of the text, so the
// test reads only as far back as a match could reach.
struct SuffixPrograms {
  std::once_flag once;
  std::vector<std::unique_ptr<RE2>> res;  // parallel to Family::rules
  bool ok = true;                          // every pattern compiled
};

// A family's two RE2::Sets, [0] unanchored (find_all, any) and [1] anchored
// at the start (match_prefix stops early), each compiled on first use: a
// Set costs several times its rules' own programs to build (RE2 runs its
// DFA once on compiling it) and a run asks only some families each way.
// Null after the once when RE2 ran out of memory: every rule is then asked.
struct LazySets {
  std::once_flag once[2];
  std::unique_ptr<RE2::Set> set[2];
};

struct Family {
  std::vector<const Rule*> rules;
  std::vector<size_t> compiled;  // index into Data::compiled, parallel to rules
  std::unique_ptr<LazySets> sets = std::make_unique<LazySets>();
  std::unique_ptr<SuffixPrograms> suffix = std::make_unique<SuffixPrograms>();
};

// Family names -> families, for the lookup every call makes: open
// addressing over a power-of-two table, hashed from the name's length and
// its first and last bytes (family names are short and few), so a lookup
// is a few instructions and one memcmp instead of a full string hash and
// a division.
class FamilyIndex {
 public:
  void build(const std::map<std::string, Family, std::less<>>& families) {
    size_t n = 16;
    while (n < families.size() * 4) n *= 2;
    slots_.assign(n, Slot{});
    for (const auto& [name, f] : families) {
      size_t i = hash(name) & (n - 1);
      while (slots_[i].family) i = (i + 1) & (n - 1);
      slots_[i] = Slot{name, &f};
    }
  }

  const Family* find(std::string_view name) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash(name) & mask; slots_[i].family; i = (i + 1) & mask)
      if (slots_[i].name == name) return slots_[i].family;
    return nullptr;
  }

 private:
  struct Slot {
    std::string_view name;  // views Data::families' keys (std::map nodes never move)
    const Family* family = nullptr;
  };

  static size_t hash(std::string_view s) {
    uint64_t h = s.size() * 0x9e3779b97f4a7c15ULL;
    if (!s.empty()) {
      uint64_t head = 0, tail = 0;
      std::memcpy(&head, s.data(), std::min<size_t>(s.size(), 8));
      std::memcpy(&tail, s.data() + s.size() - std::min<size_t>(s.size(), 8), std::min<size_t>(s.size(), 8));
      h ^= head * 0xff51afd7ed558ccdULL;
      h ^= (tail + (h >> 29)) * 0xc4ceb9fe1a85ec53ULL;
    }
    return static_cast<size_t>(h ^ (h >> 32));
  }

  std::vector<Slot> slots_;
};

RE2::Options re2_options(const Options& options) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_longest_match(false);  // leftmost-first, as Perl
  o.set_log_errors(false);
  o.set_max_mem(options.max_mem);
  return o;
}

// The family's rules in one Set anchored as `anchor`; null if RE2 ran out
// of memory (every pattern compiled alone at load, so nothing else fails).
std::unique_ptr<RE2::Set> compile_family_set(const Family& f, RE2::Anchor anchor, const Options& options) {
  auto set = std::make_unique<RE2::Set>(re2_options(options), anchor);
  for (const Rule* r : f.rules)
    if (set->Add(r->pattern, nullptr) < 0) return nullptr;
  return set->Compile() ? std::move(set) : nullptr;
}

std::string join_path(const std::string& dir, const std::string& rel) {
  if (dir.empty()) return rel;
  if (dir.back() == '/') return dir + rel;
  return dir + "/" + rel;
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Scalars as the strings stages read. Floats use the shortest representation
// that round-trips.
std::optional<std::string> scalar_string(const toml::node& n) {
  if (auto s = n.as_string()) return s->get();
  if (auto i = n.as_integer()) return std::to_string(i->get());
  if (auto b = n.as_boolean()) return std::string(b->get() ? "true" : "false");
  if (auto f = n.as_floating_point()) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f->get());
    if (ec == std::errc()) return std::string(buf, end);
  }
  return std::nullopt;
}

// Advances past one UTF-8 sequence (one byte if invalid); never past `size`.
size_t next_char(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size() + 1;
  text::decode(text, pos);
  return pos;
}

// The rules of several families in one unanchored Set, for
// RuleSet::scan(): pattern j of `set` is rule j - first[i] of family i for
// first[i] <= j < first[i + 1].
struct Union {
  std::vector<const Family*> families;  // null for a name without rules
  std::vector<size_t> first;
  std::unique_ptr<RE2::Set> set;  // null if it could not be compiled: scan() asks family by family
};

// Unions made so far, by their family names joined with '\0'. Behind a
// pointer: the mutex cannot move with the RuleSet.
struct Unions {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<Union>, std::less<>> by_names;
};

// Everything a loaded RuleSet holds; RuleSet::Impl is this, behind the pimpl.
struct Data {
  std::string dir;
  std::vector<Compiled> compiled;  // load order
  std::vector<const Rule*> all;    // the same, as the public API hands them out
  std::unordered_map<const Rule*, size_t> index;  // rule -> compiled[]
  std::map<std::string, Family, std::less<>> families;
  FamilyIndex by_name;
  std::map<std::string, std::vector<Entry>, std::less<>> tables;
  std::string hash;
  Options options;
  std::unique_ptr<Unions> unions = std::make_unique<Unions>();

  const Family* family(std::string_view name) const { return by_name.find(name); }

  // The family's Set anchored as `anchor` (UNANCHORED or ANCHOR_START),
  // compiled on first use. Null for a family of one rule, whose own program
  // answers at less cost, and when RE2 ran out of memory.
  const RE2::Set* set_of(const Family& f, RE2::Anchor anchor) const {
    if (f.rules.size() < 2) return nullptr;
    const int k = anchor == RE2::UNANCHORED ? 0 : 1;
    std::call_once(f.sets->once[k], [&] { f.sets->set[k] = compile_family_set(f, anchor, options); });
    return f.sets->set[k].get();
  }

  // True when one of the family's rules matches `text` as `anchor` says:
  // through its Set, or rule by rule without one (or if its DFA ran out of
  // memory).
  bool set_any(const Family& f, std::string_view text, RE2::Anchor anchor) const {
    const re2::StringPiece sp(text.data(), text.size());
    if (const RE2::Set* set = set_of(f, anchor)) {
      RE2::Set::ErrorInfo info{RE2::Set::kNoError};
      if (set->Match(sp, nullptr, &info)) return true;
      if (info.kind == RE2::Set::kNoError) return false;
    }
    for (size_t idx : f.compiled)
      if (compiled[idx].re->Match(sp, 0, text.size(), anchor, nullptr, 0)) return true;
    return false;
  }

  const SuffixPrograms& suffix_programs(const Family& f) const {
    SuffixPrograms& p = *f.suffix;
    std::call_once(p.once, [&] {
      for (const Rule* r : f.rules) {
        p.res.push_back(std::make_unique<RE2>("(?:" + r->pattern + ")$", re2_options(options)));
        if (!p.res.back()->ok()) p.ok = false;
      }
    });
    return p;
  }

  // Indices (into Family::rules) of the rules that match somewhere in
  // `text` as `anchor` says, ascending, into `v` (cleared first). A family
  // of one rule asks its own program (on the DFA, as the Set would). If the
  // Set could not be built or its DFA runs out of memory every rule is
  // listed: the caller's own match decides, so a too-small budget costs
  // speed, never matches.
  void hits(const Family& f, RE2::Anchor anchor, std::string_view text, std::vector<int>& v) const {
    const re2::StringPiece sp(text.data(), text.size());
    if (f.rules.size() == 1) {
      v.clear();
      if (compiled[f.compiled.front()].re->Match(sp, 0, text.size(), anchor, nullptr, 0)) v.push_back(0);
      return;
    }
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    const RE2::Set* set = set_of(f, anchor);
    if (set && !set->Match(sp, &v, &info) && info.kind == RE2::Set::kNoError) return;
    if (!set || info.kind != RE2::Set::kNoError) {
      v.resize(f.rules.size());
      for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>(i);
    }
    std::sort(v.begin(), v.end());
  }

  // Room for one rule's submatches, on the stack for the usual few groups.
  class Submatches {
   public:
    explicit Submatches(int n) : n_(static_cast<size_t>(n)) {
      if (n_ > kInline) heap_.resize(n_);
    }
    re2::StringPiece* data() { return n_ > kInline ? heap_.data() : inline_; }

   private:
    static constexpr size_t kInline = 16;
    size_t n_;
    re2::StringPiece inline_[kInline];
    std::vector<re2::StringPiece> heap_;
  };

  // Runs one rule at `pos` and fills `m`. `anchor` as RE2; `sub` has room
  // for c.ncap pieces.
  static bool match_at(const Compiled& c, std::string_view text, size_t pos, RE2::Anchor anchor,
                       re2::StringPiece* sub, Match& m) {
    std::fill(sub, sub + c.ncap, re2::StringPiece());
    re2::StringPiece sp(text.data(), text.size());
    if (!c.re->Match(sp, pos, text.size(), anchor, sub, c.ncap)) return false;
    m.rule = c.rule.get();
    m.begin = static_cast<size_t>(sub[0].data() - text.data());
    m.end = m.begin + sub[0].size();
    m.groups.clear();
    for (const auto& [idx, name] : c.named) {
      const auto& g = sub[static_cast<size_t>(idx)];
      if (g.data() == nullptr) continue;  // did not take part
      size_t b = static_cast<size_t>(g.data() - text.data());
      m.groups.push_back(Group{name, b, b + g.size()});
    }
    return true;
  }

  // Every non-overlapping match of one rule, left to right. An empty match
  // right where the previous match ended is skipped (as RE2::GlobalReplace);
  // after an empty match the search resumes one whole UTF-8 character later.
  static void all_matches(const Compiled& c, std::string_view text, std::vector<Match>& out) {
    Submatches sub(c.ncap);
    size_t pos = 0;
    size_t last_end = std::string_view::npos;
    while (pos <= text.size()) {
      Match m;
      if (!match_at(c, text, pos, RE2::UNANCHORED, sub.data(), m)) break;
      if (m.begin == m.end) {
        if (m.begin != last_end) out.push_back(std::move(m));
        pos = next_char(text, m.end);
      } else {
        last_end = m.end;
        pos = m.end;
        out.push_back(std::move(m));
        // A match that ends the text leaves only an empty match at its end,
        // which is skipped anyway: don't search for it (families anchored
        // with $ would pay a second RE2 call per text for nothing).
        if (pos == text.size()) break;
      }
    }
  }

  // Every match of every rule of the family, rule by rule in load order.
  // Returns how many rules matched: with one, `all` is already in order
  // (one rule's matches never overlap and advance left to right).
  size_t collect(const Family& f, std::string_view text, std::vector<Match>& all) const {
    // A family of one rule needs no Set: the rule's own search finds
    // whether it matches, where the Set would scan the text once more.
    if (f.compiled.size() == 1) {
      all_matches(compiled[f.compiled.front()], text, all);
      return all.empty() ? 0 : 1;
    }
    thread_local std::vector<int> v;
    hits(f, RE2::UNANCHORED, text, v);
    return collect_rules(f, v.data(), v.data() + v.size(), text, all);
  }

  // The matches of the family's rules [first, last) (indices into
  // Family::rules, ascending) in `text`; returns how many rules that is.
  size_t collect_rules(const Family& f, const int* first, const int* last, std::string_view text,
                       std::vector<Match>& all) const {
    for (const int* i = first; i != last; ++i)
      all_matches(compiled[f.compiled[static_cast<size_t>(*i)]], text, all);
    return static_cast<size_t>(last - first);
  }
};

// Earliest start, then higher priority, then longer. Matches are collected
// rule by rule in load order, so the stable sort breaks remaining ties by it.
bool match_before(const Match& a, const Match& b) {
  if (a.begin != b.begin) return a.begin < b.begin;
  if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
  return a.end - a.begin > b.end - b.begin;
}

// A stable sort: insertion sort while short (std::stable_sort allocates a
// buffer on every call), which orders ties exactly as std::stable_sort.
void sort_matches(std::vector<Match>& v) {
  if (v.size() > 32) {
    std::stable_sort(v.begin(), v.end(), match_before);
    return;
  }
  for (size_t i = 1; i < v.size(); ++i) {
    if (!match_before(v[i], v[i - 1])) continue;
    Match m = std::move(v[i]);
    size_t j = i;
    for (; j > 0 && match_before(m, v[j - 1]); --j) v[j] = std::move(v[j - 1]);
    v[j] = std::move(m);
  }
}

// Reads, parses and validates rule files; builds the Data or reports the
// first error as "path:line: rule ID: what".
class Loader {
 public:
  Loader(std::string dir, const Options& options) : options_(options) {
    impl_ = std::make_unique<Data>();
    impl_->dir = std::move(dir);
  }

  Status run() {
    std::error_code ec;
    const fs::path root(impl_->dir);
    if (!fs::is_directory(root, ec)) return Status::Error(impl_->dir + ": not a directory of rule files");
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
    if (ec) return Status::Error(impl_->dir + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) return Status::Error(impl_->dir + ": " + ec.message());
      const auto& p = it->path();
      if (p.extension() != ".toml") continue;
      if (!it->is_regular_file(ec)) continue;
      files.push_back(p.lexically_relative(root).generic_string());
    }
    if (ec) return Status::Error(impl_->dir + ": " + ec.message());
    // An empty directory is almost surely a wrong path; a run without rules
    // would extract nothing and say nothing.
    if (files.empty()) return Status::Error(impl_->dir + ": no *.toml rule files");
    std::sort(files.begin(), files.end());

    std::string hashed;
    for (const auto& rel : files) {
      std::string bytes;
      if (Status s = read(rel, bytes); !s.ok()) return s;
      hashed += rel;
      hashed.push_back('\0');
      hashed += std::to_string(bytes.size());
      hashed.push_back('\0');
      hashed += bytes;
      if (Status s = parse(rel, bytes); !s.ok()) return s;
    }
    impl_->hash = sha256_hex(hashed);
    return compile_sets();
  }

  std::unique_ptr<Data> take() { return std::move(impl_); }

 private:
  std::string where(const std::string& rel, int line) const {
    return join_path(impl_->dir, rel) + ":" + std::to_string(line) + ": ";
  }
  Status error(const std::string& rel, int line, const std::string& id, const std::string& what) const {
    return Status::Error(where(rel, line) + (id.empty() ? "" : "rule " + id + ": ") + what);
  }

  Status read(const std::string& rel, std::string& bytes) {
    const std::string path = join_path(impl_->dir, rel);
    std::error_code ec;
    auto size = fs::file_size(fs::path(impl_->dir) / rel, ec);
    if (ec) return Status::Error(path + ": " + ec.message());
    if (size > options_.max_file_bytes)
      return Status::Error(path + ":1: file is " + std::to_string(size) + " bytes, more than the " +
                           std::to_string(options_.max_file_bytes) + " allowed for a rule file");
    std::ifstream in(fs::path(impl_->dir) / rel, std::ios::binary);
    if (!in) return Status::Error(path + ": cannot open");
    bytes.resize(static_cast<size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (static_cast<size_t>(in.gcount()) != bytes.size()) return Status::Error(path + ": short read");
    // A file that grew since file_size(): refuse rather than read unbounded.
    if (in.peek() != std::char_traits<char>::eof())
      return Status::Error(path + ": file changed while being read");
    return Status::Ok();
  }

  Status parse(const std::string& rel, const std::string& bytes) {
    toml::table doc;
    try {
      doc = toml::parse(std::string_view(bytes), join_path(impl_->dir, rel));
    } catch (const toml::parse_error& e) {
      return error(rel, static_cast<int>(e.source().begin.line), "",
                   "TOML syntax error: " + std::string(e.description()));
    }

    std::string default_family;
    if (auto* f = doc.get("family")) {
      if (!f->is_string()) return error(rel, line_of(*f), "", "`family` must be a string");
      default_family = f->as_string()->get();
    }
    // Named parts of patterns (`[parts]`, name = pattern): a rule of the
    // same file writes {{name}} where the part goes. A part may use other
    // parts of the table; expansion stops at depth 8.
    parts_.clear();
    if (auto* p = doc.get("parts")) {
      auto* t = p->as_table();
      if (!t) return error(rel, line_of(*p), "", "`parts` must be a table of name = pattern");
      for (auto&& [pk, pv] : *t) {
        if (!pv.is_string())
          return error(rel, line_of(pv), "", "part `" + std::string(pk.str()) + "` must be a string");
        parts_[std::string(pk.str())] = pv.as_string()->get();
      }
    }
    for (auto&& [key, node] : doc) {
      const std::string k(key.str());
      if (k == "family" || k == "parts") continue;
      if (k == "rule") {
        auto* arr = node.as_array();
        if (!arr || !arr->is_array_of_tables())
          return error(rel, line_of(node), "", "`rule` must be an array of tables ([[rule]])");
        for (auto& r : *arr)
          if (Status s = parse_rule(rel, *r.as_table(), default_family); !s.ok()) return s;
      } else if (k == "table") {
        auto* t = node.as_table();
        if (!t) return error(rel, line_of(node), "", "`table` must hold [[table.NAME]] entries");
        for (auto&& [tname, tnode] : *t)
          if (Status s = parse_table(rel, std::string(tname.str()), tnode); !s.ok()) return s;
      } else {
        return error(rel, static_cast<int>(key.source().begin.line), "",
                     "unknown top-level key `" + k + "` (expected family, [parts], [[rule]] or [[table.NAME]])");
      }
    }
    return Status::Ok();
  }

  // {{name}} in a rule's pattern -> the file's part `name`, wrapped in (?:...).
  Status expand_parts(const std::string& rel, int line, Rule& rule) const {
    for (int depth = 0; rule.pattern.find("{{") != std::string::npos; ++depth) {
      if (depth == 8) return error(rel, line, rule.id, "parts nested deeper than 8 (a part uses itself?)");
      std::string out;
      size_t at = 0;
      for (size_t open; (open = rule.pattern.find("{{", at)) != std::string::npos;) {
        size_t close = rule.pattern.find("}}", open);
        if (close == std::string::npos) return error(rel, line, rule.id, "`{{` without `}}`");
        std::string name = rule.pattern.substr(open + 2, close - open - 2);
        auto it = parts_.find(name);
        if (it == parts_.end()) return error(rel, line, rule.id, "unknown part `" + name + "`");
        out += rule.pattern.substr(at, open - at) + "(?:" + it->second + ")";
        at = close + 2;
      }
      rule.pattern = out + rule.pattern.substr(at);
    }
    return Status::Ok();
  }

  Status parse_table(const std::string& rel, const std::string& name, const toml::node& node) {
    auto* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables())
      return error(rel, line_of(node), "", "table `" + name + "` must be written as [[table." + name + "]] entries");
    auto& out = impl_->tables[name];
    for (auto& e : *arr) {
      const auto& t = *e.as_table();
      Entry entry;
      entry.file = rel;
      entry.line = line_of(t);
      for (auto&& [key, v] : t) {
        const std::string k(key.str());
        if (auto a = v.as_array()) {
          auto& list = entry.lists[k];
          for (auto& item : *a) {
            auto s = scalar_string(item);
            if (!s)
              return error(rel, line_of(item), "",
                           "table `" + name + "` field `" + k + "`: arrays hold strings or numbers only");
            list.push_back(std::move(*s));
          }
        } else if (auto s = scalar_string(v)) {
          entry.fields[k] = std::move(*s);
        } else {
          return error(rel, line_of(v), "",
                       "table `" + name + "` field `" + k + "`: must be a string, number, boolean or array");
        }
      }
      out.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  // Examples are tables {text = ..., match = ..., GROUP = ...}; a bare string
  // only has to match. Counterexamples are strings or {text = ...}.
  Status parse_examples(const std::string& rel, const Rule& rule, const toml::node& node, bool counter,
                        std::vector<Example>& out) {
    const char* what = counter ? "counterexamples" : "examples";
    auto* arr = node.as_array();
    if (!arr) return error(rel, line_of(node), rule.id, std::string("`") + what + "` must be an array");
    for (auto& item : *arr) {
      Example ex;
      ex.line = line_of(item);
      if (ex.line == 0) ex.line = rule.line;
      if (auto s = item.as_string()) {
        ex.text = s->get();
      } else if (auto t = item.as_table()) {
        auto* text = t->get("text");
        if (!text || !text->is_string())
          return error(rel, ex.line, rule.id, std::string("each of `") + what + "` needs a string `text`");
        ex.text = text->as_string()->get();
        for (auto&& [key, v] : *t) {
          const std::string k(key.str());
          if (k == "text") continue;
          if (counter)
            return error(rel, ex.line, rule.id, "a counterexample has only `text`, not `" + k + "`");
          if (!v.is_string())
            return error(rel, ex.line, rule.id, "example value `" + k + "` must be a string");
          if (k != "match" && !rule.groups.count(k))
            return error(rel, ex.line, rule.id,
                         "example expects `" + k + "`, which is neither `match` nor a declared group");
          ex.expect[k] = v.as_string()->get();
        }
      } else {
        return error(rel, ex.line, rule.id,
                     std::string("each of `") + what + "` must be a string or a table with `text`");
      }
      out.push_back(std::move(ex));
    }
    return Status::Ok();
  }

  Status parse_rule(const std::string& rel, const toml::table& t, const std::string& default_family) {
    auto rule = std::make_unique<Rule>();
    rule->file = rel;
    rule->line = line_of(t);
    if (auto* id = t.get("id"); id && id->is_string()) rule->id = id->as_string()->get();
    if (rule->id.empty()) return error(rel, rule->line, "", "rule without a string `id`");
    if (auto [it, fresh] = ids_.emplace(rule->id, where(rel, rule->line)); !fresh)
      return error(rel, rule->line, rule->id, "duplicate id (first defined at " +
                                                  it->second.substr(0, it->second.size() - 2) + ")");

    int pattern_line = rule->line, groups_line = rule->line;
    const toml::node* examples = nullptr;
    const toml::node* counterexamples = nullptr;
    rule->family = default_family;
    for (auto&& [key, v] : t) {
      const std::string k(key.str());
      const int kline = static_cast<int>(key.source().begin.line);
      if (k == "id") {
        continue;
      } else if (k == "family" || k == "pattern") {
        if (!v.is_string()) return error(rel, kline, rule->id, "`" + k + "` must be a string");
        (k == "family" ? rule->family : rule->pattern) = v.as_string()->get();
        if (k == "pattern") pattern_line = line_of(v);
      } else if (k == "priority") {
        auto i = v.as_integer();
        if (!i || i->get() < -1000000 || i->get() > 1000000)
          return error(rel, kline, rule->id, "`priority` must be an integer");
        rule->priority = static_cast<int>(i->get());
      } else if (k == "groups") {
        auto g = v.as_table();
        if (!g) return error(rel, kline, rule->id, "`groups` must be a table {name = \"meaning\"}");
        groups_line = line_of(v);
        for (auto&& [gk, gv] : *g) {
          if (!gv.is_string())
            return error(rel, line_of(gv), rule->id, "group `" + std::string(gk.str()) + "`: meaning must be a string");
          rule->groups[std::string(gk.str())] = gv.as_string()->get();
        }
      } else if (k == "examples") {
        examples = &v;
      } else if (k == "counterexamples") {
        counterexamples = &v;
      } else if (auto s = scalar_string(v)) {
        rule->attrs[k] = std::move(*s);
      } else {
        return error(rel, kline, rule->id, "attribute `" + k + "` must be a string, integer or boolean");
      }
    }
    if (rule->pattern.empty()) return error(rel, rule->line, rule->id, "missing `pattern`");
    if (Status s = expand_parts(rel, pattern_line, *rule); !s.ok()) return s;
    if (rule->family.empty())
      return error(rel, rule->line, rule->id, "no `family` (set one in the rule or at the top of the file)");
    if (examples)
      if (Status s = parse_examples(rel, *rule, *examples, false, rule->examples); !s.ok()) return s;
    if (counterexamples)
      if (Status s = parse_examples(rel, *rule, *counterexamples, true, rule->counterexamples); !s.ok())
        return s;
    if (rule->examples.empty())
      return error(rel, rule->line, rule->id, "no `examples`: every rule needs at least one");

    Compiled c;
    c.re = std::make_unique<RE2>(rule->pattern, re2_options(options_));
    if (!c.re->ok()) {
      std::string msg = c.re->error();
      const std::string& arg = c.re->error_arg();
      if (!arg.empty() && msg.find(arg) == std::string::npos) msg += ": " + arg;
      return error(rel, pattern_line, rule->id, msg);
    }
    const auto& named = c.re->NamedCapturingGroups();
    for (const auto& [name, idx] : named) {
      auto g = rule->groups.find(name);
      if (g == rule->groups.end())
        return error(rel, pattern_line, rule->id, "group `" + name + "` is not declared under `groups`");
      c.named.emplace_back(idx, std::string_view(g->first));
    }
    for (const auto& [name, meaning] : rule->groups)
      if (!named.count(name))
        return error(rel, groups_line, rule->id, "declared group `" + name + "` is not in the pattern");
    std::sort(c.named.begin(), c.named.end());
    // Only named groups are reported: unnamed (…) need not be tracked, and a
    // rule without named groups matches on the DFA alone.
    c.ncap = 1 + (c.named.empty() ? 0 : c.named.back().first);
    c.rule = std::move(rule);
    impl_->compiled.push_back(std::move(c));
    return Status::Ok();
  }

  Status compile_sets() {
    for (size_t i = 0; i < impl_->compiled.size(); ++i) {
      const Rule* r = impl_->compiled[i].rule.get();
      impl_->all.push_back(r);
      impl_->index.emplace(r, i);
      auto& f = impl_->families[r->family];
      f.rules.push_back(r);
      f.compiled.push_back(i);
    }
    impl_->by_name.build(impl_->families);
    impl_->options = options_;
    return Status::Ok();
  }

  const Options& options_;
  std::unique_ptr<Data> impl_;
  std::map<std::string, std::string> parts_;  // the current file's [parts]
  std::map<std::string, std::string> ids_;  // id -> "path:line: "
};

const std::vector<const Rule*> kNoRules;
const std::vector<Entry> kNoEntries;

}  // namespace

struct RuleSet::Impl : Data {
  explicit Impl(Data&& d) : Data(std::move(d)) {}
};

// ---- Match / Entry ---------------------------------------------------------

std::string_view Match::group(std::string_view name, std::string_view text) const {
  for (const auto& g : groups)
    if (g.name == name) {
      if (g.begin > g.end || g.end > text.size()) return {};
      return text.substr(g.begin, g.end - g.begin);
    }
  return {};
}

bool Match::has(std::string_view name) const {
  for (const auto& g : groups)
    if (g.name == name) return true;
  return false;
}

std::string_view Match::attr(std::string_view key) const {
  if (!rule) return {};
  auto it = rule->attrs.find(std::string(key));
  return it == rule->attrs.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Entry::get(std::string_view key) const {
  auto it = fields.find(std::string(key));
  return it == fields.end() ? std::string_view() : std::string_view(it->second);
}

// ---- RuleSet ---------------------------------------------------------------

Result<RuleSet> RuleSet::load(const std::string& dir, const Options& options) {
  Loader loader(dir, options);
  if (Status s = loader.run(); !s.ok()) return s;
  return RuleSet(std::make_unique<Impl>(std::move(*loader.take())));
}

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

namespace {

// find_all's answer from the matches of `rules` rules, collected rule by
// rule in load order.
std::vector<Match> first_of_overlaps(std::vector<Match> all, size_t rules) {
  // One rule's matches are already in order and never overlap.
  if (rules <= 1) return all;
  sort_matches(all);
  // Keep matches in place: all[0, kept) is the result so far.
  size_t kept = 0;
  size_t covered = 0;
  for (auto& m : all) {
    if (kept > 0 && m.begin < covered) continue;
    // An empty match sitting exactly where a kept match ends is still
    // "inside" nothing; keep it only if nothing was kept at that offset.
    if (kept > 0 && m.begin == m.end && all[kept - 1].begin == m.begin) continue;
    covered = m.end;
    if (&m != &all[kept]) all[kept] = std::move(m);
    ++kept;
  }
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept), all.end());
  return all;
}

}  // namespace

std::vector<Match> RuleSet::find_all(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return {};
  std::vector<Match> all;
  const size_t rules = impl_->collect(*f, text, all);
  return first_of_overlaps(std::move(all), rules);
}

std::vector<Match> RuleSet::find_all_overlapping(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return {};
  std::vector<Match> all;
  if (impl_->collect(*f, text, all) > 1) sort_matches(all);
  return all;
}

Families RuleSet::families_of(std::initializer_list<std::string_view> names) const {
  std::string key;
  for (std::string_view n : names) {
    key += n;
    key.push_back('\0');
  }
  Unions& unions = *impl_->unions;
  std::lock_guard<std::mutex> lock(unions.mu);
  std::unique_ptr<Union>& u = unions.by_names[key];
  if (!u) {
    u = std::make_unique<Union>();
    u->first.push_back(0);
    auto set = std::make_unique<RE2::Set>(re2_options(impl_->options), RE2::UNANCHORED);
    bool ok = true;
    for (std::string_view n : names) {
      const Family* f = impl_->family(n);
      u->families.push_back(f);
      if (f)
        for (const Rule* r : f->rules) ok = ok && set->Add(r->pattern, nullptr) >= 0;
      u->first.push_back(u->first.back() + (f ? f->rules.size() : 0));
    }
    // Every pattern compiled alone at load; only memory can fail here.
    if (ok && u->first.back() > 0 && set->Compile()) u->set = std::move(set);
  }
  Families out;
  out.group_ = u.get();
  out.size_ = u->families.size();
  return out;
}

void RuleSet::scan(const Families& families, std::string_view text, Scan& out) const {
  const auto* u = static_cast<const Union*>(families.group_);
  out.group_ = u;
  out.hits_.clear();
  out.first_.assign(1, 0);
  if (!u) return;
  thread_local std::vector<int> v;
  v.clear();
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  const bool whole = u->set && (u->set->Match(re2::StringPiece(text.data(), text.size()), &v, &info) ||
                                info.kind == RE2::Set::kNoError);
  if (whole) std::sort(v.begin(), v.end());
  size_t k = 0;
  for (size_t i = 0; i < u->families.size(); ++i) {
    const Family* f = u->families[i];
    if (whole) {
      for (; k < v.size() && static_cast<size_t>(v[k]) < u->first[i + 1]; ++k)
        out.hits_.push_back(v[k] - static_cast<int>(u->first[i]));
    } else if (f && impl_->set_any(*f, text, RE2::UNANCHORED)) {
      // No union Set, or its DFA ran out of memory: the family's own Set.
      thread_local std::vector<int> own;
      impl_->hits(*f, RE2::UNANCHORED, text, own);
      out.hits_.insert(out.hits_.end(), own.begin(), own.end());
    }
    out.first_.push_back(out.hits_.size());
  }
}

std::vector<Match> RuleSet::find_all(const Scan& scan, size_t i, std::string_view text) const {
  const auto* u = static_cast<const Union*>(scan.group_);
  if (!u || !scan.any(i)) return {};
  std::vector<Match> all;
  const int* hits = scan.hits_.data();
  const size_t rules = impl_->collect_rules(*u->families[i], hits + scan.first_[i], hits + scan.first_[i + 1],
                                            text, all);
  return first_of_overlaps(std::move(all), rules);
}

std::vector<Match> RuleSet::find_all_overlapping(const Scan& scan, size_t i, std::string_view text) const {
  const auto* u = static_cast<const Union*>(scan.group_);
  if (!u || !scan.any(i)) return {};
  std::vector<Match> all;
  const int* hits = scan.hits_.data();
  if (impl_->collect_rules(*u->families[i], hits + scan.first_[i], hits + scan.first_[i + 1], text, all) > 1)
    sort_matches(all);
  return all;
}

std::optional<Match> RuleSet::match_prefix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return std::nullopt;
  std::optional<Match> best;
  thread_local std::vector<int> v;
  impl_->hits(*f, RE2::ANCHOR_START, text, v);
  for (int i : v) {
    const Compiled& c = impl_->compiled[f->compiled[static_cast<size_t>(i)]];
    Data::Submatches sub(c.ncap);
    Match m;
    if (!Data::match_at(c, text, 0, RE2::ANCHOR_START, sub.data(), m)) continue;
    if (!best || m.rule->priority > best->rule->priority ||
        (m.rule->priority == best->rule->priority && m.end > best->end))
      best = std::move(m);
  }
  return best;
}

bool RuleSet::any(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  return f && impl_->set_any(*f, text, RE2::UNANCHORED);
}

bool RuleSet::any_prefix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  return f && impl_->set_any(*f, text, RE2::ANCHOR_START);
}

bool RuleSet::any_suffix(std::string_view family, std::string_view text) const {
  const Family* f = impl_->family(family);
  if (!f) return false;
  const SuffixPrograms& p = impl_->suffix_programs(*f);
  const re2::StringPiece sp(text.data(), text.size());
  if (!p.ok) {  // out of memory for `(?:…)$`: every start, every rule
    for (size_t b = 0; b <= text.size(); ++b)
      for (size_t idx : f->compiled)
        if (impl_->compiled[idx].re->Match(sp, b, text.size(), RE2::ANCHOR_BOTH, nullptr, 0)) return true;
    return false;
  }
  for (const auto& re : p.res)
    if (re->Match(sp, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return true;
  return false;
}

const std::vector<const Rule*>& RuleSet::family(std::string_view name) const {
  const Family* f = impl_->family(name);
  return f ? f->rules : kNoRules;
}

const std::vector<Entry>& RuleSet::table(std::string_view name) const {
  auto it = impl_->tables.find(name);
  return it == impl_->tables.end() ? kNoEntries : it->second;
}

std::vector<std::string> RuleSet::families() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : impl_->families) out.push_back(name);
  return out;
}

size_t RuleSet::rule_count() const { return impl_->compiled.size(); }

std::vector<std::string> RuleSet::families_over_budget() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : impl_->families)
    if (f.rules.size() > 1 && (!impl_->set_of(f, RE2::UNANCHORED) || !impl_->set_of(f, RE2::ANCHOR_START)))
      out.push_back(name);
  return out;
}

const std::string& RuleSet::hash() const { return impl_->hash; }

const std::string& RuleSet::dir() const { return impl_->dir; }

const std::vector<const Rule*>& RuleSet::all() const { return impl_->all; }

std::vector<Match> RuleSet::find_all_of(const Rule& rule, std::string_view text) const {
  std::vector<Match> out;
  auto it = impl_->index.find(&rule);
  if (it != impl_->index.end()) Data::all_matches(impl_->compiled[it->second], text, out);
  return out;
}

std::optional<Match> RuleSet::first_match(const Rule& rule, std::string_view text) const {
  auto it = impl_->index.find(&rule);
  if (it == impl_->index.end()) return std::nullopt;
  const Compiled& c = impl_->compiled[it->second];
  Data::Submatches sub(c.ncap);
  Match m;
  if (!Data::match_at(c, text, 0, RE2::UNANCHORED, sub.data(), m)) return std::nullopt;
  return m;
}

// ---- check -----------------------------------------------------------------

namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += "\"";
  return out;
}

}  // namespace

std::vector<std::string> check(const RuleSet& rules) {
  std::vector<std::string> failures;
  for (const std::string& name : rules.families_over_budget()) {
    const Rule* r = rules.family(name).front();
    failures.push_back(join_path(rules.dir(), r->file) + ":" + std::to_string(r->line) + ": family `" + name +
                       "`: RE2::Set out of memory (raise Options::max_mem)");
  }
  {
    for (const Rule* r : rules.all()) {
      auto fail = [&](int line, const std::string& what) {
        failures.push_back(join_path(rules.dir(), r->file) + ":" + std::to_string(line ? line : r->line) +
                           ": rule " + r->id + ": " + what);
      };
      for (const Example& ex : r->examples) {
        // `match` picks which of the rule's matches the example is about, so
        // examples can be whole sentences; without it, the first match.
        const std::vector<Match> found = rules.find_all_of(*r, ex.text);
        if (found.empty()) {
          fail(ex.line, "expected a match in " + quote(ex.text) + ", got none");
          continue;
        }
        const Match* m = &found.front();
        if (auto want = ex.expect.find("match"); want != ex.expect.end()) {
          for (const Match& f : found)
            if (std::string_view(ex.text).substr(f.begin, f.end - f.begin) == want->second) {
              m = &f;
              break;
            }
        }
        std::string_view whole = std::string_view(ex.text).substr(m->begin, m->end - m->begin);
        // The stages see rules through the family's Set: it must report this
        // match too (it would not if the Set and the rule disagreed).
        bool seen = false;
        for (const Match& o : rules.find_all_overlapping(r->family, ex.text))
          seen = seen || (o.rule == r && o.begin == m->begin && o.end == m->end);
        if (!seen) fail(ex.line, "expected the family's RE2::Set to report match " + quote(whole) + ", got none");
        for (const auto& [key, want] : ex.expect) {
          if (key == "match") {
            if (whole != want) {
              std::string got;
              for (const Match& f : found)
                got += (got.empty() ? "" : ", ") + quote(std::string_view(ex.text).substr(f.begin, f.end - f.begin));
              fail(ex.line, "expected match " + quote(want) + ", got " + got);
            }
          } else if (want.empty()) {
            if (m->has(key))
              fail(ex.line, "expected group " + key + " not to take part, got " + quote(m->group(key, ex.text)) +
                                " in match " + quote(whole));
          } else if (!m->has(key)) {
            fail(ex.line, "expected " + key + " = " + quote(want) + ", got no such group in match " + quote(whole));
          } else if (m->group(key, ex.text) != want) {
            fail(ex.line, "expected " + key + " = " + quote(want) + ", got " + quote(m->group(key, ex.text)) +
                              " in match " + quote(whole));
          }
        }
      }
      for (const Example& ex : r->counterexamples) {
        if (auto m = rules.first_match(*r, ex.text))
          fail(ex.line, "expected no match in " + quote(ex.text) + ", got " +
                            quote(std::string_view(ex.text).substr(m->begin, m->end - m->begin)));
      }
      // A pattern that can match nothing matches between any two characters
      // (`年?`, `\d*`): find_all would report it all over every text.
      if (auto m = rules.first_match(*r, "x"); m && m->begin == m->end)
        fail(r->line, "expected a pattern that cannot match empty text, got an empty match in \"x\"");
    }
  }
  return failures;
}

}  // namespace policydb::rules
