// The limits of a scenario (README, "Limits"): far above any real scenario, they keep a mistaken or hostile
// file from exhausting the memory or the stack. Each is checked before the work it bounds is done: the size
// and the YAML nodes before yaml-cpp builds its tree, the replicas and the steps from the counts and the
// YAML aliases before anything is expanded (loader_size.hpp). Internal to the loader.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipcsim::loader {

constexpr std::size_t max_file_bytes = 16u << 20;
// yaml-cpp holds about 500 bytes per node: a 16 MiB file of one-character values would take 4 GB.
// An alias counts once here (it is one node in the tree); its expansion counts in max_steps.
constexpr std::uint64_t max_yaml_nodes = 1'000'000;
constexpr std::int64_t max_count = 1'000'000;  // replicas of one item
constexpr std::uint64_t max_items = 1'000'000; // processes, channels, semaphores and segments, after replication
constexpr std::uint64_t max_steps = 1'000'000; // steps, after replication and YAML aliases
constexpr int max_step_depth = 64;             // nesting of repeat/forever/choose/else

} // namespace ipcsim::loader
