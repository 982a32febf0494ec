// A deep depth-first search (the fork servers loop forever: at N=13, 5,272 levels for 28,342 states) keeps a
// frame only for the top of its stack and rebuilds a deeper one from the visited set on the way back
// (checker/explorer.hpp).
// The rebuilt frame must offer the same steps in the same order: hash compaction, which stores no state to
// read back, keeps every frame, so both must explore exactly alike.
#include "check_support.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

CheckResult check_fork_servers(bool hash_compact, bool stop_at_first) {
  Model model = bench("fork-servers", {.params = {{"N", "13"}}});
  CheckOptions options;
  options.hash_compact = hash_compact;
  options.stop_at_first = stop_at_first; // orders each frame by the processes' last moves on the stack
  return check(model, options);
}

} // namespace

TEST_CASE("frames rebuilt from the visited set explore exactly as frames kept whole") {
  for (bool stop_at_first : {false, true}) {
    INFO("stop at first: " << stop_at_first);
    CheckResult rebuilt = check_fork_servers(false, stop_at_first);
    CheckResult kept = check_fork_servers(true, stop_at_first);
    CHECK(rebuilt.statistics.max_depth > 4000); // far deeper than the 1024 frames kept
    CHECK(rebuilt.statistics.states == kept.statistics.states);
    CHECK(rebuilt.statistics.transitions == kept.statistics.transitions);
    CHECK(rebuilt.statistics.max_depth == kept.statistics.max_depth);
    CHECK(verdict_of(rebuilt, PropertyKind::deadlock) == Verdict::holds);
  }
  CHECK(check_fork_servers(false, false).statistics.transitions == 54251);
  CHECK(check_fork_servers(false, true).statistics.transitions == 50804);
}
