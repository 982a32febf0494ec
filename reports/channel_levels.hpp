// How many messages each channel's buffer held, read back from a trace: a message enters the buffer at a
// `send_end` without `peer` (docs/semantics.md: accepted before any receiver took it) and leaves it when its
// last taker's `recv_end` comes (one taker, or every listed receiver of a `delivery: all` mailbox), or when it
// is `lost`. Messages handed straight to a waiting receiver, or held by a blocked sender, never count. This is
// what the simulator's occupancy measures, rebuilt from the events alone, for pictures of a trace.
#pragma once

#include "models/model.hpp"
#include "models/trace_event.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ipcsim {

// A buffer's new level, right after `event` (an index into the trace).
struct LevelChange {
  std::size_t event = 0;
  ChannelId channel = 0;
  std::uint64_t messages = 0;
};

// Every change of every channel's level, in trace order. Events on names that are not channels of `model`
// (semaphores, segments) are passed over.
std::vector<LevelChange> channel_levels(const Model &model, const std::vector<TraceEvent> &events);

} // namespace ipcsim
