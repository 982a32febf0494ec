#include "reports/run_progress.hpp"

#include "reports/number_format.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

constexpr double quiet_seconds = 1.0;   // a run shorter than this shows no progress at all
constexpr double redraw_seconds = 0.25; // at most four lines a second

} // namespace

std::string run_progress_text(const RunProgress &progress, double events_per_second) {
  return fmt::format("t = {} simulated, {} events ({}/s), {} messages", human_duration(progress.t),
                     human_rate(static_cast<double>(progress.events)), human_rate(events_per_second),
                     human_rate(static_cast<double>(progress.messages)));
}

RunProgressLine::RunProgressLine(WallClock clock, Draw draw)
    : clock_(std::move(clock)), draw_(std::move(draw)), start_(clock_()) {}

void RunProgressLine::update(const RunProgress &progress) {
  double now = clock_();
  double elapsed = now - start_;
  if (elapsed < quiet_seconds || (last_drawn_ && now - *last_drawn_ < redraw_seconds))
    return;
  last_drawn_ = now;
  draw_(run_progress_text(progress, static_cast<double>(progress.events) / elapsed));
}

} // namespace ipcsim
