// Each property of SCENARIO_FORMAT.md found by the checker on a scenario made to break it, and not found
// where the scenario keeps it.
#include "check_support.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("a partial deadlock is found while another process keeps running forever", "[properties]") {
  Model model = model_from_text(R"(
scenario: partial
processes:
  - name: alice
    do: [{receive: {from: bob}}, {send: {to: bob}}]
  - name: bob
    do: [{receive: {from: alice}}, {send: {to: alice}}]
  - name: ticker
    do:
      - forever: [{compute: 1us}]
)");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  const Counterexample &cx = r.violations[0];
  CHECK(cx.kind == PropertyKind::deadlock);
  CHECK_FALSE(cx.blocking.global); // ticker can still move
  CHECK(cx.blocking.stuck == std::vector<ProcId>{0, 1});
  CHECK(cx.description == "deadlock: some processes are blocked forever while others run: alice is blocked in "
                          "receive from bob->alice, waiting for bob; bob is blocked in receive from alice->bob, "
                          "waiting for alice");
  CHECK(cx.steps.size() == 2);
}

TEST_CASE("a server idling in a receive is not deadlocked", "[properties]") {
  Model model = model_from_text(R"(
scenario: idle-server
processes:
  - name: client
    do: [{send: {to: server}}]
  - name: server
    server: true
    do:
      - forever: [{receive: {from: any}}]
)");
  CHECK(verdict_of(check_all(model), PropertyKind::deadlock) == Verdict::holds);
}

TEST_CASE("rendezvous: a send on a listed buffered channel that completes before its receive began", "[properties]") {
  const char *yaml = R"(
scenario: rendezvous-broken
channels: [{mailbox: jobs, capacity: 1}]
processes:
  - name: producer
    do: [{send: {to: jobs}}]
  - name: consumer
    do: [{receive: {from: jobs}}]
properties: {rendezvous: [jobs]}
)";
  CheckResult r = check_all(model_from_text(yaml));
  REQUIRE(r.violations.size() == 1);
  const Counterexample &cx = r.violations[0];
  CHECK(cx.kind == PropertyKind::rendezvous);
  CHECK(cx.description == "rendezvous violated: producer's send on jobs (line 6) completed with the message "
                          "buffered, before any receive of it began");
  REQUIRE(cx.steps.size() == 1);
  CHECK(cx.steps[0].action == "send on jobs: message 1 buffered; producer ends");
  CHECK(cx.trace.back().event == "violation");
  CHECK(cx.trace.back().proc.empty()); // a whole-system event; the detail names the process
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);

  // The same design over capacity 0 keeps the property: every send meets its receive.
  Model rendezvous = model_from_text(yaml, {.overrides = {{"channels.jobs.capacity", "0"}}});
  CHECK(verdict_of(check_all(rendezvous), PropertyKind::rendezvous) == Verdict::holds);
}

TEST_CASE("lost_messages: a failed non-blocking send", "[properties]") {
  // The bundled scenario has no `properties` (which --set cannot add), so it is appended to the text.
  std::string yaml = read_text(source_path("scenarios/sync-nonblocking-polling.yaml"));
  CheckResult r = check_all(model_from_text(yaml + "properties: {lost_messages: true}\n"));
  REQUIRE(r.violations.size() == 1);
  const Counterexample &cx = r.violations[0];
  CHECK(cx.kind == PropertyKind::lost_messages);
  CHECK(cx.description == "lost message: sampler's non-blocking send on readings (line 18) failed, so the message "
                          "was never delivered");
  // The sampler must fill both slots before a send can fail: sleep, send, sleep, send, sleep, send.
  CHECK(cx.steps.size() == 6);
  CHECK(cx.steps.back().action == "send on readings (non-blocking): fails, the message is dropped");
  // Unwatched, the same failures are no violation.
  CHECK_FALSE(check_all(bundled("sync-nonblocking-polling")).violated());
}

TEST_CASE("undelivered: every process ended with a message still buffered", "[properties]") {
  CheckResult r = check_all(model_from_text(R"(
scenario: leftover
channels: [{mailbox: jobs, capacity: 2}]
processes:
  - name: producer
    do: [{send: {to: jobs}}, {send: {to: jobs}}]
  - name: consumer
    do: [{receive: {from: jobs}}]
properties: {undelivered: true}
)"));
  REQUIRE(r.violations.size() == 1);
  CHECK(r.violations[0].kind == PropertyKind::undelivered);
  CHECK(r.violations[0].description == "undelivered: every process has ended with messages still buffered (1 in jobs)");
  CHECK(r.violations[0].steps.size() == 3);
}

TEST_CASE("invalid operations are always violations", "[properties]") {
  // The second post on handle h is invalid when the first has not completed yet: only in schedules where
  // b has not received in between.
  CheckResult r = check_all(model_from_text(R"(
scenario: handle-reuse
processes:
  - name: a
    do: [{send: {to: b, async: h}}, {send: {to: b, async: h}}, {wait: h}]
  - name: b
    do: [{receive: {from: a}}, {receive: {from: a}}]
)"));
  REQUIRE(verdict_of(r, PropertyKind::invalid) == Verdict::violated);
  const Counterexample &cx = r.violations.back();
  CHECK(cx.kind == PropertyKind::invalid);
  CHECK(cx.description == "invalid operation: a (line 5): handle h is still pending");
  CHECK(cx.steps.size() == 2);
}

TEST_CASE("several violated properties are each reported with their own schedule", "[properties]") {
  CheckResult r = check_all(model_from_text(R"(
scenario: two-faults
channels: [{mailbox: jobs, capacity: 1}]
processes:
  - name: producer
    do: [{send: {to: jobs}}, {send: {to: jobs}}]
  - name: consumer
    do: [{receive: {from: jobs}}, {receive: {from: producer}}]
properties: {rendezvous: [jobs]}
)"));
  REQUIRE(r.violations.size() == 2);
  CHECK(r.violations[0].kind == PropertyKind::deadlock);
  CHECK(r.violations[1].kind == PropertyKind::rendezvous);
  CHECK(r.stop == StopReason::complete); // invalid operations are still watched: the search goes on to the end
}
