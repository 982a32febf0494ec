// `check --report DIR` twice on the same scenario writes the same bytes: no wall-clock time, address or hash
// order reaches a report. The machine's timings go to performance.json alone, the one file left out here.
#include "cli/cli_runner.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using namespace ipcsim::test;

namespace {

constexpr const char *timings_file = "performance.json";

// Every file of `dir` by name, with its bytes.
std::map<std::string, std::string> files_of(const fs::path &dir) {
  std::map<std::string, std::string> files;
  for (const auto &entry : fs::directory_iterator(dir))
    files[entry.path().filename().string()] = read_file(entry.path());
  return files;
}

std::vector<std::string> names_of(const std::map<std::string, std::string> &files) {
  std::vector<std::string> names;
  for (const auto &[name, text] : files)
    names.push_back(name);
  return names;
}

std::map<std::string, std::string> report_of(const std::string &scenario, const std::string &name) {
  fs::path dir = scratch() / name;
  fs::remove_all(dir);
  Cli r = run_cli("check " + scenario + " --report '" + dir.string() + "'");
  CHECK(r.status == 1); // the scenario has a violation, so the report has every kind of file
  return files_of(dir);
}

} // namespace

TEST_CASE("check --report twice writes the same bytes in every file but performance.json", "[check][report]") {
  for (const char *scenario : {"scenarios/classic-dining-philosophers.yaml", "scenarios/shm-race.yaml"}) {
    INFO(scenario);
    auto first = report_of(scenario, "first");
    auto second = report_of(scenario, "second");
    REQUIRE(first.count(timings_file) == 1);
    REQUIRE(second.count(timings_file) == 1);
    CHECK(first.count("report.json") == 1);
    CHECK(first.count("report.html") == 1);
    CHECK(first.count("msc.svg") == 1);
    CHECK(first.count("timeline.json") == 1);
    CHECK_THAT(first["report.json"], !Catch::Contains("\"performance\""));
    CHECK_THAT(first["report.html"], Catch::Contains("href=\"performance.json\""));
    first.erase(timings_file);
    second.erase(timings_file);
    REQUIRE(names_of(first) == names_of(second));
    for (const auto &[name, text] : first) {
      INFO(name);
      CHECK(text == second[name]); // byte for byte
    }
  }
}

TEST_CASE("check --report keeps the timings in performance.json", "[check][report]") {
  fs::path dir = scratch() / "timings";
  fs::remove_all(dir);
  Cli r = run_cli("check scenarios/naming-direct-symmetric.yaml --report '" + dir.string() + "'");
  CHECK(r.status == 0);
  std::string timings = read_file(dir / timings_file);
  for (const char *key : {"\"seconds\"", "\"cpu_seconds\"", "\"peak_memory_bytes\"", "\"states_per_second\""})
    CHECK_THAT(timings, Catch::Contains(key));
}
