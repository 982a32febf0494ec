// Partial-order reduction against the full search on small scenarios drawn at random (random_scenarios.hpp).
// The reduced search must reach exactly the verdicts of the full one, property by property, and never
// store more states.
#include "check_support.hpp"
#include "random_scenarios.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

struct Comparison {
  int reduced = 0; // draws where the reduced search stored fewer states
  int fused = 0;   // draws with a rendezvous fused
};

Comparison compare_with_full_search(bool rendezvous, bool cyclic = false) {
  Comparison c;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = ScenarioDraw(seed, false, rendezvous, cyclic).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckResult full = check_all(model, false, false);
    CheckResult reduced = check_all(model);
    REQUIRE(full.stop != StopReason::max_states);
    if (full.stop == StopReason::complete) // a search that stops at its violations depends on the order
      CHECK(reduced.statistics.states <= full.statistics.states);
    c.reduced += reduced.statistics.states < full.statistics.states;
    c.fused += reduced.search.find("rendezvous fused") != std::string::npos;
    check_same_verdicts(reduced, full);
  }
  return c;
}

struct DataComparison {
  int compared = 0; // draws whose full search ended within the bound below
  int reducing = 0; // draws searched with partial-order reduction (not turned off for the model)
  int reduced = 0;  // draws where the reduced search stored fewer states
  int fused = 0;    // draws with a rendezvous fused
};

// The same comparison on DataScenarioDraw's draws (variables, `when`, run-time names, globals, invariants,
// timeouts as `flags` says for each seed). A draw whose full search stores more than 50,000 states is left
// out, and counted out: the callers require nearly all of them compared.
DataComparison compare_data_with_full_search(DataFlags (*flags)(std::uint32_t)) {
  DataComparison c;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = DataScenarioDraw(seed, flags(seed)).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckOptions options;
    options.symmetry = false;
    options.reduction = false;
    options.max_states = 50'000;
    CheckResult full = check(model, options);
    if (full.stop == StopReason::max_states)
      continue;
    ++c.compared;
    options.reduction = true;
    CheckResult reduced = check(model, options);
    REQUIRE(reduced.stop != StopReason::max_states);
    if (full.stop == StopReason::complete)
      CHECK(reduced.statistics.states <= full.statistics.states);
    c.reducing += reduced.search.find("with partial-order reduction") != std::string::npos;
    c.reduced += reduced.statistics.states < full.statistics.states;
    c.fused += reduced.search.find("rendezvous fused") != std::string::npos;
    check_same_verdicts(reduced, full);
  }
  return c;
}

} // namespace

TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios",
          "[reduction]") {
  CHECK(compare_with_full_search(false).reduced > 100); // the draws exercise the reduction, not only full expansions
}

// Every channel of capacity 0 and blocking operations only: deadlocks everywhere, global and partial, which
// rendezvous fusion judges on the state with the lone waiting processes queued.
TEST_CASE("rendezvous fusion finds exactly the full search's verdicts on 300 random rendezvous scenarios",
          "[reduction]") {
  Comparison c = compare_with_full_search(true);
  CHECK(c.fused >= 290); // 300 at the time of writing: a receive from any keeps its channels out
  CHECK(c.reduced >= 250);
}

// Processes that loop forever, some of them servers, tags T and U: cycles everywhere, so the cycle proviso
// decides what is explored, and the servers rule picks sets on rendezvous channels.
TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios that loop",
          "[reduction]") {
  Comparison plain = compare_with_full_search(false, true);
  CHECK(plain.reduced > 100);
  Comparison rendezvous = compare_with_full_search(true, true);
  CHECK(rendezvous.fused >= 250);
  CHECK(rendezvous.reduced >= 200);
}

// Process variables that sends carry as values, receives store (`into`) and select by (`when`), and `set`,
// `if`, `while` and `assert` read; on half the draws, sends and receives on a replica chosen by a variable
// ("box[x % 2]", "p2[y]"), out of range or naming the sender itself at times; on a third, rendezvous only;
// on two fifths, processes that loop forever (some of them servers), for the cycle proviso. None of these
// turns the reduction off.
TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios with "
          "process variables and when: and run-time names",
          "[reduction]") {
  DataComparison c = compare_data_with_full_search([](std::uint32_t seed) {
    return DataFlags{.rendezvous = seed % 3 == 0, .names = seed % 2 == 0, .cyclic = seed % 5 < 2};
  });
  CHECK(c.compared >= 290);
  CHECK(c.reducing == c.compared);
  CHECK(c.reduced > 150);
  CHECK(c.fused > 50);
}

// Global variables read and written by steps, invariants over globals and process variables, and timed
// receives, sends and acquires, with run-time names on half the draws. The reduction turns itself off for a
// model with any of the first three (the search line says so), so these draws hold its results to the full
// search's for the day it covers them; the draws whose timeouts flag drew no timed step are reduced.
TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios with "
          "global variables and invariants and timeouts",
          "[reduction]") {
  DataComparison c = compare_data_with_full_search([](std::uint32_t seed) {
    return DataFlags{.names = seed % 2 == 0, .globals = seed % 3 != 0, .timeouts = seed % 3 != 1};
  });
  CHECK(c.compared >= 290);
  CHECK(c.reducing < c.compared / 3);
}
