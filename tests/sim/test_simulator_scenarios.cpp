// Every bundled scenario run through the simulator: its outcome, end time and per-channel counts as its
// opening comment promises, what its trace must show, and the trace replayed through models/ (the rules the
// checker uses) reaching the state the run ended in. One simulate() per TEST_CASE: SimGrid's engine is a
// per-process singleton.
#include "models/loader.hpp"
#include "models/replay.hpp"
#include "models/semantics.hpp"
#include "reports/number_format.hpp"
#include "reports/trace_jsonl.hpp"
#include "sim/simulator.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

Model load(const std::string& name) { return load_bundled(name); }
Run run(const Model& model, const RunOptions& options = {}) { return run_model(model, options); }

ProcId proc_named(const Model& model, const std::string& name) {
  for (ProcId p = 0; p < model.processes.size(); ++p)
    if (model.processes[p].name == name)
      return p;
  FAIL("no process " << name);
  return kNone;
}

ChannelId channel_named(const Model& model, const std::string& name) {
  for (ChannelId c = 0; c < model.channels.size(); ++c)
    if (model.channels[c].name == name)
      return c;
  FAIL("no channel " << name);
  return kNone;
}

// messages, bytes, failed sends, failed receives, peak queued, left queued
using Counts = std::vector<std::uint64_t>;
Counts counts(const Model& model, const RunResult& r, const std::string& channel) {
  const ChannelCounts& c = r.channels.at(channel_named(model, channel));
  return {c.messages, c.bytes, c.failed_sends, c.failed_receives, c.occupancy.peak_messages, c.left_buffered};
}

std::vector<std::string> process_outcomes(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& p : r.processes)
    out.push_back(p.outcome);
  return out;
}

std::size_t count_events(const std::vector<TraceEvent>& trace, const std::string& proc, const std::string& event,
                         const std::string& channel = "") {
  return static_cast<std::size_t>(std::count_if(trace.begin(), trace.end(), [&](const TraceEvent& e) {
    return (proc.empty() || e.proc == proc) && e.event == event && (channel.empty() || e.channel == channel);
  }));
}

// The events of SCENARIO_FORMAT.md ("Traces") and the two that docs/semantics.md adds (wait, choose).
bool documented_event(const std::string& name) {
  static const std::vector<std::string> names{
      "start",   "exit",    "compute", "sleep",  "send_begin", "send_end", "send_failed", "recv_begin", "recv_end",
      "recv_failed", "block", "unblock", "lost", "invalid",    "create",   "delete",      "give",       "acquire",
      "release", "attach",  "detach",  "read",   "write",      "deadlock", "violation",   "wait",       "choose"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

// seq numbers 0..n-1, times never going back, only documented event names, and as many events as the run counted.
void check_well_formed(const Run& r) {
  REQUIRE(r.trace.size() == r.result.events);
  for (std::size_t k = 0; k < r.trace.size(); ++k) {
    INFO("trace event " << k << ": " << to_jsonl(r.trace[k]));
    CHECK(r.trace[k].seq == k);
    REQUIRE(r.trace[k].t.has_value());
    CHECK(documented_event(r.trace[k].event));
    if (k > 0)
      CHECK(*r.trace[k].t >= *r.trace[k - 1].t);
    CHECK(*r.trace[k].t <= r.result.end_time + 1e-12);
  }
}

// The state the run must have ended in, built without models/: every process ended except those listed as
// blocked (at the given pc, waiting on the channels of that step), loop counters run down, handles consumed,
// and in each channel the messages the trace shows accepted into the buffer and never received.
State expected_final_state(const Model& model, const std::vector<TraceEvent>& trace,
                           const std::map<std::string, std::uint32_t>& blocked = {}) {
  State s;
  s.procs.resize(model.processes.size());
  s.counters.assign(model.counter_count, 0);
  s.handles.resize(model.handle_count);
  s.channels.resize(model.channels.size());
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    const Process& process = model.processes[p];
    s.procs[p] = {static_cast<std::uint32_t>(process.code.size()), ProcStatus::ended};
    for (std::uint32_t pc = 0; pc < process.code.size(); ++pc)
      if (process.code[pc].handle != kNone && process.code[pc].op != OpCode::wait)
        s.handles[process.handle_base + process.code[pc].handle] = {HandleStatus::idle, pc};
  }
  for (const auto& [name, pc] : blocked) {
    ProcId p = proc_named(model, name);
    s.procs[p] = {pc, ProcStatus::blocked};
    const Instruction& i = model.processes[p].code.at(pc);
    REQUIRE(i.op == OpCode::receive);
    for (ChannelId c : i.sources)
      s.channels[c].receivers.push_back({.proc = p, .tag = i.tag});
  }
  std::uint32_t last_message = 0;
  for (const auto& e : trace) {
    if (e.msg)
      last_message = std::max<std::uint32_t>(last_message, static_cast<std::uint32_t>(*e.msg));
    if (e.event == "send_end" && e.peer.empty()) {
      TagId tag = 0;
      for (TagId t = 1; t < model.tags.size(); ++t)
        if (model.tags[t] == e.tag)
          tag = t;
      auto& channel = s.channels[channel_named(model, e.channel)];
      channel.buffer.push_back({static_cast<std::uint32_t>(*e.msg), proc_named(model, e.proc), tag, *e.size});
      channel.bytes += *e.size;
    } else if (e.event == "recv_end") {
      auto& channel = s.channels[channel_named(model, e.channel)];
      auto m = std::find_if(channel.buffer.begin(), channel.buffer.end(),
                            [&](const Message& x) { return x.id == *e.msg; });
      if (m != channel.buffer.end()) {
        channel.bytes -= m->size;
        channel.buffer.erase(m);
      }
    }
  }
  s.next_message = last_message + 1;
  return s;
}

// Replays the trace through models/ and compares the final state with the expected one; returns the replay.
Replay check_replay(const Model& model, const Run& r, const std::map<std::string, std::uint32_t>& blocked = {}) {
  Semantics semantics(model);
  Replay replay = replay_trace(semantics, r.trace, true);
  CHECK(replay.states.size() == replay.schedule.size());
  State expected = expected_final_state(model, r.trace, blocked);
  CHECK(encode(replay.final_state) == encode(expected));
  CHECK(replay.final_state == expected); // message numbers too
  for (ChannelId c = 0; c < model.channels.size(); ++c) {
    INFO("channel " << model.channels[c].name);
    CHECK(replay.final_state.channels[c].buffer.size() == r.result.channels[c].left_buffered);
  }
  return replay;
}

std::string end_time(const RunResult& r) { return format_seconds(r.end_time); }

} // namespace

