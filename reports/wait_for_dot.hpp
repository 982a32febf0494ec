// A wait-for graph in DOT: a node per process, an edge P -> Q when blocked P can only be released by Q.
// Blocked processes are red boxes with their state as a second line, the deadlocked set is drawn inside a
// red "deadlocked" cluster, running and ended processes are grey, and the edges of the cycle are bold red.
#pragma once

#include "models/wait_for_graph.hpp"

#include <string>

namespace ipcsim {

std::string wait_for_dot(const WaitForGraph &graph, const std::string &title = "wait-for graph");

} // namespace ipcsim
