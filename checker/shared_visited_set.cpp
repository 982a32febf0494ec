#include "checker/shared_visited_set.hpp"

#include <mutex>
#include <stdexcept>

namespace ipcsim {

SharedVisitedSet::SharedVisitedSet() : shards_(std::make_unique<Shard[]>(1u << shard_bits)) {}

// The shard comes from bits of the hash that StateStore uses for neither the slot (the low bits) nor the tag
// (the top 24), so that a shard's states still spread over its table.
static unsigned shard_number(std::uint64_t hash, unsigned bits) {
  return static_cast<unsigned>(hash >> 32) & ((1u << bits) - 1);
}

std::pair<StateIndex, bool> SharedVisitedSet::insert(std::span<const std::uint8_t> bytes) {
  std::uint64_t hash = hash_bytes(bytes);
  unsigned s = shard_number(hash, shard_bits);
  Shard &shard = shards_[s];
  std::lock_guard lock(shard.lock);
  auto [number, added] = shard.store.insert(bytes, hash);
  if (number >= (1u << (32 - shard_bits)) - 1)
    throw std::length_error("more than 2^26 states in a shard of the parallel search");
  if (added) {
    shard.flags.push_back(on_stack); // the inserting thread pushes it, or gives it to one that does
    shard.size.store(shard.store.size(), std::memory_order_relaxed);
  }
  return {number << shard_bits | s, added};
}

std::optional<StateIndex> SharedVisitedSet::find(std::span<const std::uint8_t> bytes) const {
  std::uint64_t hash = hash_bytes(bytes);
  unsigned s = shard_number(hash, shard_bits);
  const Shard &shard = shards_[s];
  std::lock_guard lock(shard.lock);
  std::optional<StateIndex> number = shard.store.find(bytes, hash);
  if (!number)
    return std::nullopt;
  return *number << shard_bits | s;
}

std::size_t SharedVisitedSet::size() const {
  std::size_t n = 0;
  for (unsigned s = 0; s < (1u << shard_bits); ++s)
    n += shards_[s].size.load(std::memory_order_relaxed);
  return n;
}

std::size_t SharedVisitedSet::memory_bytes() const {
  std::size_t n = 0;
  for (unsigned s = 0; s < (1u << shard_bits); ++s) {
    std::lock_guard lock(shards_[s].lock);
    n += shards_[s].store.memory_bytes() + shards_[s].flags.capacity();
  }
  return n;
}

std::span<const std::uint8_t> SharedVisitedSet::bytes(StateIndex index) const {
  Shard &shard = shard_of(index);
  std::lock_guard lock(shard.lock);
  return shard.store.bytes(index >> shard_bits);
}

std::size_t SharedVisitedSet::index_bound() const {
  std::size_t bound = 0;
  for (unsigned s = 0; s < (1u << shard_bits); ++s) {
    std::lock_guard lock(shards_[s].lock);
    bound = std::max(bound, (shards_[s].store.size() << shard_bits) | s);
  }
  return bound + 1;
}

bool SharedVisitedSet::leave(StateIndex index) {
  Shard &shard = shard_of(index);
  std::lock_guard lock(shard.lock);
  std::uint8_t &flags = shard.flags[index >> shard_bits];
  if (flags & full_expansion) {
    flags = on_stack;
    return false;
  }
  flags = 0;
  return true;
}

void SharedVisitedSet::ask_full_expansion(StateIndex index) {
  Shard &shard = shard_of(index);
  std::lock_guard lock(shard.lock);
  std::uint8_t &flags = shard.flags[index >> shard_bits];
  if (flags & on_stack)
    flags |= full_expansion;
}

} // namespace ipcsim
