// The visited set of the parallel depth-first search (--jobs): StateStores in 64 shards, each behind its own
// lock, that every thread inserts into (the bytes are hashed before a lock is taken, and the hash chooses
// the shard); and for each state whether a thread's stack holds it: the one that stored it (or was given
// it), until it leaves the state on its way back down. The cycle proviso treats a step into a state still on
// some stack as a step that may close a cycle, and asks for that state to be expanded fully before it is
// left. A state's index is its number in its shard times 64 plus the shard: nearly dense, as the shards
// fill alike.
#pragma once

#include "checker/spin_lock.hpp"
#include "checker/state_store.hpp"

#include <atomic>
#include <memory>
#include <vector>

namespace ipcsim {

class SharedVisitedSet final : public VisitedSet, public StoredStates {
public:
  SharedVisitedSet();

  std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes) override;
  std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const override;
  std::size_t size() const override; // adds up the shards': no counter that both threads write at every insertion
  std::size_t memory_bytes() const override;
  std::span<const std::uint8_t> bytes(StateIndex index) const override; // stable once stored
  std::size_t index_bound() const override;

  // One fewer, unless a full expansion was asked for since the last call: then false, and the request is
  // taken (the caller expands the state fully before it tries again).
  bool leave(StateIndex index);
  // If a stack holds the state, it is to be expanded fully before it is left.
  void ask_full_expansion(StateIndex index);

private:
  static constexpr unsigned shard_bits = 6;
  static constexpr std::uint8_t on_stack = 1, full_expansion = 2;
  struct Shard {
    mutable SpinLock lock;
    StateStore store;
    std::vector<std::uint8_t> flags; // by number in the shard: on_stack, full_expansion
    std::atomic<std::size_t> size = 0; // store.size(), readable without the lock
  };

  Shard &shard_of(StateIndex index) const { return shards_[index & ((1u << shard_bits) - 1)]; }

  std::unique_ptr<Shard[]> shards_;
};

} // namespace ipcsim
