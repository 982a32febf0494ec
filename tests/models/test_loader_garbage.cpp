// Hostile and broken input: always a clean ScenarioError, never a crash, a hang or another exception.
#include "test_loader_support.hpp"

#include "models/model.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace ipcsim;
using ipcsim::test::fixture;
using ipcsim::test::load_errors;
using ipcsim::test::minimal;

namespace {

std::string repeat(const std::string &text, int times) {
  std::string out;
  for (int k = 0; k < times; ++k)
    out += text;
  return out;
}

// Loads and returns the message, failing the test on anything but success or a ScenarioError.
std::string survive(const std::string &yaml) {
  try {
    load_scenario_text(yaml, "t.yaml");
    return "";
  } catch (const ScenarioError &e) {
    return e.what();
  }
}

} // namespace

TEST_CASE("garbage: malformed YAML is reported at the parser's position", "[loader][garbage]") {
  CHECK(load_errors("{{{{") == "t.yaml:1:1: error: invalid YAML: end of map flow not found\n");
  CHECK(load_errors("scenario: t\nprocesses: [{name: p, do: [}\n") ==
        "t.yaml:2:28: error: invalid YAML: illegal flow end\n");
  CHECK(load_errors("scenario: \"open\\q\"\n") == "t.yaml:1:18: error: invalid YAML: unknown escape character: q\n");
  CHECK(load_errors("a: *nowhere\n") == "t.yaml:1:4: error: invalid YAML: the referenced anchor is not defined\n");
}

TEST_CASE("garbage: empty files and top levels that are not mappings", "[loader][garbage]") {
  const std::string empty =
      "t.yaml:1:1: error: the file is empty: a scenario needs at least 'scenario' and 'processes'\n";
  CHECK(load_errors("") == empty);
  CHECK(load_errors("\n\n  \n") == empty);
  CHECK(load_errors("# just a comment\n") == empty);
  CHECK(load_errors("---\n") == empty);
  CHECK(load_errors("- a\n- b\n") ==
        "t.yaml:1:1: error: expected a mapping at the top level (scenario: ..., processes: ...), got a list\n");
  CHECK(load_errors("hello") ==
        "t.yaml:1:1: error: expected a mapping at the top level (scenario: ..., processes: ...), got 'hello'\n");
  CHECK(load_errors(minimal() + "---\nscenario: other\n") ==
        "t.yaml:6:1: error: a scenario is one YAML document, but the file has 2 (separated by '---')\n");
}

TEST_CASE("garbage: binary data and invalid UTF-8 are refused before parsing", "[loader][garbage]") {
  CHECK(load_errors(std::string("scenario: t\n\0x", 14)) ==
        "t.yaml:2:1: error: the file is not text: it holds the control byte 0x00\n");
  CHECK(load_errors("scenario: \xc3\x28\n") == "t.yaml:1:11: error: the file is not valid UTF-8 text (byte 0xc3)\n");
  CHECK(load_errors("a: \xed\xa0\x80\n") == "t.yaml:1:4: error: the file is not valid UTF-8 text (byte 0xed)\n");
  CHECK(load_errors("a: \xc0\xaf\n") == "t.yaml:1:4: error: the file is not valid UTF-8 text (byte 0xc0)\n");
  CHECK(load_errors("\xff\xfe"
                    "a\0:\0") == "t.yaml:1:1: error: the file is not valid UTF-8 text (byte 0xff)\n");
  // Valid UTF-8 is fine in free text, and a byte-order mark is accepted.
  CHECK(load_errors("\xef\xbb\xbf" + minimal("description: caf\xc3\xa9 \xe2\x82\xac\n")) == "");
}

TEST_CASE("garbage: random bytes always give a clean error", "[loader][garbage]") {
  std::mt19937 random(12345);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(random() % 2000), '\0');
    for (char &c : bytes)
      c = static_cast<char>(random() % 256);
    CAPTURE(round);
    CHECK(survive(bytes) != "");
  }
}

