// The limits of one check (--max-states, --time-limit, --max-memory and the default memory guard) and the
// clock behind its statistics. Time and memory are polled, not measured per state: polling costs a system
// call, so the search asks every few thousand transitions.
#pragma once

#include "checker/check_result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ipcsim {

class SearchLimits {
public:
  explicit SearchLimits(const CheckOptions &options);

  // True when storing one more state would pass --max-states.
  bool states_full(std::size_t states) const { return max_states_ && states >= *max_states_; }
  bool counts_states() const { return max_states_.has_value(); }

  // The time or memory limit reached, if any. Also samples the memory for the progress line.
  std::optional<StopReason> poll();

  double elapsed() const;                          // seconds since the check started
  double cpu_elapsed() const;                      // CPU seconds of this process since then
  std::uint64_t memory() const { return memory_; } // resident bytes at the last poll
  std::string describe(StopReason reason) const;   // the limit as an option: "--max-states 10"

private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
  double cpu_start_ = 0;
  std::optional<std::uint64_t> max_states_;
  std::optional<double> time_limit_;
  std::optional<std::uint64_t> max_memory_;
  bool memory_guard_ = false; // max_memory_ is the default guard, not --max-memory
  std::uint64_t memory_ = 0;
};

} // namespace ipcsim
