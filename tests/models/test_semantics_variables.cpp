// Variables and values (SCENARIO_FORMAT.md, "Variables and values"): set, if/while tests, assert, value on
// send, into and when on receive, declared ranges and run-time faults, and which variable steps are silent.
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("semantics: a set evaluates every right side before it stores any") {
  Machine m(R"(
scenario: t
variables: {a: 1, b: 2}
processes:
  - name: p
    do:
      - set: {a: b, b: a}
)");
  CHECK(m.fire("p") == Lines{"p set a=2", "p set b=1", "p exit"});
  CHECK(m.var("a") == 2);
  CHECK(m.var("b") == 1);
}

TEST_CASE("semantics: steps on a process's own variables are silent, folded into the visible step before") {
  Machine m(R"(
scenario: t
channels: [{mailbox: box, capacity: 4}]
processes:
  - name: p
    variables: {k: 0}
    do:
      - while: "k < 2"
        do:
          - send: {to: box, value: "k * 10"}
          - set: {k: "k + 1"}
      - assert: "k == 2"
)");
  CHECK(m.initial_events == Lines{"p start"});
  CHECK(m.fire("p") == Lines{"p send_begin box #1", "p send_end box #1", "p set p.k=1"});
  CHECK(m.fire("p") == Lines{"p send_begin box #2 value=10", "p send_end box #2 value=10", "p set p.k=2", "p exit"});
  CHECK(m.var("p.k") == 2);
}

TEST_CASE("semantics: if takes then or else by the condition at the moment it is reached") {
  const std::string body = R"y(
processes:
  - name: p
    do:
      - if: "x > 0 && !(x == 5)"
        then: [{set: {y: 1}}]
        else: [{set: {y: -1}}]
)y";
  for (auto [x, y] : {std::pair{3, 1}, std::pair{5, -1}, std::pair{-2, -1}}) {
    Machine m("scenario: t\nvariables: {x: " + std::to_string(x) + ", y: 0}" + body);
    while (m.status("p") != ProcStatus::ended)
      m.fire("p");
    CAPTURE(x);
    CHECK(m.var("y") == y);
  }
}

TEST_CASE("semantics: into stores the received value; when takes the oldest message that satisfies it") {
  Machine m(R"(
scenario: t
channels: [{mailbox: box, capacity: 4}]
processes:
  - name: p
    do:
      - send: {to: box, value: 1}
      - send: {to: box, value: 2}
      - send: {to: box, value: 3}
  - name: r
    variables: {got: 0}
    do:
      - receive: {from: box, when: "value >= 2", into: got}
      - receive: {from: box, into: got}
      - receive: {from: box, when: "value == got + 1", into: got}
)");
  m.fire("p");
  m.fire("p");
  m.fire("p");
  CHECK(m.fire("r") == Lines{"r recv_begin box", "r recv_end box #2 peer=p value=2", "r set r.got=2"});
  CHECK(m.fire("r") == Lines{"r recv_begin box", "r recv_end box #1 peer=p value=1", "r set r.got=1"});
  CHECK(m.fire("r") == Lines{"r recv_begin box", "r block box"});
  CHECK(m.buffered("box") == std::vector<std::uint32_t>{3});
}

TEST_CASE("semantics: at capacity 0 a receive with when pairs only with a sender whose message satisfies it") {
  Machine m(R"(
scenario: t
channels: [{mailbox: box}]
processes:
  - {name: a, do: [{send: {to: box, value: 1}}]}
  - {name: b, do: [{send: {to: box, value: 2}}]}
  - {name: r, do: [{receive: {from: box, when: "value == 2"}}]}
)");
  m.fire("a");
  CHECK(m.fire("r") == Lines{"r recv_begin box", "r block box"});
  CHECK(m.fire("b") == Lines{"b send_begin box #2 value=2", "b send_end box #2 peer=r value=2",
                            "r recv_end box #2 peer=b value=2", "r unblock box", "r exit", "b exit"});
  CHECK(m.waiting_senders("box") == Lines{"a"});
}

TEST_CASE("semantics: a value outside a declared range, a division by zero and an overflow are invalid") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{set: {k: \"k + 4\"}}", "p invalid: k = 4 is outside its range [0, 3]"},
      {"{set: {k: \"1 / k\"}}", "p invalid: division by zero in '1 / k'"},
      {"{set: {big: \"big * 2\"}}", "p invalid: integer overflow in 'big * 2'"},
  };
  for (const auto& [step, expected] : cases) {
    Machine m("scenario: t\nprocesses:\n  - name: p\n    variables: {k: {initial: 0, range: [0, 3]}, big: "
              "{initial: 4611686018427387904, range: [0, 9223372036854775807]}}\n    do:\n      - compute: 1ms\n"
              "      - " +
              step + "\n");
    CAPTURE(step);
    CHECK(m.fire("p") == Lines{"p compute", expected});
    CHECK(m.status("p") == ProcStatus::failed);
  }
}

TEST_CASE("semantics: an assert that is false emits assert_failed with its text, and the process goes on") {
  Machine m(R"(
scenario: t
variables: {x: 1}
processes:
  - name: p
    do:
      - assert: "x == 2"
      - set: {x: 2}
      - assert: "x == 2"
)");
  CHECK(m.fire("p") == Lines{"p assert_failed: x == 2"});
  CHECK(m.fire("p") == Lines{"p set x=2"});
  CHECK(m.fire("p") == Lines{"p exit"});
}

TEST_CASE("semantics: an invariant names the lone replica of a count of 1 as w[0] too") {
  Machine m(R"(
scenario: t
processes:
  - name: w
    count: 1
    variables: {a: 0}
    do: [{set: {a: 1}}, {sleep: 1ms}]
properties:
  invariants: ["w[0].a == w.a"]
)");
  REQUIRE(m.model().invariants.size() == 1);
  CHECK(m.fire("w") == Lines{"w set w.a=1"}); // visible: the invariant reads it

}
