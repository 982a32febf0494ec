// Capacity 0 (rendezvous) and the FIFO service of waiting senders and receivers (SCENARIO_FORMAT.md,
// "Semantics": "Capacity 0", "Waiting senders and waiting receivers are served in the order in which they
// started to wait").
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

const char* const one_to_one = R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{send: {to: jobs, size: 8B}}]}
  - {name: r, do: [{receive: {from: jobs}}]}
)";

} // namespace

TEST_CASE("semantics: initial state puts every process at its first step and emits start events") {
  Machine m(one_to_one);
  CHECK(m.initial_events == Lines{"s start", "r start"});
  CHECK(m.status("s") == ProcStatus::ready);
  CHECK(m.status("r") == ProcStatus::ready);
  CHECK(m.enabled() == Lines{"s/0", "r/0"});
  CHECK(m.state.next_message == 1);
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: capacity 0, sender first: the sender blocks and completes with the receive") {
  Machine m(one_to_one);
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1 8B", "s block jobs"});
  CHECK(m.status("s") == ProcStatus::blocked);
  CHECK(m.waiting_senders("jobs") == Lines{"s"});
  CHECK(m.buffered("jobs").empty());
  CHECK(m.enabled() == Lines{"r/0"});

  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 8B peer=s", "s send_end jobs #1 8B peer=r",
                             "s unblock jobs", "s exit", "r exit"});
  CHECK(m.status("s") == ProcStatus::ended);
  CHECK(m.status("r") == ProcStatus::ended);
  CHECK(m.chan("jobs") == ChannelState{});
  CHECK(m.enabled().empty());
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("semantics: capacity 0, receiver first: the receiver blocks and the send completes at once") {
  Machine m(one_to_one);
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r block jobs"});
  CHECK(m.status("r") == ProcStatus::blocked);
  CHECK(m.waiting_receivers("jobs") == Lines{"r"});
  CHECK(m.enabled() == Lines{"s/0"});

  CHECK(m.fire("s") == Lines{"s send_begin jobs #1 8B", "s send_end jobs #1 8B peer=r", "r recv_end jobs #1 8B peer=s",
                             "r unblock jobs", "r exit", "s exit"});
  CHECK(m.status("s") == ProcStatus::ended);
  CHECK(m.status("r") == ProcStatus::ended);
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: capacity 0 never buffers, even with a size and several senders") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: a, do: [{send: {to: jobs, size: 1KiB}}]}
  - {name: b, do: [{send: {to: jobs}}]}
)");
  CHECK(m.fire("a") == Lines{"a send_begin jobs #1 1024B", "a block jobs"});
  CHECK(m.fire("b") == Lines{"b send_begin jobs #2", "b block jobs"});
  CHECK(m.buffered("jobs").empty());
  CHECK(m.chan("jobs").bytes == 0);
  CHECK(m.waiting_senders("jobs") == Lines{"a", "b"});
  CHECK(m.enabled().empty());
}

TEST_CASE("semantics: waiting senders are served in the order they started to wait, not in process order") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: a, do: [{send: {to: jobs}}]}
  - {name: b, do: [{send: {to: jobs}}]}
  - {name: c, do: [{send: {to: jobs}}]}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: jobs}}]}]}
)");
  play(m, {{"c", {"c send_begin jobs #1", "c block jobs"}},
           {"a", {"a send_begin jobs #2", "a block jobs"}},
           {"b", {"b send_begin jobs #3", "b block jobs"}}});
  CHECK(m.waiting_senders("jobs") == Lines{"c", "a", "b"});
  play(m, {{"r", {"r recv_begin jobs", "r recv_end jobs #1 peer=c", "c send_end jobs #1 peer=r", "c unblock jobs",
                  "c exit"}},
           {"r", {"r recv_begin jobs", "r recv_end jobs #2 peer=a", "a send_end jobs #2 peer=r", "a unblock jobs",
                  "a exit"}}});
  CHECK(m.waiting_senders("jobs") == Lines{"b"});
  play(m, {{"r", {"r recv_begin jobs", "r recv_end jobs #3 peer=b", "b send_end jobs #3 peer=r", "b unblock jobs",
                  "b exit", "r exit"}}});
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("semantics: waiting receivers are served in the order they started to wait, not in process order") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{repeat: 3, do: [{send: {to: jobs}}]}]}
  - {name: r1, do: [{receive: {from: jobs}}]}
  - {name: r2, do: [{receive: {from: jobs}}]}
  - {name: r3, do: [{receive: {from: jobs}}]}
)");
  play(m, {{"r3", {"r3 recv_begin jobs", "r3 block jobs"}},
           {"r1", {"r1 recv_begin jobs", "r1 block jobs"}},
           {"r2", {"r2 recv_begin jobs", "r2 block jobs"}}});
  CHECK(m.waiting_receivers("jobs") == Lines{"r3", "r1", "r2"});
  play(m, {{"s", {"s send_begin jobs #1", "s send_end jobs #1 peer=r3", "r3 recv_end jobs #1 peer=s", "r3 unblock jobs",
                  "r3 exit"}},
           {"s", {"s send_begin jobs #2", "s send_end jobs #2 peer=r1", "r1 recv_end jobs #2 peer=s", "r1 unblock jobs",
                  "r1 exit"}},
           {"s", {"s send_begin jobs #3", "s send_end jobs #3 peer=r2", "r2 recv_end jobs #3 peer=s", "r2 unblock jobs",
                  "r2 exit", "s exit"}}});
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: a receiver that arrives later does not overtake one already waiting at capacity 0") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: early, do: [{receive: {from: jobs}}]}
  - {name: s, do: [{send: {to: jobs}}]}
  - {name: late, do: [{receive: {from: jobs}}]}
)");
  m.fire("early");
  m.fire("late");
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s send_end jobs #1 peer=early", "early recv_end jobs #1 peer=s",
                             "early unblock jobs", "early exit", "s exit"});
  CHECK(m.status("late") == ProcStatus::blocked);
  CHECK(m.waiting_receivers("jobs") == Lines{"late"});
}
