// The memory a run may use, and the error when its processes cannot fit. SimGrid gives every actor a stack
// of its own when the actor is created, and aborts the whole program when it cannot get one, so the
// simulator weighs the actors against the budget before it creates any (engine_setup.hpp).
#pragma once

#include <cstdint>
#include <stdexcept>

namespace ipcsim {

struct MemoryBudget {
  std::uint64_t address_space = 0; // bytes of address space left under `ulimit -v`; 0: unlimited
  std::uint64_t resident = 0;      // bytes the system and the cgroup can still give; 0: unknown
};

// The run needs more memory than there is; what() says how much it needs and how much is left.
class OutOfMemory : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace ipcsim
