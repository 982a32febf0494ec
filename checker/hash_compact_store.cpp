#include "checker/hash_compact_store.hpp"

#include "checker/state_store.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ipcsim {

HashCompactStore::HashCompactStore() : slots_(16, 0) {}

// Linear probing from the hash's low bits; the slot names the state, whose full hash is compared.
std::size_t HashCompactStore::slot_of(std::uint64_t hash) const {
  std::size_t mask = slots_.size() - 1;
  for (std::size_t s = hash & mask;; s = (s + 1) & mask)
    if (slots_[s] == 0 || hashes_[slots_[s] - 1] == hash)
      return s;
}

std::optional<StateIndex> HashCompactStore::find(std::span<const std::uint8_t> bytes) const {
  StateIndex entry = slots_[slot_of(hash_bytes(bytes))];
  if (entry == 0)
    return std::nullopt;
  return entry - 1;
}

std::pair<StateIndex, bool> HashCompactStore::insert(std::span<const std::uint8_t> bytes) {
  std::uint64_t hash = hash_bytes(bytes);
  std::size_t s = slot_of(hash);
  if (slots_[s] != 0)
    return {slots_[s] - 1, false};
  if (hashes_.size() >= 0xfffffffeu)
    throw std::length_error("more than 2^32 - 2 states");
  auto index = static_cast<StateIndex>(hashes_.size());
  hashes_.push_back(hash);
  slots_[s] = index + 1;
  if (hashes_.size() * 4 > slots_.size() * 3) // keep the load factor under 3/4: short probe sequences
    grow();
  return {index, true};
}

// Doubles the table; the hashes are kept, so nothing is computed again.
void HashCompactStore::grow() {
  std::vector<StateIndex> old(slots_.size() * 2, 0);
  old.swap(slots_);
  std::size_t mask = slots_.size() - 1;
  for (StateIndex index = 0; index < hashes_.size(); ++index) {
    std::size_t s = hashes_[index] & mask;
    while (slots_[s] != 0)
      s = (s + 1) & mask;
    slots_[s] = index + 1;
  }
}

std::size_t HashCompactStore::memory_bytes() const {
  return hashes_.capacity() * sizeof(std::uint64_t) + slots_.capacity() * sizeof(StateIndex);
}

double HashCompactStore::omission_probability(std::uint64_t states) {
  double n = static_cast<double>(states);
  return std::min(1.0, n * n / std::ldexp(1.0, hash_bits + 1));
}

} // namespace ipcsim
