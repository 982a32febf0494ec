// Golden CLI tests of `ipcsim run`: for every bundled scenario the summary and the trace, byte for byte, against
// tests/cli/golden (regenerate with tests/cli/update_goldens.sh and read the diff), determinism, --json, and the
// exit statuses of the README's table.
#include "cli/cli_runner.hpp"
#include <nlohmann/json.hpp>

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

std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(IPCSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path golden(const std::string& file) { return fs::path(IPCSIM_SOURCE_DIR) / "tests" / "cli" / "golden" / file; }

// A deadlock, an invalid operation (a send after the mailbox's owner exited), a data race and a broken
// invariant exit 1.
int expected_status(const std::string& scenario) {
  return scenario == "deadlock-receive-first" || scenario == "lifecycle-owner-exits" || scenario == "shm-race" ||
                 scenario == "protocol-check-then-act" || scenario == "protocol-two-phase-commit"
             ? 1
             : 0;
}

fs::path scenario_file(const std::string& name, const std::string& yaml) {
  fs::path path = scratch() / (name + ".yaml");
  std::ofstream(path) << yaml;
  return path;
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (const auto& item : j.items())
    keys.push_back(item.key());
  return keys;
}

// The checker finds its lock-order deadlock; with t2 sleeping first, this one timing completes.
const char* const lock_order = R"(scenario: lock-order
costs: {send: 1us}
semaphores: [{name: a, initial: 1}, {name: b, initial: 1}]
processes:
  - name: t1
    do: [{acquire: a}, {compute: 10us}, {acquire: b}, {release: b}, {release: a}]
  - name: t2
    do: [{sleep: 50us}, {acquire: b}, {acquire: a}, {release: a}, {release: b}]
)";

// The writer writes at 0 and the reader reads at 1us with nothing between them.
const char* const unlocked_write = R"(scenario: race
costs: {attach: 1us, memory_bandwidth: 64MBps}
shared_memory: [{name: seg, size: 4KiB}]
processes:
  - name: writer
    do:
      - attach: seg
      - write: {segment: seg, size: 64B}
      - detach: seg
  - name: reader
    do:
      - attach: seg
      - sleep: 1us
      - read: {segment: seg, size: 64B}
      - detach: seg
)";


} // namespace

TEST_CASE("cli: the bundled scenarios are the thirty the README lists") {
  CHECK(bundled_scenarios() ==
        std::vector<std::string>{"buffering-bounded", "buffering-unbounded", "buffering-zero-capacity",
                                 "classic-dining-philosophers", "classic-dining-philosophers-ordered",
                                 "classic-empty-messages", "compare-capacity", "compare-copy-or-map",
                                 "compare-host-or-network", "compare-messages-or-shared-memory",
                                 "deadlock-receive-first", "lifecycle-create-delete-give",
                                 "lifecycle-exclusive-receive", "lifecycle-owner-exits", "multicast-slow-listener",
                                 "naming-direct-symmetric", "naming-mailbox-many-to-many", "naming-receive-from-any",
                                 "protocol-alternating-bit", "protocol-alternating-bit-lossy", "protocol-check-then-act", "protocol-request-reply",
                                 "protocol-request-retry", "protocol-two-phase-commit",
                                 "semaphore-lock-order", "shm-mutex", "shm-race", "size-fixed-and-variable",
                                 "sync-async-send-wait", "sync-nonblocking-polling"});
}

TEST_CASE("cli: run prints the golden summary and writes the golden trace for every bundled scenario") {
  auto scenario = GENERATE(from_range(bundled_scenarios()));
  INFO("scenario " << scenario << " (regenerate with tests/cli/update_goldens.sh, then read the diff)");
  REQUIRE(fs::exists(golden(scenario + ".summary.txt")));
  REQUIRE(fs::exists(golden(scenario + ".trace.jsonl")));
  fs::path trace = scratch() / (scenario + ".trace.jsonl");
  Cli run = run_cli("run scenarios/" + scenario + ".yaml --trace '" + trace.string() + "'");
  CHECK(run.status == expected_status(scenario));
  CHECK(run.err.empty());
  CHECK(run.out == read_file(golden(scenario + ".summary.txt")));
  CHECK(read_file(trace) == read_file(golden(scenario + ".trace.jsonl")));
}

