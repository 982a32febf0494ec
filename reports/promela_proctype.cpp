#include "reports/promela_proctype.hpp"

#include "reports/promela_text.hpp"

#include <map>
#include <stdexcept>
#include <utility>

namespace ipcsim {
namespace {

std::string at_line(const Instruction &i, const std::string &what) {
  return "line " + std::to_string(i.mark.line) + ": " + what;
}

class ProctypeWriter {
public:
  ProctypeWriter(const Model &model, const PromelaNames &names, ProcId p)
      : model_(model), names_(names), p_(p), process_(model.processes[p]) {}

  std::string write(const ProgramTree &program) {
    std::vector<PromelaLine> lines;
    lines.push_back({0, "active proctype " + names_.processes[p_] + "()", ""});
    lines.push_back({0, "{", ""});
    PromelaSequence body = declarations();
    for (auto &block : sequence(program))
      body.push_back(std::move(block));
    if (body.empty()) // a process without steps ends at once
      body.push_back(promela_statement("skip"));
    for (auto &line : promela_sequence_lines(body, 4))
      lines.push_back(std::move(line));
    lines.push_back({0, "}", ""});
    std::string heading = "/* " + process_.name + " (line " + std::to_string(process_.mark.line) + ")" +
                          (process_.server ? ", server: its blocking receives are valid end states" : "") + " */\n";
    return heading + render_promela(lines, 0);
  }

private:
  // One local counter per repeat, as small a type as its count allows.
  PromelaSequence declarations() const {
    std::map<std::uint32_t, const Instruction *> repeats;
    for (const auto &i : process_.code)
      if (i.op == OpCode::repeat_init)
        repeats[i.counter] = &i;
    PromelaSequence out;
    for (const auto &[counter, i] : repeats) {
      const char *type = i->times <= 255 ? "byte" : i->times <= 32767 ? "short" : "int";
      out.push_back(
          promela_statement(std::string(type) + " " + promela_counter(counter), at_line(*i, "repeat counter")));
    }
    return out;
  }

  PromelaSequence sequence(const ProgramTree &nodes) {
    PromelaSequence out;
    for (const auto &node : nodes)
      append(node, out);
    return out;
  }

  void append(const ProgramNode &node, PromelaSequence &out) {
    const Instruction &i = process_.code[node.pc];
    switch (node.kind) {
    case ProgramNode::Kind::step:
      return out.push_back(step(i, node.body));
    case ProgramNode::Kind::repeat:
      return repeat(i, node.body, out);
    case ProgramNode::Kind::forever:
      return out.push_back(forever(i, node.body));
    case ProgramNode::Kind::choose:
      return out.push_back(choose(i, node.branches));
    }
  }

  // repeat N: the counter counts down; ipcsim's repeat_next is the do's two options.
  void repeat(const Instruction &i, const ProgramTree &body, PromelaSequence &out) {
    std::string n = promela_counter(i.counter);
    out.push_back(promela_statement(n + " = " + std::to_string(i.times), at_line(i, "repeat")));
    PromelaSequence loop = sequence(body);
    loop.insert(loop.begin(), promela_statement(n + "--"));
    PromelaBlock block{.lines = {{0, "do", ""}}};
    append_promela_option(block.lines, n + " > 0", loop);
    append_promela_option(block.lines, "else", {promela_statement("break")});
    block.lines.push_back({0, "od", ""});
    out.push_back(std::move(block));
  }

  // forever: a do with one option and no way out. SPIN refuses a label on an option's first statement, so
  // an end label there moves to the do itself, which is the same state.
  PromelaBlock forever(const Instruction &jump_back, const ProgramTree &body) {
    PromelaSequence loop = sequence(body);
    PromelaBlock block{.label = std::exchange(loop.front().label, ""),
                       .lines = {{0, "do", at_line(jump_back, "forever")}}};
    append_promela_option(block.lines, "", loop);
    block.lines.push_back({0, "od", ""});
    return block;
  }

  // choose: each branch behind a guard that always holds, so that the choice is made before any branch's
  // first step is tried (ipcsim commits to a branch, then takes its steps, which may block).
  PromelaBlock choose(const Instruction &i, const std::vector<ProgramTree> &branches) {
    PromelaBlock block{.lines = {{0, "if", at_line(i, "choose")}}};
    for (const auto &branch : branches)
      append_promela_option(block.lines, "true", sequence(branch));
    block.lines.push_back({0, "fi", ""});
    return block;
  }

