// A violation as the search finds it: its kind and the schedule that reaches it, as choices (the index of
// each step's transition in Semantics::enabled() of the state before it). counterexample.hpp turns it into
// a report.
#pragma once

#include "models/properties.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

struct Finding {
  PropertyKind kind = PropertyKind::invalid;
  std::vector<std::uint32_t> choices;
};

} // namespace ipcsim
