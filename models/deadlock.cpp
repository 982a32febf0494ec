#include "models/deadlock.hpp"

#include "models/semantics.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {
namespace {

bool alive(const State& state, ProcId p) {
  auto status = state.procs[p].status;
  return status == ProcStatus::ready || status == ProcStatus::blocked;
}

std::string channel_list(const Model& model, const std::vector<ChannelId>& channels) {
  std::string out;
  for (ChannelId c : channels)
    out += (out.empty() ? "" : ", ") + model.channels[c].name;
  return out;
}

// Whether q's remaining program may still complete `blocked` (a send on its channel for a blocked receive,
// a receive from its channel for a blocked send, a release of its semaphore for a blocked acquire).
bool can_still(const Model& model, const State& state, ProcId q, const Instruction& blocked) {
  const Process& process = model.processes[q];
  std::uint32_t pc = state.procs[q].pc;
  auto has = [](const std::vector<std::uint32_t>& ahead, std::uint32_t c) {
    return std::binary_search(ahead.begin(), ahead.end(), c);
  };
  if (blocked.op == OpCode::acquire)
    return has(process.releases_ahead[pc], blocked.semaphore);
  if (blocked.op == OpCode::send)
    return has(process.receives_ahead[pc], blocked.channel);
  return std::any_of(blocked.sources.begin(), blocked.sources.end(),
                     [&](ChannelId c) { return has(process.sends_ahead[pc], c); });
}

// Whether q may still make the mailbox of `blocked` cease to exist, which ends the operation (as an invalid
// one): by deleting it, or as its owner by stopping.
bool can_end_mailbox(const Model& model, const State& state, ProcId q, const Instruction& blocked) {
  if (blocked.op == OpCode::acquire)
    return false;
  const auto& lifecycles = model.processes[q].lifecycles_ahead[state.procs[q].pc];
  auto ends = [&](ChannelId c) {
    return model.channels[c].owner == q || std::binary_search(lifecycles.begin(), lifecycles.end(), c);
  };
  return blocked.op == OpCode::send ? ends(blocked.channel)
                                    : std::any_of(blocked.sources.begin(), blocked.sources.end(), ends);
}

// The operation p is blocked in, and the processes that could end it.
BlockedProcess blocked_process(const Model& model, const State& state, ProcId p) {
  const Process& process = model.processes[p];
  const Instruction& step = *model.instruction(p, state.procs[p].pc);
  const Instruction* i = &blocking_operation(model, state, p);
  BlockedProcess b{.proc = p};
  std::string prefix = step.op == OpCode::wait ? "wait for " + process.handle_names[step.handle] + " (" : "";
  std::vector<ProcId> candidates;
  if (i->op == OpCode::acquire) {
    b.waits_for = "acquire " + model.semaphores[i->semaphore].name;
    for (ProcId q = 0; q < model.processes.size(); ++q)
      candidates.push_back(q);
  } else if (i->op == OpCode::send) {
    b.waits_for = prefix + "send on " + model.channels[i->channel].name;
    candidates = model.channels[i->channel].receivers_of;
  } else {
    b.waits_for = prefix + "receive from " + (i->sources.size() == 1 ? model.channels[i->sources[0]].name
                                                                    : "any (" + channel_list(model, i->sources) + ")");
    for (ChannelId c : i->sources)
      candidates.insert(candidates.end(), model.channels[c].senders_of.begin(), model.channels[c].senders_of.end());
    b.idle_server = process.server;
  }
  if (!prefix.empty())
    b.waits_for += ")";
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (ProcId q = 0; q < model.processes.size(); ++q) {
    bool listed = std::binary_search(candidates.begin(), candidates.end(), q);
    if (q != p && alive(state, q) && ((listed && can_still(model, state, q, *i)) || can_end_mailbox(model, state, q, *i)))
      b.releasers.push_back(q);
  }
  return b;
}

} // namespace

BlockingAnalysis analyse_blocking(const Model& model, const State& state) {
  BlockingAnalysis a;
  bool any_ready = false;
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    any_ready = any_ready || state.procs[p].status == ProcStatus::ready;
    if (state.procs[p].status == ProcStatus::blocked)
      a.blocked.push_back(blocked_process(model, state, p));
  }
  // Shrink to the greatest fixpoint: drop any process with a releaser outside the set.
  std::vector<bool> in(state.procs.size(), false);
  for (const auto& b : a.blocked)
    in[b.proc] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& b : a.blocked)
      if (in[b.proc] && std::any_of(b.releasers.begin(), b.releasers.end(), [&](ProcId q) { return !in[q]; }))
        in[b.proc] = false, changed = true;
  }
  for (const auto& b : a.blocked)
    if (in[b.proc]) {
      a.stuck.push_back(b.proc);
      a.deadlock = a.deadlock || !b.idle_server;
    }
  a.global = a.deadlock && !any_ready;
  return a;
}

WaitForGraph wait_for_graph(const Model& model, const State& state, const BlockingAnalysis& analysis) {
  WaitForGraph g;
  std::vector<bool> shown(model.processes.size(), false);
  for (const auto& b : analysis.blocked) {
    shown[b.proc] = true;
    for (ProcId q : b.releasers)
      shown[q] = true;
  }
  std::vector<std::size_t> node_of(model.processes.size(), 0);
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    if (!shown[p])
      continue;
    node_of[p] = g.nodes.size();
    auto b = std::find_if(analysis.blocked.begin(), analysis.blocked.end(), [&](const auto& x) { return x.proc == p; });
    bool stuck = std::find(analysis.stuck.begin(), analysis.stuck.end(), p) != analysis.stuck.end();
    std::string what = b != analysis.blocked.end() ? "blocked in " + b->waits_for
                       : state.procs[p].status == ProcStatus::ready ? "running"
                                                                     : "ended";
    g.nodes.push_back({model.processes[p].name, what, b != analysis.blocked.end(), stuck && analysis.deadlock});
  }
  for (const auto& b : analysis.blocked)
    for (ProcId q : b.releasers) {
      bool cycle = g.nodes[node_of[b.proc]].deadlocked && g.nodes[node_of[q]].deadlocked;
      g.edges.push_back({node_of[b.proc], node_of[q], b.waits_for, cycle});
    }
  return g;
}

std::vector<std::string> describe_stuck(const Model& model, const BlockingAnalysis& analysis) {
  std::vector<std::string> lines;
  for (const auto& b : analysis.blocked) {
    if (std::find(analysis.stuck.begin(), analysis.stuck.end(), b.proc) == analysis.stuck.end())
      continue;
    std::string who;
    for (ProcId q : b.releasers)
      who += (who.empty() ? "" : " or ") + model.processes[q].name;
    lines.push_back(model.processes[b.proc].name + " is blocked in " + b.waits_for +
                    (who.empty() ? " (no process left that could complete it)" : ", waiting for " + who));
  }
  return lines;
}

std::string deadlock_headline(const BlockingAnalysis& analysis) {
  return analysis.global ? "deadlock: every remaining process is blocked forever"
                         : "deadlock: some processes are blocked forever while others run";
}

std::string describe_deadlock(const Model& model, const BlockingAnalysis& analysis) {
  std::string out = deadlock_headline(analysis);
  std::string sep = ": ";
  for (const auto& line : describe_stuck(model, analysis)) {
    out += sep + line;
    sep = "; ";
  }
  return out;
}

} // namespace ipcsim
