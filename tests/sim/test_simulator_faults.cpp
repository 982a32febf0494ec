// Faults in `run` (SCENARIO_FORMAT.md, "Faults"): a crash happens at its time; losses and duplicates are
// drawn from the channels' own streams, so that a trace is reproducible, replays through models/, and
// adding a fault changes no other draw. One simulate() per TEST_CASE.
#include "models/replay.hpp"
#include "sim/random.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;
using Lines = std::vector<std::string>;

namespace {

bool schedules(const Replay &replay, std::uint32_t alternative) {
  return std::any_of(replay.schedule.begin(), replay.schedule.end(),
                     [&](const Transition &t) { return t.alternative == alternative; });
}

// A worker whose computations are drawn from its own stream, and a link that may lose what it sends.
std::string worker(const std::string &faults) {
  return R"(scenario: t
seed: 7
channels:
  - {link: [worker, sink], capacity: 4)" +
         faults + R"(}
processes:
  - name: worker
    do:
      - repeat: 4
        do: [{compute: {exponential: 1ms}}, {send: {to: sink}}]
  - name: sink
    server: true
    do: [{forever: [{receive: {from: worker}}]}]
)";
}

std::vector<double> compute_durations(const Run &r) {
  std::vector<double> out;
  for (const auto &e : r.trace)
    if (e.event == "compute")
      out.push_back(e.duration.value_or(-1));
  return out;
}

} // namespace

TEST_CASE("faults: the coordinator crashes at its time and the participant it had not answered is deadlocked") {
  Model model = load_bundled("protocol-two-phase-commit");
  Run r = run_model(model);
  CHECK(r.result.outcome == RunResult::Outcome::deadlock);
  CHECK(format_seconds(r.result.end_time) == "0.0035");
  CHECK(r.result.processes[2].outcome == "crashed");
  CHECK(r.result.message.find("participant[1] is blocked in receive from coordinator->participant[1] (no process "
                              "left that could complete it: coordinator has crashed)") != std::string::npos);
  auto crash = std::find_if(r.trace.begin(), r.trace.end(), [](const TraceEvent &e) { return e.event == "crash"; });
  REQUIRE(crash != r.trace.end());
  CHECK(crash->proc == "coordinator");
  CHECK(format_seconds(crash->t.value_or(-1)) == "0.0035");
  CHECK(schedules(replay_trace(Semantics(model), r.trace), kCrash));
}

TEST_CASE("faults: losses and duplicates drawn in run replay through the rules of models/") {
  Model model = load_bundled("protocol-alternating-bit-lossy");
  Run r = run_model(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  auto faulty = std::count_if(r.trace.begin(), r.trace.end(),
                              [](const TraceEvent &e) { return e.event == "lost" && e.cause == "fault"; });
  CHECK(faulty == 3);
  std::uint64_t counted = 0;
  for (const auto &c : r.result.channels)
    counted += c.lost_to_faults;
  CHECK(counted == 3);
  CHECK(r.result.violations.empty()); // a fault loss is the environment's, not a lost_messages violation
  CHECK(schedules(replay_trace(Semantics(model), r.trace), kLose));
}

// The worker's computations are its own stream's first four draws, as without the fault.
TEST_CASE("faults: a lossy link changes none of the processes' own draws") {
  Run lossy = run_text(worker(", faults: {loss: 0.5}"));
  ProcessRandom own(7, 0);
  std::vector<double> expected;
  for (int k = 0; k < 4; ++k)
    expected.push_back(own.sample({Duration::Kind::exponential, 0.001}));
  CHECK(compute_durations(lossy) == expected);
  CHECK(lossy.result.channels[0].lost_to_faults > 0);
}
