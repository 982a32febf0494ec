// A map keyed by yaml-cpp node identity: every use of a YAML alias is the same node as its anchor, so what is
// known about a node (its step count, that it was read) holds for all its uses. yaml-cpp shows identity only
// through Node::is(), so nodes are bucketed by their position in the text and told apart with is(). Internal
// to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ipcsim::loader {

template <class T> class NodeMap {
public:
  // The value stored for `node`, or nullptr.
  const T *find(const YAML::Node &node) const {
    auto bucket = buckets_.find(position(node));
    if (bucket == buckets_.end())
      return nullptr;
    for (const auto &[key, value] : bucket->second)
      if (key.is(node))
        return &value;
    return nullptr;
  }
  T *find(const YAML::Node &node) { return const_cast<T *>(static_cast<const NodeMap &>(*this).find(node)); }

  // Stores `value` for `node`, replacing what was there.
  T &set(const YAML::Node &node, T value) {
    if (T *found = find(node)) {
      *found = std::move(value);
      return *found;
    }
    auto &bucket = buckets_[position(node)];
    bucket.emplace_back(node, std::move(value));
    return bucket.back().second;
  }

private:
  // Distinct nodes of a parsed text have distinct positions, save for a mapping and its first key; nodes made
  // in memory (no position) share one bucket, and there are few of them.
  static std::uint64_t position(const YAML::Node &node) {
    YAML::Mark mark = node.Mark();
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(mark.line)) << 32 |
           static_cast<std::uint32_t>(mark.column);
  }

  std::unordered_map<std::uint64_t, std::vector<std::pair<YAML::Node, T>>> buckets_;
};

} // namespace ipcsim::loader
