// The cycle proviso of the depth-first search (checker/explorer.cpp), in one thread and in several
// (--jobs, checker/shared_visited_set.hpp): a process that the persistent sets
// keep postponing around a cycle must still be explored. Here `spinner` and `echo` loop forever on a
// rendezvous, a set of one step that leads straight back to the state it left, and `lonely` waits for a
// message that nobody sends: a deadlock only a state expanded fully shows.
#include "check_support.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

const char *kIgnored = R"(scenario: ignored
channels:
  - {mailbox: ping, capacity: 0}
  - {mailbox: never, capacity: 1}
processes:
  - name: echo
    server: true
    do:
      - forever:
          - receive: {from: ping}
  - name: spinner
    do:
      - forever:
          - send: {to: ping}
  - name: lonely
    do:
      - receive: {from: never}
)";

} // namespace

TEST_CASE("the cycle proviso expands the state a cycle returns to, so no process is postponed forever") {
  CheckResult reduced = check_all(model_from_text(kIgnored));
  CHECK(verdict_of(reduced, PropertyKind::deadlock) == Verdict::violated);
  REQUIRE(reduced.violations.size() == 1);
  CHECK(reduced.violations[0].description.find("lonely") != std::string::npos);
  // The initial state, expanded fully once the rendezvous leads back to it, and lonely's blocked state.
  CHECK(reduced.statistics.states == 2);
  CheckResult full = check_all(model_from_text(kIgnored), false, false);
  CHECK(verdict_of(full, PropertyKind::deadlock) == Verdict::violated);
}

TEST_CASE("the parallel search's cycle proviso completes the state a cycle returns to") {
  CheckOptions options;
  options.jobs = 2;
  CheckResult parallel = check(model_from_text(kIgnored), options);
  CHECK(verdict_of(parallel, PropertyKind::deadlock) == Verdict::violated);
  REQUIRE(parallel.violations.size() == 1);
  CHECK(parallel.violations[0].description.find("lonely") != std::string::npos);
  CHECK(parallel.statistics.states == 2);
}
