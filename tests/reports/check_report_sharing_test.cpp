// `ipcsim check --report` for semaphores and shared memory, run as a user would: the data race report names
// the race, lists the schedule that ends with the two accesses and draws them red; the lock-order deadlock's
// wait-for graph labels its edges with the acquires.
#include "cli/cli_runner.hpp"
#include "reports/trace_jsonl.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::size_t occurrences(const std::string &text, const std::string &what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++count;
  return count;
}

// Writes `yaml` as NAME.yaml in the scratch directory and checks it into the report directory NAME.
Cli check_with_report(const std::string &name, const std::string &yaml) {
  std::ofstream(scratch() / (name + ".yaml")) << yaml;
  fs::remove_all(scratch() / name);
  return run_cli("check " + name + ".yaml --report " + name, scratch());
}

} // namespace

TEST_CASE("the report of a data race: description, schedule, and both accesses red", "[check_report]") {
  Cli cli = check_with_report("race", R"(scenario: unlocked-reader
semaphores:
  - {name: mutex, initial: 1}
shared_memory:
  - {name: seg, size: 4KiB}
processes:
  - name: writer
    do:
      - attach: seg
      - acquire: mutex
      - write: {segment: seg, size: 64B}
      - release: mutex
      - detach: seg
  - name: reader
    do:
      - attach: seg
      - read: {segment: seg, size: 64B}
      - detach: seg
)");
  REQUIRE(cli.status == 1);
  const std::string description =
      "data race on seg: writer's write (line 11) and reader's read (line 17) are not ordered by any message or "
      "semaphore";
  fs::path dir = scratch() / "race";

  std::vector<TraceEvent> trace = read_trace_file((dir / "counterexample.jsonl").string());
  REQUIRE(trace.size() == 8);
  CHECK(trace[7].event == "violation");
  CHECK(trace[7].detail == description);
  CHECK(trace[6].event == "read");
  CHECK(trace[6].race_with == std::optional<std::uint64_t>{5});
  CHECK(trace[5].event == "write");

  std::string md = read_file(dir / "report.md");
  CHECK_THAT(md, Catch::Contains("\n**" + description + "**\n"));
  CHECK_THAT(md, Catch::Contains("No process is blocked when the violation happens."));
  CHECK_THAT(md, Catch::Contains("## Schedule (5 steps)\n\n"
                                 "1. writer: attach seg (race.yaml:9)\n"
                                 "2. writer: acquire mutex (race.yaml:10)\n"
                                 "3. reader: attach seg (race.yaml:16)\n"
                                 "4. writer: write 64 B to seg (race.yaml:11)\n"
                                 "5. reader: read 64 B of seg (race.yaml:17)\n"));
  CHECK_THAT(md, Catch::Contains("| data_race | violated |"));

  std::string msc = read_file(dir / "msc.dot");
  CHECK(occurrences(msc, "class=race,") == 2);
  CHECK_THAT(msc, Catch::Contains("label=\"data race\\nwrite 64 B seg\""));
  CHECK_THAT(msc, Catch::Contains("label=\"data race\\nread 64 B seg\""));
  CHECK_THAT(msc, Catch::Contains("label=\"VIOLATION: " + description + "\""));
  CHECK(occurrences(read_file(dir / "msc.svg"), "class=\"node race\"") == 2);
  std::string html = read_file(dir / "report.html");
  CHECK(occurrences(html, "class=\"node race\"") == 2); // the chart is inline
  CHECK(occurrences(html, "class=\"edge race_link\"") == 1);

  nlohmann::json json = nlohmann::json::parse(read_file(dir / "report.json"));
  REQUIRE(json["violations"].size() == 1);
  CHECK(json["violations"][0]["property"] == "data_race");
  CHECK(json["violations"][0]["description"] == description);
  CHECK(json["violations"][0]["schedule"].size() == 5);
}

TEST_CASE("the report of a lock-order deadlock: acquires on the wait-for edges and in the chart", "[check_report]") {
  Cli cli = check_with_report("locks", R"(scenario: lock-order
semaphores:
  - {name: a, initial: 1}
  - {name: b, initial: 1}
processes:
  - name: p
    do: [{acquire: a}, {acquire: b}, {release: b}, {release: a}]
  - name: q
    do: [{acquire: b}, {acquire: a}, {release: a}, {release: b}]
)");
  REQUIRE(cli.status == 1);
  fs::path dir = scratch() / "locks";

  std::string md = read_file(dir / "report.md");
  CHECK_THAT(md, Catch::Contains("| p | acquire b | q |\n| q | acquire a | p |\n"));
  CHECK_THAT(md, Catch::Contains("Each waits for the next: p → q → p.\n"));
  CHECK_THAT(md, Catch::Contains("3. p: acquire b: blocks (locks.yaml:7)\n4. q: acquire a: blocks (locks.yaml:9)\n"));

  std::string wait_for = read_file(dir / "waitfor.dot");
  CHECK_THAT(wait_for, Catch::Contains("n0 -> n1 [color=\"#c00000\", fontcolor=\"#c00000\", penwidth=2.5, style=bold, "
                                       "label=\"acquire b\"];"));
  CHECK_THAT(wait_for, Catch::Contains("n1 -> n0 [color=\"#c00000\", fontcolor=\"#c00000\", penwidth=2.5, style=bold, "
                                       "label=\"acquire a\"];"));
  CHECK_THAT(wait_for, Catch::Contains("label=\"p\\nblocked in acquire b\""));

  std::string msc = read_file(dir / "msc.dot");
  CHECK_THAT(msc, Catch::Contains("label=\"blocked: acquire b\""));
  CHECK_THAT(msc, Catch::Contains("label=\"blocked: acquire a\""));
  CHECK(occurrences(msc, "label=\"acquire ") == 2);
  CHECK(read_trace_file((dir / "counterexample.jsonl").string()).back().event == "deadlock");
}
