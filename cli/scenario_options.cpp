#include "cli/scenario_options.hpp"

#include "models/loader_suggest.hpp"

namespace ipcsim {
namespace {

std::vector<std::pair<std::string, std::string>> split_assignments(const std::vector<std::string>& items,
                                                                   const std::string& option) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ScenarioError(option + " " + shortened(item) + ": error: expected NAME=VALUE\n");
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

} // namespace

void ScenarioOptions::add_to(CLI::App& command) {
  command.add_option("scenario", path, "Scenario file (YAML)")->required();
  command.add_option("--param", params, "Set a scenario parameter, K=V (repeatable)")->allow_extra_args(false);
  command.add_option("--set", overrides, "Override any scenario value by path, PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
}

Model ScenarioOptions::load() const {
  LoadOptions options{split_assignments(params, "--param"), split_assignments(overrides, "--set")};
  return compile(load_scenario_file(path, options));
}

} // namespace ipcsim
