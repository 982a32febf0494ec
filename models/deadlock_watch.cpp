#include "models/deadlock_watch.hpp"

#include "models/deadlock.hpp"
#include "models/semantics.hpp"

#include <algorithm>

namespace ipcsim {

DeadlockWatch::DeadlockWatch(const Model &model, const State &initial)
    : model_(model), waiters_of_(model.processes.size()), seen_(initial.procs), visit_mark_(model.processes.size(), 0) {
  for (ProcId p = 0; p < model.processes.size(); ++p)
    for (const Instruction &i : model.processes[p].code)
      for (ProcId q : i.completers)
        if (q != p)
          waiters_of_[q].push_back(p);
  for (auto &waiters : waiters_of_) {
    std::sort(waiters.begin(), waiters.end());
    waiters.erase(std::unique(waiters.begin(), waiters.end()), waiters.end());
  }
}

// What may_release() reads of q: whether it is alive, and what its program may still do from its pc.
bool DeadlockWatch::changed_ability(ProcId q, const State &state) const {
  const ProcState &before = seen_[q];
  const ProcState &now = state.procs[q];
  auto alive = [](ProcStatus s) { return s == ProcStatus::ready || s == ProcStatus::blocked; };
  if (alive(before.status) != alive(now.status))
    return true;
  if (before.pc == now.pc || !alive(now.status))
    return false;
  const Process &p = model_.processes[q];
  return p.sends_ahead[before.pc] != p.sends_ahead[now.pc] || p.receives_ahead[before.pc] != p.receives_ahead[now.pc] ||
         p.releases_ahead[before.pc] != p.releases_ahead[now.pc] ||
         p.lifecycles_ahead[before.pc] != p.lifecycles_ahead[now.pc];
}

void DeadlockWatch::note(ProcId candidate, const State &state) {
  if (state.procs[candidate].status == ProcStatus::blocked)
    candidates_.push_back(candidate);
}

// Breadth-first along may_release from a blocked process, until a releaser that is not blocked.
bool DeadlockWatch::reaches_a_mover(ProcId start, const State &state) {
  ++search_;
  frontier_.assign(1, start);
  visit_mark_[start] = search_;
  for (std::size_t k = 0; k < frontier_.size(); ++k) {
    ProcId p = frontier_[k];
    for (ProcId q : blocking_operation(model_, state, p).completers) {
      if (visit_mark_[q] == search_ || !may_release(model_, state, p, q))
        continue;
      if (state.procs[q].status != ProcStatus::blocked)
        return true;
      visit_mark_[q] = search_;
      frontier_.push_back(q);
    }
  }
  return false;
}

bool DeadlockWatch::deadlocked(std::span<const Event> events, const State &state) {
  changed_.clear();
  candidates_.clear();
  for (const Event &e : events)
    if (e.proc != kNone)
      changed_.push_back(e.proc);
  std::sort(changed_.begin(), changed_.end());
  changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
  for (ProcId q : changed_) {
    note(q, state);
    if (changed_ability(q, state))
      for (ProcId p : waiters_of_[q])
        note(p, state);
    seen_[q] = state.procs[q];
  }
  bool suspect =
      std::any_of(candidates_.begin(), candidates_.end(), [&](ProcId p) { return !reaches_a_mover(p, state); });
  return suspect && has_deadlock(model_, state);
}

} // namespace ipcsim
