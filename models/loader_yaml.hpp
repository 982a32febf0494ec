// From a scenario's text to its one YAML document. The text passes its checks first (its size, UTF-8, no
// binary), then its nodes are counted with yaml-cpp's event parser, which builds nothing, so that a file of
// millions of tiny values is refused before yaml-cpp spends gigabytes on its tree. Internal to the loader.
#pragma once

#include "models/loader_errors.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace ipcsim::loader {

// "the file is larger than 16 MiB, ...": the message for a text over max_file_bytes, before FILE: error:.
std::string too_large_message();

// The document, or nothing after reporting why there is none.
std::optional<YAML::Node> parse_scenario_yaml(const std::string &text, LoadErrors &errors);

} // namespace ipcsim::loader
