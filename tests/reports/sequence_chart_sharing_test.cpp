// Message sequence charts of semaphores, shared memory and mailboxes that come and go. The traces are what
// `ipcsim check` and `ipcsim run` wrote for small scenarios (quoted in each test), kept here as JSON Lines so
// that the pictures are tested apart from the engines. DOT is compared with goldens; the SVG is checked for
// what a reader must see.
#include "reports/sequence_chart.hpp"
#include "reports/sequence_rows.hpp"
#include "reports/svg_renderer.hpp"
#include "reports/trace_jsonl.hpp"

#include "golden.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <utility>

using namespace ipcsim;

namespace {

std::vector<TraceEvent> parse(const std::string &jsonl) {
  std::istringstream in(jsonl);
  return read_trace(in, "test.jsonl");
}

std::size_t occurrences(const std::string &text, const std::string &what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++count;
  return count;
}

// The SVG group (<g ...>...</g>) that starts with `opening`, empty when there is none.
std::string svg_group(const std::string &svg, const std::string &opening) {
  std::size_t begin = svg.find(opening);
  if (begin == std::string::npos)
    return "";
  return svg.substr(begin, svg.find("</g>", begin) - begin);
}

SequenceChartOptions titled(std::string title) {
  SequenceChartOptions options;
  options.title = std::move(title);
  return options;
}

// p takes a then b, q takes b then a: `ipcsim check` on
//   semaphores: [{name: a, initial: 1}, {name: b, initial: 1}]
//   p: [acquire a, acquire b, release b, release a]    q: [acquire b, acquire a, release a, release b]
const std::string lock_order_trace = R"({"seq": 0, "proc": "p", "event": "start", "line": 6}
{"seq": 1, "proc": "q", "event": "start", "line": 12}
{"seq": 2, "proc": "p", "event": "acquire", "channel": "a", "line": 8}
{"seq": 3, "proc": "q", "event": "acquire", "channel": "b", "line": 14}
{"seq": 4, "proc": "p", "event": "block", "channel": "b", "line": 9}
{"seq": 5, "proc": "q", "event": "block", "channel": "a", "line": 15}
{"seq": 6, "event": "deadlock", "detail": "deadlock: every remaining process is blocked forever: p is blocked in acquire b, waiting for q; q is blocked in acquire a, waiting for p"}
)";

// The writer writes under the mutex, the reader reads without it: `ipcsim check` on
//   writer: [attach seg, acquire mutex, write 64B, release mutex, detach seg]
//   reader: [attach seg, read 64B, detach seg]
const std::string data_race_trace = R"({"seq": 0, "proc": "writer", "event": "start", "line": 7}
{"seq": 1, "proc": "reader", "event": "start", "line": 14}
{"seq": 2, "proc": "writer", "event": "attach", "channel": "seg", "line": 9}
{"seq": 3, "proc": "writer", "event": "acquire", "channel": "mutex", "line": 10}
{"seq": 4, "proc": "reader", "event": "attach", "channel": "seg", "line": 16}
{"seq": 5, "proc": "writer", "event": "write", "channel": "seg", "size": 64, "line": 11}
{"seq": 6, "proc": "reader", "event": "read", "channel": "seg", "size": 64, "line": 17, "race_with": 5}
{"seq": 7, "event": "violation", "detail": "data race on seg: writer's write (line 11) and reader's read (line 17) are not ordered by any message or semaphore"}
)";

