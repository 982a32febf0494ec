#include "checker/shared_visited_set.hpp"

namespace ipcsim {

std::pair<StateIndex, bool> SharedVisitedSet::insert(std::span<const std::uint8_t> bytes) {
  std::uint64_t hash = hash_bytes(bytes);
  std::lock_guard lock(lock_);
  auto inserted = store_.insert(bytes, hash);
  if (inserted.second) {
    flags_.push_back(on_stack); // the inserting thread pushes it, or gives it to one that does
    size_.store(store_.size(), std::memory_order_relaxed);
  }
  return inserted;
}

std::optional<StateIndex> SharedVisitedSet::find(std::span<const std::uint8_t> bytes) const {
  std::uint64_t hash = hash_bytes(bytes);
  std::lock_guard lock(lock_);
  return store_.find(bytes, hash);
}

std::size_t SharedVisitedSet::memory_bytes() const {
  std::lock_guard lock(lock_);
  return store_.memory_bytes() + flags_.capacity();
}

std::span<const std::uint8_t> SharedVisitedSet::bytes(StateIndex index) const {
  std::lock_guard lock(lock_);
  return store_.bytes(index);
}

bool SharedVisitedSet::leave(StateIndex index) {
  std::lock_guard lock(lock_);
  if (flags_[index] & full_expansion) {
    flags_[index] = on_stack;
    return false;
  }
  flags_[index] = 0;
  return true;
}

void SharedVisitedSet::ask_full_expansion(StateIndex index) {
  std::lock_guard lock(lock_);
  if (flags_[index] & on_stack)
    flags_[index] |= full_expansion;
}

} // namespace ipcsim
