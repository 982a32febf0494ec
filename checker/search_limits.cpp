#include "checker/search_limits.hpp"

#include "checker/process_memory.hpp"

#include <ctime>
#include <fmt/format.h>

namespace ipcsim {

SearchLimits::SearchLimits(const CheckOptions &options)
    : start_(Clock::now()), max_states_(options.max_states), time_limit_(options.time_limit),
      max_memory_(options.max_memory) {
  cpu_start_ = cpu_elapsed();
  memory_ = resident_memory();
  // Without --max-memory, stop before the machine starts swapping: at most 90% of what was available.
  if (!max_memory_)
    if (std::uint64_t available = available_memory(); available > 0)
      max_memory_ = memory_ + available / 10 * 9, memory_guard_ = true;
}

std::optional<StopReason> SearchLimits::poll() {
  if (time_limit_ && elapsed() >= *time_limit_)
    return StopReason::time_limit;
  memory_ = resident_memory();
  if (max_memory_ && memory_ >= *max_memory_)
    return StopReason::max_memory;
  return std::nullopt;
}

double SearchLimits::cpu_elapsed() const {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9 - cpu_start_;
}

double SearchLimits::elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

std::string SearchLimits::describe(StopReason reason) const {
  switch (reason) {
  case StopReason::max_states:
    return fmt::format("--max-states {}", max_states_.value_or(0));
  case StopReason::time_limit:
    return fmt::format("--time-limit {}", time_limit_.value_or(0));
  case StopReason::max_memory:
    if (memory_guard_)
      return fmt::format("the memory guard ({} MiB, 90% of the memory available)", max_memory_.value_or(0) >> 20);
    return fmt::format("--max-memory {}", max_memory_.value_or(0) >> 20);
  default:
    return "";
  }
}

} // namespace ipcsim