// The server owns inbox (capacity 1), takes one message and exits while msg 2 waits in inbox and the client is
// blocked sending msg 3: `ipcsim run` on
//   server: [sleep 1ms, receive inbox, sleep 1ms]    client: [repeat 4: send 64B to inbox]
const std::string owner_exit_trace = R"({"seq": 0, "t": 0, "proc": "server", "event": "start", "line": 5}
{"seq": 1, "t": 0, "proc": "client", "event": "start", "line": 10}
{"seq": 2, "t": 0, "proc": "server", "event": "sleep", "duration": 0.001, "line": 7}
{"seq": 3, "t": 0, "proc": "client", "event": "send_begin", "channel": "inbox", "msg": 1, "size": 64, "line": 14}
{"seq": 4, "t": 0, "proc": "client", "event": "send_end", "channel": "inbox", "msg": 1, "size": 64, "line": 14}
{"seq": 5, "t": 0, "proc": "client", "event": "send_begin", "channel": "inbox", "msg": 2, "size": 64, "line": 14}
{"seq": 6, "t": 0, "proc": "client", "event": "block", "channel": "inbox", "line": 14}
{"seq": 7, "t": 0.001, "proc": "server", "event": "recv_begin", "channel": "inbox", "line": 8}
{"seq": 8, "t": 0.001, "proc": "server", "event": "recv_end", "channel": "inbox", "msg": 1, "size": 64, "peer": "client", "line": 8}
{"seq": 9, "t": 0.001, "proc": "client", "event": "send_end", "channel": "inbox", "msg": 2, "size": 64, "line": 14}
{"seq": 10, "t": 0.001, "proc": "client", "event": "unblock", "channel": "inbox", "line": 14}
{"seq": 11, "t": 0.001, "proc": "client", "event": "send_begin", "channel": "inbox", "msg": 3, "size": 64, "line": 14}
{"seq": 12, "t": 0.001, "proc": "client", "event": "block", "channel": "inbox", "line": 14}
{"seq": 13, "t": 0.002, "proc": "server", "event": "sleep", "duration": 0.001, "line": 9}
{"seq": 14, "t": 0.002, "proc": "server", "event": "lost", "channel": "inbox", "msg": 2, "size": 64, "peer": "client", "line": 3, "detail": "its owner server exited"}
{"seq": 15, "t": 0.002, "proc": "client", "event": "invalid", "line": 14, "detail": "mailbox inbox ceased to exist: its owner server exited"}
{"seq": 16, "t": 0.002, "proc": "server", "event": "exit"}
)";

// A release that wakes a blocked acquire, a give, and a mailbox created and deleted: `ipcsim run` on
//   worker: [create jobs, attach seg, acquire mutex, compute 2us, write 64B, release mutex,
//            give jobs to boss, detach seg]
//   boss:   [attach seg, sleep 1us, acquire mutex, read 64B, release mutex, detach seg, sleep 5us,
//            delete jobs]
const std::string handover_trace = R"({"seq": 0, "t": 0, "proc": "worker", "event": "start", "line": 9}
{"seq": 1, "t": 0, "proc": "boss", "event": "start", "line": 19}
{"seq": 2, "t": 0, "proc": "worker", "event": "create", "channel": "jobs", "line": 11}
{"seq": 3, "t": 0, "proc": "worker", "event": "attach", "channel": "seg", "line": 12}
{"seq": 4, "t": 0, "proc": "worker", "event": "acquire", "channel": "mutex", "line": 13}
{"seq": 5, "t": 0, "proc": "worker", "event": "compute", "duration": 0.000002, "line": 14}
{"seq": 6, "t": 0, "proc": "boss", "event": "attach", "channel": "seg", "line": 21}
{"seq": 7, "t": 0, "proc": "boss", "event": "sleep", "duration": 0.000001, "line": 22}
{"seq": 8, "t": 0.000001, "proc": "boss", "event": "block", "channel": "mutex", "line": 23}
{"seq": 9, "t": 0.000002, "proc": "worker", "event": "write", "channel": "seg", "size": 64, "line": 15}
{"seq": 10, "t": 0.000002, "proc": "worker", "event": "release", "channel": "mutex", "line": 16}
{"seq": 11, "t": 0.000002, "proc": "boss", "event": "acquire", "channel": "mutex", "peer": "worker", "line": 23}
{"seq": 12, "t": 0.000002, "proc": "boss", "event": "unblock", "channel": "mutex", "line": 23}
{"seq": 13, "t": 0.000002, "proc": "boss", "event": "read", "channel": "seg", "size": 64, "line": 24}
{"seq": 14, "t": 0.000002, "proc": "boss", "event": "release", "channel": "mutex", "line": 25}
{"seq": 15, "t": 0.000002, "proc": "boss", "event": "detach", "channel": "seg", "line": 26}
{"seq": 16, "t": 0.000002, "proc": "boss", "event": "sleep", "duration": 0.000005, "line": 27}
{"seq": 17, "t": 0.000002, "proc": "worker", "event": "give", "channel": "jobs", "peer": "boss", "line": 17}
{"seq": 18, "t": 0.000002, "proc": "worker", "event": "detach", "channel": "seg", "line": 18}
{"seq": 19, "t": 0.000002, "proc": "worker", "event": "exit"}
{"seq": 20, "t": 0.000007, "proc": "boss", "event": "delete", "channel": "jobs", "line": 28}
{"seq": 21, "t": 0.000007, "proc": "boss", "event": "exit"}
)";

} // namespace

