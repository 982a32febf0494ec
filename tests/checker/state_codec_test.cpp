// The checker stores states as bytes: they must keep exactly the identity that models' encode() defines,
// and read back into a state that behaves the same.
#include "check_support.hpp"

#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"

#include <random>

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("packed states hold the words of encode() and unpack to states with the same encoding", "[codec]") {
  for (const char* name : {"buffering-bounded", "buffering-zero-capacity", "classic-empty-messages",
                           "naming-direct-symmetric", "size-fixed-and-variable", "sync-async-send-wait",
                           "sync-nonblocking-polling", "deadlock-receive-first"}) {
    INFO(name);
    Model model = bundled(name);
    StateCodec codec(model);
    Explorer explorer(model, {});
    explorer.run();
    const StateStore& store = explorer.store();
    REQUIRE(store.size() > 1);
    State state;
    std::vector<std::uint8_t> again;
    for (StateIndex i = 0; i < store.size(); ++i) {
      auto bytes = store.bytes(i);
      codec.unpack(bytes, state);
      CHECK(StateCodec::words(bytes) == encode(state));
      codec.pack(state, again);
      CHECK(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()));
      CHECK(store.find(bytes) == i);
    }
  }
}

TEST_CASE("pack() agrees with encode() on states reached by the semantics itself", "[codec]") {
  // Random walks: states with real message numbers, never unpacked.
  Model model = bundled("naming-receive-from-any");
  Semantics semantics(model);
  StateCodec codec(model);
  std::mt19937 random(7);
  std::vector<std::uint8_t> bytes;
  for (int walk = 0; walk < 20; ++walk) {
    std::vector<Event> events;
    State state = semantics.initial_state(events);
    std::vector<Transition> enabled;
    for (semantics.enabled(state, enabled); !enabled.empty(); semantics.enabled(state, enabled)) {
      codec.pack(state, bytes);
      REQUIRE(StateCodec::words(bytes) == encode(state));
      semantics.apply(state, enabled[random() % enabled.size()], events);
    }
  }
}

TEST_CASE("the state store finds what it holds and nothing else", "[codec]") {
  StateStore store;
  std::vector<std::vector<std::uint8_t>> states;
  for (std::uint32_t k = 0; k < 20000; ++k) // enough to grow the table several times
    states.push_back({static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(k >> 8), static_cast<std::uint8_t>(k % 7)});
  for (std::uint32_t k = 0; k < states.size(); ++k)
    REQUIRE(store.insert(states[k]) == std::pair<StateIndex, bool>{k, true});
  for (std::uint32_t k = 0; k < states.size(); ++k) {
    REQUIRE(store.insert(states[k]) == std::pair<StateIndex, bool>{k, false});
    auto bytes = store.bytes(k);
    REQUIRE(std::equal(bytes.begin(), bytes.end(), states[k].begin(), states[k].end()));
  }
  std::vector<std::uint8_t> absent{1, 2, 3, 4};
  CHECK_FALSE(store.find(absent));
  std::vector<std::uint8_t> empty;
  CHECK(store.insert(empty) == std::pair<StateIndex, bool>{20000, true});
  CHECK(store.find(empty) == 20000u);
}
