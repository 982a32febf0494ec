// What must hold (SCENARIO_FORMAT.md, "Properties"), watched on the run's one schedule with the checker's
// rules: PropertyMonitor judges the events of each transition (invalid operations, `rendezvous`,
// `lost_messages`) and the last state (`undelivered`), DeadlockWatch finds the step at which a deadlock
// appears (global, or partial while others run on), and the vector clocks' races come in one by one. Each
// violation is kept with the simulated time and the scenario line of the step that caused it.
#pragma once

#include "models/data_race.hpp"
#include "models/deadlock_watch.hpp"
#include "models/properties.hpp"
#include "reports/run_result.hpp"

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace ipcsim {

class PropertyWatch {
public:
  PropertyWatch(const Model &model, const State &initial, std::vector<RunViolation> &out);

  bool watches(PropertyKind kind) const { return monitor_.watched().contains(kind); }

  // After each transition: its events, the state it reached, and when it fired.
  void transition(std::span<const Event> events, const State &state, double now);
  void data_race(const DataRace &race, const Event &later, double now);
  // A deadlock that the run ended in and no transition showed (none when the watch works as it should).
  void deadlock_at_end(const State &state, double now);
  // When the run is over: what only the last state shows.
  void end_of_run(const State &state, double now);

private:
  void record(const PropertyViolation &v, double now, int line);
  void record_deadlock(const State &state, double now, int line);

  const Model &model_;
  PropertyMonitor monitor_;
  PropertySet by_event_; // the kinds judged on events
  std::optional<DeadlockWatch> deadlocks_;
  std::vector<RunViolation> &out_;
  std::array<std::optional<std::size_t>, property_kind_count> counted_; // kinds counted, not listed, again
  bool deadlock_found_ = false;
  bool invariant_found_ = false;
};

} // namespace ipcsim
