// Shortening what a depth-first search found: its schedules follow the search's first choices and can be
// long and meandering. A breadth-first pass over the states it stored (and only those: no new state is
// explored) finds, for each violated property, a shortest schedule among them that shows a violation of
// the same property. The depth-first schedule itself runs through stored states, so one is always found,
// and is never longer. With symmetry reduction the stored states are representatives of their orbits: the
// pass expands them (each is a reachable state, the model being symmetric) and its schedules are turned into
// schedules of the model by checker/orbit_schedule.hpp; the depth-first schedule, on real states, still
// runs through the stored orbits, so the bound holds.
#pragma once

#include "checker/canonical_state.hpp"
#include "checker/finding.hpp"
#include "checker/search_steps.hpp"
#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"

#include <vector>

namespace ipcsim {

std::vector<Finding> shortest_findings(SearchSteps &steps, StateCodec &codec, const StoredStates &store,
                                       Canonicalizer &canonicalizer, const std::vector<Finding> &found);

} // namespace ipcsim
