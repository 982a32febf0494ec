#include "checker/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace ipcsim {

Progress::Progress(bool wanted) : shown_(wanted && isatty(STDERR_FILENO)), start_(Clock::now()), last_(start_) {}

Progress::~Progress() {
  if (drawn_)
    std::fputs("\r\033[K", stderr);
}

void Progress::update(std::uint64_t states, std::uint64_t depth, std::uint64_t memory_bytes) {
  if (!shown_)
    return;
  auto now = Clock::now();
  if (now - last_ < std::chrono::milliseconds(250))
    return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[K%12lu states  %10.0f states/s  depth %lu  %lu MiB", static_cast<unsigned long>(states),
               seconds > 0 ? static_cast<double>(states) / seconds : 0.0, static_cast<unsigned long>(depth),
               static_cast<unsigned long>(memory_bytes >> 20));
  std::fflush(stderr);
  drawn_ = true;
}

} // namespace ipcsim
