// Buffer levels over simulated time: the peak, and the mean weighted by how long each level was held.
#pragma once

#include "reports/run_result.hpp"

#include <cstdint>

namespace ipcsim {

class OccupancyTracker {
public:
  // The level is now `messages` / `bytes` (time never goes back).
  void move_to(double now, std::uint64_t messages, std::uint64_t bytes);
  std::uint64_t messages() const { return messages_; }
  std::uint64_t bytes() const { return bytes_; }
  // Peaks and means over [0, end]; an instantaneous run reports its final level as the mean.
  Occupancy over(double end) const;

private:
  double since_ = 0;
  double message_seconds_ = 0; // integral of the level over time
  double byte_seconds_ = 0;
  std::uint64_t messages_ = 0;
  std::uint64_t bytes_ = 0;
  Occupancy peak_;
};

} // namespace ipcsim
