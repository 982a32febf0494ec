#include "reports/promela_structure.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace ipcsim {
namespace {

// The shapes compile() emits (models/compile.cpp):
//   repeat:        repeat_init; repeat_next(exit); body...; jump(repeat_next); exit:
//   forever:       top: body...; jump(top)
//   choose:        choose(b0, b1, ...); b0: branch...; jump(exit); b1: branch...; jump(exit); ... exit:
//   non-blocking:  op(else: pc + 2); jump(after); else steps...; after:
// A jump that no construct consumes ends the sequence being decoded: it closes a repeat, forever or branch.
class Decoder {
public:
  explicit Decoder(const Process &process) : process_(process), code_(process.code) {
    // A backward jump to anything but a repeat_next closes a forever loop. Loops nested at the same top
    // share it; the outermost (the latest jump) comes first.
    for (std::uint32_t pc = 0; pc < code_.size(); ++pc)
      if (code_[pc].op == OpCode::jump && code_[pc].target <= pc && code_[code_[pc].target].op != OpCode::repeat_next)
        forevers_[code_[pc].target].push_back(pc);
    for (auto &[top, jumps] : forevers_)
      std::sort(jumps.begin(), jumps.end(), std::greater<>());
  }

  ProgramTree program() {
    ProgramTree nodes;
    expect(sequence(0, size(), 0, nodes) == size(), 0, "the program ends at a jump");
    return nodes;
  }

private:
  std::uint32_t size() const { return static_cast<std::uint32_t>(code_.size()); }

  void expect(bool ok, std::uint32_t pc, const char *what) const {
    if (!ok)
      throw std::logic_error("promela export: unexpected code in process " + process_.name + " at pc " +
                             std::to_string(pc) + ": " + what);
  }

  // Decodes from pc until `end` or an unconsumed jump, whichever comes first; returns where it stopped.
  // `opened` forever loops starting at pc are already being decoded by the caller.
  std::uint32_t sequence(std::uint32_t pc, std::uint32_t end, std::size_t opened, ProgramTree &out) {
    while (pc < end) {
      auto loops = forevers_.find(pc);
      if (loops != forevers_.end() && opened < loops->second.size()) {
        pc = forever(pc, loops->second[opened], opened + 1, out);
      } else if (code_[pc].op == OpCode::jump) {
        return pc;
      } else if (code_[pc].op == OpCode::repeat_init) {
        pc = repeat(pc, out);
      } else if (code_[pc].op == OpCode::choose) {
        pc = choose(pc, out);
      } else {
        pc = step(pc, out);
      }
      opened = 0;
    }
    return pc;
  }

  std::uint32_t forever(std::uint32_t top, std::uint32_t back, std::size_t opened, ProgramTree &out) {
    ProgramNode node{.kind = ProgramNode::Kind::forever, .pc = back};
    expect(sequence(top, back, opened, node.body) == back, top, "a forever body does not end at its jump back");
    out.push_back(std::move(node));
    return back + 1;
  }

  std::uint32_t repeat(std::uint32_t pc, ProgramTree &out) {
    expect(pc + 1 < size() && code_[pc + 1].op == OpCode::repeat_next, pc, "repeat_init without repeat_next");
    std::uint32_t exit = code_[pc + 1].target;
    ProgramNode node{.kind = ProgramNode::Kind::repeat, .pc = pc};
    std::uint32_t stop = sequence(pc + 2, size(), 0, node.body);
    expect(stop + 1 == exit && code_[stop].target == pc + 1, pc, "a repeat body does not end at its jump back");
    out.push_back(std::move(node));
    return exit;
  }

  std::uint32_t choose(std::uint32_t pc, ProgramTree &out) {
    const auto &starts = code_[pc].branches;
    expect(!starts.empty() && starts[0] == pc + 1, pc, "a choose without branches after it");
    ProgramNode node{.kind = ProgramNode::Kind::choose, .pc = pc};
    std::uint32_t exit = 0;
    for (std::size_t b = 0; b < starts.size(); ++b) {
      std::uint32_t stop = sequence(starts[b], size(), 0, node.branches.emplace_back());
      expect(stop < size() && (b + 1 == starts.size() || stop + 1 == starts[b + 1]), starts[b],
             "a choose branch does not end at its jump out");
      expect(b == 0 || code_[stop].target == exit, stop, "choose branches leave to different places");
      exit = code_[stop].target;
    }
    out.push_back(std::move(node));
    return exit;
  }

  std::uint32_t step(std::uint32_t pc, ProgramTree &out) {
    const Instruction &i = code_[pc];
    ProgramNode node{.kind = ProgramNode::Kind::step, .pc = pc};
    std::uint32_t next = pc + 1;
    if ((i.op == OpCode::send || i.op == OpCode::receive) && i.mode == Mode::nonblocking) {
      expect(next < size() && code_[next].op == OpCode::jump && i.target == pc + 2, pc, "no jump over the else");
      std::uint32_t after = code_[next].target;
      expect(sequence(pc + 2, after, 0, node.body) == after, pc, "an else does not end where its jump leads");
      next = after;
    }
    out.push_back(std::move(node));
    return next;
  }

  const Process &process_;
  const std::vector<Instruction> &code_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> forevers_;
};

} // namespace

ProgramTree program_structure(const Process &process) {
  return Decoder(process).program();
}

} // namespace ipcsim
