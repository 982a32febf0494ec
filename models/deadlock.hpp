// Who is blocked, on what, and who could release them: the analysis behind deadlock verdicts (both
// engines) and the wait-for graph (reports/).
#pragma once

#include "models/model.hpp"
#include "models/state.hpp"
#include "models/wait_for_graph.hpp"

#include <span>
#include <string>
#include <vector>

namespace ipcsim {

struct BlockedProcess {
  ProcId proc = kNone;
  std::string waits_for;       // "send on jobs", "receive from any", "wait for h1 (receive from jobs)"
  std::vector<ProcId> releasers; // the processes whose programs could complete the operation, still alive
  std::vector<ProcId> crashed;   // those that could have completed it but crashed: why it waits forever
  bool idle_server = false;    // a server blocked in a receive: a normal way to end
};

// "no process left that could complete it", and who crashed, if a crash is why.
std::string nobody_left(const Model &model, const BlockedProcess &b);

struct BlockingAnalysis {
  std::vector<BlockedProcess> blocked; // in process order
  // The largest set of blocked processes whose every possible releaser is itself in the set: none of them
  // can ever move again. A deadlock when it holds a process that is not an idle server.
  std::vector<ProcId> stuck;
  bool deadlock = false;
  bool global = false;         // and no process can move at all
};

BlockingAnalysis analyse_blocking(const Model& model, const State& state);

// analyse_blocking(model, state).deadlock, faster: nothing is named or listed. The ready processes of `queued`
// (sorted) count as blocked in their current send or receive, as they would be once they had taken it with
// no partner there: the checker's fused rendezvous (checker/search_steps.hpp) asks this of the state before
// building that one.
bool has_deadlock(const Model& model, const State& state, std::span<const ProcId> queued = {});

// Whether q could still end blocked process p's operation: q is alive and its remaining program may still do
// the complementary operation, or make p's mailbox cease to exist. The edge of the analysis above.
bool may_release(const Model &model, const State &state, ProcId p, ProcId q);

WaitForGraph wait_for_graph(const Model& model, const State& state, const BlockingAnalysis& analysis);

// "deadlock: every remaining process is blocked forever" or "...while others run".
std::string deadlock_headline(const BlockingAnalysis& analysis);

// One line per deadlocked process: "A is blocked in receive from B->A, waiting for B".
std::vector<std::string> describe_stuck(const Model& model, const BlockingAnalysis& analysis);

// "deadlock: A is blocked in receive from B->A, waiting for B; B is blocked in ..." (one line).
std::string describe_deadlock(const Model& model, const BlockingAnalysis& analysis);

} // namespace ipcsim
