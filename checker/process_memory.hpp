// The memory of this process as Linux reports it (/proc), for the memory guard and the statistics.
#pragma once

#include <cstdint>

namespace ipcsim {

std::uint64_t resident_memory();      // bytes now (VmRSS); 0 when unknown
std::uint64_t peak_resident_memory(); // bytes at most so far (VmHWM); 0 when unknown
std::uint64_t available_memory();     // bytes the system could still give (MemAvailable); 0 when unknown

} // namespace ipcsim
