// What one simulated run measured: plain data, filled by sim/ and written out by run_summary.hpp.
#pragma once

#include "models/data_race.hpp"
#include "models/deadlock.hpp"
#include "models/properties.hpp"
#include "models/wait_for_graph.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

struct ProcessTimes {
  double busy = 0;          // computing and in system calls and copies (including time sharing a core)
  double blocked_send = 0;  // blocked in a send (or a wait for an async send), or moving a message to another host
  double blocked_receive = 0; // blocked in a receive, or moving a received message from another host
  double blocked_semaphore = 0; // blocked in an acquire
  double idle = 0;          // the rest of its life: sleeping
  double end = 0;           // when it ended (or the end of the run)
  std::uint64_t context_switches = 0; // resumptions after blocking
  std::string outcome;      // "ended", "blocked in receive from jobs", "failed: ...", "running"
};

// How full a buffer was over the run: peaks, and means weighted by how long each level lasted.
struct Occupancy {
  std::uint64_t peak_messages = 0;
  std::uint64_t peak_bytes = 0;
  double mean_messages = 0;
  double mean_bytes = 0;
};

struct ChannelCounts {
  std::uint64_t messages = 0;       // received
  std::uint64_t bytes = 0;          // received
  std::uint64_t failed_sends = 0;
  std::uint64_t failed_receives = 0;
  std::uint64_t lost = 0;
  std::uint64_t lost_to_faults = 0; // of `lost`: destroyed by the channel's `loss` fault
  std::uint64_t duplicated = 0;     // copies added by its `duplicate` fault
  std::uint64_t left_buffered = 0;  // still in the buffer at the end
  std::uint64_t bytes_copied = 0;   // by per-byte copies into and out of the channel
  std::uint64_t memory_reserved = 0; // bytes the buffer holds aside (README, "Costs")
  std::vector<double> latencies;    // per received message: send call start to receive return, seconds
  double time_in_buffer = 0;        // summed over received messages
  Occupancy occupancy;
};

struct SemaphoreCounts {
  std::uint64_t acquires = 0;         // completed, at once or after waiting
  std::uint64_t releases = 0;
  std::uint64_t blocked_acquires = 0; // acquires that had to wait
  double time_blocked = 0;            // summed over the waits that ended
};

struct SegmentCounts {
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_written = 0;
};

// Nearest-rank percentiles of a set of latencies (the p-th is the smallest value with at least p% of the
// samples at or below it); all zero when there are none.
struct LatencySummary {
  std::uint64_t count = 0;
  double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
};
LatencySummary summarize_latencies(std::vector<double> samples);

// A property of the scenario violated on the run's one schedule (models/properties.hpp), where it happened.
struct RunViolation {
  PropertyKind kind = PropertyKind::invalid;
  std::string description;       // the checker's sentence for it
  double t = 0;                  // simulated seconds of the first occurrence
  int line = 0;                  // the scenario line of the step that caused it; 0: none (checked at the end)
  std::uint64_t occurrences = 1; // rendezvous and lost messages: how often in the whole run
  bool ends_the_run = false;     // a global deadlock: the run's outcome, which the summary shows already
};

struct RunResult {
  // completed: every process ended, or is a server waiting in a receive; deadlock: the run ended with
  // processes blocked forever; invalid: a process was stopped by an invalid operation; stopped: see `stop`.
  enum class Outcome { completed, deadlock, invalid, stopped };
  enum class Stop { none, time_limit, max_events, interrupted, out_of_memory };
  Outcome outcome = Outcome::completed;
  Stop stop = Stop::none;
  double end_time = 0;
  std::string message;              // deadlock / invalid / stop explanation, one line
  std::vector<RunViolation> violations;     // every watched property violated, in the order they happened
  std::uint64_t forced_steps = 0;           // --replay: the transitions taken from the trace before running freely
  double forced_until = 0;                  // when the last of them was taken
  std::optional<BlockingAnalysis> blocking; // set on deadlock
  std::optional<WaitForGraph> wait_for;     // set on deadlock
  std::vector<ProcessTimes> processes;      // by process index
  std::vector<ChannelCounts> channels;      // by channel index
  std::vector<SemaphoreCounts> semaphores;  // by semaphore index
  std::vector<SegmentCounts> segments;      // by segment index
  Occupancy occupancy;                      // all buffers together
  std::uint64_t events = 0;
  // Found when the data_race property is watched; a race does not stop the run, but violates the property.
  std::vector<DataRace> data_races;

  bool violated() const { return !violations.empty(); }
};

std::string_view to_string(RunResult::Outcome outcome);

// How far a long run has come, for its progress line.
struct RunProgress {
  double t = 0;               // simulated seconds
  std::uint64_t events = 0;   // trace events so far
  std::uint64_t messages = 0; // messages received so far
};

} // namespace ipcsim
