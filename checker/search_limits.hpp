// The limits of one check (--max-states, --time-limit, --max-memory, the default memory guard, an interrupt)
// and the clock behind its statistics. The states are counted at every insertion. Time and memory are
// watched by a thread of their own, which samples the clock and the memory every few milliseconds and raises
// a flag that the search reads at every transition: a limit then holds whatever one state or one expansion
// costs, where polling every few thousand transitions let a model of large states run far past it.
#pragma once

#include "checker/check_result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace ipcsim {

class SearchLimits {
public:
  explicit SearchLimits(const CheckOptions &options);
  ~SearchLimits(); // stops the watch
  SearchLimits(const SearchLimits &) = delete;
  SearchLimits &operator=(const SearchLimits &) = delete;

  // True when storing one more state would pass --max-states.
  bool states_full(std::size_t states) const { return max_states_ && states >= *max_states_; }
  bool counts_states() const { return max_states_.has_value(); }

  // The time or memory limit reached, or the interrupt: one relaxed load, cheap enough for every transition.
  std::optional<StopReason> reached() const {
    int r = reached_.load(std::memory_order_relaxed);
    return r < 0 ? std::nullopt : std::optional(static_cast<StopReason>(r));
  }
  // An allocation failed: the memory ran out before the guard saw it coming. reached() says max_memory.
  void ran_out_of_memory();
  bool ran_out() const { return memory_cause_ == MemoryCause::allocation_failed; }

  double elapsed() const;                          // seconds since the check started
  double cpu_elapsed() const;                      // CPU seconds of this process since then
  std::uint64_t memory() const { return memory_; } // resident bytes at the watch's last sample
  std::string describe(StopReason reason) const;   // the limit as an option: "--max-states 10"

private:
  using Clock = std::chrono::steady_clock;
  enum class MemoryCause { resident_set, address_space, allocation_failed }; // why max_memory was reached
  void watch();
  std::optional<StopReason> sample();
  void raise(StopReason reason);

  Clock::time_point start_;
  double cpu_start_ = 0;
  std::optional<std::uint64_t> max_states_;
  std::optional<double> time_limit_;
  std::optional<std::uint64_t> max_memory_;        // resident bytes
  std::optional<std::uint64_t> max_address_space_; // the guard under `ulimit -v`: virtual bytes
  bool options_max_memory_;                        // --max-memory given, rather than the default guard
  std::string guard_;                              // what the default guard is 90% of
  const std::atomic<int> *interrupt_;              // the signal that interrupts the check, or 0
  std::atomic<MemoryCause> memory_cause_ = MemoryCause::resident_set;
  std::atomic<std::uint64_t> memory_ = 0;
  std::atomic<int> reached_ = -1; // a StopReason, or -1

  std::mutex lock_; // for the watch's sleep
  std::condition_variable wake_;
  bool done_ = false;
  std::thread watch_;
};

} // namespace ipcsim
