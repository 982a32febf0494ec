#include "cli/sweep_merge.hpp"

#include "models/diagnostics.hpp"

#include <fmt/format.h>

#include <map>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

// Shown in full up to this many; a sweep with thousands missing most likely lacks whole shards.
constexpr std::size_t max_listed = 20;

// The first key where two plans differ, ignoring the shard.
std::string first_difference(const SweepPlan &a, const SweepPlan &b) {
  json ja = plan_json(a), jb = plan_json(b);
  for (const auto &[key, value] : ja.items())
    if (key != "shard" && (!jb.contains(key) || jb[key] != value))
      return key;
  return "";
}

std::string listed(const std::vector<std::string> &items) {
  std::string out;
  for (std::size_t k = 0; k < items.size() && k < max_listed; ++k)
    out += "  " + items[k] + "\n";
  if (items.size() > max_listed)
    out += fmt::format("  ... and {} more\n", items.size() - max_listed);
  return out;
}

struct Found {
  const std::string *dir = nullptr;
  std::size_t count = 0;
};

} // namespace

SweepSlice merge_shards(const std::vector<std::string> &dirs) {
  if (dirs.empty())
    throw ScenarioError("compare --merge: error: give the directories of the shards to merge\n");
  std::vector<SweepSlice> slices;
  for (const auto &dir : dirs) {
    slices.push_back(read_sweep_files(dir));
    if (std::string key = first_difference(slices.front().plan, slices.back().plan); !key.empty())
      throw ScenarioError(fmt::format("{}: error: not a slice of the same sweep as {}: its sweep.json differs in "
                                      "'{}'\n",
                                      dir, dirs.front(), key));
  }
  SweepSlice merged{slices.front().plan, {}};
  merged.plan.shard.reset();
  const SweepPlan &plan = merged.plan;
  std::map<std::pair<std::size_t, std::uint64_t>, RunRecord> runs;
  std::map<std::size_t, CheckRecord> checks;
  std::vector<std::string> twice;
  for (std::size_t s = 0; s < slices.size(); ++s) {
    for (auto &run : slices[s].records.runs)
      if (!runs.try_emplace(std::pair(run.variant, run.seed), std::move(run)).second)
        twice.push_back(fmt::format("variant {} ({}) seed {} (again in {})", run.variant, plan.describe(run.variant),
                                    run.seed, dirs[s]));
    for (auto &check : slices[s].records.checks)
      if (!checks.try_emplace(check.variant, std::move(check)).second)
        twice.push_back(fmt::format("the check of variant {} ({}) (again in {})", check.variant,
                                    plan.describe(check.variant), dirs[s]));
  }
  if (!twice.empty())
    throw ScenarioError("compare --merge: error: these runs are in more than one shard:\n" + listed(twice));
  std::vector<std::string> missing;
  for (std::size_t k = 0; k < plan.variant_count(); ++k) {
    for (std::uint64_t s = 0; s < plan.seeds; ++s) {
      auto it = runs.find({k, plan.first_seed + s});
      if (it == runs.end())
        missing.push_back(fmt::format("variant {} ({}) seed {}", k, plan.describe(k), plan.first_seed + s));
      else
        merged.records.runs.push_back(std::move(it->second));
    }
    if (plan.check) {
      auto it = checks.find(k);
      if (it == checks.end())
        missing.push_back(fmt::format("the check of variant {} ({})", k, plan.describe(k)));
      else
        merged.records.checks.push_back(std::move(it->second));
    }
  }
  if (!missing.empty())
    throw ScenarioError(fmt::format("compare --merge: error: {} of the sweep's runs {} missing (is a shard not done "
                                    "or not given?):\n",
                                    missing.size(), missing.size() == 1 ? "is" : "are") +
                        listed(missing));
  return merged;
}

} // namespace ipcsim