  PromelaBlock step(const Instruction &i, const ProgramTree &on_fail) {
    switch (i.op) {
    case OpCode::compute:
      return promela_statement("skip", at_line(i, "compute"));
    case OpCode::sleep:
      return promela_statement("skip", at_line(i, "sleep"));
    case OpCode::send:
      return i.mode == Mode::blocking ? promela_statement(send_statement(i), at_line(i, "send"))
                                      : try_operation({guarded_send(i)}, on_fail, at_line(i, "non-blocking send"));
    case OpCode::receive:
      return i.mode == Mode::blocking ? blocking_receive(i) : nonblocking_receive(i, on_fail);
    default:
      throw std::logic_error("promela export: no Promela statement for this step (refused earlier)");
    }
  }

  std::string send_statement(const Instruction &i) const {
    return names_.channels[i.channel] + "!" + names_.tags[i.tag];
  }

  // SPIN refuses `else` next to a send or receive; nfull/nempty (or a poll) as the guard of an atomic
  // sequence tests and acts in one step, as ipcsim's non-blocking operation does.
  std::string guarded_send(const Instruction &i) const {
    return "atomic { nfull(" + names_.channels[i.channel] + ") -> " + send_statement(i) + " }";
  }

  // A plain receive takes the head of the channel, its oldest message: c?_. A tagged one takes the oldest
  // message with its tag wherever it is in the buffer: c??t_X (a rendezvous channel has no buffer: c?t_X
  // meets only a sender of that tag).
  std::string receive_statement(ChannelId c, TagId tag) const {
    const std::string &chan = names_.channels[c];
    if (tag == 0)
      return chan + "?_";
    return chan + (model_.channels[c].rendezvous() ? "?" : "??") + names_.tags[tag];
  }

  std::string guarded_receive(ChannelId c, TagId tag) const {
    const std::string &chan = names_.channels[c];
    std::string test = tag == 0 ? "nempty(" + chan + ")" : chan + "??[" + names_.tags[tag] + "]";
    return "atomic { " + test + " -> " + receive_statement(c, tag) + " }";
  }

  // A server may end blocked here: the statement gets an end label.
  PromelaBlock blocking_receive(const Instruction &i) {
    PromelaBlock block;
    if (i.sources.empty()) { // from: any with no link into the process: it never completes
      block = promela_statement("false", at_line(i, "receive from any, no link leads here"));
    } else if (i.sources.size() == 1) {
      block = promela_statement(receive_statement(i.sources[0], i.tag), at_line(i, "receive"));
    } else { // from: any: whichever link can deliver, each one explored (as the checker does)
      block.lines.push_back({0, "if", at_line(i, "receive from any")});
      for (ChannelId c : i.sources)
        block.lines.push_back({0, ":: " + receive_statement(c, i.tag), ""});
      block.lines.push_back({0, "fi", ""});
    }
    if (process_.server)
      block.label = "end" + std::to_string(end_labels_++);
    return block;
  }

  PromelaBlock nonblocking_receive(const Instruction &i, const ProgramTree &on_fail) {
    std::vector<std::string> options;
    for (ChannelId c : i.sources)
      options.push_back(guarded_receive(c, i.tag));
    return try_operation(options, on_fail,
                         at_line(i, i.sources.size() == 1 ? "non-blocking receive" : "non-blocking receive from any"));
  }

  // if :: <operation> :: else -> <else steps> fi
  PromelaBlock try_operation(const std::vector<std::string> &options, const ProgramTree &on_fail,
                             const std::string &comment) {
    PromelaBlock block{.lines = {{0, "if", comment}}};
    for (const auto &option : options)
      block.lines.push_back({0, ":: " + option, ""});
    append_promela_option(block.lines, "else", sequence(on_fail));
    block.lines.push_back({0, "fi", ""});
    return block;
  }

  const Model &model_;
  const PromelaNames &names_;
  ProcId p_;
  const Process &process_;
  int end_labels_ = 0;
};

} // namespace

std::string promela_proctype(const Model &model, const PromelaNames &names, ProcId p, const ProgramTree &program) {
  return ProctypeWriter(model, names, p).write(program);
}

} // namespace ipcsim
