#include "reports/sequence_chart.hpp"
#include "reports/sequence_rows.hpp"
#include "reports/svg_renderer.hpp"

#include "golden.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

namespace {

// Builds trace events tersely: event(seq, t, proc, name) then chained setters.
struct E {
  TraceEvent e;
  E(std::uint64_t seq, std::optional<double> t, std::string proc, std::string name) {
    e.seq = seq;
    e.t = t;
    e.proc = std::move(proc);
    e.event = std::move(name);
  }
  E &channel(std::string c) {
    e.channel = std::move(c);
    return *this;
  }
  E &msg(std::uint64_t m) {
    e.msg = m;
    return *this;
  }
  E &tag(std::string t) {
    e.tag = std::move(t);
    return *this;
  }
  E &peer(std::string p) {
    e.peer = std::move(p);
    return *this;
  }
  E &duration(double d) {
    e.duration = d;
    return *this;
  }
  E &detail(std::string d) {
    e.detail = std::move(d);
    return *this;
  }
  operator TraceEvent() const { return e; }
};

// The client sends one request at rendezvous to a server that was already blocked waiting for it.
std::vector<TraceEvent> rendezvous_trace() {
  return {
      E(1, 0, "client", "start"),
      E(2, 0, "server", "start"),
      E(3, 0, "server", "recv_begin").channel("requests"),
      E(4, 0, "server", "block").channel("requests").detail("receive from requests"),
      E(5, 0.001, "client", "send_begin").channel("requests").tag("REQ"),
      E(6, 0.001, "server", "unblock").channel("requests"),
      E(7, 0.001, "client", "send_end").channel("requests").msg(1).tag("REQ").peer("server"),
      E(8, 0.001, "server", "recv_end").channel("requests").msg(1).tag("REQ").peer("client"),
      E(9, 0.001, "server", "compute").duration(0.0005),
      E(10, 0.0015, "server", "exit"),
      E(11, 0.0015, "client", "exit"),
  };
}

} // namespace

TEST_CASE("a rendezvous with a blocked receiver, as DOT", "[sequence_chart]") {
  std::string dot = sequence_chart_dot(rendezvous_trace(), {"client", "server"});
  test::check_golden("sequence_rendezvous.dot", dot);
  CHECK_THAT(render_svg(dot), Catch::Contains("#1 REQ (requests)"));
}

TEST_CASE("a send and its receive share a row, and an unblock takes none", "[sequence_chart]") {
  SequenceRows grid = layout_sequence_rows(rendezvous_trace(), {"client", "server"}, 200);
  REQUIRE(grid.columns == std::vector<std::string>{"client", "server"});
  REQUIRE(grid.rows.size() == 5); // block, message, compute, exit, exit
  const SequenceRow &message = grid.rows[1];
  REQUIRE(message.cells[0]);
  REQUIRE(message.cells[1]);
  CHECK(message.cells[0]->event == 6); // send_end
  CHECK(message.cells[1]->event == 7); // recv_end
  CHECK(message.cells[1]->unblocks);
  REQUIRE(grid.arrows.size() == 1);
  CHECK(grid.arrows[0].kind == SequenceArrow::Kind::delivered);
  CHECK(grid.arrows[0].from_row == 1);
  CHECK(grid.arrows[0].to_row == 1);
}

TEST_CASE("messages not received end at markers before the closing deadlock", "[sequence_chart]") {
  std::vector<TraceEvent> trace{
      E(1, std::nullopt, "a", "send_end").channel("jobs").msg(1),
      E(2, std::nullopt, "a", "send_end").channel("a->b").msg(2).tag("PING"),
      E(3, std::nullopt, "a", "send_failed").channel("a->b").tag("PING"),
      E(4, std::nullopt, "b", "lost").channel("jobs").msg(1),
      E(5, std::nullopt, "b", "block").detail("receive from a"),
      E(6, std::nullopt, "", "deadlock").detail("b waits for a, which has ended"),
  };
  SequenceRows grid = layout_sequence_rows(trace, {"a", "b"}, 200);
  REQUIRE(grid.arrows.size() == 3);
  CHECK(grid.arrows[0].kind == SequenceArrow::Kind::lost);
  CHECK(grid.arrows[1].kind == SequenceArrow::Kind::undelivered);
  CHECK(grid.arrows[1].to_column == 1); // at its receiver
  CHECK(grid.arrows[2].kind == SequenceArrow::Kind::failed);
  CHECK(grid.arrows[2].from_row == grid.arrows[2].to_row);
  REQUIRE(grid.rows.size() == 7);
  CHECK(grid.rows[5].cells[1]->kind == SequenceCell::Kind::undelivered); // marker row
  CHECK(grid.rows[6].system_event == 5);                                 // deadlock last

  std::string dot = sequence_chart_dot(trace, {"a", "b"});
  CHECK_THAT(dot, Catch::Contains("label=\"DEADLOCK: b waits for a, which has ended\""));
  CHECK_THAT(dot, Catch::Contains("#2 PING never received"));
  CHECK_THAT(dot, Catch::Contains("arrowhead=tee"));
  CHECK_THAT(dot, Catch::Contains("label=seq")); // no times: rows are numbered by seq
  CHECK_THAT(render_svg(dot), Catch::Contains("<svg"));
}

