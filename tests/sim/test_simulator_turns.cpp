// Processes ready at the same simulated time take turns, one step each, in the order they became ready
// (docs/semantics.md): with every cost 0 a producer that never blocks cannot starve its consumer. And the
// engine runs once per program: a second simulation is refused with a reason. One test case per process.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;
using Lines = std::vector<std::string>;

namespace {

const char *const forever_producer = R"(scenario: forever
channels: [{mailbox: jobs, capacity: unbounded}]
processes:
  - {name: producer, do: [{forever: [{send: {to: jobs}}]}]}
  - {name: consumer, do: [{forever: [{receive: {from: jobs}}]}]}
)";

} // namespace

TEST_CASE("turns: a zero-cost forever producer into an unbounded mailbox does not starve its consumer") {
  RunOptions options;
  options.max_events = 1000;
  Run r = run_text(forever_producer, options);
  CHECK(r.result.outcome == RunResult::Outcome::stopped);
  CHECK(r.result.end_time == 0);
  const ChannelCounts &jobs = r.result.channels.at(0);
  // After the two starts, rounds of 4 events (the producer's send_begin and send_end, the consumer's
  // recv_begin and recv_end): 249 rounds, then the 250th send.
  CHECK(jobs.messages == 249);
  CHECK(jobs.occupancy.peak_messages == 1);
  Lines turns;
  for (std::size_t k = 2; k < 10; ++k)
    turns.push_back(r.trace.at(k).proc + " " + r.trace.at(k).event);
  CHECK(turns == Lines{"producer send_begin", "producer send_end", "consumer recv_begin", "consumer recv_end",
                       "producer send_begin", "producer send_end", "consumer recv_begin", "consumer recv_end"});
}

// At t = 0 the three start in process order and then step in that order, each one step per turn.
TEST_CASE("turns: processes ready at the same time take one step each, in the order they became ready") {
  Run r = run_text(R"(scenario: three
processes:
  - {name: a, do: [{compute: 0s}, {compute: 0s}]}
  - {name: b, do: [{compute: 0s}, {compute: 0s}]}
  - {name: c, do: [{compute: 0s}, {compute: 0s}]}
)");
  Lines order;
  for (const TraceEvent &e : r.trace)
    order.push_back(e.proc + " " + e.event);
  CHECK(order == Lines{"a start", "b start", "c start", "a compute", "b compute", "c compute", "a compute", "a exit",
                       "b compute", "b exit", "c compute", "c exit"});
}

TEST_CASE("engine: a second simulation in one program is refused, saying why") {
  Run first = run_text(forever_producer, RunOptions{.max_events = 10});
  CHECK(first.result.events == 10);
  try {
    run_text(forever_producer, RunOptions{.max_events = 10});
    FAIL("the second simulation ran");
  } catch (const std::logic_error &e) {
    CHECK_THAT(e.what(), Catch::StartsWith("simulate() was called a second time in this program: SimGrid 3.32 "
                                           "keeps its clock"));
  }
}
