// --jobs: the depth-first searches in several threads over one visited set must reach the verdicts of the
// sequential search and store every reachable state exactly once; with --bfs, the level-by-level search's
// states, transitions and counterexamples must not depend on the number of threads or on which thread got
// somewhere first.
#include "check_support.hpp"
#include "random_scenarios.hpp"

#include <fmt/format.h>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

CheckResult check_jobs(const Model &model, unsigned jobs, bool breadth_first = false, bool reduction = true,
                       bool symmetry = true) {
  CheckOptions options;
  options.jobs = jobs;
  options.breadth_first = breadth_first;
  options.reduction = reduction;
  options.symmetry = symmetry;
  return check(model, options);
}

std::vector<Transition> schedule_of(const CheckResult &r, PropertyKind kind) {
  for (const Counterexample &c : r.violations)
    if (c.kind == kind)
      return c.schedule;
  return {};
}

void require_same_search(const CheckResult &a, const CheckResult &b) {
  CHECK(a.stop == b.stop);
  CHECK(a.statistics.states == b.statistics.states);
  CHECK(a.statistics.transitions == b.statistics.transitions);
  CHECK(a.statistics.max_depth == b.statistics.max_depth);
  check_same_verdicts(a, b);
  REQUIRE(a.violations.size() == b.violations.size());
  for (std::size_t k = 0; k < a.violations.size(); ++k)
    CHECK(a.violations[k].schedule == b.violations[k].schedule);
}

} // namespace

TEST_CASE("parallel search: the sequential search's verdicts on every bundled scenario, for 2 and 3 threads",
          "[parallel][bundled]") {
  for (const auto &name : bundled_names()) {
    SECTION(name) {
      Model model = bundled(name);
      CheckResult sequential = check_jobs(model, 1);
      for (unsigned jobs : {2u, 3u}) {
        CheckResult parallel = check_jobs(model, jobs);
        CHECK(parallel.search.rfind(fmt::format("depth-first in {} threads", jobs), 0) == 0);
        CHECK(parallel.stop == sequential.stop);
        check_same_verdicts(sequential, parallel);
        // The counterexamples are shortened over the stored states as the sequential search's are: some
        // shortest schedule among them, which need not be the same one but is as long.
        REQUIRE(parallel.violations.size() == sequential.violations.size());
        for (std::size_t k = 0; k < sequential.violations.size(); ++k)
          CHECK(parallel.violations[k].kind == sequential.violations[k].kind);
      }
    }
  }
}

TEST_CASE("parallel search: a thread's counterexample starts where the first state does, through the states it "
          "was given",
          "[parallel]") {
  // Without reduction every state is stored, so the shortening pass finds the shortest schedule whichever
  // thread found the deadlock: the one --bfs finds.
  Model model = bundled("classic-dining-philosophers", {.params = {{"MEALS", "1"}}});
  CheckResult parallel = check_jobs(model, 2, false, false);
  REQUIRE(parallel.violations.size() == 1);
  CHECK(parallel.violations[0].steps.size() == 20);
  CHECK(parallel.violations[0].schedule == check_jobs(model, 1, true).violations[0].schedule);
}

TEST_CASE("parallel search: with --bfs, the sequential breadth-first search's states and counterexamples",
          "[parallel][bundled]") {
  // Without reduction the levels hold every reachable state, numbered as the sequential search numbers them
  // (by the first state and choice that reach each), so the schedules are the same shortest ones.
  for (const auto &name : bundled_names()) {
    if (name.rfind("classic-dining", 0) == 0)
      continue; // the largest; one meal below
    SECTION(name) {
      Model model = bundled(name);
      CheckResult sequential = check_jobs(model, 1, true);
      CheckResult parallel = check_jobs(model, 2, true);
      check_same_verdicts(sequential, parallel);
      if (sequential.stop == StopReason::complete) {
        CHECK(parallel.statistics.states == sequential.statistics.states);
        CHECK(parallel.statistics.transitions == sequential.statistics.transitions);
      }
      for (const Counterexample &c : sequential.violations)
        CHECK(schedule_of(parallel, c.kind) == c.schedule);
    }
  }
  SECTION("classic-dining-philosophers with one meal") {
    Model model = bundled("classic-dining-philosophers", {.params = {{"MEALS", "1"}}});
    CheckResult sequential = check_jobs(model, 1, true);
    CheckResult parallel = check_jobs(model, 2, true);
    REQUIRE(parallel.violations.size() == 1);
    CHECK(parallel.violations[0].steps.size() == 20); // as short as the sequential search's (bundled_verdicts_test)
    CHECK(parallel.violations[0].schedule == sequential.violations[0].schedule);
  }
}

