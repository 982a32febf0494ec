#include "reports/promela_export.hpp"

#include "reports/promela_bounds.hpp"
#include "reports/promela_data_refusals.hpp"
#include "reports/promela_names.hpp"
#include "reports/promela_proctype.hpp"
#include "reports/promela_refusals.hpp"
#include "reports/promela_structure.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

// The mapping, said once at the top of every model (docs/promela-export.md says it at length).
const char *const kMapping = R"( * Mapping.
 * - A message is its tag, one mtype field: no exported step depends on its size or sender.
 * - Capacity N is a channel of N slots, capacity 0 a rendezvous channel [0]. An unbounded channel gets as
 *   many slots as messages may ever be sent to it, so that its sends never block either.
 * - A receive takes the oldest message it wants: c?_ takes the head of the channel; a tagged receive
 *   c??t_X takes the oldest message with that tag and leaves the others in place (c?t_X at a rendezvous).
 *   A receive from any is an if over the links into the process: every link that can deliver is explored.
 * - A non-blocking operation is atomic { nfull(c) -> c!m } or atomic { nempty(c) -> c?_ } (a poll c??[t_X]
 *   for a tag) against else, so that it tests and acts in one step, as in ipcsim.
 * - compute and sleep are skip (time-free, like ipcsim's checker). repeat N counts a local down in a do
 *   loop; forever is a do without exit; choose is an if whose options all start with true, so that the
 *   branch is chosen before its first step is tried.
 * - Deadlock. A process that has ended is a valid end state for SPIN, and so is a server: true process at
 *   one of its blocking receives (end labels); a process stuck anywhere else is an invalid end state, as it
 *   is a deadlock for ipcsim. SPIN sees only states in which no process can move, while ipcsim also reports
 *   processes blocked forever while others run. They agree because every loop here ends (a forever loop is
 *   exported only when each iteration takes a message that finitely many sends provide): every run is
 *   finite, so a partial deadlock always leads to a state in which nothing can move.
 *
 * States. SPIN's state counts differ from ipcsim's, its verdicts do not. ipcsim makes blocking a step of its
 * own (the process joins the channel's FIFO of waiting senders or receivers), admits blocked senders in that
 * order and hands a message straight to a waiting receiver. A SPIN process just waits at a statement that
 * is not executable, a buffered channel is a plain FIFO queue (a message for a waiting receiver is buffered,
 * then received: two steps), and a loop's counter updates are steps of their own.
 */
)";

std::string parameters(const Scenario &s) {
  std::string out;
  for (const auto &[name, value] : s.params)
    out += (out.empty() ? "" : ", ") + name + "=" + std::to_string(value);
  return out.empty() ? "none" : out;
}

std::string capacity_note(const Channel &c, std::uint64_t slots) {
  if (!c.capacity)
    return fmt::format("unbounded: {} slots, as many as messages may be sent to it", slots);
  return c.rendezvous() ? "capacity 0 (rendezvous)" : fmt::format("capacity {}", *c.capacity);
}

class Writer {
public:
  Writer(const Model &model, const PromelaNames &names, const ProgramBounds &bounds)
      : model_(model), names_(names), bounds_(bounds) {}

  // A channel's slots: its capacity, or for an unbounded one every message that may be sent to it (at least
  // one: [0] would make it a rendezvous).
  std::uint64_t slots(ChannelId c) const {
    const Channel &channel = model_.channels[c];
    return channel.capacity ? *channel.capacity : std::max<std::uint64_t>(1, bounds_.sends_to(c));
  }

  std::string header() const {
    const Scenario &s = model_.scenario;
    std::string out = "/*\n";
    out += fmt::format(" * Promela model of ipcsim scenario {} ({}),\n", s.name, s.file);
    out += " * written by `ipcsim export promela`. Parameters: " + parameters(s) + ".\n *\n";
    out += fmt::format(" * Check it with SPIN 6.5.2 (a deadlock shows as \"invalid end state\"):\n"
                       " *   spin -a {0}.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan -m1000000\n",
                       s.name);
    out += properties_note();
    out += " *\n * Names. Promela identifiers keep letters, digits and '_'; any other character becomes '_' and\n"
           " * a replica index phil[2] becomes phil_2. A prefix keeps the kinds apart and clear of keywords: p_\n"
           " * process, m_ mailbox, l_ one direction of a link, t_ tag (no_tag: untagged). A name that still\n"
           " * clashes gets _2, _3, ...; n0, n1, ... are a process's repeat counters.\n";
    out += names_table();
    out += " *\n";
    out += kMapping;
    return out;
  }

  std::string declarations() const {
    std::string out = "mtype = { ";
    for (std::size_t t = 0; t < names_.tags.size(); ++t)
      out += (t ? ", " : "") + names_.tags[t];
    out += " };\n\n";
    for (ChannelId c = 0; c < model_.channels.size(); ++c)
      if (promela_channel_used(model_.channels[c]))
        out += fmt::format("chan {} = [{}] of {{ mtype }};\n", names_.channels[c], slots(c));
    return out;
  }

private:
  std::string properties_note() const {
    const Properties &p = model_.scenario.properties;
    std::vector<std::string> left_out;
    if (!p.rendezvous.empty())
      left_out.push_back("rendezvous");
    if (p.lost_messages)
      left_out.push_back("lost_messages");
    if (p.undelivered)
      left_out.push_back("undelivered");
    std::string out;
    if (!p.deadlock)
      out += " * The scenario does not watch deadlock (deadlock: false); SPIN checks it anyway.\n";
    for (const auto &name : left_out)
      out += " * Only deadlock is exported: the scenario's property " + name + " is not checked here.\n";
    return out;
  }

  std::string names_table() const {
    std::string out;
    auto row = [&](const std::string &what, const std::string &promela) {
      out += fmt::format(" *   {:<28} {}\n", what, promela);
    };
    for (ProcId p = 0; p < model_.processes.size(); ++p)
      row("process " + model_.processes[p].name,
          names_.processes[p] + (model_.processes[p].server ? " (server: true)" : ""));
    for (ChannelId c = 0; c < model_.channels.size(); ++c) {
      const Channel &channel = model_.channels[c];
      std::string what = (channel.is_link ? "link " : "mailbox ") + channel.name;
      if (promela_channel_used(channel))
        row(what, names_.channels[c] + ", " + capacity_note(channel, slots(c)));
      else if (!channel.is_link) // an unused link direction is the norm (one-way links), not worth a line
        row(what, "no step uses it: left out");
    }
    for (std::size_t t = 1; t < model_.tags.size(); ++t)
      row("tag " + model_.tags[t], names_.tags[t]);
    return out;
  }

  const Model &model_;
  const PromelaNames &names_;
  const ProgramBounds &bounds_;
};

} // namespace

PromelaExport export_promela(const Model &model) {
  if (PromelaExport refused{.refusals = promela_data_refusals(model)}; !refused.refusals.empty())
    return refused;
  std::vector<ProgramTree> programs;
  for (const auto &process : model.processes)
    programs.push_back(program_structure(process));
  ProgramBounds bounds(model, programs);
  PromelaExport result{.refusals = promela_refusals(model, programs, bounds)};
  if (!result.refusals.empty())
    return result;
  PromelaNames names = promela_names(model);
  Writer writer(model, names, bounds);
  result.text = writer.header() + "\n" + writer.declarations();
  for (ProcId p = 0; p < model.processes.size(); ++p)
    result.text += "\n" + promela_proctype(model, names, p, programs[p]);
  return result;
}

std::string promela_model(const Model &model) {
  PromelaExport result = export_promela(model);
  if (!result.refusals.empty()) {
    Diagnostics diagnostics(model.scenario.file);
    for (const auto &d : result.refusals)
      diagnostics.error(d.mark, d.message);
    diagnostics.throw_if_any();
  }
  return result.text;
}

} // namespace ipcsim
