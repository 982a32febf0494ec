// The options that every command reading a scenario shares: --param K=V and --set PATH=VALUE.
#pragma once

#include "models/loader.hpp"
#include "models/model.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ipcsim {

struct ScenarioOptions {
  std::string path;
  std::vector<std::string> params;
  std::vector<std::string> overrides;

  void add_to(CLI::App& command);
  Model load() const; // throws ScenarioError
};

} // namespace ipcsim
