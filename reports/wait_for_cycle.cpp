#include "reports/wait_for_cycle.hpp"

#include <algorithm>

namespace ipcsim {
namespace {

// Edges among deadlocked nodes only, in edge order: a cycle elsewhere is no deadlock.
std::vector<std::vector<std::size_t>> deadlocked_successors(const WaitForGraph &g) {
  std::vector<std::vector<std::size_t>> next(g.nodes.size());
  for (const auto &e : g.edges)
    if (g.nodes[e.from].deadlocked && g.nodes[e.to].deadlocked)
      next[e.from].push_back(e.to);
  return next;
}

// A path from `from` back to `target`, depth-first in edge order; empty when there is none.
bool path_to(const std::vector<std::vector<std::size_t>> &next, std::size_t from, std::size_t target,
             std::vector<bool> &seen, std::vector<std::size_t> &path) {
  path.push_back(from);
  for (std::size_t to : next[from]) {
    if (to == target)
      return true;
    if (!seen[to]) {
      seen[to] = true;
      if (path_to(next, to, target, seen, path))
        return true;
    }
  }
  path.pop_back();
  return false;
}

std::vector<std::size_t> cycle_through(const std::vector<std::vector<std::size_t>> &next, std::size_t node) {
  std::vector<bool> seen(next.size(), false);
  std::vector<std::size_t> path;
  path_to(next, node, node, seen, path);
  return path;
}

} // namespace

WaitForCycle find_wait_for_cycle(const WaitForGraph &graph) {
  auto next = deadlocked_successors(graph);
  WaitForCycle out;
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    if (!graph.nodes[n].deadlocked)
      continue;
    bool on_cycle = !cycle_through(next, n).empty();
    if (on_cycle && out.cycle.empty())
      out.cycle = cycle_through(next, n);
    else if (on_cycle && std::find(out.cycle.begin(), out.cycle.end(), n) == out.cycle.end())
      out.knot.push_back(n);
    else if (!on_cycle)
      out.behind.push_back(n);
  }
  return out;
}

} // namespace ipcsim
