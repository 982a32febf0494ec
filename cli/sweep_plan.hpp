// What `ipcsim compare` runs: the variants (the cartesian product of the --vary lists, the first varying
// slowest), the seeds of each, and which of those runs belong to one --shard. Everything here is decided
// from the command line and the scenario alone, so that every shard of a sweep computes the same plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ipcsim {

// One --vary: a path as --set takes it, or `param:NAME` for a --param, with its values in the order given.
struct Vary {
  std::string target;
  std::vector<std::string> values;

  bool is_param() const;
  // The option that gives a run one of the values: {"--set", "PATH=V"} or {"--param", "NAME=V"}.
  std::pair<std::string, std::string> option(const std::string &value) const;
};

// "PATH=V1,V2,..."; commas inside brackets, braces or quotes belong to the value (`{max: 4KiB},64B` is two
// values). Throws ScenarioError (exit 64) for a malformed spec, no values, an empty or repeated value.
Vary parse_vary(const std::string &spec);

// The limits each check of a sweep stops at (compare --check-max-states ...), passed on to `ipcsim check`.
struct CheckLimits {
  std::optional<std::uint64_t> max_states;
  std::optional<double> time_limit; // seconds
  std::optional<std::uint64_t> max_memory_mib;

  bool any() const { return max_states || time_limit || max_memory_mib; }
  // As compare takes them (prefix "--check-") or as check does (prefix "--"): {"--max-states", "N", ...}.
  std::vector<std::string> options(const std::string &prefix) const;
};

// --shard I/N with 1 <= I <= N.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};
Shard parse_shard(const std::string &spec);

struct SweepPlan {
  std::string scenario;            // the file, as given
  std::string name;                // the scenario's own name (titles, the default --out)
  std::vector<std::string> params; // --param K=V, as given
  std::vector<std::string> sets;   // --set PATH=V, as given
  std::vector<Vary> varies;
  std::size_t seeds = 1;
  std::uint64_t first_seed = 0; // the scenario's seed after --param and --set; run s of a variant has first_seed + s
  bool check = false;           // also one `ipcsim check` per variant
  CheckLimits check_limits;     // which it stops at
  std::optional<Shard> shard;

  std::size_t variant_count() const;
  std::size_t run_count() const { return variant_count() * seeds; }
  std::vector<std::string> values_of(std::size_t variant) const; // one per --vary
  std::string describe(std::size_t variant) const;               // "path=value, path=value", each cut for messages
  // The options a child gets: --param and --set as given, then the variant's own, so that they win.
  std::vector<std::string> options_of(std::size_t variant) const;
  // Run r (variant r / seeds, seed index r % seeds) belongs to this shard when r % N == I - 1; a variant's
  // check goes with its first run.
  bool runs_here(std::size_t run) const;
  bool checks_here(std::size_t variant) const { return runs_here(variant * seeds); }
  // The command as a shell would take it, without what does not change the results (--jobs, --out, --shard).
  std::string command_line() const;
};

// Checks the plan as a whole (distinct --vary paths, a sane size) and loads every variant in-process, so that a
// bad value stops the sweep with the loader's FILE:LINE:COLUMN message before anything runs. Fills `name` and
// `first_seed`. Throws ScenarioError.
void validate_plan(SweepPlan &plan);

} // namespace ipcsim
