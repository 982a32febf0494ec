// YAML::LoadAll without its endless loop. yaml-cpp 0.7 (Debian 12's) never consumes a ',' outside a flow
// collection: its parser reports an empty document at the same place forever and LoadAll fills the memory
// (upstream issue 1040, mended in yaml-cpp 0.8.1). A first pass counts the documents with a parser that
// builds nothing and stops at a document that starts where the one before it did.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace ipcsim {

// The documents of `text`; YAML::ParserException (at the ',') where yaml-cpp would loop.
std::vector<YAML::Node> load_yaml_documents(const std::string &text);

} // namespace ipcsim
