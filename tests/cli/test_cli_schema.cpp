// `ipcsim schema` prints the schema of scenarios that docs/ holds, byte for byte: the binary embeds the file when
// it is built, so a stale copy would show here.
#include "cli/cli_runner.hpp"

using namespace ipcsim::test;

TEST_CASE("schema: prints docs/scenario.schema.json exactly", "[cli][schema]") {
  std::string schema = read_file(fs::path(IPCSIM_SOURCE_DIR) / "docs" / "scenario.schema.json");
  REQUIRE(!schema.empty());
  Cli result = run_cli("schema");
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == schema);
}

TEST_CASE("schema: takes no arguments", "[cli][schema]") {
  Cli result = run_cli("schema scenarios/buffering-bounded.yaml");
  CHECK(result.status == 64);
  CHECK(result.out.empty());
  CHECK(result.err == "ipcsim schema: error: unexpected argument scenarios/buffering-bounded.yaml\n");
}
