// Symmetry reduction: which replicas are found interchangeable, that a reduced search reaches exactly the
// verdicts of the unreduced one, and that it stores exactly one state per orbit (counted here by brute force
// over every state of the full search and every permutation of the groups).
#include "check_support.hpp"
#include "random_scenarios.hpp"

#include "checker/canonical_state.hpp"
#include "checker/symmetry.hpp"

#include <algorithm>
#include <numeric>
#include <set>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

LoadOptions params(std::vector<std::pair<std::string, std::string>> values) { return {.params = std::move(values)}; }

std::string groups_of(const Model &model) { return describe(detect_symmetry(model)); }

// Every permutation the groups generate: for each group every order of its blocks (full) or every rotation.
std::vector<ModelPermutation> group_elements(const Model &model, const std::vector<SymmetryGroup> &groups) {
  ModelPermutation identity{std::vector<ProcId>(model.processes.size()), std::vector<ChannelId>(model.channels.size()),
                            std::vector<SemaphoreId>(model.semaphores.size())};
  std::iota(identity.procs.begin(), identity.procs.end(), 0u);
  std::iota(identity.channels.begin(), identity.channels.end(), 0u);
  std::iota(identity.semaphores.begin(), identity.semaphores.end(), 0u);
  std::vector<ModelPermutation> elements{identity};
  for (const auto &g : groups) {
    auto n = static_cast<std::uint32_t>(g.blocks());
    std::vector<std::vector<std::uint32_t>> orders;
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    if (g.kind == SymmetryKind::full) {
      do
        orders.push_back(order);
      while (std::next_permutation(order.begin(), order.end()));
    } else {
      for (std::uint32_t r = 0; r < n; ++r, std::rotate(order.begin(), order.begin() + 1, order.end()))
        orders.push_back(order);
    }
    std::vector<ModelPermutation> product;
    for (const auto &pi : elements)
      for (const auto &o : orders) {
        product.push_back(pi);
        permute_blocks(g, o, product.back());
      }
    elements = std::move(product);
  }
  return elements;
}

struct OrbitCount {
  std::size_t states = 0; // of the full search
  std::size_t orbits = 0;
};

// Brute force over the full search's states: each state's orbit is named by its smallest encoding under
// every element of the group. Along the way, the representative that the canonicalizer picks must be in
// the state's orbit and must be the same for every state of the orbit.
OrbitCount count_orbits(const Model &model) {
  CheckOptions options;
  options.reduction = false;
  options.symmetry = false;
  Explorer full(model, options);
  full.run();
  std::vector<SymmetryGroup> groups = detect_symmetry(model);
  std::vector<ModelPermutation> elements = group_elements(model, groups);
  Canonicalizer canonicalizer(model, groups);
  std::set<std::vector<std::uint32_t>> orbits;
  State state, renamed;
  for (StateIndex i = 0; i < full.store().size(); ++i) {
    full.codec().unpack(full.store().bytes(i), state);
    std::vector<std::uint32_t> representative = encode(canonicalizer.canonical(state));
    std::set<std::vector<std::uint32_t>> orbit;
    for (const auto &pi : elements) {
      canonicalizer.rename(state, pi, renamed);
      orbit.insert(encode(renamed));
    }
    REQUIRE(orbit.count(representative) == 1);
    for (const auto &pi : elements) {
      canonicalizer.rename(state, pi, renamed);
      State copy = renamed;
      REQUIRE(encode(canonicalizer.canonical(copy)) == representative);
    }
    orbits.insert(*orbit.begin());
  }
  return {full.store().size(), orbits.size()};
}

// Two editors, each with its reader: a private mailbox with a receivers list and a lock per pair, async
// operations, and a multicast mailbox that both readers take every message of (recipient bits).
const char *mix_yaml = R"(
scenario: symmetric-mix
channels:
  - {mailbox: news, capacity: 1, delivery: all, receivers: ["reader[0]", "reader[1]"]}
  - {mailbox: inbox, count: 2, capacity: 1, receivers: ["reader[${i}]"]}
semaphores:
  - {name: lock, count: 2, initial: 1}
processes:
  - name: anchor
    do:
      - send: {to: news, tag: A}
      - send: {to: news}
  - name: editor
    count: 2
    do:
      - send: {to: "inbox[${i}]", async: h}
      - acquire: "lock[${i}]"
      - wait: h
      - release: "lock[${i}]"
  - name: reader
    count: 2
    do:
      - receive: {from: news}
      - acquire: "lock[${i}]"
      - receive: {from: "inbox[${i}]", async: r}
      - release: "lock[${i}]"
      - wait: r
      - receive: {from: news}
)";

