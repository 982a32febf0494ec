// What one simulated run measured: plain data, filled by sim/ and written out by run_summary.hpp.
#pragma once

#include "models/deadlock.hpp"
#include "models/wait_for_graph.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

struct ProcessTimes {
  double busy = 0;          // computing and in system calls
  double blocked_send = 0;  // blocked in a send (or a wait for an async send)
  double blocked_receive = 0;
  double sleeping = 0;
  double end = 0;           // when it ended (or the end of the run)
  std::string outcome;      // "ended", "blocked in receive from jobs", "failed: ...", "running"
};

struct ChannelCounts {
  std::uint64_t messages = 0;       // received
  std::uint64_t bytes = 0;          // received
  std::uint64_t failed_sends = 0;
  std::uint64_t failed_receives = 0;
  std::uint64_t peak_buffered = 0;  // messages
  std::uint64_t left_buffered = 0;  // still in the buffer at the end
};

struct RunResult {
  enum class Outcome { completed, deadlock, invalid, stopped };
  Outcome outcome = Outcome::completed;
  double end_time = 0;
  std::string message;              // deadlock / invalid / stop explanation, one line
  std::optional<BlockingAnalysis> blocking; // set on deadlock
  std::optional<WaitForGraph> wait_for;     // set on deadlock
  std::vector<ProcessTimes> processes;      // by process index
  std::vector<ChannelCounts> channels;      // by channel index
  std::uint64_t events = 0;
  std::vector<std::string> warnings;       // parts of the scenario this run could not honour
};

std::string_view to_string(RunResult::Outcome outcome);

} // namespace ipcsim
