#include "reports/sarif_report.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

TEST_CASE("a scenario's path as a SARIF artifact URI", "[sarif]") {
  CHECK(artifact_uri("scenarios/shm-race.yaml") == "scenarios/shm-race.yaml");
  CHECK(artifact_uri("my scenarios/r\xC3\xA9seau#1.yaml") == "my%20scenarios/r%C3%A9seau%231.yaml");
  CHECK(artifact_uri("50%:a?.yaml") == "50%25%3Aa%3F.yaml"); // no ':' that would read as a scheme
  CHECK(artifact_uri("/home/me/s.yaml") == "file:///home/me/s.yaml");
  CHECK(artifact_uri("../up/./s_~-1.yaml") == "../up/./s_~-1.yaml");
}
