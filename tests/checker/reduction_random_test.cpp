// Partial-order reduction against the full search on small scenarios drawn at random (random_scenarios.hpp).
// The reduced search must reach exactly the verdicts of the full one, property by property, and never
// store more states.
#include "check_support.hpp"
#include "random_scenarios.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios",
          "[reduction]") {
  int reduced_somewhere = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = ScenarioDraw(seed).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckResult full = check_all(model, false, false);
    CheckResult reduced = check_all(model);
    REQUIRE(full.stop != StopReason::max_states);
    if (full.stop == StopReason::complete) // a search that stops at its violations depends on the order
      CHECK(reduced.statistics.states <= full.statistics.states);
    reduced_somewhere += reduced.statistics.states < full.statistics.states;
    REQUIRE(reduced.verdicts.size() == full.verdicts.size());
    for (std::size_t k = 0; k < full.verdicts.size(); ++k) {
      INFO("property " << to_string(full.verdicts[k].kind));
      CHECK(reduced.verdicts[k].verdict == full.verdicts[k].verdict);
    }
  }
  CHECK(reduced_somewhere > 100); // the draws exercise the reduction, not only full expansions
}
