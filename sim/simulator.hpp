// Runs one schedule of a model in simulated time on SimGrid: one actor per process, costs from the
// scenario. Every rule comes from models/ (Semantics); this layer only decides *when* each process takes
// its next step, and watches the scenario's properties on that one schedule (property_watch.hpp).
//
// SimGrid 3.32's engine runs once per program (engine_setup.hpp): simulate() refuses a second call.
#pragma once

#include "models/model.hpp"
#include "models/semantics.hpp"
#include "models/trace_event.hpp"
#include "reports/run_result.hpp"
#include "sim/memory_budget.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ipcsim {

struct RunOptions {
  std::optional<double> until;            // stop at this simulated time
  std::uint64_t max_events = 50'000'000;  // stop after this many trace events (a zero-cost `forever` never ends)
  std::vector<Transition> schedule;       // forced first transitions (--replay), e.g. from a counterexample
  const std::atomic<int> *interrupt = nullptr; // holds a signal number once the run is to stop (SIGINT, SIGTERM)
  std::function<void(const RunProgress &)> on_progress; // called every few hundred transitions
  MemoryBudget memory;                                  // what the run may use; too little for the actors: OutOfMemory
};

// `on_event` (optional) receives every trace event in order, `seq` and `t` filled in. Throws OutOfMemory
// before the run when its actors cannot fit in options.memory, and std::logic_error when called twice.
RunResult simulate(const Model& model, const RunOptions& options,
                   const std::function<void(const TraceEvent&)>& on_event = {});

} // namespace ipcsim
