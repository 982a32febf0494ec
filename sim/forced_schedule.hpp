// --replay: the transitions of a trace, taken in the trace's order before the run goes on by itself. A
// process whose next step the schedule names later waits for its turn; when the schedule is used up, every
// process still waiting is let go, and from there on the simulator's own timing decides. SimGrid calls: use
// it inside the engine only.
#pragma once

#include "models/semantics.hpp"

#include <simgrid/s4u/Semaphore.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ipcsim {

class ForcedSchedule {
public:
  ForcedSchedule(std::vector<Transition> schedule, std::size_t processes);

  bool active() const { return next_ < schedule_.size(); }
  std::size_t taken() const { return next_; }
  std::uint64_t waits() const { return waits_; } // how often a process waited for its turn (a SimGrid call)

  // While the schedule lasts: waits until it names p, and returns that transition. Empty once it is used up
  // (also when it ran out while p waited): p then chooses for itself.
  std::optional<Transition> take(ProcId p);

  // The transition the schedule names next; empty once it is used up.
  std::optional<Transition> next() const {
    return active() ? std::optional<Transition>(schedule_[next_]) : std::nullopt;
  }

  // After a transition from take() has fired: lets the process named next go, or everyone at the end.
  void pass_on();

private:
  void let_go(ProcId p);

  std::vector<Transition> schedule_;
  std::size_t next_ = 0;
  std::vector<simgrid::s4u::SemaphorePtr> turn_; // by process: released when its turn comes
  std::vector<bool> waiting_;
  std::uint64_t waits_ = 0;
};

} // namespace ipcsim
