// The visited set: every state found so far, as packed bytes in chunks that grow to 16 MiB, numbered densely in the
// order they were added, and found again through an open-addressing hash table. A slot holds 24 bits of
// the state's hash beside the position of its bytes, so that a lookup usually touches one slot and one
// record. A state costs its bytes plus 5 in its record, 8 for its position and 10 to 21 in the table;
// nothing is allocated per state.
#pragma once

#include "checker/visited_set.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace ipcsim {

class StateStore final : public VisitedSet, public StoredStates { // final: calls need no indirection
public:
  StateStore();

  std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes) override;
  std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const override;
  // The same, given the bytes' hash_bytes(): the parallel search hashes a state once, for its shard too.
  std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes, std::uint64_t hash);
  std::optional<StateIndex> find(std::span<const std::uint8_t> bytes, std::uint64_t hash) const;

  std::span<const std::uint8_t> bytes(StateIndex index) const override;
  std::size_t size() const override { return positions_.size(); }
  std::size_t index_bound() const override { return positions_.size(); }
  std::size_t memory_bytes() const override; // records, positions and table

private:
  // A record in a chunk: the state's index (4 bytes), its length (LEB128), its bytes.
  struct Record {
    StateIndex index;
    std::span<const std::uint8_t> bytes;
  };
  static constexpr std::size_t chunk_bits = 24;
  static constexpr std::uint64_t position_mask = (std::uint64_t{1} << 40) - 1;

  std::size_t slot_of(std::span<const std::uint8_t> bytes, std::uint64_t hash) const; // where it is or would go
  Record record(std::uint64_t position) const;
  std::uint64_t append(std::span<const std::uint8_t> bytes, StateIndex index);
  void grow();
  static std::size_t chunk_size(std::size_t k);

  std::vector<std::unique_ptr<std::uint8_t[]>> chunks_; // chunk k of chunk_size(k) bytes
  std::size_t earlier_ = 0;                             // bytes of the chunks before the last
  std::size_t used_ = 0;                                // bytes used in the last chunk
  std::vector<std::uint64_t> positions_;                // per state: chunk << chunk_bits | offset of its record
  std::vector<std::uint64_t> slots_;                    // hash tag << 40 | (position + 1); 0 is empty
};

std::uint64_t hash_bytes(std::span<const std::uint8_t> bytes);

} // namespace ipcsim
