#include "sim/property_watch.hpp"

#include "models/deadlock.hpp"

namespace ipcsim {
namespace {

// A lossy or buffered design breaks these on every message: the first is shown, the others counted.
bool counted(PropertyKind kind) {
  return kind == PropertyKind::rendezvous || kind == PropertyKind::lost_messages;
}

} // namespace

PropertyWatch::PropertyWatch(const Model &model, const State &initial, std::vector<RunViolation> &out)
    : model_(model), monitor_(model), out_(out) {
  for (PropertyKind kind :
       {PropertyKind::invalid, PropertyKind::rendezvous, PropertyKind::lost_messages, PropertyKind::assertion})
    if (watches(kind))
      by_event_.insert(kind);
  if (watches(PropertyKind::deadlock))
    deadlocks_.emplace(model, initial);
}

void PropertyWatch::transition(std::span<const Event> events, const State &state, double now) {
  std::vector<PropertyViolation> found; // stays unallocated unless something is violated
  for (const Event &e : events)         // one at a time: PropertyMonitor reports one violation per kind and call
    monitor_.check_events(std::span<const Event>(&e, 1), by_event_, found);
  for (const PropertyViolation &v : found)
    record(v, now, v.line);
  if (deadlocks_ && !deadlock_found_ && deadlocks_->deadlocked(events, state))
    record_deadlock(state, now, events.empty() ? 0 : events.front().mark.line);
  if (watches(PropertyKind::invariant) && !invariant_found_)
    if (auto broken = monitor_.broken_invariant(state)) {
      record({PropertyKind::invariant, *broken}, now, events.empty() ? 0 : events.back().mark.line);
      invariant_found_ = true; // the first state that breaks one: the next ones would repeat it
    }
}

void PropertyWatch::data_race(const DataRace &race, const Event &later, double now) {
  out_.push_back({.kind = PropertyKind::data_race, .description = race.description, .t = now, .line = later.mark.line});
}

void PropertyWatch::deadlock_at_end(const State &state, double now) {
  if (deadlocks_ && !deadlock_found_)
    record_deadlock(state, now, 0);
}

void PropertyWatch::end_of_run(const State &state, double now) {
  if (!watches(PropertyKind::undelivered))
    return;
  PropertySet undelivered;
  undelivered.insert(PropertyKind::undelivered);
  std::vector<PropertyViolation> found;
  monitor_.check_state(state, undelivered, found);
  for (const PropertyViolation &v : found)
    record(v, now, 0);
}

void PropertyWatch::record(const PropertyViolation &v, double now, int line) {
  auto &index = counted_[static_cast<std::size_t>(v.kind)];
  if (counted(v.kind) && index) {
    out_[*index].occurrences += 1;
    return;
  }
  if (counted(v.kind))
    index = out_.size();
  out_.push_back({.kind = v.kind, .description = v.description, .t = now, .line = line});
}

void PropertyWatch::record_deadlock(const State &state, double now, int line) {
  BlockingAnalysis analysis = analyse_blocking(model_, state);
  out_.push_back({.kind = PropertyKind::deadlock,
                  .description = describe_deadlock(model_, analysis),
                  .t = now,
                  .line = line,
                  .ends_the_run = analysis.global});
  deadlock_found_ = true;
}

} // namespace ipcsim
