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
    REQUIRE(reduced.verdicts.size() == full.verdicts.size());
    for (std::size_t k = 0; k < full.verdicts.size(); ++k) {
      INFO("property " << to_string(full.verdicts[k].kind));
      CHECK(reduced.verdicts[k].verdict == full.verdicts[k].verdict);
    }
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
