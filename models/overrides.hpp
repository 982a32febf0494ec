// --set PATH=VALUE: changes the parsed YAML tree before it is interpreted, so an override is checked exactly
// like the file (and its expressions see params and replication).
//
// PATH is dot-separated. In a mapping a component is a key; the last component may add a missing key. In a
// list a component is an item's name or its index from 0: an item is named by its `name:` key, a mailbox
// by its `mailbox:` key, and a `link: [A, B]` by "A<->B" (either order), the name it gets in the
// scenario. Names may contain dots, so several components are joined when that names an item (the longest
// such name wins); a name is matched before an index. A replicated item is addressed by its own name
// (`phil`, not `phil[2]`): the tree holds the item, not its replicas.
// VALUE is parsed as YAML, so `unbounded`, `4`, `{max: 4KiB}` and `[a, b]` all work.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace ipcsim {

struct OverrideResult {
  std::string error;                // empty on success; else the message, without the `--set ...: error:`
  std::vector<YAML::Node> inserted; // nodes the override put into the tree: problems in them are its fault
};

OverrideResult apply_override(YAML::Node &root, const std::string &path, const std::string &value);

} // namespace ipcsim
