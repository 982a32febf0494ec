// The resource attacks on the loader (issues 20 and 23) through `ipcsim validate`: each refused with its
// exact message and exit status 64, from counts made before the work (tests/models/test_loader_limits.cpp
// has the loader's side). Nothing here is timed: `/usr/bin/time -v` measured them by hand (README, Limits).
#include "cli/cli_runner.hpp"

#include <fstream>

using namespace ipcsim::test;

namespace {

const std::string data = "tests/models/loader/";

std::string repeat(const std::string &text, int times) {
  std::string out;
  for (int k = 0; k < times; ++k)
    out += text;
  return out;
}

std::string scratch_file(const std::string &name, const std::string &text) {
  fs::path path = scratch() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

void check_refused(const std::string &file, const std::string &errors) {
  Cli run = run_cli("validate '" + file + "'");
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  CHECK(run.err == errors);
}

} // namespace

TEST_CASE("cli: validate refuses YAML aliases nested a billion times") {
  std::string file = data + "limits-billion-laughs.yaml";
  check_refused(file, file + ":7:7: error: do: too many steps: 1234567899 in all after replication and YAML "
                             "aliases, more than the limit of 1000000\n");
}

TEST_CASE("cli: validate refuses 26 replicas of aliases nested six deep") {
  std::string file = data + "limits-alias-replicas.yaml";
  check_refused(file, file + ":7:9: error: do: too many steps: 1774890 in all after replication and YAML "
                             "aliases, more than the limit of 1000000\n");
}

TEST_CASE("cli: validate refuses count: 100000000 and ten counts of a million") {
  std::string huge =
      scratch_file("count-huge.yaml", "scenario: t\nprocesses:\n  - {name: p, count: 100000000, do: []}\n");
  check_refused(huge, huge + ":3:22: error: count: 100000000 is too large (at most 1000000)\n");
  std::string ten = data + "limits-ten-mailboxes.yaml";
  check_refused(ten, ten +
                         ":6:26: error: count: too many replicas: 10000002 processes, channels, semaphores and "
                         "segments in all, more than the limit of 1000000\n" +
                         ten + ":15:32: error: capacity: expected a non-negative integer or 'unbounded', got '-1'\n");
}

TEST_CASE("cli: validate refuses 10,000 levels of do:") {
  std::string deep =
      scratch_file("deep.yaml", "scenario: t\nprocesses:\n  - name: p\n    do: " + repeat("[{repeat: 1, do: ", 10000) +
                                    "[]" + repeat("}]", 10000) + "\n");
  check_refused(deep, deep + ":4:190011: error: invalid YAML: nested too deeply\n");
}

TEST_CASE("cli: validate refuses a file over 16 MiB and a file of over a million YAML nodes") {
  std::string big = scratch_file("big.yaml", "# " + std::string(16u << 20, 'x') + "\n");
  check_refused(big, big + ": error: the file is larger than 16 MiB, the limit for a scenario\n");
  std::string nodes = scratch_file("nodes.yaml", "x: [" + repeat("1,", 1'000'000) + "1]\n");
  check_refused(nodes, nodes + ":1:1999999: error: too many YAML nodes: more than 1000000 values, lists and "
                               "mappings, the limit for a scenario\n");
}
