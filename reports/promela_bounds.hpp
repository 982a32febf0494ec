// Finiteness facts the Promela export relies on, read off the structured programs:
// - how many messages can ever be sent to a channel (what bounds an unbounded channel soundly: a SPIN
//   channel of that many slots is never full, so its sends never block, as on an unbounded one);
// - whether every loop of a process ends, which makes every run of the model finite. Then a partial
//   deadlock (processes blocked forever while others run) always ends in a state where nothing can move,
//   the only kind of deadlock SPIN's invalid end states see.
#pragma once

#include "reports/promela_structure.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace ipcsim {

inline constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();

class ProgramBounds {
public:
  ProgramBounds(const Model &model, const std::vector<ProgramTree> &programs);

  // The most messages that all processes together may send to c along any of their paths; kUnlimited when
  // one sends to it inside a forever loop (or the count overflows).
  std::uint64_t sends_to(ChannelId c) const { return sends_[c]; }

  // The first process that may send to c without limit, or kNone.
  ProcId unlimited_sender(ChannelId c) const;

  // Whether every iteration of this forever loop takes a message, with a blocking receive, from channels
  // that finitely many sends feed: then the loop runs finitely often.
  bool forever_ends(ProcId p, const ProgramNode &forever) const;

private:
  std::uint64_t sends_in(ProcId p, ChannelId c) const;
  bool consumes(const std::vector<Instruction> &code, const ProgramTree &nodes) const;
  bool consumes(const std::vector<Instruction> &code, const ProgramNode &node) const;

  const Model &model_;
  const std::vector<ProgramTree> &programs_;
  std::vector<std::uint64_t> sends_;
};

} // namespace ipcsim
