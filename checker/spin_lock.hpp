// A lock for the tables the threads of a parallel search share: they hold it for a hash probe and a copy, a
// few hundred nanoseconds, where std::mutex under contention puts the waiter to sleep in the kernel and
// wakes it with a system call, each costing more than the wait. A waiter spins on a read of the flag (no
// cache-line traffic until it changes) and yields its core after a while, in case the holder was preempted.
#pragma once

#include <atomic>
#include <thread>

namespace ipcsim {

class SpinLock {
public:
  void lock() {
    for (unsigned spins = 0; held_.exchange(true, std::memory_order_acquire);)
      while (held_.load(std::memory_order_relaxed))
        if (++spins % 1024 == 0)
          std::this_thread::yield();
        else
          pause();
  }
  void unlock() { held_.store(false, std::memory_order_release); }

private:
  static void pause() { // tells the core it is a spin-wait loop: less power, no penalty when it ends
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }

  std::atomic<bool> held_ = false;
};

} // namespace ipcsim
