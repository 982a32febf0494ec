#include "models/semantics.hpp"

#include "models/firing.hpp"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>

namespace ipcsim {

// ---------------------------------------------------------------------------------------------------------
// Semantics: the public face.

State Semantics::initial_state(std::vector<Event> &events) const {
  State state;
  state.procs.resize(model_.processes.size());
  state.counters.resize(model_.counter_count);
  state.handles.resize(model_.handle_count);
  state.vars.reserve(model_.var_count);
  for (const Variable &v : model_.globals)
    state.vars.push_back(v.initial);
  for (const Process &p : model_.processes)
    for (const Variable &v : p.variables)
      state.vars.push_back(v.initial);
  state.channels.resize(model_.channels.size());
  for (ChannelId c = 0; c < model_.channels.size(); ++c) {
    state.channels[c].exists = model_.channels[c].created;
    state.channels[c].may_receive = model_.channels[c].receivers.value_or(std::vector<ProcId>{});
  }
  for (const Semaphore &s : model_.semaphores)
    state.semaphores.push_back({s.initial, {}});
  Firing firing(model_, state, events);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    events.push_back({.kind = EventKind::start, .proc = p, .mark = model_.processes[p].mark});
    firing.settle(p);
  }
  return state;
}

void Semantics::enabled(const State &state, std::vector<Transition> &out) const {
  out.clear();
  for (ProcId p = 0; p < state.procs.size(); ++p)
    transitions_of(state, p, out);
}

void Semantics::transitions_of(const State &state, ProcId p, std::vector<Transition> &out) const {
  ProcStatus status = state.procs[p].status;
  if (status == ProcStatus::ready) {
    for (std::uint32_t a = 0, n = alternative_count(state, p); a < n; ++a)
      out.push_back({p, a});
    if (may_lose(state, p))
      out.push_back({p, kLose});
    if (may_duplicate(state, p))
      out.push_back({p, kDuplicate});
  } else if (can_time_out(state, p)) {
    out.push_back({p, kTimeOut});
  }
  if (model_.processes[p].crash && (status == ProcStatus::ready || status == ProcStatus::blocked))
    out.push_back({p, kCrash});
}

bool Semantics::may_lose(const State &state, ProcId p) const {
  const Instruction &i = *model_.instruction(p, state.procs[p].pc);
  return i.op == OpCode::send && model_.channels[i.channel].faults.loss > 0;
}

// Only where both copies fit in the buffer, so that the duplicate never has to wait.
bool Semantics::may_duplicate(const State &state, ProcId p) const {
  const Instruction &i = *model_.instruction(p, state.procs[p].pc);
  if (i.op != OpCode::send)
    return false;
  const Channel &c = model_.channels[i.channel];
  const ChannelState &cs = state.channels[i.channel];
  std::uint64_t size = c.padded_size(i.size);
  return c.faults.duplicate > 0 && cs.exists && cs.senders.empty() && (!c.capacity || cs.buffer.size() + 2 <= *c.capacity) &&
         (!c.capacity_bytes || cs.bytes + 2 * size <= *c.capacity_bytes);
}

bool Semantics::can_time_out(const State &state, ProcId p) const {
  return ipcsim::can_time_out(model_, state, p);
}

bool can_time_out(const Model &model, const State &state, ProcId p) {
  return state.procs[p].status == ProcStatus::blocked && model.instruction(p, state.procs[p].pc)->timeout;
}

std::uint32_t Semantics::alternative_count(const State &state, ProcId p) const {
  const Instruction &i = *model_.instruction(p, state.procs[p].pc);
  if (i.op == OpCode::choose)
    return static_cast<std::uint32_t>(i.branches.size());
  if (i.op == OpCode::receive && i.sources.size() > 1) { // counted, not listed: enabled() allocates nothing
    std::vector<Event> unused;
    Firing firing(model_, const_cast<State &>(state), unused);
    auto ready = std::count_if(i.sources.begin(), i.sources.end(),
                               [&](ChannelId c) { return firing.oldest_deliverable(c, i, p) != kNone; });
    return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(ready));
  }
  return 1;
}

std::uint32_t Semantics::oldest_alternative(const State &state, ProcId p) const {
  const Instruction &i = *model_.instruction(p, state.procs[p].pc);
  if (i.op != OpCode::receive || i.sources.size() < 2)
    return 0; // one source: one alternative at most
  std::vector<Event> unused;
  Firing firing(model_, const_cast<State &>(state), unused);
  auto ready = firing.deliverable_sources(p, i);
  std::uint32_t best = 0;
  for (std::uint32_t a = 1; a < ready.size(); ++a)
    if (firing.oldest_deliverable(ready[a], i, p) < firing.oldest_deliverable(ready[best], i, p))
      best = a;
  return best;
}

