// Promela identifiers for a model's processes, channels and tags. Scenario names may hold characters
// Promela does not allow (phil[2], a->b, names with '-' or '.') and may collide with Promela keywords or
// with names in the C code SPIN generates, so every name gets a prefix by kind and is mangled:
//   process phil[2] -> p_phil_2,  mailbox fork[0] -> m_fork_0,  link a->b -> l_a_to_b,  tag ACQ -> t_ACQ.
// Any character other than a letter, a digit or '_' becomes '_' (a closing ']' is dropped), and a name that
// still clashes with an earlier one gets _2, _3, ... in model order, so the result is deterministic.
#pragma once

#include "models/model.hpp"

#include <string>
#include <vector>

namespace ipcsim {

struct PromelaNames {
  std::vector<std::string> processes; // by ProcId
  std::vector<std::string> channels;  // by ChannelId
  std::vector<std::string> tags;      // by TagId; tags[0] is the mtype of untagged messages
};

PromelaNames promela_names(const Model &model);

// The identifier of the repeat counter `counter` of a process (unique within its proctype).
std::string promela_counter(std::uint32_t counter);

} // namespace ipcsim
