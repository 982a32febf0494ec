// Each subcommand: its options, registered on the app, and what it does once they are parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace ipcsim {

// Registers a subcommand; `run` is set to its action, which returns the exit status.
using CommandAction = std::function<int()>;
void add_run_command(CLI::App& app, CommandAction& action);
void add_validate_command(CLI::App& app, CommandAction& action);
void add_graph_command(CLI::App& app, CommandAction& action);
void add_check_command(CLI::App& app, CommandAction& action);
void add_compare_command(CLI::App& app, CommandAction& action);
void add_export_command(CLI::App& app, CommandAction& action);
void add_schema_command(CLI::App& app, CommandAction& action);

} // namespace ipcsim
