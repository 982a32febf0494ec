#include "reports/promela_refusals.hpp"

#include "models/step_walk.hpp"

#include <algorithm>
#include <limits>

namespace ipcsim {
namespace {

const std::string kInvalidOperation = "an invalid operation in ipcsim, which the Promela model does not detect";
const std::string kMessagePassingOnly = "the export maps message passing only";
const std::string kChannelsLive = "Promela channels exist for the whole run";

std::string channel_name(const Channel &c) {
  return (c.is_link ? "link " : "mailbox ") + c.name;
}

class Refusals {
public:
  Refusals(const Model &model, const std::vector<ProgramTree> &programs, const ProgramBounds &bounds)
      : model_(model), programs_(programs), bounds_(bounds) {}

  std::vector<Diagnostic> find() {
    declarations();
    for (const auto &spec : model_.scenario.processes)
      steps(spec.steps);
    for (ChannelId c = 0; c < model_.channels.size(); ++c)
      if (promela_channel_used(model_.channels[c]))
        channel(c);
    for (ProcId p = 0; p < model_.processes.size(); ++p) {
      for (const auto &i : model_.processes[p].code)
        instruction(p, i);
      loops(p, programs_[p]);
    }
    if (model_.processes.size() > kSpinMaxProcesses) {
      const Process &first_extra = model_.processes[kSpinMaxProcesses];
      refuse(first_extra.mark, "process " + first_extra.name + ", one of " + std::to_string(model_.processes.size()),
             "SPIN runs at most " + std::to_string(kSpinMaxProcesses) + " processes");
    }
    return std::move(out_);
  }

private:
  void refuse(SourceMark mark, const std::string &what, const std::string &why) {
    out_.push_back({mark, "cannot export to Promela: " + what + " (" + why + ")"});
  }

  // Declarations ipcsim's compiler does not accept yet either; checked here so that the export stays
  // honest once they are.
  void declarations() {
    for (const auto &c : model_.scenario.channels) {
      if (!c.owner.empty())
        refuse(c.mark, "user-space mailbox " + c.name + " (owner: " + c.owner + ")",
               "it disappears with its owner; " + kChannelsLive);
      if (!c.created)
        refuse(c.mark, "mailbox " + c.name + " created at run time (created: false)", kChannelsLive);
      if (c.delivery == Delivery::all)
        refuse(c.mark, "multicast delivery (delivery: all) on mailbox " + c.name,
               "a Promela message goes to exactly one receiver");
      if (c.exclusive_receive)
        refuse(c.mark, "exclusive_receive on mailbox " + c.name, "a second concurrent receive is " + kInvalidOperation);
    }
    for (const auto &s : model_.scenario.semaphores)
      refuse(s.mark, "semaphore " + s.name, kMessagePassingOnly);
    for (const auto &s : model_.scenario.segments)
      refuse(s.mark, "shared memory segment " + s.name, kMessagePassingOnly);
  }

  void steps(const Steps &list) {
    for_each_step(list, [&](const auto &op, SourceMark mark) { this->step(op, mark); });
  }
  void step(const MailboxStep &s, SourceMark mark) {
    refuse(mark, std::string(s.op == MailboxStep::Op::create ? "create: " : "delete: ") + s.mailbox, kChannelsLive);
  }
  void step(const GiveStep &s, SourceMark mark) {
    refuse(mark, "give: " + s.mailbox, "Promela channels have no receive privileges");
  }
  void step(const SemaphoreStep &s, SourceMark mark) {
    refuse(mark, std::string(s.op == SemaphoreStep::Op::acquire ? "acquire: " : "release: ") + s.semaphore,
           kMessagePassingOnly);
  }
  void step(const SegmentStep &s, SourceMark mark) {
    static const char *const names[] = {"attach: ", "detach: ", "read: ", "write: "};
    refuse(mark, names[static_cast<int>(s.op)] + s.segment, kMessagePassingOnly);
  }
  template <typename Other> void step(const Other &, SourceMark) {}

