// models/deadlock: which blocked processes can never move again, the wait-for graph, and the one-line
// description both engines print (SCENARIO_FORMAT.md, "Properties"; docs/semantics.md, "Deadlock").
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

const char* const receive_first = R"(
scenario: t
processes:
  - name: alice
    do:
      - receive: {from: bob}
      - send: {to: bob}
  - name: bob
    do:
      - receive: {from: alice}
      - send: {to: alice}
)";

std::vector<ProcId> ids(std::initializer_list<ProcId> list) { return list; }

} // namespace

TEST_CASE("deadlock: two processes receiving first are a global deadlock") {
  Machine m(receive_first);
  CHECK(m.fire("alice") == Lines{"alice recv_begin bob->alice", "alice block bob->alice"});
  {
    // bob can still release alice: not a deadlock yet.
    BlockingAnalysis a = m.blocking();
    REQUIRE(a.blocked.size() == 1);
    CHECK(a.blocked[0].releasers == ids({m.proc("bob")}));
    CHECK(a.stuck.empty());
    CHECK_FALSE(a.deadlock);
    CHECK_FALSE(a.global);
  }
  CHECK(m.fire("bob") == Lines{"bob recv_begin alice->bob", "bob block alice->bob"});
  BlockingAnalysis a = m.blocking();
  REQUIRE(a.blocked.size() == 2);
  CHECK(a.blocked[0].proc == m.proc("alice"));
  CHECK(a.blocked[0].waits_for == "receive from bob->alice");
  CHECK(a.blocked[0].releasers == ids({m.proc("bob")}));
  CHECK_FALSE(a.blocked[0].idle_server);
  CHECK(a.blocked[1].waits_for == "receive from alice->bob");
  CHECK(a.stuck == ids({0, 1}));
  CHECK(a.deadlock);
  CHECK(a.global);
  CHECK(deadlock_headline(a) == "deadlock: every remaining process is blocked forever");
  CHECK(describe_stuck(m.model(), a) == Lines{"alice is blocked in receive from bob->alice, waiting for bob",
                                              "bob is blocked in receive from alice->bob, waiting for alice"});
  CHECK(describe_deadlock(m.model(), a) ==
        "deadlock: every remaining process is blocked forever: alice is blocked in receive from bob->alice, waiting for "
        "bob; bob is blocked in receive from alice->bob, waiting for alice");
  CHECK_FALSE(m.semantics().finished(m.state));
}

TEST_CASE("deadlock: the wait-for graph of a 2-cycle has both nodes deadlocked and both edges in the cycle") {
  Machine m(receive_first);
  m.fire("alice");
  m.fire("bob");
  BlockingAnalysis a = m.blocking();
  WaitForGraph g = wait_for_graph(m.model(), m.state, a);
  REQUIRE(g.nodes.size() == 2);
  CHECK(g.nodes[0].process == "alice");
  CHECK(g.nodes[0].state == "blocked in receive from bob->alice");
  CHECK(g.nodes[0].blocked);
  CHECK(g.nodes[0].deadlocked);
  CHECK(g.nodes[1].process == "bob");
  CHECK(g.nodes[1].state == "blocked in receive from alice->bob");
  CHECK(g.nodes[1].deadlocked);
  REQUIRE(g.edges.size() == 2);
  CHECK(g.edges[0].from == 0);
  CHECK(g.edges[0].to == 1);
  CHECK(g.edges[0].label == "receive from bob->alice");
  CHECK(g.edges[0].in_cycle);
  CHECK(g.edges[1].from == 1);
  CHECK(g.edges[1].to == 0);
  CHECK(g.edges[1].label == "receive from alice->bob");
  CHECK(g.edges[1].in_cycle);
}

