// Partial-order reduction: at each state, a persistent set of the enabled transitions, so that the search
// explores one order of steps that do not affect each other instead of all of them.
//
// Independence. A step touches channels: a send its channel, a receive its sources, a create, delete or give
// its mailbox, and any step the channels of its process's posted async operations (a step that ends the
// process withdraws them) and its user-space mailboxes (which vanish when it stops). An acquire or release
// touches its semaphore, a segment operation its segment.
// Channels that one `from: any` receive waits on together form one group, because taking from one
// withdraws the receive from all. Steps of different processes whose groups are disjoint commute and emit
// the same events in either order; no other pair is treated as independent.
//
// The set. Starting from one ready process, the closure adds every process that is not finished and may
// still touch a group already in the set (from its current position on, following every path of its
// program, plus its posted operations, plus the operation it is blocked in); a ready member adds the groups
// of its current step, a blocked member those of the operation it waits in. The set is the enabled steps
// of the ready members. No step outside it, now or later, can touch one of its groups before one of its
// own steps is taken: the members that are ready can only move by a step of the set, and the blocked ones
// only when released through a group of the set. Every ready process is tried as the start; the smallest
// set wins.
//
// What it preserves: every reachable state with no enabled step, and, with the cycle proviso the explorer
// applies (a state whose reduced successors lead back onto the depth-first stack is expanded fully), every
// state property that stays true once true (a deadlock: blocked processes that can never be released) and
// every event of a step (failed sends, invalid operations, buffered sends on rendezvous channels): a
// skipped schedule is a reordering of independent steps of an explored one, which emit the same events.
#pragma once

#include "models/model.hpp"
#include "models/semantics.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

class PersistentSet {
public:
  explicit PersistentSet(const Model &model);

  // Positions in `enabled` (Semantics::enabled of `state`) of a persistent set, in increasing order: all of
  // them when no smaller one exists.
  void choose(const State &state, const std::vector<Transition> &enabled, std::vector<std::uint32_t> &chosen);

private:
  using Groups = std::vector<std::uint32_t>;

  Groups owned_groups(ProcId p) const;
  void add_instruction_groups(const Instruction &i, Groups &out) const;
  void add_posted_groups(const State &state, ProcId p, Groups &out) const;
  Groups reach(const State &state, ProcId p) const;   // every group p may still touch
  Groups current(const State &state, ProcId p) const; // the groups its next step (or its wait) touches
  void closure(const State &state, ProcId start);

  const Model &model_;
  std::vector<std::uint32_t> group_;                 // by channel
  std::vector<std::vector<Groups>> ahead_;           // by process and pc: groups of sends and receives ahead
  std::uint32_t semaphore_group_ = 0;                // groups after the channels': semaphores, then segments
  std::uint32_t segment_group_ = 0;
  std::uint32_t group_count_ = 0;

  // Scratch of one closure.
  std::vector<char> member_;
  std::vector<char> in_set_; // by group
  std::vector<Groups> reach_; // by process, for the state being reduced
};

} // namespace ipcsim
