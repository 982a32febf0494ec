// The end of each --help: commands to copy, the exit statuses the command gives, and where the documentation
// is (files of the source tree: ipcsim may run where there is no network).
#pragma once

#include <string>
#include <vector>

namespace ipcsim {

// "Examples:" with `examples`, "Exit status:" with each of `statuses` (exit_codes.hpp) and its meaning, and
// the documentation: README.md, docs/, and `document` when the command has a page of its own.
std::string help_footer(const std::vector<std::string> &examples, const std::vector<int> &statuses,
                        const std::string &document = "");

// The footer of `ipcsim --help`: an example per main command and every exit status.
std::string program_help_footer();

} // namespace ipcsim
