// One representative per orbit: states that differ only by a permutation of interchangeable replicas
// (checker/symmetry.hpp) are stored once, as the representative this class computes.
//
// Each block of a group gets a key that no renaming within the symmetry can change: its processes' local
// states (pc, status, attachments, counters, handles), where each of its processes appears in the channels
// and semaphores that no group moves (which list, which position: a buffered message's sender, the k-th
// waiting sender or receiver, a waiter of a semaphore, a holder of a receive privilege, a recipient yet to
// take a multicast message), and the contents of the block's own channels and semaphores with every process
// written as what it is to the block: a process no group moves as itself, the block's own at its slot, one
// of another block of a rotation at its distance, anything else by its group and slot only. A full group
// puts its blocks in the order of their keys; a rotation takes the rotation whose sequence of keys is the
// lexicographically smallest. The chosen permutation is then applied to the whole state: processes, their
// counters and handles move, channels and semaphores move, and every process id inside a channel or
// semaphore (message senders, waiting senders and receivers, their handles, receive privileges, multicast
// recipients, semaphore waiters) is renamed, sorted sets sorted again.
//
// Whatever the keys, the result is the state renamed by an automorphism, so storing it is sound; when the
// keys of a group's blocks differ, it is the same for every state of the orbit. Blocks whose keys tie are
// left in their order: at worst an orbit is stored more than once.
#pragma once

#include "checker/symmetry.hpp"
#include "models/state.hpp"

#include <vector>

namespace ipcsim {

class Canonicalizer {
public:
  Canonicalizer(const Model &model, std::vector<SymmetryGroup> groups);

  const std::vector<SymmetryGroup> &groups() const { return groups_; }
  bool active() const { return !groups_.empty(); }

  // The representative of `state`'s orbit: `state` itself when it is its own (always, without symmetry),
  // else a state of this object's that stays valid until the next call.
  const State &canonical(const State &state);

  // `state` renamed by `pi` (which must be an automorphism of the model), into `out`.
  void rename(const State &state, const ModelPermutation &pi, State &out) const;

private:
  struct Place {
    std::uint32_t group = kNone; // kNone: no group moves it
    std::uint32_t block = 0;
    std::uint32_t slot = 0;
  };
  using Words = std::vector<std::uint32_t>;

  void collect_signatures(const State &state);
  void block_key(const State &state, std::uint32_t g, std::uint32_t b, Words &out);
  void channel_words(const ChannelState &c, ChannelId id, std::uint32_t g, std::uint32_t b, Words &out);
  void proc_words(ProcId p, const State &state, Words &out) const;
  std::uint64_t relative(ProcId p, std::uint32_t g, std::uint32_t b) const;
  void order_blocks(const State &state, std::uint32_t g);
  std::uint32_t handle_offset(std::uint32_t handle) const;
  std::uint32_t rename_handle(std::uint32_t handle, const ModelPermutation &pi) const;
  std::uint64_t rename_recipients(ChannelId from, ChannelId to, std::uint64_t bits, const ModelPermutation &pi) const;

  const Model &model_;
  std::vector<SymmetryGroup> groups_;
  std::vector<Place> proc_place_, channel_place_, semaphore_place_;
  std::vector<ProcId> handle_owner_; // by absolute handle

  // Scratch of one canonical() call.
  std::vector<Words> signature_;  // by process: where it appears in the objects no group moves
  std::vector<Words> keys_;       // by block of the group being ordered
  std::vector<std::uint32_t> order_;
  std::vector<std::uint64_t> set_; // a sorted set of a channel's processes, as a block sees them
  ModelPermutation pi_;
  bool moved_ = false; // pi_ is not the identity
  State out_;
};

} // namespace ipcsim
