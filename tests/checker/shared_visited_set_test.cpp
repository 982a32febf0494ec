// The parallel depth-first search's visited set: one number per state whichever thread stores it first, the
// bytes read back by that number, and the requests of the cycle proviso for a state still on a stack.
#include "checker/shared_visited_set.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>
#include <vector>

using namespace ipcsim;

namespace {

std::vector<std::uint8_t> state_bytes(std::uint32_t n) {
  return {static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n >> 16)};
}

} // namespace

TEST_CASE("shared visited set: threads storing the same states at once number each once") {
  SharedVisitedSet visited;
  constexpr std::uint32_t states = 20'000;
  std::vector<std::vector<StateIndex>> seen(2, std::vector<StateIndex>(states));
  std::vector<int> added(2, 0);
  auto store = [&](int t) {
    for (std::uint32_t k = 0; k < states; ++k) { // the two threads go in opposite orders and meet halfway
      std::uint32_t n = t == 0 ? k : states - 1 - k;
      auto [index, fresh] = visited.insert(state_bytes(n));
      seen[t][n] = index;
      added[t] += fresh;
    }
  };
  std::thread other(store, 1);
  store(0);
  other.join();
  CHECK(visited.size() == states);
  CHECK(added[0] + added[1] == static_cast<int>(states));
  CHECK(seen[0] == seen[1]);
  std::vector<StateIndex> sorted = seen[0];
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(sorted.back() < visited.index_bound());
  CHECK(visited.index_bound() < states + states / 8); // nearly dense: the shards fill alike
  for (std::uint32_t n = 0; n < states; ++n) {
    auto bytes = visited.bytes(seen[0][n]);
    REQUIRE(std::vector<std::uint8_t>(bytes.begin(), bytes.end()) == state_bytes(n));
    REQUIRE(visited.find(state_bytes(n)) == seen[0][n]);
  }
  CHECK(visited.find(state_bytes(states)) == std::nullopt);
}

TEST_CASE("shared visited set: a full expansion asked for holds the state on its stack once") {
  SharedVisitedSet visited;
  StateIndex on_stack = visited.insert(state_bytes(1)).first;
  StateIndex left = visited.insert(state_bytes(2)).first;
  CHECK(visited.leave(left));
  visited.ask_full_expansion(left); // no stack holds it: nothing to do
  visited.ask_full_expansion(on_stack);
  visited.ask_full_expansion(on_stack); // twice before it is served: one full expansion
  CHECK_FALSE(visited.leave(on_stack));
  CHECK(visited.leave(on_stack));
}
