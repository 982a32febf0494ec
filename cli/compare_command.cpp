// ipcsim compare: a sweep of simulated runs over the values of one or more scenario paths, each run its own
// `ipcsim run` child, summarised as CSV, Markdown, plots and one HTML page; --shard runs a slice of the sweep
// and --merge joins the slices.
#include "cli/commands.hpp"
#include "cli/compare_junit.hpp"
#include "cli/compare_outputs.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/interrupt.hpp"
#include "cli/option_checks.hpp"
#include "cli/sweep_execution.hpp"
#include "cli/sweep_merge.hpp"
#include "models/diagnostics.hpp"
#include "reports/output_file.hpp"

#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <limits>
#include <memory>
#include <thread>

namespace ipcsim {
namespace {

struct CompareCommand {
  std::vector<std::string> inputs; // the scenario, or with --merge the shard directories
  std::vector<std::string> params;
  std::vector<std::string> sets;
  std::vector<std::string> varies;
  std::size_t seeds = 1;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string out;
  bool check = false;
  CheckLimits check_limits;
  std::string shard;
  bool merge = false;
  std::string junit; // empty: none
  const CLI::App *app = nullptr;

  SweepPlan plan() const {
    if (inputs.size() != 1)
      throw ScenarioError("compare: error: expected one scenario file (or --merge --out DIR SHARD_DIR...)\n");
    if (check_limits.any() && !check)
      throw ScenarioError("compare: error: " + check_limits.options("--check-").front() +
                          " limits the checks: give --check too\n");
    SweepPlan plan{.scenario = inputs.front(),
                   .params = params,
                   .sets = sets,
                   .seeds = seeds,
                   .check = check,
                   .check_limits = check_limits};
    for (const auto &spec : varies)
      plan.varies.push_back(parse_vary(spec));
    if (!shard.empty())
      plan.shard = parse_shard(shard);
    validate_plan(plan);
    return plan;
  }

  std::string out_dir(const SweepPlan &plan) const {
    if (!out.empty())
      return out;
    if (plan.shard) // shards on one machine must not share a directory
      return fmt::format("compare-{}-shard-{}-of-{}", plan.name, plan.shard->index, plan.shard->count);
    return "compare-" + plan.name;
  }

  int compare() const {
    const std::atomic<int> &interrupt = catch_interrupts();
    if (!out.empty()) // before the variants are loaded, which can take a while
      check_output_directory(out, "--out");
    if (!junit.empty())
      check_output_file(junit, "--junit");
    SweepPlan sweep = plan();
    std::string dir = out_dir(sweep);
    prepare_output_directory(dir, "--out");
    SweepExecution done = execute_sweep(sweep, jobs, &interrupt);
    for (const auto &warning : done.warnings)
      std::cerr << warning << "\n";
    write_sweep_files(dir, sweep, done.records);
    write_junit(sweep, done.with_failures());
    if (sweep.shard)
      std::cout << fmt::format("shard {}/{}: {} runs written to {}/runs.jsonl\nwhen every shard is done, merge "
                               "them: ipcsim compare --merge --out compare-{} SHARD_DIR...\n",
                               sweep.shard->index, sweep.shard->count, done.records.runs.size(), dir, sweep.name);
    else
      std::cout << write_comparison(dir, dir, sweep, done.with_failures());
    return status_after_outputs(done);
  }

  void write_junit(const SweepPlan &plan, const SweepRecords &records) const {
    if (!junit.empty())
      write_output_file(junit, compare_junit(plan, records));
  }

  // The outputs are written: each failed child is named, an interrupt said, and the exit status chosen.
  static int status_after_outputs(const SweepExecution &done) {
    for (const FailedTask &failure : done.failures)
      std::cerr << failure.message;
    if (done.interrupted) {
      std::cerr << fmt::format(
          "ipcsim: compare interrupted by {}: {} of {} runs{} finished; the outputs hold them\n",
          done.interrupted == SIGTERM ? "SIGTERM" : "SIGINT", done.records.runs.size(), done.runs_planned,
          done.checks_planned ? fmt::format(" and {} of {} checks", done.records.checks.size(), done.checks_planned)
                              : "");
      return exit_code::interrupted;
    }
    if (!done.failures.empty())
      return done.failure_status();
    return sweep_status(done.records);
  }

