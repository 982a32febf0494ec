// The checker stores states as bytes: they must keep exactly the identity that models' encode() defines,
// and read back into a state that behaves the same.
#include "check_support.hpp"

#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"

#include <map>
#include <random>
#include <set>

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("every stored state unpacks to a state that packs to the same bytes", "[codec]") {
  for (const char *name :
       {"buffering-bounded", "buffering-zero-capacity", "classic-empty-messages", "naming-direct-symmetric",
        "size-fixed-and-variable", "sync-async-send-wait", "sync-nonblocking-polling", "deadlock-receive-first"}) {
    INFO(name);
    Model model = bundled(name);
    CheckOptions options;
    options.reduction = false; // every state: fused rendezvous would leave deadlock-receive-first only one
    Explorer explorer(model, options);
    explorer.run();
    const StateStore &store = explorer.store();
    StateCodec &codec = explorer.codec();
    REQUIRE(store.size() > 1);
    State state;
    std::vector<std::uint8_t> again;
    std::set<std::vector<std::uint32_t>> encodings;
    for (StateIndex i = 0; i < store.size(); ++i) {
      auto bytes = store.bytes(i);
      codec.unpack(bytes, state);
      codec.pack(state, again);
      CHECK(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()));
      CHECK(store.find(bytes) == i);
      encodings.insert(encode(state)); // distinct stored states are distinct states of models/
    }
    CHECK(encodings.size() == store.size());
  }
}

namespace {

// Twenty random walks of the semantics from the initial state to an end: `step` sees each state with the
// successor the walk goes on to.
template <class Step>
void random_walks(const Model &model, unsigned seed, Step step) {
  Semantics semantics(model);
  std::mt19937 random(seed);
  for (int walk = 0; walk < 20; ++walk) {
    std::vector<Event> events;
    State state = semantics.initial_state(events);
    std::vector<Transition> enabled;
    for (semantics.enabled(state, enabled); !enabled.empty(); semantics.enabled(state, enabled)) {
      State next = state;
      semantics.apply(next, enabled[random() % enabled.size()], events);
      step(state, next);
      state = std::move(next);
    }
  }
}

} // namespace

TEST_CASE("states reached by the semantics pack and unpack without losing their identity", "[codec]") {
  // Random walks: states with real message numbers, never unpacked before. Packing the unpacked state
  // (messages renumbered) gives the same bytes: message numbers are not part of the identity.
  Model model = bundled("naming-receive-from-any");
  StateCodec codec(model);
  std::vector<std::uint8_t> bytes, again, from_base;
  std::vector<StateIndex> components;
  State unpacked;
  random_walks(model, 7, [&](const State &state, const State &next) {
    codec.pack(state, bytes);
    codec.unpack(bytes, unpacked);
    REQUIRE(encode(unpacked) == encode(state));
    codec.pack(unpacked, again);
    REQUIRE(again == bytes);
    // Packing a successor against its predecessor gives the same bytes as packing it alone.
    codec.components(bytes, components);
    codec.pack(next, from_base, state, components);
    codec.pack(next, again);
    REQUIRE(from_base == again);
  });
}

TEST_CASE("whole packing keeps a state's identity", "[codec]") {
  // The parallel search's bytes: random walks over scenarios with counters, async handles, multicast and
  // semaphores. Two states pack alike exactly when they encode alike, and unpacking gives the state back.
  for (const char *name : {"naming-receive-from-any", "sync-async-send-wait", "multicast-slow-listener", "shm-mutex"}) {
    INFO(name);
    Model model = bundled(name);
    std::vector<std::uint8_t> bytes, again;
    std::map<std::vector<std::uint32_t>, std::vector<std::uint8_t>> packed; // by encode()
    std::set<std::vector<std::uint8_t>> distinct;
    State unpacked;
    random_walks(model, 11, [&](const State &state, const State &) {
      pack_whole(model, state, bytes);
      packed.emplace(encode(state), bytes);
      CHECK(packed.at(encode(state)) == bytes);
      distinct.insert(bytes);
      unpack_whole(model, bytes, unpacked);
      REQUIRE(encode(unpacked) == encode(state));
      pack_whole(model, unpacked, again);
      REQUIRE(again == bytes);
    });
    CHECK(distinct.size() == packed.size());
    CHECK(packed.size() > 5);
  }
}

TEST_CASE("components that agree in their first bytes pack apart, and again alike", "[codec]") {
  // The codec remembers the last few components of each place and compares their first 8 bytes and their
  // length before the rest. Channel buffers that differ only in their last message's tag (past the first 8
  // bytes) or only in length, more of them than it remembers, packed twice in turn: each must unpack to
  // itself and pack to the same bytes the second time.
  Model model = bundled("buffering-bounded");
  Semantics semantics(model);
  std::vector<Event> events;
  State initial = semantics.initial_state(events);
  std::vector<State> states;
  for (TagId last = 0; last < 6; ++last)
    for (std::size_t messages : {3, 4}) {
      State s = initial;
      s.channels[0].buffer.assign(messages, Message{.sender = 0, .tag = 1, .size = 4});
      s.channels[0].buffer.back().tag = last;
      states.push_back(s);
    }
  StateCodec codec(model);
  std::vector<std::vector<std::uint8_t>> packed(states.size());
  std::vector<std::uint8_t> bytes;
  State unpacked;
  for (int round = 0; round < 2; ++round)
    for (std::size_t k = 0; k < states.size(); ++k) {
      INFO("round " << round << ", state " << k);
      codec.pack(states[k], bytes);
      codec.unpack(bytes, unpacked);
      REQUIRE(encode(unpacked) == encode(states[k]));
      if (round == 0)
        packed[k] = bytes;
      REQUIRE(bytes == packed[k]);
    }
  CHECK(std::set<std::vector<std::uint8_t>>(packed.begin(), packed.end()).size() == states.size());
}

TEST_CASE("the state store finds what it holds and nothing else", "[codec]") {
  StateStore store;
  std::vector<std::vector<std::uint8_t>> states;
  for (std::uint32_t k = 0; k < 20000; ++k) // enough to grow the table several times
    states.push_back(
        {static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(k >> 8), static_cast<std::uint8_t>(k % 7)});
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
