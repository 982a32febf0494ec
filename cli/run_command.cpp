// ipcsim run: one schedule in simulated time.
#include "checker/process_memory.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_footer.hpp"
#include "cli/interrupt.hpp"
#include "cli/option_checks.hpp"
#include "cli/picture_files.hpp"
#include "cli/scenario_options.hpp"
#include "models/loader_suggest.hpp"
#include "models/replay.hpp"
#include "models/units.hpp"
#include "reports/output_file.hpp"
#include "reports/progress_line.hpp"
#include "reports/run_progress.hpp"
#include "reports/run_summary.hpp"
#include "reports/sequence_chart.hpp"
#include "reports/timeline_json.hpp"
#include "reports/trace_jsonl.hpp"
#include "reports/wait_for_dot.hpp"
#include "sim/simulator.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <new>

namespace ipcsim {
namespace {

// What the run may still take: the address space `ulimit -v` leaves, and the memory the system and the
// cgroup can give (the smaller of the two that are known).
MemoryBudget memory_budget() {
  MemoryBudget budget;
  if (std::uint64_t limit = address_space_limit())
    budget.address_space = limit > virtual_memory() ? limit - virtual_memory() : 1;
  for (std::uint64_t room : {available_memory(), cgroup_headroom()})
    if (room && (!budget.resident || room < budget.resident))
      budget.resident = room;
  return budget;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct RunCommand {
  ScenarioOptions scenario;
  std::string trace_path;
  std::string svg_path;
  std::string timeline_path;
  std::string replay_path;
  std::string until;
  std::uint64_t max_events = RunOptions{}.max_events;
  bool json = false;

  RunOptions run_options() const {
    RunOptions options;
    options.max_events = max_events;
    if (!until.empty()) {
      Measure m = parse_measure(until, Quantity::time);
      if (m.status != Measure::Status::ok)
        throw ScenarioError("--until " + shortened(until) + ": error: expected a time such as 10ms or 2s\n");
      options.until = m.value;
    }
    options.interrupt = &catch_interrupts();
    options.memory = memory_budget();
    return options;
  }

  // Every file the run may write, before the run: a long run must not end in "cannot write".
  void check_outputs() const {
    if (!trace_path.empty())
      check_output_file(trace_path, "--trace");
    if (!svg_path.empty())
      for (const std::string &path : {svg_path, picture_dot(svg_path), sibling_picture(svg_path, "waitfor")})
        check_output_file(path, "--svg");
    if (!timeline_path.empty())
      check_output_file(timeline_path, "--timeline");
  }

  void write_pictures(const Model& model, const RunResult& result, const std::vector<TraceEvent>& events,
                      const SequenceChartOptions& chart) const {
    std::vector<std::string> names;
    for (const auto& p : model.processes)
      names.push_back(p.name);
    write_picture(svg_path, sequence_chart_dot(events, names, chart));
    if (result.wait_for)
      write_picture(sibling_picture(svg_path, "waitfor"), wait_for_dot(*result.wait_for));
  }

  // The transitions a trace (a counterexample, or an earlier run) took, checked against the rules.
  static std::vector<Transition> schedule_from(const Model& model, const std::string& path) {
    try {
      return replay_trace(Semantics(model), read_trace_file(path)).schedule;
    } catch (const ReplayError& e) {
      throw ScenarioError(path + ": error: cannot replay this trace on " + model.scenario.file + ": " + e.what() +
                          "\n");
    }
  }

  static int exit_status(const RunResult &result) {
    if (result.stop == RunResult::Stop::interrupted)
      return exit_code::interrupted;
    if (result.stop == RunResult::Stop::out_of_memory)
      return exit_code::out_of_memory;
    return result.violated() ? exit_code::violation : exit_code::ok;
  }

  int simulate_and_report(const Model &model, RunOptions options) const {
    std::optional<OutputFile> trace_file; // whole or not at all: renamed into place once the run is over
    std::optional<TraceWriter> trace;
    if (!trace_path.empty()) {
      trace_file.emplace(trace_path);
      trace.emplace(trace_file->stream());
    }
    std::vector<TraceEvent> chart_events; // only what the chart can show is kept
    SequenceChartOptions chart;
    chart.title = "ipcsim run " + model.scenario.name;
    std::vector<TraceEvent> timeline_events; // the whole run, but only the events a timeline draws
    // Left empty when nobody reads the events: the simulator then builds no TraceEvent for each.
    std::function<void(const TraceEvent&)> on_event;
    if (trace || !svg_path.empty() || !timeline_path.empty())
      on_event = [&](const TraceEvent& e) {
        if (trace)
          trace->write(e);
        if (!svg_path.empty() && (chart_events.size() <= chart.max_events || e.proc.empty()))
          chart_events.push_back(e);
        if (!timeline_path.empty() && drawn_on_timeline(e))
          timeline_events.push_back(e);
      };
    ProgressLine line;
    RunProgressLine progress(wall_seconds, [&](const std::string &text) { line.show(text); });
    if (line.shown())
      options.on_progress = [&](const RunProgress &p) { progress.update(p); };
    RunResult result = simulate(model, options, on_event);
    line.clear();
    if (trace) {
      trace->flush();
      trace_file->commit();
    }
    chart.total_events = result.events;
    if (!svg_path.empty())
      write_pictures(model, result, chart_events, chart);
    if (!timeline_path.empty())
      write_output_file(timeline_path, timeline_text(run_timeline(model, timeline_events, result.end_time)));
    if (json)
      std::cout << run_summary_json(model, result).dump(2) << "\n";
    else
      std::cout << run_summary_text(model, result);
    if (result.stop == RunResult::Stop::out_of_memory)
      std::cerr << fmt::format("ipcsim: error: the run ran out of memory ({} MiB resident at most)\n",
                               peak_resident_memory() >> 20);
    return exit_status(result);
  }

  int operator()() const {
    try {
      Model model = scenario.load();
      RunOptions options = run_options();
      if (!replay_path.empty())
        options.schedule = schedule_from(model, replay_path);
      check_outputs();
      return simulate_and_report(model, std::move(options));
    } catch (const OutOfMemory &e) {
      std::cerr << e.what();
      return exit_code::out_of_memory;
    } catch (const std::bad_alloc &) {
      std::cerr << fmt::format("ipcsim: error: out of memory ({} MiB resident at most, {} MiB of address space "
                               "in use; `ulimit -v` allows {})\n",
                               peak_resident_memory() >> 20, virtual_memory() >> 20,
                               address_space_limit() ? fmt::format("{} MiB", address_space_limit() >> 20)
                                                     : std::string("any amount"));
      return exit_code::out_of_memory;
    }
  }
};

} // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto command = std::make_shared<RunCommand>();
  CLI::App* sub = app.add_subcommand("run", "Run the scenario once in simulated time");
  command->scenario.add_to(*sub);
  sub->add_option("--trace", command->trace_path, "Write the trace as JSON Lines to this file")->check(non_empty_path);
  sub->add_option("--svg", command->svg_path,
                  "Draw the run as a message sequence chart (SVG, DOT beside it); "
                  "a deadlock also draws NAME.waitfor.svg")
      ->check(non_empty_path)
      ->check(svg_file);
  sub->add_option("--timeline", command->timeline_path,
                  "Write the run as a timeline (Chrome/Perfetto trace JSON) to this file, for ui.perfetto.dev")
      ->check(non_empty_path);
  sub->add_option("--replay", command->replay_path,
                  "Force the schedule of this trace (e.g. a checker's counterexample.jsonl), then run freely")
      ->check(non_empty_path);
  sub->add_flag("--json", command->json, "Print the summary as JSON");
  sub->add_option("--until", command->until, "Stop at this simulated time (e.g. 10ms)");
  sub->add_option("--max-events", command->max_events, "Stop after this many events")->capture_default_str();
  using namespace exit_code;
  sub->footer(help_footer({"ipcsim run scenarios/buffering-bounded.yaml",
                           "ipcsim run scenarios/deadlock-receive-first.yaml --svg dl.svg --trace dl.jsonl",
                           "ipcsim run scenarios/buffering-bounded.yaml --param ITEMS=100 --set "
                           "channels.jobs.capacity=unbounded --json"},
                          {ok, violation, bad_input, internal, out_of_memory, cannot_create, interrupted},
                          "docs/semantics.md"));
  sub->callback([command, &action] { action = [command] { return (*command)(); }; });
}

} // namespace ipcsim
