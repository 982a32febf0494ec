// Timeouts on send, receive and acquire (SCENARIO_FORMAT.md, "Timeouts"): a blocked timed operation may give
// up (the kTimeOut alternative), leaves its queue and goes on at its `else`; one that can complete at once
// never times out; a process that can give up is neither stuck nor finished.
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

const std::string kGiveUp = std::to_string(kTimeOut);

} // namespace

TEST_CASE("timeouts: a blocked receive may give up, leaves the channel's queue and runs its else") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: replies, capacity: 1}
processes:
  - name: client
    variables: {tries: 0}
    do:
      - receive: {from: replies, timeout: 5ms, else: [{set: {tries: "tries + 1"}}]}
      - sleep: 1ms
  - name: server
    do: [{sleep: 10ms}, {send: {to: replies}}]
)");
  CHECK(m.fire("client") == Lines{"client recv_begin replies", "client block replies"});
  CHECK(m.enabled() == Lines{"client/" + kGiveUp, "server/0"});
  CHECK(m.fire("client", kTimeOut) == Lines{"client recv_timeout replies", "client set client.tries=1"});
  CHECK(m.status("client") == ProcStatus::ready);
  CHECK(m.waiting_receivers("replies").empty());
  CHECK(m.fire("client") == Lines{"client sleep", "client exit"});
  // The reply comes too late: it stays buffered, nobody takes it.
  m.fire("server");
  CHECK(m.fire("server") == Lines{"server send_begin replies #1", "server send_end replies #1", "server exit"});
  CHECK(m.buffered("replies") == std::vector<std::uint32_t>{1});
}

TEST_CASE("timeouts: a receive that is served never times out, and skips its else") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: replies, capacity: 1}
processes:
  - name: server
    do: [{send: {to: replies, value: 7}}]
  - name: client
    variables: {got: 0, tries: 0}
    do:
      - receive: {from: replies, into: got, timeout: 5ms, else: [{set: {tries: 1}}]}
      - sleep: 1ms
)");
  m.fire("server");
  CHECK(m.enabled() == Lines{"client/0"});
  CHECK(m.fire("client") == Lines{"client recv_begin replies", "client recv_end replies #1 peer=server value=7",
                                  "client set client.got=7"});
  CHECK(m.var("client.tries") == 0);
  CHECK(m.fire("client") == Lines{"client sleep", "client exit"});
}

TEST_CASE("timeouts: a blocked send at a rendezvous gives up and withdraws its message") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - name: producer
    do:
      - send: {to: jobs, value: 3, timeout: 1ms, else: [{sleep: 2ms}]}
  - name: consumer
    do: [{sleep: 5ms}, {receive: {from: jobs}}]
)");
  CHECK(m.fire("producer") == Lines{"producer send_begin jobs #1 value=3", "producer block jobs"});
  CHECK(m.waiting_senders("jobs") == Lines{"producer"});
  CHECK(m.fire("producer", kTimeOut) == Lines{"producer send_timeout jobs #1 value=3"});
  CHECK(m.waiting_senders("jobs").empty());
  CHECK(m.fire("producer") == Lines{"producer sleep", "producer exit"});
  m.fire("consumer");
  CHECK(m.fire("consumer") == Lines{"consumer recv_begin jobs", "consumer block jobs"});
  BlockingAnalysis a = m.blocking();
  CHECK(a.deadlock); // the message it waited for was withdrawn
}

TEST_CASE("timeouts: an acquire gives up, leaves the semaphore's waiters, and a later release is kept") {
  Machine m(R"(
scenario: t
semaphores: [{name: lock, initial: 0}]
processes:
  - name: waiter
    do:
      - acquire: {semaphore: lock, timeout: 2ms, else: [{sleep: 1ms}]}
  - name: holder
    do: [{sleep: 5ms}, {release: lock}]
)");
  CHECK(m.fire("waiter") == Lines{"waiter block lock"});
  CHECK(m.fire("waiter", kTimeOut) == Lines{"waiter acquire_timeout lock"});
  CHECK(m.state.semaphores[0].waiters.empty());
  CHECK(m.fire("waiter") == Lines{"waiter sleep", "waiter exit"});
  m.fire("holder");
  m.fire("holder");
  CHECK(m.state.semaphores[0].value == 1);
}

TEST_CASE("timeouts: a process that can give up is not deadlocked, nor are the processes it may release") {
  Machine m(R"(
scenario: t
processes:
  - name: alice
    do:
      - receive: {from: bob, timeout: 1ms}
      - send: {to: bob}
  - name: bob
    do:
      - receive: {from: alice}
)");
  m.fire("alice");
  m.fire("bob");
  BlockingAnalysis a = m.blocking();
  CHECK_FALSE(a.deadlock);
  CHECK_FALSE(has_deadlock(m.model(), m.state));
  CHECK_FALSE(m.semantics().finished(m.state));
  CHECK(m.enabled() == Lines{"alice/" + kGiveUp});
  m.fire("alice", kTimeOut);
  CHECK(m.fire("alice") == Lines{"alice send_begin alice->bob #1", "alice send_end alice->bob #1 peer=bob",
                                 "bob recv_end alice->bob #1 peer=alice", "bob unblock alice->bob", "bob exit",
                                 "alice exit"});
}

TEST_CASE("timeouts: a server idling in a timed receive is not finished: it will give up") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: inbox, capacity: 1}
processes:
  - name: server
    server: true
    do:
      - forever:
          - receive: {from: inbox, timeout: 10ms, else: [{sleep: 1ms}]}
  - name: client
    do: [{sleep: 1ms}]
)");
  m.fire("client");
  m.fire("server");
  CHECK(m.status("server") == ProcStatus::blocked);
  CHECK_FALSE(m.semantics().finished(m.state));
  CHECK(m.fire("server", kTimeOut) == Lines{"server recv_timeout inbox"});
  CHECK(m.fire("server") == Lines{"server sleep"});
}
