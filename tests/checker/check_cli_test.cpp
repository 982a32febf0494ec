// `ipcsim check` as a user runs it: exact output (the tool's timings left out) and exit codes.
#include "check_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("check prints the verdicts, the failing schedule and the statistics", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/deadlock-receive-first.yaml");
  CHECK(r.status == 1);
  check_golden("deadlock-receive-first.txt", without_performance(r.out));
  CHECK_THAT(r.out, Catch::Contains("\nperformance: "));
}

TEST_CASE("check --json prints the same, the timings apart under \"performance\"", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/deadlock-receive-first.yaml --json");
  CHECK(r.status == 1);
  auto j = nlohmann::ordered_json::parse(r.out);
  REQUIRE(j.contains("performance"));
  CHECK(j["performance"].contains("seconds"));
  j.erase("performance");
  check_golden("deadlock-receive-first.json", j.dump(2) + "\n");
}

TEST_CASE("a scenario whose properties hold exits 0", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/buffering-zero-capacity.yaml");
  CHECK(r.status == 0);
  CHECK(without_performance(r.out) == "scenario buffering-zero-capacity: every property holds\n"
                                      "  deadlock             holds\n"
                                      "  rendezvous           holds\n"
                                      "  invalid_operations   holds\n"
                                      "\n"
                                      "search: depth-first with partial-order reduction, rendezvous fused on 1 channel, "
                                      "complete\n"
                                      "statistics: 16 states, 15 transitions, max depth 15, 88.2 bytes per state\n");
}

TEST_CASE("check --no-reduction explores every interleaving", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/buffering-zero-capacity.yaml --no-reduction");
  CHECK(r.status == 0);
  CHECK(without_performance(r.out) == "scenario buffering-zero-capacity: every property holds\n"
                                      "  deadlock             holds\n"
                                      "  rendezvous           holds\n"
                                      "  invalid_operations   holds\n"
                                      "\n"
                                      "search: depth-first, complete\n"
                                      "statistics: 39 states, 56 transitions, max depth 20, 68.1 bytes per state\n");
}

TEST_CASE("check --max-states stops the check with exit 3 and the statistics so far", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/classic-dining-philosophers.yaml --max-states 10");
  CHECK(r.status == 3);
  CHECK(without_performance(r.out) ==
        "scenario classic-dining-philosophers: incomplete, stopped at --max-states 10 before every state was explored\n"
        "  deadlock             unknown (the search did not finish)\n"
        "  invalid_operations   unknown (the search did not finish)\n"
        "\n"
        "search: depth-first with partial-order reduction and symmetry reduction (1 interchangeable group: "
        "table+phil x5 rotation), stopped at --max-states 10\n"
        "statistics: 10 states, 10 transitions, max depth 9, 294.6 bytes per state\n");
}

TEST_CASE("run with its default timing completes the dining philosophers, check finds their deadlock", "[cli]") {
  CommandOutput run = run_ipcsim("run scenarios/classic-dining-philosophers.yaml");
  CHECK(run.status == 0);
  CHECK_THAT(run.out, Catch::StartsWith("scenario classic-dining-philosophers: completed"));
  CommandOutput check = run_ipcsim("check scenarios/classic-dining-philosophers.yaml");
  CHECK(check.status == 1);
  CHECK_THAT(check.out, Catch::Contains("  deadlock             violated\n"));
  CHECK_THAT(check.out, Catch::Contains("\ndeadlock: every remaining process is blocked forever: phil[0] is blocked in "
                                        "receive from fork[1], waiting for phil[1]; "));
}

TEST_CASE("check --bfs and --param reach the checker", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/classic-dining-philosophers.yaml --param N=3 --param MEALS=1 --bfs");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("search: breadth-first with symmetry reduction (1 interchangeable group: "
                                    "table+phil x3 rotation), complete\n"));
  CHECK_THAT(r.out, Catch::Contains("schedule (12 steps):\n"));
}

TEST_CASE("no progress line when stderr is not a terminal", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/classic-dining-philosophers.yaml", "2>&1 >/dev/null");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
}

TEST_CASE("bad input exits 64", "[cli]") {
  CHECK(run_ipcsim("check scenarios/no-such-file.yaml").status == 64);
  CHECK(run_ipcsim("check scenarios/deadlock-receive-first.yaml --max-states 0").status == 64);
  CHECK(run_ipcsim("check scenarios/deadlock-receive-first.yaml --param NOPE=1").status == 64);
}

TEST_CASE("check --hash-compact stores a hash per state and says what that may have cost", "[cli][hash_compact]") {
  CommandOutput r =
      run_ipcsim("check scenarios/classic-dining-philosophers-ordered.yaml --param N=3 --param MEALS=1 --hash-compact");
  CHECK(r.status == 0);
  CHECK(without_performance(r.out) ==
        "scenario classic-dining-philosophers-ordered: every property holds\n"
        "  deadlock             holds (unless hash compaction omitted a state)\n"
        "  invalid_operations   holds (unless hash compaction omitted a state)\n"
        "\n"
        "search: depth-first with partial-order reduction, complete\n"
        "statistics: 230 states, 368 transitions, max depth 21, 28.2 bytes per state (hash compaction: probability of "
        "an omitted state <= 1.4e-15)\n");
  auto j = nlohmann::ordered_json::parse(
      run_ipcsim("check scenarios/deadlock-receive-first.yaml --hash-compact --no-reduction --json").out);
  CHECK(j["statistics"]["states"] == 4);
  CHECK(j["statistics"]["visited_set_bytes"] == 754);
  CHECK(j["statistics"]["bytes_per_state"] == 188.5);
  CHECK(j["statistics"]["omission_probability"] == 4.33680868994202e-19); // 4^2 / 2^65, to 15 digits
}

TEST_CASE("check --hash-compact with --bfs is refused: the breadth-first search reads its states back", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/deadlock-receive-first.yaml --bfs --hash-compact", "2>&1");
  CHECK(r.status == 64);
  CHECK(r.out == "ipcsim check: error: --hash-compact: a breadth-first search (--bfs) reads its stored states back, "
                 "and hash compaction keeps only their hashes: use one or the other\n");
}

TEST_CASE("check --stop-at-first finds the 16 philosophers' deadlock on its first schedule, 4N steps", "[cli]") {
  CommandOutput r = run_ipcsim("check scenarios/classic-dining-philosophers.yaml --param N=16 --stop-at-first");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("\nschedule (64 steps):\n"
                                    "   1. phil[0]: sleep  (scenarios/classic-dining-philosophers.yaml:22)\n"));
  CHECK_THAT(r.out, Catch::Contains("  48. phil[15]: receive from fork[15]: takes message 16 [TOKEN] from table[15]  "
                                    "(scenarios/classic-dining-philosophers.yaml:23)\n"
                                    "  49. phil[0]: receive from fork[1]: blocks  "
                                    "(scenarios/classic-dining-philosophers.yaml:24)\n"));
  CHECK_THAT(r.out, Catch::Contains("\nstatistics: 65 states, 64 transitions, max depth 63, 223.6 bytes per state\n"));
}
