// Who waits for whom in a state: an edge P -> Q says that blocked process P can only be released by Q.
// A deadlock is a set of blocked processes closed under these edges (a cycle or a knot) that contains a
// process which is not a server idling in a receive. Both engines build it through models/ and
// reports/ draws it.
#pragma once

#include <string>
#include <vector>

namespace ipcsim {

struct WaitForGraph {
  struct Node {
    std::string process;
    std::string state;       // "blocked in send on jobs", "blocked in receive from any", "running", "ended", ...
    bool blocked = false;
    bool deadlocked = false; // member of a deadlocked set
  };
  struct Edge {
    std::size_t from = 0;    // index into nodes
    std::size_t to = 0;
    std::string label;       // what `from` waits for, e.g. "send on jobs"
    bool in_cycle = false;   // both ends deadlocked
  };
  std::vector<Node> nodes;   // in process order
  std::vector<Edge> edges;   // sorted by (from, to)
};

} // namespace ipcsim
