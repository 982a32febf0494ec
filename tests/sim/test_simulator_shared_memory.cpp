// Semaphores, shared memory, mailbox lifecycle and multicast in simulated time: their costs and metrics by
// exact arithmetic (the working is in each test; the formulas are the README's "Costs and metrics"), and
// data races found on the run's one trace. One simulate() per TEST_CASE.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;
using Lines = std::vector<std::string>;

namespace {

constexpr double us = 1e-6;

std::vector<std::uint64_t> races_marked(const Run& r) {
  std::vector<std::uint64_t> marked; // seq of each event that carries race_with
  for (const auto& e : r.trace)
    if (e.race_with)
      marked.push_back(e.seq);
  return marked;
}

} // namespace

// attach 0-2 (attach cost), write of 4096 B at 1 GBps 2-6.096, detach 6.096-8.096 (attach cost); each step
// takes effect when its call returns.
TEST_CASE("shared memory: attach, a 4 KiB write and detach cost attach + S / memory_bandwidth + attach") {
  Run r = run_text(R"(
scenario: shm-costs
costs: {send: 1us, attach: 2us, memory_bandwidth: 1GBps}
shared_memory: [{name: seg, size: 4KiB}]
processes:
  - name: p
    do: [{attach: seg}, {write: {segment: seg, size: 4KiB}}, {detach: seg}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(8.096 * us).margin(1e-12));
  const ProcessTimes& p = r.result.processes[0];
  CHECK(p.busy == Approx(8.096 * us).margin(1e-12));
  CHECK(p.idle == 0);
  CHECK(p.blocked_semaphore == 0);
  CHECK(timeline(r) == Lines{"p start @0", "p attach @0.000002", "p write @0.000006096", "p detach @0.000008096",
                             "p exit @0.000008096"});
  REQUIRE(r.result.segments.size() == 1);
  CHECK(r.result.segments[0].writes == 1);
  CHECK(r.result.segments[0].bytes_written == 4096);
  CHECK(r.result.segments[0].reads == 0);
  CHECK(r.result.segments[0].bytes_read == 0);
  CHECK(r.result.data_races.empty());
}

// Two cores, so a's compute never slows b's calls. b: acquire call 0-1, ping is 0: blocks at 1.
// a: compute 0-10, release call 10-11 hands ping to b at 11; acquire call 11-12, pong is 0: blocks at 12.
// b: blocked 1-11 (10us), switch 11-14, compute 14-19, release call 19-20 hands pong to a; b ends at 20.
// a: blocked 12-20 (8us), switch 20-23: ends at 23.
TEST_CASE("semaphores: a ping-pong of releases ends at 23us, and time blocked in acquire is blocked-sem") {
  Run r = run_text(R"(
scenario: sem-ping
platform:
  hosts: [{name: h, cores: 2}]
costs: {send: 1us, context_switch: 3us}
semaphores: [{name: ping, initial: 0}, {name: pong, initial: 0}]
processes:
  - name: a
    do: [{compute: 10us}, {release: ping}, {acquire: pong}]
  - name: b
    do: [{acquire: ping}, {compute: 5us}, {release: pong}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(23 * us).margin(1e-12));
  const ProcessTimes& a = r.result.processes[0];
  const ProcessTimes& b = r.result.processes[1];
  CHECK(a.end == Approx(23 * us).margin(1e-12));
  CHECK(a.busy == Approx(15 * us).margin(1e-12));
  CHECK(a.blocked_semaphore == Approx(8 * us).margin(1e-12));
  CHECK(a.blocked_send == 0);
  CHECK(a.blocked_receive == 0);
  CHECK(a.idle == 0);
  CHECK(a.context_switches == 1);
  CHECK(b.end == Approx(20 * us).margin(1e-12));
  CHECK(b.busy == Approx(10 * us).margin(1e-12));
  CHECK(b.blocked_semaphore == Approx(10 * us).margin(1e-12));
  CHECK(b.idle == 0);
  REQUIRE(r.result.semaphores.size() == 2);
  for (std::size_t s : {0, 1}) {
    CHECK(r.result.semaphores[s].acquires == 1);
    CHECK(r.result.semaphores[s].releases == 1);
    CHECK(r.result.semaphores[s].blocked_acquires == 1);
  }
  CHECK(r.result.semaphores[0].time_blocked == Approx(10 * us).margin(1e-12));
  CHECK(r.result.semaphores[1].time_blocked == Approx(8 * us).margin(1e-12));
  CHECK(timeline(r, "b") == Lines{"b start @0", "b block @0.000001", "b acquire @0.000011", "b unblock @0.000011",
                                  "b compute @0.000014", "b release @0.00002", "b exit @0.00002"});
}

// t1: acquire a 0-1, compute 1-11, acquire b 11-12, release b 12-13, release a 13-14: done before t2 wakes.
// t2: sleeps 0-50, then its four calls 50-54. The checker finds the lock-order deadlock; this timing hides it.
TEST_CASE("semaphores: the lock-order scenario completes at 54us when t2 sleeps first") {
  Run r = run_text(R"(
scenario: lock-order
costs: {send: 1us}
semaphores: [{name: a, initial: 1}, {name: b, initial: 1}]
processes:
  - name: t1
    do: [{acquire: a}, {compute: 10us}, {acquire: b}, {release: b}, {release: a}]
  - name: t2
    do: [{sleep: 50us}, {acquire: b}, {acquire: a}, {release: a}, {release: b}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(54 * us).margin(1e-12));
  const ProcessTimes& t1 = r.result.processes[0];
  const ProcessTimes& t2 = r.result.processes[1];
  CHECK(t1.end == Approx(14 * us).margin(1e-12));
  CHECK(t1.busy == Approx(14 * us).margin(1e-12));
  CHECK(t2.busy == Approx(4 * us).margin(1e-12));
  CHECK(t2.idle == Approx(50 * us).margin(1e-12));
  CHECK(t1.blocked_semaphore == 0);
  CHECK(t2.blocked_semaphore == 0);
  for (std::size_t s : {0, 1}) {
    CHECK(r.result.semaphores[s].acquires == 2);
    CHECK(r.result.semaphores[s].releases == 2);
    CHECK(r.result.semaphores[s].blocked_acquires == 0);
    CHECK(r.result.semaphores[s].time_blocked == 0);
  }
}

// At t = 0 (seq 0, 1 are the two starts) the two take turns, one step each (docs/semantics.md): writer's
// attach 2, reader's attach 3, write 4, sleep 5, detach 6, writer's exit 7; the reader's read at 1us is 8:
// nothing orders it after the write.
TEST_CASE("data race: a write and a read with no lock between them are reported once, on the read") {
  Run r = run_text(R"(
scenario: race
shared_memory: [{name: seg, size: 4KiB}]
processes:
  - name: writer
    do:
      - attach: seg
      - write: {segment: seg, size: 64B}
      - detach: seg
  - name: reader
    do:
      - attach: seg
      - sleep: 1us
      - read: {segment: seg, size: 64B}
      - detach: seg
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  REQUIRE(r.result.data_races.size() == 1);
  CHECK(r.result.data_races[0].description ==
        "data race on seg: writer's write (line 8) and reader's read (line 14) are not ordered by any message or "
        "semaphore");
  CHECK(r.result.data_races[0].earlier_seq == 4);
  CHECK(r.result.data_races[0].later_seq == 8);
  REQUIRE(r.trace.size() == 11);
  CHECK(r.trace[4].event == "write");
  CHECK(r.trace[8].event == "read");
  CHECK(r.trace[8].race_with == std::optional<std::uint64_t>(4));
  CHECK(races_marked(r) == std::vector<std::uint64_t>{8});
  CHECK(r.result.segments[0].reads == 1);
  CHECK(r.result.segments[0].bytes_read == 64);
  CHECK(r.result.segments[0].bytes_written == 64);
}

TEST_CASE("data race: with data_race: false the same run reports none") {
  Run r = run_text(R"(
scenario: race
shared_memory: [{name: seg, size: 4KiB}]
properties: {data_race: false}
processes:
  - {name: writer, do: [{attach: seg}, {write: {segment: seg, size: 64B}}, {detach: seg}]}
  - {name: reader, do: [{attach: seg}, {sleep: 1us}, {read: {segment: seg, size: 64B}}, {detach: seg}]}
)");
  CHECK(r.result.data_races.empty());
  CHECK(races_marked(r).empty());
}

// The writer releases the mutex before the reader acquires it: the release orders the two accesses.
TEST_CASE("data race: accesses inside acquire/release of one mutex do not race") {
  Run r = run_text(R"(
scenario: locked
semaphores: [{name: mutex, initial: 1}]
shared_memory: [{name: seg, size: 4KiB}]
processes:
  - name: writer
    do: [{attach: seg}, {acquire: mutex}, {write: {segment: seg, size: 64B}}, {release: mutex}, {detach: seg}]
  - name: reader
    do: [{attach: seg}, {sleep: 1us}, {acquire: mutex}, {read: {segment: seg, size: 64B}}, {release: mutex},
         {detach: seg}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.data_races.empty());
  CHECK(races_marked(r).empty());
  CHECK(r.result.segments[0].reads == 1);
  CHECK(r.result.segments[0].writes == 1);
}

// The reader blocks in the receive until the writer's message, sent after its write, arrives.
TEST_CASE("data race: a message from the writer to the reader orders the accesses") {
  Run r = run_text(R"(
scenario: handoff
channels: [{mailbox: done, capacity: 1}]
shared_memory: [{name: seg, size: 4KiB}]
processes:
  - name: writer
    do: [{attach: seg}, {sleep: 1us}, {write: {segment: seg, size: 64B}}, {send: {to: done}}, {detach: seg}]
  - name: reader
    do: [{attach: seg}, {receive: {from: done}}, {read: {segment: seg, size: 64B}}, {detach: seg}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.data_races.empty());
  CHECK(races_marked(r).empty());
}

// The client queues three requests at 0 while the server sleeps; the server exits at 10us and they are lost
// then. (A compute or sleep is traced when it starts, but an owner's last one when it ends: its mailboxes
// live until it exits.)
TEST_CASE("mailbox lifecycle: messages queued in a user-space mailbox are lost when its owner exits") {
  Run r = run_text(R"(
scenario: owner-exit
channels: [{mailbox: inbox, capacity: 4, owner: server}]
processes:
  - {name: server, do: [{sleep: 10us}]}
  - {name: client, do: [{send: {to: inbox}}, {send: {to: inbox}}, {send: {to: inbox}}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(10 * us).margin(1e-12));
  REQUIRE(r.result.channels.size() == 1);
  CHECK(r.result.channels[0].lost == 3);
  CHECK(r.result.channels[0].messages == 0);
  CHECK(r.result.channels[0].left_buffered == 0);
  CHECK(r.result.channels[0].occupancy.peak_messages == 3);
  CHECK(r.result.channels[0].occupancy.mean_messages == Approx(3));
  CHECK(timeline(r, "server") == Lines{"server start @0", "server sleep @0.00001", "server lost @0.00001",
                                       "server lost @0.00001", "server lost @0.00001", "server exit @0.00001"});
  CHECK(r.result.processes[0].idle == Approx(10 * us).margin(1e-12));
}

// Capacity 1: the client's first request is queued at 0 and its second send blocks. At 10us the server
// logs one line and exits: the queued request is lost, and the blocked client fails there (blocked-send
// 10us), without resuming (no context switch).
TEST_CASE("mailbox lifecycle: a sender blocked on a mailbox whose owner exits fails when it does") {
  Run r = run_text(R"(
scenario: owner-exit
costs: {context_switch: 3us}
channels:
  - {mailbox: inbox, capacity: 1, owner: server}
  - {mailbox: log, capacity: unbounded}
processes:
  - {name: server, do: [{sleep: 10us}, {send: {to: log}}]}
  - {name: client, do: [{send: {to: inbox}}, {send: {to: inbox}}]}
)");
  CHECK(r.result.outcome == RunResult::Outcome::invalid);
  CHECK(r.result.message == "invalid operation: client: mailbox inbox ceased to exist: its owner server exited");
  CHECK(r.result.end_time == Approx(10 * us).margin(1e-12));
  CHECK(r.result.channels[0].lost == 1);
  CHECK(r.result.channels[1].left_buffered == 1);
  const ProcessTimes& client = r.result.processes[1];
  CHECK(client.outcome == "failed (invalid operation)");
  CHECK(client.end == Approx(10 * us).margin(1e-12));
  CHECK(client.blocked_send == Approx(10 * us).margin(1e-12));
  CHECK(client.context_switches == 0);
  CHECK(client.busy == 0);
}

// Capacity 2, delivery to fast and slow. At 0: m1, m2 buffered, m3 blocks the producer; fast takes m1, m2
// (they stay for slow) and waits; slow takes m1, which admits m3 (fast takes it at once) and releases the
// producer, whose m4 finds the buffer full again (m2, m3). Slow computes 0-100, takes m2 at 100, which admits
// m4 (fast takes it): the producer was blocked 100us and ends at 100 with fast. Slow takes m3 at 200 and m4
// at 300, and ends at 400.
TEST_CASE("multicast: a slow recipient of a bounded mailbox holds back the producer") {
  Run r = run_text(R"(
scenario: multicast
channels: [{mailbox: news, capacity: 2, delivery: all, receivers: [fast, slow]}]
processes:
  - name: producer
    do: [{repeat: 4, do: [{send: {to: news}}]}]
  - name: fast
    do: [{repeat: 4, do: [{receive: {from: news}}]}]
  - name: slow
    do: [{repeat: 4, do: [{receive: {from: news}}, {compute: 100us}]}]
)");
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.end_time == Approx(400 * us).margin(1e-12));
  const ProcessTimes& producer = r.result.processes[0];
  const ProcessTimes& fast = r.result.processes[1];
  CHECK(producer.blocked_send == Approx(100 * us).margin(1e-12));
  CHECK(producer.end == Approx(100 * us).margin(1e-12));
  CHECK(fast.end == Approx(100 * us).margin(1e-12));
  CHECK(fast.blocked_receive == Approx(100 * us).margin(1e-12));
  const ChannelCounts& news = r.result.channels[0];
  CHECK(news.messages == 8); // each recipient's receive counts
  CHECK(news.left_buffered == 0);
  // Latencies (send start to receive): m1 0, 0; m2 0, 100; m3 0, 200; m4 100, 300.
  LatencySummary l = summarize_latencies(news.latencies);
  CHECK(l.count == 8);
  CHECK(l.max == Approx(300 * us).margin(1e-12));
  CHECK(l.mean == Approx(87.5 * us).margin(1e-12));
}

// Happens-before through what makes an operation possible, each checked where the checker finds no race:
// at a rendezvous the receiver waited first (its write precedes the sender's read); a mailbox's `create`
// and `give` come before the operations they allow. One simulation per test case.
static void check_ordered(const char *text) {
  Run r = run_text(text);
  INFO(text);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.data_races.empty());
}

TEST_CASE("data race: a rendezvous orders the accesses around it") {
  check_ordered(R"(
scenario: rendezvous-orders
channels: [{mailbox: m, capacity: 0}]
shared_memory: [{name: seg, size: 64B}]
processes:
  - {name: r, do: [{attach: seg}, {write: {segment: seg, size: 8B}}, {receive: {from: m}}]}
  - {name: s, do: [{attach: seg}, {sleep: 10us}, {send: {to: m}}, {read: {segment: seg, size: 8B}}]}
)");
}

TEST_CASE("data race: a create orders the accesses around it") {
  check_ordered(R"(
scenario: create-orders
channels: [{mailbox: m, capacity: 1, created: false}]
shared_memory: [{name: seg, size: 64B}]
processes:
  - {name: a, do: [{attach: seg}, {write: {segment: seg, size: 8B}}, {create: m}]}
  - {name: b, do: [{attach: seg}, {sleep: 10us}, {send: {to: m}}, {read: {segment: seg, size: 8B}}]}
)");
}

TEST_CASE("data race: a give orders the accesses around it") {
  check_ordered(R"(
scenario: give-orders
channels: [{mailbox: m, capacity: 1, receivers: [a]}]
shared_memory: [{name: seg, size: 64B}]
processes:
  - {name: a, do: [{attach: seg}, {write: {segment: seg, size: 8B}}, {give: {mailbox: m, to: b}}]}
  - {name: b, do: [{attach: seg}, {sleep: 10us}, {receive: {from: m, blocking: false}}, {read: {segment: seg, size: 8B}}]}
)");
}
