// `ipcsim check` on the bundled scenarios of the lifecycle, multicast, semaphore and shared-memory rows, as a
// user runs it: the whole text output against goldens (the tool's timings left out), and the pictures and
// trace of the counterexamples that only these rows produce (acquire edges, a race marked race_with).
#include "check_support.hpp"

#include "reports/check_report.hpp"
#include "reports/trace_jsonl.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("check prints the golden verdicts of every design-space scenario", "[cli][design_space]") {
  const std::vector<std::pair<std::string, int>> scenarios = {
      {"compare-messages-or-shared-memory", 0}, {"lifecycle-create-delete-give", 0}, {"lifecycle-exclusive-receive", 1},
      {"lifecycle-owner-exits", 1},           {"multicast-slow-listener", 0},      {"semaphore-lock-order", 1},
      {"shm-mutex", 0},                       {"shm-race", 1}};
  for (const auto &[name, status] : scenarios) {
    SECTION(name) {
      CommandOutput r = run_ipcsim("check scenarios/" + name + ".yaml");
      CHECK(r.status == status);
      check_golden(name + ".check.txt", without_performance(r.out));
    }
  }
}

TEST_CASE("the lock-order deadlock draws its wait-for graph with acquire edges", "[report][design_space]") {
  Model model = bundled("semaphore-lock-order");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  check_golden("semaphore-lock-order.waitfor.dot", counterexample_wait_for_dot(model, r.violations[0]));
}

TEST_CASE("the data-race counterexample's trace marks the later access race_with the earlier",
          "[report][design_space]") {
  Model model = bundled("shm-race");
  CheckResult r = check_all(model);
  REQUIRE(r.violations.size() == 1);
  std::string jsonl;
  for (const auto &e : r.violations[0].trace)
    jsonl += to_jsonl(e) + "\n";
  check_golden("shm-race.jsonl", jsonl);
}
