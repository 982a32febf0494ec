// --set PATH=VALUE and --param K=V: applied before interpretation, checked like the file, and reported
// against the option when wrong.
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;
using ipcsim::test::load_errors;

namespace {

const std::string base = "scenario: base\n"                          // 1
                         "params: {N: 2}\n"                          // 2
                         "channels:\n"                               // 3
                         "  - mailbox: jobs\n"                       // 4
                         "  - mailbox: my.box\n"                     // 5
                         "    capacity: 1\n"                         // 6
                         "  - link: [p, q]\n"                        // 7
                         "processes:\n"                              // 8
                         "  - name: w\n"                             // 9
                         "    count: ${N}\n"                         // 10
                         "    do: [{send: {to: jobs}}]\n"            // 11
                         "  - name: p\n"                             // 12
                         "    do: [{send: {to: q}}, {sleep: 1ms}]\n" // 13
                         "  - name: q\n"                             // 14
                         "    do: [{receive: {from: jobs}}]\n";      // 15

LoadOptions sets(std::vector<std::pair<std::string, std::string>> overrides) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  return options;
}

LoadOptions params(std::vector<std::pair<std::string, std::string>> values) {
  LoadOptions options;
  options.params = std::move(values);
  return options;
}

} // namespace

TEST_CASE("overrides: --set adds a missing key and replaces an existing one", "[overrides]") {
  Scenario s = load_scenario_text(base, "b.yaml",
                                  sets({{"channels.jobs.capacity", "unbounded"},
                                        {"channels.my.box.capacity", "7"},
                                        {"seed", "9"},
                                        {"scenario", "renamed"}}));
  CHECK(s.name == "renamed");
  CHECK(s.seed == 9);
  CHECK_FALSE(s.channels[0].capacity.has_value());
  CHECK(s.channels[1].name == "my.box");
  CHECK(s.channels[1].capacity == std::optional<std::uint64_t>(7));
}

TEST_CASE("overrides: list items are addressed by name, mailbox, link ends or index", "[overrides]") {
  Scenario s = load_scenario_text(base, "b.yaml",
                                  sets({{"channels.q<->p.capacity", "3"},
                                        {"channels.0.message_size", "{max: 1KiB}"},
                                        {"processes.w.count", "3"},
                                        {"processes.p.do.1.sleep", "5ms"},
                                        {"processes.q.do.0", "{receive: {from: any}}"}}));
  CHECK(s.channels[2].name == "p<->q");
  CHECK(s.channels[2].capacity == std::optional<std::uint64_t>(3));
  CHECK(s.channels[0].message_size.kind == MessageSize::Kind::max);
  CHECK(s.channels[0].message_size.bytes == 1024);
  REQUIRE(s.processes.size() == 5);
  CHECK(s.processes[2].name == "w[2]");
  CHECK(std::get<SleepStep>(s.processes[3].steps[1].op).duration.a == 5e-3);
  CHECK(std::get<ReceiveStep>(s.processes[4].steps[0].op).from == "any");
}

TEST_CASE("overrides: --set values see params, and later options win", "[overrides]") {
  Scenario s = load_scenario_text(base, "b.yaml",
                                  sets({{"channels.jobs.capacity", "1"}, {"channels.jobs.capacity", "${N*10}"}}));
  CHECK(s.channels[0].capacity == std::optional<std::uint64_t>(20));
}

TEST_CASE("overrides: a path through keys the scenario lacks adds them", "[overrides]") {
  Scenario s = load_scenario_text(base, "b.yaml",
                                  sets({{"costs.large_message.threshold", "4KiB"},
                                        {"costs.large_message.map", "2us"},
                                        {"properties.lost_messages", "true"}}));
  CHECK(s.costs.large_message.threshold == 4096);
  CHECK(s.costs.large_message.map == 2e-6);
  CHECK(s.properties.lost_messages);
}

TEST_CASE("overrides: bad paths name the missing component with a suggestion", "[overrides]") {
  struct Case {
    std::string path;
    std::string value;
    std::string expected;
  };
  auto c = GENERATE(values<Case>({
      {"chanels.jobs.capacity", "1",
       "--set chanels.jobs.capacity=1: error: unknown key 'chanels' in the scenario; did you mean 'channels'?\n"},
      {"channels.jbos.capacity", "1",
       "--set channels.jbos.capacity=1: error: no item 'jbos' in 'channels'; did you mean 'jobs'?\n"},
      {"channels.9.capacity", "1",
       "--set channels.9.capacity=1: error: index 9 is out of range in 'channels' (it has 3 items)\n"},
      {"processes.w[1].count", "1",
       "--set processes.w[1].count=1: error: no item 'w[1]' in 'processes'; a replicated item is addressed by its "
       "own name, 'w'\n"},
      {"scenario.name", "x", "--set scenario.name=x: error: 'scenario' holds a single value; it has no 'name'\n"},
      {"channels..capacity", "1", "--set channels..capacity=1: error: empty component in path 'channels..capacity'\n"},
      {"costs.sned", "1us", "--set costs.sned=1us: error: unknown key 'sned' in costs; did you mean 'send'?\n"},
      {"seed", "{a", "--set seed={a: error: invalid value: end of map flow not found\n"},
  }));
  CHECK(load_errors(base, sets({{c.path, c.value}})) == c.expected);
}

