// The structured program behind a compiled process. compile() flattens `repeat`, `forever`, `choose` and the
// `else` of a non-blocking step into jumps; Promela wants them back as do/if blocks, so this recovers the
// tree from the jump pattern compile() emits (and says so loudly if that pattern ever changes).
#pragma once

#include "models/model.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

struct ProgramNode {
  enum class Kind : std::uint8_t { step, repeat, forever, choose };
  Kind kind = Kind::step;
  // step: its instruction (compute, sleep, send, receive, wait); repeat: its repeat_init; choose: the choose;
  // forever: its jump back to the top (which carries the `forever` step's mark).
  std::uint32_t pc = 0;
  std::vector<ProgramNode> body;                  // repeat and forever: the loop body; a non-blocking step: its else
  std::vector<std::vector<ProgramNode>> branches; // choose: one list per branch
};

using ProgramTree = std::vector<ProgramNode>;

// Throws std::logic_error when the code does not have the shape compile() gives it (a bug, not bad input).
ProgramTree program_structure(const Process &process);

} // namespace ipcsim
