#include "sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ipcsim {

// splitmix64 spreads (seed, index) over the whole state space: neighbouring seeds give unrelated streams.
static std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

ProcessRandom::ProcessRandom(std::uint64_t seed, std::uint32_t process_index)
    : engine_(mix(mix(seed) ^ (process_index + 1))) {}

double ProcessRandom::unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double ProcessRandom::sample(const Duration& d) {
  switch (d.kind) {
  case Duration::Kind::fixed:
    return d.a;
  case Duration::Kind::exponential:
    return -d.a * std::log1p(-unit());
  case Duration::Kind::uniform:
    return d.a + (d.b - d.a) * unit();
  case Duration::Kind::normal: {
    double u1 = 1.0 - unit(); // (0, 1]: log is finite
    double u2 = unit();
    double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    return std::max(0.0, d.a + d.b * z);
  }
  }
  return d.a;
}

std::uint32_t ProcessRandom::pick(std::uint32_t n) {
  return static_cast<std::uint32_t>(unit() * n);
}

bool ProcessRandom::chance(double probability) {
  return unit() < probability;
}

// Distinct seeds for the two families, so that no fault stream coincides with a process's.
FaultStreams::FaultStreams(std::uint64_t seed, std::size_t channel_count, std::size_t process_count) {
  constexpr std::uint64_t channel_salt = 0x6368616e6e656c73ULL, crash_salt = 0x63726173686573ULL;
  for (std::size_t c = 0; c < channel_count; ++c)
    channels.emplace_back(mix(seed ^ channel_salt), static_cast<std::uint32_t>(c));
  for (std::size_t p = 0; p < process_count; ++p)
    crashes.emplace_back(mix(seed ^ crash_salt), static_cast<std::uint32_t>(p));
}

} // namespace ipcsim