TEST_CASE("cli: two runs of a scenario give identical bytes") {
  auto scenario = GENERATE(from_range(bundled_scenarios()));
  INFO("scenario " << scenario);
  fs::path first = scratch() / "first.jsonl", second = scratch() / "second.jsonl";
  Cli a = run_cli("run scenarios/" + scenario + ".yaml --trace '" + first.string() + "'");
  Cli b = run_cli("run scenarios/" + scenario + ".yaml --trace '" + second.string() + "'");
  CHECK(a.status == b.status);
  CHECK(a.out == b.out);
  std::string trace = read_file(first);
  CHECK(!trace.empty());
  CHECK(trace == read_file(second));
  Cli ja = run_cli("run scenarios/" + scenario + ".yaml --json");
  Cli jb = run_cli("run scenarios/" + scenario + ".yaml --json");
  CHECK(ja.out == jb.out);
}

TEST_CASE("cli: run --json prints one JSON document with the summary's keys") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --json");
  CHECK(run.status == 0);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(run.out);
  CHECK(keys_of(j) == std::vector<std::string>{"scenario", "seed", "outcome", "end_time", "events", "violations",
                                               "data_races", "totals", "processes", "channels", "semaphores",
                                               "segments"});
  CHECK(j["violations"].empty());
  CHECK(j["data_races"].empty());
  CHECK(j["semaphores"].empty());
  CHECK(j["segments"].empty());
  CHECK(j["scenario"] == "buffering-bounded");
  CHECK(j["seed"] == 0);
  CHECK(j["outcome"] == "completed");
  CHECK(j["end_time"].get<double>() == Approx(0.000386).margin(1e-12));
  CHECK(j["events"] == 62);
  REQUIRE(j["processes"].size() == 2);
  std::vector<std::string> process_keys;
  for (const auto& item : j["processes"][0].items())
    process_keys.push_back(item.key());
  CHECK(process_keys ==
        std::vector<std::string>{"name", "busy", "blocked_send", "blocked_receive", "blocked_semaphore", "idle",
                                 "context_switches", "end", "outcome"});
  CHECK(j["processes"][0]["name"] == "producer");
  CHECK(j["processes"][0]["outcome"] == "ended");
  REQUIRE(j["channels"].size() == 1);
  std::vector<std::string> channel_keys;
  for (const auto& item : j["channels"][0].items())
    channel_keys.push_back(item.key());
  CHECK(channel_keys == std::vector<std::string>{"name", "messages", "bytes", "throughput", "byte_rate", "latency",
                                                 "time_in_buffer", "occupancy", "memory_reserved", "bytes_copied",
                                                 "failed_sends", "failed_receives", "lost", "left_queued"});
  CHECK(j["channels"][0]["name"] == "jobs");
  CHECK(j["channels"][0]["messages"] == 8);
  CHECK(j["channels"][0]["bytes"] == 512);
  CHECK(j["channels"][0]["occupancy"]["peak_messages"] == 3);
  // Eight 64 B messages through a buffer: copied in and out; 3 slots of messages with no size bound reserve
  // the most they held, 3 x 64 B.
  CHECK(j["channels"][0]["bytes_copied"] == 1024);
  CHECK(j["channels"][0]["memory_reserved"] == 192);
  CHECK(j["totals"]["messages"] == 8);
  CHECK(j["totals"]["throughput"].get<double>() == Approx(8 / 0.000386));
  CHECK(j["totals"]["context_switches"] == 5);
  std::vector<std::string> latency_keys;
  for (const auto& item : j["totals"]["latency"].items())
    latency_keys.push_back(item.key());
  CHECK(latency_keys == std::vector<std::string>{"mean", "p50", "p95", "p99", "max"});
}