TEST_CASE("deadlock: a blocked pair is a partial deadlock while another process runs forever") {
  Machine m(R"(
scenario: t
processes:
  - {name: alice, do: [{receive: {from: bob}}, {send: {to: bob}}]}
  - {name: bob, do: [{receive: {from: alice}}, {send: {to: alice}}]}
  - {name: spin, do: [{forever: [{compute: 1ms}]}]}
)");
  m.fire("alice");
  m.fire("bob");
  m.fire("spin");
  BlockingAnalysis a = m.blocking();
  CHECK(a.stuck == ids({0, 1}));
  CHECK(a.deadlock);
  CHECK_FALSE(a.global);
  CHECK(deadlock_headline(a) == "deadlock: some processes are blocked forever while others run");
  CHECK(describe_deadlock(m.model(), a) ==
        "deadlock: some processes are blocked forever while others run: alice is blocked in receive from bob->alice, "
        "waiting for bob; bob is blocked in receive from alice->bob, waiting for alice");
  WaitForGraph g = wait_for_graph(m.model(), m.state, a);
  CHECK(g.nodes.size() == 2); // spin neither waits nor is waited for
}

TEST_CASE("deadlock: a process blocked on a running one is not deadlocked") {
  Machine m(R"(
scenario: t
processes:
  - {name: w, do: [{receive: {from: p}}]}
  - {name: p, do: [{compute: 1ms}, {send: {to: w}}]}
)");
  m.fire("w");
  BlockingAnalysis a = m.blocking();
  CHECK(a.stuck.empty());
  CHECK_FALSE(a.deadlock);
  WaitForGraph g = wait_for_graph(m.model(), m.state, a);
  REQUIRE(g.nodes.size() == 2);
  CHECK(g.nodes[1].state == "running");
  CHECK_FALSE(g.nodes[0].deadlocked);
  REQUIRE(g.edges.size() == 1);
  CHECK_FALSE(g.edges[0].in_cycle);
}

namespace {

const char* const server_and_client = R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: srv, server: SERVER, do: [{forever: [{receive: {from: jobs}}]}]}
  - {name: client, do: [{send: {to: jobs}}]}
)";

std::string with_server(bool server) {
  std::string text = server_and_client;
  text.replace(text.find("SERVER"), 6, server ? "true" : "false");
  return text;
}

} // namespace

TEST_CASE("deadlock: a server idling in a receive is not a deadlock") {
  Machine m(with_server(true));
  m.fire("client");
  m.fire("srv");
  m.fire("srv");
  REQUIRE(m.status("client") == ProcStatus::ended);
  REQUIRE(m.status("srv") == ProcStatus::blocked);
  BlockingAnalysis a = m.blocking();
  REQUIRE(a.blocked.size() == 1);
  CHECK(a.blocked[0].idle_server);
  CHECK(a.blocked[0].releasers.empty()); // the client has ended
  CHECK(a.stuck == ids({m.proc("srv")}));
  CHECK_FALSE(a.deadlock);
  CHECK_FALSE(a.global);
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("deadlock: the same process without server: true is deadlocked when nobody is left to send") {
  Machine m(with_server(false));
  m.fire("client");
  m.fire("srv");
  m.fire("srv");
  BlockingAnalysis a = m.blocking();
  CHECK(a.deadlock);
  CHECK(a.global);
  CHECK(describe_deadlock(m.model(), a) == "deadlock: every remaining process is blocked forever: srv is blocked in "
                                           "receive from jobs (no process left that could complete it)");
}

TEST_CASE("deadlock: a client blocked on a server's reply is a deadlock although the server idles") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: requests, capacity: 0}
  - {mailbox: replies, capacity: 0}
processes:
  - name: client
    do:
      - send: {to: requests}
      - receive: {from: replies}
      - receive: {from: replies}
  - name: server
    server: true
    do:
      - forever:
          - receive: {from: requests}
          - send: {to: replies}
)");
  play(m, {{"client", {"client send_begin requests #1", "client block requests"}},
           {"server", {"server recv_begin requests", "server recv_end requests #1 peer=client",
                       "client send_end requests #1 peer=server", "client unblock requests"}},
           {"client", {"client recv_begin replies", "client block replies"}},
           {"server", {"server send_begin replies #2", "server send_end replies #2 peer=client",
                       "client recv_end replies #2 peer=server", "client unblock replies"}},
           {"server", {"server recv_begin requests", "server block requests"}},
           {"client", {"client recv_begin replies", "client block replies"}}});
  BlockingAnalysis a = m.blocking();
  CHECK(a.stuck == ids({m.proc("client"), m.proc("server")}));
  CHECK(a.deadlock);
  CHECK(a.global);
  CHECK_FALSE(m.semantics().finished(m.state));
  CHECK(describe_deadlock(m.model(), a) ==
        "deadlock: every remaining process is blocked forever: client is blocked in receive from replies, waiting for "
        "server; server is blocked in receive from requests (no process left that could complete it)");
}

