// ipcsim check: every schedule of the scenario, explored by the checker; the verdict per property, and for
// a violation the schedule that shows it (and with --report a directory of pictures and reports).
#include "checker/explorer.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/interrupt.hpp"
#include "cli/option_checks.hpp"
#include "cli/scenario_options.hpp"
#include "reports/check_junit.hpp"
#include "reports/check_report.hpp"
#include "reports/check_summary.hpp"
#include "reports/output_file.hpp"
#include "reports/sarif_report.hpp"

#include <iostream>
#include <memory>

namespace ipcsim {
namespace {

struct CheckCommand {
  ScenarioOptions scenario;
  std::optional<std::uint64_t> max_states;
  std::optional<double> time_limit;
  std::optional<std::uint64_t> max_memory_mib;
  bool bfs = false;
  bool stop_at_first = false;
  bool no_reduction = false;
  bool no_symmetry = false;
  bool hash_compact = false;
  unsigned jobs = 1;
  std::optional<std::string> report_dir;
  std::optional<std::string> sarif_path;
  std::optional<std::string> junit_path;
  bool json = false;

  CheckOptions options() const {
    CheckOptions o;
    o.max_states = max_states;
    o.time_limit = time_limit;
    if (max_memory_mib)
      o.max_memory = *max_memory_mib << 20;
    o.breadth_first = bfs;
    o.stop_at_first = stop_at_first;
    o.reduction = !no_reduction;
    o.symmetry = !no_symmetry;
    o.hash_compact = hash_compact;
    o.jobs = jobs;
    o.progress = true; // shown only on a terminal
    o.interrupt = &catch_interrupts();
    return o;
  }

  // Before the search, which may take hours: an output that cannot be written is known at once.
  void check_outputs() const {
    if (report_dir)
      prepare_output_directory(*report_dir, "--report");
    if (sarif_path)
      check_output_file(*sarif_path, "--sarif");
    if (junit_path)
      check_output_file(*junit_path, "--junit");
  }

  void write_outputs(const Model &model, const CheckResult &result) const {
    if (report_dir)
      write_check_report(*report_dir, model, result);
    if (sarif_path)
      write_output_file(*sarif_path, check_sarif(model, result));
    if (junit_path)
      write_output_file(*junit_path, check_junit(model, result));
  }

  int operator()() const {
    Model model = scenario.load();
    check_outputs();
    CheckResult result = check(model, options());
    write_outputs(model, result);
    if (json)
      std::cout << check_summary_json(model, result).dump(2) << "\n";
    else
      std::cout << check_summary_text(model, result);
    if (result.violated())
      return exit_code::violation;
    return is_limit(result.stop) ? exit_code::incomplete : exit_code::ok;
  }
};

} // namespace

void add_check_command(CLI::App &app, CommandAction &action) {
  auto command = std::make_shared<CheckCommand>();
  CLI::App *sub = app.add_subcommand("check", "Explore every schedule and verify the scenario's properties");
  command->scenario.add_to(*sub);
  sub->add_option("--max-states", command->max_states, "Stop after storing this many states (exit 3)")
      ->check(whole_number(1));
  sub->add_option("--time-limit", command->time_limit, "Stop after this many seconds (exit 3)")
      ->check(positive_seconds);
  sub->add_option("--max-memory", command->max_memory_mib,
                  "Stop when the checker's memory reaches this many MiB (exit 3); default: 90% of what is available")
      ->check(whole_number(1));
  sub->add_flag("--bfs", command->bfs,
                "Search breadth-first: the shortest schedule to each violation (no partial-order reduction)");
  sub->add_flag("--no-reduction", command->no_reduction,
                "Explore every interleaving: no partial-order reduction (depth-first)");
  sub->add_flag("--no-symmetry", command->no_symmetry,
                "Store states that differ only by a permutation of interchangeable replicas separately");
  sub->add_flag("--stop-at-first", command->stop_at_first,
                "Stop at the first violation instead of judging every property (the processes that have waited "
                "longest are tried first, to find it early)");
  sub->add_flag("--hash-compact", command->hash_compact,
                "Store a 64-bit hash per state instead of the state: far less memory, a small reported "
                "probability of missing a state (depth-first only)");
  sub->add_option("--jobs,-j", command->jobs,
                  "Search with this many threads: depth-first searches sharing one visited set (same verdicts; "
                  "states vary from run to run), or with --bfs level by level (the same states and "
                  "counterexamples as one thread)")
      ->check(whole_number(1, 256));
  sub->add_option("--report", command->report_dir,
                  "Write report.md, report.html, report.json, counterexample.jsonl, msc.svg, waitfor.svg, "
                  "timeline.json and performance.json (the timings, which vary from run to run) here")
      ->check(non_empty_path);
  sub->add_option("--sarif", command->sarif_path,
                  "Write the violations as a SARIF 2.1.0 log (code-scanning dashboards): a result per violated "
                  "property at the scenario line of its last step, the schedule as a code flow")
      ->check(non_empty_path);
  sub->add_option("--junit", command->junit_path,
                  "Write a JUnit XML report (CI test reports): a test case per property, failed with the finding and "
                  "its schedule when violated")
      ->check(non_empty_path);
  sub->add_flag("--json", command->json, "Print the result as JSON");
  using namespace exit_code;
  sub->footer(help_footer({"ipcsim check scenarios/classic-dining-philosophers.yaml --report out",
                           "ipcsim check scenarios/classic-dining-philosophers.yaml --param N=16 --stop-at-first",
                           "ipcsim check scenarios/compare-capacity.yaml --param ITEMS=40 --max-states 100000 -j 2"},
                          {ok, violation, incomplete, bad_input, internal, cannot_create},
                          "checker/README.md, docs/semantics.md"));
  sub->callback([command, &action] {
    if (command->hash_compact && command->bfs) // the breadth-first queue is the stored states, read back
      throw CLI::ValidationError("--hash-compact", "a breadth-first search (--bfs) reads its stored states back, "
                                                   "and hash compaction keeps only their hashes: use one or the other");
    if (command->hash_compact && command->jobs > 1)
      throw CLI::ValidationError("--hash-compact", "the parallel search (--jobs) shares exact states among its "
                                                   "threads: hash compaction works with one thread only");
    action = [command] { return (*command)(); };
  });
}

} // namespace ipcsim
