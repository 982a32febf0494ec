// The SimGrid platform of a scenario: its hosts (speed, cores) and the links between them, in one zone.
#pragma once

#include "models/model.hpp"

#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace ipcsim {

// Creates the hosts and links (the engine must exist); returns the hosts in scenario order.
std::vector<simgrid::s4u::Host*> build_platform(const Platform& platform);

} // namespace ipcsim
