// What the names in run-time expressions stand for (SCENARIO_FORMAT.md, "Variables and values"). In a
// process's steps: its own variables, then the globals, then the params and the replica's i and n; in a
// `when`, also `value`, the message's; in an invariant: the globals, `proc.var` or `proc[k].var` for a
// process's variable, and the params.
#pragma once

#include "models/model.hpp"

namespace ipcsim {

// For the steps of process p (compiled already up to its variables: var_base and variables are set).
// `message_value`: inside a `when`, where `value` names the message's value and globals may not be read
// (a waiting receive is judged when a message arrives, not when another process changes a global).
NameResolver process_scope(const Model &model, ProcId p, const ProcessSpec &spec, bool message_value);

// For the invariants, once every process's variables are placed.
NameResolver invariant_scope(const Model &model);

// The variable that `name` denotes for process p when it is written to (own first, then global).
std::optional<VariableRef> writable_variable(const Model &model, ProcId p, const std::string &name);

} // namespace ipcsim
