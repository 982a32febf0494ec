// The size limits of a scenario (README, "Limits") and the resource attacks of issues 20 and 23: each is
// refused with a message that names the limit, from what can be counted before the work it would cost (the
// text, its YAML nodes, the counts and the aliases). No test here times anything: the refusals are decided by
// counts, so the messages are exact whatever the machine.
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace ipcsim;
using ipcsim::test::fixture;
using ipcsim::test::load_errors;

namespace {

std::string repeat(const std::string &text, int times) {
  std::string out;
  out.reserve(text.size() * static_cast<std::size_t>(times));
  for (int k = 0; k < times; ++k)
    out += text;
  return out;
}

std::string errors_of_file(const std::string &path) {
  try {
    load_scenario_file(path);
  } catch (const ScenarioError &e) {
    return e.what();
  }
  return "";
}

std::string file_errors(const std::string &name) {
  return errors_of_file(fixture(name));
}

} // namespace

TEST_CASE("limits: ten mailboxes of a million replicas are refused from the counts, the rest still checked") {
  CHECK(file_errors("limits-ten-mailboxes.yaml") ==
        fixture("limits-ten-mailboxes.yaml") +
            ":6:26: error: count: too many replicas: 10000002 processes, channels, semaphores and segments in all, "
            "more than the limit of 1000000\n" +
            fixture("limits-ten-mailboxes.yaml") +
            ":15:32: error: capacity: expected a non-negative integer or 'unbounded', got '-1'\n");
}

TEST_CASE("limits: one count over a million is refused, and the item still checked") {
  CHECK(load_errors("scenario: t\nprocesses:\n  - name: p\n    count: 100000000\n    do: [{sleep: 1 parsec}]\n") ==
        "t.yaml:4:12: error: count: 100000000 is too large (at most 1000000)\n"
        "t.yaml:5:18: error: unknown time unit 'parsec' in '1 parsec' (use ns, us, ms or s)\n");
}

TEST_CASE("limits: 26 replicas of aliases nested six deep (1.7 M steps) are refused before expansion") {
  CHECK(file_errors("limits-alias-replicas.yaml") ==
        fixture("limits-alias-replicas.yaml") +
            ":7:9: error: do: too many steps: 1774890 in all after replication and YAML aliases, more than the "
            "limit of 1000000\n");
}

TEST_CASE("limits: a billion laughs of steps is refused before expansion") {
  CHECK(file_errors("limits-billion-laughs.yaml") ==
        fixture("limits-billion-laughs.yaml") +
            ":7:7: error: do: too many steps: 1234567899 in all after replication and YAML aliases, more than the "
            "limit of 1000000\n");
  // Doubling 80 times: more steps than 64 bits count.
  std::string bomb = "scenario: t\nprocesses:\n  - name: p\n    do:\n      - &l0 {sleep: 1ms}\n";
  for (int k = 1; k < 80; ++k)
    bomb += "      - &l" + std::to_string(k) + " {forever: [*l" + std::to_string(k - 1) + ", *l" +
            std::to_string(k - 1) + "]}\n";
  CHECK(load_errors(bomb) == "t.yaml:5:7: error: do: too many steps: at least 18446744073709551615 in all after "
                             "replication and YAML aliases, more than the limit of 1000000\n");
}

TEST_CASE("limits: a million steps in all, counting every replica and every list inside a step") {
  // 1000 replicas of 1000 steps (ten at a time: a repeat and its step, a choose and one step per branch, a
  // non-blocking send and its two else steps, a forever and its step), and the one step of q: one too many.
  std::string ten = "{repeat: 1, do: [{sleep: 1ms}]}, {choose: [[{sleep: 1ms}], [{sleep: 1ms}]]}, "
                    "{send: {to: q, blocking: false, else: [{sleep: 1ms}, {sleep: 1ms}]}}, {forever: [{sleep: 1ms}]}, ";
  std::string yaml = "scenario: t\nprocesses:\n  - name: p\n    count: 1000\n    do: [" + repeat(ten, 100) +
                     "]\n  - name: q\n    do: [{receive: {from: any}}]\n";
  CHECK(load_errors(yaml) == "t.yaml:7:9: error: do: too many steps: 1000001 in all after replication and YAML "
                             "aliases, more than the limit of 1000000\n");
}

TEST_CASE("limits: 10,000 levels of do: are refused by the parser") {
  std::string yaml = "scenario: t\nprocesses:\n  - name: p\n    do: " + repeat("[{repeat: 1, do: ", 10000) + "[]" +
                     repeat("}]", 10000) + "\n";
  CHECK(load_errors(yaml) == "t.yaml:4:190011: error: invalid YAML: nested too deeply\n");
}

TEST_CASE("limits: a list of steps that contains itself through an alias is nested too deeply") {
  CHECK(load_errors("scenario: t\nprocesses:\n  - name: p\n    do: &a [{forever: *a}, {forever: *a}]\n") ==
        "t.yaml:4:9: error: steps nested too deeply (at most 64 levels)\n");
  // Also in an item of count 0, whose steps are read once.
  CHECK(load_errors("scenario: t\nprocesses:\n  - name: p\n    do: [{sleep: 1ms}]\n  - name: q\n    count: 0\n"
                    "    do: &a [{forever: *a}]\n") ==
        "t.yaml:7:9: error: steps nested too deeply (at most 64 levels)\n");
}

TEST_CASE("limits: a scenario over 16 MiB is refused before it is parsed") {
  std::string yaml = "scenario: t\nprocesses: [{name: p, do: [{sleep: 1ms}]}]\n# ";
  yaml += std::string((16u << 20) + 1 - yaml.size(), 'x');
  CHECK(load_errors(yaml) == "t.yaml: error: the file is larger than 16 MiB, the limit for a scenario\n");
  yaml.pop_back(); // exactly 16 MiB is fine
  CHECK(load_errors(yaml) == "");
  CHECK(errors_of_file("/dev/zero") == "/dev/zero: error: the file is larger than 16 MiB, the limit for a scenario\n");
}

TEST_CASE("limits: more than a million YAML nodes are refused before yaml-cpp builds them") {
  // The top mapping, its key, the list and a million and one values: the 999,998th value is one node too many.
  std::string yaml = "x: [" + repeat("1,", 1'000'000) + "1]\n";
  CHECK(load_errors(yaml) == "t.yaml:1:1999999: error: too many YAML nodes: more than 1000000 values, lists and "
                             "mappings, the limit for a scenario\n");
}
