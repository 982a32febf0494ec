// The progress line of a long `ipcsim run`: how far simulated time has come, how many events per second of
// wall-clock time the simulator takes, and the messages received so far. Nothing for the first second (a
// short run shows nothing), then at most four lines a second. The wall clock is given, so that a test can
// drive it; only the line drawn depends on it, never the run.
#pragma once

#include "reports/run_result.hpp"

#include <functional>
#include <optional>
#include <string>

namespace ipcsim {

// "t = 1.25s simulated, 3.1M events (2.4M/s), 1.2M messages"
std::string run_progress_text(const RunProgress &progress, double events_per_second);

class RunProgressLine {
public:
  using WallClock = std::function<double()>;             // seconds, from any origin
  using Draw = std::function<void(const std::string &)>; // e.g. ProgressLine::show

  RunProgressLine(WallClock clock, Draw draw);
  void update(const RunProgress &progress);

private:
  WallClock clock_;
  Draw draw_;
  double start_;
  std::optional<double> last_drawn_;
};

} // namespace ipcsim
