#include "sim/simulator.hpp"

#include "sim/simulation.hpp"

namespace ipcsim {

RunResult simulate(const Model &model, const RunOptions &options,
                   const std::function<void(const TraceEvent &)> &on_event) {
  return Simulation(model, options, on_event).run();
}

} // namespace ipcsim
