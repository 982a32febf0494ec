// Shared by the checker tests: scenarios from text or from scenarios/, the ipcsim binary run as a user
// would, and golden files kept in tests/checker/golden/ (IPCSIM_UPDATE_GOLDEN=1 rewrites them; review the
// diff).
#pragma once

#include "checker/explorer.hpp"
#include "models/loader.hpp"
#include "models/model.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace ipcsim::test {

inline std::string source_path(const std::string &relative) {
  return std::string(IPCSIM_SOURCE_DIR) + "/" + relative;
}

inline Model model_from_text(const std::string &yaml, const LoadOptions &options = {}) {
  return compile(load_scenario_text(yaml, "test.yaml", options));
}

// Named as the CLI would name it from the source directory, so that reports do not carry this checkout's path.
inline Model bundled(const std::string &name, const LoadOptions &options = {}) {
  Model model = compile(load_scenario_file(source_path("scenarios/" + name + ".yaml"), options));
  model.scenario.file = "scenarios/" + name + ".yaml";
  return model;
}

// A benchmark scenario, bench/NAME.yaml.
inline Model bench(const std::string &name, const LoadOptions &options = {}) {
  return compile(load_scenario_file(source_path("bench/" + name + ".yaml"), options));
}

// The bundled scenarios, by name (scenarios/NAME.yaml), sorted.
inline std::vector<std::string> bundled_names() {
  std::vector<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(source_path("scenarios")))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Symmetry reduction is off unless asked for: the counts these tests assert are of the states themselves
// (symmetry_test.cpp covers it).
inline CheckResult check_all(const Model &model, bool breadth_first = false, bool reduction = true,
                             bool symmetry = false) {
  CheckOptions options;
  options.breadth_first = breadth_first;
  options.reduction = reduction;
  options.symmetry = symmetry;
  return check(model, options);
}

// Two searches of one model reached the same verdict on every property (reduced against full, parallel
// against sequential, hashed against exact...).
inline void check_same_verdicts(const CheckResult &a, const CheckResult &b) {
  REQUIRE(a.verdicts.size() == b.verdicts.size());
  for (std::size_t k = 0; k < a.verdicts.size(); ++k) {
    INFO("property " << to_string(a.verdicts[k].kind));
    CHECK(a.verdicts[k].verdict == b.verdicts[k].verdict);
  }
}

inline Verdict verdict_of(const CheckResult &r, PropertyKind kind) {
  for (const auto &v : r.verdicts)
    if (v.kind == kind)
      return v.verdict;
  FAIL("property " << to_string(kind) << " is not watched");
  return Verdict::unknown;
}

struct CommandOutput {
  std::string out;
  int status = -1;
};

// Runs `ipcsim ARGS` from the source directory (so that scenario paths read as in the README), stdout
// captured, stderr discarded (or with `redirect`, e.g. "2>&1 >/dev/null" to capture stderr alone); `before`
// is shell text run first, e.g. "ulimit -v 400000 && ".
inline CommandOutput run_ipcsim(const std::string &args, const std::string &redirect = "2>/dev/null",
                                const std::string &before = "") {
  std::string command =
      "cd '" + std::string(IPCSIM_SOURCE_DIR) + "' && " + before + "'" + IPCSIM_BINARY + "' " + args + " " + redirect;
  CommandOutput result;
  FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    result.out.append(buffer.data(), n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The output without the lines of the tool's own timings, which vary from run to run.
inline std::string without_performance(const std::string &text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("performance:", 0) != 0)
      out += line + "\n";
  return out;
}

inline std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void check_golden(const std::string &name, const std::string &actual) {
  std::string path = source_path("tests/checker/golden/" + name);
  if (std::getenv("IPCSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
  }
  INFO("golden file " << path);
  REQUIRE(std::ifstream(path).good());
  CHECK(actual == read_text(path));
}

} // namespace ipcsim::test
