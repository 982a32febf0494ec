#include "cli/sweep_files.hpp"

#include "models/diagnostics.hpp"
#include "reports/output_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

json values_json(const SweepPlan &plan, std::size_t variant) {
  json values = json::object();
  std::vector<std::string> texts = plan.values_of(variant);
  for (std::size_t v = 0; v < plan.varies.size(); ++v)
    values[plan.varies[v].target] = texts[v];
  return values;
}

std::string read_text(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ScenarioError(path.string() + ": error: cannot read this file (is the directory a compare --out?)\n");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One line of runs.jsonl, checked against the plan.
void read_record(const json &line, const SweepPlan &plan, SweepRecords &records) {
  std::size_t variant = line.at("variant").get<std::size_t>();
  if (variant >= plan.variant_count())
    throw std::out_of_range(fmt::format("variant {} is not in the plan ({} variants)", variant, plan.variant_count()));
  if (line.at("values") != values_json(plan, variant))
    throw std::out_of_range(fmt::format("the values of variant {} differ from the plan's", variant));
  auto with_outcome = [](const json &j) -> const json & { // every writer of a table reads "outcome"
    if (!j.is_object() || !j.contains("outcome") || !j["outcome"].is_string())
      throw std::out_of_range("a summary without an \"outcome\"");
    return j;
  };
  if (line.contains("check")) {
    records.checks.push_back({variant, with_outcome(line.at("check"))});
    return;
  }
  std::uint64_t seed = line.at("seed").get<std::uint64_t>();
  if (seed < plan.first_seed || seed - plan.first_seed >= plan.seeds)
    throw std::out_of_range(fmt::format("seed {} is not one of the plan's", seed));
  records.runs.push_back({variant, seed, with_outcome(line.at("summary"))});
}

} // namespace

json plan_json(const SweepPlan &plan) {
  json j;
  j["scenario"] = plan.scenario;
  j["name"] = plan.name;
  j["params"] = plan.params;
  j["sets"] = plan.sets;
  j["varies"] = json::array();
  for (const auto &vary : plan.varies)
    j["varies"].push_back({{"path", vary.target}, {"values", vary.values}});
  j["seeds"] = plan.seeds;
  j["first_seed"] = plan.first_seed;
  j["check"] = plan.check;
  auto value_or_null = [](const auto &limit) { return limit ? json(*limit) : json(nullptr); };
  j["check_limits"] = {{"max_states", value_or_null(plan.check_limits.max_states)},
                       {"time_limit", value_or_null(plan.check_limits.time_limit)},
                       {"max_memory_mib", value_or_null(plan.check_limits.max_memory_mib)}};
  j["variants"] = plan.variant_count();
  j["runs"] = plan.run_count();
  j["shard"] = plan.shard ? json{{"index", plan.shard->index}, {"count", plan.shard->count}} : json(nullptr);
  return j;
}

SweepPlan plan_from_json(const json &j, const std::string &file) {
  try {
    SweepPlan plan;
    plan.scenario = j.at("scenario").get<std::string>();
    plan.name = j.at("name").get<std::string>();
    plan.params = j.at("params").get<std::vector<std::string>>();
    plan.sets = j.at("sets").get<std::vector<std::string>>();
    for (const auto &vary : j.at("varies"))
      plan.varies.push_back({vary.at("path").get<std::string>(), vary.at("values").get<std::vector<std::string>>()});
    plan.seeds = j.at("seeds").get<std::size_t>();
    plan.first_seed = j.at("first_seed").get<std::uint64_t>();
    plan.check = j.at("check").get<bool>();
    if (j.contains("check_limits")) { // a sweep.json written before compare took them has none
      const json &limits = j.at("check_limits");
      auto read = [&limits](const char *key, auto &limit) {
        if (!limits.at(key).is_null())
          limit = limits.at(key).get<typename std::remove_reference_t<decltype(limit)>::value_type>();
      };
      read("max_states", plan.check_limits.max_states);
      read("time_limit", plan.check_limits.time_limit);
      read("max_memory_mib", plan.check_limits.max_memory_mib);
    }
    if (const json &shard = j.at("shard"); !shard.is_null())
      plan.shard = Shard{shard.at("index").get<std::size_t>(), shard.at("count").get<std::size_t>()};
    bool sane = plan.seeds > 0 && !plan.varies.empty() &&
                std::all_of(plan.varies.begin(), plan.varies.end(), [](const Vary &v) { return !v.values.empty(); }) &&
                (!plan.shard || (plan.shard->index >= 1 && plan.shard->index <= plan.shard->count));
    if (!sane || j.at("variants") != plan.variant_count() || j.at("runs") != plan.run_count())
      throw std::out_of_range("its counts do not match its lists");
    return plan;
  } catch (const json::exception &e) {
    throw ScenarioError(file + ": error: not the sweep.json of ipcsim compare: " + e.what() + "\n");
  } catch (const std::out_of_range &e) {
    throw ScenarioError(file + ": error: not the sweep.json of ipcsim compare: " + e.what() + "\n");
  }
}

void write_sweep_files(const std::filesystem::path &dir, const SweepPlan &plan, const SweepRecords &records) {
  write_output_file(dir / "sweep.json", plan_json(plan).dump(2) + "\n");
  std::string lines;
  std::size_t next_check = 0;
  auto flush_checks_until = [&](std::size_t variant) { // a variant's check line follows its runs
    for (; next_check < records.checks.size() && records.checks[next_check].variant < variant; ++next_check) {
      const CheckRecord &c = records.checks[next_check];
      lines += json{{"variant", c.variant}, {"values", values_json(plan, c.variant)}, {"check", c.check}}.dump() + "\n";
    }
  };
  for (const RunRecord &r : records.runs) {
    flush_checks_until(r.variant);
    lines +=
        json{{"variant", r.variant}, {"values", values_json(plan, r.variant)}, {"seed", r.seed}, {"summary", r.summary}}
            .dump() +
        "\n";
  }
  flush_checks_until(plan.variant_count());
  write_output_file(dir / "runs.jsonl", lines);
}

SweepSlice read_sweep_files(const std::filesystem::path &dir) {
  std::string plan_file = (dir / "sweep.json").string();
  json plan_text;
  try {
    plan_text = json::parse(read_text(plan_file));
  } catch (const json::exception &e) {
    throw ScenarioError(plan_file + ": error: not JSON: " + e.what() + "\n");
  }
  SweepSlice slice{plan_from_json(plan_text, plan_file), {}};
  std::string runs_file = (dir / "runs.jsonl").string();
  std::istringstream in(read_text(runs_file));
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty())
      continue;
    try {
      read_record(json::parse(line), slice.plan, slice.records);
    } catch (const std::exception &e) { // json::exception or out_of_range
      throw ScenarioError(fmt::format("{}:{}: error: not a run of this sweep: {}\n", runs_file, number, e.what()));
    }
  }
  return slice;
}


} // namespace ipcsim
