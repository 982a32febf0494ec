// --replay: the forced prefix is followed in order, and then every process goes on by itself to its end, so
// that "completed" keeps its meaning (every process ended, or is a server waiting). One simulate() per
// TEST_CASE.
#include "models/replay.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;
using Lines = std::vector<std::string>;

namespace {

const char *const replay_sleep = R"(scenario: replay-sleep
processes:
  - {name: a, do: [ {compute: 1us}, {compute: 1us}, {compute: 1us} ]}
  - {name: b, do: [ {sleep: 1ms}, {compute: 1us} ]}
)";

TraceEvent event(std::uint64_t seq, const std::string &proc, const std::string &name) {
  TraceEvent e;
  e.seq = seq;
  e.proc = proc;
  e.event = name;
  return e;
}

} // namespace

// The trace of the issue: start a, start b, a compute, b sleep, b compute. a's second compute must wait for
// b's compute at 1ms (the prefix says so); then both share the one core (1us each take 2us), and a's third
// runs alone: a ends at 1.003ms, b at 1.002ms.
TEST_CASE("replay: after the forced prefix every process runs to its end") {
  Model model = compile(load_scenario_text(replay_sleep, "replay-sleep.yaml"));
  std::vector<TraceEvent> prefix{event(0, "a", "start"), event(1, "b", "start"), event(2, "a", "compute"),
                                 event(3, "b", "sleep"), event(4, "b", "compute")};
  RunOptions options;
  options.schedule = replay_trace(Semantics(model), prefix).schedule;
  REQUIRE(options.schedule.size() == 3);
  Run r = run_model(model, options);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.forced_steps == 3);
  CHECK(r.result.forced_until == Approx(0.001).margin(1e-12));
  CHECK(r.result.processes[0].outcome == "ended");
  CHECK(r.result.processes[1].outcome == "ended");
  CHECK(r.result.end_time == Approx(0.001003).margin(1e-12));
  CHECK(timeline(r, "a") ==
        Lines{"a start @0", "a compute @0", "a compute @0.001", "a compute @0.001002", "a exit @0.001003"});
  CHECK(timeline(r, "b") == Lines{"b start @0", "b sleep @0", "b compute @0.001", "b exit @0.001002"});
}