TEST_CASE("a lock-order deadlock: acquires as marks, blocked acquires as blocked spans", "[sequence_chart]") {
  std::vector<TraceEvent> trace = parse(lock_order_trace);
  std::string dot = sequence_chart_dot(trace, {"p", "q"}, titled("lock-order: deadlock counterexample"));
  test::check_golden("sequence_lock_order.dot", dot);
  CHECK(occurrences(dot, "penwidth=5") == 3); // p blocked over two rows, q over one

  std::string svg = render_svg(dot);
  CHECK(occurrences(svg, ">acquire a</text>") == 1);
  CHECK(occurrences(svg, ">acquire b</text>") == 1);
  CHECK(occurrences(svg, ">blocked: acquire b</text>") == 1);
  CHECK(occurrences(svg, ">blocked: acquire a</text>") == 1);
  CHECK(occurrences(svg, "fill=\"#e8f5e9\" stroke=\"#2e7d32\"") == 2); // the two green acquire marks
  CHECK_THAT(svg, Catch::Contains(">DEADLOCK: every remaining process is blocked forever: p is blocked in acquire b"));
}

TEST_CASE("a data race: both accesses red, joined by a dashed red line, and the caption says so", "[sequence_chart]") {
  std::vector<TraceEvent> trace = parse(data_race_trace);
  SequenceRows grid = layout_sequence_rows(trace, {"writer", "reader"}, 200);
  REQUIRE(grid.arrows.size() == 1);
  const SequenceArrow &race = grid.arrows[0];
  CHECK(race.kind == SequenceArrow::Kind::race);
  CHECK(race.event == 6); // the read, which carries race_with: 5
  CHECK(grid.rows[race.from_row].cells[race.from_column]->event == 5);
  CHECK(race.from_column == 0);
  CHECK(race.to_column == 1);

  std::string dot =
      sequence_chart_dot(trace, {"writer", "reader"}, titled("unlocked-reader: data_race counterexample"));
  test::check_golden("sequence_data_race.dot", dot);
  CHECK_THAT(dot, Catch::Contains("label=\"data race\\nwrite 64 B seg\""));
  CHECK_THAT(dot, Catch::Contains("label=\"data race\\nread 64 B seg\""));

  std::string svg = render_svg(dot);
  CHECK(occurrences(svg, "class=\"node race\"") == 2);
  CHECK(occurrences(svg, ">data race</text>") == 2);
  for (const char *access : {"r3c0", "r4c1"}) {
    std::size_t at = svg.find("<title>" + std::string(access) + "</title>");
    REQUIRE(at != std::string::npos);
    std::string group = svg.substr(at, svg.find("</g>", at) - at);
    CHECK_THAT(group, Catch::Contains("fill=\"#ffe0e0\" stroke=\"#c00000\""));
  }
  std::string line = svg_group(svg, "class=\"edge race_link\"");
  CHECK_THAT(line, Catch::Contains("<title>r3c0&#45;&gt;r4c1</title>"));
  CHECK_THAT(line, Catch::Contains("stroke=\"#c00000\""));
  CHECK_THAT(line, Catch::Contains("stroke-dasharray"));
  CHECK_THAT(line, !Catch::Contains("<polygon")); // a line, not an arrow
  CHECK(occurrences(svg, "class=\"edge race_link\"") == 1);
  CHECK_THAT(svg, Catch::Contains(">data race: each dashed red line joins two accesses that no message or "
                                  "semaphore orders</text>"));
  CHECK_THAT(svg, Catch::Contains(">VIOLATION: data race on seg: writer&#39;s write (line 11) and reader&#39;s read "
                                  "(line 17) are not ordered by any message or semaphore</text>"));
}

