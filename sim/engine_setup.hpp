// How the SimGrid engine is started for a run: once per program, with quiet logs and exact network
// times, and with actor stacks that fit the number of processes and the memory left.
#pragma once

#include "sim/memory_budget.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace simgrid::s4u {
class Engine;
}

namespace ipcsim {

// SimGrid 3.32 keeps its clock (EngineImpl::now_), its configuration and the callbacks registered on the
// engine's signals in static variables that outlive the engine: a second engine in one program starts at
// the first one's end time, and its deadlock handler calls the first simulation's, which is gone. The first
// call claims the engine; every later one throws std::logic_error saying so.
void claim_engine();

struct ActorStacks {
  bool small = false;               // heap-allocated stacks of small_stack_bytes, no guard page
  std::uint64_t virtual_bytes = 0;  // what the actors take in address space, estimated
  std::uint64_t resident_bytes = 0; // and in memory
};

inline constexpr std::uint64_t small_stack_bytes = 16 << 10; // 8 KiB is the least that runs every test

// SimGrid's default stacks (8 MiB of address space and a guard page each, two memory maps) cap a program at
// about 32 k actors and fill a `ulimit -v` quickly; small stacks take memory at once but only 16 KiB. Chooses
// and weighs them for `processes`; throws OutOfMemory when the actors alone exceed the budget.
ActorStacks plan_actor_stacks(std::size_t processes, const MemoryBudget &budget);

// Starts the engine (after claim_engine()) with quiet logs, the CM02 network model (a transfer takes the
// link's latency plus size / bandwidth, as the scenario says) and the stacks chosen. SimGrid's engine installs
// a SIGINT handler of its own that exits the program; the one the program had is put back.
std::unique_ptr<simgrid::s4u::Engine> start_engine(const ActorStacks &stacks);

} // namespace ipcsim
