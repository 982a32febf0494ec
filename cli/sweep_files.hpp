// The raw material of a sweep, as files: sweep.json (the plan) and runs.jsonl (one line per run with the
// run's JSON summary, and with --check one line per variant with the check's JSON). A shard writes only these;
// --merge reads them back, and every other output is made from them, so a merged sweep and an unsharded one
// give the same bytes.
#pragma once

#include "cli/sweep_plan.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace ipcsim {

struct RunRecord {
  std::size_t variant = 0;
  std::uint64_t seed = 0;
  nlohmann::ordered_json summary; // `ipcsim run --json`
};

struct CheckRecord {
  std::size_t variant = 0;
  nlohmann::ordered_json check; // `ipcsim check --json` without its timings
};

// In plan order: by variant, then seed.
struct SweepRecords {
  std::vector<RunRecord> runs;
  std::vector<CheckRecord> checks;
};

nlohmann::ordered_json plan_json(const SweepPlan &plan);
// Throws ScenarioError naming `file` when the JSON is not a plan.
SweepPlan plan_from_json(const nlohmann::ordered_json &j, const std::string &file);

void write_sweep_files(const std::filesystem::path &dir, const SweepPlan &plan, const SweepRecords &records);

struct SweepSlice {
  SweepPlan plan;
  SweepRecords records;
};
// Reads DIR/sweep.json and DIR/runs.jsonl; throws ScenarioError (`FILE:LINE: error: ...`) when they are not.
SweepSlice read_sweep_files(const std::filesystem::path &dir);

// Writes `text` to `path`; throws ScenarioError when it cannot.

} // namespace ipcsim
