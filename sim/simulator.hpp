// Runs one schedule of a model in simulated time on SimGrid: one actor per process, costs from the
// scenario. Every rule comes from models/ (Semantics); this layer only decides *when* each process takes
// its next step. SimGrid's engine is a process-wide singleton: simulate() can be called once per program.
#pragma once

#include "models/model.hpp"
#include "models/semantics.hpp"
#include "models/trace_event.hpp"
#include "reports/run_result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ipcsim {

struct RunOptions {
  std::optional<double> until;            // stop at this simulated time
  std::uint64_t max_events = 50'000'000;  // stop after this many trace events (a zero-cost `forever` never ends)
  std::vector<Transition> schedule;       // forced first transitions (--replay), e.g. from a counterexample
};

// `on_event` (optional) receives every trace event in order, `seq` and `t` filled in.
RunResult simulate(const Model& model, const RunOptions& options,
                   const std::function<void(const TraceEvent&)>& on_event = {});

} // namespace ipcsim
