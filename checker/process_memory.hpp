// The memory of this process and the limits on it, as Linux reports them (/proc, cgroup v2, getrlimit), for
// the memory guard and the statistics. Every function returns 0 when the value is unknown or unlimited.
#pragma once

#include <cstdint>

namespace ipcsim {

std::uint64_t resident_memory();      // bytes now (VmRSS)
std::uint64_t virtual_memory();       // bytes of address space now (VmSize)
std::uint64_t peak_resident_memory(); // bytes at most so far (VmHWM)
std::uint64_t available_memory();     // bytes the system could still give (MemAvailable)
std::uint64_t cgroup_headroom();      // bytes this process's cgroup may still take (memory.max - memory.current)
std::uint64_t address_space_limit();  // bytes of RLIMIT_AS (`ulimit -v`)

} // namespace ipcsim
