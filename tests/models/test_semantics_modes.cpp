// Non-blocking and asynchronous send and receive, `wait`, and the invalid uses of handles
// (SCENARIO_FORMAT.md, "Semantics"; docs/semantics.md, "Asynchronous operations").
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("semantics: a non-blocking send that cannot be accepted fails and runs its else steps") {
  struct Row {
    std::string name;
    std::string capacity;
    bool prefill; // fill the one slot first
  };
  auto row = GENERATE(Row{"capacity 0, no receiver waiting", "0", false}, Row{"capacity 1, full", "1", true});
  INFO(row.name);
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: )" + row.capacity + R"(}
  - {mailbox: pre, capacity: 1}
processes:
  - {name: f, do: [{send: {to: jobs, size: 5B}}]}
  - name: s
    do:
      - send: {to: jobs, size: 7B, blocking: false, else: [{sleep: 1ms}, {compute: 2ms}]}
      - send: {to: pre}
)");
  std::string id = "#1";
  if (row.prefill) {
    m.fire("f");
    id = "#2";
  }
  CHECK(m.fire("s") == Lines{"s send_begin jobs " + id + " 7B", "s send_failed jobs " + id + " 7B"});
  CHECK(m.status("s") == ProcStatus::ready);
  CHECK(m.buffered("jobs").size() == (row.prefill ? 1u : 0u));
  CHECK(m.chan("jobs").senders.empty());
  CHECK(m.fire("s") == Lines{"s sleep"});
  CHECK(m.fire("s") == Lines{"s compute"});
  // After the else steps the process goes on with the step after the send.
  CHECK(m.fire("s").at(0).rfind("s send_begin pre ", 0) == 0);
}

TEST_CASE("semantics: a non-blocking send that is accepted skips its else steps") {
  struct Row {
    std::string name;
    std::string capacity;
    bool receiver_waits;
    Lines events;
  };
  auto row = GENERATE(
      Row{"capacity 0, receiver waiting", "0", true,
          {"s send_begin jobs #1", "s send_end jobs #1 peer=r", "r recv_end jobs #1 peer=s", "r unblock jobs", "r exit"}},
      Row{"capacity 1, room", "1", false, {"s send_begin jobs #1", "s send_end jobs #1"}});
  INFO(row.name);
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: )" + row.capacity + R"(}
processes:
  - name: s
    do:
      - send: {to: jobs, blocking: false, else: [{sleep: 1ms}]}
      - compute: 1ms
  - {name: r, do: [{receive: {from: jobs}}]}
)");
  if (row.receiver_waits)
    m.fire("r");
  CHECK(m.fire("s") == row.events);
  CHECK(m.fire("s") == Lines{"s compute", "s exit"});
}

TEST_CASE("semantics: a non-blocking receive with nothing available fails and runs its else steps") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - name: r
    do:
      - receive: {from: jobs, tag: T, blocking: false, else: [{sleep: 1ms}]}
      - compute: 1ms
  - {name: s, do: [{send: {to: jobs, tag: U}}]}
)");
  m.fire("s"); // a message with another tag does not count
  CHECK(m.fire("r") == Lines{"r recv_begin jobs tag=T", "r recv_failed jobs tag=T"});
  CHECK(m.chan("jobs").receivers.empty());
  CHECK(m.fire("r") == Lines{"r sleep"});
  CHECK(m.fire("r") == Lines{"r compute", "r exit"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1});
}

TEST_CASE("semantics: a non-blocking receive takes a waiting sender's message at capacity 0 and skips else") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - name: r
    do:
      - receive: {from: jobs, blocking: false, else: [{sleep: 1ms}]}
      - compute: 1ms
  - {name: s, do: [{send: {to: jobs}}]}
)");
  m.fire("s");
  CHECK(m.fire("r") ==
        Lines{"r recv_begin jobs", "r recv_end jobs #1 peer=s", "s send_end jobs #1 peer=r", "s unblock jobs", "s exit"});
  CHECK(m.fire("r") == Lines{"r compute", "r exit"});
}

namespace {

const char* const async_send = R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{send: {to: jobs, async: h}}, {compute: 1ms}, {wait: h}]}
  - {name: r, do: [{receive: {from: jobs}}]}
)";

} // namespace