TEST_CASE("a race whose earlier access is not shown has no pair to draw", "[sequence_chart]") {
  std::vector<TraceEvent> trace = parse(data_race_trace);
  trace.erase(trace.begin() + 5); // the write that the read names
  std::string dot = sequence_chart_dot(trace, {"writer", "reader"});
  CHECK_THAT(dot, !Catch::Contains("class=race"));
  CHECK_THAT(dot, !Catch::Contains("race_link"));
  CHECK_THAT(dot, Catch::Contains("label=\"read 64 B seg\""));
}

TEST_CASE("an owner's exit: the lost message crossed, the blocked sender failed", "[sequence_chart]") {
  std::vector<TraceEvent> trace = parse(owner_exit_trace);
  SequenceRows grid = layout_sequence_rows(trace, {"server", "client"}, 200);
  auto lost = std::find_if(grid.arrows.begin(), grid.arrows.end(),
                           [](const SequenceArrow &a) { return a.kind == SequenceArrow::Kind::lost; });
  REQUIRE(lost != grid.arrows.end());
  CHECK(trace[lost->event].seq == 9); // the send_end of msg 2
  CHECK(lost->to_column == 0);        // at the server, which destroyed inbox
  CHECK(trace[grid.rows[lost->to_row].cells[0]->event].event == "lost");

  std::string dot = sequence_chart_dot(trace, {"server", "client"}, titled("ipcsim run owner-exit"));
  test::check_golden("sequence_owner_exit.dot", dot);
  std::string svg = render_svg(dot);
  CHECK(occurrences(svg, ">\u2717 lost msg 2 (inbox)</text>") == 1);
  CHECK(occurrences(svg, ">INVALID: mailbox inbox ceased to exist: its owner server exited</text>") == 1);
  CHECK_THAT(svg, Catch::Contains(">#2 (inbox)</text>")); // the dashed red arrow into the cross
}

TEST_CASE("a release that wakes a waiter: a dashed arrow to its acquire, which ends the blocked span",
          "[sequence_chart]") {
  std::vector<TraceEvent> trace = parse(handover_trace);
  SequenceRows grid = layout_sequence_rows(trace, {"worker", "boss"}, 200);
  std::vector<SequenceArrow::Kind> kinds;
  for (const SequenceArrow &arrow : grid.arrows)
    kinds.push_back(arrow.kind);
  CHECK(kinds == std::vector<SequenceArrow::Kind>{SequenceArrow::Kind::handover, SequenceArrow::Kind::give});
  const SequenceArrow &handover = grid.arrows[0];
  CHECK(trace[handover.event].seq == 11); // boss's acquire, completed by worker's release (seq 10)
  CHECK(grid.rows[handover.from_row].cells[0]->event == 10);
  CHECK(handover.to_row == handover.from_row + 1); // the next row: the arrow slants, its label has room
  CHECK(grid.rows[handover.to_row].cells[1]->unblocks);
  const SequenceArrow &give = grid.arrows[1];
  CHECK(give.from_row == give.to_row);
  CHECK(give.from_column == 0);
  CHECK(give.to_column == 1);
  CHECK(grid.rows.size() == 19); // every event but start, and unblock, has a row of its own

  std::string dot = sequence_chart_dot(trace, {"worker", "boss"});
  CHECK_THAT(dot, Catch::Contains("label=\"blocked: acquire mutex\""));
  CHECK(occurrences(dot, "penwidth=5") == 3); // boss blocked from 1us until the acquire, three rows on
  CHECK_THAT(dot, Catch::Contains("style=dashed, arrowhead=vee, xlabel=mutex"));
  CHECK_THAT(dot, Catch::Contains("arrowhead=empty, xlabel=\"give jobs\""));
  for (auto [mark, count] : std::vector<std::pair<std::string, std::size_t>>{{"create jobs", 1},
                                                                             {"delete jobs", 1},
                                                                             {"write 64 B seg", 1},
                                                                             {"read 64 B seg", 1},
                                                                             {"acquire mutex", 2},
                                                                             {"release mutex", 2}})
    CHECK(occurrences(dot, "label=\"" + mark + "\"") == count);
  CHECK(occurrences(dot, "fontsize=8, fillcolor=\"#fff6dc\"") == 4); // attach and detach, smaller
  CHECK_THAT(render_svg(dot), Catch::Contains(">give jobs</text>"));
}
