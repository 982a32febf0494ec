#include "models/data_race.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {

namespace {

bool is_access(const Instruction* i) { return i && (i->op == OpCode::read || i->op == OpCode::write); }

} // namespace

std::optional<std::pair<ProcId, ProcId>> conflicting_accesses(const Model& model, const State& state) {
  auto access = [&](ProcId p) -> const Instruction* {
    const ProcState& ps = state.procs[p];
    const Instruction* i = ps.status == ProcStatus::ready ? model.instruction(p, ps.pc) : nullptr;
    bool usable = is_access(i) && (ps.attached & (std::uint64_t{1} << i->segment)) != 0;
    return usable ? i : nullptr;
  };
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    const Instruction* a = access(p);
    for (ProcId q = p + 1; a && q < state.procs.size(); ++q) {
      const Instruction* b = access(q);
      if (b && a->segment == b->segment && (a->op == OpCode::write || b->op == OpCode::write))
        return std::pair{p, q};
    }
  }
  return std::nullopt;
}

HappensBefore::HappensBefore(const Model& model)
    : model_(model), clocks_(model.processes.size(), Clock(model.processes.size(), 0)),
      semaphores_(model.semaphores.size(), Clock(model.processes.size(), 0)),
      mailboxes_(model.channels.size(), Clock(model.processes.size(), 0)), segments_(model.segments.size()) {
  for (auto& s : segments_) {
    s.last_write.resize(model.processes.size());
    s.last_read.resize(model.processes.size());
  }
}

void HappensBefore::join(Clock& into, const Clock& from) {
  for (std::size_t k = 0; k < into.size(); ++k)
    into[k] = std::max(into[k], from[k]);
}

void HappensBefore::observe(ProcId actor, std::span<const Event> events, std::uint64_t first_seq,
                            std::vector<DataRace>& races) {
  begin(actor);
  for (std::size_t k = 0; k < events.size(); ++k)
    observe(events[k], first_seq + k, races);
}

void HappensBefore::begin(ProcId actor) {
  actor_ = actor;
  if (actor != kNone)
    clocks_[actor][actor] += 1;
}

void HappensBefore::observe(const Event& e, std::uint64_t seq, std::vector<DataRace>& races) {
  if (e.proc == kNone)
    return;
  Clock& mine = clocks_[e.proc];
  bool by_other = actor_ != kNone && e.proc != actor_;
  switch (e.kind) {
  case EventKind::send_begin:
  case EventKind::recv_begin:
    if (e.channel != kNone) // an operation on a mailbox comes after whatever made it usable to this process
      join(mine, mailboxes_[e.channel]);
    if (e.kind == EventKind::send_begin) {
      const Channel& channel = model_.channels[e.channel];
      sent_[e.msg] = {mine, channel.multicast ? channel.receivers->size() : 1};
    }
    break;
  case EventKind::send_end:
    if (e.peer != kNone) // taken at a rendezvous: the receiver was there first
      join(mine, clocks_[e.peer]);
    break;
  case EventKind::create:
  case EventKind::give:
  case EventKind::remove:
    join(mailboxes_[e.channel], mine);
    break;
  case EventKind::send_failed:
    sent_.erase(e.msg);
    break;
  case EventKind::lost:
    sent_.erase(e.msg);
    return; // proc is whoever destroyed the mailbox, not a party to the message
  case EventKind::recv_end:
    if (auto m = sent_.find(e.msg); m != sent_.end()) {
      join(mine, m->second.clock);
      if (--m->second.takers_left == 0)
        sent_.erase(m);
    }
    break;
  case EventKind::release:
    join(semaphores_[e.semaphore], mine);
    break;
  case EventKind::acquire:
    join(mine, semaphores_[e.semaphore]);
    break;
  case EventKind::read:
  case EventKind::write:
    check(e, seq, races);
    break;
  default:
    break;
  }
  // Completed by another process's step: whatever follows in this process comes after that step.
  if (by_other && (e.kind == EventKind::unblock || e.kind == EventKind::send_end || e.kind == EventKind::recv_end))
    join(mine, clocks_[actor_]);
}

// Every racing pair that ends at this access: with each other process's latest write, and for a write also
// with its latest read (program order makes that process's earlier accesses race only if these do).
void HappensBefore::check(const Event& e, std::uint64_t seq, std::vector<DataRace>& races) {
  SegmentHistory& h = segments_[e.segment];
  const Clock& mine = clocks_[e.proc];
  bool write = e.kind == EventKind::write;
  for (ProcId q = 0; q < clocks_.size(); ++q) {
    if (q == e.proc)
      continue;
    for (bool earlier_write : {true, false}) {
      const Access& a = earlier_write ? h.last_write[q] : h.last_read[q];
      if ((!write && !earlier_write) || a.epoch == 0 || a.epoch <= mine[q])
        continue;
      races.push_back({a.seq, seq, describe(e, q, a, earlier_write)});
    }
  }
  (write ? h.last_write : h.last_read)[e.proc] = {mine[e.proc], seq, e.mark.line};
}

std::string HappensBefore::describe(const Event& e, ProcId other, const Access& earlier, bool earlier_write) const {
  auto at = [](int line) { return line > 0 ? fmt::format(" (line {})", line) : std::string(); };
  return fmt::format("data race on {}: {}'s {}{} and {}'s {}{} are not ordered by any message or semaphore",
                     model_.segments[e.segment].name, model_.processes[other].name, earlier_write ? "write" : "read",
                     at(earlier.line), model_.processes[e.proc].name, e.kind == EventKind::write ? "write" : "read",
                     at(e.mark.line));
}

} // namespace ipcsim
