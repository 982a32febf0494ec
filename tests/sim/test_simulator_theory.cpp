// The simulator against queueing theory. Poisson arrivals offered by non-blocking sends to a server with
// exponential service behind a buffer of C slots is an M/M/1/K queue with K = C + 1 (the message in service
// has left the buffer): the fraction of sends that fail must be the closed-form blocking probability, and
// the buffer's mean occupancy the closed-form mean queue length. Little's law ties the occupancy, the
// throughput and the time in the buffer together. One simulate() per TEST_CASE.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

constexpr int kArrivals = 200'000;
constexpr int kBatches = 20;

struct QueueRun {
  RunResult result;
  std::vector<bool> failed; // per arrival, in order
};

// Arrivals at rate 1/ms; service time exponential with mean rho ms, so the offered load is rho.
QueueRun loss_system(int slots, double rho) {
  std::string yaml = fmt::format(R"(
scenario: mm1k
seed: 2026
channels:
  - {{mailbox: queue, capacity: {}}}
processes:
  - name: arrivals
    do:
      - repeat: {}
        do:
          - sleep: {{exponential: 1ms}}
          - send: {{to: queue, size: 100B, blocking: false}}
  - name: server
    server: true
    do:
      - forever:
          - receive: {{from: queue}}
          - compute: {{exponential: {}us}}
)",
                                 slots, kArrivals, rho * 1000);
  Model model = compile(load_scenario_text(yaml, "mm1k.yaml"));
  QueueRun q;
  q.result = simulate(model, {}, [&](const TraceEvent& e) {
    if (e.proc != "arrivals")
      return;
    if (e.event == "send_begin")
      q.failed.push_back(false);
    else if (e.event == "send_failed")
      q.failed.back() = true;
  });
  return q;
}

// P(K customers in the system) of M/M/1/K: the probability that an arrival finds it full (PASTA).
double blocking_probability(int k, double rho) {
  return (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1));
}

// Mean number waiting (not in service) in M/M/1/K: L - (1 - P0).
double mean_waiting(int k, double rho) {
  double p0 = (1 - rho) / (1 - std::pow(rho, k + 1));
  double in_system = rho / (1 - rho) - (k + 1) * std::pow(rho, k + 1) / (1 - std::pow(rho, k + 1));
  return in_system - (1 - p0);
}

// The loss fraction with a 99.9% confidence half-width from batch means: consecutive arrivals are
// correlated, so the binomial formula would be too optimistic; 20 batches of 10,000 are nearly independent.
struct Estimate {
  double mean = 0;
  double half_width = 0;
};

Estimate loss_fraction(const std::vector<bool>& failed) {
  std::vector<double> batch;
  std::size_t size = failed.size() / kBatches;
  for (int b = 0; b < kBatches; ++b)
    batch.push_back(std::accumulate(failed.begin() + b * size, failed.begin() + (b + 1) * size, 0.0) / size);
  double mean = std::accumulate(batch.begin(), batch.end(), 0.0) / kBatches;
  double squares = 0;
  for (double x : batch)
    squares += (x - mean) * (x - mean);
  double stddev = std::sqrt(squares / (kBatches - 1));
  return {mean, 3.883 * stddev / std::sqrt(double(kBatches))}; // t(0.9995, 19 degrees of freedom)
}

void check_losses(int slots, double rho) {
  QueueRun q = loss_system(slots, rho);
  REQUIRE(q.failed.size() == kArrivals);
  const ChannelCounts& queue = q.result.channels.at(0);
  CHECK(queue.failed_sends == std::count(q.failed.begin(), q.failed.end(), true));
  CHECK(queue.messages + queue.failed_sends == kArrivals);
  Estimate loss = loss_fraction(q.failed);
  double theory = blocking_probability(slots + 1, rho);
  INFO("C = " << slots << ", rho = " << rho << ": loss " << loss.mean << " +- " << loss.half_width
              << ", M/M/1/K " << theory);
  CHECK(loss.half_width < 0.1 * theory); // the run is long enough for a tight bound
  CHECK(std::fabs(loss.mean - theory) < loss.half_width);
}

} // namespace

TEST_CASE("theory: rendezvous (C = 0) at load 0.5 loses 1/3 of the sends, as M/M/1/1") {
  check_losses(0, 0.5);
}

TEST_CASE("theory: a buffer of 1 at load 0.8 loses sends as M/M/1/2") {
  check_losses(1, 0.8);
}

TEST_CASE("theory: a buffer of 4 at load 0.9 loses sends as M/M/1/5") {
  check_losses(4, 0.9);
}

TEST_CASE("theory: a buffer of 8 overloaded at 1.25 loses sends as M/M/1/9") {
  check_losses(8, 1.25);
}

// The buffer holds the customers waiting for service: its time-weighted mean occupancy is M/M/1/K's mean
// queue length; and Little's law (occupancy = throughput x time in buffer) holds between three metrics that
// the simulator measures independently (levels over time, message counts, per-message stamps).
TEST_CASE("theory: a buffer of 4 at load 0.9 holds M/M/1/5's mean queue, and Little's law holds") {
  QueueRun q = loss_system(4, 0.9);
  const ChannelCounts& queue = q.result.channels.at(0);
  REQUIRE(queue.left_buffered == 0);
  double throughput = double(queue.messages) / q.result.end_time;
  double mean_time_in_buffer = queue.time_in_buffer / double(queue.messages);
  CHECK(queue.occupancy.mean_messages == Approx(throughput * mean_time_in_buffer).epsilon(1e-9));
  CHECK(queue.occupancy.mean_bytes == Approx(100 * queue.occupancy.mean_messages).epsilon(1e-9));
  CHECK(queue.occupancy.peak_messages == 4);
  INFO("mean occupancy " << queue.occupancy.mean_messages << ", M/M/1/5 " << mean_waiting(5, 0.9));
  CHECK(queue.occupancy.mean_messages == Approx(mean_waiting(5, 0.9)).epsilon(0.03));
}
