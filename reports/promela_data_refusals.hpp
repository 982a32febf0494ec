// Variables, values, decisions and timeouts, which the Promela export does not map yet: each declaration and step that
// uses them, reported as promela_refusals() reports the rest. They are found before anything else because the
// export's reading of a program's structure has no place for the jumps of if and while.
#pragma once

#include "models/diagnostics.hpp"
#include "models/model.hpp"

#include <vector>

namespace ipcsim {

std::vector<Diagnostic> promela_data_refusals(const Model &model);

} // namespace ipcsim
