// `ipcsim validate` and bad scenarios: every bundled scenario is valid; a bad one gives FILE:LINE:COLUMN errors on
// stderr and exit status 64, also under `run`, where nothing is run.
#include "cli/cli_runner.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using namespace ipcsim::test;

namespace {



void write(const std::string& name, const std::string& text) { std::ofstream(scratch() / name, std::ios::binary) << text; }

// Every line is FILE:LINE:COLUMN: error: MESSAGE with 1-based positions.
void check_error_lines(const std::vector<std::string>& errors, const std::string& file) {
  std::regex form("^" + file + ":[1-9][0-9]*:[1-9][0-9]*: error: .+$");
  for (const auto& line : errors) {
    INFO(line);
    CHECK(std::regex_match(line, form));
  }
}

const char* const bad_scenario = R"(scenario: bad
channels:
  - mailbox: jobs
    capacty: 4
processes:
  - name: p
    do:
      - sleep: 5msec
      - send: {to: jbs}
)";

// Errors that need the whole model: no receive privilege to give, and a multicast without recipients.
const char* const give_scenario = R"(scenario: give
channels:
  - {mailbox: jobs, capacity: 1}
  - {mailbox: news, capacity: 1, delivery: all}
processes:
  - name: p
    do:
      - give: {mailbox: jobs, to: q}
  - name: q
    do: [{receive: {from: news}}]
)";

} // namespace

TEST_CASE("cli: validate accepts every bundled scenario, one PATH: ok line each") {
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(IPCSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml")
      paths.push_back("scenarios/" + entry.path().filename().string());
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() == 30);
  std::string args = "validate";
  std::vector<std::string> expected;
  for (const auto& p : paths) {
    args += " " + p;
    expected.push_back(p + ": ok");
  }
  Cli run = run_cli(args);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(lines(run.out) == expected);
}

TEST_CASE("cli: validate reports every error of a bad scenario as FILE:LINE:COLUMN and exits 64") {
  write("bad.yaml", bad_scenario);
  Cli run = run_cli("validate bad.yaml", scratch());
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  std::vector<std::string> errors = lines(run.err);
  REQUIRE(errors.size() == 3);
  check_error_lines(errors, "bad\\.yaml");
  CHECK(errors[0].rfind("bad.yaml:4:5: error: ", 0) == 0);
  CHECK(errors[0].find("capacty") != std::string::npos);
  CHECK(errors[1].rfind("bad.yaml:8:16: error: ", 0) == 0);
  CHECK(errors[1].find("5msec") != std::string::npos);
  CHECK(errors[2].rfind("bad.yaml:9:20: error: ", 0) == 0);
  CHECK(errors[2].find("jbs") != std::string::npos);
}

TEST_CASE("cli: validate checks every file, printing ok for the good ones and exiting 64 for a bad one") {
  write("bad.yaml", bad_scenario);
  fs::path good = fs::path(IPCSIM_SOURCE_DIR) / "scenarios" / "buffering-bounded.yaml";
  Cli run = run_cli("validate '" + good.string() + "' bad.yaml", scratch());
  CHECK(run.status == 64);
  CHECK(run.out == good.string() + ": ok\n");
  CHECK(lines(run.err).size() == 3);
}

TEST_CASE("cli: run on a bad scenario exits 64 with the errors and runs nothing") {
  write("bad.yaml", bad_scenario);
  fs::path trace = scratch() / "never.jsonl";
  Cli run = run_cli("run bad.yaml --trace '" + trace.string() + "'", scratch());
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  std::vector<std::string> errors = lines(run.err);
  CHECK(errors.size() == 3);
  check_error_lines(errors, "bad\\.yaml");
  CHECK_FALSE(fs::exists(trace));
}

TEST_CASE("cli: giving a mailbox without a receivers list, or multicast to anyone, exits 64 before running") {
  write("give.yaml", give_scenario);
  for (const char* command : {"validate", "run", "check"}) {
    INFO(command);
    Cli run = run_cli(std::string(command) + " give.yaml", scratch());
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(lines(run.err) ==
          std::vector<std::string>{
              "give.yaml:4:5: error: delivery: all sends every message to every process in `receivers`; 'news' "
              "needs a receivers list (it has receivers: any)",
              "give.yaml:8:9: error: give: 'jobs' has receivers: any, so there is no receive privilege to pass on "
              "(give it a receivers list)"});
  }
}

TEST_CASE("cli: a missing scenario file exits 64") {
  Cli run = run_cli("validate no-such-file.yaml", scratch());
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  CHECK(run.err.rfind("no-such-file.yaml", 0) == 0);
}

// A sender and a receiver on two hosts with no link between them: `run` cannot move the message, so
// `validate` refuses the scenario, at each step that would need the missing link, for every command alike.
TEST_CASE("cli: validate finds a send and a receive between hosts that no link joins, at their lines") {
  write("unlinked.yaml", R"(scenario: unlinked
platform:
  hosts: [{name: h0}, {name: h1}, {name: h2}]
  links: [{name: l, between: [h0, h2]}]
channels:
  - {mailbox: jobs, capacity: 1, receivers: [r]}
processes:
  - name: s
    host: h1
    do:
      - send: {to: jobs}
  - {name: r, host: h0, do: [{receive: {from: jobs}}]}
  - {name: other, host: h2, do: [{receive: {from: jobs}}]}
  - name: far
    host: h1
    do:
      - receive: {from: jobs, blocking: false}
)");
  const std::vector<std::string> expected{
      "unlinked.yaml:11:9: error: s sends to jobs on host h1, but jobs lives on host h0 (where it is received) and "
      "no link joins h1 and h0",
      "unlinked.yaml:17:9: error: far receives from jobs on host h1, but jobs lives on host h0 (where it is "
      "received) and no link joins h1 and h0"};
  for (const char *command : {"validate", "run", "check"}) {
    INFO(command);
    Cli run = run_cli(std::string(command) + " unlinked.yaml", scratch());
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(lines(run.err) == expected);
  }
}
