#include "models/loader_reader.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>

namespace ipcsim::loader {

std::string describe(const YAML::Node &node) {
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Scalar:
    return quoted(node.Scalar());
  default:
    return "nothing";
  }
}

void Reader::add_command_line_nodes(const std::vector<YAML::Node> &nodes, int source) {
  for (const YAML::Node &node : nodes) // a later option may have replaced a node inserted by an earlier one
    command_line_nodes_.set(node, source);
}

Origin Reader::origin_of(const YAML::Node &node, const Origin &parent) const {
  if (const int *source = command_line_nodes_.find(node))
    return Origin{{}, *source};
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) // yaml-cpp has no position for nodes it did not parse: use the enclosing one
    return parent;
  return Origin{{mark.line + 1, mark.column + 1}, -1};
}

Value Reader::child(const YAML::Node &node, std::string key, const Origin &parent) const {
  return Value{node, std::move(key), origin_of(node, parent)};
}

void Reader::type_error(const Value &value, std::string_view expected, const std::string &text) {
  std::string got = describe(value.node);
  if (!text.empty() && value.node.IsScalar() && text != value.node.Scalar())
    got = quoted(text) + " (from " + got + ")"; // the value an expression gave, and the expression
  std::string prefix = value.key.empty() ? "" : value.key + ": ";
  error(value.origin, prefix + "expected " + std::string(expected) + ", got " + got);
}

void Reader::set_replica(std::optional<std::int64_t> index, std::optional<std::int64_t> count) {
  scope_.index = index;
  scope_.count = count;
}

Reader::Template::Template(Reader &reader, bool replicated) : reader_(reader) {
  reader_.set_replica(std::nullopt, std::nullopt);
  reader_.template_ = true;
  reader_.scope_.unknown_replica = replicated;
}

Reader::Template::~Template() {
  reader_.template_ = false;
  reader_.scope_.unknown_replica = false;
}

bool Reader::first_reading(const YAML::Node &list) {
  if (read_in_templates_.find(list))
    return false;
  read_in_templates_.set(list, true);
  return true;
}

void Reader::define(NameDef::Kind kind, const std::string &base, const std::string &suffix, const Origin &origin) {
  bool replicated = scope_.count.has_value() || scope_.unknown_replica;
  if (template_ || scope_.index.value_or(0) == 0) // once per item
    names_.declared.push_back(NameDef{kind, base, origin, replicated});
  if (!template_)
    names_.defs.push_back(NameDef{kind, base + suffix, origin, replicated});
  // A replicated item answers to name[k] also at count 1, where its replica keeps the plain name too.
  if (!template_ && scope_.count == 1) {
    names_.defs.push_back(NameDef{kind, base + "[0]", origin, replicated});
    names_.aliases.push_back({base + "[0]", base});
  }
}

void Reader::use(NameUse::Kind kind, const char *key, const std::string &name, const Origin &origin,
                 std::uint64_t size) {
  names_.uses.push_back(NameUse{kind, key, name, origin, process_, size, template_ || !expanding_});
}

void Reader::begin_process(const std::string &name) {
  names_.processes.push_back(ProcessName{name, template_});
  process_ = static_cast<int>(names_.processes.size()) - 1;
}

std::optional<Fields> Reader::mapping(const Value &value, std::string_view expected, std::string what,
                                      const std::vector<std::string_view> &allowed) {
  if (!value.node.IsMap()) {
    type_error(value, expected);
    return std::nullopt;
  }
  return Fields(*this, value, std::move(what), allowed);
}

std::optional<std::vector<Value>> Reader::sequence(const Value &value, std::string_view expected) {
  if (!value.node.IsSequence()) {
    type_error(value, expected);
    return std::nullopt;
  }
  std::vector<Value> items;
  items.reserve(value.node.size());
  for (const YAML::Node &item : value.node)
    items.push_back(child(item, value.key, value.origin));
  return items;
}

Fields::Fields(Reader &reader, const Value &map, std::string what, const std::vector<std::string_view> &allowed)
    : reader_(&reader), map_(map), what_(std::move(what)) {
  std::vector<Origin> key_origins;
  for (const auto &entry : map.node) {
    Origin key_origin = reader.origin_of(entry.first, map.origin);
    if (!entry.first.IsScalar()) {
      reader.error(key_origin, "keys in " + what_ + " must be plain names, got " + describe(entry.first));
      had_unknown_ = true;
      continue;
    }
    const std::string &key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::vector<std::string> known(allowed.begin(), allowed.end());
      reader.error(key_origin, "unknown key " + quoted(key) + " in " + what_ + did_you_mean(key, known));
      had_unknown_ = true;
      continue;
    }
    auto previous = std::find_if(entries_.begin(), entries_.end(), [&](const Value &v) { return v.key == key; });
    if (previous != entries_.end()) {
      const SourceMark &first = key_origins[static_cast<std::size_t>(previous - entries_.begin())].mark;
      reader.error(key_origin, "duplicate key " + quoted(key) + " in " + what_ + " (first at line " +
                                   std::to_string(first.line) + ")");
      continue;
    }
    entries_.push_back(reader.child(entry.second, key, key_origin));
    key_origins.push_back(key_origin);
  }
}

std::optional<Value> Fields::get(std::string_view key) const {
  for (const Value &entry : entries_)
    if (entry.key == key)
      return entry;
  return std::nullopt;
}

std::optional<Value> Fields::require(std::string_view key) const {
  std::optional<Value> value = get(key);
  if (!value)
    reader_->error(map_.origin, "missing required key '" + std::string(key) + "' in " + what_);
  return value;
}

std::vector<std::string> Fields::keys() const {
  std::vector<std::string> out;
  for (const Value &entry : entries_)
    out.push_back(entry.key);
  return out;
}

} // namespace ipcsim::loader
