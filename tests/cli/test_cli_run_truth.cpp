// What `ipcsim run` must not leave out: a replay goes on to the end after its forced prefix; every property
// the scenario lists is watched on the run and named with its time and line (exit 1); `check --report` keeps
// a replayable trace and a chart for every violated property; and the simulator's tests run together.
#include "cli/cli_runner.hpp"
#include "reports/trace_jsonl.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

fs::path write_scratch(const std::string &name, const std::string &text) {
  fs::path path = scratch() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The lines of `text` that start a process row of the summary's table.
std::string process_row(const std::string &text, const std::string &name) {
  for (const auto &line : lines(text))
    if (line.rfind(name + " ", 0) == 0)
      return line;
  return "";
}

const char *const partial_deadlock = R"(scenario: partial
processes:
  - {name: a, do: [{receive: {from: b}}, {send: {to: b}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
  - {name: c, do: [{forever: [{sleep: 100us}]}]}
)";

} // namespace

// The issue's forced trace stops after b's compute (start a, start b, a compute, b sleep, b compute); a still
// has two computes to do, and does them.
TEST_CASE("cli: run --replay of a prefix goes on until every process has ended") {
  fs::path scenario = write_scratch("replay-sleep.yaml", R"(scenario: replay-sleep
processes:
  - {name: a, do: [ {compute: 1us}, {compute: 1us}, {compute: 1us} ]}
  - {name: b, do: [ {sleep: 1ms}, {compute: 1us} ]}
)");
  fs::path prefix = write_scratch("prefix.jsonl", R"({"seq": 0, "t": 0, "proc": "a", "event": "start", "line": 3}
{"seq": 1, "t": 0, "proc": "b", "event": "start", "line": 4}
{"seq": 2, "t": 0, "proc": "a", "event": "compute", "duration": 0.000001, "line": 3}
{"seq": 3, "t": 0, "proc": "b", "event": "sleep", "duration": 0.001, "line": 4}
{"seq": 7, "t": 0.001, "proc": "b", "event": "compute", "duration": 0.000001, "line": 4}
)");
  Cli run = run_cli("run '" + scenario.string() + "' --replay '" + prefix.string() + "'");
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 6);
  CHECK(out[0] == "scenario replay-sleep: completed at t = 1.003ms after 9 events (seed 0)");
  CHECK(out[1] == "replay: the trace's 3 steps were followed (the last at t = 1ms), then the run went on by itself");
  CHECK(out[4] == "a                4us             0             0       999us         0     1.003ms  ended");
  CHECK(out[5] == "b                2us             0             0         1ms         0     1.002ms  ended");
}

// The checker's counterexample ends with the two racing accesses; the writer then still has two rounds.
TEST_CASE("cli: run --replay of the shm-race counterexample runs the writer and the reader to their ends") {
  fs::path report = scratch() / "shm-race-report";
  Cli check = run_cli("check scenarios/shm-race.yaml --report '" + report.string() + "'");
  REQUIRE(check.status == 1);
  Cli run = run_cli("run scenarios/shm-race.yaml --replay '" + (report / "counterexample.jsonl").string() + "'");
  CHECK(run.status == 1); // the races of this schedule
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 2);
  CHECK(out[0] == "scenario shm-race: completed at t = 88.512us after 26 events (seed 0)");
  CHECK(out[1] ==
        "replay: the trace's 6 steps were followed (the last at t = 20.102us), then the run went on by itself");
  CHECK(process_row(run.out, "writer").substr(process_row(run.out, "writer").size() - 5) == "ended");
  CHECK(process_row(run.out, "reader").substr(process_row(run.out, "reader").size() - 5) == "ended");
}

TEST_CASE("cli: a partial deadlock while another process runs on makes run --until exit 1, with time and line") {
  fs::path scenario = write_scratch("partial.yaml", partial_deadlock);
  Cli run = run_cli("run '" + scenario.string() + "' --until 1ms");
  CHECK(run.status == 1);
  CHECK(run.err.empty());
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 8);
  CHECK(out[0] == "scenario partial: stopped at t = 1ms after 17 events (seed 0)");
  CHECK(out[1] == "stopped at the time limit (--until)");
  CHECK(out[2] == "at t = 0 (" + scenario.string() +
                      ":4): deadlock: some processes are blocked forever while others run: a is blocked in receive "
                      "from b->a, waiting for b; b is blocked in receive from a->b, waiting for a");
  CHECK(out[5] == "a                  0             0           1ms           0         0         1ms  blocked in "
                  "receive from b->a");
  CHECK(out[7] == "c                  0             0             0         1ms         0         1ms  running");

  Cli json = run_cli("run '" + scenario.string() + "' --until 1ms --json");
  CHECK(json.status == 1);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(json.out);
  CHECK(j["outcome"] == "stopped");
  CHECK(j["stopped_by"] == "until");
  REQUIRE(j["violations"].size() == 1);
  nlohmann::ordered_json expected = {
      {"property", "deadlock"},
      {"t", 0.0},
      {"line", 4},
      {"occurrences", 1},
      {"description", "deadlock: some processes are blocked forever while others run: a is blocked in receive from "
                      "b->a, waiting for b; b is blocked in receive from a->b, waiting for a"}};
  CHECK(j["violations"][0] == expected);
}

