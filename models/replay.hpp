// A trace is a replay recipe: the transitions that produced it can be recovered by firing, in each state,
// the step of the process that the trace shows moving next and comparing what it emits with the trace.
// Used to check that a simulated run followed the rules of models/, and to force an engine down a
// counterexample.
#pragma once

#include "models/semantics.hpp"
#include "models/trace_event.hpp"

#include <stdexcept>
#include <vector>

namespace ipcsim {

struct Replay {
  std::vector<Transition> schedule; // the transitions, in order
  State final_state;
  std::vector<State> states;        // with keep_states: the state after each transition
};

class ReplayError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Throws ReplayError naming the first trace event (by seq) that no enabled transition reproduces.
// Whole-system events (deadlock, violation) and exits are skipped; timing fields (t, duration) are ignored.
Replay replay_trace(const Semantics& semantics, const std::vector<TraceEvent>& trace, bool keep_states = false);

} // namespace ipcsim
