// Rendezvous fusion (checker/search_steps.hpp) on the fork servers of bench/fork-servers.yaml: which
// channels it serves, the steps it offers, the state it judges, and the real schedules it gives back; and
// the senders of buffered messages, which the steps forget.
#include "check_support.hpp"

#include "checker/search_steps.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// Processes: server[0..N-1], phil[0..N-2], last. Channels: fork[0..N-1]. Without `reversed`, `last` takes
// fork[N-1] then fork[0] like the others: a ring that can deadlock.
Model fork_servers(int n, bool reversed = true) {
  return bench("fork-servers", {.params = {{"N", std::to_string(n)}, {"RING", reversed ? "0" : "1"}}});
}

std::vector<ProcStatus> statuses(const State &state) {
  std::vector<ProcStatus> out;
  for (const ProcState &p : state.procs)
    out.push_back(p.status);
  return out;
}

constexpr ProcStatus ready = ProcStatus::ready, blocked = ProcStatus::blocked;

} // namespace

TEST_CASE("fusion serves capacity-0 channels used only by blocking sends and receives, under the reduction") {
  Model model = fork_servers(3);
  CHECK(SearchSteps(model, true).fused_channels() == 3);
  CHECK(SearchSteps(model, false).fused_channels() == 0);
  // A non-blocking operation, a buffer, a receive from any or a lifecycle keeps a channel out.
  CHECK(SearchSteps(bundled("buffering-zero-capacity"), true).fused_channels() == 1);
  CHECK(SearchSteps(bundled("buffering-bounded"), true).fused_channels() == 0);
  CHECK(SearchSteps(bundled("sync-nonblocking-polling"), true).fused_channels() == 0);
}

TEST_CASE("a fused rendezvous is one step per sender and partner; a lone waiting process has none") {
  Model model = fork_servers(3);
  SearchSteps steps(model, true);
  std::vector<Event> events;
  State initial = steps.initial_state(events);
  std::vector<SearchStep> enabled;
  steps.enabled(initial, enabled);
  // phil[0] (process 3) and last (5) offer ACQ to server[0], phil[1] (4) to server[1]; server[2] waits alone.
  CHECK(enabled == std::vector<SearchStep>{{{3, 0}, 0}, {{4, 0}, 1}, {{5, 0}, 0}});
  State next = initial;
  steps.apply(next, enabled[0], events);
  CHECK(statuses(next) == std::vector<ProcStatus>(6, ready)); // both moved on, nobody queued
  CHECK(next.procs[0].pc == 1);
  CHECK(next.procs[3].pc == 1);
}

TEST_CASE("properties are judged with the lone waiting processes queued, when one of them may hold there") {
  Model model = fork_servers(3, false);
  SearchSteps steps(model, true);
  PropertySet deadlock;
  deadlock.insert(PropertyKind::deadlock);
  std::vector<Event> events;
  State state = steps.initial_state(events);
  CHECK(&steps.judged(state, deadlock) == &state); // nobody waits alone
  // Each philosopher takes its first fork: phil[0] fork[0], phil[1] fork[1], last fork[2].
  for (SearchStep step : {SearchStep{{3, 0}, 0}, SearchStep{{4, 0}, 1}, SearchStep{{5, 0}, 2}})
    steps.apply(state, step, events);
  CHECK(statuses(state) == std::vector<ProcStatus>(6, ready));
  const State &judged = steps.judged(state, deadlock);
  CHECK(statuses(judged) == std::vector<ProcStatus>(6, blocked)); // the ring's deadlock
  CHECK(judged.channels[0].senders.size() == 1);   // last, for its second fork
  CHECK(judged.channels[0].receivers.size() == 1); // server[0], for phil[0]'s REL
  CHECK(&steps.judged(state, PropertySet{}) == &state); // nothing asked that could hold there
  CHECK(&SearchSteps(model, false).judged(state, deadlock) == &state);
}

TEST_CASE("a fused schedule comes back as Semantics transitions, up to the judged state for a deadlock") {
  Model model = fork_servers(3);
  SearchSteps steps(model, true);
  Semantics semantics(model);
  // phil[0] takes fork[0]: its send (position 3 of the six transitions), then server[0]'s receive (now first).
  CHECK(steps.real_choices({0}, PropertyKind::invalid) == std::vector<std::uint32_t>{3, 0});
  // For a deadlock the schedule goes on to queue server[0] (waits for REL), server[2] and last (fork[0] is
  // taken): the state the deadlock was judged on.
  std::vector<std::uint32_t> real = steps.real_choices({0}, PropertyKind::deadlock);
  REQUIRE(real.size() == 5);
  std::vector<Event> events;
  State state = semantics.initial_state(events);
  std::vector<Transition> enabled;
  for (std::uint32_t choice : real) {
    semantics.enabled(state, enabled);
    semantics.apply(state, enabled.at(choice), events);
  }
  CHECK(statuses(state) == std::vector<ProcStatus>{blocked, ready, blocked, ready, ready, blocked});
}

TEST_CASE("the fork servers: fused and reduced, fewer states than SPIN, and the ring's deadlock") {
  // SPIN stores 244 states at N=5 (bench/promela/fork_servers.pml); Semantics' own steps give 12,050 at N=4.
  // Fusion alone gave 26, 72 and 215; the server rule of the persistent sets and the cycle proviso on the
  // state a cycle returns to (checker/README.md) bring them down to these.
  for (auto [n, states] : {std::pair{3, 16}, {4, 38}, {5, 78}}) {
    CheckResult fused = check_all(fork_servers(n));
    INFO("N=" << n);
    CHECK(verdict_of(fused, PropertyKind::deadlock) == Verdict::holds);
    CHECK(fused.statistics.states == static_cast<std::uint64_t>(states));
  }
  CheckResult full = check_all(fork_servers(4), false, false);
  CHECK(verdict_of(full, PropertyKind::deadlock) == Verdict::holds);
  CHECK(full.statistics.states == 12050);
  CheckResult ring = check_all(fork_servers(4, false));
  CHECK(verdict_of(ring, PropertyKind::deadlock) == Verdict::violated);
  REQUIRE(ring.violations.size() == 1);
  // Each philosopher takes its first fork (2 transitions each), then all four wait: 8 + 4 + 4 queued.
  CHECK(ring.violations[0].schedule.size() == 16);
}

TEST_CASE("the search forgets who sent a buffered message, and the report still names the senders") {
  Model model = model_from_text(R"(scenario: senders
channels: [{mailbox: box, capacity: 2}]
processes:
  - name: a
    do: [{send: {to: box}}]
  - name: b
    do: [{send: {to: box}}]
  - name: c
    do: [{receive: {from: box}}, {receive: {from: box}}, {receive: {from: box}}]
)");
  CheckResult r = check_all(model, false, false);
  // a then b and b then a buffer two messages that c takes alike: one state, not two, and likewise once c
  // has taken the first. 14 states with the senders kept.
  CHECK(r.statistics.states == 12);
  REQUIRE(r.violations.size() == 1);
  std::vector<std::string> actions;
  for (const ScheduleStep &step : r.violations[0].steps)
    actions.push_back(step.action);
  CHECK(actions == std::vector<std::string>{"send on box: message 1 buffered; a ends",
                                            "send on box: message 2 buffered; b ends",
                                            "receive from box: takes message 1 from a",
                                            "receive from box: takes message 2 from b", "receive from box: blocks"});
}
