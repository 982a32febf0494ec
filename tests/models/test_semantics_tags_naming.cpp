// Tags (selective receive) and direct naming: links, `from: P` (symmetric) and `from: any` (asymmetric)
// (SCENARIO_FORMAT.md, "Semantics": "Tags", "Direct naming"; docs/semantics.md, "Channels").
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("semantics: a tagged receive takes the oldest message with its tag and leaves the others in place") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4}
processes:
  - name: s
    do:
      - send: {to: jobs, tag: X}
      - send: {to: jobs, tag: Y}
      - send: {to: jobs, tag: X}
  - name: r
    do:
      - receive: {from: jobs, tag: Y}
      - receive: {from: jobs, tag: X}
      - receive: {from: jobs}
)");
  play(m, {{"s", {"s send_begin jobs #1 tag=X", "s send_end jobs #1 tag=X"}},
           {"s", {"s send_begin jobs #2 tag=Y", "s send_end jobs #2 tag=Y"}},
           {"s", {"s send_begin jobs #3 tag=X", "s send_end jobs #3 tag=X", "s exit"}}});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=Y", "r recv_end jobs #2 tag=Y peer=s"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1, 3});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=X", "r recv_end jobs #1 tag=X peer=s"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{3});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #3 tag=X peer=s", "r exit"});
}

TEST_CASE("semantics: a tagged receive waits although other messages are buffered, and the tag's send completes it") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4}
processes:
  - name: s
    do:
      - send: {to: jobs, tag: X}
      - send: {to: jobs, tag: Z}
  - {name: r, do: [{receive: {from: jobs, tag: Z}}]}
)");
  m.fire("s");
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=Z", "r block jobs"});
  CHECK(m.status("r") == ProcStatus::blocked);
  CHECK(m.fire("s") == Lines{"s send_begin jobs #2 tag=Z", "s send_end jobs #2 tag=Z peer=r",
                             "r recv_end jobs #2 tag=Z peer=s", "r unblock jobs", "r exit", "s exit"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1});
}

TEST_CASE("semantics: at capacity 0 a tagged receive pairs only with a waiting sender of that tag") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: a, do: [{send: {to: jobs, tag: X}}]}
  - {name: b, do: [{send: {to: jobs, tag: Y}}]}
  - {name: r, do: [{receive: {from: jobs, tag: Y}}, {receive: {from: jobs, tag: Y}}]}
)");
  m.fire("a");
  m.fire("b");
  CHECK(m.waiting_senders("jobs") == Lines{"a", "b"});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=Y", "r recv_end jobs #2 tag=Y peer=b", "b send_end jobs #2 tag=Y peer=r",
                             "b unblock jobs", "b exit"});
  CHECK(m.waiting_senders("jobs") == Lines{"a"});
  // Only a's X is left: the second Y receive waits beside it instead of pairing.
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=Y", "r block jobs"});
  CHECK(m.status("a") == ProcStatus::blocked);
  CHECK(m.status("r") == ProcStatus::blocked);
  CHECK(m.enabled().empty());
}

TEST_CASE("semantics: at capacity 0 a tagged send does not pair with a receiver waiting for another tag") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{send: {to: jobs, tag: X}}]}
  - {name: rz, do: [{receive: {from: jobs, tag: Z}}]}
  - {name: rany, do: [{receive: {from: jobs}}]}
)");
  m.fire("rz");
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1 tag=X", "s block jobs"});
  CHECK(m.waiting_senders("jobs") == Lines{"s"});
  CHECK(m.fire("rany") == Lines{"rany recv_begin jobs", "rany recv_end jobs #1 tag=X peer=s",
                                "s send_end jobs #1 tag=X peer=rany", "s unblock jobs", "s exit", "rany exit"});
  CHECK(m.waiting_receivers("jobs") == Lines{"rz"});
}