TEST_CASE("garbage: random edits of a valid scenario never crash", "[loader][garbage]") {
  std::ifstream file(fixture("full.yaml"));
  std::stringstream text;
  text << file.rdbuf();
  const std::string original = text.str();
  const std::string alphabet = "{}[]:,-'\"&*!|>#%@`${}()+/ \n\t0123456789abcxyz";
  std::mt19937 random(2024);
  for (int round = 0; round < 300; ++round) {
    std::string yaml = original;
    for (int edit = 0; edit < 1 + static_cast<int>(random() % 4); ++edit) {
      std::size_t at = random() % yaml.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
      case 0:
        yaml[at] = c;
        break;
      case 1:
        yaml.insert(at, 1, c);
        break;
      default:
        yaml.erase(at, 1);
        break;
      }
    }
    CAPTURE(round, yaml);
    survive(yaml); // success or ScenarioError; anything else fails the test
  }
}

TEST_CASE("garbage: replication counts beyond the limits are errors, not allocations", "[loader][garbage]") {
  CHECK(load_errors("scenario: t\nprocesses: [{name: p, count: 100000000000000000000, do: []}]\n") ==
        "t.yaml:2:30: error: count: 100000000000000000000 is too large (at most 1000000)\n");
  // Eleven items of a million replicas each: refused from the counts, and each item read once for its errors.
  std::string many = "scenario: t\nprocesses: [{name: p, do: []}]\nchannels:\n" +
                     repeat("  - {mailbox: \"a b\", count: 1000000}\n", 11);
  std::string errors = load_errors(many);
  CHECK(errors.substr(0, errors.find('\n', errors.find('\n') + 1) + 1) ==
        "t.yaml:4:15: error: mailbox: expected a name of letters, digits, '_', '.' and '-', got 'a b'\n"
        "t.yaml:5:15: error: mailbox: expected a name of letters, digits, '_', '.' and '-', got 'a b'\n");
  CHECK(errors.find("t.yaml:5:29: error: count: too many replicas: 11000001 processes, channels, semaphores and "
                    "segments in all, more than the limit of 1000000\n") != std::string::npos);
  CHECK(std::count(errors.begin(), errors.end(), '\n') == 12);
}

TEST_CASE("garbage: deep nesting is refused by the parser or the step depth guard", "[loader][garbage]") {
  std::string flow =
      "scenario: t\nprocesses: [{name: p, do: " + repeat("[{forever: ", 10000) + "[]" + repeat("}]", 10000) + "}]\n";
  CHECK(survive(flow).find("error: invalid YAML: nested too deeply") != std::string::npos);
  std::string steps =
      "scenario: t\nprocesses: [{name: p, do: " + repeat("[{forever: ", 100) + "[]" + repeat("}]", 100) + "}]\n";
  CHECK(load_errors(steps) == "t.yaml:2:731: error: steps nested too deeply (at most 64 levels)\n");
  CHECK(load_errors("scenario: t\nparams: {N: 1}\nprocesses: [{name: p, do: [{sleep: \"${" + repeat("(", 10000) + "N" +
                    repeat(")", 10000) + "}\"}]}]\n")
            .find("error: invalid expression '${((((") != std::string::npos);
}

TEST_CASE("garbage: aliases that form a cycle or grow exponentially are bounded", "[loader][garbage]") {
  CHECK(load_errors("scenario: t\nprocesses:\n  - name: p\n    do: &a [{forever: *a}]\n") ==
        "t.yaml:4:9: error: steps nested too deeply (at most 64 levels)\n");
  // Each level doubles the steps: 2^40, counted without being expanded.
  std::string bomb = "scenario: t\nprocesses:\n  - name: p\n    do:\n      - &l0 {sleep: 1ms}\n";
  for (int k = 1; k < 40; ++k)
    bomb += "      - &l" + std::to_string(k) + " {choose: [[*l" + std::to_string(k - 1) + ", *l" +
            std::to_string(k - 1) + "], []]}\n";
  CHECK(load_errors(bomb) == "t.yaml:5:7: error: do: too many steps: 2199023255510 in all after replication and YAML "
                             "aliases, more than the limit of 1000000\n");
}

