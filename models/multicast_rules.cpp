// Multicast delivery (`delivery: all`): every process in the mailbox's `receivers` takes every message, each
// at its own position. A message carries the set of recipients that have yet to take it and leaves the
// buffer when the last one has, so one slow recipient keeps a bounded mailbox full for every sender.
//
// At capacity 0 nothing waits in a buffer: the sender holds the message until every recipient has taken it
// (each when it comes to receive), and only then does its send complete. A non-blocking send there
// succeeds only when every recipient is already waiting for it.
#include "models/firing.hpp"

#include <algorithm>

namespace ipcsim {

std::uint64_t Semantics::Firing::recipient_bit(ChannelId c, ProcId p) const {
  const auto &recipients = *model_.channels[c].receivers;
  auto at = std::lower_bound(recipients.begin(), recipients.end(), p);
  return at != recipients.end() && *at == p ? std::uint64_t{1} << (at - recipients.begin()) : 0;
}

bool Semantics::Firing::all_recipients_waiting(ChannelId c, const Message &m) const {
  std::uint64_t waiting = 0;
  for (const PendingReceive &r : state_.channels[c].receivers)
    if (wants(r.proc, receive_instruction(r), m))
      waiting |= recipient_bit(c, r.proc);
  return waiting == model_.channels[c].all_recipients();
}

// Every recipient waiting in a receive that wants m takes it now, in the order they started to wait.
// Returns the last of them (kNone if none).
ProcId Semantics::Firing::hand_to_waiting(ChannelId c, Message &m) {
  ProcId last = kNone;
  auto &waiting = state_.channels[c].receivers;
  for (std::size_t k = 0; k < waiting.size();) {
    PendingReceive r = waiting[k];
    std::uint64_t bit = recipient_bit(c, r.proc);
    if ((m.unread & bit) == 0 || !wants(r.proc, receive_instruction(r), m)) {
      ++k;
      continue;
    }
    m.unread &= ~bit;
    withdraw(r);
    complete_receive(r, c, m);
    last = r.proc;
  }
  return last;
}

void Semantics::Firing::multicast_send(ProcId p, const Instruction &i, PendingSend s) {
  const Channel &channel = model_.channels[i.channel];
  ChannelState &cs = state_.channels[i.channel];
  std::uint32_t pc = state_.procs[p].pc;
  s.message.unread = channel.all_recipients();
  bool now = channel.rendezvous() ? all_recipients_waiting(i.channel, s.message)
                                  : cs.senders.empty() && has_room(i.channel, s.message);
  if (i.mode == Mode::nonblocking && !now) {
    emit(EventKind::send_failed, p, i, i.channel, &s.message);
    return advance(p, i.target);
  }
  if (!channel.rendezvous() && now) {
    accept(i.channel, s);
    return advance(p, pc + 1);
  }
  if (channel.rendezvous()) {
    ProcId last = hand_to_waiting(i.channel, s.message);
    if (s.message.unread == 0) {
      complete_send(s, i.channel, last);
      return advance(p, pc + 1);
    }
  }
  cs.senders.push_back(s);
  if (i.mode == Mode::blocking)
    return block(p, i, i.channel);
  advance(p, pc + 1);
}

// p takes the oldest message it has not taken yet: from the buffer, or at capacity 0 from the
// longest-waiting sender, whose send completes when p was the last recipient left.
void Semantics::Firing::multicast_take(ProcId p, ChannelId c, const PendingReceive &self) {
  ChannelState &cs = state_.channels[c];
  std::uint64_t bit = recipient_bit(c, p);
  const Instruction &receive = receive_instruction(self);
  auto wanted = [&](const Message &m) { return (m.unread & bit) != 0 && wants(p, receive, m); };
  if (model_.channels[c].rendezvous()) {
    auto s =
        std::find_if(cs.senders.begin(), cs.senders.end(), [&](const PendingSend &x) { return wanted(x.message); });
    s->message.unread &= ~bit;
    PendingSend sender = *s;
    if (sender.message.unread == 0)
      cs.senders.erase(s);
    complete_receive(self, c, sender.message);
    if (sender.message.unread == 0)
      complete_send(sender, c, p);
    return;
  }
  auto m = std::find_if(cs.buffer.begin(), cs.buffer.end(), wanted);
  m->unread &= ~bit;
  Message message = *m;
  if (message.unread == 0) {
    cs.buffer.erase(m);
    cs.bytes -= message.size;
  }
  complete_receive(self, c, message);
  if (message.unread == 0)
    admit_waiting_senders(c);
}

} // namespace ipcsim