TEST_CASE("semantics: a message goes to the longest-waiting receiver that wants its tag") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - {name: rx, do: [{receive: {from: jobs, tag: X}}]}
  - {name: rall, do: [{receive: {from: jobs}}]}
  - {name: rx2, do: [{receive: {from: jobs, tag: X}}]}
  - name: s
    do:
      - send: {to: jobs, tag: Y}
      - send: {to: jobs, tag: X}
      - send: {to: jobs, tag: X}
)");
  m.fire("rx");
  m.fire("rall");
  m.fire("rx2");
  CHECK(m.waiting_receivers("jobs") == Lines{"rx", "rall", "rx2"});
  play(m, {{"s", {"s send_begin jobs #1 tag=Y", "s send_end jobs #1 tag=Y peer=rall", "rall recv_end jobs #1 tag=Y peer=s",
                  "rall unblock jobs", "rall exit"}},
           {"s", {"s send_begin jobs #2 tag=X", "s send_end jobs #2 tag=X peer=rx", "rx recv_end jobs #2 tag=X peer=s",
                  "rx unblock jobs", "rx exit"}},
           {"s", {"s send_begin jobs #3 tag=X", "s send_end jobs #3 tag=X peer=rx2", "rx2 recv_end jobs #3 tag=X peer=s",
                  "rx2 unblock jobs", "rx2 exit", "s exit"}}});
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: send to a process uses the link between the two, one channel per direction") {
  Machine m(R"(
scenario: t
processes:
  - {name: s, do: [{send: {to: r, size: 8B}}, {receive: {from: r}}]}
  - {name: r, do: [{receive: {from: s}}, {send: {to: s}}]}
)");
  REQUIRE(m.model().channels.size() == 2);
  CHECK(m.model().channels[0].name == "s->r");
  CHECK(m.model().channels[1].name == "r->s");
  CHECK(m.model().channels[0].rendezvous()); // links take `defaults`, whose capacity defaults to 0
  play(m, {{"s", {"s send_begin s->r #1 8B", "s block s->r"}},
           {"r", {"r recv_begin s->r", "r recv_end s->r #1 8B peer=s", "s send_end s->r #1 8B peer=r", "s unblock s->r"}},
           {"s", {"s recv_begin r->s", "s block r->s"}},
           {"r", {"r send_begin r->s #2", "r send_end r->s #2 peer=s", "s recv_end r->s #2 peer=r", "s unblock r->s",
                  "s exit", "r exit"}}});
}

TEST_CASE("semantics: a link entry overrides the defaults for both directions") {
  Machine m(R"(
scenario: t
defaults: {capacity: 5}
channels:
  - link: [s, r]
    capacity: 1
processes:
  - {name: s, do: [{send: {to: r}}, {send: {to: r}}]}
  - {name: r, do: [{receive: {from: s}}, {send: {to: s}}]}
  - {name: q, do: [{send: {to: r}}]}
)");
  CHECK(m.model().channels[m.channel("s->r")].capacity == 1u);
  CHECK(m.model().channels[m.channel("r->s")].capacity == 1u);
  CHECK(m.model().channels[m.channel("q->r")].capacity == 5u);
  play(m, {{"s", {"s send_begin s->r #1", "s send_end s->r #1"}}, {"s", {"s send_begin s->r #2", "s block s->r"}}});
}

TEST_CASE("semantics: receive from P takes only from P (symmetric naming)") {
  Machine m(R"(
scenario: t
defaults: {capacity: 2}
processes:
  - {name: a, do: [{send: {to: r}}]}
  - {name: b, do: [{send: {to: r}}]}
  - {name: r, do: [{receive: {from: a}}, {receive: {from: b}}]}
)");
  m.fire("b");
  CHECK(m.buffered("b->r") == std::vector<std::uint32_t>{1});
  CHECK(m.fire("r") == Lines{"r recv_begin a->r", "r block a->r"});
  CHECK(m.waiting_receivers("b->r").empty());
  CHECK(m.fire("a") == Lines{"a send_begin a->r #2", "a send_end a->r #2 peer=r", "r recv_end a->r #2 peer=a",
                             "r unblock a->r", "a exit"});
  CHECK(m.buffered("b->r") == std::vector<std::uint32_t>{1});
  CHECK(m.fire("r") == Lines{"r recv_begin b->r", "r recv_end b->r #1 peer=b", "r exit"});
}