TEST_CASE("semantics: async send completed before its wait gives a wait event") {
  Machine m(async_send);
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1"});
  CHECK(m.status("s") == ProcStatus::ready);
  CHECK(m.handle("s", "h") == HandleStatus::pending);
  CHECK(m.waiting_senders("jobs") == Lines{"s"});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 peer=s", "s send_end jobs #1 peer=r", "r exit"});
  CHECK(m.handle("s", "h") == HandleStatus::done);
  CHECK(m.status("s") == ProcStatus::ready);
  CHECK(m.fire("s") == Lines{"s compute"});
  CHECK(m.fire("s") == Lines{"s wait", "s exit"});
  CHECK(m.handle("s", "h") == HandleStatus::idle);
}

TEST_CASE("semantics: wait on a pending async send blocks until the receive completes it") {
  Machine m(async_send);
  play(m, {{"s", {"s send_begin jobs #1"}}, {"s", {"s compute"}}, {"s", {"s block"}}});
  CHECK(m.status("s") == ProcStatus::blocked);
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 peer=s", "s send_end jobs #1 peer=r", "s unblock",
                             "s exit", "r exit"});
  CHECK(m.handle("s", "h") == HandleStatus::idle);
}

TEST_CASE("semantics: async send with room is accepted at once") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: s, do: [{send: {to: jobs, async: h}}, {wait: h}]}
)");
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s send_end jobs #1"});
  CHECK(m.handle("s", "h") == HandleStatus::done);
  CHECK(m.fire("s") == Lines{"s wait", "s exit"});
}

TEST_CASE("semantics: an async send queues with the blocked senders in posting order") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: f, do: [{send: {to: jobs}}]}
  - {name: b, do: [{send: {to: jobs}}]}
  - {name: a, do: [{send: {to: jobs, async: h}}, {wait: h}]}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: jobs}}]}]}
)");
  m.fire("f");
  CHECK(m.fire("b") == Lines{"b send_begin jobs #2", "b block jobs"});
  CHECK(m.fire("a") == Lines{"a send_begin jobs #3"});
  CHECK(m.waiting_senders("jobs") == Lines{"b", "a"});
  CHECK(m.fire("a") == Lines{"a block"});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 peer=f", "b send_end jobs #2", "b unblock jobs",
                             "b exit"});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #2 peer=b", "a send_end jobs #3", "a unblock", "a exit"});
}

namespace {

const char* const async_receive = R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: r, do: [{receive: {from: jobs, async: h}}, {compute: 1ms}, {wait: h}]}
  - {name: s, do: [{send: {to: jobs}}]}
)";

} // namespace

TEST_CASE("semantics: async receive completed before its wait gives a wait event") {
  Machine m(async_receive);
  CHECK(m.fire("r") == Lines{"r recv_begin jobs"});
  CHECK(m.handle("r", "h") == HandleStatus::pending);
  CHECK(m.waiting_receivers("jobs") == Lines{"r"});
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s send_end jobs #1 peer=r", "r recv_end jobs #1 peer=s", "s exit"});
  CHECK(m.handle("r", "h") == HandleStatus::done);
  CHECK(m.fire("r") == Lines{"r compute"});
  CHECK(m.fire("r") == Lines{"r wait", "r exit"});
}

TEST_CASE("semantics: wait on a pending async receive blocks until a send completes it") {
  Machine m(async_receive);
  play(m, {{"r", {"r recv_begin jobs"}}, {"r", {"r compute"}}, {"r", {"r block"}}});
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s send_end jobs #1 peer=r", "r recv_end jobs #1 peer=s", "r unblock",
                             "r exit", "s exit"});
}

TEST_CASE("semantics: a posted async receive is served before a receiver that blocks after it") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - {name: a, do: [{receive: {from: jobs, async: h}}, {wait: h}]}
  - {name: b, do: [{receive: {from: jobs}}]}
  - {name: s, do: [{send: {to: jobs}}, {send: {to: jobs}}]}
)");
  CHECK(m.fire("a") == Lines{"a recv_begin jobs"});
  CHECK(m.fire("b") == Lines{"b recv_begin jobs", "b block jobs"});
  CHECK(m.waiting_receivers("jobs") == Lines{"a", "b"});
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s send_end jobs #1 peer=a", "a recv_end jobs #1 peer=s"});
  CHECK(m.fire("s") == Lines{"s send_begin jobs #2", "s send_end jobs #2 peer=b", "b recv_end jobs #2 peer=s",
                             "b unblock jobs", "b exit", "s exit"});
  CHECK(m.fire("a") == Lines{"a wait", "a exit"});
}

