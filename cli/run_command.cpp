// ipcsim run: one schedule in simulated time.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/picture_files.hpp"
#include "cli/scenario_options.hpp"
#include "models/loader_suggest.hpp"
#include "models/replay.hpp"
#include "models/units.hpp"
#include "reports/run_summary.hpp"
#include "reports/sequence_chart.hpp"
#include "reports/trace_jsonl.hpp"
#include "reports/wait_for_dot.hpp"
#include "sim/simulator.hpp"

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

namespace ipcsim {
namespace {

struct RunCommand {
  ScenarioOptions scenario;
  std::string trace_path;
  std::string svg_path;
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
    return options;
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

  int operator()() const {
    Model model = scenario.load();
    RunOptions options = run_options();
    if (!replay_path.empty())
      options.schedule = schedule_from(model, replay_path);
    std::ofstream trace_file;
    std::unique_ptr<TraceWriter> trace;
    if (!trace_path.empty()) {
      trace_file.open(trace_path, std::ios::binary);
      if (!trace_file)
        throw ScenarioError(trace_path + ": error: cannot write the trace file\n");
      trace = std::make_unique<TraceWriter>(trace_file);
    }
    std::vector<TraceEvent> chart_events; // only what the chart can show is kept
    SequenceChartOptions chart;
    chart.title = "ipcsim run " + model.scenario.name;
    std::function<void(const TraceEvent&)> on_event; // left empty when nobody reads the events: the
    if (trace || !svg_path.empty())                   // simulator then does not build a TraceEvent for each
      on_event = [&](const TraceEvent& e) {
        if (trace)
          trace->write(e);
        if (!svg_path.empty() && (chart_events.size() <= chart.max_events || e.proc.empty()))
          chart_events.push_back(e);
      };
    RunResult result = simulate(model, options, on_event);
    if (trace)
      trace->flush();
    chart.total_events = result.events;
    if (!svg_path.empty())
      write_pictures(model, result, chart_events, chart);
    if (json)
      std::cout << run_summary_json(model, result).dump(2) << "\n";
    else
      std::cout << run_summary_text(model, result);
    // A data race violates its property without stopping the run (the summary lists each race).
    bool violated = result.outcome == RunResult::Outcome::deadlock || result.outcome == RunResult::Outcome::invalid ||
                    !result.data_races.empty();
    return violated ? exit_code::violation : exit_code::ok;
  }
};

} // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto command = std::make_shared<RunCommand>();
  CLI::App* sub = app.add_subcommand("run", "Run the scenario once in simulated time");
  command->scenario.add_to(*sub);
  sub->add_option("--trace", command->trace_path, "Write the trace as JSON Lines to this file");
  sub->add_option("--svg", command->svg_path, "Draw the run as a message sequence chart (SVG, DOT beside it); "
                                                "a deadlock also draws NAME.waitfor.svg");
  sub->add_option("--replay", command->replay_path,
                  "Force the schedule of this trace (e.g. a checker's counterexample.jsonl), then run freely");
  sub->add_flag("--json", command->json, "Print the summary as JSON");
  sub->add_option("--until", command->until, "Stop at this simulated time (e.g. 10ms)");
  sub->add_option("--max-events", command->max_events, "Stop after this many events")->capture_default_str();
  sub->callback([command, &action] { action = [command] { return (*command)(); }; });
}

} // namespace ipcsim