TEST_CASE("overrides: a bad --set value is reported against the option, not a file line", "[overrides]") {
  CHECK(load_errors(base, sets({{"channels.jobs.capacity", "lots"}})) ==
        "--set channels.jobs.capacity=lots: error: capacity: expected a non-negative integer or 'unbounded', got "
        "'lots'\n");
  CHECK(load_errors(base, sets({{"channels.jobs.capacty", "4"}})) ==
        "--set channels.jobs.capacty=4: error: unknown key 'capacty' in channel; did you mean 'capacity'?\n");
  CHECK(load_errors(base, sets({{"channels.jobs.message_size", "{max: 5XB}"}})) ==
        "--set channels.jobs.message_size={max: 5XB}: error: unknown size unit 'XB' in '5XB' (use B, KiB, MiB, GiB, "
        "KB, MB or GB)\n");
  CHECK(load_errors(base, sets({{"processes.q.do.0.receive.from", "jbos"}})) ==
        "--set processes.q.do.0.receive.from=jbos: error: from: no mailbox or process named 'jbos'; did you mean "
        "'jobs'?\n");
  CHECK(load_errors(base, sets({{"channels.0", "{capacity: 3}"}})) ==
        "--set channels.0={capacity: 3}: error: a channel needs 'mailbox: NAME' or 'link: [A, B]'\n"
        "t.yaml:11:22: error: to: no mailbox or process named 'jobs'\n"
        "t.yaml:15:27: error: from: no mailbox or process named 'jobs'\n");
}

TEST_CASE("overrides: command-line errors come first, then the file's in line order", "[overrides]") {
  std::string broken = base + "seed: -1\n";
  CHECK(load_errors(broken, sets({{"channels.nope.capacity", "1"}, {"channels.jobs.capacity", "x"}})) ==
        "--set channels.nope.capacity=1: error: no item 'nope' in 'channels'\n"
        "--set channels.jobs.capacity=x: error: capacity: expected a non-negative integer or 'unbounded', got 'x'\n"
        "t.yaml:16:7: error: seed: expected a non-negative integer, got '-1'\n");
}

TEST_CASE("params: --param overrides a param, checked as an integer", "[overrides][params]") {
  Scenario s = load_scenario_text(base, "b.yaml", params({{"N", "4"}, {"N", "3"}}));
  CHECK(s.params.at("N") == 3);
  CHECK(s.processes.size() == 5);
  CHECK(s.processes[2].name == "w[2]");
}

TEST_CASE("params: bad --param values and unknown names are errors", "[overrides][params]") {
  CHECK(load_errors(base, params({{"N", "x"}})) == "--param N=x: error: expected an integer, got 'x'\n");
  CHECK(load_errors(base, params({{"N", "1.5"}})) == "--param N=1.5: error: expected an integer, got '1.5'\n");
  CHECK(load_errors(base, params({{"N", "${N}"}})) == "--param N=${N}: error: expected an integer, got '${N}'\n");
  CHECK(load_errors(base, params({{"N", "99999999999999999999"}})) ==
        "--param N=99999999999999999999: error: 99999999999999999999 is too large (at most 9223372036854775807)\n");
  CHECK(load_errors(base, params({{"n", "3"}})) == "--param n=3: error: unknown parameter 'n'; did you mean 'N'?\n");
  CHECK(load_errors(base, params({{"M", "3"}})) == "--param M=3: error: unknown parameter 'M'\n");
  CHECK(load_errors(ipcsim::test::minimal(), params({{"N", "3"}})) ==
        "--param N=3: error: unknown parameter 'N' (the scenario has no params)\n");
}

TEST_CASE("params: a negative --param reaching a count is reported at the count", "[overrides][params]") {
  CHECK(load_errors(base, params({{"N", "-2"}})) ==
        "t.yaml:10:12: error: count: expected a non-negative integer, got '-2' (from '${N}')\n");
}
