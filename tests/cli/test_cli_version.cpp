// `ipcsim --version`: the project's version (CMakeLists.txt) and the SimGrid that runs the simulations.
#include "cli/cli_runner.hpp"
#include "ipcsim_version.hpp"

#include <xbt/base.h> // first: version.h uses its declaration macros without including it

#include <simgrid/version.h>

#include <fmt/format.h>

using namespace ipcsim::test;

TEST_CASE("ipcsim --version prints ipcsim's version and SimGrid's, and exits 0") {
  Cli run = run_cli("--version");
  CHECK(run.status == 0);
  CHECK(run.out == fmt::format("ipcsim {}\nSimGrid {}.{}.{}\n", ipcsim::version, SIMGRID_VERSION_MAJOR,
                               SIMGRID_VERSION_MINOR, SIMGRID_VERSION_PATCH));
  CHECK(run.err.empty());
  CHECK_THAT(run_cli("--help").out, Catch::Contains("--version"));
}
