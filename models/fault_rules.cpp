// The faults (SCENARIO_FORMAT.md, "Faults"): a lossy channel destroys a message instead of accepting it, a
// duplicating one accepts it twice, a crashing process stops for good. Each is an alternative of the
// transition it happens in (semantics.hpp: kLose, kDuplicate, kCrash), chosen by the environment.
#include "models/firing.hpp"

#include <algorithm>

namespace ipcsim {

// The message is gone at once, and the send is over for its sender: it does not wait for room or for a
// receiver, as a datagram's sender does not. No receiver sees the message.
void Semantics::Firing::lose(ProcId p, const Instruction &i, const PendingSend &s) {
  Event e{.kind = EventKind::lost, .proc = p, .channel = i.channel, .msg = s.message.id, .size = s.message.size,
          .tag = s.message.tag, .peer = p, .value = s.message.value, .mark = i.mark, .fault = true};
  events_.push_back(std::move(e));
  std::uint32_t pc = state_.procs[p].pc;
  if (i.mode == Mode::async)
    state_.handles[model_.processes[p].handle_base + i.handle] = {HandleStatus::done, pc};
  advance(p, pc + 1);
}

// The copy follows the message it duplicates (Semantics::may_duplicate has made sure that both fit): a
// receiver that waits for it takes it, else it is buffered.
void Semantics::Firing::duplicate(ChannelId c, const Message &m) {
  const Instruction &i = *model_.instruction(m.sender, state_.procs[m.sender].pc);
  emit(EventKind::duplicate, m.sender, i, c, &m);
  if (std::optional<PendingReceive> receiver = hand_over_or_buffer(c, m))
    complete_receive(*receiver, c, m);
}

// The process leaves whatever queue it waits in, keeps the semaphores it holds, and takes what it owns with
// it, as at an exit.
void Semantics::Firing::crash(ProcId p) {
  events_.push_back({.kind = EventKind::crash, .proc = p, .mark = model_.processes[p].crash->mark});
  if (state_.procs[p].status == ProcStatus::blocked)
    leave_wait(p);
  state_.procs[p].status = ProcStatus::crashed;
  stop(p);
}

// Blocked p stops waiting in its current step: its send's message is withdrawn, its receive or acquire
// leaves its queue. (A `wait` is in no queue: what it waits for is a posted operation, which stays.)
void Semantics::Firing::leave_wait(ProcId p) {
  const Instruction &i = *model_.instruction(p, state_.procs[p].pc);
  if (i.op == OpCode::send) {
    auto &senders = state_.channels[i.channel].senders;
    senders.erase(std::find_if(senders.begin(), senders.end(),
                               [&](const PendingSend &s) { return s.proc == p && s.handle == kNone; }));
  } else if (i.op == OpCode::receive) {
    withdraw({.proc = p, .handle = kNone});
  } else if (i.op == OpCode::acquire) {
    auto &waiters = state_.semaphores[i.semaphore].waiters;
    waiters.erase(std::find(waiters.begin(), waiters.end(), p));
  }
}

} // namespace ipcsim
