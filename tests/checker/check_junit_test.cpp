// `ipcsim check --junit F` as a user runs it: a case per property, the violated one failed with the finding and
// its schedule (pinned against a golden file), the others passed, and skipped when the search stopped early.
#include "check_support.hpp"

#include <filesystem>
#include <unistd.h>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// A file per call and test process: CTest runs the test cases in parallel, and other checkouts may run them too.
std::string junit_of(const std::string &name, const std::string &args, int status) {
  auto file =
      std::filesystem::temp_directory_path() / ("ipcsim-check-junit-" + std::to_string(getpid()) + "-" + name + ".xml");
  std::filesystem::remove(file);
  CommandOutput r = run_ipcsim(args + " --junit '" + file.string() + "'");
  CHECK(r.status == status);
  std::string xml = read_text(file.string());
  std::filesystem::remove(file);
  return xml;
}

} // namespace

TEST_CASE("check --junit fails the data race's case with the finding and its schedule", "[cli][junit]") {
  check_golden("shm-race.junit.xml", junit_of("shm-race", "check scenarios/shm-race.yaml", 1));
}

TEST_CASE("check --junit of a scenario whose properties hold: every case passes", "[cli][junit]") {
  CHECK(junit_of("holds", "check scenarios/buffering-zero-capacity.yaml", 0) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"ipcsim check\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        "  <testsuite name=\"buffering-zero-capacity\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase classname=\"buffering-zero-capacity\" name=\"deadlock\" "
        "file=\"scenarios/buffering-zero-capacity.yaml\"/>\n"
        "    <testcase classname=\"buffering-zero-capacity\" name=\"rendezvous\" "
        "file=\"scenarios/buffering-zero-capacity.yaml\"/>\n"
        "    <testcase classname=\"buffering-zero-capacity\" name=\"invalid_operations\" "
        "file=\"scenarios/buffering-zero-capacity.yaml\"/>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("check --junit skips the properties a stopped search could not judge", "[cli][junit]") {
  std::string xml = junit_of("limit", "check scenarios/classic-dining-philosophers.yaml --max-states 10", 3);
  CHECK_THAT(xml, Catch::Contains("tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"2\""));
  CHECK_THAT(xml, Catch::Contains(
                      "    <testcase classname=\"classic-dining-philosophers\" name=\"deadlock\" "
                      "file=\"scenarios/classic-dining-philosophers.yaml\">\n"
                      "      <skipped message=\"unknown: the search stopped at --max-states 10 before every state was "
                      "explored\"/>\n"
                      "    </testcase>\n"));
  std::string first = junit_of("first", "check scenarios/classic-dining-philosophers.yaml --stop-at-first", 1);
  CHECK_THAT(first, Catch::Contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\""));
  CHECK_THAT(first, Catch::Contains("<skipped message=\"unknown: the search stopped at the first violation "
                                    "(--stop-at-first)\"/>"));
}

TEST_CASE("check --junit refuses an empty name with exit 64", "[cli][junit]") {
  CommandOutput empty = run_ipcsim("check scenarios/shm-race.yaml --junit ''", "2>&1");
  CHECK(empty.status == 64);
  CHECK(empty.out == "ipcsim check: error: --junit: needs a name, not \"\"\n");
}
