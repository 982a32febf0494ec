#include "reports/trace_jsonl.hpp"

#include "models/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ipcsim;

namespace {

TraceEvent full_event() {
  TraceEvent e;
  e.seq = 17;
  e.t = 0.000012;
  e.proc = "producer";
  e.event = "send_end";
  e.channel = "jobs";
  e.msg = 3;
  e.size = 64;
  e.tag = "ACQ";
  e.peer = "consumer[1]";
  e.duration = 1.5;
  e.branch = 1;
  e.line = 12;
  e.detail = "say \"hi\"\tand\nleave \\ here";
  return e;
}

std::string what_of(const std::string &text) {
  std::istringstream in(text);
  try {
    read_trace(in, "trace.jsonl");
  } catch (const ScenarioError &error) {
    return error.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("trace lines have fixed key order and leave out unset fields", "[trace_jsonl]") {
  TraceEvent e;
  e.seq = 17;
  e.t = 0.000012;
  e.proc = "producer";
  e.event = "send_end";
  e.channel = "jobs";
  e.msg = 3;
  e.size = 64;
  e.tag = "ACQ";
  e.peer = "consumer[1]";
  CHECK(to_jsonl(e) == R"({"seq": 17, "t": 0.000012, "proc": "producer", "event": "send_end", "channel": "jobs", )"
                       R"("msg": 3, "size": 64, "tag": "ACQ", "peer": "consumer[1]"})");

  TraceEvent deadlock;
  deadlock.seq = 40;
  deadlock.event = "deadlock";
  deadlock.detail = "phil[0] and phil[1] wait for each other";
  CHECK(to_jsonl(deadlock) ==
        R"({"seq": 40, "event": "deadlock", "detail": "phil[0] and phil[1] wait for each other"})");

  CHECK(to_jsonl(full_event()) ==
        R"({"seq": 17, "t": 0.000012, "proc": "producer", "event": "send_end", "channel": "jobs", "msg": 3, )"
        R"("size": 64, "tag": "ACQ", "peer": "consumer[1]", "duration": 1.5, "branch": 1, "line": 12, )"
        R"("detail": "say \"hi\"\tand\nleave \\ here"})");
}

TEST_CASE("times and durations are written with at most 9 decimals", "[trace_jsonl]") {
  TraceEvent e;
  e.seq = 1;
  e.proc = "p";
  e.event = "compute";
  e.t = 0.0;
  e.duration = 0.1 + 0.2;
  CHECK(to_jsonl(e) == R"({"seq": 1, "t": 0, "proc": "p", "event": "compute", "duration": 0.3})");
  e.t = 2.0;
  e.duration = 0.0000000004;
  CHECK(to_jsonl(e) == R"({"seq": 1, "t": 2, "proc": "p", "event": "compute", "duration": 0})");
}

TEST_CASE("a trace reads back to the same events and the same bytes", "[trace_jsonl]") {
  std::vector<TraceEvent> events;
  events.push_back(full_event());
  TraceEvent second;
  second.seq = 18;
  second.t = 0.000123456;
  second.proc = "consumer[1]";
  second.event = "recv_end";
  second.channel = "jobs";
  second.msg = 3;
  second.size = 64;
  events.push_back(second);
  TraceEvent untimed;
  untimed.seq = 19;
  untimed.event = "violation";
  untimed.detail = "message #3 lost";
  events.push_back(untimed);

  std::ostringstream out;
  TraceWriter writer(out);
  for (const TraceEvent &e : events)
    writer.write(e);
  CHECK(writer.count() == 3);

  std::istringstream in(out.str());
  std::vector<TraceEvent> back = read_trace(in, "round.jsonl");
  REQUIRE(back.size() == 3);
  CHECK(back[0].seq == 17);
  CHECK(back[0].t == Approx(0.000012));
  CHECK(back[0].detail == events[0].detail);
  CHECK(back[0].branch == 1);
  CHECK(back[0].line == 12);
  CHECK(back[1].proc == "consumer[1]");
  CHECK(!back[1].duration);
  CHECK(!back[2].t);
  CHECK(back[2].proc.empty());

  std::ostringstream again;
  TraceWriter rewriter(again);
  for (const TraceEvent &e : back)
    rewriter.write(e);
  CHECK(again.str() == out.str());
}

TEST_CASE("blank lines and Windows line ends are accepted", "[trace_jsonl]") {
  std::istringstream in("{\"seq\": 1, \"proc\": \"p\", \"event\": \"start\"}\r\n\n   \n"
                        "{\"seq\": 2, \"proc\": \"p\", \"event\": \"exit\"}\n");
  auto events = read_trace(in, "t.jsonl");
  REQUIRE(events.size() == 2);
  CHECK(events[1].event == "exit");
}

TEST_CASE("bad trace lines are reported as FILE:LINE: error", "[trace_jsonl]") {
  CHECK(what_of("{\"seq\": 1, \"event\": \"send_ed\"}\n") ==
        "trace.jsonl:1: error: unknown event \"send_ed\" (did you mean \"send_end\"?)\n");
  CHECK(what_of("{\"seq\": 1, \"event\": \"teleport\"}\n") == "trace.jsonl:1: error: unknown event \"teleport\"\n");
  CHECK(what_of("\n{\"seq\": 1, \"event\": \"start\", \"prc\": \"a\"}\n") ==
        "trace.jsonl:2: error: unknown key \"prc\" (did you mean \"proc\"?)\n");
  CHECK(what_of("{\"event\": \"start\"}\n") == "trace.jsonl:1: error: missing key \"seq\"\n");
  CHECK(what_of("{\"seq\": 1}\n") == "trace.jsonl:1: error: missing key \"event\"\n");
  CHECK(what_of("{\"seq\": -1, \"event\": \"start\"}\n") ==
        "trace.jsonl:1: error: \"seq\" must be a non-negative integer\n");
  CHECK(what_of("{\"seq\": 1, \"event\": \"start\", \"t\": \"soon\"}\n") ==
        "trace.jsonl:1: error: \"t\" must be a number of seconds >= 0\n");
  CHECK(what_of("{\"seq\": 1, \"event\": \"start\", \"msg\": 1.5}\n") ==
        "trace.jsonl:1: error: \"msg\" must be a non-negative integer\n");
  CHECK(what_of("[1, 2]\n") == "trace.jsonl:1: error: expected a JSON object (one trace event per line)\n");
  CHECK_THAT(what_of("{\"seq\": 1, \"event\": \"start\"\n"),
             Catch::StartsWith("trace.jsonl:1: error: not valid JSON (column "));
  CHECK(what_of("{\"seq\": 2, \"event\": \"start\"}\n{\"seq\": 2, \"event\": \"exit\"}\n") ==
        "trace.jsonl:2: error: seq 2 does not follow seq 2 of line 1 (events must be in increasing seq order)\n");
}

TEST_CASE("every bad line of a trace is reported", "[trace_jsonl]") {
  CHECK(what_of("{\"seq\": 1, \"event\": \"x\"}\n{\"seq\": 2, \"event\": \"start\"}\n{\"seq\": 3}\n") ==
        "trace.jsonl:1: error: unknown event \"x\"\ntrace.jsonl:3: error: missing key \"event\"\n");
}

TEST_CASE("a missing trace file is a clear error", "[trace_jsonl]") {
  CHECK_THROWS_WITH(read_trace_file("/nonexistent/trace.jsonl"),
                    "/nonexistent/trace.jsonl: error: cannot open trace file\n");
}

TEST_CASE("every event of the format is known, with the two ipcsim adds and version 2's", "[trace_jsonl]") {
  CHECK(trace_event_names().size() == 34);
  CHECK(is_trace_event_name("set"));
  CHECK(is_trace_event_name("duplicate"));
  CHECK(is_trace_event_name("crash"));
  CHECK(is_trace_event_name("assert_failed"));
  CHECK(is_trace_event_name("recv_failed"));
  CHECK(is_trace_event_name("wait"));
  CHECK(is_trace_event_name("choose"));
  CHECK(!is_trace_event_name("chose"));
}
