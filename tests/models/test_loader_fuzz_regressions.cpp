// Every input the loader's fuzzer (tests/fuzz/, cmake/fuzz.sh) found to crash, hang or exhaust memory, kept
// in tests/models/loader/fuzz/ beside the exact messages it must give now (NAME.expected).
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ipcsim;

namespace {

std::string read_text(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("fuzz findings: each input the fuzzer found gives its clean error", "[loader][fuzz]") {
  std::filesystem::path dir = test::fixture("fuzz");
  int cases = 0;
  for (const auto &entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml")
      continue;
    std::string name = "tests/models/loader/fuzz/" + entry.path().filename().string();
    INFO(name);
    std::string errors;
    try {
      load_scenario_text(read_text(entry.path()), name);
    } catch (const ScenarioError &e) {
      errors = e.what();
    }
    CHECK(errors == read_text(std::filesystem::path(entry.path()).replace_extension(".expected")));
    ++cases;
  }
  CHECK(cases >= 3);
}