TEST_CASE("deadlock: waits on handles and receives from any are described by what they wait for") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: p, do: [{receive: {from: jobs, async: h}}, {wait: h}]}
  - {name: a, do: [{receive: {from: any}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
  - {name: c, do: [{receive: {from: a}}, {send: {to: a}}]}
)");
  m.fire("p");
  m.fire("p");
  m.fire("a");
  m.fire("b");
  m.fire("c");
  BlockingAnalysis a = m.blocking();
  REQUIRE(a.blocked.size() == 4);
  CHECK(a.blocked[0].waits_for == "wait for h (receive from jobs)");
  CHECK(a.blocked[1].waits_for == "receive from any (b->a, c->a)");
  CHECK(a.blocked[2].waits_for == "receive from a->b");
  CHECK(describe_stuck(m.model(), a) ==
        Lines{"p is blocked in wait for h (receive from jobs) (no process left that could complete it)",
              "a is blocked in receive from any (b->a, c->a), waiting for b or c",
              "b is blocked in receive from a->b (no process left that could complete it)",
              "c is blocked in receive from a->c (no process left that could complete it)"});
  CHECK(a.global);
}

TEST_CASE("deadlock: a receive from any over a single link is described by that link") {
  Machine m(R"(
scenario: t
processes:
  - {name: a, do: [{receive: {from: any}}]}
  - {name: b, do: [{receive: {from: a}}, {send: {to: a}}]}
)");
  m.fire("a");
  m.fire("b");
  BlockingAnalysis a = m.blocking();
  REQUIRE(a.blocked.size() == 2);
  CHECK(a.blocked[0].waits_for == "receive from b->a");
  CHECK(a.blocked[0].releasers == ids({m.proc("b")}));
}

TEST_CASE("deadlock: a sender blocked on a full buffer waits for the receivers of the channel") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: s, do: [{send: {to: jobs}}, {send: {to: jobs}}, {send: {to: back}}]}
  - {name: r, do: [{receive: {from: back}}, {receive: {from: jobs}}]}
  - {name: back, do: [{receive: {from: s}}, {send: {to: r}}]}
)");
  m.fire("s");
  m.fire("s");
  m.fire("r");
  m.fire("back");
  BlockingAnalysis a = m.blocking();
  CHECK(a.global);
  CHECK(describe_stuck(m.model(), a) == Lines{"s is blocked in send on jobs, waiting for r",
                                              "r is blocked in receive from back->r, waiting for back",
                                              "back is blocked in receive from s->back, waiting for s"});
}

// A process that has passed its last send can no longer release a receiver, even while it keeps running.
TEST_CASE("deadlock: a producer past its last send is no releaser, though it runs forever") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - name: producer
    do:
      - send: {to: jobs}
      - forever: [{compute: 1us}]
  - name: consumer
    do:
      - receive: {from: jobs}
      - receive: {from: jobs}
)");
  m.fire("producer");
  m.fire("consumer");
  {
    BlockingAnalysis a = m.blocking();
    CHECK(a.blocked.empty());
  }
  m.fire("consumer");
  BlockingAnalysis a = m.blocking();
  REQUIRE(a.blocked.size() == 1);
  CHECK(a.blocked[0].releasers.empty());
  CHECK(a.stuck == ids({m.proc("consumer")}));
  CHECK(a.deadlock);
  CHECK_FALSE(a.global);
  CHECK(describe_deadlock(m.model(), a) == "deadlock: some processes are blocked forever while others run: consumer is "
                                           "blocked in receive from jobs (no process left that could complete it)");
}
