// The text of docs/scenario.schema.json, embedded when ipcsim is configured (cli/CMakeLists.txt).
#pragma once

#include <string_view>

namespace ipcsim {

extern const std::string_view scenario_schema_text;

} // namespace ipcsim
