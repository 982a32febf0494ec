// Mailboxes that come and go: `create` (a mailbox declared with created: false, or deleted since), `delete`
// by a process allowed to receive from it, a user-space mailbox disappearing with its owner, and `give`,
// which passes the receive privilege of a kernel mailbox with a receivers list to another process.
//
// A mailbox that ceases to exist loses the messages it holds (`lost`, one event each); every process
// blocked in a send or receive on it fails as in an invalid operation, and posted async operations on it
// fail their handles, so that a later `wait` on one is invalid. Created again, a mailbox starts empty with
// its declared receivers.
#include "models/firing.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {

std::optional<std::string> Semantics::Firing::existence_error(ChannelId c) const {
  if (state_.channels[c].exists)
    return std::nullopt;
  const Channel& channel = model_.channels[c];
  std::string why = channel.owner != kNone ? fmt::format("it was not created yet, was deleted, or its owner {} has stopped",
                                                         model_.processes[channel.owner].name)
                                           : "it was not created yet or was deleted";
  return fmt::format("mailbox {} does not exist ({})", channel.name, why);
}

bool Semantics::Firing::holds_privilege(ChannelId c, ProcId p) const {
  if (!model_.channels[c].receivers)
    return true;
  const auto& holders = state_.channels[c].may_receive;
  return std::binary_search(holders.begin(), holders.end(), p);
}

void Semantics::Firing::create(ProcId p, const Instruction& i) {
  const Channel& channel = model_.channels[i.channel];
  ChannelState& cs = state_.channels[i.channel];
  if (cs.exists)
    return fail(p, i, fmt::format("create {}: the mailbox already exists", channel.name));
  if (channel.owner != kNone && channel.owner != p)
    return fail(p, i, fmt::format("create {}: only its owner, {}, may create it", channel.name,
                                  model_.processes[channel.owner].name));
  cs.exists = true;
  cs.may_receive = channel.receivers.value_or(std::vector<ProcId>{});
  emit(EventKind::create, p, i, i.channel);
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::remove(ProcId p, const Instruction& i) {
  if (auto missing = existence_error(i.channel))
    return fail(p, i, "delete: " + *missing);
  if (!holds_privilege(i.channel, p))
    return fail(p, i, fmt::format("delete {}: {} is not allowed to receive from it", model_.channels[i.channel].name,
                                  model_.processes[p].name));
  emit(EventKind::remove, p, i, i.channel);
  destroy(i.channel, p, fmt::format("{} deleted it", model_.processes[p].name));
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::give(ProcId p, const Instruction& i) {
  const Channel& channel = model_.channels[i.channel];
  if (auto missing = existence_error(i.channel))
    return fail(p, i, "give: " + *missing);
  if (!holds_privilege(i.channel, p))
    return fail(p, i, fmt::format("give {}: {} does not hold its receive privilege", channel.name,
                                  model_.processes[p].name));
  auto& holders = state_.channels[i.channel].may_receive;
  holders.erase(std::find(holders.begin(), holders.end(), p));
  auto at = std::lower_bound(holders.begin(), holders.end(), i.give_to);
  if (at == holders.end() || *at != i.give_to)
    holders.insert(at, i.give_to);
  emit(EventKind::give, p, i, i.channel, nullptr, i.give_to);
  advance(p, state_.procs[p].pc + 1);
}

void Semantics::Firing::destroy(ChannelId c, ProcId by, const std::string& why) {
  const Channel& channel = model_.channels[c];
  ChannelState& cs = state_.channels[c];
  for (const Message& m : cs.buffer) {
    Event e{.kind = EventKind::lost, .proc = by, .channel = c, .msg = m.id, .size = m.size, .tag = m.tag,
            .peer = m.sender, .mark = channel.mark, .detail = why};
    events_.push_back(std::move(e));
  }
  std::vector<PendingSend> senders = std::move(cs.senders);
  std::vector<PendingReceive> receivers = std::move(cs.receivers);
  cs = ChannelState{.exists = false, .may_receive = channel.receivers.value_or(std::vector<ProcId>{})};
  std::string failure = fmt::format("mailbox {} ceased to exist: {}", channel.name, why);
  for (const PendingSend& s : senders)
    operation_failed(s.proc, s.handle, failure);
  for (const PendingReceive& r : receivers)
    operation_failed(r.proc, r.handle, failure);
}

// A blocked operation fails its process; a posted one fails its handle, and a process already waiting on
// that handle.
void Semantics::Firing::operation_failed(ProcId p, std::uint32_t handle, const std::string& why) {
  ProcState& ps = state_.procs[p];
  if (handle != kNone) {
    state_.handles[handle].status = HandleStatus::failed;
    const Instruction& step = *model_.instruction(p, ps.pc);
    bool waiting = ps.status == ProcStatus::blocked && step.op == OpCode::wait &&
                   model_.processes[p].handle_base + step.handle == handle;
    if (!waiting)
      return;
    state_.handles[handle].status = HandleStatus::idle;
  }
  if (ps.status == ProcStatus::blocked)
    fail(p, *model_.instruction(p, ps.pc), why);
}

} // namespace ipcsim
