// Control flow (repeat, forever, choose, dropped empty loops), Semantics::finished, and the state identity
// encode() (docs/semantics.md, "Transitions"; models/state.hpp).
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("semantics: repeat runs its body the given number of times, then the process exits") {
  Machine m(R"(
scenario: t
processes:
  - name: p
    do:
      - repeat: 2
        do:
          - compute: 1ms
          - repeat: 2
            do: [{sleep: 1ms}]
)");
  play(m, {{"p", {"p compute"}},
           {"p", {"p sleep"}},
           {"p", {"p sleep"}},
           {"p", {"p compute"}},
           {"p", {"p sleep"}},
           {"p", {"p sleep", "p exit"}}});
  CHECK(m.status("p") == ProcStatus::ended);
  CHECK(m.model().counter_count == 2);
}

TEST_CASE("semantics: forever never ends and is always enabled") {
  Machine m(R"(
scenario: t
processes:
  - {name: p, do: [{forever: [{compute: 1ms}, {sleep: 1ms}]}]}
  - {name: q, do: [{compute: 1ms}]}
)");
  for (int k = 0; k < 50; ++k) {
    REQUIRE(m.fire("p") == Lines{"p compute"});
    REQUIRE(m.fire("p") == Lines{"p sleep"});
  }
  CHECK(m.status("p") == ProcStatus::ready);
  CHECK(m.fire("q") == Lines{"q compute", "q exit"});
  CHECK(m.enabled() == Lines{"p/0"});
  CHECK_FALSE(m.semantics().finished(m.state));
}

TEST_CASE("semantics: choose enables one transition per branch and records the branch taken") {
  const char* yaml = R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - name: p
    do:
      - choose:
          - [{send: {to: jobs}}]
          - [{sleep: 1ms}, {sleep: 2ms}]
          - []
      - compute: 1ms
  - {name: q, do: [{compute: 1ms}]}
)";
  Machine m(yaml);
  CHECK(m.enabled() == Lines{"p/0", "p/1", "p/2", "q/0"});
  CHECK(m.semantics().alternative_count(m.state, m.proc("p")) == 3);
  CHECK(m.semantics().alternative_count(m.state, m.proc("q")) == 1);
  SECTION("branch 0") {
    CHECK(m.fire("p", 0) == Lines{"p choose branch=0"});
    CHECK(m.fire("p") == Lines{"p send_begin jobs #1", "p send_end jobs #1"});
    CHECK(m.fire("p") == Lines{"p compute", "p exit"});
  }
  SECTION("branch 1") {
    CHECK(m.fire("p", 1) == Lines{"p choose branch=1"});
    CHECK(m.enabled() == Lines{"p/0", "q/0"});
    CHECK(m.fire("p") == Lines{"p sleep"});
    CHECK(m.fire("p") == Lines{"p sleep"});
    CHECK(m.fire("p") == Lines{"p compute", "p exit"});
  }
  SECTION("an empty branch goes straight to the step after the choose") {
    CHECK(m.fire("p", 2) == Lines{"p choose branch=2"});
    CHECK(m.fire("p") == Lines{"p compute", "p exit"});
  }
}

TEST_CASE("semantics: choose as the last step ends the process in the same transition") {
  Machine m(R"(
scenario: t
processes:
  - {name: p, do: [{choose: [[], [{compute: 1ms}]]}]}
)");
  CHECK(m.fire("p", 0) == Lines{"p choose branch=0", "p exit"});
  CHECK(m.status("p") == ProcStatus::ended);
}

TEST_CASE("semantics: loops that can never take a step compile to nothing") {
  auto steps = GENERATE(as<std::string>{}, "[{forever: []}]", "[{repeat: 0, do: [{compute: 1ms}]}]",
                        "[{forever: [{repeat: 0, do: [{sleep: 1ms}]}]}]", "[{repeat: 3, do: [{forever: []}]}]",
                        "[{forever: [{forever: []}]}]");
  INFO("do: " << steps);
  Machine m("scenario: t\nprocesses:\n  - {name: p, do: " + steps + "}\n");
  CHECK(m.model().processes[0].code.empty());
  CHECK(m.initial_events == Lines{"p start", "p exit"});
  CHECK(m.status("p") == ProcStatus::ended);
  CHECK(m.enabled().empty());
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("semantics: an empty loop between steps is skipped") {
  Machine m(R"(
scenario: t
processes:
  - {name: p, do: [{compute: 1ms}, {forever: []}, {repeat: 0, do: [{sleep: 1ms}]}, {sleep: 2ms}]}
)");
  CHECK(m.fire("p") == Lines{"p compute"});
  CHECK(m.fire("p") == Lines{"p sleep", "p exit"});
}

TEST_CASE("semantics: finished is true once only servers idling in a receive remain") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
  - {mailbox: other, capacity: 0}
processes:
  - {name: srv, server: true, do: [{forever: [{receive: {from: jobs}}]}]}
  - {name: asrv, server: true, do: [{forever: [{receive: {from: other, async: h}}, {wait: h}]}]}
  - {name: c, do: [{send: {to: jobs}}]}
)");
  CHECK_FALSE(m.semantics().finished(m.state)); // everyone ready
  m.fire("srv");
  m.fire("asrv");
  m.fire("asrv");
  CHECK(m.status("asrv") == ProcStatus::blocked); // in wait for its posted receive
  CHECK_FALSE(m.semantics().finished(m.state));  // c can still move
  CHECK(m.fire("c") == Lines{"c send_begin jobs #1", "c send_end jobs #1 peer=srv", "srv recv_end jobs #1 peer=c",
                             "srv unblock jobs", "c exit"});
  CHECK_FALSE(m.semantics().finished(m.state)); // srv is ready again
  m.fire("srv");
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("semantics: finished is false while a non-server is blocked, or a server is blocked in a send") {
  SECTION("non-server blocked in a receive") {
    Machine m("scenario: t\nprocesses:\n  - {name: p, do: [{receive: {from: q}}]}\n  - {name: q, do: [{send: {to: p}}]}\n");
    m.fire("p");
    CHECK_FALSE(m.semantics().finished(m.state));
  }
  SECTION("server blocked in a send") {
    Machine m("scenario: t\nprocesses:\n  - {name: p, server: true, do: [{send: {to: q}}]}\n"
              "  - {name: q, do: [{receive: {from: p}}]}\n");
    m.fire("p");
    CHECK_FALSE(m.semantics().finished(m.state));
  }
}