void Semantics::apply(State &state, Transition t, std::vector<Event> &events) const {
  Firing(model_, state, events).fire(t);
}

bool Semantics::finished(const State &state) const {
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    const ProcState &ps = state.procs[p];
    if (ps.status == ProcStatus::ready)
      return false;
    bool idle_server = model_.processes[p].server && blocking_operation(model_, state, p).op == OpCode::receive &&
                       !can_time_out(state, p);
    if (ps.status == ProcStatus::blocked && !idle_server)
      return false;
  }
  return true;
}

const Instruction &blocking_operation(const Model &model, const State &state, ProcId p) {
  const Instruction &i = *model.instruction(p, state.procs[p].pc);
  if (i.op != OpCode::wait)
    return i;
  return *model.instruction(p, state.handles[model.processes[p].handle_base + i.handle].origin);
}

// ---------------------------------------------------------------------------------------------------------
// Firing: process steps.

void Semantics::Firing::fire(Transition t) {
  ProcId p = t.proc;
  if (t.alternative == kTimeOut)
    return time_out(p);
  if (t.alternative == kCrash)
    return crash(p);
  assert(state_.procs[p].status == ProcStatus::ready);
  const Instruction &i = *model_.instruction(p, state_.procs[p].pc);
  switch (i.op) {
  case OpCode::compute:
  case OpCode::sleep:
    emit(i.op == OpCode::compute ? EventKind::compute : EventKind::sleep, p, i);
    advance(p, state_.procs[p].pc + 1);
    break;
  case OpCode::send:
    send(p, i, t.alternative);
    break;
  case OpCode::receive:
    receive(p, i, t.alternative);
    break;
  case OpCode::wait:
    wait(p, i);
    break;
  case OpCode::choose:
    events_.push_back(
        {.kind = EventKind::choose, .proc = p, .branch = static_cast<int>(t.alternative), .mark = i.mark});
    advance(p, i.branches.at(t.alternative));
    break;
  case OpCode::create:
    create(p, i);
    break;
  case OpCode::remove:
    remove(p, i);
    break;
  case OpCode::give:
    give(p, i);
    break;
  case OpCode::acquire:
    acquire(p, i);
    break;
  case OpCode::release:
    release(p, i);
    break;
  case OpCode::attach:
  case OpCode::detach:
    attachment(p, i);
    break;
  case OpCode::read:
  case OpCode::write:
    access(p, i);
    break;
  case OpCode::assign:
  case OpCode::test:
  case OpCode::check:
  case OpCode::route:
    if (internal(p, i))
      settle(p);
    break;
  default:
    assert(false && "a process rests only at visible steps");
  }
}

void Semantics::Firing::settle(ProcId p) {
  const Process &process = model_.processes[p];
  std::uint32_t &pc = state_.procs[p].pc;
  std::uint32_t silent = 0;
  while (pc < process.code.size()) {
    const Instruction &i = process.code[pc];
    if (i.silent) {
      if (!run_silent(p, i, silent))
        return;
    } else if (i.op == OpCode::jump) {
      pc = i.target;
    } else if (i.op == OpCode::repeat_init) {
      state_.counters[process.counter_base + i.counter] = i.times;
      ++pc;
    } else if (i.op == OpCode::repeat_next) {
      std::uint64_t &left = state_.counters[process.counter_base + i.counter];
      pc = left > 0 ? pc + 1 : i.target;
      left = left > 0 ? left - 1 : 0;
    } else {
      return;
    }
  }
  end(p);
}

void Semantics::Firing::advance(ProcId p, std::uint32_t pc) {
  state_.procs[p].pc = pc;
  settle(p);
}

void Semantics::Firing::emit(EventKind kind, ProcId p, const Instruction &i, ChannelId c, const Message *m,
                             ProcId peer) {
  Event e{.kind = kind, .proc = p, .channel = c, .peer = peer, .mark = i.mark};
  if (m) {
    e.msg = m->id;
    e.size = m->size;
    e.tag = m->tag;
    e.value = m->value;
  } else if (kind == EventKind::recv_begin || kind == EventKind::recv_failed || kind == EventKind::recv_timeout) {
    e.tag = i.tag;
  }
  events_.push_back(std::move(e));
}

