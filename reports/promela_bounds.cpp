#include "reports/promela_bounds.hpp"

#include <algorithm>

namespace ipcsim {
namespace {

std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  return a > kUnlimited - b ? kUnlimited : a + b;
}

std::uint64_t multiply(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0)
    return 0;
  return a > kUnlimited / b ? kUnlimited : a * b;
}

// The most sends to c along any path through `nodes` (code after a forever loop is counted too, although
// it cannot run: an over-estimate, which is still a sound bound).
std::uint64_t max_sends(const std::vector<Instruction> &code, const ProgramTree &nodes, ChannelId c) {
  std::uint64_t total = 0;
  for (const auto &node : nodes) {
    const Instruction &i = code[node.pc];
    std::uint64_t here = 0;
    switch (node.kind) {
    case ProgramNode::Kind::step:
      here = std::max<std::uint64_t>(i.op == OpCode::send && i.channel == c ? 1 : 0, max_sends(code, node.body, c));
      break;
    case ProgramNode::Kind::repeat:
      here = multiply(i.times, max_sends(code, node.body, c));
      break;
    case ProgramNode::Kind::forever:
      here = max_sends(code, node.body, c) > 0 ? kUnlimited : 0;
      break;
    case ProgramNode::Kind::choose:
      for (const auto &branch : node.branches)
        here = std::max(here, max_sends(code, branch, c));
      break;
    }
    total = add(total, here);
  }
  return total;
}

} // namespace

ProgramBounds::ProgramBounds(const Model &model, const std::vector<ProgramTree> &programs)
    : model_(model), programs_(programs) {
  for (ChannelId c = 0; c < model.channels.size(); ++c) {
    std::uint64_t total = 0;
    for (ProcId p : model.channels[c].senders_of)
      total = add(total, sends_in(p, c));
    sends_.push_back(total);
  }
}

std::uint64_t ProgramBounds::sends_in(ProcId p, ChannelId c) const {
  return max_sends(model_.processes[p].code, programs_[p], c);
}

ProcId ProgramBounds::unlimited_sender(ChannelId c) const {
  for (ProcId p : model_.channels[c].senders_of)
    if (sends_in(p, c) == kUnlimited)
      return p;
  return kNone;
}

bool ProgramBounds::forever_ends(ProcId p, const ProgramNode &forever) const {
  return consumes(model_.processes[p].code, forever.body);
}

// Whether every path through `nodes` takes at least one message, with a blocking receive, from channels
// that finitely many sends feed.
bool ProgramBounds::consumes(const std::vector<Instruction> &code, const ProgramTree &nodes) const {
  return std::any_of(nodes.begin(), nodes.end(), [&](const ProgramNode &n) { return consumes(code, n); });
}

bool ProgramBounds::consumes(const std::vector<Instruction> &code, const ProgramNode &node) const {
  const Instruction &i = code[node.pc];
  switch (node.kind) {
  case ProgramNode::Kind::step:
    return i.op == OpCode::receive && i.mode == Mode::blocking &&
           std::all_of(i.sources.begin(), i.sources.end(), [&](ChannelId c) { return sends_[c] != kUnlimited; });
  case ProgramNode::Kind::repeat:
    return i.times > 0 && consumes(code, node.body);
  case ProgramNode::Kind::forever:
    return true; // what follows an inner forever never runs again; the inner loop is judged on its own
  case ProgramNode::Kind::choose:
    return std::all_of(node.branches.begin(), node.branches.end(),
                       [&](const ProgramTree &branch) { return consumes(code, branch); });
  }
  return false;
}

} // namespace ipcsim
