// What the simulator charges and when it stops: CPU sharing on a host's cores, the send/receive and
// context-switch costs, --until and --max-events. One simulate() per TEST_CASE.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcsim;

using namespace ipcsim::test;
using Lines = std::vector<std::string>;

TEST_CASE("simulator: two 1 ms computes on a 1-core host share it and both end at 2 ms") {
  Run r = run_text(R"(
scenario: t
processes:
  - {name: a, do: [{compute: 1ms}]}
  - {name: b, do: [{compute: 1ms}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[0].end == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[1].end == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[0].busy == Approx(0.002).margin(1e-12));
  REQUIRE(r.trace.size() == 6);
  CHECK(r.trace[2].event == "compute");
  CHECK(r.trace[2].duration == Approx(0.001).margin(1e-15));
}

TEST_CASE("simulator: two 1 ms computes on a 2-core host run in parallel and end at 1 ms") {
  Run r = run_text(R"(
scenario: t
platform:
  hosts:
    - {name: cpu0, speed: 1Gf, cores: 2}
processes:
  - {name: a, do: [{compute: 1ms}]}
  - {name: b, do: [{compute: 1ms}]}
)");
  CHECK(r.result.end_time == Approx(0.001).margin(1e-12));
  CHECK(r.result.processes[0].end == Approx(0.001).margin(1e-12));
  CHECK(r.result.processes[1].end == Approx(0.001).margin(1e-12));
}

TEST_CASE("simulator: processes on different hosts do not share a CPU, and flops run at the host's speed") {
  Run r = run_text(R"(
scenario: t
platform:
  hosts:
    - {name: fast, speed: 2Gf}
    - {name: slow, speed: 1Gf}
processes:
  - {name: a, host: fast, do: [{compute: {flops: 4Mf}}]}
  - {name: b, host: slow, do: [{compute: {flops: 4Mf}}]}
)");
  CHECK(r.result.processes[0].end == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[1].end == Approx(0.004).margin(1e-12));
  CHECK(r.trace[2].duration == Approx(0.002).margin(1e-15));
}

TEST_CASE("simulator: send and receive costs are CPU time charged before each call") {
  Run r = run_text(R"(
scenario: t
costs: {send: 2us, receive: 5us}
channels:
  - {mailbox: jobs, capacity: unbounded}
processes:
  - {name: s, do: [{send: {to: jobs}}, {send: {to: jobs}}]}
  - {name: r, do: [{sleep: 100us}, {receive: {from: jobs}}, {receive: {from: jobs}}]}
)");
  CHECK(timeline(r, "s") == Lines{"s start @0", "s send_begin @0.000002", "s send_end @0.000002", "s send_begin @0.000004",
                                  "s send_end @0.000004", "s exit @0.000004"});
  CHECK(timeline(r, "r") == Lines{"r start @0", "r sleep @0", "r recv_begin @0.000105", "r recv_end @0.000105",
                                  "r recv_begin @0.00011", "r recv_end @0.00011", "r exit @0.00011"});
  CHECK(r.result.processes[0].busy == Approx(4e-6).margin(1e-12));
  CHECK(r.result.processes[1].busy == Approx(10e-6).margin(1e-12));
  CHECK(r.result.processes[1].idle == Approx(100e-6).margin(1e-12));
  CHECK(r.result.end_time == Approx(110e-6).margin(1e-12));
}

TEST_CASE("simulator: the context switch cost is charged each time a process resumes after blocking") {
  Run r = run_text(R"(
scenario: t
costs: {context_switch: 3us}
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{sleep: 10us}, {send: {to: jobs}}, {sleep: 10us}, {send: {to: jobs}}]}
  - {name: r, do: [{receive: {from: jobs}}, {receive: {from: jobs}}, {compute: 1us}]}
)");
  Lines events = timeline(r, "r");
  CHECK(events == Lines{"r start @0", "r recv_begin @0", "r block @0", "r recv_end @0.00001", "r unblock @0.00001",
                        "r recv_begin @0.000013", "r block @0.000013", "r recv_end @0.00002", "r unblock @0.00002",
                        "r compute @0.000023", "r exit @0.000024"});
  CHECK(r.result.processes[1].busy == Approx(7e-6).margin(1e-12)); // two switches and the compute
  CHECK(r.result.processes[1].blocked_receive == Approx(17e-6).margin(1e-12));
  CHECK(r.result.processes[0].busy == 0); // s never blocked: no switch charged
  CHECK(r.result.end_time == Approx(24e-6).margin(1e-12));
}

TEST_CASE("simulator: --until stops a run that would go on, at that time, with the processes still running") {
  RunOptions options;
  options.until = 0.0105;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{forever: [{compute: 1ms}]}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::stopped);
  CHECK(r.result.message == "stopped at the time limit (--until)");
  CHECK(r.result.end_time == Approx(0.0105).margin(1e-12));
  CHECK(r.result.processes[0].outcome == "running");
  std::size_t computes = 0;
  for (const auto& e : r.trace)
    computes += e.event == "compute";
  CHECK(computes == 11); // at 0, 1, ..., 10 ms
  CHECK(r.trace.back().t.value() <= 0.0105);
}

