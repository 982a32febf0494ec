// One compiled process as an `active proctype`: its steps as Promela statements, its repeat counters as
// locals. Assumes promela_refusals() found nothing to refuse (no async, no non-blocking rendezvous).
#pragma once

#include "models/model.hpp"
#include "reports/promela_names.hpp"
#include "reports/promela_structure.hpp"

#include <string>

namespace ipcsim {

std::string promela_proctype(const Model &model, const PromelaNames &names, ProcId p, const ProgramTree &program);

} // namespace ipcsim
