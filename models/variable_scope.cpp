#include "models/variable_scope.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>

namespace ipcsim {

namespace {

std::optional<std::uint32_t> find(const std::vector<Variable> &variables, const std::string &name) {
  auto it = std::find_if(variables.begin(), variables.end(), [&](const Variable &v) { return v.name == name; });
  if (it == variables.end())
    return std::nullopt;
  return static_cast<std::uint32_t>(it - variables.begin());
}

std::vector<std::string> names_of(const std::vector<Variable> &variables) {
  std::vector<std::string> names;
  for (const Variable &v : variables)
    names.push_back(v.name);
  return names;
}

std::optional<Operand> param(const Model &model, const std::string &name) {
  auto it = model.scenario.params.find(name);
  if (it == model.scenario.params.end())
    return std::nullopt;
  return Operand{Operand::Kind::constant, it->second, 0};
}

} // namespace

NameResolver process_scope(const Model &model, ProcId p, const ProcessSpec &spec, bool message_value) {
  return [&model, p, &spec, message_value](const std::string &name, std::string &why) -> std::optional<Operand> {
    const Process &process = model.processes[p];
    if (message_value && name == "value")
      return Operand{Operand::Kind::value, 0, 0};
    if (auto own = find(process.variables, name))
      return Operand{Operand::Kind::own, 0, *own};
    if (auto global = find(model.globals, name)) {
      if (!message_value)
        return Operand{Operand::Kind::global, 0, *global};
      why = "a 'when' may not read the global '" + name + "': it is judged when a message arrives, not when " +
            "another process changes a global (copy it into a variable of the process first)";
      return std::nullopt;
    }
    if (spec.index && (name == "i" || name == "n"))
      return Operand{Operand::Kind::constant, name == "i" ? *spec.index : *spec.count, 0};
    if (auto constant = param(model, name))
      return constant;
    std::vector<std::string> known = names_of(process.variables);
    for (const std::string &global : names_of(model.globals))
      known.push_back(global);
    if (message_value)
      known.push_back("value");
    if (name == "value")
      why = "'value' is the message's value, known only in a receive's 'when'";
    else if ((name == "i" || name == "n") && !spec.index)
      why = "'" + name + "' exists only in a process with 'count'";
    else
      why = "unknown variable '" + name + "'" + did_you_mean(name, known);
    return std::nullopt;
  };
}

NameResolver invariant_scope(const Model &model) {
  return [&model](const std::string &name, std::string &why) -> std::optional<Operand> {
    std::size_t dot = name.rfind('.');
    if (dot == std::string::npos) {
      if (auto global = find(model.globals, name))
        return Operand{Operand::Kind::variable, 0, *global};
      if (auto constant = param(model, name))
        return constant;
      why = "unknown global variable '" + name + "'" + did_you_mean(name, names_of(model.globals)) +
            " (a process's variable is named proc.var)";
      return std::nullopt;
    }
    std::string proc = name.substr(0, dot), var = name.substr(dot + 1);
    for (const auto &[alias, plain] : model.scenario.replica_aliases)
      if (alias == proc)
        proc = plain; // the lone replica of a count of 1: w[0].a is w.a
    auto it =
        std::find_if(model.processes.begin(), model.processes.end(), [&](const Process &p) { return p.name == proc; });
    if (it == model.processes.end()) {
      std::vector<std::string> processes;
      for (const Process &p : model.processes)
        processes.push_back(p.name);
      why = "no process named '" + proc + "'" + did_you_mean(proc, processes);
      return std::nullopt;
    }
    if (auto own = find(it->variables, var))
      return Operand{Operand::Kind::variable, 0, it->var_base + *own};
    why = "process '" + proc + "' has no variable '" + var + "'" + did_you_mean(var, names_of(it->variables));
    return std::nullopt;
  };
}

std::optional<VariableRef> writable_variable(const Model &model, ProcId p, const std::string &name) {
  if (auto own = find(model.processes[p].variables, name))
    return VariableRef{false, *own};
  if (auto global = find(model.globals, name))
    return VariableRef{true, *global};
  return std::nullopt;
}

} // namespace ipcsim
