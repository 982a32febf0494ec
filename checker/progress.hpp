// The progress line of a long check: states, states/s, depth and memory on stderr, rewritten in place at
// most four times a second, and only when stderr is a terminal (never in a pipe, a file or a test).
#pragma once

#include <chrono>
#include <cstdint>

namespace ipcsim {

class Progress {
public:
  explicit Progress(bool wanted); // shown only if wanted and stderr is a terminal
  ~Progress();                    // clears the line
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  // Cheap to call often: it draws only when a quarter of a second has passed.
  void update(std::uint64_t states, std::uint64_t depth, std::uint64_t memory_bytes);

private:
  using Clock = std::chrono::steady_clock;
  bool shown_ = false;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

} // namespace ipcsim
