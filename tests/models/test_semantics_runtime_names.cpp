// Run-time names (SCENARIO_FORMAT.md, "Run-time names"): `to: "client[c]"` and `from: "worker[k]"` name the
// replica that the index gives when the step runs; a fixed index (i, n, params) names one replica when the
// scenario is compiled; an index outside the count, or one that names the process itself, is an invalid
// operation (at run time) or an error (when fixed).
#include "semantics_fixture.hpp"
#include "test_loader_support.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// A server that answers whoever asked: the request's value is the client's index.
const std::string kServer = R"(
scenario: t
channels:
  - {mailbox: requests, capacity: 2}
defaults: {capacity: 1}
processes:
  - name: client
    count: 2
    variables: {got: 0}
    do:
      - send: {to: requests, value: i}
      - receive: {from: server, into: got}
  - name: server
    variables: {c: 0}
    do:
      - repeat: 2
        do:
          - receive: {from: requests, into: c}
          - send: {to: "client[c]", value: "c + 10"}
)";

} // namespace

TEST_CASE("runtime names: the server's reply goes to the client whose index the request carried") {
  Machine m(kServer);
  m.fire("client[1]");
  m.fire("client[0]");
  CHECK(m.fire("server") == Lines{"server recv_begin requests", "server recv_end requests #1 peer=client[1] value=1",
                                  "server set server.c=1"});
  CHECK(m.fire("server") == Lines{"server send_begin server->client[1] #3 value=11",
                                  "server send_end server->client[1] #3 value=11"});
  CHECK(m.fire("client[1]") == Lines{"client[1] recv_begin server->client[1]",
                                     "client[1] recv_end server->client[1] #3 peer=server value=11",
                                     "client[1] set client[1].got=11", "client[1] exit"});
  m.fire("server");
  CHECK(m.fire("server") == Lines{"server send_begin server->client[0] #4 value=10",
                                  "server send_end server->client[0] #4 value=10", "server exit"});
}

TEST_CASE("runtime names: a receive from the worker that a variable names") {
  Machine m(R"(
scenario: t
defaults: {capacity: 1}
processes:
  - name: worker
    count: 3
    do: [{send: {to: boss, value: "i * 2"}}]
  - name: boss
    variables: {k: 2, got: 0}
    do:
      - receive: {from: "worker[k]", into: got}
      - set: {k: "k - 2"}
      - receive: {from: "worker[k]", into: got}
)");
  m.fire("worker[0]");
  m.fire("worker[1]");
  CHECK(m.fire("boss") == Lines{"boss recv_begin worker[2]->boss", "boss block worker[2]->boss"});
  m.fire("worker[2]");
  CHECK(m.var("boss.got") == 4);
  CHECK(m.var("boss.k") == 0);
  CHECK(m.fire("boss") == Lines{"boss recv_begin worker[0]->boss", "boss recv_end worker[0]->boss #1 peer=worker[0]",
                                "boss set boss.got=0", "boss exit"});
}

TEST_CASE("runtime names: an index outside the count, or naming the process itself, is an invalid operation") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"k: 3", "node[0] invalid: index 3 of 'node[k]' is outside node[0] to node[2]"},
      {"k: -1", "node[0] invalid: index -1 of 'node[k]' is outside node[0] to node[2]"},
      {"k: 0", "node[0] invalid: 'node[k]' is node[0], the process itself"},
  };
  for (const auto &[initial, expected] : cases) {
    CAPTURE(initial);
    Machine m("scenario: t\nprocesses:\n  - name: node\n    count: 3\n    variables: {" + initial +
              "}\n    do: [{sleep: 1ms}, {send: {to: \"node[k]\"}}]\n");
    CHECK(m.fire("node[0]") == Lines{"node[0] sleep", expected}); // the route runs with the step before it
  }
}

TEST_CASE("runtime names: a fixed index names one replica when compiled, and is checked then") {
  Machine ring(R"(
scenario: t
defaults: {capacity: 1}
processes:
  - name: node
    count: 3
    do: [{send: {to: "node[(i + 1) % n]"}}, {receive: {from: "node[(i + n - 1) % n]"}}]
)");
  CHECK(ring.fire("node[2]") == Lines{"node[2] send_begin node[2]->node[0] #1", "node[2] send_end node[2]->node[0] #1"});
  const std::string head = "scenario: t\nprocesses:\n  - name: node\n    count: 3\n    do: [{send: {to: ";
  CHECK(compile_errors(head + "\"node[i + 3]\"}}]\n") ==
        "t.yaml:5:28: error: to: index 3 of 'node[i + 3]' is outside node[0] to node[2]\n");
  CHECK(compile_errors(head + "\"node[i]\"}}]\n") == "t.yaml:5:28: error: to: 'node[i]' is node[0], the process itself\n");
  CHECK(compile_errors(head + "\"node[j]\"}}]\n") == "t.yaml:5:28: error: to: in 'j': unknown variable 'j'\n");
}

TEST_CASE("runtime names: the family must be a replicated mailbox or process", "[loader][names]") {
  const std::string head = "scenario: t\nchannels: [{mailbox: box}]\nprocesses:\n  - name: p\n"
                           "    variables: {k: 0}\n    do: [{send: {to: ";
  CHECK(load_errors(head + "\"box[k]\"}}]\n") ==
        "t.yaml:6:22: error: to: no mailbox or process named 'box' with a count, which the run-time index 'k' would "
        "choose among\n");
  CHECK(load_errors(head + "\"bx[k]\"}}]\n") == "t.yaml:6:22: error: to: no mailbox or process named 'bx' with a "
                                                "count, which the run-time index 'k' would choose among; did you "
                                                "mean 'box'?\n");
}
