#include "sim/run_metrics.hpp"

namespace ipcsim {

RunMetrics::RunMetrics(const Model &model, RunResult &result)
    : model_(model), result_(result), levels_(model.channels.size()) {
  result_.channels.resize(model.channels.size());
  result_.semaphores.resize(model.semaphores.size());
  result_.segments.resize(model.segments.size());
}

std::optional<TakenMessage> RunMetrics::observe(const Event &e, const State &state, double now, double send_start) {
  switch (e.kind) {
  case EventKind::acquire:
    result_.semaphores[e.semaphore].acquires += 1;
    break;
  case EventKind::release:
    result_.semaphores[e.semaphore].releases += 1;
    break;
  case EventKind::block:
    if (e.semaphore != kNone)
      result_.semaphores[e.semaphore].blocked_acquires += 1;
    break;
  case EventKind::read:
    result_.segments[e.segment].reads += 1;
    result_.segments[e.segment].bytes_read += e.size;
    break;
  case EventKind::write:
    result_.segments[e.segment].writes += 1;
    result_.segments[e.segment].bytes_written += e.size;
    break;
  default:
    break;
  }
  if (e.channel == kNone)
    return std::nullopt;
  return observe_message(e, state, now, send_start);
}

std::optional<TakenMessage> RunMetrics::observe_message(const Event &e, const State &state, double now,
                                                        double send_start) {
  ChannelCounts &c = result_.channels[e.channel];
  std::optional<TakenMessage> taken;
  switch (e.kind) {
  case EventKind::send_begin: {
    const Channel &channel = model_.channels[e.channel];
    in_flight_[e.msg] = {.send_start = send_start, .takers_left = channel.multicast ? channel.receivers->size() : 1};
    break;
  }
  case EventKind::send_end:
    if (e.peer == kNone) // accepted into the buffer rather than handed to a receiver
      in_flight_[e.msg].buffered_at = now;
    break;
  case EventKind::recv_end: {
    c.messages += 1;
    c.bytes += e.size;
    received_ += 1;
    auto m = in_flight_.find(e.msg);
    if (m->second.buffered_at)
      c.time_in_buffer += now - *m->second.buffered_at;
    taken = TakenMessage{e.channel, e.msg, e.size, m->second.send_start};
    if (--m->second.takers_left == 0)
      in_flight_.erase(m);
    break;
  }
  case EventKind::send_failed:
    c.failed_sends += 1;
    in_flight_.erase(e.msg);
    break;
  case EventKind::send_timeout: // the message was never accepted
    in_flight_.erase(e.msg);
    break;
  case EventKind::lost:
    c.lost += 1;
    c.lost_to_faults += e.fault ? 1 : 0;
    in_flight_.erase(e.msg);
    break;
  case EventKind::duplicate: // one more copy to take
    c.duplicated += 1;
    in_flight_[e.msg].takers_left += 1;
    break;
  case EventKind::recv_failed:
    c.failed_receives += 1;
    break;
  default:
    break;
  }
  track_level(e.channel, state, now);
  return taken;
}

void RunMetrics::track_level(ChannelId c, const State &state, double now) {
  const ChannelState &cs = state.channels[c];
  OccupancyTracker &level = levels_[c];
  std::uint64_t messages = total_level_.messages() - level.messages() + cs.buffer.size();
  std::uint64_t bytes = total_level_.bytes() - level.bytes() + cs.bytes;
  level.move_to(now, cs.buffer.size(), cs.bytes);
  total_level_.move_to(now, messages, bytes);
}

void RunMetrics::conclude(const State &state, double end_time, const CostModel &costs) {
  for (ChannelId c = 0; c < model_.channels.size(); ++c) {
    ChannelCounts &counts = result_.channels[c];
    counts.left_buffered = state.channels[c].buffer.size();
    counts.occupancy = levels_[c].over(end_time);
    counts.memory_reserved = costs.reserved_memory(c, counts.occupancy.peak_bytes);
  }
  result_.occupancy = total_level_.over(end_time);
}

} // namespace ipcsim
