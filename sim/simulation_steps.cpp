#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <new>

namespace sg4 = simgrid::s4u;

namespace ipcsim {
namespace {

// The account a blocked process's wait is charged to.
Account account_of(const Instruction &waiting) {
  switch (waiting.op) {
  case OpCode::send:
    return Account::blocked_send;
  case OpCode::acquire:
    return Account::blocked_semaphore;
  default:
    return Account::blocked_receive;
  }
}

} // namespace

// A failed allocation inside an actor would abort the program (SimGrid cannot carry an exception out of
// an actor): it ends the run instead, with the summary so far.
void Simulation::actor(ProcId p) {
  try {
    take_steps(p);
  } catch (const std::bad_alloc &) {
    stop(RunResult::Stop::out_of_memory,
         fmt::format("stopped: out of memory after {} events (an allocation failed)", result_.events));
  }
}

void Simulation::take_steps(ProcId p) {
  while (!stopping_) {
    const ProcState &ps = state_.procs[p];
    if (ps.status != ProcStatus::ready)
      break;
    std::uint64_t points = scheduling_points();
    take_step(p, *model_.instruction(p, ps.pc));
    if (!stopping_ && state_.procs[p].status == ProcStatus::blocked)
      wait_until_released(p);
    if (!stopping_)
      settle_deliveries(p);
    if (!stopping_)
      take_turns(p, points);
  }
  result_.processes[p].end = sg4::Engine::get_clock();
  if (pending_exit_[p] && !stopping_) {
    finishing_[p] = false;
    events_.push_back(*pending_exit_[p]);
    publish(events_.size() - 1, p, 0);
  }
}

// Fair turns at equal times (docs/semantics.md): a step that took no simulated time and waited for nothing
// made no SimGrid call, so nothing else could have run; yielding puts this process behind every process
// ready at the same time, which SimGrid then runs in the order they became ready.
void Simulation::take_turns(ProcId p, std::uint64_t points_before) {
  if (state_.procs[p].status != ProcStatus::ready || scheduling_points() != points_before)
    return;
  sg4::this_actor::yield();
  ++scheduling_points_;
}

void Simulation::take_step(ProcId p, const Instruction &i) {
  switch (i.op) {
  case OpCode::compute: {
    double seconds = i.flops ? *i.flops / hosts_[model_.processes[p].host]->get_speed() : random_[p].sample(i.duration);
    timed_step(p, seconds, [this, p, seconds] { cpu(p, seconds); });
    break;
  }
  case OpCode::sleep: {
    double seconds = random_[p].sample(i.duration);
    timed_step(p, seconds, [this, seconds] {
      if (seconds <= 0)
        return;
      sg4::this_actor::sleep_for(seconds);
      ++scheduling_points_;
    });
    break;
  }
  case OpCode::send:
    step_start_[p] = sg4::Engine::get_clock();
    cpu(p, costs_.call_seconds(i));
    pay_sender_side(p, i);
    fire(p, [this, p, &i] { return send_fault(p, i); });
    break;
  case OpCode::receive:
    cpu(p, costs_.call_seconds(i));
    fire(p, [this, p] { return semantics_.oldest_alternative(state_, p); });
    break;
  case OpCode::choose:
    fire(p, [this, p, &i] { return random_[p].pick(static_cast<std::uint32_t>(i.branches.size())); });
    break;
  default: // wait, and the calls on mailboxes, semaphores and segments
    cpu(p, costs_.call_seconds(i));
    fire(p, [] { return 0u; });
    break;
  }
}

// A compute or sleep is fired when it starts (the trace shows it there, with its duration), then takes its
// time. An owner's last step is the exception: the semantics ends the process in the transition of its last
// step, and the end takes the owner's user-space mailboxes with it, which must live until it exits; so that
// step is fired, and traced, when its time has passed.
void Simulation::timed_step(ProcId p, double seconds, const std::function<void()> &take_time) {
  if (ends_an_owner(p)) {
    take_time();
    if (fire(
            p, [] { return 0u; }, seconds))
      publish_after_the_time(p);
  } else if (fire(
                 p, [] { return 0u; }, seconds)) {
    take_time();
    publish_after_the_time(p);
  }
}

// The silent steps that follow a compute or sleep (a `set`, a test) happen when it is over, not when it
// starts: their events wait in after_the_time_[p] until then. The process's exit stays: publish() already
// holds it until the actor has finished (pending_exit_).
void Simulation::hold_after_the_time(ProcId p, std::size_t first) {
  auto timed = std::find_if(events_.begin() + static_cast<std::ptrdiff_t>(first), events_.end(), [](const Event &e) {
    return e.kind == EventKind::compute || e.kind == EventKind::sleep;
  });
  if (timed == events_.end())
    return;
  auto exits = std::stable_partition(timed + 1, events_.end(), [](const Event &e) { return e.kind == EventKind::exit; });
  after_the_time_[p].assign(exits, events_.end());
  events_.erase(exits, events_.end());
}

void Simulation::publish_after_the_time(ProcId p) {
  if (after_the_time_[p].empty() || stopping_)
    return;
  events_.swap(after_the_time_[p]);
  after_the_time_[p].clear();
  watch_->transition(events_, state_, sg4::Engine::get_clock());
  publish(0, p, 0);
  check_for_stop();
}

// Whether p's next step (a compute or sleep, which cannot block or fail) is its last and p owns mailboxes.
// Found by firing it on a copy: the semantics alone knows where p's control flow goes next.
bool Simulation::ends_an_owner(ProcId p) const {
  if (model_.processes[p].owned.empty())
    return false;
  State after = state_;
  std::vector<Event> ignored;
  semantics_.apply(after, {p, 0}, ignored);
  return after.procs[p].status == ProcStatus::ended;
}

void Simulation::cpu(ProcId p, double seconds) {
  if (seconds <= 0)
    return;
  accounts_.open(p, Account::busy, sg4::Engine::get_clock());
  sg4::this_actor::execute(seconds * hosts_[model_.processes[p].host]->get_speed());
  ++scheduling_points_;
  accounts_.close(p, sg4::Engine::get_clock());
}

// Moves bytes between two hosts over the platform's link (SimGrid's network model), charged to `account`;
// nothing on one host.
void Simulation::transfer(ProcId p, Account account, std::uint32_t from, std::uint32_t to, std::uint64_t bytes) {
  if (from == to)
    return;
  accounts_.open(p, account, sg4::Engine::get_clock());
  sg4::Comm::sendto(hosts_[from], hosts_[to], bytes);
  ++scheduling_points_;
  accounts_.close(p, sg4::Engine::get_clock());
}

void Simulation::copy(ProcId p, ChannelId c, const CopyCost &cost) {
  cpu(p, cost.cpu);
  result_.channels[c].bytes_copied += cost.bytes_copied;
}

void Simulation::pay_sender_side(ProcId p, const Instruction &send) {
  std::uint64_t size = model_.channels[send.channel].padded_size(send.size);
  copy(p, send.channel, costs_.sender_side(send.channel, size));
  transfer(p, Account::blocked_send, model_.processes[p].host, costs_.home_host(send.channel), size);
}

// The messages p has taken since its last step boundary: each travels to p's host if its channel lives
// elsewhere and is copied out unless mapped; then its receive has returned.
void Simulation::settle_deliveries(ProcId p) {
  std::vector<TakenMessage> taken;
  while (!owed_[p].empty()) {
    taken.swap(owed_[p]);
    for (const TakenMessage &d : taken) {
      transfer(p, Account::blocked_receive, costs_.home_host(d.channel), model_.processes[p].host, d.size);
      copy(p, d.channel, costs_.receiver_side(d.size));
    }
    double now = sg4::Engine::get_clock();
    for (const TakenMessage &d : taken)
      result_.channels[d.channel].latencies.push_back(now - d.send_start);
    taken.clear();
  }
}

// Released by another process's step: the operation completed, or failed because its mailbox ceased to
// exist (then the process stops where it is, and does not resume). An operation with a timeout may instead
// pass its timeout unserved: then the process gives up, in a transition of its own, and goes on at `else`.
void Simulation::wait_until_released(ProcId p) {
  const Instruction &waiting = blocking_operation(model_, state_, p);
  accounts_.open(p, account_of(waiting), sg4::Engine::get_clock(), waiting.semaphore);
  bool released = true;
  if (waiting.timeout) {
    released = released_in_time(p, random_[p].sample(*waiting.timeout));
  } else {
    wake_[p]->acquire();
    ++scheduling_points_;
  }
  accounts_.close(p, sg4::Engine::get_clock());
  if (state_.procs[p].status == ProcStatus::failed || state_.procs[p].status == ProcStatus::crashed)
    return;
  result_.processes[p].context_switches += 1;
  cpu(p, model_.scenario.costs.context_switch);
  if (!released)
    fire(p, [] { return kTimeOut; });
}

// Waits for the releasing step for at most `timeout` seconds; false when the time passed first. While a
// forced schedule (--replay) lasts, the schedule alone says when a process gives up (give_up_as_scheduled):
// the timer then starts again, so that the run after the schedule still gives up by itself.
bool Simulation::released_in_time(ProcId p, double timeout) {
  double deadline = sg4::Engine::get_clock() + timeout;
  for (;;) {
    bool passed = wake_[p]->acquire_timeout(std::max(0.0, deadline - sg4::Engine::get_clock()));
    ++scheduling_points_;
    if (!passed)
      return true;
    if (state_.procs[p].status != ProcStatus::blocked) { // released at the very moment the time ran out
      wake_[p]->acquire();
      return true;
    }
    if (!forced_->active())
      return false;
    deadline = sg4::Engine::get_clock() + timeout;
  }
}

// --replay: the schedule names a blocked process's time-out next. That process is waiting for its release,
// not for its turn, so the process `self` that has just taken a step fires the time-out for it and wakes it
// (itself, when its own step has just blocked it: it has not started to wait yet).
void Simulation::give_up_as_scheduled(ProcId self) {
  giving_up_ = true;
  while (std::optional<Transition> next = forced_->next()) {
    ProcId q = next->proc;
    if (stopping_ || state_.procs[q].status != ProcStatus::blocked)
      break;
    if (next->alternative == kCrash) {
      crash_as_scheduled(q, self);
      continue;
    }
    if (next->alternative != kTimeOut || !semantics_.can_time_out(state_, q))
      break;
    fire(q, [] { return kTimeOut; });
    if (q != self)
      wake_[q]->release();
  }
  giving_up_ = false;
}

// While a forced schedule (--replay) lasts, a process fires only when the schedule names it next, and
// takes the schedule's alternative; afterwards `pick` (the simulator's own choice) decides.
// Returns false when the run stops here (a limit, an interrupt) or the process crashed in it (a forced
// schedule's crash): the step's time is then not spent.
bool Simulation::fire(ProcId p, const std::function<std::uint32_t()> &pick, double duration) {
  std::optional<Transition> forced = forced_ ? forced_->take(p) : std::nullopt;
  Transition t = forced.value_or(Transition{p, 0});
  if (!forced)
    t.alternative = pick();
  std::size_t first = events_.size();
  semantics_.apply(state_, t, events_);
  if (duration > 0)
    hold_after_the_time(t.proc, first);
  watch_->transition(std::span<const Event>(events_.begin() + static_cast<std::ptrdiff_t>(first), events_.end()),
                     state_, sg4::Engine::get_clock());
  publish(first, p, duration);
  ++transitions_;
  check_for_stop();
  if (forced) {
    result_.forced_until = sg4::Engine::get_clock();
    forced_->pass_on();
    if (!stopping_ && !giving_up_)
      give_up_as_scheduled(p);
  }
  return !stopping_ && state_.procs[p].status != ProcStatus::crashed; // a crashed process spends no more time
}

} // namespace ipcsim