namespace {

const char* const encode_scenario = R"(
scenario: t
channels:
  - {mailbox: x, capacity: 2}
  - {mailbox: y, capacity: 2}
  - {mailbox: z, capacity: 0}
processes:
  - {name: a, do: [{send: {to: x, size: 8B, tag: T}}, {repeat: 3, do: [{send: {to: z, async: h}}, {wait: h}]}]}
  - {name: b, do: [{send: {to: y, size: 8B}}, {receive: {from: z, tag: T}}]}
  - {name: c, do: [{receive: {from: z}}]}
)";

} // namespace

TEST_CASE("semantics: encode ignores message numbers, so interleavings of independent sends meet") {
  Machine ab(encode_scenario);
  ab.fire("a");
  ab.fire("b");
  Machine ba(encode_scenario);
  ba.fire("b");
  ba.fire("a");
  CHECK(ab.state.channels[0].buffer.at(0).id == 1);
  CHECK(ba.state.channels[0].buffer.at(0).id == 2);
  CHECK_FALSE(ab.state == ba.state);
  CHECK(encode(ab.state) == encode(ba.state));
}

TEST_CASE("semantics: encode distinguishes every part of a state but message numbers") {
  Machine m(encode_scenario);
  m.fire("a"); // x holds a message; a at its repeat
  m.fire("a"); // a posts on z (pending)
  m.fire("c"); // c takes it
  m.fire("b"); // y holds a message
  m.fire("b"); // b waits on z for tag T
  const State base = m.state;
  const auto base_code = encode(base);
  REQUIRE(base.channels[0].buffer.size() == 1);
  REQUIRE(base.channels[2].receivers.size() == 1);

  {
    // Message numbers and the next number are left out.
    State s = base;
    s.channels[0].buffer[0].id = 77;
    s.next_message = 1000;
    CHECK(encode(s) == base_code);
  }
  using Change = std::pair<const char*, void (*)(State&)>;
  auto change = GENERATE(
      Change{"pc", [](State& s) { s.procs[0].pc += 1; }},
      Change{"status", [](State& s) { s.procs[2].status = ProcStatus::failed; }},
      Change{"counter", [](State& s) { s.counters[0] += 1; }},
      Change{"handle status", [](State& s) { s.handles[0].status = HandleStatus::pending; }},
      Change{"handle origin", [](State& s) { s.handles[0].origin += 1; }},
      Change{"message sender", [](State& s) { s.channels[0].buffer[0].sender = 1; }},
      Change{"message tag", [](State& s) { s.channels[0].buffer[0].tag = 0; }},
      Change{"message size", [](State& s) { s.channels[0].buffer[0].size = 9; }},
      Change{"message moved to another channel",
             [](State& s) { s.channels[1].buffer.push_back(s.channels[0].buffer[0]); s.channels[0].buffer.clear(); }},
      Change{"waiting receiver tag", [](State& s) { s.channels[2].receivers[0].tag = 0; }},
      Change{"waiting receiver handle", [](State& s) { s.channels[2].receivers[0].handle = 0; }},
      Change{"waiting sender added", [](State& s) { s.channels[2].senders.push_back({.proc = 0, .message = {9, 0, 0, 0}}); }},
      Change{"order of waiting receivers", [](State& s) {
               s.channels[2].receivers.push_back({.proc = 2});
               std::swap(s.channels[2].receivers[0], s.channels[2].receivers[1]);
             }});
  INFO("changed: " << change.first);
  State s = base;
  if (std::string(change.first) == "order of waiting receivers") {
    // Compare two states that hold the same waiting receivers in different orders.
    State t = base;
    t.channels[2].receivers.push_back({.proc = 2});
    change.second(s);
    CHECK(encode(s) != encode(t));
  } else {
    change.second(s);
    CHECK(encode(s) != base_code);
  }
}

// SCENARIO_FORMAT.md: "A process with `server: true` blocked in a receive, with no message it could take, is
// ended normally". A server blocked in `wait` for an asynchronous *send* is blocked in a send: the run is not
// over (analyse_blocking agrees: it reports that state as a deadlock), but finished() treats every `wait` of a
// server as idling in a receive.
TEST_CASE("semantics: finished is false while a server waits for its own pending async send") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0}
processes:
  - {name: srv, server: true, do: [{send: {to: jobs, async: h}}, {wait: h}]}
)");
  CHECK(m.fire("srv") == Lines{"srv send_begin jobs #1"});
  CHECK(m.fire("srv") == Lines{"srv block"});
  REQUIRE(m.status("srv") == ProcStatus::blocked);
  BlockingAnalysis a = m.blocking();
  CHECK(a.deadlock); // nobody can ever take the message: a deadlock, not a normal end
  CHECK(describe_deadlock(m.model(), a) == "deadlock: every remaining process is blocked forever: srv is blocked in "
                                           "wait for h (send on jobs) (no process left that could complete it)");
  CHECK_FALSE(m.semantics().finished(m.state));
}
