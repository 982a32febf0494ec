// `ipcsim check` on the bundled protocol scenarios (variables, values, decisions, assertions, invariants,
// timeouts): the whole text output against goldens, and the schedules that break them, step by step.
#include "check_support.hpp"

#include "checker/persistent_set.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("check prints the golden verdicts of the protocol scenarios", "[cli][protocols]") {
  const std::vector<std::pair<std::string, int>> scenarios = {
      {"protocol-alternating-bit", 0}, {"protocol-check-then-act", 1}, {"protocol-request-reply", 0},
      {"protocol-request-retry", 1},    {"protocol-alternating-bit-lossy", 0}, {"protocol-two-phase-commit", 1}};
  for (const auto &[name, status] : scenarios) {
    SECTION(name) {
      CommandOutput r = run_ipcsim("check scenarios/" + name + ".yaml");
      CHECK(r.status == status);
      check_golden(name + ".check.txt", without_performance(r.out));
    }
  }
}

// Both workers test the free flag before either takes it: the shortest way into the critical section twice.
TEST_CASE("the flag lock's counterexample tests twice before either worker stores", "[protocols]") {
  CheckResult r = check_all(bundled("protocol-check-then-act"), /*breadth_first=*/true);
  CHECK(verdict_of(r, PropertyKind::invariant) == Verdict::violated);
  REQUIRE(r.violations.size() == 1);
  std::vector<std::string> steps;
  for (const auto &step : r.violations[0].steps)
    steps.push_back(step.proc + ": " + step.action);
  CHECK(steps == std::vector<std::string>{"worker[0]: test 'locked == 0'", "worker[1]: test 'locked == 0'",
                                          "worker[0]: set: locked = 1", "worker[0]: set: inside = 1",
                                          "worker[1]: set: locked = 1", "worker[1]: set: inside = 2"});
}

// A reduction that reordered the two tests past the stores would call the lock correct (it did, once).
TEST_CASE("a scenario with globals or invariants is searched without partial-order reduction", "[protocols]") {
  CHECK_FALSE(reduction_covers(bundled("protocol-check-then-act")));
  CHECK_FALSE(reduction_covers(bundled("protocol-alternating-bit")));
  CHECK(reduction_covers(bundled("deadlock-receive-first")));
  CheckResult r = check_all(bundled("protocol-check-then-act"));
  CHECK(verdict_of(r, PropertyKind::invariant) == Verdict::violated);
}

// check lets a waiting receive give up at any moment: the client's every try may time out, however fast the
// server is in `run`.
TEST_CASE("the retrying client's counterexample times out on every try", "[protocols][timeouts]") {
  CheckResult r = check_all(bundled("protocol-request-retry"), /*breadth_first=*/true);
  CHECK(verdict_of(r, PropertyKind::assertion) == Verdict::violated);
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);
  REQUIRE(r.violations.size() == 1);
  std::vector<std::string> client_steps;
  for (const auto &step : r.violations[0].steps)
    if (step.proc == "client")
      client_steps.push_back(step.action);
  const std::string give_up = "receive from replies: gives up waiting (timeout)";
  CHECK(client_steps == std::vector<std::string>{
                            "send on requests: message 1 (value 1) buffered", "receive from replies: blocks",
                            give_up + "; client.attempt = 2", "send on requests: message 2 (value 2) buffered",
                            "receive from replies: blocks", give_up + "; client.attempt = 3",
                            "send on requests: message 3 (value 3) buffered", "receive from replies: blocks",
                            give_up + "; an assert is false; client ends"});
}

// Without the `when:` that matches a reply to the current try, a client takes the late answer to its first
// try: the server's reply to request 1 (16 * 0 + 1) reaches client[0] while it waits on its second try.
TEST_CASE("the request/reply server without duplicate suppression lets a client take a stale answer",
          "[protocols][timeouts]") {
  CheckResult holds = check_all(bundled("protocol-request-reply"), /*breadth_first=*/true);
  CHECK(holds.violations.empty());
  LoadOptions no_dedup;
  no_dedup.params = {{"DEDUP", "0"}};
  CheckResult r = check_all(bundled("protocol-request-reply", no_dedup), /*breadth_first=*/true);
  CHECK(verdict_of(r, PropertyKind::assertion) == Verdict::violated);
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);
  REQUIRE(r.violations.size() == 1);
  std::vector<std::string> steps;
  for (const auto &step : r.violations[0].steps)
    steps.push_back(step.proc + ": " + step.action);
  CHECK(steps == std::vector<std::string>{
                     "client[0]: send on requests: message 1 (value 1) buffered",
                     "client[0]: receive from server->client[0]: blocks",
                     "client[0]: receive from server->client[0]: gives up waiting (timeout); client[0].try = 2",
                     "client[0]: send on requests: message 2 (value 2) buffered",
                     "client[0]: receive from server->client[0]: blocks",
                     "server: receive from requests: takes message 1 (value 1) from client[0]; server.request = 1, "
                     "server.c = 0",
                     "server: compute",
                     "server: send on server->client[0]: message 3 (value 1) taken by client[0]; releases client[0]"});
}

// Without the bit check, a retransmitted item that the link delivered twice is delivered twice.
TEST_CASE("the lossy alternating-bit protocol without duplicate suppression delivers an item twice",
          "[protocols][faults]") {
  LoadOptions no_dedup;
  no_dedup.params = {{"DEDUP", "0"}};
  CheckResult r = check_all(bundled("protocol-alternating-bit-lossy", no_dedup), /*breadth_first=*/true);
  CHECK(verdict_of(r, PropertyKind::assertion) == Verdict::violated);
}

// The coordinator's crash leaves a participant that voted yes waiting for ever; with a timeout it aborts
// while the other commits.
TEST_CASE("two-phase commit: a crashed coordinator blocks, and a participant's timeout breaks atomicity",
          "[protocols][faults]") {
  CheckResult blocking = check_all(bundled("protocol-two-phase-commit"), /*breadth_first=*/true);
  CHECK(verdict_of(blocking, PropertyKind::deadlock) == Verdict::violated);
  CHECK(verdict_of(blocking, PropertyKind::invariant) == Verdict::holds);
  LoadOptions timeout;
  timeout.params = {{"TIMEOUT", "1"}};
  CheckResult r = check_all(bundled("protocol-two-phase-commit", timeout), /*breadth_first=*/true);
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);
  CHECK(verdict_of(r, PropertyKind::invariant) == Verdict::violated);
  REQUIRE(!r.violations.empty());
  const auto &steps = r.violations.front().steps;
  CHECK(std::any_of(steps.begin(), steps.end(), [](const auto &s) {
    return s.proc == "participant[1]" && s.action.find("gives up waiting (timeout)") != std::string::npos;
  }));
}
