// The visited set of the parallel depth-first search (--jobs): one StateStore that every thread inserts into
// under one lock (the bytes are hashed before it is taken), and for each state whether a thread's stack holds
// it: the one that stored it (or was given it), until it leaves the state on its way back down. The cycle
// proviso treats a step into a state still on some stack as a step that may close a cycle, and asks for that
// state to be expanded fully before it is left.
#pragma once

#include "checker/spin_lock.hpp"
#include "checker/state_store.hpp"

#include <atomic>
#include <vector>

namespace ipcsim {

class SharedVisitedSet final : public VisitedSet {
public:
  std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes) override;
  std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const override;
  std::size_t size() const override { return size_.load(std::memory_order_relaxed); }
  std::size_t memory_bytes() const override;

  std::span<const std::uint8_t> bytes(StateIndex index) const; // stable once stored
  // One fewer, unless a full expansion was asked for since the last call: then false, and the request is
  // taken (the caller expands the state fully before it tries again).
  bool leave(StateIndex index);
  // If a stack holds the state, it is to be expanded fully before it is left.
  void ask_full_expansion(StateIndex index);

  const StateStore &store() const { return store_; } // once the threads are done

private:
  mutable SpinLock lock_;
  StateStore store_;
  // By index: whether a stack holds it, and whether a full expansion was asked for.
  static constexpr std::uint8_t on_stack = 1, full_expansion = 2;
  std::vector<std::uint8_t> flags_;
  std::atomic<std::size_t> size_ = 0;
};

} // namespace ipcsim