TEST_CASE("cli: run --json prints its numbers with 15 significant digits at most, without arithmetic noise") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --json");
  CHECK(run.status == 0);
  CHECK(run.out.find("\n  \"end_time\": 0.000386,\n") != std::string::npos);
  CHECK(run.out.find("\n    \"throughput\": 20725.3886010363,\n") != std::string::npos);
  static const std::regex long_number("[0-9]\\.?[0-9]{15,}"); // 0.00038599999999999914, 12.706204736174698
  CHECK_FALSE(std::regex_search(run.out, long_number));
}

TEST_CASE("cli: run --json on a deadlock adds the message and exits 1") {
  Cli run = run_cli("run scenarios/deadlock-receive-first.yaml --json");
  CHECK(run.status == 1);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(run.out);
  CHECK(j["outcome"] == "deadlock");
  CHECK(j["end_time"] == 0.0);
  CHECK(j["message"] == "deadlock: every remaining process is blocked forever: alice is blocked in receive from "
                        "bob->alice, waiting for bob; bob is blocked in receive from alice->bob, waiting for alice");
  CHECK(j["processes"][1]["outcome"] == "blocked in receive from alice->bob");
}

TEST_CASE("cli: run on the deadlock scenario exits 1 and says who waits for whom") {
  Cli run = run_cli("run scenarios/deadlock-receive-first.yaml");
  CHECK(run.status == 1);
  CHECK(run.err.empty());
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 4);
  CHECK(out[0] == "scenario deadlock-receive-first: deadlock at t = 0 after 7 events (seed 0)");
  CHECK(out[1] == "deadlock: every remaining process is blocked forever:");
  CHECK(out[2] == "  alice is blocked in receive from bob->alice, waiting for bob");
  CHECK(out[3] == "  bob is blocked in receive from alice->bob, waiting for alice");
}

TEST_CASE("cli: a run stopped by --until or --max-events exits 0 and says so") {
  Cli until = run_cli("run scenarios/naming-receive-from-any.yaml --until 100us");
  CHECK(until.status == 0);
  std::vector<std::string> out = lines(until.out);
  REQUIRE(out.size() >= 2);
  CHECK(out[0].rfind("scenario naming-receive-from-any: stopped at t = 100us after ", 0) == 0);
  CHECK(out[1] == "stopped at the time limit (--until)");

  // The limit is checked after each transition, which is never cut: the transition that emits the 10th event
  // (seq 9) emits 4 (send_begin, send_end, recv_end, unblock), so the run stops after 13, and the trace has them all.
  fs::path trace = scratch() / "stopped.jsonl";
  Cli events = run_cli("run scenarios/naming-receive-from-any.yaml --max-events 10 --trace '" + trace.string() + "'");
  CHECK(events.status == 0);
  out = lines(events.out);
  REQUIRE(out.size() >= 2);
  CHECK(out[0] == "scenario naming-receive-from-any: stopped at t = 15.983us after 13 events (seed 0)");
  CHECK(out[1] == "stopped after 13 events (--max-events)");
  CHECK(lines(read_file(trace)).size() == 13);
}

TEST_CASE("cli: --param changes a scenario parameter") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --param ITEMS=2 --json");
  CHECK(run.status == 0);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(run.out);
  CHECK(j["channels"][0]["messages"] == 2);
}

TEST_CASE("cli: a bad --until exits 64 with an error on stderr and no output") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --until 10parsecs");
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  CHECK(run.err == "--until 10parsecs: error: expected a time such as 10ms or 2s\n");
}

