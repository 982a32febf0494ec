// The properties a scenario lists, watched on the run's one schedule (sim/property_watch.hpp): each
// violation with the checker's sentence, the simulated time and the scenario line of the step that caused
// it; and time blocked until the end of the run counted as blocked. One simulate() per TEST_CASE.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

constexpr double us = 1e-6;

// a and b each wait for the other forever from t = 0, while c runs on: a partial deadlock, closed by b's
// receive (line 4).
const char *const partial_deadlock = R"(scenario: partial
processes:
  - {name: a, do: [{receive: {from: b}}, {send: {to: b}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
  - {name: c, do: [{repeat: 3, do: [{sleep: 100us}]}]}
)";

const char *const partial_description =
    "deadlock: some processes are blocked forever while others run: a is blocked in receive from b->a, waiting "
    "for b; b is blocked in receive from a->b, waiting for a";

} // namespace

TEST_CASE("properties: a partial deadlock is found at the step that closes it, while another process runs on") {
  RunOptions options;
  options.until = 250 * us;
  Run r = run_text(partial_deadlock, options);
  CHECK(r.result.outcome == RunResult::Outcome::stopped);
  CHECK(r.result.stop == RunResult::Stop::time_limit);
  REQUIRE(r.result.violations.size() == 1);
  const RunViolation &v = r.result.violations[0];
  CHECK(v.kind == PropertyKind::deadlock);
  CHECK(v.description == partial_description);
  CHECK(v.t == 0);
  CHECK(v.line == 4);
  CHECK_FALSE(v.ends_the_run);
  CHECK(r.result.processes[0].outcome == "blocked in receive from b->a");
  CHECK(r.result.processes[2].outcome == "running");
}

// When c has ended, a and b are all that is left: the run ends in the (now global) deadlock at 300us, and
// the violation still says when and where it began.
TEST_CASE("properties: a run that ends in a deadlock that began earlier names both moments") {
  Run r = run_text(partial_deadlock);
  CHECK(r.result.outcome == RunResult::Outcome::deadlock);
  CHECK(r.result.end_time == Approx(300 * us).margin(1e-12));
  REQUIRE(r.result.violations.size() == 1);
  CHECK(r.result.violations[0].description == partial_description);
  CHECK(r.result.violations[0].t == 0);
  CHECK_FALSE(r.result.violations[0].ends_the_run);
  REQUIRE(r.result.blocking);
  CHECK(r.result.blocking->global);
}

// Blocked time is blocked time: a and b wait from t = 0 until the end of the run, cut short by --until.
TEST_CASE("properties: a process blocked until the end of the run counts that time as blocked, not idle") {
  RunOptions options;
  options.until = 250 * us;
  Run r = run_text(partial_deadlock, options);
  for (std::size_t p : {0, 1}) {
    INFO("process " << p);
    CHECK(r.result.processes[p].blocked_receive == Approx(250 * us).margin(1e-12));
    CHECK(r.result.processes[p].idle == 0);
    CHECK(r.result.processes[p].end == Approx(250 * us).margin(1e-12));
  }
  CHECK(r.result.processes[2].idle == Approx(250 * us).margin(1e-12));
}

// The issue's case: a server waits from t = 0 for a request that never comes while a worker keeps the run
// going for 1 ms; the run completes (a server may end waiting), and the wait is 1 ms of blocked-recv.
TEST_CASE("properties: a server waiting to the end is blocked-recv for the whole run") {
  Run r = run_text(R"(scenario: waiting-server
channels: [{mailbox: jobs}]
processes:
  - {name: server, server: true, do: [{forever: [{receive: {from: jobs}}]}]}
  - {name: client, do: [{sleep: 1ms}, {compute: 1ms}, {send: {to: jobs, blocking: false}}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.violations.empty());
  CHECK(r.result.end_time == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[0].blocked_receive == Approx(0.002).margin(1e-12));
  CHECK(r.result.processes[0].idle == 0);
  CHECK(r.result.processes[0].outcome == "blocked in receive from jobs");
}

TEST_CASE("properties: a send buffered on a rendezvous channel violates it, each time counted") {
  Run r = run_text(R"(scenario: buffered
channels: [{mailbox: jobs, capacity: 2}]
processes:
  - {name: s, do: [{compute: 2us}, {send: {to: jobs}}, {send: {to: jobs}}]}
  - {name: r, do: [{sleep: 5us}, {receive: {from: jobs}}, {receive: {from: jobs}}]}
properties: {rendezvous: [jobs]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  REQUIRE(r.result.violations.size() == 1);
  const RunViolation &v = r.result.violations[0];
  CHECK(v.kind == PropertyKind::rendezvous);
  CHECK(v.description == "rendezvous violated: s's send on jobs (line 4) completed with the message buffered, before "
                         "any receive of it began");
  CHECK(v.t == Approx(2 * us).margin(1e-12));
  CHECK(v.line == 4);
  CHECK(v.occurrences == 2);
}

TEST_CASE("properties: a failed non-blocking send is a lost message, at its time and line") {
  Run r = run_text(R"(scenario: lossy
channels: [{mailbox: jobs, capacity: 0}]
processes:
  - {name: s, do: [{sleep: 3us}, {send: {to: jobs, blocking: false}}]}
properties: {lost_messages: true}
)");
  REQUIRE(r.result.violations.size() == 1);
  const RunViolation &v = r.result.violations[0];
  CHECK(v.kind == PropertyKind::lost_messages);
  CHECK(v.description ==
        "lost message: s's non-blocking send on jobs (line 4) failed, so the message was never delivered");
  CHECK(v.t == Approx(3 * us).margin(1e-12));
  CHECK(v.line == 4);
  CHECK(v.occurrences == 1);
}

TEST_CASE("properties: a message still buffered when every process has ended is undelivered, at the end") {
  Run r = run_text(R"(scenario: left-over
channels: [{mailbox: jobs, capacity: 4}]
processes:
  - {name: s, do: [{sleep: 3us}, {send: {to: jobs}}, {send: {to: jobs}}]}
properties: {undelivered: true}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  REQUIRE(r.result.violations.size() == 1);
  const RunViolation &v = r.result.violations[0];
  CHECK(v.kind == PropertyKind::undelivered);
  CHECK(v.description == "undelivered: every process has ended with messages still buffered (2 in jobs)");
  CHECK(v.t == Approx(3 * us).margin(1e-12));
  CHECK(v.line == 0);
}

TEST_CASE("properties: nothing is reported for properties the scenario does not list") {
  Run r = run_text(R"(scenario: quiet
channels: [{mailbox: jobs, capacity: 4}]
processes:
  - {name: s, do: [{send: {to: jobs}}, {send: {to: jobs, blocking: false}}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.violations.empty());
}

// A writer ordered with the reader by the lock, and a late writer that takes no lock: its write races with
// both, the writer's write (write/write) and the reader's read (read/write), and both pairs are listed.
TEST_CASE("properties: an access that races with two earlier ones lists both pairs") {
  Run r = run_text(R"(scenario: two-pairs
semaphores: [{name: lock, initial: 1}]
shared_memory: [{name: seg, size: 1KiB}]
processes:
  - {name: writer, do: [{attach: seg}, {acquire: lock}, {write: {segment: seg, size: 8B}}, {release: lock}]}
  - {name: reader, do: [{attach: seg}, {acquire: lock}, {read: {segment: seg, size: 8B}}, {release: lock}]}
  - {name: late, do: [{attach: seg}, {sleep: 10us}, {write: {segment: seg, size: 8B}}]}
)");
  REQUIRE(r.result.data_races.size() == 2);
  CHECK(r.result.data_races[0].description == "data race on seg: writer's write (line 5) and late's write (line 7) "
                                              "are not ordered by any message or semaphore");
  CHECK(r.result.data_races[1].description == "data race on seg: reader's read (line 6) and late's write (line 7) "
                                              "are not ordered by any message or semaphore");
  CHECK(r.result.data_races[0].later_seq == r.result.data_races[1].later_seq);
  REQUIRE(r.result.violations.size() == 2);
  for (const RunViolation &v : r.result.violations) {
    CHECK(v.kind == PropertyKind::data_race);
    CHECK(v.t == Approx(10 * us).margin(1e-12));
    CHECK(v.line == 7);
  }
  std::uint64_t later = r.result.data_races[0].later_seq;
  CHECK(r.trace.at(later).race_with == std::optional<std::uint64_t>(r.result.data_races[0].earlier_seq));
}

// A process's first steps may be internal ones, taken when the run starts: they are watched too.
TEST_CASE("properties: an assert before a process's first visible step is a violation at t = 0") {
  Run r = run_text(R"(scenario: early
processes:
  - name: p
    variables: {x: 0}
    do: [{assert: "x == 2"}, {sleep: 1ms}]
)");
  REQUIRE(r.result.violations.size() == 1);
  const RunViolation &v = r.result.violations[0];
  CHECK(v.kind == PropertyKind::assertion);
  CHECK(v.t == 0);
  CHECK(v.line == 5);
}
