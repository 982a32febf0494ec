// The cost model, by exact arithmetic: a ping-pong with known costs ends at the time worked out by hand
// (the working is in each test), for rendezvous and buffered channels, small and large messages, on one host
// and across a link. The formulas are the README's "Costs" section.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// a sends SIZE to b and waits for the same back. Calls: send 1us, receive 3us, context switch 3us; copies
// at 1 GBps (1000 B: 1us); messages of 4 KiB and more are mapped for 5us. h0 has 2 cores, so a and b never
// wait for a CPU; the link h0-h1 moves 1000 B in 10us latency + 10us transmission.
Run ping_pong(const std::string& capacity, const std::string& size, const std::string& host_of_b) {
  std::string yaml = R"(
scenario: costs
platform:
  hosts: [{name: h0, cores: 2}, {name: h1}]
  links: [{name: lan, between: [h0, h1], bandwidth: 100MBps, latency: 10us}]
costs: {send: 1us, receive: 3us, context_switch: 3us, copy_bandwidth: 1GBps,
        large_message: {threshold: 4KiB, map: 5us}}
defaults: {capacity: CAPACITY}
processes:
  - {name: a, host: h0, do: [{send: {to: b, size: SIZE}}, {receive: {from: b}}]}
  - {name: b, host: HOST, do: [{receive: {from: a}}, {send: {to: a, size: SIZE}}]}
)";
  for (auto [key, value] : {std::pair{"CAPACITY", capacity}, {"SIZE", size}, {"HOST", host_of_b}})
    for (auto at = yaml.find(key); at != std::string::npos; at = yaml.find(key))
      yaml.replace(at, std::string(key).size(), value);
  return run_text(yaml);
}

const ChannelCounts& link(const Run& r, int index) { return r.result.channels.at(index); }

double only_latency(const Run& r, int index) {
  REQUIRE(link(r, index).latencies.size() == 1);
  return link(r, index).latencies[0];
}

constexpr double us = 1e-6;

} // namespace

// a: send call 0-1, no partner yet: blocks 1-3. b: receive call 0-3 takes the message at 3 and copies it
// (the one copy of a rendezvous) 3-4: ping latency 4. a resumes at 3, switch 3-6, receive call 6-9.
// b: send call 4-5, a not receiving yet: blocks 5-9. a takes the pong at 9, copies 9-10: pong latency
// 10 - 4 = 6. b resumes at 9, switch 9-12: the run ends at 12us.
TEST_CASE("costs: rendezvous ping-pong of 1000 B on one host ends at 12us, one copy per message") {
  Run r = ping_pong("0", "1000B", "h0");
  CHECK(r.result.end_time == Approx(12 * us).margin(1e-12));
  const ProcessTimes& a = r.result.processes[0];
  const ProcessTimes& b = r.result.processes[1];
  CHECK(a.end == Approx(10 * us).margin(1e-12));
  CHECK(a.busy == Approx(8 * us).margin(1e-12));
  CHECK(a.blocked_send == Approx(2 * us).margin(1e-12));
  CHECK(a.blocked_receive == 0);
  CHECK(a.idle == 0);
  CHECK(b.busy == Approx(8 * us).margin(1e-12));
  CHECK(b.blocked_send == Approx(4 * us).margin(1e-12));
  CHECK(a.context_switches == 1);
  CHECK(b.context_switches == 1);
  REQUIRE(r.result.channels.size() == 2);
  CHECK(only_latency(r, 0) == Approx(4 * us).margin(1e-12));
  CHECK(only_latency(r, 1) == Approx(6 * us).margin(1e-12));
  CHECK(link(r, 0).bytes_copied == 1000);
  CHECK(link(r, 1).bytes_copied == 1000);
  CHECK(link(r, 0).memory_reserved == 0);
}

// a: send call 0-1, copy into the buffer 1-2, buffered at 2; receive call 2-5, blocks at 5. b: receive
// call 0-3 takes it (1us in the buffer), copies out 3-4: latency 4. b: send call 4-5, copy in 5-6; a is
// waiting, so the message goes straight to a at 6 (b ends at 6). a: switch 6-9, copy out 9-10: latency 6.
TEST_CASE("costs: buffered ping-pong of 1000 B on one host ends at 10us, two copies per message") {
  Run r = ping_pong("1", "1000B", "h0");
  CHECK(r.result.end_time == Approx(10 * us).margin(1e-12));
  const ProcessTimes& a = r.result.processes[0];
  const ProcessTimes& b = r.result.processes[1];
  CHECK(a.busy == Approx(9 * us).margin(1e-12));
  CHECK(a.blocked_receive == Approx(1 * us).margin(1e-12));
  CHECK(b.end == Approx(6 * us).margin(1e-12));
  CHECK(b.busy == Approx(6 * us).margin(1e-12));
  CHECK(only_latency(r, 0) == Approx(4 * us).margin(1e-12));
  CHECK(only_latency(r, 1) == Approx(6 * us).margin(1e-12));
  CHECK(link(r, 0).bytes_copied == 2000);
  CHECK(link(r, 1).bytes_copied == 2000);
  CHECK(link(r, 0).time_in_buffer == Approx(1 * us).margin(1e-12));
  CHECK(link(r, 1).time_in_buffer == 0);
  // One message held 1us of the 10us run: mean occupancy 0.1 message, 100 bytes; no size bound, so the
  // buffer reserved what it held at most.
  CHECK(link(r, 0).occupancy.peak_messages == 1);
  CHECK(link(r, 0).occupancy.mean_messages == Approx(0.1).margin(1e-9));
  CHECK(link(r, 0).occupancy.mean_bytes == Approx(100).margin(1e-6));
  CHECK(link(r, 0).memory_reserved == 1000);
  CHECK(link(r, 1).memory_reserved == 0);
}

