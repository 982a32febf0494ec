// What a run measures from its events (README, "Costs and metrics"): per channel the messages, bytes,
// failures and losses, the time messages spent in the buffer and the buffer's level over time; per semaphore
// and segment their counts. Latencies are stamped by the simulator, which knows when a receive has returned.
#pragma once

#include "models/event.hpp"
#include "models/model.hpp"
#include "models/state.hpp"
#include "reports/run_result.hpp"
#include "sim/cost_model.hpp"
#include "sim/occupancy_tracker.hpp"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace ipcsim {

// A message taken by a receive: its receive-side costs are still to be paid, then its latency is known.
struct TakenMessage {
  ChannelId channel = kNone;
  std::uint32_t msg = 0;
  std::uint64_t size = 0;
  double send_start = 0;
};

class RunMetrics {
public:
  RunMetrics(const Model &model, RunResult &result);

  // One event at `now`, with the state after its transition; `send_start`: when the current send step of
  // the event's process began. Returns the message a recv_end took.
  std::optional<TakenMessage> observe(const Event &e, const State &state, double now, double send_start);

  std::uint64_t messages_received() const { return received_; }

  // At the end of the run: what is left in each buffer, the occupancy means, the memory reserved.
  void conclude(const State &state, double end_time, const CostModel &costs);

private:
  std::optional<TakenMessage> observe_message(const Event &e, const State &state, double now, double send_start);
  void track_level(ChannelId c, const State &state, double now);

  struct InFlight { // a message sent and not yet taken by all its recipients
    double send_start = 0;
    std::optional<double> buffered_at; // since when it sits in a buffer
    std::size_t takers_left = 1;       // a multicast message is taken by each of its recipients
  };

  const Model &model_;
  RunResult &result_;
  std::unordered_map<std::uint32_t, InFlight> in_flight_; // by message id
  std::vector<OccupancyTracker> levels_;                  // by channel
  OccupancyTracker total_level_;
  std::uint64_t received_ = 0;
};

} // namespace ipcsim
