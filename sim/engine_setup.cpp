#include "sim/engine_setup.hpp"

#include "reports/number_format.hpp"

#include <fmt/format.h>
#include <simgrid/s4u/Engine.hpp>

#include <csignal>
#include <stdexcept>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace ipcsim {
namespace {

constexpr std::uint64_t default_stack_bytes = 8 << 20; // SimGrid's contexts/stack-size
constexpr std::uint64_t guard_bytes = 4 << 10;         // contexts/guard-size: one page
constexpr std::uint64_t default_stack_touched = 8 << 10;
// An actor's SimGrid objects and the simulator's own per-process state, beside its stack: measured at 7 to 8
// KiB (30 000 one-step processes: 735 MB resident, 780 MB of address space). SimGrid aborts the program when a
// stack cannot be had, so the estimate errs on the high side.
constexpr std::uint64_t bookkeeping_bytes = 8 << 10;
constexpr std::size_t many_processes = 4000; // beyond, default stacks' memory maps approach the kernel's cap

std::string shortfall(std::size_t processes, const ActorStacks &stacks, std::uint64_t needed, std::uint64_t left,
                      const char *where) {
  std::string stack = stacks.small ? human_size(small_stack_bytes) : human_size(default_stack_bytes) + " (virtual)";
  return fmt::format("ipcsim: error: this run needs about {} of memory for its {} processes ({} of stack and about {} "
                     "of bookkeeping each), but only {} {}\n",
                     human_size(needed), processes, stack, human_size(bookkeeping_bytes), human_size(left), where);
}

std::vector<std::string> engine_arguments() {
  std::vector<std::string> args{"ipcsim", "--log=root.thres:critical",
                                // SimGrid's own deadlock report: ours names what each process waits for
                                "--log=ker_engine.app:file:/dev/null",
                                // A transfer takes the link's latency plus size / bandwidth, as the scenario
                                // says, rather than TCP's measured factors (LV08); flows still share links.
                                "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                                "--cfg=network/TCP-gamma:0"};
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer cannot follow SimGrid's hand-made stack switches; threads are slow but exact. The
  // factory is chosen when the engine starts, so it must come on the command line, not from set_config.
  args.push_back("--cfg=contexts/factory:thread");
#endif
  return args;
}

} // namespace

void claim_engine() {
  static bool claimed = false;
  if (claimed)
    throw std::logic_error("simulate() was called a second time in this program: SimGrid 3.32 keeps its clock, "
                           "configuration and engine callbacks in static variables that outlive the engine, so a "
                           "second simulation would start at the first one's end time and may crash; run each "
                           "simulation in a program of its own (tests/sim does: one process per test case)");
  claimed = true;
}

ActorStacks plan_actor_stacks(std::size_t processes, const MemoryBudget &budget) {
  auto n = static_cast<std::uint64_t>(processes);
  ActorStacks stacks;
  std::uint64_t default_virtual = n * (default_stack_bytes + guard_bytes + bookkeeping_bytes);
  stacks.small = processes >= many_processes || (budget.address_space && default_virtual > budget.address_space / 2);
#if defined(__SANITIZE_ADDRESS__)
  stacks.small = false; // sanitized builds run actors as threads (engine_arguments): no stacks to size
#endif
  stacks.resident_bytes = n * ((stacks.small ? small_stack_bytes : default_stack_touched) + bookkeeping_bytes);
  stacks.virtual_bytes = stacks.small ? stacks.resident_bytes : default_virtual;
  if (budget.address_space && stacks.virtual_bytes > budget.address_space)
    throw OutOfMemory(shortfall(processes, stacks, stacks.virtual_bytes, budget.address_space,
                                "of address space is left under its limit (ulimit -v)"));
  if (budget.resident && stacks.resident_bytes > budget.resident)
    throw OutOfMemory(shortfall(processes, stacks, stacks.resident_bytes, budget.resident, "is available"));
  return stacks;
}

std::unique_ptr<sg4::Engine> start_engine(const ActorStacks &stacks) {
  std::vector<std::string> args = engine_arguments();
  std::vector<char *> argv;
  for (auto &arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  struct sigaction interrupt {};
  sigaction(SIGINT, nullptr, &interrupt);
  auto engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  sigaction(SIGINT, &interrupt, nullptr);
  if (stacks.small) { // before the platform exists
    sg4::Engine::set_config("contexts/guard-size:0");
    sg4::Engine::set_config("contexts/stack-size:" + std::to_string(small_stack_bytes >> 10)); // KiB, all resident
  }
  return engine;
}

} // namespace ipcsim
