// --stop-at-first: the depth-first search tries the steps of the processes that have waited longest first,
// so its first schedules interleave the processes; a lock-order deadlock is then found on the first schedule
// tried, where running each process to its end first buries it under every other interleaving.
#include "check_support.hpp"


using namespace ipcsim;
using namespace ipcsim::test;

namespace {

CheckResult first_violation(const Model &model, std::optional<std::uint64_t> max_states = std::nullopt) {
  CheckOptions options;
  options.stop_at_first = true;
  options.max_states = max_states;
  return check(model, options);
}

Model philosophers(int n) {
  return bundled("classic-dining-philosophers", {.params = {{"N", std::to_string(n)}}});
}

} // namespace

TEST_CASE("the first deadlock of the dining philosophers: 4N steps on the first schedule tried", "[first_deadlock]") {
  // N tokens put on the table, then each philosopher sleeps, takes its left fork and blocks on its right:
  // 4N steps, through 4N + 1 states and nothing else.
  for (int n : {5, 16}) {
    INFO("N = " << n);
    CheckResult r = first_violation(philosophers(n));
    CHECK(r.stop == StopReason::first_violation);
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0].kind == PropertyKind::deadlock);
    CHECK(r.violations[0].steps.size() == 4u * n);
    CHECK(r.statistics.states == 4u * n + 1);
    CHECK(r.statistics.transitions == 4u * n);
  }
}

TEST_CASE("the first deadlock is found within a bound the search in process order cannot meet", "[first_deadlock]") {
  // Without --stop-at-first the search keeps the enabled order: one philosopher eats all its meals before the
  // next starts, and 10 times the states of the whole deadlocking schedule are not enough to find it.
  Model model = philosophers(16);
  CHECK(verdict_of(first_violation(model, 65), PropertyKind::deadlock) == Verdict::violated);
  CheckOptions in_order;
  in_order.max_states = 650;
  CheckResult r = check(model, in_order);
  CHECK(r.stop == StopReason::max_states);
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::unknown);
}

TEST_CASE("the order of --stop-at-first changes no verdict on any bundled scenario", "[first_deadlock][bundled]") {
  // A scenario that holds is explored to its end either way (the order changes which states the reduction
  // keeps, through the cycle proviso, never what is judged); one that does not stops at a violation of a
  // property the full search finds violated.
  for (const std::string &name : bundled_names()) {
    SECTION(name) {
      Model model = bundled(name);
      CheckResult full = check_all(model);
      CheckResult first = first_violation(model);
      if (full.violated()) {
        CHECK(first.stop == StopReason::first_violation);
        REQUIRE(first.violations.size() == 1);
        CHECK(verdict_of(full, first.violations[0].kind) == Verdict::violated);
      } else {
        CHECK(first.stop == StopReason::complete);
        CHECK_FALSE(first.violated());
      }
    }
  }
}
