// `check --report DIR`: the files it writes, with layout-independent DOT text and the Markdown report
// compared whole against goldens (never SVG bytes, which carry the Graphviz version).
#include "check_support.hpp"

#include "reports/check_report.hpp"
#include "reports/trace_jsonl.hpp"
#include "reports/wait_for_cycle.hpp"

#include <filesystem>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::string without_section(const std::string &markdown, const std::string &heading) {
  auto at = markdown.find("\n## " + heading);
  return at == std::string::npos ? markdown : markdown.substr(0, at + 1);
}

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
  check_golden("deadlock-receive-first.md", without_section(check_report_markdown(model, r), "Performance"));
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
  for (const char *file : {"report.md", "report.html", "report.json", "counterexample.jsonl", "msc.dot", "msc.svg",
                           "waitfor.dot", "waitfor.svg"})
    CHECK(std::filesystem::exists(dir / file));
  std::string html = read_text((dir / "report.html").string());
  CHECK_THAT(html, Catch::Contains("<svg"));
  CHECK_THAT(html, !Catch::Contains("<?xml"));
  auto trace = read_trace_file((dir / "counterexample.jsonl").string());
  REQUIRE_FALSE(trace.empty());
  CHECK(trace.back().event == "deadlock");
  check_golden("deadlock-receive-first.jsonl", read_text((dir / "counterexample.jsonl").string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("check --report for a scenario that holds writes the report and no counterexample", "[report]") {
  auto dir = fresh_directory("holds");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "msc.svg") << "stale"; // from an earlier check of a design that failed
  CommandOutput r = run_ipcsim("check scenarios/naming-direct-symmetric.yaml --report '" + dir.string() + "'");
  CHECK(r.status == 0);
  CHECK(std::filesystem::exists(dir / "report.md"));
  CHECK(std::filesystem::exists(dir / "report.html"));
  CHECK(std::filesystem::exists(dir / "report.json"));
  CHECK_FALSE(std::filesystem::exists(dir / "counterexample.jsonl"));
  CHECK_FALSE(std::filesystem::exists(dir / "msc.svg"));
  CHECK_THAT(read_text((dir / "report.md").string()),
             Catch::Contains("Every property holds in every reachable state."));
  std::filesystem::remove_all(dir);
}
