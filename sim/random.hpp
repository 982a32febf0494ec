// One seeded random stream per process, so that a process's draws do not depend on what other processes
// do: a run is reproducible from the scenario's seed, and changing one process leaves the others' samples
// alone. Faults draw from streams of their own (FaultStreams), so that adding a fault to a channel or a
// process changes no other draw. The transforms are written out (not std:: distributions, whose output is implementation-defined)
// so that traces are byte-identical across standard libraries.
#pragma once

#include "models/scenario.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace ipcsim {

class ProcessRandom {
public:
  ProcessRandom(std::uint64_t seed, std::uint32_t process_index);

  double sample(const Duration& d);           // seconds, never negative
  std::uint32_t pick(std::uint32_t n);        // uniform in [0, n)
  bool chance(double probability);            // true with that probability

private:
  double unit();                              // uniform in [0, 1)
  std::mt19937_64 engine_;
};

// The streams of the faults: one per channel (its losses and duplicates) and one per process (its crash
// time), apart from the processes' own streams.
struct FaultStreams {
  FaultStreams(std::uint64_t seed, std::size_t channels, std::size_t processes);
  std::vector<ProcessRandom> channels;
  std::vector<ProcessRandom> crashes;
};

} // namespace ipcsim
