// --time-limit, --max-memory, the memory guard and interrupts. Each test checks a model that cannot finish
// under any machine (tests/checker/limits/), so a limit is the only way its check ends: the verdict never
// depends on how fast the machine is.
#include "check_support.hpp"

#include <nlohmann/json.hpp>

#include <csignal>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

const std::string endless = "tests/checker/limits/endless-sender.yaml";
const std::string wide = "tests/checker/limits/wide.yaml";

std::string headline(const std::string &scenario, const std::string &limit) {
  return "scenario " + scenario + ": incomplete, stopped at " + limit +
         " before every state was explored\n"
         "  deadlock             unknown (the search did not finish)\n"
         "  invalid_operations   unknown (the search did not finish)\n";
}

} // namespace

TEST_CASE("check --time-limit stops a check that cannot finish, with exit 3 and the statistics so far",
          "[cli][limits]") {
  for (const char *search : {"", " --bfs", " --jobs 2", " --jobs 2 --bfs", " --hash-compact"}) {
    INFO("search:" << search);
    CommandOutput r = run_ipcsim("check " + endless + " --time-limit 0.2" + search);
    CHECK(r.status == 3);
    CHECK_THAT(r.out, Catch::StartsWith(headline("endless-sender", "--time-limit 0.2")));
    CHECK_THAT(r.out, Catch::Contains(", stopped at --time-limit 0.2\nstatistics: "));
  }
}

TEST_CASE("check --max-memory below what the process already holds stops the check at once", "[cli][limits]") {
  CommandOutput r = run_ipcsim("check " + endless + " --max-memory 1");
  CHECK(r.status == 3);
  CHECK_THAT(r.out, Catch::StartsWith(headline("endless-sender", "--max-memory 1")));
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(run_ipcsim("check " + endless + " --max-memory 1 --json").out);
  CHECK(j["outcome"] == "incomplete");
  CHECK(j["stopped_by"] == "--max-memory 1");
}

TEST_CASE("the limits hold on a model of thousands of processes, where one expansion is large", "[cli][limits]") {
  CommandOutput slow = run_ipcsim("check " + wide + " --no-reduction --no-symmetry --time-limit 1");
  CHECK(slow.status == 3);
  CHECK_THAT(slow.out, Catch::StartsWith(headline("wide", "--time-limit 1")));
  CommandOutput big = run_ipcsim("check " + wide + " --no-reduction --no-symmetry --max-memory 80");
  CHECK(big.status == 3);
  CHECK_THAT(big.out, Catch::StartsWith(headline("wide", "--max-memory 80")));
}

TEST_CASE("under `ulimit -v` the memory guard stops the check before an allocation fails", "[cli][limits]") {
#if defined(__SANITIZE_ADDRESS__)
  WARN("skipped: AddressSanitizer reserves terabytes of address space, which `ulimit -v` cannot bound");
#else
  CommandOutput r = run_ipcsim("check " + endless + " --time-limit 60", "2>/dev/null", "ulimit -v 400000 && ");
  CHECK(r.status == 3);
  CHECK_THAT(r.out, Catch::StartsWith("scenario endless-sender: incomplete, stopped at the memory guard ("));
#endif
}

TEST_CASE("an interrupt stops the check like a limit: exit 3, the signal named, the statistics so far", "[limits]") {
  Model model = model_from_text(read_text(source_path(endless)));
  for (int signal : {SIGINT, SIGTERM}) {
    std::atomic<int> interrupt = signal;
    CheckOptions options;
    options.interrupt = &interrupt;
    CheckResult r = check(model, options);
    CHECK(r.stop == StopReason::interrupted);
    CHECK(r.limit == (signal == SIGINT ? "SIGINT" : "SIGTERM"));
    CHECK(is_limit(r.stop));
    CHECK(r.statistics.states >= 1);
  }
}
