#include "sim/occupancy_tracker.hpp"

#include <algorithm>

namespace ipcsim {

void OccupancyTracker::move_to(double now, std::uint64_t messages, std::uint64_t bytes) {
  double held = now - since_;
  message_seconds_ += static_cast<double>(messages_) * held;
  byte_seconds_ += static_cast<double>(bytes_) * held;
  since_ = now;
  messages_ = messages;
  bytes_ = bytes;
  peak_.peak_messages = std::max(peak_.peak_messages, messages);
  peak_.peak_bytes = std::max(peak_.peak_bytes, bytes);
}

Occupancy OccupancyTracker::over(double end) const {
  Occupancy o = peak_;
  if (end <= 0) {
    o.mean_messages = static_cast<double>(messages_);
    o.mean_bytes = static_cast<double>(bytes_);
    return o;
  }
  double held = std::max(0.0, end - since_);
  o.mean_messages = (message_seconds_ + static_cast<double>(messages_) * held) / end;
  o.mean_bytes = (byte_seconds_ + static_cast<double>(bytes_) * held) / end;
  return o;
}

} // namespace ipcsim
