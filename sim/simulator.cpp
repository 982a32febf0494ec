#include "sim/simulator.hpp"

#include "models/data_race.hpp"
#include "models/semantics.hpp"
#include "sim/cost_model.hpp"
#include "sim/engine_setup.hpp"
#include "sim/forced_schedule.hpp"
#include "sim/platform_builder.hpp"
#include "sim/property_watch.hpp"
#include "sim/random.hpp"
#include "sim/run_metrics.hpp"
#include "sim/time_accounts.hpp"

#include <simgrid/s4u.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <csignal>
#include <fmt/format.h>
#include <new>
#include <stdexcept>

namespace sg4 = simgrid::s4u;

namespace ipcsim {

namespace {

// One simulation: the shared state that every actor steps through the semantics. SimGrid runs one actor
// at a time, so no locking is needed; an actor that blocks waits on its own semaphore, which the actor
// whose transition released it signals.
class Simulation {
public:
  Simulation(const Model &model, const RunOptions &options, const std::function<void(const TraceEvent &)> &on_event)
      : model_(model), semantics_(model), costs_(model), options_(options), on_event_(on_event),
        result_(blank_result(model)), accounts_(result_), metrics_(model, result_) {
    owed_.resize(model.processes.size());
    step_start_.resize(model.processes.size());
    // With no segment there is nothing to race on: the clocks would cost every message for nothing.
    if (!model.segments.empty() && PropertyMonitor(model).watched().contains(PropertyKind::data_race))
      happens_before_.emplace(model);
  }

  RunResult run();

private:
  static RunResult blank_result(const Model &model) {
    RunResult r;
    r.processes.resize(model.processes.size());
    return r;
  }

  void actor(ProcId p);
  void take_steps(ProcId p);
  void take_step(ProcId p, const Instruction& i);
  bool fire(ProcId p, const std::function<std::uint32_t()>& pick, double duration = 0);
  void publish(std::size_t first, ProcId self, double duration, std::optional<double> at = std::nullopt);
  void observe(const Event &e, double now);
  void check_for_stop();
  std::optional<std::uint64_t> race_at(const Event &e, double now);
  void timed_step(ProcId p, double seconds, const std::function<void()>& take_time);
  bool ends_an_owner(ProcId p) const;
  void cpu(ProcId p, double seconds);
  void transfer(ProcId p, Account account, std::uint32_t from, std::uint32_t to, std::uint64_t bytes);
  void copy(ProcId p, ChannelId c, const CopyCost& cost);
  void pay_sender_side(ProcId p, const Instruction& send);
  void settle_deliveries(ProcId p);
  void wait_until_released(ProcId p);
  void take_turns(ProcId p, std::uint64_t points_before);
  std::uint64_t scheduling_points() const { return scheduling_points_ + (forced_ ? forced_->waits() : 0); }
  void stop(RunResult::Stop why, std::string message);
  void conclude_blocked();
  void emit_system_event(EventKind kind, std::string detail);
  void publish_initial_state();
  void describe_processes();
  void stop_at_time_limit();
  void require_an_end() const;

  const Model& model_;
  Semantics semantics_;
  CostModel costs_;
  const RunOptions& options_;
  const std::function<void(const TraceEvent&)>& on_event_;
  State state_;
  std::vector<Event> events_;
  std::vector<sg4::Host*> hosts_;
  std::vector<sg4::SemaphorePtr> wake_;
  std::optional<ForcedSchedule> forced_;
  std::vector<ProcessRandom> random_;
  RunResult result_;
  TimeAccounts accounts_;
  RunMetrics metrics_;
  std::optional<PropertyWatch> watch_;
  bool stopping_ = false;
  bool actors_running_ = false;
  std::vector<std::optional<Event>> pending_exit_; // an exit is traced when the actor has finished its last step
  std::vector<bool> finishing_; // ended in the semantics, its actor still spending its last step's time
  double last_event_time_ = 0;
  std::uint64_t transitions_ = 0;
  std::uint64_t scheduling_points_ = 0;         // SimGrid calls made by actors, each a chance for the others to run
  std::optional<HappensBefore> happens_before_; // set when data races are watched

