// Loading a rule set: reads every rules/*.toml (toml++), expands [parts],
// checks each rule's fields, groups and examples, compiles each pattern and
// one RE2::Set per family, and hashes the files. The first error is reported
// as "path:line: rule ID: what".
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "common/sha256.h"
#include "rules/engine.h"

namespace policydb::rules {

namespace internal {

RE2::Options re2_options(const Options& options) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_longest_match(false);  // leftmost-first, as Perl
  o.set_log_errors(false);
  o.set_max_mem(options.max_mem);
  return o;
}

std::string join_path(const std::string& dir, const std::string& rel) {
  if (dir.empty()) return rel;
  if (dir.back() == '/') return dir + rel;
  return dir + "/" + rel;
}

}  // namespace internal

namespace {

namespace fs = std::filesystem;
using internal::Compiled;
using internal::Data;
using internal::Family;
using internal::join_path;
using internal::re2_options;

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
    return compile_rule(rel, std::move(rule), pattern_line, groups_line);
  }

  // The rule's program; its named groups must be exactly the declared ones.
  Status compile_rule(const std::string& rel, std::unique_ptr<Rule> rule, int pattern_line, int groups_line) {
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

}  // namespace

Result<RuleSet> RuleSet::load(const std::string& dir, const Options& options) {
  Loader loader(dir, options);
  if (Status s = loader.run(); !s.ok()) return s;
  return RuleSet(std::make_unique<Impl>(std::move(*loader.take())));
}

}  // namespace policydb::rules
