// Timeouts in `run` (SCENARIO_FORMAT.md, "Timeouts"): a waiting operation gives up when its timeout has
// passed unserved, is served when the partner comes first, and under --replay gives up where the schedule
// says. One simulate() per TEST_CASE.
#include "models/replay.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;
using Lines = std::vector<std::string>;

namespace {

// The server answers after `delay`; the client waits 5ms for the answer, then sleeps 1ms either way.
std::string client_and_server(const std::string &delay) {
  return R"(scenario: t
channels:
  - {mailbox: replies, capacity: 1}
processes:
  - name: client
    variables: {tries: 0}
    do:
      - receive: {from: replies, timeout: 5ms, else: [{set: {tries: "tries + 1"}}]}
      - sleep: 1ms
  - name: server
    do: [{sleep: )" +
         delay + R"(}, {send: {to: replies}}]
)";
}

} // namespace

TEST_CASE("timeouts: run gives up when the timeout has passed, and goes on at else") {
  Run r = run_text(client_and_server("8ms"));
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(timeline(r, "client") == Lines{"client start @0", "client recv_begin @0", "client block @0",
                                       "client recv_timeout @0.005", "client set @0.005", "client sleep @0.005",
                                       "client exit @0.006"});
  CHECK(r.result.processes[0].blocked_receive == Approx(0.005).margin(1e-12));
  CHECK(r.result.channels[0].left_buffered == 1); // the late answer
}

TEST_CASE("timeouts: a partner that comes before the timeout serves the operation") {
  Run r = run_text(client_and_server("2ms"));
  CHECK(timeline(r, "client") == Lines{"client start @0", "client recv_begin @0", "client block @0",
                                       "client recv_end @0.002", "client unblock @0.002", "client sleep @0.002",
                                       "client exit @0.003"});
  CHECK(r.result.channels[0].left_buffered == 0);
}

// The checker's counterexample of the bundled retrying client: every try times out. Replayed, each time-out
// happens where the schedule puts it (at once), not 5ms later, and the assertion fails as in the checker.
TEST_CASE("timeouts: --replay gives up where the schedule says") {
  Model model = load_bundled("protocol-request-retry");
  Semantics semantics(model);
  std::vector<Event> events;
  State state = semantics.initial_state(events);
  std::vector<TraceEvent> trace;
  auto record = [&] {
    for (const Event &e : events) {
      trace.push_back(to_trace_event(model, e));
      trace.back().seq = trace.size() - 1;
    }
    events.clear();
  };
  record();
  ProcId client = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    semantics.apply(state, {client, 0}, events); // send the request
    semantics.apply(state, {client, 0}, events); // receive: blocks
    semantics.apply(state, {client, kTimeOut}, events);
  }
  record();
  RunOptions options;
  options.schedule = replay_trace(semantics, trace).schedule;
  REQUIRE(options.schedule.size() == 9);
  Run r = run_model(model, options);
  CHECK(r.result.forced_steps == 9);
  Lines gave_up;
  for (const auto &e : r.trace)
    if (e.event == "recv_timeout" || e.event == "assert_failed")
      gave_up.push_back(e.event + " @" + format_seconds(e.t.value_or(-1)));
  CHECK(gave_up ==
        Lines{"recv_timeout @0.000003", "recv_timeout @0.000005", "recv_timeout @0.000007", "assert_failed @0.000007"});
  REQUIRE(r.result.violations.size() == 1);
  CHECK(r.result.violations[0].kind == PropertyKind::assertion);
}
