// With symmetry reduction the visited set holds representatives (checker/canonical_state.hpp), and a search
// that expands stored states (breadth-first, or the shortening pass over a depth-first search's states)
// finds schedules whose choices apply to representatives: after each step it continues from the
// representative of the state reached, not from that state. Such a schedule is turned into one of the
// model as it is, step by step: from the real state R, whose representative is that of the search's state
// C, the step taken is one whose successor has the same representative as C's successor (and, at the last
// step, shows the same violation). One always exists: C is R renamed by an automorphism pi, and pi^-1 of
// the search's step is such a step of R. The counterexample is then replayed as usual, so a mistake here
// would show as an internal error, never as a wrong report.
#pragma once

#include "checker/canonical_state.hpp"
#include "checker/finding.hpp"
#include "checker/search_steps.hpp"

namespace ipcsim {

Finding real_schedule(SearchSteps &steps, Canonicalizer &canonicalizer, const Finding &found);

} // namespace ipcsim
