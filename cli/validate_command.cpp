// ipcsim validate: load and check scenario files without running them.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/scenario_options.hpp"

#include <iostream>
#include <memory>

namespace ipcsim {

void add_validate_command(CLI::App& app, CommandAction& action) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand("validate", "Check scenario files without running them");
  sub->add_option("scenarios", *files, "Scenario files")->required();
  using namespace exit_code;
  sub->footer(help_footer({"ipcsim validate scenarios/*.yaml",
                           "ipcsim validate scenarios/buffering-bounded.yaml scenarios/shm-race.yaml"},
                          {ok, bad_input, internal}));
  sub->callback([files, &action] {
    action = [files] {
      int status = exit_code::ok;
      for (const auto& path : *files) {
        try {
          ScenarioOptions{.path = path}.load();
          std::cout << path << ": ok\n";
        } catch (const ScenarioError& e) {
          std::cerr << e.what();
          status = exit_code::bad_input;
        }
      }
      return status;
    };
  });
}

} // namespace ipcsim