std::optional<std::string> Semantics::Firing::send_error(ProcId p, const Instruction &i) const {
  if (auto missing = existence_error(i.channel))
    return missing;
  const Channel &c = model_.channels[i.channel];
  const MessageSize &limit = c.message_size;
  std::uint64_t size = c.padded_size(i.size);
  if (c.too_large(i.size))
    return fmt::format("message of {} B is larger than the {} message size of {} ({} B)", size,
                       limit.kind == MessageSize::Kind::fixed ? "fixed" : "maximum", c.name, limit.bytes);
  if (c.capacity_bytes && c.capacity != 0u && size > *c.capacity_bytes)
    return fmt::format("message of {} B can never fit in {} (capacity_bytes {} B)", size, c.name, *c.capacity_bytes);
  if (i.mode == Mode::async &&
      state_.handles[model_.processes[p].handle_base + i.handle].status == HandleStatus::pending)
    return fmt::format("handle {} is still pending", model_.processes[p].handle_names[i.handle]);
  return std::nullopt;
}

void Semantics::Firing::send(ProcId p, const Instruction &i, std::uint32_t alternative) {
  PendingSend s{.proc = p,
                .message = {state_.next_message++, p, i.tag, model_.channels[i.channel].padded_size(i.size)}};
  if (!message_value(p, i, s.message.value))
    return;
  emit(EventKind::send_begin, p, i, i.channel, &s.message);
  if (auto error = send_error(p, i))
    return fail(p, i, *error);
  if (alternative == kLose)
    return lose(p, i, s);
  std::uint32_t pc = state_.procs[p].pc;
  if (i.mode == Mode::async) {
    s.handle = model_.processes[p].handle_base + i.handle;
    state_.handles[s.handle] = {HandleStatus::pending, pc};
  }
  if (model_.channels[i.channel].multicast)
    return multicast_send(p, i, s);
  if (accepts_now(i.channel, s.message)) {
    accept(i.channel, s);
    if (alternative == kDuplicate)
      duplicate(i.channel, s.message);
    return advance(p, pc + 1);
  }
  switch (i.mode) {
  case Mode::blocking:
    state_.channels[i.channel].senders.push_back(s);
    return block(p, i, i.channel);
  case Mode::nonblocking:
    emit(EventKind::send_failed, p, i, i.channel, &s.message);
    return advance(p, i.target);
  case Mode::async:
    state_.channels[i.channel].senders.push_back(s);
    return advance(p, pc + 1);
  }
}

std::optional<std::string> Semantics::Firing::receive_error(ProcId p, const Instruction &i) const {
  for (ChannelId c : i.sources) {
    if (auto missing = existence_error(c))
      return missing;
    if (!holds_privilege(c, p))
      return fmt::format("{} is not allowed to receive from {}", model_.processes[p].name, model_.channels[c].name);
    if (model_.channels[c].exclusive_receive && !state_.channels[c].receivers.empty())
      return fmt::format("{} is exclusive_receive and {} is already inside a receive on it", model_.channels[c].name,
                         model_.processes[state_.channels[c].receivers.front().proc].name);
  }
  if (i.mode == Mode::async &&
      state_.handles[model_.processes[p].handle_base + i.handle].status == HandleStatus::pending)
    return fmt::format("handle {} is still pending", model_.processes[p].handle_names[i.handle]);
  return std::nullopt;
}

void Semantics::Firing::receive(ProcId p, const Instruction &i, std::uint32_t alternative) {
  emit(EventKind::recv_begin, p, i, i.sources.size() == 1 ? i.sources[0] : kNone);
  if (auto error = receive_error(p, i))
    return fail(p, i, *error);
  std::uint32_t pc = state_.procs[p].pc;
  std::uint32_t handle = i.mode == Mode::async ? model_.processes[p].handle_base + i.handle : kNone;
  ChannelId from = kNone;
  if (i.sources.size() == 1) { // the common case, without building a vector
    if (oldest_deliverable(i.sources[0], i, p) != kNone)
      from = i.sources[0];
  } else if (auto ready = deliverable_sources(p, i); !ready.empty()) {
    from = ready.at(alternative);
  }
  if (from != kNone) {
    if (handle != kNone)
      state_.handles[handle] = {HandleStatus::done, pc};
    take(p, from, i);
    if (state_.procs[p].status == ProcStatus::failed) // the value was out of its `into` variable's range
      return;
    return advance(p, pc + 1);
  }
  PendingReceive r{.proc = p, .handle = handle, .tag = i.tag};
  switch (i.mode) {
  case Mode::blocking:
    for (ChannelId c : i.sources)
      state_.channels[c].receivers.push_back(r);
    return block(p, i, i.sources.size() == 1 ? i.sources[0] : kNone);
  case Mode::nonblocking:
    emit(EventKind::recv_failed, p, i, i.sources.size() == 1 ? i.sources[0] : kNone);
    return advance(p, i.target);
  case Mode::async:
    state_.handles[handle] = {HandleStatus::pending, pc};
    for (ChannelId c : i.sources)
      state_.channels[c].receivers.push_back(r);
    return advance(p, pc + 1);
  }
}

