// Where each process's simulated time goes (README, "Costs and metrics"). Every SimGrid call that takes
// simulated time on a process's behalf is opened on an account and closed when it returns; a call that the
// end of the run cuts short (a process blocked until the end, a computation under way at --until) is closed
// by close_all(), so that it counts for what it was, not as idle time.
#pragma once

#include "models/model.hpp"
#include "reports/run_result.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ipcsim {

enum class Account : std::uint8_t { busy, blocked_send, blocked_receive, blocked_semaphore };

class TimeAccounts {
public:
  TimeAccounts(RunResult &result, std::size_t processes); // result.processes must have that many entries

  // `semaphore`: the semaphore waited for, for blocked_semaphore (its time-blocked counts the wait too).
  void open(ProcId p, Account account, double now, SemaphoreId semaphore = kNone);
  double close(ProcId p, double now); // the seconds charged
  void close_all(double now);

private:
  struct Open {
    bool open = false;
    Account account = Account::busy;
    SemaphoreId semaphore = kNone;
    double since = 0;
  };

  RunResult &result_;
  std::vector<Open> open_; // by process
};

} // namespace ipcsim
