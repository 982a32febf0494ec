// The channel rules: when a channel accepts a message, which waiting partner a send or receive is matched
// with, and what completing a waiting operation does. One mechanism for every capacity: the buffering
// policy is the single question has_room(); capacity 0 is the policy "never room", where a message can
// only pass straight to a waiting receiver.
#include "models/firing.hpp"

#include <algorithm>

namespace ipcsim {

bool Semantics::Firing::has_room(ChannelId c, const Message &m) const {
  const Channel &channel = model_.channels[c];
  const ChannelState &cs = state_.channels[c];
  if (channel.capacity && cs.buffer.size() >= *channel.capacity)
    return false;
  return !channel.capacity_bytes || cs.bytes + m.size <= *channel.capacity_bytes;
}

// A buffered channel takes a message when it has room and no earlier sender is still waiting (FIFO);
// a rendezvous channel when a receiver that wants it is waiting.
bool Semantics::Firing::accepts_now(ChannelId c, const Message &m) const {
  const ChannelState &cs = state_.channels[c];
  if (model_.channels[c].rendezvous())
    return first_wanting(c, m) != cs.receivers.end();
  return cs.senders.empty() && has_room(c, m);
}

// Precondition: accepts_now(c, s.message). A waiting receiver that wants the message takes it at once
// (it cannot want one already buffered: it would have taken that); otherwise it is buffered. A multicast
// message goes to every waiting recipient and is buffered for the others.
void Semantics::Firing::accept(ChannelId c, const PendingSend &s) {
  ChannelState &cs = state_.channels[c];
  if (model_.channels[c].multicast) {
    PendingSend sent = s;
    ProcId last = hand_to_waiting(c, sent.message);
    if (sent.message.unread != 0) {
      cs.buffer.push_back(sent.message);
      cs.bytes += sent.message.size;
      last = kNone;
    }
    complete_send(sent, c, last);
    return;
  }
  std::optional<PendingReceive> receiver = hand_over_or_buffer(c, s.message);
  complete_send(s, c, receiver ? receiver->proc : kNone);
  if (receiver)
    complete_receive(*receiver, c, s.message);
}

// The first waiting receiver that wants m leaves the queue to take it (the caller completes both ends, in
// the order the trace shows them); without one, m is buffered.
std::optional<PendingReceive> Semantics::Firing::hand_over_or_buffer(ChannelId c, const Message &m) {
  ChannelState &cs = state_.channels[c];
  auto r = first_wanting(c, m);
  if (r == cs.receivers.end()) {
    cs.buffer.push_back(m);
    cs.bytes += m.size;
    return std::nullopt;
  }
  PendingReceive receiver = *r;
  withdraw(receiver);
  return receiver;
}

std::vector<ChannelId> Semantics::Firing::deliverable_sources(ProcId p, const Instruction &receive) const {
  std::vector<ChannelId> ready;
  for (ChannelId c : receive.sources)
    if (oldest_deliverable(c, receive, p) != kNone)
      ready.push_back(c);
  return ready;
}

// The first receiver waiting on c (in the order they started to wait) that wants m.
std::vector<PendingReceive>::const_iterator Semantics::Firing::first_wanting(ChannelId c, const Message &m) const {
  const auto &waiting = state_.channels[c].receivers;
  return std::find_if(waiting.begin(), waiting.end(),
                      [&](const PendingReceive &r) { return wants(r.proc, receive_instruction(r), m); });
}

// On a multicast mailbox, only messages that p has not taken yet.
std::uint32_t Semantics::Firing::oldest_deliverable(ChannelId c, const Instruction &receive, ProcId p) const {
  const ChannelState &cs = state_.channels[c];
  std::uint64_t mine = model_.channels[c].multicast ? recipient_bit(c, p) : 0;
  auto takes = [&](const Message &m) { return wants(p, receive, m) && (mine == 0 || (m.unread & mine) != 0); };
  if (model_.channels[c].rendezvous()) {
    for (const auto &s : cs.senders)
      if (takes(s.message))
        return s.message.id;
    return kNone;
  }
  for (const auto &m : cs.buffer)
    if (takes(m))
      return m.id;
  return kNone;
}

// Receiver p takes the oldest message it wants from c: a buffered one, or at capacity 0 the message of the
// longest-waiting matching sender.
void Semantics::Firing::take(ProcId p, ChannelId c, const Instruction &i) {
  ChannelState &cs = state_.channels[c];
  PendingReceive self{
      .proc = p, .handle = i.mode == Mode::async ? model_.processes[p].handle_base + i.handle : kNone, .tag = i.tag};
  if (model_.channels[c].multicast)
    return multicast_take(p, c, self);
  if (model_.channels[c].rendezvous()) {
    auto s = std::find_if(cs.senders.begin(), cs.senders.end(),
                          [&](const PendingSend &x) { return wants(p, i, x.message); });
    PendingSend sender = *s;
    cs.senders.erase(s);
    complete_receive(self, c, sender.message);
    complete_send(sender, c, p);
    return;
  }
  auto m = std::find_if(cs.buffer.begin(), cs.buffer.end(), [&](const Message &x) { return wants(p, i, x); });
  Message message = *m;
  cs.buffer.erase(m);
  cs.bytes -= message.size;
  complete_receive(self, c, message);
  admit_waiting_senders(c);
}

// Room was freed: waiting senders are accepted in the order they started to wait, while there is room.
void Semantics::Firing::admit_waiting_senders(ChannelId c) {
  ChannelState &cs = state_.channels[c];
  while (!cs.senders.empty() && has_room(c, cs.senders.front().message)) {
    PendingSend s = cs.senders.front();
    cs.senders.erase(cs.senders.begin());
    accept(c, s);
  }
}

void Semantics::Firing::complete_send(const PendingSend &s, ChannelId c, ProcId peer) {
  const Instruction &i =
      *model_.instruction(s.proc, s.handle == kNone ? state_.procs[s.proc].pc : state_.handles[s.handle].origin);
  emit(EventKind::send_end, s.proc, i, c, &s.message, peer);
  finish_operation(s.proc, s.handle, i, c);
}

void Semantics::Firing::complete_receive(const PendingReceive &r, ChannelId c, const Message &m) {
  const Instruction &i = receive_instruction(r);
  emit(EventKind::recv_end, r.proc, i, c, &m, m.sender);
  if (deliver_value(r.proc, i, m))
    finish_operation(r.proc, r.handle, i, c);
}

// An operation completed: a posted one marks its handle done (releasing a `wait` on it); a blocked process
// resumes after it. The process that is firing (ready, not blocked) advances itself.
void Semantics::Firing::finish_operation(ProcId p, std::uint32_t handle, const Instruction &i, ChannelId c) {
  if (handle != kNone) {
    state_.handles[handle].status = HandleStatus::done;
    release_if_waiting(p, handle);
  } else if (state_.procs[p].status == ProcStatus::blocked) {
    state_.procs[p].status = ProcStatus::ready;
    emit(EventKind::unblock, p, i, c);
    advance(p, state_.procs[p].pc + 1);
  }
}

// A process blocked in `wait` on this handle resumes; the handle is consumed.
void Semantics::Firing::release_if_waiting(ProcId p, std::uint32_t handle) {
  ProcState &ps = state_.procs[p];
  if (ps.status != ProcStatus::blocked)
    return;
  const Instruction &i = *model_.instruction(p, ps.pc);
  if (i.op != OpCode::wait || model_.processes[p].handle_base + i.handle != handle)
    return;
  state_.handles[handle].status = HandleStatus::idle;
  ps.status = ProcStatus::ready;
  emit(EventKind::unblock, p, i);
  advance(p, ps.pc + 1);
}

const Instruction &Semantics::Firing::receive_instruction(const PendingReceive &r) const {
  std::uint32_t pc = r.handle == kNone ? state_.procs[r.proc].pc : state_.handles[r.handle].origin;
  return *model_.instruction(r.proc, pc);
}

// A receive waiting on several channels (`from: any`) is registered on each; it leaves all of them.
void Semantics::Firing::withdraw(const PendingReceive &r) {
  for (ChannelId c : receive_instruction(r).sources) {
    auto &waiting = state_.channels[c].receivers;
    waiting.erase(std::remove_if(waiting.begin(), waiting.end(),
                                 [&](const PendingReceive &x) { return x.proc == r.proc && x.handle == r.handle; }),
                  waiting.end());
  }
}

} // namespace ipcsim