TEST_CASE("simulator: buffering-bounded completes with 8 messages and peak occupancy 3") {
  Model model = load("buffering-bounded");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(r.result.message.empty());
  CHECK(end_time(r.result) == "0.000386");
  CHECK(r.result.events == 62);
  CHECK(counts(model, r.result, "jobs") == Counts{8, 512, 0, 0, 3, 0});
  CHECK(process_outcomes(r.result) == std::vector<std::string>{"ended", "ended"});
  CHECK(format_seconds(r.result.processes[0].end) == "0.000225");
  // The producer runs ahead until the buffer is full, then blocks until the consumer makes room.
  CHECK(count_events(r.trace, "producer", "block", "jobs") > 0);
  CHECK(r.result.processes[0].blocked_send > 0);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: buffering-unbounded completes without ever blocking the producer, peak occupancy 7") {
  Model model = load("buffering-unbounded");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000378");
  CHECK(r.result.events == 54);
  CHECK(counts(model, r.result, "jobs") == Counts{8, 512, 0, 0, 7, 0});
  CHECK(format_seconds(r.result.processes[0].end) == "0.000091");
  CHECK(count_events(r.trace, "producer", "block") == 0);
  CHECK(r.result.processes[0].blocked_send == 0);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: buffering-zero-capacity completes with 5 rendezvous, the producer mostly blocked") {
  Model model = load("buffering-zero-capacity");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000245");
  CHECK(r.result.events == 44);
  CHECK(counts(model, r.result, "jobs") == Counts{5, 320, 0, 0, 0, 0});
  const ProcessTimes& producer = r.result.processes[0];
  CHECK(producer.blocked_send > producer.end / 2);
  // Rendezvous: every send completes with its receiver named.
  for (const auto& e : r.trace)
    if (e.event == "send_end")
      CHECK(e.peer == "consumer");
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: classic-dining-philosophers completes with these timings") {
  Model model = load("classic-dining-philosophers");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.00055");
  CHECK(r.result.events == 160);
  for (int k = 0; k < 5; ++k)
    CHECK(counts(model, r.result, "fork[" + std::to_string(k) + "]") == Counts{4, 0, 0, 0, 1, 1});
  for (const auto& outcome : process_outcomes(r.result))
    CHECK(outcome == "ended");
  for (int k = 0; k < 5; ++k)
    CHECK(count_events(r.trace, "phil[" + std::to_string(k) + "]", "compute") == 2); // two meals each
  CHECK(count_events(r.trace, "", "deadlock") == 0);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: classic-dining-philosophers-ordered completes") {
  Model model = load("classic-dining-philosophers-ordered");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.00055");
  CHECK(r.result.events == 158);
  for (int k = 0; k < 5; ++k)
    CHECK(counts(model, r.result, "fork[" + std::to_string(k) + "]") == Counts{4, 0, 0, 0, 1, 1});
  CHECK(count_events(r.trace, "last", "compute") == 2);
  CHECK(count_events(r.trace, "", "deadlock") == 0);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: classic-empty-messages completes with 10 items, 13 empties, at most 3 items in flight") {
  Model model = load("classic-empty-messages");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000305");
  CHECK(r.result.events == 122);
  CHECK(counts(model, r.result, "items") == Counts{10, 640, 0, 0, 3, 0});
  CHECK(counts(model, r.result, "empties") == Counts{10, 0, 0, 0, 3, 3});
  CHECK(count_events(r.trace, "consumer", "send_end", "empties") == 13);
  int in_flight = 0, most = 0;
  for (const auto& e : r.trace) {
    if (e.channel == "items" && e.event == "send_end")
      most = std::max(most, ++in_flight);
    if (e.channel == "items" && e.event == "recv_end")
      --in_flight;
  }
  CHECK(most == 3);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: deadlock-receive-first stops at t = 0 with a deadlock naming both processes") {
  Model model = load("deadlock-receive-first");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::deadlock);
  CHECK(end_time(r.result) == "0");
  CHECK(r.result.events == 7);
  CHECK(r.result.message ==
        "deadlock: every remaining process is blocked forever: alice is blocked in receive from bob->alice, waiting for "
        "bob; bob is blocked in receive from alice->bob, waiting for alice");
  CHECK(process_outcomes(r.result) ==
        std::vector<std::string>{"blocked in receive from bob->alice", "blocked in receive from alice->bob"});
  REQUIRE(r.result.blocking.has_value());
  CHECK(r.result.blocking->global);
  CHECK(r.result.blocking->stuck == std::vector<ProcId>{0, 1});
  REQUIRE(r.result.wait_for.has_value());
  CHECK(r.result.wait_for->nodes.size() == 2);
  CHECK(r.result.wait_for->edges.size() == 2);
  REQUIRE(!r.trace.empty());
  CHECK(r.trace.back().event == "deadlock");
  CHECK(r.trace.back().proc.empty());
  CHECK(r.trace.back().detail == r.result.message);
  check_well_formed(r);
  check_replay(model, r, {{"alice", 0}, {"bob", 0}});
}

