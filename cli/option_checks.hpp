// Validators shared by the subcommands' options: what CLI11's own let through.
#pragma once

#include <CLI/CLI.hpp>

namespace ipcsim {

// A positive, finite number of seconds (CLI::PositiveNumber accepts "nan" and "inf": limits that never stop).
extern const CLI::Validator positive_seconds;

// A file or directory name that is not empty ("" would write to a file of no name, or nowhere).
extern const CLI::Validator non_empty_path;

} // namespace ipcsim
