#include "cli/help_footer.hpp"

#include "cli/exit_codes.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ipcsim {
namespace {

// The README's table, in a line each.
std::string meaning(int status) {
  switch (status) {
  case exit_code::ok:
    return "everything holds";
  case exit_code::violation:
    return "a property is violated: a deadlock, an invalid operation, a race";
  case exit_code::incomplete:
    return "a check stopped at a limit (or an interrupt) before it was complete";
  case exit_code::bad_input:
    return "bad input: the scenario or the arguments";
  case exit_code::internal:
    return "internal error (a bug in ipcsim)";
  case exit_code::out_of_memory:
    return "a run needs more memory than it may have";
  case exit_code::cannot_create:
    return "an output file or directory cannot be written";
  case exit_code::interrupted:
    return "interrupted by SIGINT or SIGTERM";
  }
  throw std::logic_error(fmt::format("help_footer: no exit status {}", status));
}

} // namespace

std::string help_footer(const std::vector<std::string> &examples, const std::vector<int> &statuses,
                        const std::string &document) {
  std::string out = "Examples:\n";
  for (const std::string &example : examples)
    out += "  " + example + "\n";
  out += "\nExit status:\n";
  for (int status : statuses)
    out += fmt::format("  {:<4} {}\n", status, meaning(status));
  out += "\nDocumentation: README.md (the scenario format, the command line, the exit statuses)";
  out += document.empty() ? "" : ", " + document;
  out += " and docs/ in the ipcsim source tree; scenarios/ holds the examples.";
  return out;
}

std::string program_help_footer() {
  using namespace exit_code;
  return help_footer({"ipcsim run scenarios/deadlock-receive-first.yaml --svg dl.svg",
                      "ipcsim check scenarios/classic-dining-philosophers.yaml --report out",
                      "ipcsim compare scenarios/buffering-bounded.yaml --vary channels.jobs.capacity=0,1,4,unbounded"},
                     {ok, violation, incomplete, bad_input, internal, out_of_memory, cannot_create, interrupted});
}

} // namespace ipcsim
