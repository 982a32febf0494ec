// Running a scenario through the simulator from a test: the result and every trace event. One simulate()
// per TEST_CASE: SimGrid's engine runs once per program, so the test binary runs each test case in a process
// of its own (tests/one_process_per_test.cpp).
#pragma once

#include "models/loader.hpp"
#include "reports/number_format.hpp"
#include "sim/simulator.hpp"

#include <string>
#include <vector>

namespace ipcsim::test {

struct Run {
  RunResult result;
  std::vector<TraceEvent> trace;
};

inline Run run_model(const Model& model, const RunOptions& options = {}) {
  Run r;
  r.result = simulate(model, options, [&](const TraceEvent& e) { r.trace.push_back(e); });
  return r;
}

inline Run run_text(const std::string& yaml, const RunOptions& options = {}) {
  return run_model(compile(load_scenario_text(yaml, "t.yaml")), options);
}

inline Model load_bundled(const std::string& name) {
  return compile(load_scenario_file(std::string(IPCSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml"));
}

// "proc event @t" for every event of `proc` (all processes when empty), t in format_seconds form.
inline std::vector<std::string> timeline(const Run& r, const std::string& proc = "") {
  std::vector<std::string> out;
  for (const auto& e : r.trace)
    if (proc.empty() || e.proc == proc)
      out.push_back((e.proc.empty() ? "" : e.proc + " ") + e.event + " @" + format_seconds(e.t.value_or(-1)));
  return out;
}

} // namespace ipcsim::test