// 8 KiB is over the threshold: one 5us map by the sender, no copies. a: send call 0-1, map 1-6, b waits
// since 3, so b has it at 6; a: receive call 6-9, blocks. b: switch 6-9: latency 9; send call 9-10, map
// 10-15, a has it at 15; a: switch 15-18: latency 18 - 9 = 9.
TEST_CASE("costs: rendezvous ping-pong of 8 KiB maps instead of copying and ends at 18us") {
  Run r = ping_pong("0", "8KiB", "h0");
  CHECK(r.result.end_time == Approx(18 * us).margin(1e-12));
  CHECK(only_latency(r, 0) == Approx(9 * us).margin(1e-12));
  CHECK(only_latency(r, 1) == Approx(9 * us).margin(1e-12));
  CHECK(link(r, 0).bytes_copied == 0);
  CHECK(link(r, 1).bytes_copied == 0);
}

// b on h1: a channel lives on its receiver's host, so each message crosses the link before its send
// (10us latency + 1000 B at 100 MB/s = 20us). a: send call 0-1, transfer 1-21, b waits since 3: b has it
// at 21; a: receive call 21-24, blocks. b: switch 21-24, copy 24-25: latency 25. b: send call 25-26,
// transfer 26-46, a has it at 46; a: switch 46-49, copy 49-50: latency 50 - 25 = 25.
TEST_CASE("costs: rendezvous ping-pong of 1000 B across a link ends at 50us, 20us per crossing") {
  Run r = ping_pong("0", "1000B", "h1");
  CHECK(r.result.end_time == Approx(50 * us).margin(1e-12));
  const ProcessTimes& a = r.result.processes[0];
  const ProcessTimes& b = r.result.processes[1];
  CHECK(a.blocked_send == Approx(20 * us).margin(1e-12));
  CHECK(a.blocked_receive == Approx(22 * us).margin(1e-12));
  CHECK(b.blocked_send == Approx(20 * us).margin(1e-12));
  CHECK(b.blocked_receive == Approx(18 * us).margin(1e-12));
  CHECK(only_latency(r, 0) == Approx(25 * us).margin(1e-12));
  CHECK(only_latency(r, 1) == Approx(25 * us).margin(1e-12));
}

// The same with a buffer of 1 and 8 KiB: map 5us, transfer 10us + 8192 B / 100 MB/s = 91.92us.
// a: send call 0-1, map 1-6, transfer 6-97.92, buffered at 97.92... b took it at once: b waits since 3, so
// it has it at 97.92 and resumes: switch -> 100.92 (latency 100.92). a: receive call 97.92-100.92, blocks.
// b: send call 100.92-101.92, map -106.92, transfer -198.84, a has it; a: switch -201.84: latency 100.92.
TEST_CASE("costs: buffered ping-pong of 8 KiB across a link pays map and transfer, no copies") {
  Run r = ping_pong("1", "8KiB", "h1");
  CHECK(r.result.end_time == Approx(201.84 * us).margin(1e-12));
  CHECK(only_latency(r, 0) == Approx(100.92 * us).margin(1e-12));
  CHECK(only_latency(r, 1) == Approx(100.92 * us).margin(1e-12));
  CHECK(link(r, 0).bytes_copied == 0);
}

TEST_CASE("costs: processes on two hosts with no link between them are refused when the scenario is compiled") {
  std::string yaml = R"(
scenario: t
platform:
  hosts: [{name: h0}, {name: h1}]
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: s, host: h0, do: [{send: {to: jobs}}]}
  - {name: r, host: h1, do: [{receive: {from: jobs}}]}
)";
  CHECK_THROWS_WITH(run_text(yaml), "t.yaml:8:30: error: s sends to jobs on host h0, but jobs lives on host h1 "
                                    "(where it is received) and no link joins h0 and h1\n");
}
