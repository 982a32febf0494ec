#include "sim/forced_schedule.hpp"

namespace ipcsim {

ForcedSchedule::ForcedSchedule(std::vector<Transition> schedule, std::size_t processes)
    : schedule_(std::move(schedule)) {
  if (schedule_.empty())
    return; // no semaphore per process for an ordinary run
  for (std::size_t p = 0; p < processes; ++p)
    turn_.push_back(simgrid::s4u::Semaphore::create(0));
  waiting_.assign(processes, false);
}

std::optional<Transition> ForcedSchedule::take(ProcId p) {
  while (active() && schedule_[next_].proc != p) {
    waiting_[p] = true;
    turn_[p]->acquire();
    ++waits_;
  }
  if (!active())
    return std::nullopt;
  return schedule_[next_++];
}

void ForcedSchedule::pass_on() {
  if (active())
    return let_go(schedule_[next_].proc);
  for (ProcId p = 0; p < waiting_.size(); ++p)
    let_go(p);
}

void ForcedSchedule::let_go(ProcId p) {
  if (!waiting_[p])
    return;
  waiting_[p] = false;
  turn_[p]->release();
}

} // namespace ipcsim
