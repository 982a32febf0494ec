// `ipcsim compare --junit F`: a test case per variant, failed when a run of it violated a property or its check
// did (pinned against a golden file), the same report from shards merged, and a bad name refused.
#include "cli/cli_runner.hpp"

#include <string>

using namespace ipcsim::test;

namespace {

// Alice receiving first deadlocks (the bundled scenario); sending first completes.
const std::string deadlock_sweep = "compare scenarios/deadlock-receive-first.yaml --vary "
                                   "'processes.alice.do=[{send: {to: bob}}, {receive: {from: bob}}],"
                                   "[{receive: {from: bob}}, {send: {to: bob}}]'";

std::string golden(const std::string &name) {
  return read_file(fs::path(IPCSIM_SOURCE_DIR) / "tests/cli/golden" / name);
}

std::string scratch_path(const std::string &name) {
  return (scratch() / name).string();
}

} // namespace

TEST_CASE("compare --junit: the deadlocking variant fails with its runs' and its check's findings") {
  std::string junit = scratch_path("deadlock.junit.xml");
  Cli run = run_cli(deadlock_sweep + " --check --seeds 2 --out '" + scratch_path("junit-deadlock") + "' --junit '" +
                    junit + "'");
  INFO(run.err);
  CHECK(run.status == 1);
  CHECK(read_file(junit) == golden("compare-deadlock.junit.xml"));
}

TEST_CASE("compare --junit: a data race fails a variant that completes, and passes it when turned off") {
  std::string junit = scratch_path("race.junit.xml");
  Cli run = run_cli("compare scenarios/shm-race.yaml --vary properties.data_race=true,false --out '" +
                    scratch_path("junit-race") + "' --junit '" + junit + "'");
  INFO(run.err);
  std::string xml = read_file(junit);
  CHECK_THAT(xml,
             Catch::Contains("<testsuite name=\"shm-race\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
  CHECK_THAT(xml, Catch::Contains("<failure message=\"seed 0: at t = 19.205us (scenarios/shm-race.yaml:32): data race "
                                  "on board: writer's write"));
  CHECK_THAT(xml, Catch::Contains("    <testcase classname=\"shm-race\" name=\"variant 1: properties.data_race=false\" "
                                  "file=\"scenarios/shm-race.yaml\"/>\n"));
}

TEST_CASE("compare --junit: each shard reports its own variants, and the merge the whole sweep's") {
  std::string whole = scratch_path("whole.junit.xml"), first = scratch_path("first.junit.xml"),
              merged = scratch_path("merged.junit.xml");
  std::string s1 = scratch_path("junit-shard-1"), s2 = scratch_path("junit-shard-2");
  REQUIRE(run_cli(deadlock_sweep + " --out '" + scratch_path("junit-whole") + "' --junit '" + whole + "'").status == 1);
  REQUIRE(run_cli(deadlock_sweep + " --shard 1/2 --out '" + s1 + "' --junit '" + first + "'").status == 0);
  REQUIRE(run_cli(deadlock_sweep + " --shard 2/2 --out '" + s2 + "'").status == 1);
  Cli merge = run_cli("compare --merge --out '" + scratch_path("junit-merged") + "' '" + s1 + "' '" + s2 +
                      "' --junit '" + merged + "'");
  INFO(merge.err);
  CHECK(merge.status == 1);
  CHECK(read_file(merged) == read_file(whole));
  CHECK_THAT(read_file(first), Catch::Contains("tests=\"1\" failures=\"0\""));
}

TEST_CASE("compare --junit refuses an empty name (64) and an unwritable place before running (73)") {
  Cli empty = run_cli(deadlock_sweep + " --junit ''");
  CHECK(empty.status == 64);
  CHECK(empty.err == "ipcsim compare: error: --junit: needs a name, not \"\"\n");
  Cli missing = run_cli(deadlock_sweep + " --out '" + scratch_path("junit-missing") + "' --junit /no/such/dir/r.xml");
  CHECK(missing.status == 73);
  CHECK(missing.err == "--junit /no/such/dir/r.xml: error: cannot write in the directory /no/such/dir: No such file "
                       "or directory\n");
  CHECK_FALSE(fs::exists(scratch() / "junit-missing"));
}
