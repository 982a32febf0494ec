// ipcsim graph: the topology of a scenario (processes, mailboxes, links, capacities) as a picture.
#include "cli/commands.hpp"

namespace ipcsim {

void add_graph_command(CLI::App&, CommandAction&) {}

} // namespace ipcsim