// Workers in a ring, each starting with a token in its own slot and passing tokens on to the next one's: a
// rotation, not every permutation.
const char *ring_yaml = R"(
scenario: token-ring
channels:
  - {mailbox: slot, count: 4, capacity: 1}
processes:
  - name: worker
    count: 4
    do:
      - send: {to: "slot[${i}]"}
      - repeat: 2
        do:
          - receive: {from: "slot[${i}]"}
          - send: {to: "slot[${(i + 1) % n}]"}
)";

// Workers, each counting its rounds in its own variable and sending the count as the message's value, a
// collector that keeps the last value and the sum it has seen, and takes from one worker's round only what
// is above a threshold of its own: replicas whose local states differ by their variables, in every
// combination.
const char *counters_yaml = R"(
scenario: counters
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - name: worker
    count: 3
    variables: {c: {initial: 0, range: [0, 3]}, last: 0}
    do:
      - while: "c < 2"
        do:
          - send: {to: jobs, value: "c + 1"}
          - set: {c: "c + 1"}
      - choose:
          - [{set: {last: c}}, {send: {to: jobs, value: last}}]
          - [{compute: 1us}]
  - name: collector
    variables: {got: 0, sum: {initial: 0, range: [0, 20]}}
    do:
      - repeat: 6
        do:
          - receive: {from: jobs, into: got, when: "value >= got % 2"}
          - set: {sum: "sum + got"}
      - assert: "sum <= 12"
)";

// A ring of workers that each count the tokens they have passed in a variable and pass their count on as
// the token's value, the next one storing it: a rotation, with values that travel between replicas.
const char *counting_ring_yaml = R"(
scenario: counting-ring
channels:
  - {mailbox: slot, count: 3, capacity: 1}
processes:
  - name: worker
    count: 3
    variables: {passed: {initial: 0, range: [0, 2]}, seen: 0}
    do:
      - send: {to: "slot[${i}]", value: passed}
      - while: "passed < 2"
        do:
          - receive: {from: "slot[${i}]", into: seen}
          - set: {passed: "passed + 1"}
          - if: "seen > passed"
            then: [{set: {seen: 0}}]
          - send: {to: "slot[${(i + 1) % n}]", value: "seen + passed"}
)";

// Replicas with a timed receive and a global that they all bump: symmetry applies with globals and
// timeouts (partial-order reduction does not), the per-replica variables moving with their replica.
const char *timed_counters_yaml = R"(
scenario: timed-counters
variables: {total: {initial: 0, range: [0, 4]}}
channels:
  - {mailbox: tickets, capacity: 1}
processes:
  - name: issuer
    do:
      - send: {to: tickets, value: 1}
      - send: {to: tickets, value: 2}
  - name: taker
    count: 3
    variables: {mine: 0, tries: {initial: 0, range: [0, 2]}}
    do:
      - while: "tries < 2 && mine == 0"
        do:
          - receive: {from: tickets, into: mine, timeout: 1ms, else: [{set: {tries: "tries + 1"}}]}
      - set: {total: "total + mine"}
)";

} // namespace

TEST_CASE("symmetry: which replicas are interchangeable in the bundled and benchmark scenarios", "[symmetry]") {
  CHECK(groups_of(bench("producer-consumer")) == "producer x2, consumer x2");
  CHECK(groups_of(bench("producer-consumer", params({{"P", "3"}, {"C", "3"}}))) == "producer x3, consumer x3");
  // A pair moves as one: the links between client[i] and server[i] move with it.
  CHECK(groups_of(bench("client-server-pairs")) == "client+server x5");
  std::vector<SymmetryGroup> pairs = detect_symmetry(bench("client-server-pairs"));
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].kind == SymmetryKind::full);
  CHECK(pairs[0].channels.size() == 2); // client[i]->server[i] and server[i]->client[i]
  // phil[i] takes fork[i] and fork[(i+1)%n], and table[i] puts the token in fork[i]: only the rotations that
  // move tables, philosophers and forks together map the model onto itself (durations do not count).
  std::vector<SymmetryGroup> ring = detect_symmetry(bundled("classic-dining-philosophers"));
  REQUIRE(ring.size() == 1);
  CHECK(ring[0].kind == SymmetryKind::rotation);
  CHECK(describe(ring) == "table+phil x5 rotation");
  CHECK(ring[0].channels.size() == 1); // the forks
  // The reversed philosopher breaks the ring.
  CHECK(groups_of(bundled("classic-dining-philosophers-ordered")) == "");
  CHECK(groups_of(bundled("naming-receive-from-any")) == "sensor x3");
  CHECK(groups_of(bundled("naming-mailbox-many-to-many")) == "producer x2, consumer x3");
  CHECK(groups_of(bundled("lifecycle-exclusive-receive")) == "worker x2");
  CHECK(groups_of(bundled("deadlock-receive-first")) == "");
}

