// ipcsim graph: the topology of a scenario (processes, mailboxes, links, capacities) as a picture.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/picture_files.hpp"
#include "cli/scenario_options.hpp"
#include "reports/topology_dot.hpp"

#include <iostream>
#include <memory>

namespace ipcsim {

void add_graph_command(CLI::App& app, CommandAction& action) {
  struct GraphCommand {
    ScenarioOptions scenario;
    std::string svg_path;
  };
  auto command = std::make_shared<GraphCommand>();
  CLI::App* sub = app.add_subcommand("graph", "Draw the topology: processes, mailboxes, links, capacities");
  command->scenario.add_to(*sub);
  sub->add_option("--svg", command->svg_path, "Write the picture to this SVG file (and its DOT beside it); "
                                              "without it, print the DOT text")
      ->check(svg_file);
  using namespace exit_code;
  sub->footer(help_footer({"ipcsim graph scenarios/naming-mailbox-many-to-many.yaml --svg topology.svg",
                           "ipcsim graph scenarios/classic-dining-philosophers.yaml --param N=3 > philosophers.dot"},
                          {ok, bad_input, internal, cannot_create}));
  sub->callback([command, &action] {
    action = [command] {
      std::string dot = topology_dot(command->scenario.load().scenario);
      if (command->svg_path.empty())
        std::cout << dot;
      else
        write_picture(command->svg_path, dot);
      return exit_code::ok;
    };
  });
}

} // namespace ipcsim
