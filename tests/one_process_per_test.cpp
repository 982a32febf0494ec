// The main of the simulator tests. SimGrid's engine runs once per program (sim/engine_setup.hpp), so when
// a command line selects more than one test case, each runs in a child process of its own (this program
// again, with the case's name) and the failures are added up: `test_sim`, `test_sim "simulator: *"` and
// ctest's one-case runs all work. Options are passed on to each child when written with a leading `-` and,
// if they take a value, as `--option=value`.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char *child_marker = "IPCSIM_ONE_TEST_CASE";

// A name as a test spec matches it alone: Catch reads `,` `[` `]` (and `\`) as syntax unless escaped.
std::string spec_of(const std::string &name) {
  std::string spec;
  for (char c : name) {
    if (c == ',' || c == '[' || c == ']' || c == '\\')
      spec += '\\';
    spec += c;
  }
  return spec;
}

// 0 when the child's test case passed.
int run_child(const char *program, const std::string &name, const std::vector<std::string> &options) {
  std::vector<std::string> args{program, spec_of(name)};
  args.insert(args.end(), options.begin(), options.end());
  std::cout << std::flush;
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char *> argv;
    for (auto &arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::setenv(child_marker, "1", 1);
    ::execv("/proc/self/exe", argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) < 0)
    return 1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[]) {
  Catch::Session session;
  if (int status = session.applyCommandLine(argc, argv))
    return status;
  const Catch::Config &config = session.config();
  bool listing = config.listTests() || config.listTestNamesOnly() || config.listTags() || config.listReporters();
  std::vector<Catch::TestCase> cases =
      Catch::filterTests(Catch::getAllTestCasesSorted(config), config.testSpec(), config);
  if (listing || std::getenv(child_marker) || cases.size() <= 1)
    return session.run();
  std::vector<std::string> options;
  for (int k = 1; k < argc; ++k)
    if (argv[k][0] == '-')
      options.emplace_back(argv[k]);
  int failed = 0;
  for (const Catch::TestCase &test : cases)
    failed += run_child(argv[0], test.name, options);
  std::cout << "one process per test case: " << cases.size() << " test cases, " << failed << " failed\n";
  return std::min(failed, 255);
}