TEST_CASE("semantics: async receive takes an available message at once") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: s, do: [{send: {to: jobs, size: 3B}}]}
  - {name: r, do: [{receive: {from: jobs, async: h}}, {wait: h}]}
)");
  m.fire("s");
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 3B peer=s"});
  CHECK(m.handle("r", "h") == HandleStatus::done);
  CHECK(m.fire("r") == Lines{"r wait", "r exit"});
}

TEST_CASE("semantics: wait on a handle with nothing posted is an invalid operation") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: p, do: [{send: {to: jobs, async: h}}, {wait: h}, {wait: h}, {compute: 1ms}]}
)");
  m.fire("p");
  CHECK(m.fire("p") == Lines{"p wait"});
  CHECK(m.fire("p") == Lines{"p invalid: wait on handle h, which has no pending operation"});
  CHECK(m.status("p") == ProcStatus::failed);
  CHECK(m.enabled().empty());
}

TEST_CASE("semantics: posting on a handle that is still pending is an invalid operation") {
  SECTION("send") {
    Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: p, do: [{send: {to: jobs, async: h}}, {send: {to: jobs, async: h}}]}
)");
    CHECK(m.fire("p") == Lines{"p send_begin jobs #1"});
    CHECK(m.fire("p") == Lines{"p send_begin jobs #2", "p invalid: handle h is still pending"});
    CHECK(m.status("p") == ProcStatus::failed);
    // The first post was handed to the system: it stays queued.
    CHECK(m.waiting_senders("jobs") == Lines{"p"});
    CHECK(m.chan("jobs").senders.at(0).message.id == 1);
  }
  SECTION("receive") {
    Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: p, do: [{receive: {from: jobs, async: h}}, {receive: {from: jobs, async: h}}]}
)");
    CHECK(m.fire("p") == Lines{"p recv_begin jobs"});
    CHECK(m.fire("p") == Lines{"p recv_begin jobs", "p invalid: handle h is still pending"});
    CHECK(m.status("p") == ProcStatus::failed);
    // A failed process withdraws its posted receives.
    CHECK(m.chan("jobs").receivers.empty());
    CHECK(m.handle("p", "h") == HandleStatus::idle);
  }
}

TEST_CASE("semantics: a receive by a process not in the receivers list is an invalid operation") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2, receivers: [a]}
processes:
  - {name: s, do: [{send: {to: jobs}}, {send: {to: jobs}}]}
  - {name: a, do: [{receive: {from: jobs}}]}
  - {name: b, do: [{receive: {from: jobs}}]}
)");
  m.fire("s");
  CHECK(m.fire("b") == Lines{"b recv_begin jobs", "b invalid: b is not allowed to receive from jobs"});
  CHECK(m.status("b") == ProcStatus::failed);
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1});
  CHECK(m.fire("a") == Lines{"a recv_begin jobs", "a recv_end jobs #1 peer=s", "a exit"});
}

TEST_CASE("semantics: a process that exits withdraws its posted async receives") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: r, do: [{receive: {from: jobs, async: h}}]}
  - {name: s, do: [{send: {to: jobs}}]}
)");
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r exit"});
  CHECK(m.status("r") == ProcStatus::ended);
  CHECK(m.chan("jobs").receivers.empty());
  CHECK(m.handle("r", "h") == HandleStatus::idle);
  // Nobody is left to take the message: the rendezvous send waits.
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s block jobs"});
}

TEST_CASE("semantics: a process that exits leaves its posted async sends queued, and they are delivered") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: s, do: [{send: {to: jobs, async: h}}]}
  - {name: r, do: [{receive: {from: jobs}}]}
)");
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1", "s exit"});
  CHECK(m.waiting_senders("jobs") == Lines{"s"});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 peer=s", "s send_end jobs #1 peer=r", "r exit"});
  CHECK(m.status("s") == ProcStatus::ended);
}
