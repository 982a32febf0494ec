// The tree a breadth-first search grows: for each state, numbered in the order the search found it, the state
// it was first reached from and by which choice. A schedule to any state is read back up the tree.
#pragma once

#include "checker/visited_set.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ipcsim {

class SearchTree {
public:
  // The next state: the initial state is added first, with no parent.
  void add(StateIndex parent, std::uint32_t choice) {
    parent_.push_back(parent);
    via_.push_back(choice);
  }

  // The choices from the initial state to state `index`.
  std::vector<std::uint32_t> path(StateIndex index) const {
    std::vector<std::uint32_t> out;
    for (StateIndex s = index; s != 0; s = parent_[s])
      out.push_back(via_[s]);
    std::reverse(out.begin(), out.end());
    return out;
  }

  // The choices from the initial state to state `index`, then `last`.
  std::vector<std::uint32_t> choices(StateIndex index, std::uint32_t last) const {
    std::vector<std::uint32_t> out = path(index);
    out.push_back(last);
    return out;
  }

  std::size_t size() const { return parent_.size(); }

  std::size_t memory_bytes() const { return parent_.capacity() * sizeof(StateIndex) + via_.capacity() * 4; }

private:
  std::vector<StateIndex> parent_;
  std::vector<std::uint32_t> via_;
};

} // namespace ipcsim