TEST_CASE("cli: rendezvous, lost_messages and undelivered are watched by run, each with its time and line") {
  fs::path scenario = write_scratch("watched.yaml", R"(scenario: watched
channels:
  - {mailbox: direct, capacity: 1}
  - {mailbox: drop, capacity: 0}
  - {mailbox: left, capacity: 2}
processes:
  - name: p
    do:
      - send: {to: direct}
      - sleep: 2us
      - send: {to: drop, blocking: false}
      - send: {to: left}
  - {name: q, do: [{sleep: 5us}, {receive: {from: direct}}]}
properties: {rendezvous: [direct], lost_messages: true, undelivered: true}
)");
  Cli run = run_cli("run '" + scenario.string() + "'");
  CHECK(run.status == 1);
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 4);
  std::string file = scenario.string();
  CHECK(out[0] == "scenario watched: completed at t = 5us after 14 events (seed 0)");
  CHECK(out[1] == "at t = 0 (" + file +
                      ":9): rendezvous violated: p's send on direct (line 9) completed with the message buffered, "
                      "before any receive of it began");
  CHECK(out[2] == "at t = 2us (" + file +
                      ":11): lost message: p's non-blocking send on drop (line 11) failed, so the message was never "
                      "delivered");
  CHECK(out[3] == "at t = 5us: undelivered: every process has ended with messages still buffered (1 in left)");
}

// `deadlock: false` asks run not to judge deadlocks: the run still ends in one and says so, and exits 0.
TEST_CASE("cli: a deadlock with the deadlock property turned off is reported, and run exits 0") {
  fs::path scenario = write_scratch(
      "unjudged.yaml", read_file(fs::path(IPCSIM_SOURCE_DIR) / "scenarios" / "deadlock-receive-first.yaml") +
                           "properties: {deadlock: false}\n");
  Cli run = run_cli("run '" + scenario.string() + "'");
  CHECK(run.status == 0);
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 2);
  CHECK(out[0] == "scenario deadlock-receive-first: deadlock at t = 0 after 7 events (seed 0)");
  CHECK(out[1] == "deadlock: every remaining process is blocked forever:");
}

// lifecycle-owner-exits violates lost_messages and invalid_operations: one trace and one chart each, the
// first also under the old names, each linked from the report, and each replayable by run.
TEST_CASE("cli: check --report with two violated properties keeps a trace and a chart for each") {
  fs::path report = scratch() / "two-properties";
  Cli check = run_cli("check scenarios/lifecycle-owner-exits.yaml --report '" + report.string() + "'");
  REQUIRE(check.status == 1);
  for (const char *file :
       {"counterexample.jsonl", "msc.svg", "msc.dot", "waitfor.svg", "waitfor.dot",
        "counterexample-lost_messages.jsonl", "msc-lost_messages.svg", "msc-lost_messages.dot",
        "waitfor-lost_messages.svg", "counterexample-invalid_operations.jsonl", "msc-invalid_operations.svg",
        "msc-invalid_operations.dot", "waitfor-invalid_operations.svg"}) {
    INFO(file);
    CHECK(fs::exists(report / file));
  }
  CHECK(read_file(report / "counterexample.jsonl") == read_file(report / "counterexample-lost_messages.jsonl"));
  CHECK(read_file(report / "msc.svg") == read_file(report / "msc-lost_messages.svg"));
  std::vector<TraceEvent> invalid = read_trace_file((report / "counterexample-invalid_operations.jsonl").string());
  REQUIRE_FALSE(invalid.empty());
  CHECK(invalid.back().event == "violation");
  CHECK(invalid.back().detail.rfind("invalid operation: ", 0) == 0);

  std::string md = read_file(report / "report.md");
  CHECK_THAT(md, Catch::Contains("](msc.svg)"));
  CHECK_THAT(md, Catch::Contains("](counterexample.jsonl)"));
  CHECK_THAT(md, Catch::Contains("](msc-invalid_operations.svg)"));
  CHECK_THAT(md, Catch::Contains("](counterexample-invalid_operations.jsonl)"));
  CHECK_THAT(read_file(report / "report.html"), Catch::Contains("href=\"counterexample-invalid_operations.jsonl\""));

  for (const char *trace : {"counterexample-lost_messages.jsonl", "counterexample-invalid_operations.jsonl"}) {
    INFO(trace);
    Cli replay = run_cli("run scenarios/lifecycle-owner-exits.yaml --replay '" + (report / trace).string() + "'");
    CHECK(replay.status == 1);
    CHECK(replay.err.empty());
  }
}

// A stale per-property file of an earlier check does not outlive it.
TEST_CASE("cli: check --report removes the files of properties no longer violated") {
  fs::path report = scratch() / "stale";
  fs::create_directories(report);
  std::ofstream(report / "counterexample-deadlock.jsonl") << "stale";
  std::ofstream(report / "msc-deadlock.svg") << "stale";
  Cli check = run_cli("check scenarios/naming-direct-symmetric.yaml --report '" + report.string() + "'");
  CHECK(check.status == 0);
  CHECK_FALSE(fs::exists(report / "counterexample-deadlock.jsonl"));
  CHECK_FALSE(fs::exists(report / "msc-deadlock.svg"));
}

// SimGrid's engine runs once per program: the simulator's test binary runs each selected case in a process
// of its own, so that several run together (before, the second started at the first one's end time).
TEST_CASE("cli: the simulator's test binary runs several test cases together") {
  std::string command = "cd '" IPCSIM_SOURCE_DIR "' && '" IPCSIM_TEST_SIM "' 'simulator: two 1 ms computes*' 2>&1";
  FILE *pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  int status = ::pclose(pipe);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(out, Catch::Contains("one process per test case: 2 test cases, 0 failed"));
}
