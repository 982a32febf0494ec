// One transition in words, for the numbered schedule of a report: the step a process took and how it
// ended, from the instruction and the events that firing it produced ("receive from fork[1]: blocks",
// "send on fork[0] [TOKEN]: buffered; releases phil[4]").
#pragma once

#include "models/event.hpp"
#include "models/model.hpp"

#include <span>
#include <string>

namespace ipcsim {

std::string describe_step(const Model &model, ProcId proc, const Instruction &step, std::span<const Event> events);

} // namespace ipcsim
