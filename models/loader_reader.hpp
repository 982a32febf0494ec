// The loader's working state, shared by loader*.cpp: where each YAML node came from (file position or a
// --set), the expression scope (params, and i/n inside a replicated item), whether items are being expanded
// into their replicas or read once as templates, the names defined and used, and readers that turn one YAML
// value into one typed, validated value or report why they cannot. Internal to the loader.
#pragma once

#include "models/expression.hpp"
#include "models/loader_errors.hpp"
#include "models/loader_limits.hpp"
#include "models/name_checks.hpp"
#include "models/scenario.hpp"
#include "models/units.hpp"
#include "models/yaml_node_map.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim::loader {

// A YAML node with the key it was found under (used to start messages: "capacity: expected ...").
struct Value {
  YAML::Node node;
  std::string key;
  Origin origin;
};

class Fields;

class Reader {
public:
  explicit Reader(LoadErrors &errors) : errors_(errors) {}

  LoadErrors &errors() { return errors_; }
  NameTable &names() { return names_; }

  // Nodes inserted by the --set with index `source`: problems in them are reported against the option.
  void add_command_line_nodes(const std::vector<YAML::Node> &nodes, int source);
  Origin origin_of(const YAML::Node &node, const Origin &parent) const;
  Value child(const YAML::Node &node, std::string key, const Origin &parent) const;

  void error(const Origin &origin, const std::string &message) { errors_.error(origin, message); }
  // "KEY: expected WHAT, got 'TEXT'"
  void type_error(const Value &value, std::string_view expected, const std::string &text = {});

  void set_params(std::map<std::string, std::int64_t> params) { params_ = std::move(params); }
  const std::map<std::string, std::int64_t> &params() const { return params_; }
  // i and n for the replica being read; nullopt outside replicated items.
  void set_replica(std::optional<std::int64_t> index, std::optional<std::int64_t> count);
  std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> replica() const {
    return {scope_.index, scope_.count};
  }

  // An item read once, for its own errors only, when it has no replica to read (a count of 0, a bad count)
  // or the scenario is refused for its size: it defines no name, the names it uses are checked against the
  // names of all items (name_checks.hpp), and `i` and `n` are unknown in it when it has `count`.
  class Template {
  public:
    Template(Reader &reader, bool replicated);
    ~Template();
    Template(const Template &) = delete;
    Template &operator=(const Template &) = delete;

  private:
    Reader &reader_;
  };
  bool in_template() const { return template_; }
  // In a template a list of steps is read once, however many YAML aliases use it: it has the same errors at
  // every use. False when it was read already.
  bool first_reading(const YAML::Node &list);

  // False once the scenario is refused for its size (loader_size.hpp): every item is then read as a template.
  void set_expanding(bool expanding) { expanding_ = expanding; }
  bool expanding() const { return expanding_; }

  // `base` + `suffix` (a replica's "[k]") defined here; a template only declares `base`.
  void define(NameDef::Kind kind, const std::string &base, const std::string &suffix, const Origin &origin);
  // A name used here, by the process being read if any.
  void use(NameUse::Kind kind, const char *key, const std::string &name, const Origin &origin, std::uint64_t size = 0);
  // The process whose steps are being read: the user of the names in them.
  void begin_process(const std::string &name);
  void end_process() { process_ = -1; }

  // Typed values: nullopt after reporting an error, or silently when in a template the value depends on i or n.
  std::optional<std::string> scalar(const Value &value, std::string_view expected);
  std::optional<std::int64_t> integer(const Value &value, std::int64_t min, std::int64_t max,
                                      std::string_view expected);
  std::optional<std::int64_t> integer_in(const Value &value, const std::string &text, std::int64_t min,
                                         std::int64_t max, std::string_view expected);
  std::optional<std::uint64_t> non_negative(const Value &value);
  std::optional<bool> boolean(const Value &value);
  std::optional<std::string> name(const Value &value);
  std::optional<std::string> reference(const Value &value, std::string_view expected);
  std::optional<std::string> identifier(const Value &value, std::string_view expected);
  std::optional<Measure> measure(const Value &value, Quantity quantity);
  std::optional<double> seconds(const Value &value);
  std::optional<double> probability(const Value &value); // a number from 0 to 1
  std::optional<std::uint64_t> bytes(const Value &value);
  std::optional<double> rate(const Value &value);
  std::optional<double> speed(const Value &value);
  std::optional<Duration> duration(const Value &value);
  std::optional<Duration> distribution(const Fields &fields);

  // Structure: nullopt after reporting that the value has the wrong shape.
  std::optional<Fields> mapping(const Value &value, std::string_view expected, std::string what,
                                const std::vector<std::string_view> &allowed);
  std::optional<std::vector<Value>> sequence(const Value &value, std::string_view expected);

private:
  std::optional<std::string> expand(const Value &value, const std::string &text);

  LoadErrors &errors_;
  NameTable names_;
  NodeMap<int> command_line_nodes_; // the --set that inserted each node
  std::map<std::string, std::int64_t> params_;
  ExpressionScope scope_;
  bool template_ = false;
  bool expanding_ = true;
  NodeMap<bool> read_in_templates_;
  int process_ = -1; // index in NameTable::processes
};

// The keys of one YAML mapping, checked against the keys allowed there: unknown keys (with the closest
// known key suggested), duplicate keys and non-scalar keys are reported when the Fields is built.
class Fields {
public:
  Fields(Reader &reader, const Value &map, std::string what, const std::vector<std::string_view> &allowed);

  std::optional<Value> get(std::string_view key) const;
  std::optional<Value> require(std::string_view key) const; // reports a missing key at the mapping
  bool has(std::string_view key) const { return get(key).has_value(); }
  const Value &map() const { return map_; }
  const Origin &origin() const { return map_.origin; }
  const std::string &what() const { return what_; }
  std::vector<std::string> keys() const; // the known keys present, in file order
  bool had_unknown() const { return had_unknown_; }

private:
  Reader *reader_;
  Value map_;
  std::string what_;
  std::vector<Value> entries_;
  bool had_unknown_ = false;
};

// "a mapping", "a list", "nothing" or the quoted scalar: what a message says it got.
std::string describe(const YAML::Node &node);

} // namespace ipcsim::loader
