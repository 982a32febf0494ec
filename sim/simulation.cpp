#include "sim/simulation.hpp"

#include "sim/engine_setup.hpp"
#include "sim/platform_builder.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <csignal>
#include <fmt/format.h>
#include <stdexcept>

namespace sg4 = simgrid::s4u;

namespace ipcsim {

Simulation::Simulation(const Model &model, const RunOptions &options,
                       const std::function<void(const TraceEvent &)> &on_event)
    : model_(model), semantics_(model), costs_(model), options_(options), on_event_(on_event),
      accounts_(result_, model.processes.size()), metrics_(model, result_) {
  result_.processes.resize(model.processes.size());
  owed_.resize(model.processes.size());
  step_start_.resize(model.processes.size());
  // With no segment there is nothing to race on: the clocks would cost every message for nothing.
  if (!model.segments.empty() && PropertyMonitor(model).watched().contains(PropertyKind::data_race))
    happens_before_.emplace(model);
}

// Hands the new events to the trace and the counters, then wakes every other process they released.
// Waking is a SimGrid call that may run the woken actor at once, so it comes after the events are out.
void Simulation::publish(std::size_t first, ProcId self, double duration, std::optional<double> at) {
  double now = at.value_or(sg4::Engine::get_clock());
  boost::container::small_vector<ProcId, 8> released; // usually 0 or 1 process: no heap allocation
  if (happens_before_)
    happens_before_->begin(self);
  for (std::size_t k = first; k < events_.size(); ++k) {
    const Event &e = events_[k];
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
  bool any_ready = false; // a process that waits with a timeout can still move
  for (ProcId p = 0; p < state_.procs.size(); ++p)
    any_ready = any_ready || state_.procs[p].status == ProcStatus::ready || semantics_.can_time_out(state_, p);
  if (!any_ready && !any_finishing)
    conclude_blocked(); // all blocked before the limit: SimGrid could not see it while this timer was pending
  stop(RunResult::Stop::time_limit, "stopped at the time limit (--until)");
}

void Simulation::publish_initial_state() {
  state_ = semantics_.initial_state(events_);
  watch_.emplace(model_, state_, result_.violations);
  watch_->transition(events_, state_, 0); // a process's first steps may be silent ones that fail an assert
  publish(0, kNone, 0);
}

void Simulation::describe_processes() {
  std::optional<BlockingAnalysis> blocking = result_.blocking;
  if (!blocking)
    blocking = analyse_blocking(model_, state_);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    ProcessTimes &times = result_.processes[p];
    switch (finishing_[p] ? ProcStatus::ready : state_.procs[p].status) {
    case ProcStatus::ended:
      times.outcome = "ended";
      break;
    case ProcStatus::failed:
      times.outcome = "failed (invalid operation)";
      break;
    case ProcStatus::crashed:
      times.outcome = "crashed";
      break;
    case ProcStatus::ready:
      times.outcome = "running";
      times.end = result_.end_time;
      break;
    case ProcStatus::blocked:
      times.outcome = "waiting, with a timeout"; // unless the analysis lists it
      for (const auto &b : blocking->blocked)
        if (b.proc == p)
          times.outcome = "blocked in " + b.waits_for;
      times.end = result_.end_time;
      break;
    }
  }
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    ProcessTimes &t = result_.processes[p];
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
  after_the_time_.resize(model_.processes.size());
  forced_.emplace(options_.schedule, model_.processes.size());
  pending_exit_.assign(model_.processes.size(), std::nullopt);
  finishing_.assign(model_.processes.size(), false);
  publish_initial_state();
  actors_running_ = true;
  actors_.resize(model_.processes.size());
  for (ProcId p = 0; p < model_.processes.size(); ++p)
    if (state_.procs[p].status == ProcStatus::ready)
      actors_[p] =
          sg4::Actor::create(model_.processes[p].name, hosts_[model_.processes[p].host], [this, p] { actor(p); });
  if (model_.faults)
    fault_random_.emplace(model_.scenario.seed, model_.channels.size(), model_.processes.size());
  for (ProcId p = 0; p < model_.processes.size(); ++p)
    if (actors_[p] && model_.processes[p].crash && model_.processes[p].crash->after)
      sg4::Actor::create("ipcsim-crash", hosts_[model_.processes[p].host], [this, p] { crash_on_time(p); })
          ->daemonize();
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

} // namespace ipcsim
