// `check --report DIR`: the files it writes, with layout-independent DOT text and the Markdown report
// compared whole against goldens (never SVG bytes, which carry the Graphviz version).
#include "check_support.hpp"

#include "reports/check_report.hpp"
#include "reports/timeline_format.hpp"
#include "reports/timeline_json.hpp"
#include "reports/trace_jsonl.hpp"
#include "reports/wait_for_cycle.hpp"

#include <filesystem>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::filesystem::path fresh_directory(const std::string &name) {
  auto dir = std::filesystem::temp_directory_path() / ("ipcsim-check-report-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

} // namespace

TEST_CASE("the report of a deadlock: DOT pictures and Markdown", "[report]") {
  Model model = bundled("deadlock-receive-first");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  check_golden("deadlock-receive-first.msc.dot", counterexample_msc_dot(model, r.violations[0]));
  check_golden("deadlock-receive-first.waitfor.dot", counterexample_wait_for_dot(model, r.violations[0]));
  check_golden("deadlock-receive-first.md", check_report_markdown(model, r));
}

TEST_CASE("the report of the dining philosophers names the cycle", "[report]") {
  Model model = bundled("classic-dining-philosophers", {.params = {{"N", "3"}, {"MEALS", "1"}}});
  CheckResult r = check_all(model);
  std::string md = check_report_markdown(model, r);
  CHECK_THAT(md, Catch::Contains("Each waits for the next: phil[0] → phil[1] → phil[2] → phil[0].\n"));
  check_golden("dining-3.waitfor.dot", counterexample_wait_for_dot(model, r.violations[0]));
}

TEST_CASE("processes stuck behind a cycle are named apart from it", "[report]") {
  // carol waits for alice, who is on the cycle with bob; dave waits for erin, who runs.
  WaitForGraph g;
  g.nodes = {{"alice", "blocked in receive from bob->alice", true, true},
             {"bob", "blocked in receive from alice->bob", true, true},
             {"carol", "blocked in receive from alice->carol", true, true},
             {"dave", "blocked in receive from erin->dave", true, false},
             {"erin", "running", false, false}};
  g.edges = {{0, 1, "receive from bob->alice", true},
             {1, 0, "receive from alice->bob", true},
             {2, 0, "receive from alice->carol", true},
             {3, 4, "receive from erin->dave", false}};
  WaitForCycle c = find_wait_for_cycle(g);
  CHECK(c.cycle == std::vector<std::size_t>{0, 1});
  CHECK(c.knot.empty());
  CHECK(c.behind == std::vector<std::size_t>{2});
}

TEST_CASE("a knot: every deadlocked process on some cycle, one cycle named", "[report]") {
  // a waits for b or c (either could release it), b and c each wait for a.
  WaitForGraph g;
  g.nodes = {{"a", "", true, true}, {"b", "", true, true}, {"c", "", true, true}};
  g.edges = {{0, 1, "", true}, {0, 2, "", true}, {1, 0, "", true}, {2, 0, "", true}};
  WaitForCycle c = find_wait_for_cycle(g);
  CHECK(c.cycle == std::vector<std::size_t>{0, 1});
  CHECK(c.knot == std::vector<std::size_t>{2});
  CHECK(c.behind.empty());
}

TEST_CASE("check --report writes every file, and the counterexample trace reads back", "[report]") {
  auto dir = fresh_directory("deadlock");
  CommandOutput r = run_ipcsim("check scenarios/deadlock-receive-first.yaml --report '" + dir.string() + "'");
  CHECK(r.status == 1);
  for (const char *file : {"report.md", "report.html", "report.json", "performance.json", "counterexample.jsonl",
                           "msc.dot", "msc.svg", "waitfor.dot", "waitfor.svg", "timeline.json"})
    CHECK(std::filesystem::exists(dir / file));
  std::string html = read_text((dir / "report.html").string());
  CHECK_THAT(html, Catch::Contains("<svg"));
  CHECK_THAT(html, !Catch::Contains("<?xml"));
  CHECK_THAT(html, Catch::Contains("href=\"timeline.json\""));
  // The schedule's two steps at 1 and 2 us: alice, then bob, blocks; the deadlock closes it at 3.
  Timeline timeline = Timeline::parse(read_text((dir / "timeline.json").string()));
  check_timeline_format(timeline, {"alice", "bob"});
  CHECK(slices_named(timeline, "alice", "blocked-receive") ==
        std::vector<std::pair<std::int64_t, std::int64_t>>{{1000, 3000}});
  CHECK(slices_named(timeline, "bob", "blocked-receive") ==
        std::vector<std::pair<std::int64_t, std::int64_t>>{{2000, 3000}});
  CHECK(timeline["metadata"]["steps"] == 2);
  CHECK_THAT(timeline["metadata"]["clock"].get<std::string>(), Catch::Contains("1 us per step"));
  auto trace = read_trace_file((dir / "counterexample.jsonl").string());
  REQUIRE_FALSE(trace.empty());
  CHECK(trace.back().event == "deadlock");
  check_golden("deadlock-receive-first.jsonl", read_text((dir / "counterexample.jsonl").string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the timeline of a counterexample puts step k at k us", "[report]") {
  Model model = bundled("semaphore-lock-order");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  REQUIRE(r.violations[0].steps.size() == 7);
  Timeline timeline = Timeline::parse(timeline_text(counterexample_timeline(model, r.violations[0])));
  check_timeline_format(timeline, {"t1", "t2"});
  using Spans = std::vector<std::pair<std::int64_t, std::int64_t>>;
  CHECK(slices_named(timeline, "t2", "sleep") == Spans{{1000, 2000}});
  CHECK(slices_named(timeline, "t1", "compute") == Spans{{3000, 4000}});
  // Each acquire that blocks waits until the deadlock, after the seventh step.
  CHECK(slices_named(timeline, "t1", "blocked-semaphore") == Spans{{6000, 8000}});
  CHECK(slices_named(timeline, "t2", "blocked-semaphore") == Spans{{7000, 8000}});
}

TEST_CASE("check --report for a scenario that holds writes the report and no counterexample", "[report]") {
  auto dir = fresh_directory("holds");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "msc.svg") << "stale"; // from an earlier check of a design that failed
  std::ofstream(dir / "timeline.json") << "stale";
  CommandOutput r = run_ipcsim("check scenarios/naming-direct-symmetric.yaml --report '" + dir.string() + "'");
  CHECK(r.status == 0);
  CHECK(std::filesystem::exists(dir / "report.md"));
  CHECK(std::filesystem::exists(dir / "report.html"));
  CHECK(std::filesystem::exists(dir / "report.json"));
  CHECK_FALSE(std::filesystem::exists(dir / "counterexample.jsonl"));
  CHECK_FALSE(std::filesystem::exists(dir / "msc.svg"));
  CHECK_FALSE(std::filesystem::exists(dir / "timeline.json"));
  CHECK_THAT(read_text((dir / "report.md").string()),
             Catch::Contains("Every property holds in every reachable state."));
  std::filesystem::remove_all(dir);
}