  // A message's latency runs from the start of its send step to the end of the receive-side costs of the
  // process that took it; those are paid at that process's next step boundary.
  std::vector<std::vector<TakenMessage>> owed_; // by process: taken, receive-side costs not yet paid
  std::vector<double> step_start_;              // by process: when its current send step began
};

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
    const ProcState& ps = state_.procs[p];
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

void Simulation::take_step(ProcId p, const Instruction& i) {
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
    fire(p, [] { return 0u; });
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
void Simulation::timed_step(ProcId p, double seconds, const std::function<void()>& take_time) {
  if (ends_an_owner(p)) {
    take_time();
    fire(p, [] { return 0u; }, seconds);
  } else if (fire(p, [] { return 0u; }, seconds)) {
    take_time();
  }
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

void Simulation::copy(ProcId p, ChannelId c, const CopyCost& cost) {
  cpu(p, cost.cpu);
  result_.channels[c].bytes_copied += cost.bytes_copied;
}

void Simulation::pay_sender_side(ProcId p, const Instruction& send) {
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

// Released by another process's step: the operation completed, or failed because its mailbox ceased to
// exist (then the process stops where it is, and does not resume).
void Simulation::wait_until_released(ProcId p) {
  const Instruction& waiting = blocking_operation(model_, state_, p);
  accounts_.open(p, account_of(waiting), sg4::Engine::get_clock(), waiting.semaphore);
  wake_[p]->acquire();
  ++scheduling_points_;
  accounts_.close(p, sg4::Engine::get_clock());
  if (state_.procs[p].status == ProcStatus::failed)
    return;
  result_.processes[p].context_switches += 1;
  cpu(p, model_.scenario.costs.context_switch);
}

// While a forced schedule (--replay) lasts, a process fires only when the schedule names it next, and
// takes the schedule's alternative; afterwards `pick` (the simulator's own choice) decides.
// Returns false when the run stops here (a limit, an interrupt): the step's time is then not spent.
bool Simulation::fire(ProcId p, const std::function<std::uint32_t()>& pick, double duration) {
  std::optional<Transition> forced = forced_ ? forced_->take(p) : std::nullopt;
  Transition t = forced.value_or(Transition{p, 0});
  if (!forced)
    t.alternative = pick();
  std::size_t first = events_.size();
  semantics_.apply(state_, t, events_);
  watch_->transition(std::span<const Event>(events_.begin() + static_cast<std::ptrdiff_t>(first), events_.end()),
                     state_, sg4::Engine::get_clock());
  publish(first, p, duration);
  if (forced) {
    result_.forced_until = sg4::Engine::get_clock();
    forced_->pass_on();
  }
  ++transitions_;
  check_for_stop();
  return !stopping_;
}

// Hands the new events to the trace and the counters, then wakes every other process they released.
// Waking is a SimGrid call that may run the woken actor at once, so it comes after the events are out.
void Simulation::publish(std::size_t first, ProcId self, double duration, std::optional<double> at) {
  double now = at.value_or(sg4::Engine::get_clock());
  boost::container::small_vector<ProcId, 8> released; // usually 0 or 1 process: no heap allocation
  if (happens_before_)
    happens_before_->begin(self);
  for (std::size_t k = first; k < events_.size(); ++k) {
    const Event& e = events_[k];
    if (e.kind == EventKind::exit && actors_running_ && !pending_exit_[e.proc]) {
      pending_exit_[e.proc] = e;
      finishing_[e.proc] = true;
      continue;
    }
    observe(e, now);
    std::optional<std::uint64_t> race_with = race_at(e, now);
    // A blocked process resumes when its operation completes, and stops when it fails.
    if ((e.kind == EventKind::unblock || e.kind == EventKind::invalid) && e.proc != self)
      released.push_back(e.proc);
    if (on_event_) {
      TraceEvent t = to_trace_event(model_, e);
      t.seq = result_.events;
      t.t = now;
      if (e.kind == EventKind::compute || e.kind == EventKind::sleep)
        t.duration = duration;
      t.race_with = race_with;
      on_event_(t);
    }
    ++result_.events;
  }
  events_.clear();
  last_event_time_ = now;
  if (result_.events >= options_.max_events && !stopping_ && result_.outcome != RunResult::Outcome::deadlock)
    return stop(RunResult::Stop::max_events,
                "stopped after " + std::to_string(result_.events) + " events (--max-events)");
  for (ProcId p : released) {
    wake_[p]->release();
    ++scheduling_points_;
  }
}

void Simulation::observe(const Event &e, double now) {
  if (e.kind == EventKind::invalid && result_.outcome == RunResult::Outcome::completed) {
    result_.outcome = RunResult::Outcome::invalid;
    result_.message = "invalid operation: " + model_.processes[e.proc].name + ": " + e.detail;
  }
  if (std::optional<TakenMessage> taken = metrics_.observe(e, state_, now, e.proc != kNone ? step_start_[e.proc] : 0))
    owed_[e.proc].push_back(*taken);
}

// Between transitions: an interrupt (SIGINT, SIGTERM) ends the run like a limit, and a long run shows how far
// it has come.
void Simulation::check_for_stop() {
  if (transitions_ % 256 == 0 && options_.on_progress)
    options_.on_progress({sg4::Engine::get_clock(), result_.events, metrics_.messages_received()});
  int signal = options_.interrupt ? options_.interrupt->load(std::memory_order_relaxed) : 0;
  if (signal != 0 && !stopping_)
    stop(RunResult::Stop::interrupted,
         fmt::format("interrupted by {} after {} events", signal == SIGTERM ? "SIGTERM" : "SIGINT", result_.events));
}

// A race is recorded on the later of the two accesses; returns the trace position of the earlier access of
// the first race found there (an access may race with several).
std::optional<std::uint64_t> Simulation::race_at(const Event &e, double now) {
  if (!happens_before_)
    return std::nullopt;
  std::size_t known = result_.data_races.size();
  happens_before_->observe(e, result_.events, result_.data_races);
  for (std::size_t k = known; k < result_.data_races.size(); ++k)
    watch_->data_race(result_.data_races[k], e, now);
  if (result_.data_races.size() == known)
    return std::nullopt;
  return result_.data_races[known].earlier_seq;
}

void Simulation::emit_system_event(EventKind kind, std::string detail) {
  events_.push_back({.kind = kind, .detail = std::move(detail)});
  publish(events_.size() - 1, kNone, 0, last_event_time_); // when it became true, not when it was noticed
}

void Simulation::stop(RunResult::Stop why, std::string message) {
  if (stopping_)
    return;
  stopping_ = true;
  result_.stop = why;
  if (result_.outcome != RunResult::Outcome::deadlock) {
    result_.outcome = RunResult::Outcome::stopped;
    result_.message = std::move(message);
  }
  sg4::Actor::kill_all();
}

// Nothing can move any more (SimGrid found every actor waiting): a deadlock unless everyone still blocked
// is a server idling in a receive.
void Simulation::conclude_blocked() {
  BlockingAnalysis analysis = analyse_blocking(model_, state_);
  if (!analysis.deadlock)
    return;
  result_.outcome = RunResult::Outcome::deadlock;
  result_.message = describe_deadlock(model_, analysis);
  result_.wait_for = wait_for_graph(model_, state_, analysis);
  result_.blocking = std::move(analysis);
  watch_->deadlock_at_end(state_, last_event_time_);
  emit_system_event(EventKind::deadlock, result_.message);
}

// A daemon: it dies by itself when every process has ended before the limit. A process still spending its
// last step's time has ended in the semantics, but not in time.
void Simulation::stop_at_time_limit() {
  sg4::this_actor::sleep_until(*options_.until);
  bool any_finishing = std::find(finishing_.begin(), finishing_.end(), true) != finishing_.end();
  if (semantics_.finished(state_) && !any_finishing)
    return;
  bool any_ready = std::any_of(state_.procs.begin(), state_.procs.end(),
                               [](const ProcState& ps) { return ps.status == ProcStatus::ready; });
  if (!any_ready && !any_finishing)
    conclude_blocked(); // all blocked before the limit: SimGrid could not see it while this timer was pending
  stop(RunResult::Stop::time_limit, "stopped at the time limit (--until)");
}

void Simulation::publish_initial_state() {
  state_ = semantics_.initial_state(events_);
  watch_.emplace(model_, state_, result_.violations);
  publish(0, kNone, 0);
}

void Simulation::describe_processes() {
  std::optional<BlockingAnalysis> blocking = result_.blocking;
  if (!blocking)
    blocking = analyse_blocking(model_, state_);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    ProcessTimes& times = result_.processes[p];
    switch (finishing_[p] ? ProcStatus::ready : state_.procs[p].status) {
    case ProcStatus::ended:
      times.outcome = "ended";
      break;
    case ProcStatus::failed:
      times.outcome = "failed (invalid operation)";
      break;
    case ProcStatus::ready:
      times.outcome = "running";
      times.end = result_.end_time;
      break;
    case ProcStatus::blocked:
      for (const auto& b : blocking->blocked)
        if (b.proc == p)
          times.outcome = "blocked in " + b.waits_for;
      times.end = result_.end_time;
      break;
    }
  }
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    ProcessTimes& t = result_.processes[p];
    double idle = t.end - t.busy - t.blocked_send - t.blocked_receive - t.blocked_semaphore;
    t.idle = idle > 1e-12 ? idle : 0; // below a picosecond it is rounding left by the sums, not time
  }
}

// "completed" promises that every process ended or is a server waiting in a receive; a run that SimGrid
// ended with a process still able to move would break that promise, and only a bug of the simulator can.
void Simulation::require_an_end() const {
  bool ended = result_.outcome == RunResult::Outcome::completed || result_.outcome == RunResult::Outcome::invalid;
  if (!ended || semantics_.finished(state_))
    return;
  for (ProcId p = 0; p < state_.procs.size(); ++p)
    if (state_.procs[p].status == ProcStatus::ready)
      throw std::logic_error("the simulation ended while " + model_.processes[p].name + " could still take a step");
}

RunResult Simulation::run() {
  ActorStacks stacks = plan_actor_stacks(model_.processes.size(), options_.memory);
  claim_engine();
  std::unique_ptr<sg4::Engine> engine = start_engine(stacks);
  hosts_ = build_platform(model_.scenario.platform);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    wake_.push_back(sg4::Semaphore::create(0));
    random_.emplace_back(model_.scenario.seed, p);
  }
  forced_.emplace(options_.schedule, model_.processes.size());
  pending_exit_.assign(model_.processes.size(), std::nullopt);
  finishing_.assign(model_.processes.size(), false);
  publish_initial_state();
  actors_running_ = true;
  for (ProcId p = 0; p < model_.processes.size(); ++p)
    if (state_.procs[p].status == ProcStatus::ready)
      sg4::Actor::create(model_.processes[p].name, hosts_[model_.processes[p].host], [this, p] { actor(p); });
  if (options_.until)
    sg4::Actor::create("ipcsim-until", hosts_[0], [this] { stop_at_time_limit(); })->daemonize();
  sg4::Engine::on_deadlock_cb([this] { conclude_blocked(); }); // once per program: claim_engine()
  engine->run();
  result_.end_time = result_.outcome == RunResult::Outcome::deadlock ? last_event_time_ : sg4::Engine::get_clock();
  require_an_end();
  accounts_.close_all(result_.end_time);
  watch_->end_of_run(state_, result_.end_time);
  result_.forced_steps = forced_->taken();
  describe_processes();
  metrics_.conclude(state_, result_.end_time, costs_);
  return std::move(result_);
}

} // namespace

RunResult simulate(const Model& model, const RunOptions& options,
                   const std::function<void(const TraceEvent&)>& on_event) {
  return Simulation(model, options, on_event).run();
}

} // namespace ipcsim
