// Helpers shared by the loader tests.
#pragma once

#include "models/loader.hpp"

#include <string>

namespace ipcsim::test {

// The whole error message of loading `yaml` as "t.yaml", or "" when it loads.
inline std::string load_errors(const std::string &yaml, const LoadOptions &options = {}) {
  try {
    load_scenario_text(yaml, "t.yaml", options);
  } catch (const ScenarioError &e) {
    return e.what();
  }
  return "";
}

// A valid scenario of one process, with `extra` top-level text appended (for errors elsewhere).
inline std::string minimal(const std::string &extra = "") {
  return "scenario: t\nprocesses:\n  - name: p\n    do: [{sleep: 1ms}]\n" + extra;
}

inline std::string fixture(const std::string &name) {
  return std::string(IPCSIM_SOURCE_DIR) + "/tests/models/loader/" + name;
}

// A file of the loader's error corpus, shared with the schema test (tests/schema).
inline std::string corpus_file(const std::string &name) {
  return std::string(IPCSIM_SOURCE_DIR) + "/tests/models/loader_corpus/" + name;
}

} // namespace ipcsim::test
