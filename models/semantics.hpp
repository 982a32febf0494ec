// The rules of message passing: which transitions a state enables and what firing one does. The one place
// where the semantics of SCENARIO_FORMAT.md ("Semantics") lives; the simulator fires one transition at a
// time in simulated time, the checker explores all of them.
//
// A transition is one visible step of one ready process. A blocking operation that cannot complete at once
// still fires: the process becomes blocked and waits in the channel's FIFO; a later transition of another
// process completes it (the events then include `unblock` for the released process).
#pragma once

#include "models/event.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <vector>

namespace ipcsim {

struct Transition {
  ProcId proc = kNone;
  std::uint32_t alternative = 0; // choose: the branch; receive: index into the instruction's sources
  bool operator==(const Transition&) const = default;
};

// The alternative of a blocked process that gives up: its send, receive or acquire has a timeout. The
// checker lets it give up at any moment it waits (durations are abstract there); the simulator when the
// timeout has passed unserved.
inline constexpr std::uint32_t kTimeOut = kNone;

// The faults (SCENARIO_FORMAT.md, "Faults"), alternatives that the environment chooses: a process with
// `crash:` stops for good (ready or blocked); a send on a lossy channel loses its message (the send completes
// at once, and nothing is accepted); a send on a duplicating channel with room for two has its message
// accepted twice. The checker explores each; the simulator draws them from seeded streams.
inline constexpr std::uint32_t kCrash = kNone - 1;
inline constexpr std::uint32_t kLose = kNone - 2;
inline constexpr std::uint32_t kDuplicate = kNone - 3;

class Semantics {
public:
  explicit Semantics(const Model& model) : model_(model) {}

  const Model& model() const { return model_; }

  // Every process at its first visible step (or ended); `events` receives start (and exit) events.
  State initial_state(std::vector<Event>& events) const;

  // All transitions enabled in `state`, in process order, then alternative order: the steps of the ready
  // processes and the time-outs of the blocked ones that can give up.
  void enabled(const State& state, std::vector<Transition>& out) const;
  // The same for process p alone, appended to `out`.
  void transitions_of(const State& state, ProcId p, std::vector<Transition>& out) const;

  // The alternatives of process p's next step (1 unless it is a choose, or a receive that could take from
  // more than one channel now). p must be ready.
  std::uint32_t alternative_count(const State& state, ProcId p) const;

  // Whether p's next step is a send whose message its channel may lose now, or duplicate now (p ready).
  bool may_lose(const State& state, ProcId p) const;
  bool may_duplicate(const State& state, ProcId p) const;

  // For a receive with several channels ready: the alternative whose message was sent first (the
  // simulator's pick: in time order).
  std::uint32_t oldest_alternative(const State& state, ProcId p) const;

  // Fires t, which must be enabled. Appends what happened to `events`.
  void apply(State& state, Transition t, std::vector<Event>& events) const;

  // Whether blocked process p waits in an operation with a timeout, which it may give up (kTimeOut).
  bool can_time_out(const State& state, ProcId p) const;

  // True when no process is ready or blocked other than servers idling in a receive: the run is over.
  bool finished(const State& state) const;

private:
  class Firing;
  const Model& model_;
};

// Whether a receive that wants tag `wanted` (0: any) takes a message tagged `tag`.
inline bool tag_matches(TagId wanted, TagId tag) { return wanted == 0 || wanted == tag; }

// The send or receive that blocked process p is waiting for: its current step, or for a `wait`, the async
// operation that posted the handle.
const Instruction& blocking_operation(const Model& model, const State& state, ProcId p);

// Whether blocked process p waits in an operation with a timeout, which it may give up (kTimeOut): then it is
// never stuck.
bool can_time_out(const Model& model, const State& state, ProcId p);

} // namespace ipcsim
