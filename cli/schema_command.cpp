// ipcsim schema: prints the JSON Schema of scenario files (docs/scenario.schema.json, built in), for editors.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_schema_text.hpp"

#include <iostream>

namespace ipcsim {

void add_schema_command(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand("schema", "Print the JSON Schema of scenario files, for editors");
  sub->callback([&action] {
    action = [] {
      std::cout << scenario_schema_text << std::flush;
      return exit_code::ok;
    };
  });
}

} // namespace ipcsim
