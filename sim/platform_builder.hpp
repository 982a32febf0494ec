// The SimGrid platform of a scenario: its hosts (speed, cores) and the links between them, in one zone.
#pragma once

#include "models/model.hpp"
#include "sim/cost_model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace ipcsim {

// Creates the hosts and links (the engine must exist); returns the hosts in scenario order.
std::vector<simgrid::s4u::Host*> build_platform(const Platform& platform);

// Every message must be able to travel: a process on another host than the channel it uses needs a link
// to that host. Throws ScenarioError naming the channel and the two hosts otherwise.
void require_routes(const Model& model, const CostModel& costs);

// Actor stacks sized for the process count: SimGrid's default stacks cost two memory maps each, which the
// kernel caps at about 32 k actors; beyond a few thousand processes we use small heap-allocated stacks.
void configure_contexts(std::size_t process_count);

// The arguments the engine is started with: quiet logs, and the context factory for sanitized builds.
std::vector<std::string> engine_arguments();

} // namespace ipcsim
