// Shared memory with semaphores, the alternative to messages. A semaphore is a counter and a FIFO of
// processes blocked in `acquire`: `release` hands the unit straight to the longest waiter, else counts it.
// A segment is usable by a process between its `attach` and `detach`; reading or writing it otherwise, or
// attaching twice, is an invalid operation. Whether two accesses race is judged in data_race.hpp.
#include "models/firing.hpp"

#include <fmt/format.h>

namespace ipcsim {

void Semantics::Firing::acquire(ProcId p, const Instruction& i) {
  SemaphoreState& s = state_.semaphores[i.semaphore];
  if (s.value == 0) {
    s.waiters.push_back(p);
    state_.procs[p].status = ProcStatus::blocked;
    events_.push_back({.kind = EventKind::block, .proc = p, .semaphore = i.semaphore, .mark = i.mark});
    return;
  }
  s.value -= 1;
  events_.push_back({.kind = EventKind::acquire, .proc = p, .semaphore = i.semaphore, .mark = i.mark});
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::release(ProcId p, const Instruction& i) {
  SemaphoreState& s = state_.semaphores[i.semaphore];
  events_.push_back({.kind = EventKind::release, .proc = p, .semaphore = i.semaphore, .mark = i.mark});
  if (s.waiters.empty()) {
    s.value += 1;
  } else {
    ProcId w = s.waiters.front();
    s.waiters.erase(s.waiters.begin());
    const Instruction& waiting = *model_.instruction(w, state_.procs[w].pc);
    events_.push_back({.kind = EventKind::acquire, .proc = w, .peer = p, .semaphore = i.semaphore, .mark = waiting.mark});
    state_.procs[w].status = ProcStatus::ready;
    events_.push_back({.kind = EventKind::unblock, .proc = w, .semaphore = i.semaphore, .mark = waiting.mark});
    advance(w, state_.procs[w].pc + 1);
  }
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::attachment(ProcId p, const Instruction& i) {
  std::uint64_t bit = std::uint64_t{1} << i.segment;
  std::uint64_t& attached = state_.procs[p].attached;
  const std::string& name = model_.segments[i.segment].name;
  bool attach = i.op == OpCode::attach;
  if (attach && (attached & bit) != 0)
    return fail(p, i, fmt::format("attach {}: {} has it attached already", name, model_.processes[p].name));
  if (!attach && (attached & bit) == 0)
    return fail(p, i, fmt::format("detach {}: {} has not attached it", name, model_.processes[p].name));
  attached ^= bit;
  events_.push_back({.kind = attach ? EventKind::attach : EventKind::detach, .proc = p, .segment = i.segment,
                     .mark = i.mark});
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::access(ProcId p, const Instruction& i) {
  bool write = i.op == OpCode::write;
  if ((state_.procs[p].attached & (std::uint64_t{1} << i.segment)) == 0)
    return fail(p, i, fmt::format("{} {}: {} has not attached it", write ? "write" : "read",
                                  model_.segments[i.segment].name, model_.processes[p].name));
  events_.push_back({.kind = write ? EventKind::write : EventKind::read, .proc = p, .size = i.size,
                     .segment = i.segment, .mark = i.mark});
  advance(p, state_.procs[p].pc + 1);
}

} // namespace ipcsim
