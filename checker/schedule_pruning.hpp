// Shortening a violating schedule by leaving steps out. With partial-order reduction the depth-first search
// stores one order of independent steps, so its schedules (even the shortest among stored states) carry
// steps that the violation does not need, such as a bystander's whole run before the two processes that
// deadlock. Steps are removed, in runs that halve in length down to single steps, whenever the schedule
// without them still replays under the rules and still shows a violation of the same property (where it
// first shows, the rest is cut). The result is never longer and is checked by replay, never assumed. The
// work is bounded (20 M replayed steps): a very deep schedule is pruned only as far as that allows.
#pragma once

#include "checker/finding.hpp"
#include "models/model.hpp"

namespace ipcsim {

Finding prune_schedule(const Model &model, const Finding &finding);

} // namespace ipcsim
