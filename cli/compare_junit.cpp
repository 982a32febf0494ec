#include "cli/compare_junit.hpp"

#include "reports/junit_xml.hpp"
#include "reports/number_format.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

std::string variant_name(const SweepPlan &plan, std::size_t variant) {
  std::vector<std::string> values = plan.values_of(variant);
  std::string name = fmt::format("variant {}:", variant);
  for (std::size_t v = 0; v < plan.varies.size(); ++v)
    name += fmt::format("{} {}={}", v ? "," : "", plan.varies[v].target, values[v]);
  return name;
}

// "seed 3: at t = 19.205us (s.yaml:32): data race on board: ...", as `run` words a violation.
std::vector<std::string> run_problems(const SweepPlan &plan, const RunRecord &run) {
  if (run.summary.value("outcome", std::string()) == "failed")
    return {fmt::format("seed {}: the run gave no result", run.seed)};
  std::vector<std::string> problems;
  for (const json &v : run.summary.value("violations", json::array())) {
    int line = v.value("line", 0);
    std::string where = line > 0 ? fmt::format(" ({}:{})", plan.scenario, line) : "";
    problems.push_back(fmt::format("seed {}: at t = {}{}: {}", run.seed, human_duration(v.value("t", 0.0)), where,
                                   v.value("description", std::string())));
  }
  return problems;
}

std::vector<std::string> check_problems(const CheckRecord &check) {
  std::string outcome = check.check.value("outcome", std::string());
  if (outcome == "failed")
    return {"check: the check gave no result"};
  std::vector<std::string> problems;
  for (const json &v : check.check.value("violations", json::array()))
    problems.push_back("check: " + v.value("description", std::string()));
  return problems;
}

JunitCase variant_case(const SweepPlan &plan, std::size_t variant, const std::vector<std::string> &problems) {
  JunitCase c{.classname = plan.name, .name = variant_name(plan, variant), .file = plan.scenario};
  if (problems.empty())
    return c;
  c.outcome = JunitCase::Outcome::failed;
  c.message = problems.front();
  for (const std::string &problem : problems)
    c.text += problem + "\n";
  return c;
}

} // namespace

std::string compare_junit(const SweepPlan &plan, const SweepRecords &records) {
  std::vector<std::vector<std::string>> problems(plan.variant_count());
  std::vector<bool> present(plan.variant_count()); // a shard, or an interrupted sweep, has some variants only
  for (const RunRecord &run : records.runs) {
    present.at(run.variant) = true;
    for (std::string &problem : run_problems(plan, run))
      problems[run.variant].push_back(std::move(problem));
  }
  for (const CheckRecord &check : records.checks) {
    present.at(check.variant) = true;
    for (std::string &problem : check_problems(check))
      problems[check.variant].push_back(std::move(problem));
  }
  JunitSuite suite{.name = plan.name, .cases = {}};
  for (std::size_t k = 0; k < plan.variant_count(); ++k)
    if (present[k])
      suite.cases.push_back(variant_case(plan, k, problems[k]));
  return junit_xml("ipcsim compare", {suite});
}

} // namespace ipcsim
