// The visited set of a search: which packed states (StateCodec) were found, each numbered densely in the
// order it was added. Two kinds: StateStore keeps every state's bytes (exact, and readable back, which
// the breadth-first search and the shortening of counterexamples need); HashCompactStore keeps a 64-bit
// hash of each (far less memory, but two states with one hash count as one, and nothing can be read back).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

namespace ipcsim {

using StateIndex = std::uint32_t;

class VisitedSet {
public:
  virtual ~VisitedSet() = default;

  // The index of `bytes`, and whether it was added just now.
  virtual std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes) = 0;
  virtual std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const = 0;

  virtual std::size_t size() const = 0;         // states added
  virtual std::size_t memory_bytes() const = 0; // bytes in use
};

// An exact visited set, whose states can be read back (the shortening of counterexamples reads them).
class StoredStates {
public:
  virtual ~StoredStates() = default;

  virtual std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const = 0;
  virtual std::span<const std::uint8_t> bytes(StateIndex index) const = 0;
  virtual std::size_t index_bound() const = 0; // above every index given out
};

} // namespace ipcsim
