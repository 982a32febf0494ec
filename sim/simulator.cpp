#include "sim/simulator.hpp"

#include "models/data_race.hpp"
#include "models/properties.hpp"
#include "models/semantics.hpp"
#include "sim/cost_model.hpp"
#include "sim/occupancy_tracker.hpp"
#include "sim/platform_builder.hpp"
#include "sim/random.hpp"

#include <simgrid/s4u.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <unordered_map>

namespace sg4 = simgrid::s4u;

namespace ipcsim {

namespace {

// One simulation: the shared state that every actor steps through the semantics. SimGrid runs one actor
// at a time, so no locking is needed; an actor that blocks waits on its own semaphore, which the actor
// whose transition released it signals.
class Simulation {
public:
  Simulation(const Model& model, const RunOptions& options, const std::function<void(const TraceEvent&)>& on_event)
      : model_(model), semantics_(model), costs_(model), options_(options), on_event_(on_event) {
    result_.processes.resize(model.processes.size());
    result_.channels.resize(model.channels.size());
    result_.semaphores.resize(model.semaphores.size());
    result_.segments.resize(model.segments.size());
    levels_.resize(model.channels.size());
    owed_.resize(model.processes.size());
    step_start_.resize(model.processes.size());
    // With no segment there is nothing to race on: the clocks would cost every message for nothing.
    if (!model.segments.empty() && PropertyMonitor(model).watched().contains(PropertyKind::data_race))
      happens_before_.emplace(model);
  }

  RunResult run();

private:
  void actor(ProcId p);
  void take_step(ProcId p, const Instruction& i);
  bool fire(ProcId p, const std::function<std::uint32_t()>& pick, double duration = 0);
  void publish(std::size_t first, ProcId self, double duration, std::optional<double> at = std::nullopt);
  void count(const Event& e, double now);
  void count_message(const Event& e, double now);
  std::optional<std::uint64_t> race_at(const Event& e);
  void track_level(ChannelId c, double now);
  void timed_step(ProcId p, double seconds, const std::function<void()>& take_time);
  bool ends_an_owner(ProcId p) const;
  void cpu(ProcId p, double seconds);
  double transfer(std::uint32_t from, std::uint32_t to, std::uint64_t bytes);
  void copy(ProcId p, ChannelId c, const CopyCost& cost);
  void pay_sender_side(ProcId p, const Instruction& send);
  void settle_deliveries(ProcId p);
  void wait_until_released(ProcId p);
  double& blocked_time(ProcId p, const Instruction& waiting);
  void stop_at_limit();
  void conclude_blocked();
  void emit_system_event(EventKind kind, std::string detail);
  void publish_initial_state();
  void describe_processes();
  void describe_channels();
  void stop_at_time_limit();

  const Model& model_;
  Semantics semantics_;
  CostModel costs_;
  const RunOptions& options_;
  const std::function<void(const TraceEvent&)>& on_event_;
  State state_;
  std::vector<Event> events_;
  std::vector<sg4::Host*> hosts_;
  std::vector<sg4::SemaphorePtr> wake_;
  std::vector<sg4::SemaphorePtr> turn_;  // --replay: signalled when the schedule names this process next
  std::vector<bool> awaiting_turn_;
  std::size_t forced_ = 0;               // next transition of options_.schedule
  std::vector<ProcessRandom> random_;
  RunResult result_;
  bool stopping_ = false;
  bool actors_running_ = false;
  std::vector<std::optional<Event>> pending_exit_; // an exit is traced when the actor has finished its last step
  double last_event_time_ = 0;
  std::optional<HappensBefore> happens_before_;   // set when data races are watched

