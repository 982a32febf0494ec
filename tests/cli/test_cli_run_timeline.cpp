// `ipcsim run --timeline F.json`: the run as a Chrome/Perfetto timeline, derived from its trace alone, the same
// bytes every time, and with channel counters that agree with the occupancy the simulator measured itself.
#include "cli/cli_runner.hpp"
#include "reports/timeline_format.hpp"

#include "models/loader.hpp"
#include "reports/timeline_json.hpp"
#include "reports/trace_jsonl.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> names;
  for (const auto &entry : fs::directory_iterator(fs::path(IPCSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("cli: run --timeline writes what the run's trace alone gives, the same bytes each time") {
  fs::path trace = scratch() / "bounded.jsonl", first = scratch() / "first.json", second = scratch() / "second.json";
  Cli a = run_cli("run scenarios/buffering-bounded.yaml --trace '" + trace.string() + "' --timeline '" +
                  first.string() + "'");
  Cli b = run_cli("run scenarios/buffering-bounded.yaml --timeline '" + second.string() + "'");
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  std::string timeline = read_file(first);
  CHECK(timeline == read_file(second));
  Model model = compile(load_scenario_file(std::string(IPCSIM_SOURCE_DIR) + "/scenarios/buffering-bounded.yaml"));
  std::vector<TraceEvent> events = read_trace_file(trace.string());
  CHECK(timeline == timeline_text(run_timeline(model, events, events.back().t.value_or(0))));
}

TEST_CASE("cli: the timeline's counters agree with the occupancy the run measured, for every bundled scenario") {
  auto scenario = GENERATE(from_range(bundled_scenarios()));
  INFO("scenario " << scenario);
  fs::path file = scratch() / (scenario + ".timeline.json");
  Cli run = run_cli("run scenarios/" + scenario + ".yaml --json --timeline '" + file.string() + "'");
  REQUIRE((run.status == 0 || run.status == 1));
  nlohmann::json summary = nlohmann::json::parse(run.out);
  Timeline timeline = Timeline::parse(read_file(file));
  std::vector<std::string> processes;
  for (const auto &p : summary["processes"])
    processes.push_back(p["name"]);
  check_timeline_format(timeline, processes);
  auto end_ns = std::llround(summary["end_time"].get<double>() * 1e9);
  for (const auto &channel : summary["channels"]) {
    INFO("channel " << channel["name"]);
    auto [peak, mean] = counter_peak_and_mean(timeline, channel["name"], end_ns);
    CHECK(peak == channel["occupancy"]["peak_messages"].get<double>());
    CHECK(mean == Approx(channel["occupancy"]["mean_messages"].get<double>()).margin(1e-6));
  }
}