TEST_CASE("garbage: the total number of steps is bounded across replicas", "[loader][garbage]") {
  std::string yaml = "scenario: t\nprocesses:\n  - name: p\n    count: 1000\n    do:\n      - &l0 {sleep: 1ms}\n";
  for (int k = 1; k < 12; ++k) // step l_k holds 2^(k+1) - 1 steps: 8178 per replica
    yaml += "      - &l" + std::to_string(k) + " {choose: [[*l" + std::to_string(k - 1) + ", *l" +
            std::to_string(k - 1) + "], []]}\n";
  CHECK(load_errors(yaml) == "t.yaml:6:7: error: do: too many steps: 8178000 in all after replication and YAML "
                             "aliases, more than the limit of 1000000\n");
}

TEST_CASE("garbage: arithmetic failures in expressions are errors", "[loader][garbage]") {
  CHECK(load_errors("scenario: t\nparams: {N: 1}\nprocesses: [{name: p, count: \"${N/0}\", do: []}]\n") ==
        "t.yaml:3:30: error: division by zero in '${N/0}'\n");
  CHECK(load_errors("scenario: t\nparams: {N: 9223372036854775807}\nprocesses: [{name: p, count: \"${N+1}\", "
                    "do: []}]\n") == "t.yaml:3:30: error: integer overflow in '${N+1}'\n");
}

TEST_CASE("garbage: a flood of errors is cut at a thousand", "[loader][garbage]") {
  std::string channels = "channels:\n";
  for (int k = 0; k < 1500; ++k)
    channels += "  - {mailbox: m" + std::to_string(k) + ", capacity: x}\n";
  std::string errors = load_errors(minimal(channels));
  CHECK(std::count(errors.begin(), errors.end(), '\n') == 1001);
  CHECK(errors.substr(errors.rfind("t.yaml: error")) ==
        "t.yaml: error: too many errors; only the first 1000 are shown\n");
}

TEST_CASE("garbage: long values are quoted shortened in messages", "[loader][garbage]") {
  CHECK(load_errors(minimal("seed: " + std::string(200, 'x') + "\n")) ==
        "t.yaml:5:7: error: seed: expected a non-negative integer, got '" + std::string(60, 'x') + "...'\n");
}

TEST_CASE("garbage: an error quotes at most 60 characters of a megabyte of input", "[loader][garbage]") {
  const std::string big(1 << 20, 'x');
  const std::string cut = "'" + std::string(60, 'x') + "...'";
  // A key of more than 1024 characters is explicit in YAML (`? KEY`).
  CHECK(load_errors("scenario: t\nprocesses:\n  - {name: " + big + ", do: [{send: {to: " + big +
                    "y}}]}\n"
                    "  - name: " +
                    big + "\n    do:\n      - ? " + big + "\n        : 1\n      - sleep: 1" + big + "\n") ==
        "t.yaml:3:1048607: error: to: no mailbox or process named " + cut +
            "\n"
            "t.yaml:4:11: error: duplicate process " +
            cut +
            " (first at line 3)\n"
            "t.yaml:6:11: error: unknown key " +
            cut +
            " in step\n"
            "t.yaml:8:16: error: unknown time unit " +
            cut + " in '1" + std::string(59, 'x') + "...' (use ns, us, ms or s)\n");
  CHECK(load_errors(minimal(), LoadOptions{{{big, "1"}}, {{"seed", big}}}) ==
        "--param " + std::string(60, 'x') + "...: error: unknown parameter " + cut +
            " (the scenario has no params)\n"
            "--set seed=" +
            std::string(55, 'x') + "...: error: seed: expected a non-negative integer, got " + cut + "\n");
  Scenario bad = load_scenario_text("scenario: t\nprocesses:\n  - {name: p, do: [{give: {mailbox: " + big +
                                        ", to: q}}]}\n  - {name: q, do: [{receive: {from: " + big +
                                        "}}]}\n"
                                        "channels: [{mailbox: " +
                                        big + ", owner: q}]\n",
                                    "t.yaml");
  try {
    compile(bad);
    FAIL("compiled");
  } catch (const ScenarioError &e) {
    CHECK(std::string(e.what()) == "t.yaml:3:20: error: give: " + cut +
                                       " is a user-space mailbox: only its owner, 'q', ever receives from it\n");
  }
}
