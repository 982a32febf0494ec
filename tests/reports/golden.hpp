// Golden files for the reports tests: the expected output lives in tests/reports/golden/ and is compared whole.
// Run with IPCSIM_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace ipcsim::test {

inline std::string golden_path(const std::string &name) {
  return std::string(IPCSIM_SOURCE_DIR) + "/tests/reports/golden/" + name;
}

inline std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void check_golden(const std::string &name, const std::string &actual) {
  std::string path = golden_path(name);
  if (std::getenv("IPCSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
  }
  std::ifstream probe(path);
  INFO("golden file " << path);
  REQUIRE(probe.good());
  CHECK(actual == read_text(path));
}

} // namespace ipcsim::test
