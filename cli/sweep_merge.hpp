// `ipcsim compare --merge`: the slices that `compare --shard I/N` wrote, joined into the records of the whole
// sweep after checking that they are slices of one plan and that together they hold every run exactly once.
#pragma once

#include "cli/sweep_files.hpp"

#include <string>
#include <vector>

namespace ipcsim {

// Throws ScenarioError (exit 64) naming the directory that differs, or listing the runs that are missing or
// given twice. The result's plan has no shard.
SweepSlice merge_shards(const std::vector<std::string> &dirs);

} // namespace ipcsim
