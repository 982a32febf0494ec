// Shortening what a depth-first search found: its schedules follow the search's first choices and can be
// long and meandering. A breadth-first pass over the states it stored (and only those: no new state is
// explored) finds, for each violated property, a shortest schedule among them that shows a violation of
// the same property. The depth-first schedule itself runs through stored states, so one is always found,
// and is never longer.
#pragma once

#include "checker/finding.hpp"
#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"
#include "models/model.hpp"

#include <vector>

namespace ipcsim {

std::vector<Finding> shortest_findings(const Model &model, StateCodec &codec, const StateStore &store,
                                       const std::vector<Finding> &found);

} // namespace ipcsim
