// `ipcsim compare` when things go wrong: a child killed by a signal, an interrupt (SIGINT, SIGTERM) during the
// sweep, an --out that cannot be written. The signals are sent by the test to a child that runs until it is
// killed (a `forever` loop), found by its command line, so nothing depends on timing.
#include "cli/background_cli.hpp"

#include <string>
#include <vector>

using namespace ipcsim::test;

namespace {

// Variant 1 runs forever; variants 0 and 2 end at once.
const std::string forever = "[{forever: [{compute: 1us}]}]";
const std::string alice_do = "processes.alice.do=[{send: {to: bob}}, {receive: {from: bob}}]," + forever +
                             ",[{send: {to: bob}}, {compute: 1us}, {receive: {from: bob}}]";

std::vector<std::string> sweep(const std::string &out, const std::string &jobs) {
  return {"compare", "scenarios/deadlock-receive-first.yaml", "--vary", alice_do, "--jobs", jobs, "--out", out};
}

// "VARIANT OUTCOME" for every row of results.csv after the header (its values may hold commas, in quotes).
std::vector<std::string> variants_and_outcomes(const fs::path &dir) {
  std::vector<std::string> out;
  std::vector<std::string> csv = lines(read_file(dir / "results.csv"));
  for (std::size_t k = 1; k < csv.size(); ++k) {
    std::string outcome = "?";
    for (const char *known : {"completed", "failed", "not run"})
      if (csv[k].find("," + std::string(known) + ",") != std::string::npos)
        outcome = known;
    out.push_back(csv[k].substr(0, csv[k].find(',')) + " " + outcome);
  }
  return out;
}

} // namespace

TEST_CASE("compare: a child killed by a signal is named, every other row is kept, the outputs written, exit 70") {
  fs::path dir = scratch() / "killed-child";
  Background run = start_cli(sweep(dir.string(), "2"), "killed-child");
  std::optional<pid_t> child = wait_for_child(run.pid, "forever");
  REQUIRE(child);
  REQUIRE(::kill(*child, SIGKILL) == 0);
  Cli done = finish(run);
  INFO(done.err);
  CHECK(done.status == 70);
  CHECK(done.err ==
        "ipcsim: error: variant 1 (processes.alice.do=" + forever + ") seed 0 failed: killed by signal 9 (Killed)\n");
  // One row per run, then mean and ci95 per variant.
  CHECK(variants_and_outcomes(dir) == std::vector<std::string>{"0 completed", "1 failed", "2 completed", "0 completed",
                                                               "0 completed", "1 failed", "1 failed", "2 completed",
                                                               "2 completed"});
  CHECK(lines(read_file(dir / "runs.jsonl")).size() == 2); // the runs that gave a result, for --merge
  CHECK(done.out.find("| 1 | " + forever + " | failed |") != std::string::npos);
  for (const char *file : {"results.md", "index.html", "sweep.json"})
    CHECK(fs::exists(dir / file));
}

TEST_CASE("compare: SIGINT or SIGTERM stops the children, writes the rows finished and exits 130") {
  for (int signal : {SIGINT, SIGTERM}) {
    std::string name = signal == SIGINT ? "sigint" : "sigterm";
    fs::path dir = scratch() / name;
    Background run = start_cli(sweep(dir.string(), "1"), name); // one at a time: variant 0 is done
    std::optional<pid_t> child = wait_for_child(run.pid, "forever");
    REQUIRE(child);
    REQUIRE(::kill(run.pid, signal) == 0);
    Cli done = finish(run);
    INFO(done.err);
    CHECK(done.status == 130);
    CHECK(done.err == "ipcsim: compare interrupted by " + std::string(signal == SIGINT ? "SIGINT" : "SIGTERM") +
                          ": 1 of 3 runs finished; the outputs hold them\n");
    CHECK(::kill(*child, 0) != 0); // stopped and reaped
    CHECK(variants_and_outcomes(dir) == std::vector<std::string>{"0 completed", "0 completed", "0 completed",
                                                                 "1 not run", "1 not run", "2 not run", "2 not run"});
    CHECK(lines(read_file(dir / "runs.jsonl")).size() == 1);
    CHECK(done.out.find("| 2 | [{send: {to: bob}}, {compute: 1us}, {receive: {from: bob}}] | not run |") !=
          std::string::npos);
  }
}

TEST_CASE("compare: an --out that cannot be a directory is refused before the variants are loaded") {
  fs::path file = scratch() / "a-file";
  std::ofstream(file) << "x";
  // The bad value would stop the sweep too, but only once the variants are loaded: --out is checked first.
  std::string bad_vary = " --vary channels.jobs.capacity=0,lots";
  Cli on_file = run_cli("compare scenarios/buffering-bounded.yaml" + bad_vary + " --out '" + file.string() + "'");
  CHECK(on_file.status == 73);
  CHECK(on_file.err == "--out " + file.string() + ": error: not a directory\n");
  CHECK(on_file.out.empty());
  Cli under_file = run_cli("compare scenarios/buffering-bounded.yaml" + bad_vary + " --out '" + file.string() + "/x'");
  CHECK(under_file.status == 73);
  CHECK(under_file.err == "--out " + file.string() + "/x: error: cannot create the directory: Not a directory\n");
  Cli empty = run_cli("compare scenarios/buffering-bounded.yaml" + bad_vary + " --out ''");
  CHECK(empty.status == 64);
  CHECK(empty.err == "ipcsim compare: error: --out: needs a name, not \"\"\n");
  Cli merge = run_cli("compare --merge --out '" + file.string() + "' " + scratch().string());
  CHECK(merge.status == 73);
  CHECK(merge.err == "--out " + file.string() + ": error: not a directory\n");
}