TEST_CASE("cli: a bad --param exits 64 with an error on stderr and no output") {
  SECTION("not NAME=VALUE") {
    Cli run = run_cli("run scenarios/buffering-bounded.yaml --param ITEMS");
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(run.err == "--param ITEMS: error: expected NAME=VALUE\n");
  }
  SECTION("not an integer") {
    Cli run = run_cli("run scenarios/buffering-bounded.yaml --param ITEMS=many");
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(run.err.find("error") != std::string::npos);
  }
  SECTION("a parameter the scenario does not have") {
    Cli run = run_cli("run scenarios/buffering-bounded.yaml --param NOPE=3");
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(run.err.find("NOPE") != std::string::npos);
  }
}

TEST_CASE("cli: a trace, chart or timeline in a directory that does not exist is refused before the run, exit 73") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --trace /nonexistent-dir/t.jsonl");
  CHECK(run.status == 73);
  CHECK(run.out.empty());
  CHECK(run.err == "--trace /nonexistent-dir/t.jsonl: error: cannot write in the directory /nonexistent-dir: No such "
                   "file or directory\n");
  Cli svg = run_cli("run scenarios/buffering-bounded.yaml --svg /nonexistent-dir/t.svg");
  CHECK(svg.status == 73);
  CHECK(svg.out.empty());
  CHECK(svg.err == "--svg /nonexistent-dir/t.svg: error: cannot write in the directory /nonexistent-dir: No such "
                   "file or directory\n");
  Cli timeline = run_cli("run scenarios/buffering-bounded.yaml --timeline /nonexistent-dir/t.json");
  CHECK(timeline.status == 73);
  CHECK(timeline.out.empty());
  CHECK(timeline.err == "--timeline /nonexistent-dir/t.json: error: cannot write in the directory /nonexistent-dir: "
                        "No such file or directory\n");
}

TEST_CASE("cli: --trace, --svg, --timeline and --replay with an empty name exit 64") {
  for (const char *option : {"--trace", "--svg", "--timeline", "--replay"}) {
    INFO(option);
    Cli run = run_cli(std::string("run scenarios/buffering-bounded.yaml ") + option + " ''");
    CHECK(run.status == 64);
    CHECK(run.out.empty());
    CHECK(run.err.find("needs a name, not \"\"") != std::string::npos);
  }
}

// /dev/full accepts the file and fails every write: the run is done, its trace cannot be kept.
TEST_CASE("cli: a trace that cannot be written (--trace /dev/full) exits 73 with the reason") {
  Cli run = run_cli("run scenarios/buffering-bounded.yaml --trace /dev/full");
  CHECK(run.status == 73);
  CHECK(run.out.empty());
  CHECK(run.err == "/dev/full: error: cannot write this file: No space left on device\n");
}

TEST_CASE("cli: run of the lock-order scenario completes (exit 0) and adds a blocked-sem column and a semaphore "
          "table") {
  Cli run = run_cli("run '" + scenario_file("lock-order", lock_order).string() + "'");
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() == 15);
  CHECK(out[0] == "scenario lock-order: completed at t = 54us after 14 events (seed 0)");
  CHECK(out[2] == "process         busy  blocked-send  blocked-recv  blocked-sem        idle  switches         end  "
                  "outcome");
  CHECK(out[3] == "t1              14us             0             0            0           0         0        14us  "
                  "ended");
  CHECK(out[4] == "t2               4us             0             0            0        50us         0        54us  "
                  "ended");
  CHECK(out[12] == "semaphore   acquires   releases    blocked  time-blocked");
  CHECK(out[13] == "a                  2          2          0             0");
  CHECK(out[14] == "b                  2          2          0             0");
}

