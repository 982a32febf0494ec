// Each class of error in a scenario gives one exact message at the offending value's line and column. The cases are
// data (loader_corpus/*.yaml, one file per class) because tests/schema feeds the same scenarios to the JSON Schema.
#include "semantics_fixture.hpp"
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

using namespace ipcsim;
using ipcsim::test::compile_errors;
using ipcsim::test::corpus_file;
using ipcsim::test::fixture;
using ipcsim::test::load_errors;

namespace {

// Checks every case of tests/models/loader_corpus/FILE.yaml: loading (or, for `stage: compile`, compiling) its
// scenario as t.yaml gives exactly its `errors`.
void check_corpus(const std::string &file) {
  YAML::Node corpus = YAML::LoadFile(corpus_file(file + ".yaml"));
  bool compiled = corpus["stage"].as<std::string>() == "compile";
  REQUIRE(corpus["cases"].size() > 0);
  for (const YAML::Node &c : corpus["cases"]) {
    std::string name = c["name"].as<std::string>();
    std::string yaml = c["scenario"].as<std::string>();
    CAPTURE(name, yaml);
    CHECK((compiled ? compile_errors(yaml) : load_errors(yaml)) == c["errors"].as<std::string>());
  }
}

} // namespace

TEST_CASE("loader errors: unknown keys suggest the closest known key", "[loader][errors]") {
  check_corpus("unknown-keys");
}

TEST_CASE("loader errors: wrong types say what was expected and what was found", "[loader][errors]") {
  check_corpus("wrong-types");
}

TEST_CASE("loader errors: names follow [A-Za-z0-9_.-]+ and tags are identifiers", "[loader][errors]") {
  check_corpus("names-and-tags");
}

TEST_CASE("loader errors: required keys missing are reported at the enclosing mapping", "[loader][errors]") {
  check_corpus("required-keys");
}

TEST_CASE("loader errors: units and quantities", "[loader][errors]") {
  check_corpus("units");
}

TEST_CASE("loader errors: steps have one key, with repeat+do the one exception", "[loader][errors]") {
  check_corpus("steps");
}

TEST_CASE("loader errors: else needs blocking: false, and async excludes it", "[loader][errors]") {
  check_corpus("nonblocking");
}

TEST_CASE("loader errors: expressions fail with the expression quoted", "[loader][errors]") {
  check_corpus("expressions");
}

TEST_CASE("loader errors: variables, values and decisions are checked at load time", "[loader][errors]") {
  check_corpus("decisions");
}

TEST_CASE("loader errors: timeouts go on blocking sends, receives and acquires", "[loader][errors]") {
  check_corpus("timeouts");
}

TEST_CASE("loader errors: faults on channels and processes", "[loader][errors]") {
  check_corpus("faults");
}

TEST_CASE("loader errors: variable declarations and invariants", "[loader][errors]") {
  check_corpus("variables");
}

TEST_CASE("loader errors: params are plain integers, and i and n are reserved", "[loader][errors]") {
  check_corpus("params");
}

TEST_CASE("loader errors: replication counts are bounded", "[loader][errors]") {
  check_corpus("counts");
}

TEST_CASE("loader errors: channels are a mailbox or a link of two different processes", "[loader][errors]") {
  check_corpus("channel-kinds");
}

TEST_CASE("loader errors: the platform's hosts and links are checked", "[loader][errors]") {
  check_corpus("platform");
}

TEST_CASE("loader errors: every error of a file is reported, in line order", "[loader][errors]") {
  std::ifstream expected_file(fixture("many-errors.expected"));
  std::stringstream expected;
  expected << expected_file.rdbuf();
  std::string message;
  try {
    load_scenario_file(fixture("many-errors.yaml"));
  } catch (const ScenarioError &e) {
    message = e.what();
  }
  // The expected file names the fixture relative to the source tree.
  std::string path = fixture("many-errors.yaml");
  for (std::size_t at = message.find(path); at != std::string::npos; at = message.find(path))
    message.replace(at, path.size(), "many-errors.yaml");
  CHECK(message == expected.str());
}
