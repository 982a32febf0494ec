// Running a sweep: one `ipcsim run ... --json` child per run of the plan (and one `ipcsim check ... --json` per
// variant with --check), at most J at a time, their JSON collected in plan order whatever order they end in.
#pragma once

#include "cli/sweep_files.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace ipcsim {

// A child that gave no result: a crash, an exit status other than a verdict's, output that is not JSON.
struct FailedTask {
  std::size_t variant = 0;
  bool is_check = false;
  std::uint64_t seed = 0; // a run's
  std::string message;    // "ipcsim: error: variant 1 (path=value) seed 0 failed: killed by signal 9 (Killed)\n"
  int status = 70;        // 64 when the child said its input was bad, else 70
};

struct SweepExecution {
  SweepRecords records;             // what the children that gave a result gave, in plan order
  std::vector<FailedTask> failures; // the others, in plan order; the sweep went on without them
  int interrupted = 0;              // the signal (SIGINT, SIGTERM) that stopped the sweep, or 0
  std::size_t runs_planned = 0, checks_planned = 0;
  std::vector<std::string> warnings; // distinct lines the children wrote on stderr, in plan order

  // `records` with a row for each failed task, its outcome "failed", for the tables.
  SweepRecords with_failures() const;
  // What the failures make the sweep exit with: 0 without any, 64 when every one was bad input, else 70.
  int failure_status() const;
};

// Runs the runs and checks of the plan that belong to its shard, all of them whatever fails, until `interrupt`
// (when given) holds a signal: then the running children are stopped, and what finished is kept.
SweepExecution execute_sweep(const SweepPlan &plan, unsigned jobs, const std::atomic<int> *interrupt = nullptr);

} // namespace ipcsim
