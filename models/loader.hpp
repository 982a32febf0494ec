// Loading a scenario file (SCENARIO_FORMAT.md) into a validated Scenario: YAML parsed, --set overrides applied
// to the tree, params and --param resolved, expressions evaluated, replication expanded, units converted and
// every name checked. Every error in the file is collected before anything is returned.
#pragma once

#include "models/diagnostics.hpp"
#include "models/scenario.hpp"

#include <string>
#include <utility>
#include <vector>

namespace ipcsim {

struct LoadOptions {
  std::vector<std::pair<std::string, std::string>> params;    // --param K=V, in command-line order
  std::vector<std::pair<std::string, std::string>> overrides; // --set PATH=VALUE, in command-line order
};

// Reads and loads the file at `path`. Throws ScenarioError whose what() holds one line per error:
// `FILE:LINE:COLUMN: error: MESSAGE`, or `--set PATH=V: error: MESSAGE` for a bad command-line value.
Scenario load_scenario_file(const std::string &path, const LoadOptions &options = {});

// The same for text already in memory; `file_name` is used in messages and stored in Scenario::file.
Scenario load_scenario_text(const std::string &yaml, const std::string &file_name, const LoadOptions &options = {});

} // namespace ipcsim
