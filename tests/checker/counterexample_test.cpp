// A counterexample is a replay recipe: fired again through Semantics from the initial state, its schedule
// must reach a state (or a last step) that shows the violation it reports.
#include "check_support.hpp"

#include "checker/counterexample.hpp"
#include "models/properties.hpp"
#include "models/replay.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

void check_replays(const Model &model, const Counterexample &cx) {
  Semantics semantics(model);
  std::vector<Event> events;
  State state = semantics.initial_state(events);
  std::size_t last_step = 0;
  for (Transition t : cx.schedule) {
    std::vector<Transition> enabled;
    semantics.enabled(state, enabled);
    REQUIRE(std::find(enabled.begin(), enabled.end(), t) != enabled.end());
    last_step = events.size();
    semantics.apply(state, t, events);
  }
  PropertyMonitor monitor(model);
  PropertySet wanted;
  wanted.insert(cx.kind);
  std::vector<PropertyViolation> found;
  monitor.check_events(std::span<const Event>(events).subspan(last_step), wanted, found);
  monitor.check_state(state, wanted, found);
  REQUIRE_FALSE(found.empty());
  CHECK(found.front().description == cx.description);
  if (cx.kind == PropertyKind::deadlock)
    CHECK(analyse_blocking(model, state).deadlock);
  // The trace is every event of the replay, then the verdict.
  REQUIRE(cx.trace.size() == events.size() + 1);
  CHECK(cx.trace.back().event == (cx.kind == PropertyKind::deadlock ? "deadlock" : "violation"));
  CHECK(cx.trace.back().detail == cx.description);
  for (std::size_t k = 0; k < cx.trace.size(); ++k) {
    CHECK(cx.trace[k].seq == k);
    CHECK_FALSE(cx.trace[k].t);
  }
  // The trace alone is a recipe too: models/ recovers the same schedule from it (what run --replay uses).
  CHECK(replay_trace(semantics, cx.trace).schedule == cx.schedule);
}

} // namespace

TEST_CASE("the counterexamples of the bundled deadlocks replay to the deadlock", "[counterexample]") {
  for (const char *name : {"deadlock-receive-first", "classic-dining-philosophers"})
    for (bool bfs : {false, true}) {
      INFO(name << (bfs ? " breadth-first" : " depth-first"));
      Model model = bundled(name, {.params = {}});
      CheckResult r = check_all(model, bfs);
      REQUIRE(r.violations.size() == 1);
      check_replays(model, r.violations[0]);
    }
}

TEST_CASE("counterexamples of every property kind replay", "[counterexample]") {
  Model model = model_from_text(R"(
scenario: many-faults
channels: [{mailbox: jobs, capacity: 1}, {mailbox: drops, capacity: 0}]
processes:
  - name: producer
    do:
      - send: {to: jobs}
      - send: {to: jobs}
      - send: {to: drops, blocking: false}
      - send: {to: consumer, async: h}
      - send: {to: consumer, async: h}
  - name: consumer
    do:
      - receive: {from: jobs}
      - receive: {from: nobody}
  - name: nobody
    do: [{compute: 1us}]
properties: {rendezvous: [jobs], lost_messages: true, undelivered: true}
)");
  for (bool bfs : {false, true}) {
    CheckResult r = check_all(model, bfs);
    std::vector<PropertyKind> kinds;
    for (const auto &cx : r.violations) {
      kinds.push_back(cx.kind);
      INFO(to_string(cx.kind) << ": " << cx.description);
      check_replays(model, cx);
    }
    CHECK(kinds == std::vector<PropertyKind>{PropertyKind::deadlock, PropertyKind::rendezvous,
                                             PropertyKind::lost_messages, PropertyKind::invalid});
  }
}

TEST_CASE("a depth-first counterexample is shortened to a shortest one", "[counterexample]") {
  // Depth-first runs the first process as far as it goes before trying the second; the shortest deadlock
  // is still two steps.
  Model model = model_from_text(R"(
scenario: late-deadlock
processes:
  - name: worker
    do:
      - repeat: 20
        do: [{compute: 1us}]
  - name: alice
    do: [{receive: {from: bob}}, {send: {to: bob}}]
  - name: bob
    do: [{receive: {from: alice}}, {send: {to: alice}}]
)");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  CHECK(r.violations[0].steps.size() == 2);
  check_replays(model, r.violations[0]);
}

TEST_CASE("an owner's exit follows the messages its mailbox loses, as in the simulator's trace", "[counterexample]") {
  // The simulator writes a process's exit when its actor ends, after its last step's events; the
  // checker's counterexample keeps that order, so the two traces of one schedule read alike.
  Model model = bundled("lifecycle-owner-exits");
  CheckResult r = check_all(model, false);
  auto lost = std::find_if(r.violations.begin(), r.violations.end(),
                           [](const Counterexample &cx) { return cx.kind == PropertyKind::lost_messages; });
  REQUIRE(lost != r.violations.end());
  check_replays(model, *lost);
  const auto &trace = lost->trace;
  REQUIRE(trace.size() >= 3);
  CHECK(trace[trace.size() - 3].event == "lost");
  CHECK(trace[trace.size() - 3].proc == "server");
  CHECK(trace[trace.size() - 2].event == "exit");
  CHECK(trace[trace.size() - 2].proc == "server");
  CHECK(trace.back().event == "violation");
}