TEST_CASE("parallel search: every reachable state without reduction, exactly as many as the sequential search",
          "[parallel]") {
  Model model = bundled("classic-dining-philosophers-ordered", {.params = {{"N", "4"}, {"MEALS", "1"}}});
  CheckResult sequential = check_jobs(model, 1, false, false, false);
  CHECK(sequential.statistics.states == 6'179);
  for (unsigned jobs : {2u, 3u}) {
    CheckResult parallel = check_jobs(model, jobs, false, false, false); // no state twice, none missed
    CHECK(parallel.statistics.states == 6'179);
    CHECK(parallel.statistics.transitions == sequential.statistics.transitions); // each state expanded once
    CHECK(parallel.search == fmt::format("depth-first in {} threads", jobs));
    CheckResult levels = check_jobs(model, jobs, true, false, false);
    CHECK(levels.statistics.states == 6'179);
    CHECK(levels.search == fmt::format("breadth-first in {} threads", jobs));
  }
}

TEST_CASE("parallel search: giving work away adds no state where every persistent set is one pair's steps",
          "[parallel][reduction]") {
  // A thread gives away only successors of states expanded fully anyway: giving one from a reduced state
  // would expand that state fully (the cycle proviso), and on the pairs, whose reduced states lie in one
  // line of 1 + 28 x NP, that stored 5,198 states for 20 pairs instead of 561, and 52,135 for 200.
  for (int np : {20, 200}) {
    INFO("NP = " << np);
    Model model = bench("client-server-pairs", {.params = {{"NP", std::to_string(np)}}});
    CheckResult parallel = check_jobs(model, 2);
    CHECK(parallel.stop == StopReason::complete);
    CHECK(parallel.statistics.states == 1 + 28 * static_cast<std::uint64_t>(np));
  }
}

TEST_CASE("parallel search with reduction finds exactly the full search's verdicts on 200 random scenarios",
          "[parallel][reduction]") {
  int reduced_somewhere = 0;
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    // a third rendezvous only, two fifths looping forever
    std::string yaml = ScenarioDraw(seed, seed % 2 == 0, seed % 3 == 0, seed % 5 < 2).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckResult full = check_jobs(model, 1, false, false, false);
    CheckResult parallel = check_jobs(model, 2 + seed % 2);
    REQUIRE(full.stop != StopReason::max_states);
    check_same_verdicts(full, parallel);
    reduced_somewhere += parallel.statistics.states < full.statistics.states;
  }
  CHECK(reduced_somewhere > 60);
}

TEST_CASE("parallel search: --max-states stops at that many states, give or take a state per other thread",
          "[parallel]") {
  Model model = bundled("classic-dining-philosophers-ordered");
  CheckOptions options;
  options.jobs = 2;
  options.max_states = 1000;
  CheckResult r = check(model, options);
  CHECK(r.stop == StopReason::max_states);
  CHECK(r.statistics.states >= 1000);
  CHECK(r.statistics.states <= 1001);
  CHECK(r.limit == "--max-states 1000");
  options.breadth_first = true; // the level search reserves a state's place before storing it: exact
  r = check(model, options);
  CHECK(r.stop == StopReason::max_states);
  CHECK(r.statistics.states == 1000);
}

TEST_CASE("parallel search: the command line", "[parallel][cli]") {
  CommandOutput out = run_ipcsim("check scenarios/classic-dining-philosophers.yaml --jobs 2 --stop-at-first");
  CHECK(out.status == 1);
  // Which states the two threads store depends on their timing, and the counterexample is shortened over the
  // stored states: it is at least as long as the shortest (20 steps, as --bfs gives), and it ends in the deadlock.
  std::size_t at = out.out.find("schedule (");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoul(out.out.substr(at + 10)) >= 20);
  CHECK(out.out.find("\ndeadlock: every remaining process is blocked forever") != std::string::npos);
  CHECK(out.out.find("search: depth-first in 2 threads with partial-order reduction and symmetry reduction (1 "
                     "interchangeable group: table+phil x5 rotation), stopped at the first violation") !=
        std::string::npos);
  CommandOutput refused = run_ipcsim("check scenarios/pipeline.yaml --jobs 2 --hash-compact", "2>&1 >/dev/null");
  CHECK(refused.status == 64);
  CHECK(refused.out.find("the parallel search (--jobs) shares exact states among its threads: hash compaction works "
                         "with one thread only") != std::string::npos);
  CHECK(run_ipcsim("check scenarios/pipeline.yaml --jobs 0", "2>&1 >/dev/null").status == 64);
}
