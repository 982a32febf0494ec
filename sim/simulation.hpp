// One simulation (internal to sim/): the state that every actor steps through the semantics, and what the
// run measures and watches. simulation_steps.cpp holds how a process takes its steps and pays for them;
// simulation.cpp the events, the stops and the end of the run. simulator.hpp is the public face.
#pragma once

#include "models/data_race.hpp"
#include "models/semantics.hpp"
#include "sim/cost_model.hpp"
#include "sim/forced_schedule.hpp"
#include "sim/property_watch.hpp"
#include "sim/random.hpp"
#include "sim/run_metrics.hpp"
#include "sim/simulator.hpp"
#include "sim/time_accounts.hpp"

#include <simgrid/s4u.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace ipcsim {

// SimGrid runs one actor at a time, so no locking is needed; an actor that blocks waits on its own
// semaphore, which the actor whose transition released it signals.
class Simulation {
public:
  Simulation(const Model &model, const RunOptions &options, const std::function<void(const TraceEvent &)> &on_event);

  RunResult run();

private:
  // A process's steps and what they cost (simulation_steps.cpp).
  void actor(ProcId p);
  void take_steps(ProcId p);
  void take_step(ProcId p, const Instruction &i);
  void timed_step(ProcId p, double seconds, const std::function<void()> &take_time);
  void hold_after_the_time(ProcId p, std::size_t first);
  void publish_after_the_time(ProcId p);
  bool ends_an_owner(ProcId p) const;
  void cpu(ProcId p, double seconds);
  void transfer(ProcId p, Account account, std::uint32_t from, std::uint32_t to, std::uint64_t bytes);
  void copy(ProcId p, ChannelId c, const CopyCost &cost);
  void pay_sender_side(ProcId p, const Instruction &send);
  void settle_deliveries(ProcId p);
  void wait_until_released(ProcId p);
  bool released_in_time(ProcId p, double timeout);
  void give_up_as_scheduled(ProcId self);
  void take_turns(ProcId p, std::uint64_t points_before);
  std::uint64_t scheduling_points() const { return scheduling_points_ + (forced_ ? forced_->waits() : 0); }
  bool fire(ProcId p, const std::function<std::uint32_t()> &pick, double duration = 0);

  // Faults (fault_injection.cpp).
  std::uint32_t send_fault(ProcId p, const Instruction &send);
  void crash_on_time(ProcId p);
  void crash_as_scheduled(ProcId q, ProcId self);

  // The events, the stops and the end of the run (simulation.cpp).
  void publish(std::size_t first, ProcId self, double duration, std::optional<double> at = std::nullopt);
  void observe(const Event &e, double now);
  std::optional<std::uint64_t> race_at(const Event &e, double now);
  void check_for_stop();
  void stop(RunResult::Stop why, std::string message);
  void conclude_blocked();
  void emit_system_event(EventKind kind, std::string detail);
  void publish_initial_state();
  void stop_at_time_limit();
  void describe_processes();
  void require_an_end() const;

  const Model &model_;
  Semantics semantics_;
  CostModel costs_;
  const RunOptions &options_;
  const std::function<void(const TraceEvent &)> &on_event_;
  State state_;
  std::vector<Event> events_;
  // Per process: a timed step's silent followers, published when its time has passed.
  std::vector<std::vector<Event>> after_the_time_;
  std::vector<simgrid::s4u::Host *> hosts_;
  std::vector<simgrid::s4u::SemaphorePtr> wake_;
  std::optional<ForcedSchedule> forced_;
  std::vector<ProcessRandom> random_;
  std::optional<FaultStreams> fault_random_; // only when the model has faults
  std::vector<simgrid::s4u::ActorPtr> actors_; // by process; null for one that ended before the run began
  RunResult result_;
  TimeAccounts accounts_;
  RunMetrics metrics_;
  std::optional<PropertyWatch> watch_;
  bool stopping_ = false;
  bool giving_up_ = false; // give_up_as_scheduled() is firing time-outs
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

} // namespace ipcsim
