// What ipcsim says when CLI11 refuses a command line: one line, "ipcsim check: error: ...", in the words of
// the program's other errors; a word no command knows is named with the option or command it resembles.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace ipcsim {

// The message for `error` (not --help or --version), thrown while `app` parsed the command line.
std::string usage_error(const CLI::App &app, const CLI::ParseError &error);

} // namespace ipcsim