TEST_CASE("simulator: naming-direct-symmetric completes with 3 messages each way") {
  Model model = load("naming-direct-symmetric");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000054");
  CHECK(r.result.events == 43);
  CHECK(counts(model, r.result, "ping->pong") == Counts{3, 192, 0, 0, 0, 0});
  CHECK(counts(model, r.result, "pong->ping") == Counts{3, 192, 0, 0, 0, 0});
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: naming-mailbox-many-to-many completes with 12 jobs, 4 per consumer") {
  Model model = load("naming-mailbox-many-to-many");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000585884");
  CHECK(r.result.events == 90);
  CHECK(counts(model, r.result, "jobs") == Counts{12, 1536, 0, 0, 2, 0});
  for (int k = 0; k < 3; ++k)
    CHECK(count_events(r.trace, "consumer[" + std::to_string(k) + "]", "recv_end", "jobs") == 4);
  for (int k = 0; k < 2; ++k)
    CHECK(count_events(r.trace, "producer[" + std::to_string(k) + "]", "send_end", "jobs") == 6);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: naming-receive-from-any completes with 12 readings collected, 4 per sensor") {
  Model model = load("naming-receive-from-any");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000311805");
  CHECK(r.result.events == 91);
  for (int k = 0; k < 3; ++k) {
    std::string sensor = "sensor[" + std::to_string(k) + "]";
    CHECK(counts(model, r.result, sensor + "->collector") == Counts{4, 128, 0, 0, 2, 0});
    std::size_t named = std::count_if(r.trace.begin(), r.trace.end(), [&](const TraceEvent& e) {
      return e.proc == "collector" && e.event == "recv_end" && e.peer == sensor;
    });
    CHECK(named == 4);
  }
  // The collector is a server: blocked in its receive at the end, which is its normal end.
  CHECK(r.result.processes.back().outcome ==
        "blocked in receive from any (sensor[0]->collector, sensor[1]->collector, sensor[2]->collector)");
  CHECK(count_events(r.trace, "", "lost") == 0);
  check_well_formed(r);
  check_replay(model, r, {{"collector", 0}});
}