  void channel(ChannelId id) {
    const Channel &c = model_.channels[id];
    if (c.capacity_bytes && !c.rendezvous())
      refuse(c.mark, "capacity_bytes on " + channel_name(c), "Promela channels count messages, not bytes");
    if (c.capacity)
      return;
    if (ProcId p = bounds_.unlimited_sender(id); p != kNone)
      refuse(c.mark, "unbounded capacity of " + channel_name(c),
             "a Promela channel needs a bound, and " + model_.processes[p].name + " sends to it in a forever loop");
    else if (bounds_.sends_to(id) > kSpinMaxSlots)
      refuse(c.mark, "unbounded capacity of " + channel_name(c),
             "a Promela channel needs a bound, and up to " + std::to_string(bounds_.sends_to(id)) +
                 " messages may be sent to it, more than the " + std::to_string(kSpinMaxSlots) +
                 " a SPIN channel holds");
  }

  void instruction(ProcId p, const Instruction &i) {
    if (i.op == OpCode::wait)
      refuse(i.mark, "wait: " + handle(p, i), "it waits for an asynchronous operation, which Promela does not have");
    if (i.op == OpCode::repeat_init && i.times > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
      refuse(i.mark, "repeat: " + std::to_string(i.times), "more iterations than a Promela int counts");
    if (i.op == OpCode::send)
      send(p, i);
    if (i.op == OpCode::receive)
      receive(p, i);
  }

  std::string handle(ProcId p, const Instruction &i) const { return model_.processes[p].handle_names[i.handle]; }

  void send(ProcId p, const Instruction &i) {
    const Channel &c = model_.channels[i.channel];
    if (i.mode == Mode::async)
      refuse(i.mark, "asynchronous send (async: " + handle(p, i) + ")",
             "Promela has no operation that is posted now and completes later");
    if (i.mode == Mode::nonblocking && c.rendezvous())
      refuse(i.mark, "non-blocking send to " + channel_name(c) + ", a rendezvous channel",
             "it succeeds only when a receiver is already waiting, which Promela cannot test");
    std::uint64_t size = c.padded_size(i.size);
    if (c.too_large(i.size))
      refuse(i.mark,
             "a send of " + std::to_string(size) + " B to " + channel_name(c) + ", larger than its " +
                 (c.message_size.kind == MessageSize::Kind::fixed ? "fixed" : "maximum") + " message size of " +
                 std::to_string(c.message_size.bytes) + " B",
             kInvalidOperation);
  }

  void receive(ProcId p, const Instruction &i) {
    if (i.mode == Mode::async)
      refuse(i.mark, "asynchronous receive (async: " + handle(p, i) + ")",
             "Promela has no operation that is posted now and completes later");
    for (ChannelId id : i.sources) {
      const Channel &c = model_.channels[id];
      if (i.mode == Mode::nonblocking && c.rendezvous())
        refuse(i.mark, "non-blocking receive from " + channel_name(c) + ", a rendezvous channel",
               "it succeeds only when a sender is already waiting, which Promela cannot test");
      if (c.receivers && !std::binary_search(c.receivers->begin(), c.receivers->end(), p))
        refuse(i.mark,
               "a receive by " + model_.processes[p].name + " from " + channel_name(c) +
                   ", whose receivers leave it out",
               kInvalidOperation);
    }
  }

  void loops(ProcId p, const ProgramTree &nodes) {
    for (const auto &node : nodes) {
      if (node.kind == ProgramNode::Kind::forever && !bounds_.forever_ends(p, node))
        refuse(model_.processes[p].code[node.pc].mark, "a forever loop that may run without end",
               "SPIN reports a deadlock only when no process can move, ipcsim also when some are blocked forever "
               "while others run; each iteration must take a message, with a blocking receive, from finitely "
               "many sends for the verdicts to agree");
      loops(p, node.body);
      for (const auto &branch : node.branches)
        loops(p, branch);
    }
  }

  const Model &model_;
  const std::vector<ProgramTree> &programs_;
  const ProgramBounds &bounds_;
  std::vector<Diagnostic> out_;
};

} // namespace

bool promela_channel_used(const Channel &c) {
  return !c.senders_of.empty() || !c.receivers_of.empty();
}

std::vector<Diagnostic> promela_refusals(const Model &model, const std::vector<ProgramTree> &programs,
                                         const ProgramBounds &bounds) {
  return Refusals(model, programs, bounds).find();
}

} // namespace ipcsim
