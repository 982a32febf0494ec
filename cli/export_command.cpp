// ipcsim export promela: the scenario as a Promela model, to cross-check ipcsim's checker with SPIN.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
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
  // `ipcsim export SCENARIO` is the likely slip: the words before a format are taken (unlisted in the help) so
  // that the error can say what to write instead of "A subcommand is required".
  auto words = std::make_shared<std::vector<std::string>>();
  sub->add_option("words", *words)->group("");
  sub->callback([sub, words] {
    if (sub->get_subcommands().empty() || !words->empty())
      throw CLI::ValidationError("name the format: ipcsim export promela SCENARIO");
  });
  auto promela = std::make_shared<ExportCommand>();
  CLI::App *pml = sub->add_subcommand("promela", "Write a Promela model for SPIN (a deadlock is an invalid end state)");
  promela->scenario.add_to(*pml);
  pml->add_option("-o,--output", promela->output, "Write the model to this file instead of stdout");
  pml->callback([promela, &action] { action = [promela] { return (*promela)(); }; });
  using namespace exit_code;
  std::string footer = help_footer({"ipcsim export promela scenarios/deadlock-receive-first.yaml -o receive-first.pml",
                                    "ipcsim export promela scenarios/classic-dining-philosophers.yaml --param N=3"},
                                   {ok, bad_input, internal, cannot_create}, "docs/promela-export.md");
  sub->footer(footer);
  pml->footer(footer);
}

} // namespace ipcsim