  int merge_shards_into() const {
    for (const char *option : {"--param", "--set", "--vary", "--seeds", "--check", "--check-max-states",
                               "--check-time-limit", "--check-max-memory", "--shard"})
      if (app->count(option) > 0)
        throw ScenarioError(fmt::format("compare --merge: error: {} belongs to the shards' command, not to "
                                        "--merge, which takes --out DIR and the shard directories\n",
                                        option));
    if (out.empty())
      throw ScenarioError("compare --merge: error: give the output directory with --out DIR\n");
    check_output_directory(out, "--out");
    if (!junit.empty())
      check_output_file(junit, "--junit");
    SweepSlice whole = merge_shards(inputs);
    prepare_output_directory(out, "--out");
    write_sweep_files(out, whole.plan, whole.records);
    write_junit(whole.plan, whole.records);
    std::cout << write_comparison(out, out, whole.plan, whole.records);
    return sweep_status(whole.records);
  }

  int operator()() const { return merge ? merge_shards_into() : compare(); }
};

} // namespace

void add_compare_command(CLI::App &app, CommandAction &action) {
  auto command = std::make_shared<CompareCommand>();
  CLI::App *sub = app.add_subcommand("compare", "Sweep simulated runs over scenario values and compare them");
  command->app = sub;
  sub->add_option("scenario", command->inputs, "Scenario file (YAML); with --merge, the shards' directories")
      ->required();
  sub->add_option("--param", command->params, "Set a scenario parameter, K=V (repeatable)")->allow_extra_args(false);
  sub->add_option("--set", command->sets, "Override any scenario value by path, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--vary", command->varies,
                  "Values to sweep, PATH=V1,V2,... (a path as --set takes it) or param:NAME=V1,V2,...; repeatable: "
                  "the variants are every combination, the first --vary varying slowest")
      ->allow_extra_args(false);
  sub->add_option("--seeds", command->seeds, "Run each variant with this many seeds, from the scenario's own")
      ->check(whole_number(1))
      ->capture_default_str();
  sub->add_option("--jobs,-j", command->jobs,
                  "Runs and checks at a time, each a process of its own (default: the number of cores)")
      ->check(whole_number(1, std::numeric_limits<unsigned>::max()));
  sub->add_option("--out", command->out, "Output directory (default: compare-SCENARIO)")->check(non_empty_path);
  sub->add_flag("--check", command->check, "Also check every variant: its verdict becomes a column");
  sub->add_option("--check-max-states", command->check_limits.max_states,
                  "With --check: each check stops after storing this many states (its verdict: incomplete)")
      ->check(whole_number(1));
  sub->add_option("--check-time-limit", command->check_limits.time_limit,
                  "With --check: each check stops after this many seconds (the results may then vary)")
      ->check(positive_seconds);
  sub->add_option("--check-max-memory", command->check_limits.max_memory_mib,
                  "With --check: each check stops when its memory reaches this many MiB")
      ->check(whole_number(1));
  sub->add_option("--shard", command->shard, "Run only slice I of N of the runs, writing runs.jsonl and sweep.json");
  sub->add_flag("--merge", command->merge, "Join the directories of shards (--out DIR SHARD_DIR...)");
  sub->add_option("--junit", command->junit,
                  "Write a JUnit XML report (CI test reports): a test case per variant, failed when a run of it "
                  "violated a property or gave no result, or its check found a violation")
      ->check(non_empty_path);
  using namespace exit_code;
  sub->footer(help_footer({"ipcsim compare scenarios/buffering-bounded.yaml --vary "
                           "channels.jobs.capacity=0,1,4,unbounded",
                           "ipcsim compare scenarios/compare-capacity.yaml --param ITEMS=2000 --seeds 5 "
                           "--vary channels.jobs.capacity=0,1,4,16,unbounded -j 4",
                           "ipcsim compare scenarios/buffering-bounded.yaml --vary param:ITEMS=4,8 --check"},
                          {ok, violation, incomplete, bad_input, internal, cannot_create, interrupted},
                          "docs/compare.md"));
  sub->callback([command, &action] { action = [command] { return (*command)(); }; });
}

} // namespace ipcsim