  // Metrics. A message's latency runs from the start of its send step to the end of the receive-side
  // costs of the process that took it; those are paid at that process's next step boundary.
  struct Delivery {
    ChannelId channel;
    std::uint32_t msg;
    std::uint64_t size;
    double send_start;
  };
  struct InFlight {                      // a message sent and not yet taken by all its recipients
    double send_start = 0;
    std::optional<double> buffered_at;   // since when it sits in a buffer
    std::size_t takers_left = 1;         // a multicast message is taken by each of its recipients
  };
  std::vector<std::vector<Delivery>> owed_;         // by process: taken, receive-side costs not yet paid
  std::vector<double> step_start_;                  // by process: when its current send step began
  std::unordered_map<std::uint32_t, InFlight> in_flight_; // by message id
  std::vector<OccupancyTracker> levels_;            // by channel
  OccupancyTracker total_level_;
};

void Simulation::actor(ProcId p) {
  while (!stopping_) {
    const ProcState& ps = state_.procs[p];
    if (ps.status != ProcStatus::ready)
      break;
    take_step(p, *model_.instruction(p, ps.pc));
    if (!stopping_ && state_.procs[p].status == ProcStatus::blocked)
      wait_until_released(p);
    if (!stopping_)
      settle_deliveries(p);
  }
  result_.processes[p].end = sg4::Engine::get_clock();
  if (pending_exit_[p] && !stopping_) {
    events_.push_back(*pending_exit_[p]);
    publish(events_.size() - 1, p, 0);
  }
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
    timed_step(p, seconds, [seconds] { sg4::this_actor::sleep_for(seconds); });
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
  double start = sg4::Engine::get_clock();
  sg4::this_actor::execute(seconds * hosts_[model_.processes[p].host]->get_speed());
  result_.processes[p].busy += sg4::Engine::get_clock() - start;
}

// Moves bytes between two hosts over the platform's link (SimGrid's network model); returns the seconds,
// none on one host.
double Simulation::transfer(std::uint32_t from, std::uint32_t to, std::uint64_t bytes) {
  if (from == to)
    return 0;
  double start = sg4::Engine::get_clock();
  sg4::Comm::sendto(hosts_[from], hosts_[to], bytes);
  return sg4::Engine::get_clock() - start;
}

void Simulation::copy(ProcId p, ChannelId c, const CopyCost& cost) {
  cpu(p, cost.cpu);
  result_.channels[c].bytes_copied += cost.bytes_copied;
}

void Simulation::pay_sender_side(ProcId p, const Instruction& send) {
  std::uint64_t size = model_.channels[send.channel].padded_size(send.size);
  copy(p, send.channel, costs_.sender_side(send.channel, size));
  result_.processes[p].blocked_send += transfer(model_.processes[p].host, costs_.home_host(send.channel), size);
}

// The messages p has taken since its last step boundary: each travels to p's host if its channel lives
// elsewhere and is copied out unless mapped; then its receive has returned.
void Simulation::settle_deliveries(ProcId p) {
  std::vector<Delivery> taken;
  while (!owed_[p].empty()) {
    taken.swap(owed_[p]);
    for (const Delivery& d : taken) {
      result_.processes[p].blocked_receive += transfer(costs_.home_host(d.channel), model_.processes[p].host, d.size);
      copy(p, d.channel, costs_.receiver_side(d.size));
    }
    double now = sg4::Engine::get_clock();
    for (const Delivery& d : taken)
      result_.channels[d.channel].latencies.push_back(now - d.send_start);
    taken.clear();
  }
}

// Released by another process's step: the operation completed, or failed because its mailbox ceased to
// exist (then the process stops where it is, and does not resume).
void Simulation::wait_until_released(ProcId p) {
  const Instruction& waiting = blocking_operation(model_, state_, p);
  double start = sg4::Engine::get_clock();
  wake_[p]->acquire();
  double waited = sg4::Engine::get_clock() - start;
  blocked_time(p, waiting) += waited;
  if (waiting.op == OpCode::acquire)
    result_.semaphores[waiting.semaphore].time_blocked += waited;
  if (state_.procs[p].status == ProcStatus::failed)
    return;
  result_.processes[p].context_switches += 1;
  cpu(p, model_.scenario.costs.context_switch);
}

double& Simulation::blocked_time(ProcId p, const Instruction& waiting) {
  ProcessTimes& times = result_.processes[p];
  switch (waiting.op) {
  case OpCode::send:
    return times.blocked_send;
  case OpCode::acquire:
    return times.blocked_semaphore;
  default:
    return times.blocked_receive;
  }
}

// While a forced schedule (--replay) lasts, a process fires only when the schedule names it next, and
// takes the schedule's alternative; afterwards `pick` (the simulator's own choice) decides.
// Returns false when the run stops here (--max-events): the step's time is then not spent.
bool Simulation::fire(ProcId p, const std::function<std::uint32_t()>& pick, double duration) {
  Transition t{p, 0};
  if (forced_ < options_.schedule.size()) {
    while (options_.schedule[forced_].proc != p) {
      awaiting_turn_[p] = true;
      turn_[p]->acquire();
    }
    t = options_.schedule[forced_++];
  } else {
    t.alternative = pick();
  }
  std::size_t first = events_.size();
  semantics_.apply(state_, t, events_);
  publish(first, p, duration);
  if (forced_ < options_.schedule.size() && awaiting_turn_[options_.schedule[forced_].proc]) {
    awaiting_turn_[options_.schedule[forced_].proc] = false;
    turn_[options_.schedule[forced_].proc]->release();
  }
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
      continue;
    }
    count(e, now);
    std::optional<std::uint64_t> race_with = race_at(e);
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
  if (result_.events >= options_.max_events && !stopping_)
    return stop_at_limit();
  for (ProcId p : released)
    wake_[p]->release();
}

void Simulation::count(const Event& e, double now) {
  switch (e.kind) {
  case EventKind::acquire:
    result_.semaphores[e.semaphore].acquires += 1;
    break;
  case EventKind::release:
    result_.semaphores[e.semaphore].releases += 1;
    break;
  case EventKind::block:
    if (e.semaphore != kNone)
      result_.semaphores[e.semaphore].blocked_acquires += 1;
    break;
  case EventKind::read:
    result_.segments[e.segment].reads += 1;
    result_.segments[e.segment].bytes_read += e.size;
    break;
  case EventKind::write:
    result_.segments[e.segment].writes += 1;
    result_.segments[e.segment].bytes_written += e.size;
    break;
  case EventKind::invalid:
    if (result_.outcome == RunResult::Outcome::completed) {
      result_.outcome = RunResult::Outcome::invalid;
      result_.message = "invalid operation: " + model_.processes[e.proc].name + ": " + e.detail;
    }
    break;
  default:
    break;
  }
  if (e.channel != kNone)
    count_message(e, now);
}

void Simulation::count_message(const Event& e, double now) {
  ChannelCounts& c = result_.channels[e.channel];
  switch (e.kind) {
  case EventKind::send_begin: {
    const Channel& channel = model_.channels[e.channel];
    in_flight_[e.msg] = {.send_start = step_start_[e.proc],
                         .takers_left = channel.multicast ? channel.receivers->size() : 1};
    break;
  }
  case EventKind::send_end:
    if (e.peer == kNone) // accepted into the buffer rather than handed to a receiver
      in_flight_[e.msg].buffered_at = now;
    break;
  case EventKind::recv_end: {
    c.messages += 1;
    c.bytes += e.size;
    auto m = in_flight_.find(e.msg);
    if (m->second.buffered_at)
      c.time_in_buffer += now - *m->second.buffered_at;
    owed_[e.proc].push_back({e.channel, e.msg, e.size, m->second.send_start});
    if (--m->second.takers_left == 0)
      in_flight_.erase(m);
    break;
  }
  case EventKind::send_failed:
    c.failed_sends += 1;
    in_flight_.erase(e.msg);
    break;
  case EventKind::lost:
    c.lost += 1;
    in_flight_.erase(e.msg);
    break;
  case EventKind::recv_failed:
    c.failed_receives += 1;
    break;
  default:
    break;
  }
  track_level(e.channel, now);
}

// A race is recorded on the later of the two accesses; returns the trace position of the earlier one.
std::optional<std::uint64_t> Simulation::race_at(const Event& e) {
  if (!happens_before_)
    return std::nullopt;
  std::size_t known = result_.data_races.size();
  happens_before_->observe(e, result_.events, result_.data_races);
  if (result_.data_races.size() == known)
    return std::nullopt;
  return result_.data_races.back().earlier_seq;
}

void Simulation::track_level(ChannelId c, double now) {
  const ChannelState& cs = state_.channels[c];
  OccupancyTracker& level = levels_[c];
  std::uint64_t messages = total_level_.messages() - level.messages() + cs.buffer.size();
  std::uint64_t bytes = total_level_.bytes() - level.bytes() + cs.bytes;
  level.move_to(now, cs.buffer.size(), cs.bytes);
  total_level_.move_to(now, messages, bytes);
}

void Simulation::emit_system_event(EventKind kind, std::string detail) {
  events_.push_back({.kind = kind, .detail = std::move(detail)});
  publish(events_.size() - 1, kNone, 0, last_event_time_); // when it became true, not when it was noticed
}

void Simulation::stop_at_limit() {
  stopping_ = true;
  result_.outcome = RunResult::Outcome::stopped;
  result_.message = "stopped after " + std::to_string(result_.events) + " events (--max-events)";
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
  emit_system_event(EventKind::deadlock, result_.message);
}

// A daemon: it dies by itself when every process has ended before the limit.
void Simulation::stop_at_time_limit() {
  sg4::this_actor::sleep_until(*options_.until);
  if (semantics_.finished(state_))
    return;
  bool any_ready = std::any_of(state_.procs.begin(), state_.procs.end(),
                               [](const ProcState& ps) { return ps.status == ProcStatus::ready; });
  if (!any_ready)
    conclude_blocked(); // all blocked before the limit: SimGrid could not see it while this timer was pending
  if (result_.outcome != RunResult::Outcome::deadlock) {
    result_.outcome = RunResult::Outcome::stopped;
    result_.message = "stopped at the time limit (--until)";
  }
  stopping_ = true;
  sg4::Actor::kill_all();
}

void Simulation::publish_initial_state() {
  state_ = semantics_.initial_state(events_);
  publish(0, kNone, 0);
}

void Simulation::describe_processes() {
  std::optional<BlockingAnalysis> blocking = result_.blocking;
  if (!blocking)
    blocking = analyse_blocking(model_, state_);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    ProcessTimes& times = result_.processes[p];
    switch (state_.procs[p].status) {
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

void Simulation::describe_channels() {
  for (ChannelId c = 0; c < model_.channels.size(); ++c) {
    ChannelCounts& counts = result_.channels[c];
    counts.left_buffered = state_.channels[c].buffer.size();
    counts.occupancy = levels_[c].over(result_.end_time);
    counts.memory_reserved = costs_.reserved_memory(c, counts.occupancy.peak_bytes);
  }
  result_.occupancy = total_level_.over(result_.end_time);
}

RunResult Simulation::run() {
  require_routes(model_, costs_); // before the engine exists: a bad platform is bad input, not a crash
  std::vector<std::string> args = engine_arguments();
  std::vector<char*> argv;
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  sg4::Engine engine(&argc, argv.data());
  configure_contexts(model_.processes.size());
  hosts_ = build_platform(model_.scenario.platform);
  for (ProcId p = 0; p < model_.processes.size(); ++p) {
    wake_.push_back(sg4::Semaphore::create(0));
    turn_.push_back(sg4::Semaphore::create(0));
    random_.emplace_back(model_.scenario.seed, p);
  }
  awaiting_turn_.assign(model_.processes.size(), false);
  pending_exit_.assign(model_.processes.size(), std::nullopt);
  publish_initial_state();
  actors_running_ = true;
  for (ProcId p = 0; p < model_.processes.size(); ++p)
    if (state_.procs[p].status == ProcStatus::ready)
      sg4::Actor::create(model_.processes[p].name, hosts_[model_.processes[p].host], [this, p] { actor(p); });
  if (options_.until)
    sg4::Actor::create("ipcsim-until", hosts_[0], [this] { stop_at_time_limit(); })->daemonize();
  sg4::Engine::on_deadlock_cb([this] { conclude_blocked(); });
  engine.run();
  result_.end_time = result_.outcome == RunResult::Outcome::deadlock ? last_event_time_ : sg4::Engine::get_clock();
  describe_processes();
  describe_channels();
  return std::move(result_);
}

} // namespace

RunResult simulate(const Model& model, const RunOptions& options,
                   const std::function<void(const TraceEvent&)>& on_event) {
  return Simulation(model, options, on_event).run();
}

} // namespace ipcsim
