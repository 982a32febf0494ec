// What a check found: plain data with every name resolved, written out by reports/check_report.hpp (header
// only, so that reports/ needs no link to checker/).
#pragma once

#include "models/deadlock.hpp"
#include "models/properties.hpp"
#include "models/semantics.hpp"
#include "models/trace_event.hpp"
#include "models/wait_for_graph.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

struct CheckOptions {
  std::optional<std::uint64_t> max_states;
  std::optional<double> time_limit;        // seconds of wall-clock time
  std::optional<std::uint64_t> max_memory; // bytes of resident memory; empty: most of what is available
  bool breadth_first = false;
  bool stop_at_first = false; // stop at the first violation instead of judging every property
  bool hash_compact = false;  // a 64-bit hash per state (checker/hash_compact_store.hpp); depth-first only
  bool progress = false;      // a progress line on stderr
  bool reduction = true;      // partial-order reduction (depth-first only; checker/persistent_set.hpp)
  bool symmetry = true;       // one state per orbit of interchangeable replicas (checker/symmetry.hpp)
  const std::atomic<int> *interrupt = nullptr; // a signal number once the check is to stop (SIGINT, SIGTERM)
  unsigned jobs = 1;          // threads: depth-first, one search each over shared tables (explorer.hpp); with
                              // breadth_first, level by level (checker/parallel_search.hpp)
};

// Why the search ended.
enum class StopReason {
  complete,        // every reachable state was explored
  all_violated,    // every watched property is violated: nothing left to learn
  first_violation, // --stop-at-first
  max_states,      // a limit: the search is incomplete
  time_limit,
  max_memory,
  interrupted, // by a signal: incomplete, like a limit
};

inline std::string_view to_string(StopReason reason) {
  switch (reason) {
  case StopReason::complete:
    return "complete";
  case StopReason::all_violated:
    return "every property violated";
  case StopReason::first_violation:
    return "first violation";
  case StopReason::max_states:
    return "max-states";
  case StopReason::time_limit:
    return "time-limit";
  case StopReason::max_memory:
    return "max-memory";
  case StopReason::interrupted:
    return "interrupted";
  }
  return "?";
}

inline bool is_limit(StopReason reason) {
  return reason == StopReason::max_states || reason == StopReason::time_limit || reason == StopReason::max_memory ||
         reason == StopReason::interrupted;
}

enum class Verdict { holds, violated, unknown };

inline std::string_view to_string(Verdict verdict) {
  switch (verdict) {
  case Verdict::holds:
    return "holds";
  case Verdict::violated:
    return "violated";
  case Verdict::unknown:
    return "unknown";
  }
  return "?";
}

struct PropertyVerdict {
  PropertyKind kind = PropertyKind::invalid;
  Verdict verdict = Verdict::unknown;
};

// One step of a schedule: a transition and what it did, for people.
struct ScheduleStep {
  Transition transition;
  std::string proc;
  std::string action; // "receive from fork[1]: blocks", "send on fork[0]: buffered; releases phil[1]"
  int line = 0;       // the scenario line of the step (0: unknown)
  int column = 0;     // and its column (SARIF's region)
  std::size_t first_event = 0; // where its events begin in Counterexample::trace (a timeline places them there)
};

// A violation and the schedule that shows it: a replay recipe from the initial state.
struct Counterexample {
  PropertyKind kind = PropertyKind::invalid;
  std::string description; // one sentence
  std::vector<Transition> schedule;
  std::vector<ScheduleStep> steps;      // one per transition of `schedule`
  std::vector<TraceEvent> trace;        // every event, seq from 0, no `t`; ends in `deadlock` or `violation`
  BlockingAnalysis blocking;            // of the last state
  std::optional<WaitForGraph> wait_for; // of the last state
};

// Timings of the tool itself: they vary from run to run, so outputs keep them apart.
struct CheckPerformance {
  double seconds = 0;            // wall-clock
  double cpu_seconds = 0;        // of this process
  std::uint64_t peak_memory = 0; // bytes (VmHWM)
  double states_per_second = 0;
};

struct CheckStatistics {
  std::uint64_t states = 0;        // distinct states stored
  std::uint64_t transitions = 0;   // transitions fired
  std::uint64_t max_depth = 0;     // longest schedule explored (DFS) or deepest level (BFS)
  std::uint64_t visited_bytes = 0; // the stored states and the codec's component tables
  double bytes_per_state = 0;      // visited_bytes / states
  // With hash compaction: at most this probability that some state was never explored.
  std::optional<double> omission_probability;
};

struct CheckResult {
  std::string search; // "depth-first" or "breadth-first"
  StopReason stop = StopReason::complete;
  std::string limit;                      // the limit that stopped it, as an option: "--max-states 10"
  std::vector<PropertyVerdict> verdicts;  // in PropertyKind order, watched properties only
  std::vector<Counterexample> violations; // in PropertyKind order
  CheckStatistics statistics;
  CheckPerformance performance;

  bool violated() const { return !violations.empty(); }
};

} // namespace ipcsim
