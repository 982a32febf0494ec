#include "checker/state_store.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace ipcsim {
namespace {

std::uint64_t load64(const std::uint8_t *p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint64_t mix(std::uint64_t h) { // murmur3's finaliser: every input bit moves every output bit
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ULL;

// Length prefix: LEB128.
std::size_t put_length(std::uint8_t *out, std::size_t n) {
  std::size_t k = 0;
  for (; n >= 0x80; n >>= 7)
    out[k++] = static_cast<std::uint8_t>(n | 0x80);
  out[k++] = static_cast<std::uint8_t>(n);
  return k;
}

std::span<const std::uint8_t> read_record(const std::uint8_t *p) {
  std::size_t n = 0;
  unsigned shift = 0;
  while (*p >= 0x80) {
    n |= static_cast<std::size_t>(*p++ & 0x7f) << shift;
    shift += 7;
  }
  n |= static_cast<std::size_t>(*p++) << shift;
  return {p, n};
}

bool same(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end()); // memcmp of empty spans would be undefined
}

} // namespace

std::uint64_t hash_bytes(std::span<const std::uint8_t> bytes) {
  std::uint64_t h = bytes.size() * kMul;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8)
    h = (h ^ mix(load64(bytes.data() + i))) * kMul;
  std::uint64_t tail = 0;
  for (std::size_t k = 0; i + k < bytes.size(); ++k)
    tail |= static_cast<std::uint64_t>(bytes[i + k]) << (8 * k);
  return mix(h ^ mix(tail ^ 0x5bd1e995));
}

StateStore::StateStore() : slots_(16, 0) {} // small: the codec keeps one store per component, most of them tiny

StateStore::Record StateStore::record(std::uint64_t position) const {
  const std::uint8_t *p = chunks_[position >> chunk_bits].get() + (position & ((1u << chunk_bits) - 1));
  StateIndex index;
  std::memcpy(&index, p, sizeof index);
  return {index, read_record(p + sizeof index)};
}

std::span<const std::uint8_t> StateStore::bytes(StateIndex index) const {
  return record(positions_[index]).bytes;
}

// The slot's tag is the top 24 bits of the hash; its place comes from the low bits.
static std::uint64_t tag_of(std::uint64_t hash) {
  return hash >> 40 << 40;
}

std::size_t StateStore::slot_of(std::span<const std::uint8_t> bytes, std::uint64_t hash) const {
  std::size_t mask = slots_.size() - 1;
  std::uint64_t tag = tag_of(hash);
  for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
    std::uint64_t entry = slots_[s];
    if (entry == 0 || (tag_of(entry) == tag && same(record((entry & position_mask) - 1).bytes, bytes)))
      return s;
  }
}

std::optional<StateIndex> StateStore::find(std::span<const std::uint8_t> bytes) const {
  return find(bytes, hash_bytes(bytes));
}

std::optional<StateIndex> StateStore::find(std::span<const std::uint8_t> bytes, std::uint64_t hash) const {
  std::uint64_t entry = slots_[slot_of(bytes, hash)];
  if (entry == 0)
    return std::nullopt;
  return record((entry & position_mask) - 1).index;
}

std::pair<StateIndex, bool> StateStore::insert(std::span<const std::uint8_t> bytes) {
  return insert(bytes, hash_bytes(bytes));
}

std::pair<StateIndex, bool> StateStore::insert(std::span<const std::uint8_t> bytes, std::uint64_t hash) {
  std::size_t s = slot_of(bytes, hash);
  if (slots_[s] != 0)
    return {record((slots_[s] & position_mask) - 1).index, false};
  if (positions_.size() >= 0xfffffffeu)
    throw std::length_error("more than 2^32 - 2 states");
  auto index = static_cast<StateIndex>(positions_.size());
  std::uint64_t position = append(bytes, index);
  positions_.push_back(position);
  slots_[s] = tag_of(hash) | (position + 1);
  if (positions_.size() * 4 > slots_.size() * 3) // keep the load factor under 3/4: short probe sequences
    grow();
  return {index, true};
}

// Chunk k holds 4 KiB << k, up to 2^chunk_bits bytes: a store of a few states (the component tables of a model
// with thousands of processes keep one store per process) costs a few KiB, not a 16 MiB mapping.
std::size_t StateStore::chunk_size(std::size_t k) {
  return std::size_t{1} << std::min<std::size_t>(12 + k, chunk_bits);
}

std::uint64_t StateStore::append(std::span<const std::uint8_t> bytes, StateIndex index) {
  std::size_t need = sizeof index + 10 + bytes.size();
  if (need > chunk_size(chunk_bits))
    throw std::length_error("a state of more than 16 MiB");
  while (chunks_.empty() || used_ + need > chunk_size(chunks_.size() - 1)) {
    if (!chunks_.empty())
      earlier_ += chunk_size(chunks_.size() - 1);
    chunks_.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(chunk_size(chunks_.size())));
    used_ = 0;
  }
  std::uint64_t position = static_cast<std::uint64_t>(chunks_.size() - 1) << chunk_bits | used_;
  std::uint8_t *at = chunks_.back().get() + used_;
  std::memcpy(at, &index, sizeof index);
  std::size_t k = sizeof index + put_length(at + sizeof index, bytes.size());
  if (!bytes.empty()) // memcpy from an empty span's null pointer is undefined behaviour
    std::memcpy(at + k, bytes.data(), bytes.size());
  used_ += k + bytes.size();
  return position;
}

// Doubles the table. The hashes are not kept, so they are computed again from the records, read in the
// order they were written (sequential memory, cheap next to the lookups it saves).
void StateStore::grow() {
  std::vector<std::uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  std::size_t mask = slots_.size() - 1;
  for (std::uint64_t position : positions_) {
    std::uint64_t hash = hash_bytes(record(position).bytes);
    std::size_t s = hash & mask;
    while (slots_[s] != 0)
      s = (s + 1) & mask;
    slots_[s] = tag_of(hash) | (position + 1);
  }
}

std::size_t StateStore::memory_bytes() const {
  return earlier_ + used_ + positions_.capacity() * 8 + slots_.capacity() * 8;
}

} // namespace ipcsim
