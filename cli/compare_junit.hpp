// `ipcsim compare --junit F`: a sweep as a JUnit XML report, one suite for the scenario and one test case per
// variant ("variant 2: channels.jobs.capacity=4"), failed when a run of it gave no result or violated a
// property (what `ipcsim run` exits 1 for), or its check (--check) found a violation or gave no result. The
// failure's body lists each of them, a line per violation as `run` prints it, prefixed with the seed.
#pragma once

#include "cli/sweep_files.hpp"

#include <string>

namespace ipcsim {

// From the records with a row for each failed task (SweepExecution::with_failures), so that a merged sweep
// writes it too. A variant without records (another shard's, or not reached before an interrupt) has no case.
std::string compare_junit(const SweepPlan &plan, const SweepRecords &records);

} // namespace ipcsim
