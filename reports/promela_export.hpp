// `ipcsim export promela`: a compiled model as a Promela model for SPIN, so that ipcsim's checker can be
// cross-checked against SPIN 6.5.2. The subset that maps is mapped exactly (docs/promela-export.md): pan
// reports an invalid end state exactly when ipcsim's `deadlock` property is violated. Everything else is
// refused, all of it at once, as "cannot export to Promela: <what> (<why>)" at the step or declaration.
#pragma once

#include "models/diagnostics.hpp"
#include "models/model.hpp"

#include <string>
#include <vector>

namespace ipcsim {

struct PromelaExport {
  std::string text;                 // the Promela model; empty when something was refused
  std::vector<Diagnostic> refusals; // what cannot be mapped, in the order found
};

// Pure: the same model gives the same bytes.
PromelaExport export_promela(const Model &model);

// The Promela text; throws ScenarioError listing every refusal as FILE:LINE:COLUMN: error: ... (exit 64).
std::string promela_model(const Model &model);

} // namespace ipcsim
