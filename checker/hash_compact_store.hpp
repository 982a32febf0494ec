// Hash compaction (Wolper and Leroy; Holzmann's "hash compact"): the visited set keeps a 64-bit hash of
// each packed state instead of its bytes. A state costs its 8-byte hash plus 4 to 11 bytes of table,
// however large it is. The price: a state whose hash equals an earlier state's is taken for it and never
// explored, nor is anything reached only through it. With n states and b-bit hashes the probability that
// this happened at all is at most about n^2 / 2^(b+1) (the birthday bound), which the check reports: a
// violation found is always real (its schedule is replayed), but "holds" carries that probability.
#pragma once

#include "checker/visited_set.hpp"

#include <vector>

namespace ipcsim {

class HashCompactStore final : public VisitedSet {
public:
  static constexpr int hash_bits = 64;

  HashCompactStore();

  std::pair<StateIndex, bool> insert(std::span<const std::uint8_t> bytes) override;
  std::optional<StateIndex> find(std::span<const std::uint8_t> bytes) const override;

  std::size_t size() const override { return hashes_.size(); }
  std::size_t memory_bytes() const override; // hashes and table

  // The probability that some state was omitted when `states` distinct hashes were stored: n^2 / 2^(b+1),
  // at most 1.
  static double omission_probability(std::uint64_t states);

private:
  std::size_t slot_of(std::uint64_t hash) const; // where it is or would go
  void grow();

  std::vector<std::uint64_t> hashes_; // by state index
  std::vector<StateIndex> slots_;     // index + 1 of the state hashed there; 0 is empty
};

} // namespace ipcsim