TEST_CASE("a multicast message has one arrow per receiver", "[sequence_chart]") {
  std::vector<TraceEvent> trace{
      E(1, 0, "p", "send_end").channel("news").msg(1),
      E(2, 0, "q", "recv_end").channel("news").msg(1).peer("p"),
      E(3, 0, "r", "recv_end").channel("news").msg(1).peer("p"),
  };
  SequenceRows grid = layout_sequence_rows(trace, {"p", "q", "r"}, 200);
  CHECK(grid.rows.size() == 1);
  REQUIRE(grid.arrows.size() == 2);
  CHECK(grid.arrows[1].to_column == 2);
}

TEST_CASE("long traces show the first events and still the closing deadlock", "[sequence_chart]") {
  std::vector<TraceEvent> trace;
  for (std::uint64_t i = 0; i < 300; ++i)
    trace.push_back(E(i + 1, static_cast<double>(i) * 1e-6, "p", "compute").duration(1e-6));
  trace.push_back(E(301, 0.0003, "", "deadlock").detail("everyone waits"));
  SequenceChartOptions options;
  options.max_events = 200;
  std::string dot = sequence_chart_dot(trace, {"p"}, options);
  CHECK_THAT(dot, Catch::Contains("first 200 events shown (of 301)"));
  CHECK_THAT(dot, Catch::Contains("DEADLOCK: everyone waits"));
  CHECK_THAT(dot, Catch::Contains("f0 [")); // process names repeated at the bottom
  SequenceRows grid = layout_sequence_rows(trace, {"p"}, 200);
  CHECK(grid.rows.size() == 201);

  // A caller that kept only a prefix of a long run says how long the run was.
  trace.resize(201);
  options.total_events = 5000;
  CHECK_THAT(sequence_chart_dot(trace, {"p"}, options), Catch::Contains("first 200 events shown (of 5000)"));
}

TEST_CASE("processes found only in the trace get columns after the given ones", "[sequence_chart]") {
  std::vector<TraceEvent> trace{E(1, 0, "late", "compute").duration(0.001)};
  SequenceRows grid = layout_sequence_rows(trace, {"early"}, 200);
  CHECK(grid.columns == std::vector<std::string>{"early", "late"});
}

TEST_CASE("an unblock written right after the receive that completed the wait ends the span there",
          "[sequence_chart]") {
  // The engines' order: the receive completes, then its process is unblocked, in the same step.
  std::vector<TraceEvent> trace{
      E(1, std::nullopt, "server", "block").channel("requests"),
      E(2, std::nullopt, "client", "send_end").channel("requests").msg(1).peer("server"),
      E(3, std::nullopt, "server", "recv_end").channel("requests").msg(1).peer("client"),
      E(4, std::nullopt, "server", "unblock").channel("requests"),
      E(5, std::nullopt, "server", "compute"),
  };
  SequenceRows grid = layout_sequence_rows(trace, {"client", "server"}, 200);
  REQUIRE(grid.rows.size() == 3); // block, message, compute
  CHECK(grid.rows[1].cells[1]->unblocks);
  CHECK_FALSE(grid.rows[2].cells[1]->unblocks);
  std::string dot = sequence_chart_dot(trace, {"client", "server"});
  CHECK_THAT(dot, Catch::Contains("r0c1 -> r1c1 [color=\"#d62728\", penwidth=5];\n    r1c1 -> r2c1;\n"));
}
