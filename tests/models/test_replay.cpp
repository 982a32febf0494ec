// replay_trace: a trace is a replay recipe. Hand-made traces are replayed through the rules of models/,
// matching ones give the schedule and the states, wrong ones an error naming the trace event.
#include "models/replay.hpp"
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

struct E {
  std::string proc;
  std::string event;
  std::string channel = "";
  std::optional<std::uint64_t> msg = {};
  std::optional<std::uint64_t> size = {};
  std::string peer = "";
  std::optional<int> branch = {};
  std::string tag = "";
};

// Events numbered from 0, with times and lines that replay must ignore.
std::vector<TraceEvent> trace(const std::vector<E>& events) {
  std::vector<TraceEvent> out;
  for (const auto& e : events) {
    TraceEvent t;
    t.seq = out.size();
    t.t = 0.001 * static_cast<double>(out.size());
    t.proc = e.proc;
    t.event = e.event;
    t.channel = e.channel;
    t.msg = e.msg;
    t.size = e.size;
    t.peer = e.peer;
    t.branch = e.branch;
    t.tag = e.tag;
    t.line = 99;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<E> sender_first() {
  return {{"s", "start"},
          {"r", "start"},
          {"s", "send_begin", "jobs", 1, 8},
          {"s", "block", "jobs"},
          {"r", "recv_begin", "jobs"},
          {"r", "recv_end", "jobs", 1, 8, "s"},
          {"s", "send_end", "jobs", 1, 8, "r"},
          {"s", "unblock", "jobs"},
          {"s", "exit"},
          {"r", "exit"}};
}

std::string replay_error(const Semantics& semantics, const std::vector<TraceEvent>& events) {
  try {
    replay_trace(semantics, events);
  } catch (const ReplayError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("replay: a matching trace gives its schedule and the state after each step") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  Replay replay = replay_trace(semantics, trace(sender_first()), true);
  CHECK(replay.schedule == std::vector<Transition>{{0, 0}, {1, 0}});
  REQUIRE(replay.states.size() == 2);
  CHECK(replay.states[0].procs[0].status == ProcStatus::blocked);
  CHECK(replay.states[0].channels[0].senders.size() == 1);
  CHECK(replay.states[1] == replay.final_state);
  CHECK(replay.final_state.procs[0].status == ProcStatus::ended);
  CHECK(replay.final_state.procs[1].status == ProcStatus::ended);
  CHECK(replay.final_state.channels[0] == ChannelState{});
  CHECK(replay.final_state.next_message == 2);
}

TEST_CASE("replay: states are kept only on request") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  Replay replay = replay_trace(semantics, trace(sender_first()));
  CHECK(replay.states.empty());
  CHECK(replay.schedule.size() == 2);
}

TEST_CASE("replay: whole-system events are skipped and a trace may stop in the middle of a run") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  std::vector<E> events = sender_first();
  events.resize(4); // up to s's block
  events.push_back({"", "deadlock"});
  Replay replay = replay_trace(semantics, trace(events), true);
  CHECK(replay.schedule == std::vector<Transition>{{0, 0}});
  CHECK(replay.final_state.procs[0].status == ProcStatus::blocked);
  CHECK(replay.final_state.procs[1].status == ProcStatus::ready);
}

TEST_CASE("replay: the branch of a choose and the link of a receive from any select the alternative") {
  Model model = compile_text(R"(
scenario: t
defaults: {capacity: 2}
processes:
  - {name: a, do: [{send: {to: r}}]}
  - {name: b, do: [{send: {to: r}}]}
  - {name: r, do: [{choose: [[{sleep: 1ms}], [{receive: {from: any}}]]}]}
)");
  Semantics semantics(model);
  Replay replay = replay_trace(semantics, trace({{"a", "start"},
                                                 {"b", "start"},
                                                 {"r", "start"},
                                                 {"a", "send_begin", "a->r", 1, 0},
                                                 {"a", "send_end", "a->r", 1, 0},
                                                 {"a", "exit"},
                                                 {"b", "send_begin", "b->r", 2, 0},
                                                 {"b", "send_end", "b->r", 2, 0},
                                                 {"b", "exit"},
                                                 {"r", "choose", "", {}, {}, "", 1},
                                                 {"r", "recv_begin"},
                                                 {"r", "recv_end", "b->r", 2, 0, "b"},
                                                 {"r", "exit"}}));
  CHECK(replay.schedule == std::vector<Transition>{{0, 0}, {1, 0}, {2, 1}, {2, 1}});
  CHECK(replay.final_state.channels[0].buffer.size() == 1); // a's message is left on a->r
}

TEST_CASE("replay: a trace that the rules do not produce names the first event of the step that differs") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  std::vector<E> events = sender_first();
  events[5].peer = "r"; // r's recv_end claims the wrong sender
  CHECK(replay_error(semantics, trace(events)) ==
        "trace event seq 4 (r recv_begin) is not what the rules of models/ produce in this state");
}

TEST_CASE("replay: a wrong message number or size is a mismatch") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  std::vector<E> events = sender_first();
  SECTION("message number") { events[2].msg = 2; }
  SECTION("size") { events[2].size = 9; }
  SECTION("tag") { events[2].tag = "X"; }
  SECTION("channel") { events[3].channel = "other"; }
  CHECK(replay_error(semantics, trace(events)) ==
        "trace event seq 2 (s send_begin) is not what the rules of models/ produce in this state");
}

TEST_CASE("replay: errors for empty traces, wrong start, unknown and blocked processes") {
  Model model = compile_text(one_to_one);
  Semantics semantics(model);
  CHECK(replay_error(semantics, {}) == "the trace is empty");

  std::vector<E> swapped = sender_first();
  std::swap(swapped[0], swapped[1]);
  CHECK(replay_error(semantics, trace(swapped)) ==
        "trace event seq 0 (r start) does not match the initial events (start, exit)");

  std::vector<E> stranger = sender_first();
  stranger.insert(stranger.begin() + 2, E{"zed", "compute"});
  CHECK(replay_error(semantics, trace(stranger)) == "trace event seq 2 (zed compute) names no process of the scenario");

  std::vector<E> blocked = sender_first();
  blocked.insert(blocked.begin() + 4, E{"s", "send_end", "jobs", 1, 8});
  CHECK(replay_error(semantics, trace(blocked)) ==
        "trace event seq 4 (s send_end) is a step of a process that cannot move in this state");

  std::vector<E> after_end = sender_first();
  after_end.push_back({"r", "compute"});
  CHECK(replay_error(semantics, trace(after_end)) ==
        "trace event seq 10 (r compute) is a step of a process that cannot move in this state");

  // Exits are bookkeeping, not matched by position (the simulator traces them late): a stray one is ignored.
  std::vector<E> twice = sender_first();
  twice.push_back({"r", "exit"});
  CHECK(replay_error(semantics, trace(twice)).empty());
}
