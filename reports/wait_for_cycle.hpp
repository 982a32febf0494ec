// Reading a deadlock off its wait-for graph, for the words of a report: one cycle through the deadlocked
// processes (each waits for the next), the other processes of the same knot, and the processes stuck
// behind it (deadlocked because what they wait for is, but on no cycle themselves).
#pragma once

#include "models/wait_for_graph.hpp"

#include <cstddef>
#include <vector>

namespace ipcsim {

struct WaitForCycle {
  std::vector<std::size_t> cycle;  // node indices, each waiting for the next and the last for the first; empty if none
  std::vector<std::size_t> knot;   // other deadlocked nodes on some cycle, in node order
  std::vector<std::size_t> behind; // deadlocked nodes on no cycle, in node order
};

WaitForCycle find_wait_for_cycle(const WaitForGraph &graph);

} // namespace ipcsim
