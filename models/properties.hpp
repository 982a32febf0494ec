// What must hold (SCENARIO_FORMAT.md, "Properties"), watched from the events of each transition and from each
// state reached. Both engines may use it; the checker calls it on every transition and every new state.
// It judges only: every rule of what may happen stays in Semantics and analyse_blocking().
#pragma once

#include "models/deadlock.hpp"
#include "models/event.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcsim {

// In the order reports list them.
enum class PropertyKind : std::uint8_t {
  deadlock,      // a set of blocked processes that can never be released (global or partial)
  rendezvous,    // a send on a listed channel completed before its matching receive began
  lost_messages, // a failed non-blocking send or a lost message
  undelivered,   // every process has ended with messages still buffered
  data_race,     // two conflicting accesses to a segment that nothing orders (data_race.hpp)
  assertion,     // an `assert` whose condition was false when reached: watched when the scenario has one
  invariant,     // a state in which one of properties.invariants is false
  invalid,       // an invalid operation: always watched
};
inline constexpr std::size_t property_kind_count = 8;

std::string_view to_string(PropertyKind kind);

// A small set of property kinds (a bit per kind).
class PropertySet {
public:
  bool contains(PropertyKind k) const { return bits_ & bit(k); }
  void insert(PropertyKind k) { bits_ |= bit(k); }
  void erase(PropertyKind k) { bits_ &= ~bit(k); }
  bool empty() const { return bits_ == 0; }
  std::vector<PropertyKind> kinds() const; // in PropertyKind order
  bool operator==(const PropertySet &) const = default;

private:
  static std::uint16_t bit(PropertyKind k) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(k)); }
  std::uint16_t bits_ = 0;
};

struct PropertyViolation {
  PropertyKind kind = PropertyKind::invalid;
  std::string description; // one sentence: "deadlock: ...", "rendezvous violated: ..."
  ProcId proc = kNone;     // the process whose step violated it, when there is one
  int line = 0;            // the scenario line of the step whose event violated it (0: a state, or unknown)
};

class PropertyMonitor {
public:
  explicit PropertyMonitor(const Model &model);

  // The properties this scenario asks for (invalid operations always).
  PropertySet watched() const { return watched_; }

  // Violations among the events of one transition (or of the initial state), of the kinds in `wanted`;
  // at most one per kind, the first. Appended to `out`.
  void check_events(std::span<const Event> events, PropertySet wanted, std::vector<PropertyViolation> &out) const;

  // Violations of the state itself (deadlock, undelivered, two conflicting accesses enabled at once), of the
  // kinds in `wanted`. Appended to `out`.
  void check_state(const State &state, PropertySet wanted, std::vector<PropertyViolation> &out) const;

  // Whether one transition, by its events and the state it reached, violates a property of `wanted`.
  bool violates(std::span<const Event> events, const State &state, PropertySet wanted) const;

  // The first invariant that `state` breaks, described; nullopt when every one holds.
  std::optional<std::string> broken_invariant(const State &state) const;

private:
  std::string describe_event(PropertyKind kind, const Event &e) const;
  std::string describe_undelivered(const State &state) const;
  std::string describe_conflict(const State &state, std::pair<ProcId, ProcId> pair) const;

  const Model &model_;
  PropertySet watched_;
};

} // namespace ipcsim