TEST_CASE("symmetry: detection on inline scenarios", "[symmetry]") {
  SECTION("pairs with their own mailbox, lock and multicast recipient") {
    std::vector<SymmetryGroup> groups = detect_symmetry(model_from_text(mix_yaml));
    REQUIRE(groups.size() == 1);
    CHECK(describe(groups) == "editor+reader x2");
    CHECK(groups[0].channels.size() == 1);   // inbox[i]
    CHECK(groups[0].semaphores.size() == 1); // lock[i]
  }
  SECTION("a token ring is a rotation") {
    CHECK(groups_of(model_from_text(ring_yaml)) == "worker x4 rotation");
  }
  SECTION("replicas that differ in what they do are not interchangeable") {
    CHECK(groups_of(model_from_text(R"(
scenario: sizes
channels: [{mailbox: jobs, capacity: 2}]
processes:
  - name: sender
    count: 3
    do: [{send: {to: jobs, size: "${8 * i}B"}}]
  - name: sink
    do: [{receive: {from: jobs}}, {receive: {from: jobs}}, {receive: {from: jobs}}]
)")) == "");
  }
  SECTION("replicas that a fixed process tells apart are not interchangeable") {
    CHECK(groups_of(model_from_text(R"(
scenario: first-served
processes:
  - name: client
    count: 2
    do: [{send: {to: server}}]
  - name: server
    do: [{receive: {from: "client[0]"}}, {receive: {from: "client[1]"}}]
)")) == "");
  }
  SECTION("a receivers list that names one replica breaks the symmetry") {
    CHECK(groups_of(model_from_text(R"(
scenario: privileged
channels: [{mailbox: jobs, capacity: 1, receivers: ["worker[0]"]}]
processes:
  - name: boss
    do: [{send: {to: jobs}}]
  - name: worker
    count: 2
    do: [{receive: {from: jobs, blocking: false}}]
)")) == "");
  }
}

TEST_CASE("symmetry: a permutation that does not map the model onto itself is refused", "[symmetry]") {
  Model model = bundled("classic-dining-philosophers");
  std::vector<SymmetryGroup> groups = detect_symmetry(model);
  REQUIRE(groups.size() == 1);
  std::vector<ModelPermutation> rotations = group_elements(model, groups);
  REQUIRE(rotations.size() == 5);
  for (const auto &pi : rotations)
    CHECK(is_automorphism(model, pi));
  ModelPermutation swap = rotations[0]; // the identity, then philosophers 0 and 1 swapped without their forks
  std::swap(swap.procs[groups[0].procs[1][0]], swap.procs[groups[0].procs[1][1]]);
  CHECK_FALSE(is_automorphism(model, swap));
}

TEST_CASE("symmetry: one state per orbit, counted by brute force", "[symmetry]") {
  SECTION("producers and consumers, P = C = 2") {
    Model model = bench("producer-consumer");
    OrbitCount count = count_orbits(model);
    CHECK(count.states == 97);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
  SECTION("producers and consumers, P = C = 3, K = 2, M = 2") {
    Model model = bench("producer-consumer", params({{"P", "3"}, {"C", "3"}}));
    OrbitCount count = count_orbits(model);
    CHECK(count.states == 1506);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
  SECTION("the dining philosophers, N = 4, one meal") {
    Model model = bundled("classic-dining-philosophers", params({{"N", "4"}, {"MEALS", "1"}}));
    OrbitCount count = count_orbits(model);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
  SECTION("client/server pairs, NP = 3") {
    Model model = bench("client-server-pairs", params({{"NP", "3"}}));
    OrbitCount count = count_orbits(model);
    CHECK(count.states == 29 * 29 * 29);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
  SECTION("pairs with a multicast mailbox, private mailboxes, locks and async operations") {
    Model model = model_from_text(mix_yaml);
    OrbitCount count = count_orbits(model);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
  SECTION("a token ring") {
    Model model = model_from_text(ring_yaml);
    OrbitCount count = count_orbits(model);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
  }
}

// The same brute force on replicas with variables of their own that change as they run: what symmetry
// stores must still be one state per orbit, the permutations moving each replica's variables with it.
TEST_CASE("symmetry: one state per orbit when replicas have variables of their own (brute force)", "[symmetry]") {
  auto one_per_orbit = [](const Model &model) {
    REQUIRE_FALSE(detect_symmetry(model).empty());
    OrbitCount count = count_orbits(model);
    CHECK(count.orbits < count.states);
    CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
    return count;
  };
  SECTION("workers counting their rounds, a collector summing the values") {
    CHECK(groups_of(model_from_text(counters_yaml)) == "worker x3");
    one_per_orbit(model_from_text(counters_yaml));
  }
  SECTION("a ring of workers counting the tokens they pass") {
    CHECK(groups_of(model_from_text(counting_ring_yaml)) == "worker x3 rotation");
    one_per_orbit(model_from_text(counting_ring_yaml));
  }
  SECTION("takers with a timed receive and a global total") {
    CHECK(groups_of(model_from_text(timed_counters_yaml)) == "taker x3");
    one_per_orbit(model_from_text(timed_counters_yaml));
  }
  SECTION("random scenarios with replicas and variables") {
    // The first draws whose replicas are interchangeable and whose full search is small enough to count;
    // globals and invariants on a third, timeouts on a quarter, processes that loop on another quarter.
    int counted = 0;
    for (std::uint32_t seed = 1; seed <= 200 && counted < 40; ++seed) {
      DataFlags flags{.replicas = true, .globals = seed % 3 == 1, .timeouts = seed % 4 == 2, .cyclic = seed % 4 == 3};
      std::string yaml = DataScenarioDraw(seed, flags).yaml();
      INFO("seed " << seed << ":\n" << yaml);
      Model model = model_from_text(yaml);
      if (detect_symmetry(model).empty())
        continue;
      CheckOptions options;
      options.reduction = false;
      options.symmetry = false;
      options.max_states = 5'000;
      if (check(model, options).stop != StopReason::complete)
        continue;
      ++counted;
      OrbitCount count = count_orbits(model);
      CHECK(check_all(model, false, false, true).statistics.states == count.orbits);
    }
    CHECK(counted == 40);
  }
}

TEST_CASE("symmetry: the same verdicts as without it on every bundled scenario", "[symmetry][bundled]") {
  for (const std::string &name : bundled_names()) {
    SECTION(name) {
      // The philosophers with one meal: two take a while with every combination of options.
      Model model = bundled(name, name.rfind("classic-dining", 0) == 0 ? params({{"MEALS", "1"}}) : LoadOptions{});
      if (detect_symmetry(model).empty())
        continue; // the same search either way
      CheckResult plain = check_all(model, false, true, false);
      for (bool reduction : {false, true}) {
        INFO((reduction ? "with" : "without") << " partial-order reduction");
        CheckResult symmetric = check_all(model, false, reduction, true);
        check_same_verdicts(plain, symmetric);
        for (const auto &cx : symmetric.violations)
          CHECK_FALSE(cx.trace.empty()); // replayed through the model: a real schedule
      }
      CheckResult bfs = check_all(model, true, false, true);
      check_same_verdicts(plain, bfs);
    }
  }
}

TEST_CASE("symmetry: the same verdicts as without it on 300 random scenarios with replicas", "[symmetry]") {
  int compared = 0, reduced = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = ScenarioDraw(seed, true, seed % 3 == 0).yaml(); // a third: rendezvous only (fused)
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckOptions options;
    options.reduction = false;
    options.symmetry = false;
    options.max_states = 20'000; // the few larger draws would take most of the time
    CheckResult full = check(model, options);
    if (full.stop == StopReason::max_states)
      continue;
    ++compared;
    CheckResult symmetric = check_all(model, false, false, true);
    if (full.stop == StopReason::complete)
      CHECK(symmetric.statistics.states <= full.statistics.states);
    reduced += symmetric.statistics.states < full.statistics.states;
    check_same_verdicts(full, symmetric);
    check_same_verdicts(full, check_all(model, false, true, true));
    check_same_verdicts(full, check_all(model, true, false, true));
  }
  CHECK(compared > 240);
  CHECK(reduced > 200); // most draws have interchangeable replicas
}

TEST_CASE("symmetry: exact state counts of the producers and consumers and of the philosophers",
          "[symmetry][state_count]") {
  auto states = [](const Model &model, bool reduction, bool symmetry) {
    CheckResult r = check_all(model, false, reduction, symmetry);
    CHECK(r.stop == StopReason::complete);
    return r.statistics.states;
  };
  // Every producer and consumer works on the one mailbox, so partial-order reduction finds nothing to
  // prune: the counts are the same with and without it. A state in which some replicas are in the same
  // local state and appear nowhere (they have nothing waiting; who sent a buffered message is forgotten) is
  // fixed by swapping them, so its orbit has fewer than P! x C! states: the gain is below P! x C! = 4 and
  // 36 (2.7 and 16).
  SECTION("P = C = 2, K = 2, M = 2") {
    Model model = bench("producer-consumer");
    for (bool reduction : {false, true}) {
      CHECK(states(model, reduction, false) == 97);
      CHECK(states(model, reduction, true) == 36);
    }
  }
  SECTION("P = C = 3, K = 3, M = 3") {
    Model model = bench("producer-consumer", params({{"P", "3"}, {"C", "3"}, {"K", "3"}, {"M", "3"}}));
    CHECK(states(model, true, false) == 8218);
    CHECK(states(model, true, true) == 506);
  }
  // A rotation of 5 moves every state but those in which all five philosophers, tables and forks are
  // alike: 12 of them, whose orbits are single states. Without reduction 426532 = 5 x 85316 - 4 x 12.
  SECTION("the dining philosophers, N = 5") {
    Model model = bundled("classic-dining-philosophers");
    CHECK(states(model, false, false) == 426532);
    CHECK(states(model, false, true) == 85316);
    CHECK(states(model, true, false) == 64187);
    CHECK(states(model, true, true) == 13022);
  }
}

TEST_CASE("symmetry: counterexamples are schedules of the model, as short as without it", "[symmetry]") {
  Model model = bundled("classic-dining-philosophers", params({{"MEALS", "1"}}));
  for (bool bfs : {false, true}) {
    INFO((bfs ? "breadth-first" : "depth-first"));
    CheckResult r = check_all(model, bfs, !bfs, true);
    REQUIRE(r.violations.size() == 1);
    // 5 tokens put on the table, then each philosopher sleeps, takes its left fork and blocks on its right.
    CHECK(r.violations[0].steps.size() == 20);
    CHECK(r.violations[0].trace.back().event == "deadlock");
  }
}

TEST_CASE("symmetry: --no-symmetry and the search line", "[symmetry][cli]") {
  CommandOutput with = run_ipcsim("check bench/producer-consumer.yaml");
  CHECK(with.status == 0);
  CHECK(with.out.find("search: depth-first with partial-order reduction and symmetry reduction (2 interchangeable "
                      "groups: producer x2, consumer x2), complete\n") != std::string::npos);
  CommandOutput without = run_ipcsim("check bench/producer-consumer.yaml --no-symmetry");
  CHECK(without.status == 0);
  CHECK(without.out.find("search: depth-first with partial-order reduction, complete\n") != std::string::npos);
}

// DataScenarioDraw's replicas have variables of their own that their steps read and write, sends carry
// values and receives select by them; a few expressions read `i`, and a run-time name chooses among the
// replicas of p2 (both make the replicas distinguishable: symmetry then finds no group). Globals and
// invariants on a third of the draws, timeouts on a fifth, processes that loop forever on another fifth,
// rendezvous only on a third.
TEST_CASE("symmetry: the same verdicts as without it on 300 random scenarios with replicas and variables",
          "[symmetry]") {
  int compared = 0, symmetric_draws = 0, reduced = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    DataFlags flags{.replicas = true,
                    .rendezvous = seed % 3 == 0,
                    .names = seed % 4 == 0,
                    .globals = seed % 3 == 1,
                    .timeouts = seed % 5 == 2,
                    .cyclic = seed % 5 == 4};
    std::string yaml = DataScenarioDraw(seed, flags).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckOptions options;
    options.reduction = false;
    options.symmetry = false;
    options.max_states = 20'000;
    CheckResult full = check(model, options);
    if (full.stop == StopReason::max_states)
      continue;
    ++compared;
    CheckResult symmetric = check_all(model, false, false, true);
    if (full.stop == StopReason::complete)
      CHECK(symmetric.statistics.states <= full.statistics.states);
    symmetric_draws += symmetric.search.find("symmetry reduction") != std::string::npos;
    reduced += symmetric.statistics.states < full.statistics.states;
    check_same_verdicts(full, symmetric);
    check_same_verdicts(full, check_all(model, false, true, true));
    check_same_verdicts(full, check_all(model, true, false, true));
  }
  CHECK(compared >= 260);       // 272 at the time of writing
  CHECK(symmetric_draws > 150); // 194
  CHECK(reduced > 120);         // 184
}