// Costs on one core: both attach calls share it, 0-2us; the reader sleeps 2-3 while the write runs (64 B at
// 64 MBps: 1us), 2-3; the writer's detach and the reader's read share the core 3-5; the reader detaches 5-6.
TEST_CASE("cli: a data race is listed after the headline, marked in the trace, and makes run exit 1") {
  fs::path trace = scratch() / "race.jsonl";
  Cli run = run_cli("run '" + scenario_file("race", unlocked_write).string() + "' --trace '" + trace.string() + "'");
  CHECK(run.status == 1);
  CHECK(run.err.empty());
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() == 15);
  CHECK(out[0] == "scenario race: completed at t = 6us after 11 events (seed 0)");
  CHECK(out[1] == "at t = 5us (" + scenario_file("race", unlocked_write).string() +
                      ":14): data race on seg: writer's write (line 8) and reader's read (line 14) are not ordered "
                      "by any message or semaphore");
  CHECK(out[3] == "process         busy  blocked-send  blocked-recv        idle  switches         end  outcome");
  CHECK(out[13] == "segment       reads     writes    bytes-read  bytes-written");
  CHECK(out[14] == "seg               1          1            64             64");
  std::vector<std::string> events = lines(read_file(trace));
  REQUIRE(events.size() == 11);
  CHECK(events[5] ==
        R"({"seq": 5, "t": 0.000003, "proc": "writer", "event": "write", "channel": "seg", "size": 64, "line": 8})");
  CHECK(events[8] == R"({"seq": 8, "t": 0.000005, "proc": "reader", "event": "read", "channel": "seg", "size": 64, )"
                     R"("line": 14, "race_with": 5})");
}

TEST_CASE("cli: run --json lists data races, semaphores and segments") {
  Cli run = run_cli("run '" + scenario_file("race", unlocked_write).string() + "' --json");
  CHECK(run.status == 1);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(run.out);
  CHECK(j["outcome"] == "completed");
  CHECK(!j.contains("message"));
  REQUIRE(j["data_races"].size() == 1);
  CHECK(keys_of(j["data_races"][0]) == std::vector<std::string>{"description", "earlier_seq", "later_seq"});
  CHECK(j["data_races"][0]["description"] == "data race on seg: writer's write (line 8) and reader's read (line 14) "
                                             "are not ordered by any message or semaphore");
  CHECK(j["data_races"][0]["earlier_seq"] == 5);
  CHECK(j["data_races"][0]["later_seq"] == 8);
  REQUIRE(j["segments"].size() == 1);
  CHECK(keys_of(j["segments"][0]) ==
        std::vector<std::string>{"name", "reads", "writes", "bytes_read", "bytes_written"});
  CHECK(j["segments"][0]["name"] == "seg");
  CHECK(j["segments"][0]["reads"] == 1);
  CHECK(j["segments"][0]["writes"] == 1);
  CHECK(j["segments"][0]["bytes_read"] == 64);
  CHECK(j["segments"][0]["bytes_written"] == 64);
  CHECK(j["processes"][1]["idle"].get<double>() == Approx(1e-6).margin(1e-12));

  Cli locks = run_cli("run '" + scenario_file("lock-order", lock_order).string() + "' --json");
  CHECK(locks.status == 0);
  j = nlohmann::ordered_json::parse(locks.out);
  REQUIRE(j["semaphores"].size() == 2);
  CHECK(keys_of(j["semaphores"][0]) ==
        std::vector<std::string>{"name", "acquires", "releases", "blocked_acquires", "time_blocked"});
  CHECK(j["semaphores"][1]["name"] == "b");
  CHECK(j["semaphores"][1]["acquires"] == 2);
  CHECK(j["semaphores"][1]["releases"] == 2);
  CHECK(j["semaphores"][1]["blocked_acquires"] == 0);
  CHECK(j["semaphores"][1]["time_blocked"] == 0.0);
  CHECK(j["totals"]["blocked_semaphore"] == 0.0);
  CHECK(j["data_races"].empty());
}

TEST_CASE("cli: with properties.data_race false a racy run exits 0 and lists no race") {
  std::string yaml = unlocked_write;
  yaml += "properties: {data_race: false}\n";
  Cli run = run_cli("run '" + scenario_file("race-ignored", yaml).string() + "'");
  CHECK(run.status == 0);
  std::vector<std::string> out = lines(run.out);
  REQUIRE(out.size() >= 3);
  CHECK(out[0] == "scenario race: completed at t = 6us after 11 events (seed 0)");
  CHECK(out[1].empty());
}
