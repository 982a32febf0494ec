// Watches one run, transition by transition, for the moment a deadlock appears (SCENARIO_FORMAT.md,
// "Properties": global or partial), without analysing the whole system after every step.
//
// has_deadlock() costs time in the number of processes; a simulation of a hundred thousand of them takes
// millions of steps. A blocked process is stuck exactly when no chain of possible releasers (may_release)
// leads from it to a process that can move: the complement of analyse_blocking's greatest fixpoint. A
// transition can break such a chain only where it changed something: a process it blocked, or a process
// whose ability to release others it reduced (it ended, failed, or moved past operations it could still have
// done), which breaks the chains of the processes blocked waiting for it. So after each transition only those
// candidates are followed, each until it reaches a process that can move; when one does not, has_deadlock(),
// the checker's own definition, decides.
#pragma once

#include "models/event.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace ipcsim {

class DeadlockWatch {
public:
  // `initial` is the state the run starts in.
  DeadlockWatch(const Model &model, const State &initial);

  // After each transition, with its events and the state it reached: whether the state holds a deadlock
  // (has_deadlock). Exact as long as it is called after every transition and the earlier states held none.
  bool deadlocked(std::span<const Event> events, const State &state);

private:
  bool changed_ability(ProcId q, const State &state) const;
  bool reaches_a_mover(ProcId start, const State &state);
  void note(ProcId candidate, const State &state);

  const Model &model_;
  std::vector<std::vector<ProcId>> waiters_of_; // by process q: the processes whose operations q may complete
  std::vector<ProcState> seen_;                 // each process as the last transition that named it left it
  std::vector<ProcId> changed_, candidates_, frontier_;
  std::vector<std::uint32_t> visit_mark_; // by process: the search that last visited it
  std::uint32_t search_ = 0;
};

} // namespace ipcsim
