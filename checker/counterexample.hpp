// A counterexample is a replay recipe: the choices of a schedule, fired again through Semantics from the
// initial state, give the steps, the trace and the violating state. Replaying is also the proof that the
// search's finding is real: a recipe that does not reproduce its violation is an internal error.
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

// `choices[k]` is the index of step k's transition in Semantics::enabled() of the state before it.
Counterexample build_counterexample(const Model &model, PropertyKind kind, const std::vector<std::uint32_t> &choices);

// Fires `schedule` from the initial state; `events` receives everything that happened.
State replay(const Semantics &semantics, const std::vector<Transition> &schedule, std::vector<Event> &events);

} // namespace ipcsim
