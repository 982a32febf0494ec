#include "cli/sweep_execution.hpp"

#include "cli/child_runs.hpp"
#include "cli/exit_codes.hpp"
#include "reports/progress_line.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

// One child of the sweep: a run (variant, seed) or the check of a variant.
struct Task {
  bool is_check = false;
  std::size_t variant = 0;
  std::uint64_t seed = 0;
};

std::vector<Task> tasks_of(const SweepPlan &plan) {
  std::vector<Task> tasks;
  for (std::size_t k = 0; k < plan.variant_count(); ++k) {
    if (plan.check && plan.checks_here(k)) // first: a check usually takes longest
      tasks.push_back({true, k, 0});
    for (std::size_t s = 0; s < plan.seeds; ++s)
      if (plan.runs_here(k * plan.seeds + s))
        tasks.push_back({false, k, plan.first_seed + s});
  }
  return tasks;
}

ChildCommand command_of(const SweepPlan &plan, const Task &task, const std::string &program) {
  std::vector<std::string> argv{"ipcsim", task.is_check ? "check" : "run", plan.scenario};
  std::vector<std::string> options = plan.options_of(task.variant);
  argv.insert(argv.end(), options.begin(), options.end());
  std::vector<std::string> limits = plan.check_limits.options("--");
  if (task.is_check)
    argv.insert(argv.end(), limits.begin(), limits.end());
  else
    argv.insert(argv.end(), {"--set", fmt::format("seed={}", task.seed)});
  argv.push_back("--json");
  return {program, std::move(argv), ""};
}

std::string what_failed(const SweepPlan &plan, const Task &task) {
  return fmt::format("variant {} ({}) {}", task.variant, plan.describe(task.variant),
                     task.is_check ? std::string("check") : fmt::format("seed {}", task.seed));
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

// The exit statuses that carry a result: a run completes (0) or deadlocks (1); a check holds (0), is violated
// (1) or stops at a limit (3).
bool gives_result(const Task &task, const ChildOutcome &outcome) {
  if (!outcome.exited())
    return false;
  int s = outcome.exit_status;
  return s == exit_code::ok || s == exit_code::violation || (task.is_check && s == exit_code::incomplete);
}

// The child's JSON, or why there is none.
std::optional<json> result_of(const Task &task, const ChildOutcome &outcome, std::string &why) {
  if (!gives_result(task, outcome)) {
    std::string err = trimmed(outcome.err);
    why = outcome.exited() && !err.empty() ? err : outcome.failure() + (err.empty() ? "" : ": " + err);
    return std::nullopt;
  }
  try {
    json j = json::parse(outcome.out);
    if (!j.is_object() || !j.contains("outcome") || !j["outcome"].is_string())
      throw std::invalid_argument("no \"outcome\"");
    if (task.is_check)
      j.erase("performance"); // the checker's own timings: they differ from run to run
    return j;
  } catch (const std::exception &e) {
    why = std::string("its output is not the JSON of a ") + (task.is_check ? "check" : "run") + " (" + e.what() + ")";
    return std::nullopt;
  }
}

void add_warnings(const std::string &err, std::vector<std::string> &warnings) {
  std::set<std::string> seen(warnings.begin(), warnings.end()); // the vector keeps the order, the set the speed
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && seen.insert(line).second)
      warnings.push_back(line);
}

FailedTask failed_task(const SweepPlan &plan, const Task &task, const ChildOutcome &outcome, const std::string &why) {
  bool bad_input = outcome.exited() && outcome.exit_status == exit_code::bad_input;
  return {task.variant, task.is_check, task.seed,
          "ipcsim: error: " + what_failed(plan, task) + " failed: " + why + "\n",
          bad_input ? exit_code::bad_input : exit_code::internal};
}

// The results in plan order, and the warnings of each once, in that order too.
void collect(const std::vector<Task> &tasks, std::vector<std::optional<json>> &results,
             const std::vector<std::vector<std::string>> &warnings, SweepExecution &done) {
  std::set<std::string> seen;
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    for (const auto &line : warnings[k])
      if (seen.insert(line).second)
        done.warnings.push_back(line);
    if (!results[k])
      continue;
    if (tasks[k].is_check)
      done.records.checks.push_back({tasks[k].variant, std::move(*results[k])});
    else
      done.records.runs.push_back({tasks[k].variant, tasks[k].seed, std::move(*results[k])});
  }
}

} // namespace

SweepExecution execute_sweep(const SweepPlan &plan, unsigned jobs, const std::atomic<int> *interrupt) {
  std::vector<Task> tasks = tasks_of(plan);
  std::string program = this_program();
  std::vector<ChildCommand> commands;
  for (const Task &task : tasks)
    commands.push_back(command_of(plan, task, program));
  std::vector<std::optional<json>> results(tasks.size());
  std::vector<std::optional<FailedTask>> failures(tasks.size());
  std::vector<std::vector<std::string>> warnings(tasks.size()); // distinct lines only: a chatty run stays small
  SweepExecution done;
  done.runs_planned = std::count_if(tasks.begin(), tasks.end(), [](const Task &t) { return !t.is_check; });
  done.checks_planned = tasks.size() - done.runs_planned;
  std::size_t runs_done = 0, checks_done = 0;
  ProgressLine progress;
  run_children(
      commands, jobs,
      [&](std::size_t index, ChildOutcome outcome) {
        const Task &task = tasks[index];
        std::string why;
        results[index] = result_of(task, outcome, why);
        if (!results[index])
          failures[index] = failed_task(plan, task, outcome, why); // the other runs still count
        else
          add_warnings(outcome.err, warnings[index]);
        (task.is_check ? checks_done : runs_done) += 1;
        std::string checks = plan.check ? fmt::format(", {}/{} checks", checks_done, done.checks_planned) : "";
        progress.show(fmt::format("compare: {}/{} runs{} done", runs_done, done.runs_planned, checks));
        return true;
      },
      interrupt);
  done.interrupted = interrupt ? interrupt->load() : 0;
  collect(tasks, results, warnings, done);
  for (auto &failure : failures)
    if (failure)
      done.failures.push_back(std::move(*failure));
  return done;
}

SweepRecords SweepExecution::with_failures() const {
  SweepRecords all = records;
  for (const FailedTask &failure : failures) {
    nlohmann::ordered_json failed{{"outcome", "failed"}};
    if (failure.is_check)
      all.checks.push_back({failure.variant, failed});
    else
      all.runs.push_back({failure.variant, failure.seed, failed});
  }
  std::stable_sort(all.runs.begin(), all.runs.end(), [](const RunRecord &a, const RunRecord &b) {
    return std::tie(a.variant, a.seed) < std::tie(b.variant, b.seed);
  });
  std::stable_sort(all.checks.begin(), all.checks.end(),
                   [](const CheckRecord &a, const CheckRecord &b) { return a.variant < b.variant; });
  return all;
}

int SweepExecution::failure_status() const {
  if (failures.empty())
    return exit_code::ok;
  bool all_bad_input = std::all_of(failures.begin(), failures.end(),
                                   [](const FailedTask &f) { return f.status == exit_code::bad_input; });
  return all_bad_input ? exit_code::bad_input : exit_code::internal;
}

} // namespace ipcsim
