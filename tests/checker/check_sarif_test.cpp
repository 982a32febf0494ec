// `ipcsim check --sarif F` as a user runs it: the whole log of one violation pinned against a golden file; for
// others, where the result and its steps point; what a check that holds, stops early or fails in the initial
// state writes; bad paths.
// (tests/reports/sarif_schema_test.py validates logs against the SARIF 2.1.0 JSON Schema.)
#include "check_support.hpp"

#include "reports/sarif_report.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// The log that `ipcsim ARGS --sarif F` writes, and its exit status. A file per call and test process: CTest runs
// the test cases in parallel, and other checkouts may run them too.
std::pair<std::string, int> sarif_text(const std::string &name, const std::string &args) {
  auto file = std::filesystem::temp_directory_path() /
              ("ipcsim-check-sarif-" + std::to_string(getpid()) + "-" + name + ".sarif");
  std::filesystem::remove(file);
  CommandOutput r = run_ipcsim(args + " --sarif '" + file.string() + "'");
  std::string text = read_text(file.string());
  std::filesystem::remove(file);
  return {text, r.status};
}

nlohmann::ordered_json sarif_of(const std::string &name, const std::string &args, int status) {
  auto [text, exit_status] = sarif_text(name, args);
  CHECK(exit_status == status);
  return nlohmann::ordered_json::parse(text);
}

} // namespace

TEST_CASE("check --sarif writes the invariant's violation with its schedule as a code flow", "[cli][sarif]") {
  auto [text, status] = sarif_text("check-then-act", "check scenarios/protocol-check-then-act.yaml");
  CHECK(status == 1);
  check_golden("protocol-check-then-act.sarif", text);
}

TEST_CASE("check --sarif: a data race at the later access, each step at its line and column", "[cli][sarif]") {
  auto log = sarif_of("shm-race", "check scenarios/shm-race.yaml", 1);
  auto &run = log["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == 3); // deadlock, data_race, invalid_operations
  REQUIRE(run["results"].size() == 1);
  auto &result = run["results"][0];
  CHECK(result["ruleId"] == "data_race");
  CHECK(result["ruleIndex"] == 1);
  CHECK(run["tool"]["driver"]["rules"][1]["id"] == "data_race");
  CHECK(result["message"]["text"] == "data race on board: writer's write (line 22) and reader's read (line 32) are not "
                                     "ordered by any message or semaphore");
  CHECK(
      result["locations"][0]["physicalLocation"] ==
      nlohmann::ordered_json::parse(
          R"({"artifactLocation": {"uri": "scenarios/shm-race.yaml"}, "region": {"startLine": 32, "startColumn": 13}})"));
  auto &steps = result["codeFlows"][0]["threadFlows"][0]["locations"];
  REQUIRE(steps.size() == 6);
  CHECK(steps[4]["location"]["message"]["text"] == "writer: write 1024 B to board");
  CHECK(steps[4]["location"]["physicalLocation"]["region"]["startLine"] == 22);
}

TEST_CASE("check --sarif of a scenario whose properties hold: its rules and no result", "[cli][sarif]") {
  auto log = sarif_of("holds", "check scenarios/buffering-zero-capacity.yaml", 0);
  auto &run = log["runs"][0];
  CHECK(run["results"].empty());
  CHECK(run["invocations"] == nlohmann::ordered_json::parse(R"([{"executionSuccessful": true}])"));
  std::vector<std::string> rules;
  for (const auto &rule : run["tool"]["driver"]["rules"])
    rules.push_back(rule["id"]);
  CHECK(rules == std::vector<std::string>{"deadlock", "rendezvous", "invalid_operations"});
}

TEST_CASE("check --sarif of a search stopped at a limit says that the properties are unknown", "[cli][sarif]") {
  auto log = sarif_of("limit", "check scenarios/classic-dining-philosophers.yaml --max-states 10", 3);
  auto &run = log["runs"][0];
  CHECK(run["results"].empty());
  auto &invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"] ==
        nlohmann::ordered_json::array({{{"level", "warning"},
                                        {"message",
                                         {{"text", "the search stopped at --max-states 10 before every state was "
                                                   "explored: a property without a result is not known to hold"}}}}}));
}

TEST_CASE("check --sarif refuses an empty name (64) and a directory that does not exist before searching (73)",
          "[cli][sarif]") {
  CommandOutput empty = run_ipcsim("check scenarios/shm-race.yaml --sarif ''", "2>&1");
  CHECK(empty.status == 64);
  CHECK(empty.out == "ipcsim check: error: --sarif: needs a name, not \"\"\n");
  CommandOutput missing = run_ipcsim("check scenarios/shm-race.yaml --sarif /no/such/dir/log.sarif", "2>&1");
  CHECK(missing.status == 73);
  CHECK(missing.out == "--sarif /no/such/dir/log.sarif: error: cannot write in the directory /no/such/dir: No such "
                       "file or directory\n"); // and no search
}

TEST_CASE("check --sarif: a violation of the initial state is at the file alone, without a code flow", "[sarif]") {
  Model model = model_from_text("scenario: broken-from-the-start\n"
                                "variables: {x: 1}\n"
                                "processes:\n"
                                "  - {name: p, do: [{set: {x: 2}}]}\n"
                                "properties:\n"
                                "  invariants: [\"x == 0\"]\n");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  REQUIRE(r.violations[0].steps.empty());
  auto result = nlohmann::ordered_json::parse(check_sarif(model, r))["runs"][0]["results"][0];
  CHECK(result["ruleId"] == "invariant");
  CHECK(result["locations"][0] ==
        nlohmann::ordered_json::parse(R"({"physicalLocation": {"artifactLocation": {"uri": "test.yaml"}}})"));
  CHECK_FALSE(result.contains("codeFlows"));
}
