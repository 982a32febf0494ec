#include "models/properties.hpp"

#include "models/data_race.hpp"
#include "models/semantics.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {

std::string_view to_string(PropertyKind kind) {
  switch (kind) {
  case PropertyKind::deadlock:
    return "deadlock";
  case PropertyKind::rendezvous:
    return "rendezvous";
  case PropertyKind::lost_messages:
    return "lost_messages";
  case PropertyKind::undelivered:
    return "undelivered";
  case PropertyKind::data_race:
    return "data_race";
  case PropertyKind::assertion:
    return "assertion";
  case PropertyKind::invariant:
    return "invariant";
  case PropertyKind::invalid:
    return "invalid_operations";
  }
  return "?";
}

std::vector<PropertyKind> PropertySet::kinds() const {
  std::vector<PropertyKind> out;
  for (std::size_t k = 0; k < property_kind_count; ++k)
    if (contains(static_cast<PropertyKind>(k)))
      out.push_back(static_cast<PropertyKind>(k));
  return out;
}

PropertyMonitor::PropertyMonitor(const Model &model) : model_(model) {
  const Properties &p = model.scenario.properties;
  if (p.deadlock)
    watched_.insert(PropertyKind::deadlock);
  if (std::any_of(model.channels.begin(), model.channels.end(), [](const Channel &c) { return c.rendezvous_property; }))
    watched_.insert(PropertyKind::rendezvous);
  if (p.lost_messages)
    watched_.insert(PropertyKind::lost_messages);
  if (p.undelivered)
    watched_.insert(PropertyKind::undelivered);
  if (p.data_race.value_or(!model.segments.empty()))
    watched_.insert(PropertyKind::data_race);
  for (const Process &process : model.processes)
    for (const Instruction &i : process.code)
      if (i.op == OpCode::check)
        watched_.insert(PropertyKind::assertion);
  if (!model.invariants.empty())
    watched_.insert(PropertyKind::invariant);
  watched_.insert(PropertyKind::invalid);
}

void PropertyMonitor::check_events(std::span<const Event> events, PropertySet wanted,
                                   std::vector<PropertyViolation> &out) const {
  for (const Event &e : events) {
    PropertyKind kind;
    if (e.kind == EventKind::invalid)
      kind = PropertyKind::invalid;
    else if (e.kind == EventKind::send_end && e.peer == kNone && model_.channels[e.channel].rendezvous_property)
      kind = PropertyKind::rendezvous; // buffered: no receive had begun to take it
    else if (e.kind == EventKind::send_failed || (e.kind == EventKind::lost && !e.fault))
      kind = PropertyKind::lost_messages;
    else if (e.kind == EventKind::assert_failed)
      kind = PropertyKind::assertion;
    else
      continue;
    if (!wanted.contains(kind))
      continue;
    wanted.erase(kind);
    out.push_back({kind, describe_event(kind, e), e.proc, e.mark.line});
  }
}

void PropertyMonitor::check_state(const State &state, PropertySet wanted, std::vector<PropertyViolation> &out) const {
  // Only a blocked process can be deadlocked: the cheap test spares most states the full analysis.
  bool any_blocked = std::any_of(state.procs.begin(), state.procs.end(),
                                 [](const ProcState &ps) { return ps.status == ProcStatus::blocked; });
  if (wanted.contains(PropertyKind::deadlock) && any_blocked && has_deadlock(model_, state))
    out.push_back({PropertyKind::deadlock, describe_deadlock(model_, analyse_blocking(model_, state))});
  if (wanted.contains(PropertyKind::undelivered)) {
    bool buffered = std::any_of(state.channels.begin(), state.channels.end(),
                                [](const ChannelState &c) { return !c.buffer.empty(); });
    if (buffered && Semantics(model_).finished(state))
      out.push_back({PropertyKind::undelivered, describe_undelivered(state)});
  }
  if (wanted.contains(PropertyKind::data_race))
    if (auto pair = conflicting_accesses(model_, state))
      out.push_back({PropertyKind::data_race, describe_conflict(state, *pair)});
  if (wanted.contains(PropertyKind::invariant))
    if (auto broken = broken_invariant(state))
      out.push_back({PropertyKind::invariant, *broken});
}

// An invariant whose evaluation faults (a division by zero, say) does not hold either: it says nothing true.
std::optional<std::string> PropertyMonitor::broken_invariant(const State &state) const {
  ExpressionInputs inputs{{}, {}, state.vars, 0};
  for (const Invariant &inv : model_.invariants) {
    ExpressionResult r = inv.condition.evaluate(inputs);
    if (r.fault != ArithmeticFault::none)
      return fmt::format("invariant violated: '{}' (line {}) cannot be evaluated: {}", inv.condition.text(),
                         inv.mark.line, r.fault == ArithmeticFault::overflow ? "integer overflow" : "division by zero");
    if (r.value == 0)
      return fmt::format("invariant violated: '{}' (line {}) is false", inv.condition.text(), inv.mark.line);
  }
  return std::nullopt;
}

bool PropertyMonitor::violates(std::span<const Event> events, const State &state, PropertySet wanted) const {
  std::vector<PropertyViolation> found; // stays empty, and unallocated, unless something is violated
  check_events(events, wanted, found);
  check_state(state, wanted, found);
  return !found.empty();
}

std::string PropertyMonitor::describe_event(PropertyKind kind, const Event &e) const {
  std::string who = e.proc != kNone ? model_.processes[e.proc].name : "a process";
  std::string where = e.mark.line > 0 ? fmt::format(" (line {})", e.mark.line) : "";
  std::string channel = e.channel != kNone ? model_.channels[e.channel].name : "";
  switch (kind) {
  case PropertyKind::invalid:
    return fmt::format("invalid operation: {}{}: {}", who, where, e.detail);
  case PropertyKind::assertion:
    return fmt::format("assertion violated: {}{}: '{}' is false", who, where, e.detail);
  case PropertyKind::rendezvous:
    return fmt::format("rendezvous violated: {}'s send on {}{} completed with the message buffered, before any "
                       "receive of it began",
                       who, channel, where);
  case PropertyKind::lost_messages:
    if (e.kind == EventKind::lost)
      return fmt::format("lost message: message {} on {} was lost{}", e.msg, channel,
                         e.detail.empty() ? "" : " (" + e.detail + ")");
    return fmt::format("lost message: {}'s non-blocking send on {}{} failed, so the message was never delivered", who,
                       channel, where);
  default:
    return std::string(to_string(kind));
  }
}

std::string PropertyMonitor::describe_conflict(const State &state, std::pair<ProcId, ProcId> pair) const {
  auto access = [&](ProcId p) {
    const Instruction &i = *model_.instruction(p, state.procs[p].pc);
    return fmt::format("{}'s {} (line {})", model_.processes[p].name, i.op == OpCode::write ? "write" : "read",
                       i.mark.line);
  };
  const Instruction &first = *model_.instruction(pair.first, state.procs[pair.first].pc);
  return fmt::format("data race on {}: {} and {} can run back to back, not ordered by any message or semaphore",
                     model_.segments[first.segment].name, access(pair.first), access(pair.second));
}

std::string PropertyMonitor::describe_undelivered(const State &state) const {
  std::string where;
  for (ChannelId c = 0; c < state.channels.size(); ++c) {
    std::size_t n = state.channels[c].buffer.size();
    if (n > 0)
      where += fmt::format("{}{} in {}", where.empty() ? "" : ", ", n, model_.channels[c].name);
  }
  return "undelivered: every process has ended with messages still buffered (" + where + ")";
}

} // namespace ipcsim
