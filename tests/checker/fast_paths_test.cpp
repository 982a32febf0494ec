// The checker's fast paths against the plain definitions they stand in for, on every state reachable in the
// bundled scenarios: has_deadlock() against analyse_blocking(), State's copy against the state copied.
#include "check_support.hpp"

#include "models/deadlock.hpp"
#include "models/semantics.hpp"

#include <set>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// Every state reachable from the initial one, breadth-first, at most `limit` of them.
std::vector<State> reachable(const Model &model, std::size_t limit) {
  Semantics semantics(model);
  std::vector<Event> events;
  std::vector<State> states{semantics.initial_state(events)};
  std::set<std::vector<std::uint32_t>> seen{encode(states[0])};
  std::vector<Transition> enabled;
  for (std::size_t k = 0; k < states.size() && states.size() < limit; ++k) {
    semantics.enabled(states[k], enabled);
    for (Transition t : enabled) {
      State next = states[k];
      semantics.apply(next, t, events);
      if (seen.insert(encode(next)).second)
        states.push_back(std::move(next));
    }
  }
  return states;
}

} // namespace

TEST_CASE("has_deadlock agrees with analyse_blocking on every reachable state of every bundled scenario") {
  std::size_t deadlocks = 0;
  for (const auto &name : bundled_names()) {
    Model model = bundled(name);
    for (const State &state : reachable(model, 20000)) {
      bool deadlock = analyse_blocking(model, state).deadlock;
      deadlocks += deadlock;
      INFO(name);
      REQUIRE(has_deadlock(model, state) == deadlock);
    }
  }
  CHECK(deadlocks > 0); // both answers were met
}

TEST_CASE("a state copied over another state, of any shape, equals the original") {
  for (const auto &name : bundled_names()) {
    Model model = bundled(name);
    std::vector<State> states = reachable(model, 2000);
    State copy; // empty at first, then holding the state before in the list
    for (const State &state : states) {
      copy = state;
      INFO(name);
      REQUIRE(copy == state);
    }
    State other = states.back();
    other.channels.clear(); // a different shape: fewer channels than the original
    other = states.front();
    REQUIRE(other == states.front());
  }
}
