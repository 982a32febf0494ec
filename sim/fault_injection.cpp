// Faults in simulated time (SCENARIO_FORMAT.md, "Faults"): a send on a lossy or duplicating channel draws its
// fate from the channel's stream; a process with `crash: {after: D}` crashes at D, drawn from its own crash
// stream. Under a forced schedule (--replay) the schedule alone says where faults happen.
#include "sim/simulation.hpp"

namespace sg4 = simgrid::s4u;

namespace ipcsim {

// Loss first, then duplication, each drawn only when the channel has that fault, so that a channel without
// faults draws nothing.
std::uint32_t Simulation::send_fault(ProcId p, const Instruction &send) {
  const ChannelFaults &faults = model_.channels[send.channel].faults;
  if (!faults.any())
    return 0;
  ProcessRandom &stream = fault_random_->channels[send.channel];
  if (faults.loss > 0 && stream.chance(faults.loss) && semantics_.may_lose(state_, p))
    return kLose;
  if (faults.duplicate > 0 && stream.chance(faults.duplicate) && semantics_.may_duplicate(state_, p))
    return kDuplicate;
  return 0;
}

// A daemon, which dies with the run when every process has ended first. The crash takes the process where it
// is: a blocked one leaves its wait (and is woken, to end its actor); a running one is killed in the middle
// of what it spends time on.
void Simulation::crash_on_time(ProcId p) {
  sg4::this_actor::sleep_for(fault_random_->crashes[p].sample(*model_.processes[p].crash->after));
  ProcStatus status = state_.procs[p].status;
  if (stopping_ || finishing_[p] || (forced_ && forced_->active()) ||
      (status != ProcStatus::ready && status != ProcStatus::blocked))
    return;
  double now = sg4::Engine::get_clock();
  after_the_time_[p].clear(); // the rest of a timed step never happens
  fire(p, [] { return kCrash; });
  accounts_.close(p, now);
  result_.processes[p].end = now;
  if (status == ProcStatus::blocked)
    wake_[p]->release();
  else
    actors_[p]->kill();
}

// --replay: the schedule crashes blocked process q next; `self`, which has just taken a step, fires it and
// wakes q's actor so that it ends.
void Simulation::crash_as_scheduled(ProcId q, ProcId self) {
  fire(q, [] { return kCrash; });
  if (q != self)
    wake_[q]->release();
}

} // namespace ipcsim
