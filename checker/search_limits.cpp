#include "checker/search_limits.hpp"

#include "checker/process_memory.hpp"

#include <csignal>
#include <ctime>
#include <fmt/format.h>

namespace ipcsim {
namespace {

// How often the watch samples: short against the half second a time limit may be passed by, and against
// what a search allocates in that time (a few MiB), long against the microseconds a sample costs.
constexpr std::chrono::milliseconds kSamplePeriod{10};

} // namespace

SearchLimits::SearchLimits(const CheckOptions &options)
    : start_(Clock::now()), max_states_(options.max_states), time_limit_(options.time_limit),
      max_memory_(options.max_memory), options_max_memory_(options.max_memory.has_value()),
      interrupt_(options.interrupt) {
  cpu_start_ = cpu_elapsed();
  std::uint64_t resident = resident_memory();
  memory_ = resident;
  // Without --max-memory, stop before the machine starts swapping or the kernel kills the process: at most
  // 90% of what was available, to the system or to this process's cgroup, whichever is less.
  if (!max_memory_) {
    std::uint64_t room = available_memory();
    guard_ = "the memory available";
    if (std::uint64_t group = cgroup_headroom(); group > 0 && (room == 0 || group < room))
      room = group, guard_ = "the cgroup's memory limit";
    if (room > 0)
      max_memory_ = resident + room / 10 * 9;
  }
  // `ulimit -v` bounds the address space, which allocations reach long before the resident set does.
  if (std::uint64_t limit = address_space_limit(); limit > 0) {
    std::uint64_t used = virtual_memory();
    max_address_space_ = used + (limit > used ? limit - used : 0) / 10 * 9;
  }
  watch_ = std::thread([this] { watch(); });
}

SearchLimits::~SearchLimits() {
  {
    std::lock_guard lock(lock_);
    done_ = true;
  }
  wake_.notify_all();
  watch_.join();
}

void SearchLimits::watch() {
  std::unique_lock lock(lock_);
  while (!done_) {
    if (auto reason = sample())
      raise(*reason);
    wake_.wait_for(lock, kSamplePeriod, [this] { return done_; });
  }
}

std::optional<StopReason> SearchLimits::sample() {
  if (interrupt_ && interrupt_->load(std::memory_order_relaxed) != 0)
    return StopReason::interrupted;
  if (time_limit_ && elapsed() >= *time_limit_)
    return StopReason::time_limit;
  std::uint64_t resident = resident_memory();
  memory_.store(resident, std::memory_order_relaxed);
  if (max_memory_ && resident >= *max_memory_)
    return StopReason::max_memory;
  if (max_address_space_ && virtual_memory() >= *max_address_space_) {
    memory_cause_ = MemoryCause::address_space;
    return StopReason::max_memory;
  }
  return std::nullopt;
}

void SearchLimits::raise(StopReason reason) {
  int none = -1;
  reached_.compare_exchange_strong(none, static_cast<int>(reason), std::memory_order_relaxed);
}

void SearchLimits::ran_out_of_memory() {
  int none = -1;
  if (reached_.compare_exchange_strong(none, static_cast<int>(StopReason::max_memory)))
    memory_cause_ = MemoryCause::allocation_failed;
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
  std::uint64_t mib = memory_.load(std::memory_order_relaxed) >> 20;
  switch (reason) {
  case StopReason::max_states:
    return fmt::format("--max-states {}", max_states_.value_or(0));
  case StopReason::time_limit:
    return fmt::format("--time-limit {}", time_limit_.value_or(0));
  case StopReason::interrupted:
    return interrupt_ && interrupt_->load() == SIGTERM ? "SIGTERM" : "SIGINT";
  case StopReason::max_memory:
    if (memory_cause_ == MemoryCause::allocation_failed)
      return fmt::format("the end of the memory (an allocation failed at {} MiB resident)", mib);
    if (memory_cause_ == MemoryCause::address_space)
      return fmt::format("the memory guard ({} MiB of address space, 90% of what `ulimit -v` left)",
                         max_address_space_.value_or(0) >> 20);
    if (!options_max_memory_)
      return fmt::format("the memory guard ({} MiB, 90% of {})", max_memory_.value_or(0) >> 20, guard_);
    return fmt::format("--max-memory {}", max_memory_.value_or(0) >> 20);
  default:
    return "";
  }
}

} // namespace ipcsim
