// ipcsim export promela: the scenario as a Promela model, to cross-check ipcsim's checker with SPIN.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_options.hpp"
#include "reports/output_file.hpp"
#include "reports/promela_export.hpp"

#include <iostream>
#include <memory>

namespace ipcsim {
namespace {

struct ExportCommand {
  ScenarioOptions scenario;
  std::string output; // empty: stdout

  int operator()() const {
    std::string text = promela_model(scenario.load()); // refusals: ScenarioError, exit 64
    if (output.empty()) {
      std::cout << text;
      return exit_code::ok;
    }
    write_output_file(output, text);
    return exit_code::ok;
  }
};

} // namespace

void add_export_command(CLI::App &app, CommandAction &action) {
  CLI::App *sub = app.add_subcommand("export", "Write the scenario as a model for another tool");
  sub->require_subcommand(1);
  auto promela = std::make_shared<ExportCommand>();
  CLI::App *pml = sub->add_subcommand("promela", "Write a Promela model for SPIN (a deadlock is an invalid end state)");
  promela->scenario.add_to(*pml);
  pml->add_option("-o,--output", promela->output, "Write the model to this file instead of stdout");
  pml->callback([promela, &action] { action = [promela] { return (*promela)(); }; });
}

} // namespace ipcsim
