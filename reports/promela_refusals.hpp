// What the Promela export cannot map faithfully, each at the mark of the step or declaration that holds it,
// as "cannot export to Promela: <what> (<why>)". Everything is reported at once; an export with refusals
// writes nothing.
#pragma once

#include "models/diagnostics.hpp"
#include "reports/promela_bounds.hpp"
#include "reports/promela_structure.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

// A SPIN channel holds at most this many messages (pan keeps its length in a byte), and a SPIN model runs
// at most this many processes.
inline constexpr std::uint64_t kSpinMaxSlots = 255;
inline constexpr std::size_t kSpinMaxProcesses = 255;

// Whether a step uses channel c: channels that no step names are left out of the Promela model.
bool promela_channel_used(const Channel &c);

std::vector<Diagnostic> promela_refusals(const Model &model, const std::vector<ProgramTree> &programs,
                                         const ProgramBounds &bounds);

} // namespace ipcsim