void Semantics::Firing::wait(ProcId p, const Instruction &i) {
  HandleState &h = state_.handles[model_.processes[p].handle_base + i.handle];
  switch (h.status) {
  case HandleStatus::done:
    h.status = HandleStatus::idle;
    emit(EventKind::wait, p, i);
    return advance(p, state_.procs[p].pc + 1);
  case HandleStatus::pending:
    return block(p, i, kNone);
  case HandleStatus::idle:
    return fail(
        p, i,
        fmt::format("wait on handle {}, which has no pending operation", model_.processes[p].handle_names[i.handle]));
  case HandleStatus::failed:
    h.status = HandleStatus::idle;
    return fail(p, i,
                fmt::format("wait on handle {}, whose operation failed: its mailbox ceased to exist",
                            model_.processes[p].handle_names[i.handle]));
  }
}

// The blocked operation leaves its queue as if it had never waited, and the process goes on at its `else`.
void Semantics::Firing::time_out(ProcId p) {
  const Instruction &i = *model_.instruction(p, state_.procs[p].pc);
  assert(state_.procs[p].status == ProcStatus::blocked && i.timeout);
  if (i.op == OpCode::send) {
    const auto &senders = state_.channels[i.channel].senders;
    auto own = std::find_if(senders.begin(), senders.end(),
                            [&](const PendingSend &s) { return s.proc == p && s.handle == kNone; });
    emit(EventKind::send_timeout, p, i, i.channel, &own->message);
  } else if (i.op == OpCode::receive) {
    emit(EventKind::recv_timeout, p, i, i.sources.size() == 1 ? i.sources[0] : kNone);
  } else {
    events_.push_back({.kind = EventKind::acquire_timeout, .proc = p, .semaphore = i.semaphore, .mark = i.mark});
  }
  leave_wait(p);
  state_.procs[p].status = ProcStatus::ready;
  advance(p, i.target);
}

void Semantics::Firing::block(ProcId p, const Instruction &i, ChannelId c) {
  state_.procs[p].status = ProcStatus::blocked;
  emit(EventKind::block, p, i, c);
}

void Semantics::Firing::fail(ProcId p, const Instruction &i, std::string why) {
  Event e{.kind = EventKind::invalid, .proc = p, .mark = i.mark, .detail = std::move(why)};
  events_.push_back(std::move(e));
  state_.procs[p].status = ProcStatus::failed;
  stop(p);
}

// The exit comes last, after what the process takes with it (its mailboxes' messages, lost), as the
// simulator writes it: there the exit is the actor's end, after its last step's events.
void Semantics::Firing::end(ProcId p) {
  state_.procs[p].status = ProcStatus::ended;
  stop(p);
  events_.push_back({.kind = EventKind::exit, .proc = p});
}

// A process that stops detaches its segments, withdraws its posted receives and takes its user-space
// mailboxes with it.
void Semantics::Firing::stop(ProcId p) {
  state_.procs[p].attached = 0;
  cancel_receives(p);
  for (ChannelId c : model_.processes[p].owned)
    if (state_.channels[c].exists)
      destroy(c, p,
              fmt::format("its owner {} {}", model_.processes[p].name,
                          state_.procs[p].status == ProcStatus::ended     ? "exited"
                          : state_.procs[p].status == ProcStatus::crashed ? "crashed"
                                                                          : "was stopped"));
}

// A process that stops takes its posted receives with it (nobody is left to use the message); its posted
// sends stay queued, as a message already handed to the system does.
void Semantics::Firing::cancel_receives(ProcId p) {
  const Process &process = model_.processes[p];
  for (std::uint32_t h = 0; h < process.handle_names.size(); ++h) {
    HandleState &handle = state_.handles[process.handle_base + h];
    if (handle.status != HandleStatus::pending || process.code[handle.origin].op != OpCode::receive)
      continue;
    withdraw({.proc = p, .handle = process.handle_base + h});
    handle.status = HandleStatus::idle;
  }
}

} // namespace ipcsim
