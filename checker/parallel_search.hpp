// --jobs J with --bfs: a breadth-first search by J threads, one level at a time. Each level's states are
// shared out among the threads, which unpack each, fire its transitions and store the successors
// (pack_whole's bytes) in a visited set cut into shards by the hash of the state (each shard a StateStore
// behind its own lock). At the end of the level the new states are put in a fixed order (by the first state
// and choice that reached each), which numbers them and makes the next level's parents, so that states,
// transitions and counterexamples are those of the sequential breadth-first search whatever the threads do.
// Like it, this search reduces by symmetry only: partial-order reduction would lose the shortest schedules.
#pragma once

#include "checker/check_result.hpp"
#include "checker/finding.hpp"
#include "checker/progress.hpp"
#include "checker/search_limits.hpp"
#include "checker/symmetry.hpp"
#include "models/properties.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace ipcsim {

struct ParallelOutcome {
  std::vector<Finding> findings; // their choices apply to stored representatives (orbit_schedule.hpp)
  std::optional<StopReason> stop;
  std::uint64_t states = 0;
  std::uint64_t transitions = 0;
  std::uint64_t max_depth = 0;
  std::size_t visited_bytes = 0; // the shards' stores and codecs, the search tree
};

// Explores `model` with `jobs` threads until every property of `wanted` is violated (or the first one is,
// with options.stop_at_first), the space is exhausted or a limit of `limits` is reached.
ParallelOutcome parallel_search(const Model &model, const CheckOptions &options, unsigned jobs,
                                const std::vector<SymmetryGroup> &groups, PropertySet wanted, SearchLimits &limits,
                                Progress &progress);

} // namespace ipcsim
