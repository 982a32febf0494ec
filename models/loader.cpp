#include "models/loader.hpp"

#include "models/loader_limits.hpp"
#include "models/loader_parts.hpp"
#include "models/loader_size.hpp"
#include "models/loader_suggest.hpp"
#include "models/loader_yaml.hpp"
#include "models/overrides.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

namespace ipcsim {

using loader::Fields;
using loader::Reader;
using loader::Value;

namespace {

const std::vector<std::string_view> top_level_keys{"scenario",   "description",   "seed",      "params",
                                                   "platform",   "costs",         "defaults",  "channels",
                                                   "semaphores", "shared_memory", "variables", "processes",
                                                   "properties"};

void apply_overrides(YAML::Node &root, const LoadOptions &options, Reader &reader) {
  for (const auto &[path, value] : options.overrides) {
    int source = reader.errors().add_source("--set " + shortened(path + "=" + value));
    OverrideResult result = apply_override(root, path, value);
    if (!result.error.empty())
      reader.errors().error_at_source(source, result.error);
    reader.add_command_line_nodes(result.inserted, source);
  }
}

// params: plain integers (no expressions, so one can never depend on another), then --param on top.
std::map<std::string, std::int64_t> read_params(Reader &reader, const std::optional<Value> &value,
                                                const LoadOptions &options) {
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  std::map<std::string, std::int64_t> params;
  if (value && !value->node.IsMap())
    reader.type_error(*value, "a mapping of integer parameters, such as {N: 5}");
  else if (value)
    for (const auto &entry : value->node) {
      Value key = reader.child(entry.first, "params", value->origin);
      Value param = reader.child(entry.second, entry.first.IsScalar() ? entry.first.Scalar() : "", key.origin);
      std::optional<std::string> name = reader.identifier(key, "a parameter name (an identifier)");
      if (!name)
        continue;
      if (*name == "i" || *name == "n") {
        reader.error(key.origin, "params: " + quoted(*name) + " is reserved for replication (" +
                                     (*name == "i" ? "a replica's index" : "an item's count") + ")");
        continue;
      }
      if (params.count(*name)) {
        reader.error(key.origin, "params: duplicate parameter " + quoted(*name));
        continue;
      }
      if (param.node.IsScalar() && has_expression(param.node.Scalar())) {
        reader.type_error(param, "a plain integer (a parameter cannot use an expression)");
        continue;
      }
      if (!param.node.IsScalar()) {
        reader.type_error(param, "an integer");
        continue;
      }
      if (auto number = reader.integer_in(param, param.node.Scalar(), min, max, "an integer"))
        params[*name] = *number;
    }
  std::vector<std::string> known;
  for (const auto &[name, number] : params)
    known.push_back(name);
  for (const auto &[name, text] : options.params) {
    int source = reader.errors().add_source("--param " + shortened(name + "=" + text));
    if (!params.count(name)) {
      bool none = known.empty() && !value;
      reader.errors().error_at_source(source, "unknown parameter " + quoted(name) +
                                                  (none ? " (the scenario has no params)" : did_you_mean(name, known)));
      continue;
    }
    Value option{YAML::Node(text), "", Origin{{}, source}};
    if (auto number = reader.integer_in(option, text, min, max, "an integer"))
      params[name] = *number;
  }
  return params;
}

// A rendezvous entry may name a declared link in either order, or a lone replica as name[0]; store the
// declared name.
void normalize_rendezvous(Scenario &scenario) {
  for (std::string &name : scenario.properties.rendezvous) {
    for (const auto &[alias, plain] : scenario.replica_aliases)
      if (name == alias)
        name = plain;
    std::size_t arrow = name.find("<->");
    if (arrow == std::string::npos)
      continue;
    std::string reversed = name.substr(arrow + 3) + "<->" + name.substr(0, arrow);
    for (const ChannelSpec &channel : scenario.channels)
      if (channel.kind == ChannelSpec::Kind::link && channel.name == reversed)
        name = reversed;
  }
}

void read_header(Reader &reader, const Fields &top, Scenario &scenario) {
  if (auto name = top.require("scenario"))
    if (auto text = reader.name(*name))
      scenario.name = *text;
  if (auto description = top.get("description"))
    if (auto text = reader.scalar(*description, "text"))
      scenario.description = *text;
  if (auto seed = top.get("seed"))
    if (auto number = reader.non_negative(*seed))
      scenario.seed = *number;
}

void interpret(Reader &reader, const Value &root, const LoadOptions &options, Scenario &scenario) {
  Fields top(reader, root, "the scenario", top_level_keys);
  scenario.params = read_params(reader, top.get("params"), options);
  reader.set_params(scenario.params);
  read_header(reader, top, scenario);
  loader::read_platform(reader, top.get("platform"), scenario.platform);
  if (auto costs = top.get("costs"))
    loader::read_costs(reader, *costs, scenario.costs);
  loader::ChannelDefaults defaults = loader::read_defaults(reader, top.get("defaults"));
  scenario.link_defaults = defaults.link;
  reader.set_expanding(loader::check_model_size(reader, top));
  if (auto channels = top.get("channels"))
    loader::read_channels(reader, *channels, defaults, scenario.channels);
  if (auto semaphores = top.get("semaphores"))
    loader::read_semaphores(reader, *semaphores, scenario.semaphores);
  if (auto segments = top.get("shared_memory"))
    loader::read_segments(reader, *segments, scenario.segments);
  if (auto variables = top.get("variables"))
    scenario.variables = loader::read_variables(reader, *variables);
  if (auto processes = top.require("processes")) {
    std::size_t errors_before = reader.errors().count();
    loader::read_processes(reader, *processes, scenario.processes);
    if (reader.expanding() && scenario.processes.empty() && reader.errors().count() == errors_before)
      reader.error(processes->origin, "processes: expected at least one process");
  }
  if (auto properties = top.get("properties"))
    loader::read_properties(reader, *properties, scenario.properties);
  check_names(scenario, reader.names(), reader.errors());
  scenario.replica_aliases = reader.names().aliases;
  normalize_rendezvous(scenario);
}

} // namespace

Scenario load_scenario_text(const std::string &yaml, const std::string &file_name, const LoadOptions &options) {
  if (yaml.size() > loader::max_file_bytes)
    throw ScenarioError(file_name + ": error: " + loader::too_large_message() + "\n");
  LoadErrors errors(file_name);
  Scenario scenario;
  scenario.file = file_name;
  try {
    if (std::optional<YAML::Node> root = loader::parse_scenario_yaml(yaml, errors)) {
      Reader reader(errors);
      Origin origin = reader.origin_of(*root, Origin{{1, 1}, -1});
      if (!root->IsMap()) {
        reader.error(origin, "expected a mapping at the top level (scenario: ..., processes: ...), got " +
                                 loader::describe(*root));
      } else {
        apply_overrides(*root, options, reader);
        interpret(reader, Value{*root, "", origin}, options, scenario);
      }
    }
  } catch (const YAML::Exception &e) {
    // Not expected (the readers check types before converting), but a scenario must never crash the tool.
    errors.error(Origin{{1, 1}, -1}, std::string("cannot interpret the YAML: ") + e.what());
  } catch (const std::bad_alloc &) {
    errors.error(Origin{{1, 1}, -1}, "out of memory while loading the scenario");
  }
  errors.throw_if_any();
  return scenario;
}

Scenario load_scenario_file(const std::string &path, const LoadOptions &options) {
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    throw ScenarioError(path + ": error: cannot read file: " + std::strerror(errno) + "\n");
  std::string text;
  char buffer[65536];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get())) {
    text.append(buffer, got);
    if (text.size() > loader::max_file_bytes) // before the whole of /dev/zero is read
      throw ScenarioError(path + ": error: " + loader::too_large_message() + "\n");
  }
  if (std::ferror(file.get()))
    throw ScenarioError(path + ": error: cannot read file: " + std::strerror(errno) + "\n");
  return load_scenario_text(text, path, options);
}

} // namespace ipcsim
