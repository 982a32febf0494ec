#include "models/deadlock.hpp"

#include "models/semantics.hpp"

#include <algorithm>
#include <span>
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

// Whether q's program lists an operation that could complete `blocked` at all.
bool listed(const Model& model, ProcId q, const Instruction& blocked) {
  auto has = [q](const std::vector<ProcId>& processes) {
    return std::find(processes.begin(), processes.end(), q) != processes.end();
  };
  if (blocked.op == OpCode::acquire)
    return true;
  if (blocked.op == OpCode::send)
    return has(model.channels[blocked.channel].receivers_of);
  return std::any_of(blocked.sources.begin(), blocked.sources.end(),
                     [&](ChannelId c) { return has(model.channels[c].senders_of); });
}

// Whether q could still end p's blocked operation `blocked`.
bool may_release(const Model& model, const State& state, ProcId p, const Instruction& blocked, ProcId q) {
  return q != p && alive(state, q) &&
         ((listed(model, q, blocked) && can_still(model, state, q, blocked)) ||
          can_end_mailbox(model, state, q, blocked));
}

} // namespace

bool may_release(const Model &model, const State &state, ProcId p, ProcId q) {
  return may_release(model, state, p, blocking_operation(model, state, p), q);
}

namespace {

// The greatest fixpoint: the blocked processes of which none can be released by a process outside the set
// (releases(p, q): q, one of candidates(p), could still end p's blocked operation). By process, 1 for those
// in it.
template <class Blocked, class Candidates, class Releases>
std::vector<char> stuck_processes(const State& state, Blocked blocked, Candidates candidates, Releases releases) {
  std::vector<char> in(state.procs.size(), 0);
  for (ProcId p = 0; p < state.procs.size(); ++p)
    in[p] = blocked(p);
  for (bool changed = true; changed;) {
    changed = false;
    for (ProcId p = 0; p < state.procs.size(); ++p)
      for (ProcId q : in[p] ? candidates(p) : std::span<const ProcId>{})
        if (!in[q] && releases(p, q)) {
          in[p] = 0, changed = true;
          break;
        }
  }
  return in;
}

// A server blocked in a receive: a normal way to end.
bool idle_server(const Model& model, ProcId p, const Instruction& blocked) {
  return blocked.op != OpCode::acquire && blocked.op != OpCode::send && model.processes[p].server;
}

// The operation p is blocked in, and the processes that could end it.
BlockedProcess blocked_process(const Model& model, const State& state, ProcId p) {
  const Process& process = model.processes[p];
  const Instruction& step = *model.instruction(p, state.procs[p].pc);
  const Instruction* i = &blocking_operation(model, state, p);
  BlockedProcess b{.proc = p, .idle_server = idle_server(model, p, *i)};
  std::string prefix = step.op == OpCode::wait ? "wait for " + process.handle_names[step.handle] + " (" : "";
  if (i->op == OpCode::acquire)
    b.waits_for = "acquire " + model.semaphores[i->semaphore].name;
  else if (i->op == OpCode::send)
    b.waits_for = prefix + "send on " + model.channels[i->channel].name;
  else
    b.waits_for = prefix + "receive from " + (i->sources.size() == 1 ? model.channels[i->sources[0]].name
                                                                    : "any (" + channel_list(model, i->sources) + ")");
  if (!prefix.empty())
    b.waits_for += ")";
  for (ProcId q : i->completers)
    if (may_release(model, state, p, *i, q))
      b.releasers.push_back(q);
    else if (state.procs[q].status == ProcStatus::crashed && listed(model, q, *i) && can_still(model, state, q, *i))
      b.crashed.push_back(q);
  return b;
}

} // namespace

BlockingAnalysis analyse_blocking(const Model& model, const State& state) {
  BlockingAnalysis a;
  bool any_ready = false;
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    bool gives_up = can_time_out(model, state, p);
    any_ready = any_ready || state.procs[p].status == ProcStatus::ready || gives_up;
    if (state.procs[p].status == ProcStatus::blocked && !gives_up)
      a.blocked.push_back(blocked_process(model, state, p));
  }
  std::vector<const std::vector<ProcId>*> releasers(state.procs.size(), nullptr);
  for (const auto& b : a.blocked)
    releasers[b.proc] = &b.releasers;
  std::vector<char> in = stuck_processes(
      state, [&](ProcId p) { return releasers[p] != nullptr; },
      [&](ProcId p) { return std::span<const ProcId>(*releasers[p]); }, [](ProcId, ProcId) { return true; });
  for (const auto& b : a.blocked)
    if (in[b.proc]) {
      a.stuck.push_back(b.proc);
      a.deadlock = a.deadlock || !b.idle_server;
    }
  a.global = a.deadlock && !any_ready;
  return a;
}

// The same greatest fixpoint as analyse_blocking, without names or lists: the checker asks it of every new state.
bool has_deadlock(const Model& model, const State& state, std::span<const ProcId> queued) {
  auto blocked = [&](ProcId p) {
    return (state.procs[p].status == ProcStatus::blocked || std::binary_search(queued.begin(), queued.end(), p)) &&
           !blocking_operation(model, state, p).timeout;
  };
  bool busy = false; // a blocked process that is not an idle server: only such a one makes a deadlock
  for (ProcId p = 0; p < state.procs.size() && !busy; ++p)
    busy = blocked(p) && !idle_server(model, p, blocking_operation(model, state, p));
  if (!busy)
    return false;
  std::vector<const Instruction*> waiting(state.procs.size(), nullptr);
  for (ProcId p = 0; p < state.procs.size(); ++p)
    if (blocked(p))
      waiting[p] = &blocking_operation(model, state, p);
  std::vector<char> in = stuck_processes(
      state, [&](ProcId p) { return waiting[p] != nullptr; },
      [&](ProcId p) { return std::span<const ProcId>(waiting[p]->completers); },
      [&](ProcId p, ProcId q) { return may_release(model, state, p, *waiting[p], q); });
  for (ProcId p = 0; p < state.procs.size(); ++p)
    if (in[p] && !idle_server(model, p, *waiting[p]))
      return true;
  return false;
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
    std::string what = b != analysis.blocked.end()                  ? "blocked in " + b->waits_for
                       : state.procs[p].status == ProcStatus::ready   ? "running"
                       : state.procs[p].status == ProcStatus::blocked ? "waiting, with a timeout"
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

std::string nobody_left(const Model& model, const BlockedProcess& b) {
  if (b.crashed.empty())
    return "no process left that could complete it";
  std::string who;
  for (ProcId q : b.crashed)
    who += (who.empty() ? "" : " and ") + model.processes[q].name;
  return "no process left that could complete it: " + who + (b.crashed.size() == 1 ? " has" : " have") + " crashed";
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
                    (!who.empty() ? ", waiting for " + who : " (" + nobody_left(model, b) + ")"));
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
