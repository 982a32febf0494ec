// A scenario's structure in DOT: processes (ellipses; servers with a double border), mailboxes (cylinders when
// they buffer, boxes at rendezvous, labelled with their capacity), direct links as edges between processes,
// the mailboxes each process sends to and receives from (found by walking its steps, including repeat,
// forever, choose and else bodies), semaphores and shared-memory segments with edges from their users, and a
// cluster per host when there is more than one.
#pragma once

#include "models/scenario.hpp"

#include <string>

namespace ipcsim {

std::string topology_dot(const Scenario &scenario);

} // namespace ipcsim