TEST_CASE("simulator: size-fixed-and-variable pads frames to 256 B and blocks the writer early on records") {
  Model model = load("size-fixed-and-variable");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000103");
  CHECK(r.result.events == 47);
  CHECK(counts(model, r.result, "frames") == Counts{4, 1024, 0, 0, 1, 0});
  CHECK(counts(model, r.result, "records") == Counts{4, 2176, 0, 0, 3, 0});
  for (const auto& e : r.trace)
    if (e.channel == "frames" && e.msg)
      CHECK(e.size == 256u);
  // Two 1 KiB records fill the 2 KiB buffer: the 64 B record waits although 6 slots remain.
  auto block = std::find_if(r.trace.begin(), r.trace.end(),
                            [](const TraceEvent& e) { return e.proc == "writer" && e.event == "block"; });
  REQUIRE(block != r.trace.end());
  CHECK(block->channel == "records");
  CHECK(format_seconds(r.result.processes[0].blocked_send) == "0.000048");
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: sync-async-send-wait completes with 3 messages, the sender never blocked") {
  Model model = load("sync-async-send-wait");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000126");
  CHECK(r.result.events == 31);
  CHECK(counts(model, r.result, "out") == Counts{3, 3072, 0, 0, 0, 0});
  // The receiver is never late here: every wait finds its handle completed.
  CHECK(count_events(r.trace, "sender", "block") == 0);
  CHECK(count_events(r.trace, "sender", "wait") == 3);
  CHECK(count_events(r.trace, "receiver", "wait") == 3);
  CHECK(r.result.processes[0].blocked_send == 0);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: sync-nonblocking-polling completes without blocking, with failed sends and polls") {
  Model model = load("sync-nonblocking-polling");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(end_time(r.result) == "0.000253");
  CHECK(r.result.events == 46);
  CHECK(counts(model, r.result, "readings") == Counts{3, 48, 3, 3, 2, 0});
  CHECK(count_events(r.trace, "", "block") == 0);
  CHECK(count_events(r.trace, "sampler", "send_failed") == 3);
  CHECK(count_events(r.trace, "poller", "recv_failed") == 3);
  check_well_formed(r);
  check_replay(model, r);
}

// docs/semantics.md ("Events added to the v1 list") adds `wait` and `choose`, and the simulator writes them, but
// reports/trace_jsonl.cpp does not know them: is_trace_event_name("wait") is false and read_trace() rejects
// the trace that `ipcsim run --trace` wrote for this bundled scenario ("unknown event \"wait\"").
TEST_CASE("simulator: compare-capacity completes with 12 jobs, 4 slots of 1 KiB reserved") {
  Model model = load("compare-capacity");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  const ChannelCounts& jobs = r.result.channels.at(channel_named(model, "jobs"));
  CHECK(jobs.messages == 12);
  CHECK(jobs.occupancy.peak_messages <= 4);
  CHECK(jobs.memory_reserved == 4096);
  CHECK(jobs.bytes_copied == 2 * 12 * 1024);
  CHECK(jobs.latencies.size() == 12);
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: compare-copy-or-map copies 16 KiB messages below the 64 KiB threshold, maps above it") {
  Model copied = load("compare-copy-or-map");
  Run r = run(copied);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  const ChannelCounts& stream = r.result.channels.at(channel_named(copied, "stream"));
  CHECK(stream.messages == 8);
  CHECK(stream.bytes_copied == 2 * 8 * 16384);
  check_well_formed(r);
  check_replay(copied, r);
}

TEST_CASE("simulator: compare-host-or-network completes with 4 requests and 4 replies on one host") {
  Model model = load("compare-host-or-network");
  Run r = run(model);
  CHECK(r.result.outcome == RunResult::Outcome::completed);
  CHECK(counts(model, r.result, "client->server") == Counts{4, 4 * 4096, 0, 0, 0, 0});
  CHECK(counts(model, r.result, "server->client") == Counts{4, 4 * 64, 0, 0, 0, 0});
  check_well_formed(r);
  check_replay(model, r);
}

TEST_CASE("simulator: a trace with wait events reads back through read_trace") {
  Model model = load("sync-async-send-wait");
  Run r = run(model);
  std::string text;
  for (const auto& e : r.trace)
    text += to_jsonl(e) + "\n";
  CHECK(is_trace_event_name("wait"));
  CHECK(is_trace_event_name("choose"));
  std::istringstream in(text);
  std::vector<TraceEvent> back;
  CHECK_NOTHROW(back = read_trace(in, "trace.jsonl"));
  CHECK(back.size() == r.trace.size());
}
