// Timelines of runs (reports/timeline_json.hpp) from the golden traces of tests/cli/golden: the Trace Event
// Format's required fields for every bundled scenario, one whole golden, and the buffer levels read back from
// the events (reports/channel_levels.hpp).
#include "golden.hpp"
#include "reports/timeline_format.hpp"

#include "models/loader.hpp"
#include "reports/channel_levels.hpp"
#include "reports/timeline_json.hpp"
#include "reports/trace_jsonl.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

namespace fs = std::filesystem;

Model bundled_model(const std::string &name) {
  return compile(load_scenario_file(std::string(IPCSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml"));
}

std::vector<TraceEvent> golden_trace(const std::string &name) {
  return read_trace_file(std::string(IPCSIM_SOURCE_DIR) + "/tests/cli/golden/" + name + ".trace.jsonl");
}

std::vector<std::string> process_names(const Model &model) {
  std::vector<std::string> names;
  for (const Process &p : model.processes)
    names.push_back(p.name);
  return names;
}

// The timeline of a bundled scenario's golden run, ending where its trace ends.
std::string golden_timeline(const std::string &name) {
  std::vector<TraceEvent> trace = golden_trace(name);
  return timeline_text(run_timeline(bundled_model(name), trace, trace.back().t.value_or(0)));
}

std::vector<std::string> bundled_names() {
  std::vector<std::string> names;
  for (const auto &entry : fs::directory_iterator(fs::path(IPCSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("timeline: every bundled scenario's run has the Trace Event Format's fields", "[timeline]") {
  for (const std::string &name : bundled_names()) {
    INFO(name);
    Model model = bundled_model(name);
    check_timeline_format(Timeline::parse(golden_timeline(name)), process_names(model));
  }
}

TEST_CASE("timeline: the buffering-bounded run, whole", "[timeline]") {
  check_golden("timeline_buffering_bounded.json", golden_timeline("buffering-bounded"));
}

TEST_CASE("timeline: waits are named after what they wait for and last until the unblock", "[timeline]") {
  Timeline bounded = Timeline::parse(golden_timeline("buffering-bounded"));
  // The producer's fifth send finds the three slots full at 55us; the consumer's receive at 74us makes room.
  // Its four waits add up to the summary's 118us blocked-send.
  auto sends = slices_named(bounded, "producer", "blocked-send");
  REQUIRE(sends.size() == 4);
  CHECK(sends[0] == std::pair<std::int64_t, std::int64_t>{55000, 74000});
  std::int64_t blocked = 0;
  for (auto [start, end] : sends)
    blocked += end - start;
  CHECK(blocked == 118000);
  auto receives = slices_named(bounded, "consumer", "blocked-receive");
  REQUIRE(receives.size() == 1);
  CHECK(receives[0] == std::pair<std::int64_t, std::int64_t>{2000, 7000});
  // A compute lasts its traced duration from its start.
  CHECK(slices_named(bounded, "producer", "compute").front() == std::pair<std::int64_t, std::int64_t>{0, 5000});

  // A receive from any link blocks on no channel, and is still a receive.
  Timeline any = Timeline::parse(golden_timeline("naming-receive-from-any"));
  CHECK_FALSE(slices_named(any, "collector", "blocked-receive").empty());
  CHECK(slices_named(any, "collector", "blocked-wait").empty());
}

TEST_CASE("timeline: a mailbox owner's last compute, traced when it ends, ends at the owner's exit", "[timeline]") {
  Timeline t = Timeline::parse(golden_timeline("lifecycle-owner-exits"));
  CHECK(slices_named(t, "server", "compute") ==
        std::vector<std::pair<std::int64_t, std::int64_t>>{{2000, 22000}, {26000, 46000}});
}

TEST_CASE("timeline: a run that ends in a deadlock keeps both waits open to its end", "[timeline]") {
  Timeline t = Timeline::parse(golden_timeline("deadlock-receive-first"));
  CHECK(slices_named(t, "alice", "blocked-receive") == std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 0}});
  auto deadlock = std::find_if(t["traceEvents"].begin(), t["traceEvents"].end(),
                               [](const nlohmann::json &e) { return e["name"] == "deadlock"; });
  REQUIRE(deadlock != t["traceEvents"].end());
  CHECK((*deadlock)["ph"] == "i");
  CHECK((*deadlock)["s"] == "p");
}

TEST_CASE("timeline: one arrow per delivery, also for every listener of a multicast", "[timeline]") {
  Timeline t = Timeline::parse(golden_timeline("multicast-slow-listener"));
  std::size_t finishes = std::count_if(t["traceEvents"].begin(), t["traceEvents"].end(),
                                       [](const nlohmann::json &e) { return e["ph"] == "f"; });
  CHECK(finishes == 18); // 6 updates x 3 listeners
}

TEST_CASE("channel levels: a multicast message waits only for the listeners that were not waiting", "[timeline]") {
  Model model = compile(load_scenario_text(R"(scenario: levels
channels:
  - {mailbox: news, capacity: 2, delivery: all, receivers: [a, b]}
processes:
  - {name: p, do: [{send: {to: news}}]}
  - {name: a, do: [{receive: {from: news}}]}
  - {name: b, do: [{receive: {from: news}}]}
)",
                                           "levels.yaml"));
  auto event = [](std::string proc, std::string name, std::string peer = "") {
    TraceEvent e;
    e.proc = std::move(proc);
    e.event = std::move(name);
    e.channel = "news";
    e.msg = 1;
    e.peer = std::move(peer);
    return e;
  };
  // a was waiting and takes it at once; the message then waits in the buffer for b alone.
  std::vector<TraceEvent> trace{event("p", "send_begin"), event("a", "recv_end", "p"), event("p", "send_end"),
                                event("b", "recv_end", "p")};
  std::vector<LevelChange> levels = channel_levels(model, trace);
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].event == 2);
  CHECK(levels[0].messages == 1);
  CHECK(levels[1].event == 3);
  CHECK(levels[1].messages == 0);
}
