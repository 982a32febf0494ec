#include "cli/interrupt.hpp"

#include <csignal>

namespace ipcsim {
namespace {

std::atomic<int> interrupted{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may only touch a lock-free atomic");

extern "C" void on_interrupt(int signal) {
  interrupted.store(signal);
  std::signal(signal, SIG_DFL); // the second one is not caught
}

} // namespace

const std::atomic<int> &catch_interrupts() {
  static bool installed = [] {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)installed;
  return interrupted;
}

} // namespace ipcsim
