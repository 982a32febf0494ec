// How a name written in a step tells a run-time index from a load-time one (SCENARIO_FORMAT.md, "Run-time
// names"): `"reply[c]"` names the replica of `reply` that the expression `c` gives when the step runs, while
// `"reply[2]"` (also what `"reply[${i}]"` becomes once expanded) is a plain name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipcsim {

struct IndexedNameText {
  std::string family; // "reply"
  std::string index;  // "c"
  std::size_t index_offset = 0; // of the index's first character in the name
};

// The family and index of `name` when its brackets hold anything but digits (an identifier or an operator);
// nullopt for a plain name.
std::optional<IndexedNameText> runtime_indexed(const std::string &name);

// What an index that chose none of the replicas did, for the error at load time and at run time:
// "index 3 of 'reply[c]' is outside reply[0] to reply[2]", "'node[k]' is node[1], the process itself".
std::string index_outside(const std::string &family, const std::string &index, std::int64_t value,
                          std::size_t count);
std::string index_is_self(const std::string &family, const std::string &index, std::int64_t value);

} // namespace ipcsim
