// Running a sweep: one `ipcsim run ... --json` child per run of the plan (and one `ipcsim check ... --json` per
// variant with --check), at most J at a time, their JSON collected in plan order whatever order they end in.
#pragma once

#include "cli/sweep_files.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace ipcsim {

// A child that gave no result (a crash, an exit status other than a verdict's, output that is not JSON): the
// sweep stops. `status` is 64 when the child said its input was bad, else 70.
class SweepFailure : public std::runtime_error {
public:
  SweepFailure(const std::string &message, int status) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

private:
  int status_;
};

struct SweepExecution {
  SweepRecords records;
  std::vector<std::string> warnings; // distinct lines the children wrote on stderr, in plan order
};

// Runs the runs and checks of the plan that belong to its shard. Throws SweepFailure.
SweepExecution execute_sweep(const SweepPlan &plan, unsigned jobs);

} // namespace ipcsim
