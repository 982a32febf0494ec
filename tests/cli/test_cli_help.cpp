// Every --help ends with examples to copy, the exit statuses of the command and where the documentation is.
#include "cli/cli_runner.hpp"

#include <regex>

using namespace ipcsim::test;

namespace {

const std::string documentation = "Documentation: README.md (the scenario format, the command line, the exit "
                                  "statuses)";
const std::string in_the_tree = " and docs/ in the ipcsim source tree; scenarios/ holds the examples.\n";

// The scenario files the examples of `help` name.
std::vector<std::string> example_scenarios(const std::string &help) {
  std::vector<std::string> out;
  static const std::regex scenario("scenarios/[a-z-]+\\.yaml");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), scenario); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

} // namespace

TEST_CASE("cli: ipcsim --help ends with examples, every exit status and the documentation") {
  Cli help = run_cli("--help");
  CHECK(help.status == 0);
  CHECK(help.err.empty());
  CHECK(help.out.ends_with("\nExamples:\n"
                           "  ipcsim run scenarios/deadlock-receive-first.yaml --svg dl.svg\n"
                           "  ipcsim check scenarios/classic-dining-philosophers.yaml --report out\n"
                           "  ipcsim compare scenarios/buffering-bounded.yaml --vary "
                           "channels.jobs.capacity=0,1,4,unbounded\n"
                           "\n"
                           "Exit status:\n"
                           "  0    everything holds\n"
                           "  1    a property is violated: a deadlock, an invalid operation, a race\n"
                           "  3    a check stopped at a limit (or an interrupt) before it was complete\n"
                           "  64   bad input: the scenario or the arguments\n"
                           "  70   internal error (a bug in ipcsim)\n"
                           "  71   a run needs more memory than it may have\n"
                           "  73   an output file or directory cannot be written\n"
                           "  130  interrupted by SIGINT or SIGTERM\n"
                           "\n" +
                           documentation + in_the_tree));
}

TEST_CASE("cli: each command's --help ends with its examples, its exit statuses and its documentation") {
  struct Expected {
    std::string command, statuses, document;
  };
  for (const Expected &e : std::vector<Expected>{
           {"run", "0 1 64 70 71 73 130", ", docs/semantics.md"},
           {"validate", "0 64 70", ""},
           {"graph", "0 64 70 73", ""},
           {"check", "0 1 3 64 70 73", ", checker/README.md, docs/semantics.md"},
           {"compare", "0 1 3 64 70 73 130", ", docs/compare.md"},
           {"export", "0 64 70 73", ", docs/promela-export.md"},
           {"export promela", "0 64 70 73", ", docs/promela-export.md"}}) {
    INFO("ipcsim " << e.command << " --help");
    Cli help = run_cli(e.command + " --help");
    CHECK(help.status == 0);
    CHECK(help.out.ends_with("\n\n" + documentation + e.document + in_the_tree));
    std::size_t examples = help.out.find("\nExamples:\n  ipcsim " + e.command.substr(0, e.command.find(' ')) + " ");
    std::size_t statuses = help.out.find("\nExit status:\n");
    REQUIRE(examples != std::string::npos);
    REQUIRE(statuses != std::string::npos);
    CHECK(examples < statuses);
    std::string listed;
    for (const std::string &line : lines(help.out.substr(statuses + 14)))
      if (line.starts_with("  "))
        listed += (listed.empty() ? "" : " ") + line.substr(2, line.find(' ', 2) - 2);
    CHECK(listed == e.statuses);
    for (const std::string &scenario : example_scenarios(help.out.substr(examples)))
      CHECK(fs::exists(fs::path(IPCSIM_SOURCE_DIR) / scenario));
  }
}
