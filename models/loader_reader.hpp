// The loader's working state, shared by loader*.cpp: where each YAML node came from (file position or a
// --set), the expression scope (params, and i/n inside a replicated item), size budgets, and readers that
// turn one YAML value into one typed, validated value or report why they cannot. Internal to the loader.
#pragma once

#include "models/expression.hpp"
#include "models/loader_errors.hpp"
#include "models/name_checks.hpp"
#include "models/scenario.hpp"
#include "models/units.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim::loader {

// Limits that keep a hostile or mistaken file from exhausting memory or the stack.
constexpr std::int64_t max_count = 1'000'000;   // replicas of one item
constexpr std::uint64_t max_items = 10'000'000; // processes, channels, semaphores and segments in total
// Steps in total, after replication and YAML aliases (which can double a list at each level): about
// 160 bytes each, so this bounds the loaded scenario to some hundreds of MB and a few seconds of loading.
constexpr std::uint64_t max_steps = 2'000'000;
// Steps of one process (one replica): far more than a hand-written list, and it stops an alias bomb early.
constexpr std::uint64_t max_process_steps = 100'000;
constexpr int max_step_depth = 64; // nesting of repeat/forever/choose/else

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
  // The index in Scenario::processes of the process whose steps are being read.
  void set_process(int index) {
    process_ = index;
    process_steps_ = 0;
  }
  int process() const { return process_; }

  // Budgets: false (with one error) once exceeded.
  bool take_items(std::uint64_t count, const Origin &origin);
  bool take_step(const Origin &origin);
  bool out_of_steps() const { return steps_ > max_steps || process_steps_ > max_process_steps; }

  // Typed values: nullopt after reporting an error.
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
  std::vector<std::pair<YAML::Node, int>> command_line_nodes_;
  std::map<std::string, std::int64_t> params_;
  ExpressionScope scope_;
  int process_ = -1;
  std::uint64_t items_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t process_steps_ = 0;
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
