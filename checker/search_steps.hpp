// The steps the checker searches over: the transitions of Semantics, except that a rendezvous on a fusible
// channel is one step (rendezvous fusion, part of the reduction that --no-reduction turns off).
//
// In Semantics a blocking send or receive that finds no partner is a step of its own: the process queues on
// the channel (FIFO order is part of the state) and the partner's later step completes it. On a channel of
// capacity 0 that nothing but blocking single-source sends and receives uses, and on which no operation can
// be invalid (no lifecycle, owner, receive privilege that can fail, exclusive_receive, multicast or message
// too large), that queuing step changes only the queuing process: whoever else may move, moves the same way.
// So it may always be postponed until just before the partner's step. A fused rendezvous is that pair of
// real transitions, the send queuing and then the receive completing it; a process at a fused operation
// with no partner at its operation is not moved at all. This removes the queued-or-not state of every such
// process and the queues' orders: on rendezvous-heavy models (the fork servers) it is the difference between
// about 10x and 3x more states per process.
//
// What it keeps. Every fused schedule is a real schedule (queue each sender just before its partner). Every
// real schedule's rendezvous happen in some fused schedule in the same order, with every other step where it
// was; a process still queued at the end was queued by a step that commutes with everything after it.
// Properties of states (a deadlock, messages left undelivered) are judged on judged(): the state with every
// process that waits at a fused operation without a partner queued as Semantics would queue it, which is the
// real state reached by postponing those queuing steps to the end (the queues in process order, which no
// property of a state depends on). Events are the real transitions' events.
#pragma once

#include "models/model.hpp"
#include "models/properties.hpp"
#include "models/semantics.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace ipcsim {

struct SearchStep {
  Transition first;
  ProcId partner = kNone; // a fused rendezvous: first is the send that queues, then partner's receive takes it
  bool operator==(const SearchStep &) const = default;
};

class SearchSteps {
public:
  SearchSteps(const Model &model, bool fuse);

  const Semantics &semantics() const { return semantics_; }
  std::size_t fused_channels() const { return fused_count_; } // 0: the steps are Semantics' transitions
  bool fused(ChannelId c) const { return fused_[c]; }

  State initial_state(std::vector<Event> &events) const { return semantics_.initial_state(events); }

  // The enabled steps: Semantics::enabled in its order, where a fused send appears once per partner (in
  // process order) and a fused receive only as a send's partner.
  void enabled(const State &state, std::vector<SearchStep> &out);

  // Fires the step, then forgets who sent each buffered message (models' forget_senders): every state the
  // search stores or judges is such a state.
  void apply(State &state, const SearchStep &step, std::vector<Event> &events) const;

  // The state whose properties of `wanted` stand for `state`'s (above): a state of this object's, valid until
  // the next call, with the lone waiting processes queued; or `state` itself when there are none, or when
  // none of those properties can hold there (no deadlock even with them counted as queued, nothing buffered).
  const State &judged(const State &state, PropertySet wanted);

  // A schedule of steps (positions in enabled()) as a schedule of Semantics transitions: each fused
  // rendezvous as its two transitions and, when the violation is a property of the last state, the queuing
  // transitions that judged() adds.
  std::vector<std::uint32_t> real_choices(const std::vector<std::uint32_t> &choices, PropertyKind kind);

private:
  struct Waiting {
    ProcId proc;
    ChannelId channel;
    bool sends;
    TagId tag;
  };
  bool fusible(const Model &model, ChannelId c) const;
  void collect_waiting(const State &state);
  std::span<const Waiting> across(const Waiting &w) const;
  bool has_partner(const Waiting &w) const;
  void collect_alone(const State &state);

  const Model &model_;
  Semantics semantics_;
  std::vector<char> fused_; // by channel
  std::size_t fused_count_ = 0;
  std::vector<Waiting> waiting_;    // scratch: the ready processes at a fused operation, in process order
  std::vector<Waiting> by_channel_; // scratch: the same by channel, receivers before senders
  std::vector<ProcId> alone_;       // scratch: those of them with no partner
  std::vector<Transition> transitions_;
  std::vector<SearchStep> steps_;
  std::vector<Event> events_;
  State view_;
};

} // namespace ipcsim
