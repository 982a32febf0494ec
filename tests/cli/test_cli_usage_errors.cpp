// A command line ipcsim cannot take is refused with exit 64 and one line in the program's words: what is
// wrong, and for a misspelt option or command the one that was likely meant. Nothing is written to stdout.
#include "cli/cli_runner.hpp"

using namespace ipcsim::test;

namespace {

const std::string bounded = "scenarios/buffering-bounded.yaml";
const std::string sweep = "compare " + bounded + " --vary channels.jobs.capacity=0,1 --out " +
                          (scratch() / "sweep").string() + " ";

// Runs `ipcsim ARGS` and expects it refused with exit 64 and exactly `message` on stderr.
void check_refused(const std::string &args, const std::string &message) {
  INFO("ipcsim " << args);
  Cli run = run_cli(args);
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  CHECK(run.err == message);
}

} // namespace

TEST_CASE("cli: a misspelt option is named with the option it resembles") {
  check_refused("check " + bounded + " --parm N=2",
                "ipcsim check: error: unknown option --parm; did you mean --param?\n");
  check_refused("check " + bounded + " --max-state 5",
                "ipcsim check: error: unknown option --max-state; did you mean --max-states?\n");
  check_refused("run " + bounded + " --trace=t.jsonl --jsno",
                "ipcsim run: error: unknown option --jsno; did you mean --json?\n");
  check_refused("compare " + bounded + " --vary=channels.jobs.capacity=0,1 --seed=2",
                "ipcsim compare: error: unknown option --seed; did you mean --seeds?\n");
  check_refused("export promela " + bounded + " --outptu x.pml",
                "ipcsim export promela: error: unknown option --outptu; did you mean --output?\n");
  check_refused("--verison", "ipcsim: error: unknown option --verison; did you mean --version?\n");
  check_refused("check " + bounded + " --frobnicate", "ipcsim check: error: unknown option --frobnicate\n");
}

TEST_CASE("cli: a misspelt or missing command is named with the commands there are") {
  check_refused("chek " + bounded, "ipcsim: error: unknown command chek; did you mean check?\n");
  check_refused("comapre " + bounded, "ipcsim: error: unknown command comapre; did you mean compare?\n");
  check_refused(bounded, "ipcsim: error: unknown command scenarios/buffering-bounded.yaml; name one of run, "
                         "validate, graph, check, compare, export or schema\n");
  check_refused("", "ipcsim: error: name the command: run, validate, graph, check, compare, export or schema\n");
  check_refused("ipcsim check " + bounded, "ipcsim: error: unknown command ipcsim; name one of run, validate, graph, "
                                           "check, compare, export or schema\n");
}

TEST_CASE("cli: an argument no command takes is named, other refusals keep CLI11's words after the command") {
  check_refused("check " + bounded + " " + bounded, "ipcsim check: error: unexpected argument " + bounded + "\n");
  check_refused("check", "ipcsim check: error: scenario is required\n");
  check_refused("check " + bounded + " --bfs --hash-compact",
                "ipcsim check: error: --hash-compact: a breadth-first search (--bfs) reads its stored states back, "
                "and hash compaction keeps only their hashes: use one or the other\n");
}

TEST_CASE("cli: a count below its bound says the bound, not a range of 300 digits") {
  check_refused("check " + bounded + " --max-states 0", "ipcsim check: error: --max-states: must be at least 1, not 0\n");
  check_refused("check " + bounded + " --max-memory 0", "ipcsim check: error: --max-memory: must be at least 1, not 0\n");
  check_refused("check " + bounded + " -j 0", "ipcsim check: error: --jobs: must be at least 1, not 0\n");
  check_refused("check " + bounded + " --jobs 257", "ipcsim check: error: --jobs: must be at most 256, not 257\n");
  check_refused("check " + bounded + " --max-states many",
                "ipcsim check: error: --max-states: must be a whole number, not many\n");
  check_refused("check " + bounded + " --max-states 99999999999999999999",
                "ipcsim check: error: --max-states: must be at most 18446744073709551615, not 99999999999999999999\n");
  check_refused(sweep + "--seeds 0", "ipcsim compare: error: --seeds: must be at least 1, not 0\n");
  check_refused(sweep + "-j 0", "ipcsim compare: error: --jobs: must be at least 1, not 0\n");
  check_refused(sweep + "--check --check-max-states 0",
                "ipcsim compare: error: --check-max-states: must be at least 1, not 0\n");
  check_refused(sweep + "--check --check-max-memory 0",
                "ipcsim compare: error: --check-max-memory: must be at least 1, not 0\n");
  check_refused(sweep + "--check --check-time-limit 0",
                "ipcsim compare: error: --check-time-limit: must be a positive number of seconds, not 0\n");
}

TEST_CASE("cli: compare --vary NAME=... for a parameter suggests param:NAME") {
  check_refused("compare " + bounded + " --vary K=1,2",
                "--vary K=1,2: error: K is a parameter of the scenario; did you mean --vary param:K=1,2?\n");
}

TEST_CASE("cli: export without its format says how to name it") {
  check_refused("export " + bounded, "ipcsim export: error: name the format: ipcsim export promela SCENARIO\n");
  check_refused("export", "ipcsim export: error: name the format: ipcsim export promela SCENARIO\n");
}

TEST_CASE("cli: a picture flag refuses a file name that is not .svg, before anything is written") {
  fs::path png = scratch() / "g.png";
  check_refused("run " + bounded + " --svg " + png.string(),
                "ipcsim run: error: --svg: must end in .svg (SVG is the one format written), not " + png.string() +
                    "\n");
  check_refused("graph " + bounded + " --svg " + png.string(),
                "ipcsim graph: error: --svg: must end in .svg (SVG is the one format written), not " + png.string() +
                    "\n");
  check_refused("graph " + bounded + " --svg g",
                "ipcsim graph: error: --svg: must end in .svg (SVG is the one format written), not g\n");
  CHECK_FALSE(fs::exists(png));
  CHECK_FALSE(fs::exists(scratch() / "g.dot"));
}
