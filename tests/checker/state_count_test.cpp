// Exact state and transition counts for models small enough to count by hand, without partial-order
// reduction (and with it where it is easy to count too). A state is what models' encode() sees: every
// process's pc and status, and every channel's buffer and waiting queues.
#include "check_support.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

void check_counts(const Model &model, std::uint64_t states, std::uint64_t transitions, std::uint64_t depth) {
  for (bool bfs : {false, true}) {
    INFO((bfs ? "breadth-first" : "depth-first"));
    CheckResult r = check_all(model, bfs, false);
    CHECK(r.stop == StopReason::complete);
    CHECK(r.statistics.states == states);
    CHECK(r.statistics.transitions == transitions);
    CHECK(r.statistics.max_depth == depth);
    CHECK_FALSE(r.violated());
  }
}

} // namespace

TEST_CASE("two independent processes of two steps each: the product of their positions", "[state_count]") {
  // Each process is at step 0, 1 or past its end: 3 x 3 = 9 states. A state has one transition per process
  // not yet ended: 2 x (3 positions of the other) per process, 12 in all. The longest schedule has 4 steps.
  Model model = model_from_text(R"(
scenario: independent
processes:
  - name: a
    do: [{compute: 1us}, {compute: 1us}]
  - name: b
    do: [{compute: 1us}, {compute: 1us}]
)");
  check_counts(model, 9, 12, 4);
  // Reduced: a compute step touches no channel, so it alone is a persistent set; a runs to its end, then
  // b: 5 states on one line.
  CheckResult reduced = check_all(model);
  CHECK(reduced.statistics.states == 5);
  CHECK(reduced.statistics.transitions == 4);
}

TEST_CASE("a sender and a receiver of two messages over capacity 0", "[state_count]") {
  // Each round either the sender or the receiver arrives first and waits (2 states), then the other
  // completes the rendezvous and both move to the next round: round start, sender waiting, receiver
  // waiting, for 2 rounds, plus the end: 3 + 3 + 1 = 7 states. Transitions: 2 out of each round start,
  // 1 out of each waiting state: (2 + 1 + 1) x 2 = 8. The longest schedule: wait, meet, wait, meet = 4.
  Model model = model_from_text(R"(
scenario: pair-rendezvous
channels: [{mailbox: jobs, capacity: 0}]
processes:
  - name: sender
    do: [{send: {to: jobs}}, {send: {to: jobs}}]
  - name: receiver
    do: [{receive: {from: jobs}}, {receive: {from: jobs}}]
)");
  check_counts(model, 7, 8, 4);
}

TEST_CASE("a sender and a receiver of two messages over capacity 1", "[state_count]") {
  // (sender position, receiver position, buffered): the sender may run one message ahead, or block on the
  // full buffer, and the receiver may wait on the empty one:
  //   S0 (s0 r0 empty) -> A (s1 r0 [m]) or B (s0 r0 waiting)
  //   A -> C (s1 blocked on full, r0 [m]) or D (s1 r1 empty);   B -> D (handed over directly)
  //   C -> E (s ended, r1 [m]: the receive admits the blocked send);   D -> E or F (s1, r1 waiting)
  //   E -> G (both ended);   F -> G
  // 8 states, 2 + 2 + 1 + 1 + 2 + 1 + 1 = 10 transitions, longest schedule S0 A C E G = 4.
  Model model = model_from_text(R"(
scenario: pair-buffered
channels: [{mailbox: jobs, capacity: 1}]
processes:
  - name: sender
    do: [{send: {to: jobs}}, {send: {to: jobs}}]
  - name: receiver
    do: [{receive: {from: jobs}}, {receive: {from: jobs}}]
)");
  check_counts(model, 8, 10, 4);
}

TEST_CASE("a loop that runs forever has finitely many states", "[state_count]") {
  // `forever` compiles to a jump back: the process cycles through its 2 steps, 2 states, 2 transitions.
  Model model = model_from_text(R"(
scenario: ticker
processes:
  - name: ticker
    do:
      - forever: [{compute: 1us}, {sleep: 1us}]
)");
  check_counts(model, 2, 2, 1);
}

TEST_CASE("independent client/server pairs: reduced states grow by 28 a pair", "[state_count][reduction]") {
  // bench/client-server-pairs.yaml: the pairs share no channel, so each persistent set holds one pair's
  // steps and the pairs run one after another: 1 + 28 x NP states, where the full search stores every
  // combination of the pairs' 29 states, 29^NP. (NP starts at 2: a count of 1 drops the [i] suffix.)
  for (int np : {2, 5, 20}) {
    INFO("NP = " << np);
    Model model = bench("client-server-pairs", {.params = {{"NP", std::to_string(np)}}});
    CheckResult r = check_all(model);
    CHECK(r.stop == StopReason::complete);
    CHECK_FALSE(r.violated());
    CHECK(r.statistics.states == 1 + 28 * static_cast<std::uint64_t>(np));
  }
  Model two = bench("client-server-pairs", {.params = {{"NP", "2"}}});
  CHECK(check_all(two, false, false).statistics.states == 29 * 29);
}
