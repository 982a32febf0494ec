// The verdict of every bundled scenario, as its opening comment promises. A new scenario must be added here.
#include "check_support.hpp"

#include <algorithm>
#include <map>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// Scenarios in which some schedule violates a property, with exactly the properties violated; every other
// bundled scenario holds everything it watches.
const std::map<std::string, std::vector<PropertyKind>> expected_violations = {
    {"deadlock-receive-first", {PropertyKind::deadlock}},
    {"classic-dining-philosophers", {PropertyKind::deadlock}},
    {"lifecycle-exclusive-receive", {PropertyKind::invalid}},
    {"lifecycle-owner-exits", {PropertyKind::lost_messages, PropertyKind::invalid}},
    {"semaphore-lock-order", {PropertyKind::deadlock}},
    {"shm-race", {PropertyKind::data_race}},
    {"protocol-check-then-act", {PropertyKind::invariant}},
    {"protocol-request-retry", {PropertyKind::assertion}},
    {"protocol-two-phase-commit", {PropertyKind::deadlock}},
};

} // namespace

TEST_CASE("every bundled scenario gets its expected verdicts", "[bundled]") {
  for (const auto &name : bundled_names()) {
    SECTION(name) {
      Model model = bundled(name);
      CheckResult r = check_all(model);
      CHECK(r.stop != StopReason::max_states);
      auto expected = expected_violations.find(name);
      for (const auto &v : r.verdicts) {
        INFO("property " << to_string(v.kind));
        bool violated = expected != expected_violations.end() &&
                        std::find(expected->second.begin(), expected->second.end(), v.kind) != expected->second.end();
        CHECK(v.verdict == (violated ? Verdict::violated : Verdict::holds));
      }
    }
  }
}

TEST_CASE("partial-order reduction finds exactly the violations of the full search on every bundled scenario",
          "[bundled][reduction]") {
  for (const auto &name : bundled_names()) {
    SECTION(name) {
      Model model = bundled(name);
      CheckResult full = check_all(model, false, false);
      CheckResult reduced = check_all(model);
      if (full.stop == StopReason::complete)
        CHECK(reduced.statistics.states <= full.statistics.states);
      check_same_verdicts(reduced, full);
    }
  }
}

TEST_CASE("depth-first and breadth-first find the same states and the same verdicts", "[bundled]") {
  for (const auto &name : bundled_names()) {
    if (name.rfind("classic-dining", 0) == 0)
      continue; // the largest; covered with one meal below
    SECTION(name) {
      Model model = bundled(name);
      CheckResult dfs = check_all(model, false, false);
      CheckResult bfs = check_all(model, true);
      CHECK(dfs.statistics.states == bfs.statistics.states);
      CHECK(dfs.statistics.transitions == bfs.statistics.transitions);
      CHECK(dfs.violations.size() == bfs.violations.size());
    }
  }
  SECTION("classic-dining-philosophers with one meal") {
    Model model = bundled("classic-dining-philosophers", {.params = {{"MEALS", "1"}}});
    CheckResult dfs = check_all(model, false, false);
    CheckResult bfs = check_all(model, true);
    CHECK(dfs.statistics.states == bfs.statistics.states);
    REQUIRE(bfs.violations.size() == 1);
    // Breadth-first gives a shortest schedule; the shortened depth-first one is as short: 5 tokens put on
    // the table, then each philosopher sleeps, takes its left fork and blocks on its right: 5 + 3 x 5.
    CHECK(bfs.violations[0].steps.size() == 20);
    CHECK(dfs.violations[0].steps.size() == 20);
  }
}

TEST_CASE("the deadlock-free dining philosophers hold for 3 to 6 philosophers", "[bundled]") {
  for (int n = 3; n <= 6; ++n) {
    INFO("N = " << n);
    Model model =
        bundled("classic-dining-philosophers-ordered", {.params = {{"N", std::to_string(n)}, {"MEALS", "1"}}});
    CHECK_FALSE(check_all(model).violated());
    Model deadlocking = bundled("classic-dining-philosophers", {.params = {{"N", std::to_string(n)}, {"MEALS", "1"}}});
    CHECK(verdict_of(check_all(deadlocking), PropertyKind::deadlock) == Verdict::violated);
  }
}
