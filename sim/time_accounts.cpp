#include "sim/time_accounts.hpp"

namespace ipcsim {

TimeAccounts::TimeAccounts(RunResult &result, std::size_t processes) : result_(result), open_(processes) {}

void TimeAccounts::open(ProcId p, Account account, double now, SemaphoreId semaphore) {
  open_[p] = {.open = true, .account = account, .semaphore = semaphore, .since = now};
}

double TimeAccounts::close(ProcId p, double now) {
  Open &o = open_[p];
  if (!o.open)
    return 0;
  o.open = false;
  double seconds = now - o.since;
  ProcessTimes &times = result_.processes[p];
  switch (o.account) {
  case Account::busy:
    times.busy += seconds;
    break;
  case Account::blocked_send:
    times.blocked_send += seconds;
    break;
  case Account::blocked_receive:
    times.blocked_receive += seconds;
    break;
  case Account::blocked_semaphore:
    times.blocked_semaphore += seconds;
    result_.semaphores[o.semaphore].time_blocked += seconds;
    break;
  }
  return seconds;
}

void TimeAccounts::close_all(double now) {
  for (ProcId p = 0; p < open_.size(); ++p)
    close(p, now);
}

} // namespace ipcsim