TEST_CASE("simulator: --until after the natural end changes nothing") {
  RunOptions options;
  options.until = 0.005;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{sleep: 1ms}, {compute: 1ms}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[0].outcome == "ended");
}

TEST_CASE("simulator: --until in a deadlock reached before it still reports the deadlock") {
  RunOptions options;
  options.until = 0.005;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: a, do: [{sleep: 1ms}, {receive: {from: b}}, {send: {to: b}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::deadlock);
  CHECK(r.result.message == "deadlock: every remaining process is blocked forever: a is blocked in receive from b->a, "
                            "waiting for b; b is blocked in receive from a->b, waiting for a");
  REQUIRE(!r.trace.empty());
  CHECK(r.trace.back().event == "deadlock");
}

// The same deadlock without --until ends at 1 ms, when the last process blocks (as deadlock-receive-first ends at
// t = 0). With --until the deadlock is only noticed when the time limit fires, and the run reports the limit as
// the time of the deadlock: "deadlock at t = 5ms", and the `deadlock` trace event at 0.005.
TEST_CASE("simulator: the time of a deadlock does not depend on --until") {
  RunOptions options;
  options.until = 0.005;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: a, do: [{sleep: 1ms}, {receive: {from: b}}, {send: {to: b}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::deadlock);
  CHECK(r.result.end_time == Approx(0.001).margin(1e-12));
  REQUIRE(!r.trace.empty());
  CHECK(r.trace.back().t.value() == Approx(0.001).margin(1e-12));
}

TEST_CASE("simulator: a zero-cost forever loop ends at max_events with a stopped outcome") {
  RunOptions options;
  options.max_events = 1000;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{forever: [{compute: 0}]}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::stopped);
  CHECK(r.result.message == "stopped after 1000 events (--max-events)");
  CHECK(r.result.events == 1000);
  CHECK(r.trace.size() == 1000);
  CHECK(r.result.end_time == 0);
  CHECK(r.result.processes[0].outcome == "running");
}

TEST_CASE("simulator: max_events stops an ordinary run after that many events") {
  RunOptions options;
  options.max_events = 5;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{repeat: 10, do: [{sleep: 1ms}]}]}
)", options);
  CHECK(r.result.outcome == RunResult::Outcome::stopped);
  CHECK(r.result.events == 5);
  CHECK(r.result.message == "stopped after 5 events (--max-events)");
  CHECK(timeline(r) == Lines{"p start @0", "p sleep @0", "p sleep @0.001", "p sleep @0.002", "p sleep @0.003"});
  CHECK(r.result.processes[0].outcome == "running");
}

// After the event that reaches --max-events, the process that emitted it still performs that step (here the
// 1 ms sleep whose event was the 5th), so the run "stops after 5 events" at 4 ms although its last event is at
// 3 ms and nothing happens in between.
TEST_CASE("simulator: a run stopped by max_events ends at the time of its last event") {
  RunOptions options;
  options.max_events = 5;
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{repeat: 10, do: [{sleep: 1ms}]}]}
)", options);
  REQUIRE(r.trace.size() == 5);
  CHECK(r.result.end_time == Approx(r.trace.back().t.value()).margin(1e-12));
}

TEST_CASE("simulator: an invalid operation ends the run with an invalid outcome naming the process") {
  Run r = run_text(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1, message_size: {max: 8B}}
processes:
  - {name: p, do: [{sleep: 1ms}, {send: {to: jobs, size: 9B}}, {sleep: 1ms}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::invalid);
  CHECK(r.result.message ==
        "invalid operation: p: message of 9 B is larger than the maximum message size of jobs (8 B)");
  CHECK(r.result.processes[0].outcome == "failed (invalid operation)");
  CHECK(r.result.end_time == Approx(0.001).margin(1e-12));
  REQUIRE(!r.trace.empty());
  CHECK(r.trace.back().event == "invalid");
  CHECK(r.trace.back().detail == "message of 9 B is larger than the maximum message size of jobs (8 B)");
}

// SCENARIO_FORMAT.md: `t` is the simulated time of the event. The simulator fires a compute (or sleep) at its
// start, and when it is the last step the semantics end the process in the same transition, so the trace shows
// `exit` while the process still computes: here at t = 0 although the process and the run end at 1 ms (the
// summary says so). The same holds for a context switch charged after the last unblock (naming-direct-symmetric:
// ping's exit is at 52 us in the trace, 54 us in the summary).
TEST_CASE("simulator: the exit event of a process is at the time the process ends") {
  Run r = run_text(R"(
scenario: t
processes:
  - {name: p, do: [{compute: 1ms}]}
)");
  CHECK(r.result.processes[0].end == Approx(0.001).margin(1e-12));
  REQUIRE(!r.trace.empty());
  CHECK(r.trace.back().event == "exit");
  CHECK(r.trace.back().t.value() == Approx(0.001).margin(1e-12));
}
