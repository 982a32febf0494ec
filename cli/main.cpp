// ipcsim: simulate, verify and compare message-passing designs. The front is thin: it parses the command
// line and calls the layers; every error becomes a message and an exit status from exit_codes.hpp.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/usage_errors.hpp"
#include "ipcsim_version.hpp"
#include "models/diagnostics.hpp"
#include "reports/output_file.hpp"
#include "sim/simgrid_version.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"ipcsim: simulate, check and compare message-passing IPC designs"};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version", [] { return "ipcsim " + std::string(ipcsim::version) + "\nSimGrid " + ipcsim::simgrid_version(); },
      "Print the versions of ipcsim and of the SimGrid it runs on, and exit");
  app.footer(ipcsim::program_help_footer());
  ipcsim::CommandAction action;
  ipcsim::add_run_command(app, action);
  ipcsim::add_validate_command(app, action);
  ipcsim::add_graph_command(app, action);
  ipcsim::add_check_command(app, action);
  ipcsim::add_compare_command(app, action);
  ipcsim::add_export_command(app, action);
  ipcsim::add_schema_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) // --help, --version
      return app.exit(e);
    std::cerr << ipcsim::usage_error(app, e);
    return ipcsim::exit_code::bad_input;
  }
  try {
    return action();
  } catch (const ipcsim::ScenarioError& e) {
    std::cerr << e.what();
    return ipcsim::exit_code::bad_input;
  } catch (const ipcsim::OutputError& e) {
    std::cerr << e.what();
    return ipcsim::exit_code::cannot_create;
  } catch (const std::exception& e) {
    std::cerr << "ipcsim: internal error: " << e.what() << "\n";
    return ipcsim::exit_code::internal;
  }
}
