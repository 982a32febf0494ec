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
// With rendezvous fusion (search_steps.hpp) a fused rendezvous counts as its sender's step, and a process
// waiting at a fused operation with no partner is like a blocked one: it moves only with a partner, which
// may still touch its channel and so joins any set that holds it.
//
// Servers. A fused channel that one process alone receives from (a server's) is touched only by rendezvous
// with that process's current receive: its server joins the set with the channel, and then stays where it
// is until a step of the set. A sender can then touch the channel only if its first send there, on some
// path from where it is, carries a tag that the server's current receive takes; a sender whose first send
// there is refused waits at it for as long as the set is not taken, and does not join through it. So a
// philosopher handing back a fork (REL to a server waiting for REL) is a set of its own, while the other
// philosopher of that fork, whose next send to it is an ACQ, stays out.
//
// What it preserves: every reachable state with no enabled step, and, with the cycle proviso the explorer
// applies (every cycle of the reduced graph holds a state expanded fully: the one a step back onto the
// depth-first stack leads to), every
// state property that stays true once true (a deadlock: blocked processes that can never be released) and
// every event of a step (failed sends, invalid operations, buffered sends on rendezvous channels): a
// skipped schedule is a reordering of independent steps of an explored one, which emit the same events.
#pragma once

#include "checker/search_steps.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

// Whether the reduction above covers the model. Steps that read or write a global are dependent on one
// another, and a step that changes a variable an invariant reads is visible, so that neither may be reordered
// past the other; the groups above do not know variables yet, so a model with globals or invariants is
// searched without the reduction rather than with a wrong one. So is a model with timeouts: a time-out is a
// step of a blocked process, which the groups take to have none; and one with faults, whose crashes are too.
inline bool reduction_covers(const Model &model) {
  return model.globals.empty() && model.invariants.empty() && !model.timeouts && !model.faults;
}

class PersistentSet {
public:
  PersistentSet(const Model &model, const SearchSteps &steps);

  // Positions in `enabled` (SearchSteps::enabled of `state`) of a persistent set, in increasing order: all of
  // them when no smaller one exists. A fused rendezvous counts as its sender's step: its receiver, at an
  // operation on the same channel, is in every set that holds the sender.
  void choose(const State &state, const std::vector<SearchStep> &enabled, std::vector<std::uint32_t> &chosen);

private:
  // A set of groups, or of processes, as bits: a model has few of either, so a set is a word or two.
  using Word = std::uint64_t;

  static Word *row(std::vector<Word> &sets, std::size_t k, std::size_t words) { return sets.data() + k * words; }
  static bool has(const Word *set, std::uint32_t k) { return (set[k / 64] >> (k % 64)) & 1; }
  static void add(Word *set, std::uint32_t k) {
    if (k != kNone)
      set[k / 64] |= Word{1} << (k % 64);
  }
  std::uint32_t instruction_group(const Instruction &i) const; // kNone: touches no group
  void find_servers(const SearchSteps &steps);
  void find_first_sends(const Process &process);
  bool may_meet_server(const State &state, ProcId sender, std::uint32_t group) const;
  void current(const State &state, ProcId p, Word *out);       // the groups its next step (or its wait) touches
  void link_processes(const State &state);
  std::size_t closure(ProcId start);                            // the members' enabled transitions

  const Model &model_;
  std::vector<std::uint32_t> group_;      // by channel
  std::uint32_t semaphore_group_ = 0;     // groups after the channels': semaphores, then segments
  std::uint32_t segment_group_ = 0;
  std::uint32_t group_count_ = 0;
  std::size_t group_words_ = 1;           // words in a set of groups
  std::size_t proc_words_ = 1;            // words in a set of processes
  std::vector<std::size_t> first_pc_;     // by process: its first row in ahead_ and step_group_
  std::vector<Word> ahead_;               // by process and pc: every group it may still touch from there on
  std::vector<std::uint32_t> step_group_; // by process and pc: the group of that instruction, or kNone
  std::vector<Word> owned_;               // by process: the groups of its user-space mailboxes
  // Servers (above): by group, the process that alone receives on it when it is a fused channel, or kNone.
  std::vector<ProcId> server_;
  // By process and pc: for each server's channel it may still send to, the tags of its first sends there
  // on any path from that pc.
  std::vector<std::vector<std::pair<std::uint32_t, TagId>>> first_sends_;

  // Scratch of one choose(), for the state being reduced.
  std::vector<Word> current_;         // by process: groups
  std::vector<Word> reachers_;        // by group: the unfinished processes that may still touch it
  std::vector<Word> joins_;           // by process m: the processes that join the set once m is in it
  std::vector<Word> members_;         // the set being closed
  std::vector<ProcId> pending_;       // members whose joins are not yet added
  std::vector<std::uint32_t> enabled_count_; // by process
};

} // namespace ipcsim
