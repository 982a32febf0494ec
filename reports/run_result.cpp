#include "reports/run_result.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ipcsim {

std::string_view to_string(RunResult::Outcome outcome) {
  switch (outcome) {
  case RunResult::Outcome::completed: return "completed";
  case RunResult::Outcome::deadlock: return "deadlock";
  case RunResult::Outcome::invalid: return "invalid operation";
  case RunResult::Outcome::stopped: return "stopped";
  }
  return "?";
}

LatencySummary summarize_latencies(std::vector<double> samples) {
  LatencySummary s;
  if (samples.empty())
    return s;
  std::sort(samples.begin(), samples.end());
  std::size_t n = samples.size();
  auto rank = [&](double p) { // 1-based nearest rank, ceil(p/100 * n), computed exactly for integral p
    auto r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n) / 100.0 - 1e-9));
    return samples[std::clamp<std::size_t>(r, 1, n) - 1];
  };
  s.count = n;
  s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(n);
  s.p50 = rank(50);
  s.p95 = rank(95);
  s.p99 = rank(99);
  s.max = samples.back();
  return s;
}

} // namespace ipcsim