TEST_CASE("semantics: receive from any offers one alternative per link holding a message, oldest first for the simulator") {
  Machine m(R"(
scenario: t
defaults: {capacity: 2}
processes:
  - {name: a, do: [{send: {to: r, size: 1B}}]}
  - {name: b, do: [{send: {to: r, size: 2B}}]}
  - {name: r, do: [{repeat: 2, do: [{receive: {from: any}}]}]}
)");
  const Instruction& receive = *m.model().instruction(m.proc("r"), m.state.procs[m.proc("r")].pc);
  REQUIRE(receive.sources.size() == 2);
  CHECK(m.model().channels[receive.sources[0]].name == "a->r");
  CHECK(m.model().channels[receive.sources[1]].name == "b->r");

  CHECK(m.semantics().alternative_count(m.state, m.proc("r")) == 1); // nothing there yet: one way to block
  m.fire("b"); // #1 on b->r
  m.fire("a"); // #2 on a->r
  CHECK(m.semantics().alternative_count(m.state, m.proc("r")) == 2);
  CHECK(m.semantics().oldest_alternative(m.state, m.proc("r")) == 1); // b's message was sent first
  CHECK(m.enabled() == Lines{"r/0", "r/1"});

  SECTION("the oldest alternative takes b's message") {
    CHECK(m.fire("r", 1) == Lines{"r recv_begin", "r recv_end b->r #1 2B peer=b"});
    CHECK(m.semantics().alternative_count(m.state, m.proc("r")) == 1);
    CHECK(m.semantics().oldest_alternative(m.state, m.proc("r")) == 0);
    CHECK(m.fire("r", 0) == Lines{"r recv_begin", "r recv_end a->r #2 1B peer=a", "r exit"});
  }
  SECTION("the other alternative takes a's message (the checker explores both)") {
    CHECK(m.fire("r", 0) == Lines{"r recv_begin", "r recv_end a->r #2 1B peer=a"});
    CHECK(m.fire("r", 0) == Lines{"r recv_begin", "r recv_end b->r #1 2B peer=b", "r exit"});
  }
}

TEST_CASE("semantics: a blocked receive from any waits on every link and leaves all of them when served") {
  Machine m(R"(
scenario: t
processes:
  - {name: a, do: [{send: {to: r}}]}
  - {name: b, do: [{send: {to: r}}]}
  - {name: r, do: [{receive: {from: any}}]}
)");
  CHECK(m.fire("r") == Lines{"r recv_begin", "r block"});
  CHECK(m.waiting_receivers("a->r") == Lines{"r"});
  CHECK(m.waiting_receivers("b->r") == Lines{"r"});
  CHECK(m.fire("b") == Lines{"b send_begin b->r #1", "b send_end b->r #1 peer=r", "r recv_end b->r #1 peer=b",
                             "r unblock b->r", "r exit", "b exit"});
  CHECK(m.waiting_receivers("a->r").empty());
  CHECK(m.waiting_receivers("b->r").empty());
  // Nobody receives from a any more: a blocks in its rendezvous send.
  CHECK(m.fire("a") == Lines{"a send_begin a->r #2", "a block a->r"});
}

TEST_CASE("semantics: receive from any at capacity 0 pairs with whichever sender is waiting") {
  Machine m(R"(
scenario: t
processes:
  - {name: a, do: [{send: {to: r}}]}
  - {name: b, do: [{send: {to: r}}]}
  - {name: r, do: [{receive: {from: any}}]}
)");
  m.fire("b");
  CHECK(m.semantics().alternative_count(m.state, m.proc("r")) == 1);
  CHECK(m.fire("r") == Lines{"r recv_begin", "r recv_end b->r #1 peer=b", "b send_end b->r #1 peer=r", "b unblock b->r",
                             "b exit", "r exit"});
}
