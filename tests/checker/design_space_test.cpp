// The rows of the design space that came with mailbox lifecycles, multicast, semaphores and shared memory,
// checked exactly: single schedules fired by hand (what each step does) and whole searches (what the
// checker concludes, and that partial-order reduction concludes the same).
#include "check_support.hpp"
#include "models/semantics_fixture.hpp"

#include <algorithm>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::string invalid_description(const CheckResult &r) {
  for (const auto &cx : r.violations)
    if (cx.kind == PropertyKind::invalid)
      return cx.description;
  return "";
}

std::vector<std::string> actions(const Counterexample &cx) {
  std::vector<std::string> out;
  for (const auto &s : cx.steps)
    out.push_back(s.proc + ": " + s.action);
  return out;
}

const char *const lifecycle_yaml = R"(
scenario: hand-over
channels:
  - {mailbox: jobs, capacity: 2, created: false, receivers: [a]}
processes:
  - name: a
    do:
      - create: jobs
      - send: {to: c, tag: OPEN}
      - receive: {from: jobs}
      - give: {mailbox: jobs, to: b}
      - send: {to: b, tag: YOURS}
  - name: b
    do:
      - receive: {from: a, tag: YOURS}
      - receive: {from: jobs}
      - delete: jobs
  - name: c
    do:
      - receive: {from: a, tag: OPEN}
      - send: {to: jobs}
      - send: {to: jobs}
properties: {lost_messages: true, undelivered: true}
)";

const char *const multicast_yaml = R"(
scenario: news
channels:
  - {mailbox: news, capacity: 1, delivery: all, receivers: [fast, slow]}
processes:
  - name: pub
    do: [{send: {to: news}}, {send: {to: news}}]
  - name: fast
    do: [{receive: {from: news}}, {receive: {from: news}}]
  - name: slow
    do: [{receive: {from: news}}, {receive: {from: news}}]
)";

const char *const mutex_yaml = R"(
scenario: mutex
semaphores: [{name: m, initial: 1}]
processes:
  - name: a
    do: [{acquire: m}, {release: m}]
  - name: b
    do: [{acquire: m}, {release: m}]
)";

const char *const race_yaml = R"(
scenario: race
semaphores: [{name: lock, initial: 1}]
shared_memory: [{name: seg, size: 64B}]
processes:
  - name: writer
    do:
      - attach: seg
      - acquire: lock
      - write: {segment: seg, size: 8B}
      - release: lock
  - name: reader
    do:
      - attach: seg
      - read: {segment: seg, size: 8B}
)";

} // namespace

TEST_CASE("design space: two processes taking one binary semaphore, every state counted", "[design_space]") {
  // No reduction. Each process is before its acquire, before its release, or ended (0, 1, 2), and the
  // second to come may be blocked in its acquire while the first holds m. (a, b): (0,0), (1,0), (0,1),
  // (2,0), (0,2), (2,1), (1,2), (2,2) and the two with a waiter: (1, b waiting), (a waiting, 1): 10.
  // Transitions: 2 from (0,0), (1,0) and (0,1); 1 from each of the 6 others but (2,2): 12. Every schedule
  // to the end has 4 steps.
  Model model = model_from_text(mutex_yaml);
  for (bool bfs : {false, true}) {
    INFO((bfs ? "breadth-first" : "depth-first"));
    CheckResult r = check_all(model, bfs, false);
    CHECK(r.stop == StopReason::complete);
    CHECK(r.statistics.states == 10);
    CHECK(r.statistics.transitions == 12);
    CHECK(r.statistics.max_depth == 4);
    CHECK_FALSE(r.violated());
  }
}

// (While data races are watched the reduction is off, so on that row the two searches are one.)
TEST_CASE("design space: the reduced search reaches the full search's verdicts on every new row",
          "[design_space][reduction]") {
  const std::vector<std::pair<const char *, const char *>> rows = {
      {"lifecycle", lifecycle_yaml}, {"multicast", multicast_yaml}, {"semaphores", mutex_yaml}, {"data race", race_yaml}};
  for (const auto &[row, yaml] : rows) {
    INFO(row);
    Model model = model_from_text(yaml);
    CheckResult full = check_all(model, false, false);
    CheckResult reduced = check_all(model);
    CHECK(reduced.statistics.states <= full.statistics.states);
    check_same_verdicts(reduced, full);
  }
}

TEST_CASE("design space: a mailbox created, served, given and deleted in order has no fault", "[design_space]") {
  CheckResult r = check_all(model_from_text(lifecycle_yaml));
  CHECK(r.stop == StopReason::complete);
  CHECK_FALSE(r.violated());
  CHECK(r.verdicts.size() == 4); // deadlock, lost_messages, undelivered, invalid_operations
}

TEST_CASE("design space: give moves the receive privilege; the old holder's receive afterwards is invalid",
          "[design_space]") {
  Machine m(R"(
scenario: give
channels: [{mailbox: jobs, capacity: 2, receivers: [a]}]
processes:
  - name: a
    do: [{give: {mailbox: jobs, to: b}}, {receive: {from: jobs}}]
  - name: b
    do: [{receive: {from: jobs}}]
  - name: c
    do: [{send: {to: jobs}}]
)");
  play(m, {{"a", {"a give jobs peer=b"}},
           {"a", {"a recv_begin jobs", "a invalid: a is not allowed to receive from jobs"}},
           {"c", {"c send_begin jobs #1", "c send_end jobs #1", "c exit"}},
           {"b", {"b recv_begin jobs", "b recv_end jobs #1 peer=c", "b exit"}}});
  CHECK(m.status("a") == ProcStatus::failed);
  CHECK(m.status("b") == ProcStatus::ended);
}

TEST_CASE("design space: delete by a process without the receive privilege is invalid", "[design_space]") {
  Machine m(R"(
scenario: delete
channels: [{mailbox: jobs, capacity: 2, receivers: [a]}]
processes:
  - name: a
    do: [{delete: jobs}]
  - name: b
    do: [{delete: jobs}]
)");
  play(m, {{"b", {"b invalid: delete jobs: b is not allowed to receive from it"}},
           {"a", {"a delete jobs", "a exit"}}});
  CHECK_FALSE(m.chan("jobs").exists);
}

TEST_CASE("design space: creating a mailbox that exists is invalid, and so is creating another's", "[design_space]") {
  Machine m(R"(
scenario: create
channels:
  - {mailbox: jobs, created: false}
  - {mailbox: inbox, created: false, owner: a}
processes:
  - name: a
    do: [{create: jobs}, {create: inbox}]
  - name: b
    do: [{create: inbox}, {create: jobs}]
)");
  play(m, {{"a", {"a create jobs"}},
           {"b", {"b invalid: create inbox: only its owner, a, may create it"}},
           {"a", {"a create inbox", "a exit"}}});
  // a has exited, so inbox (a's user-space mailbox) is gone again; jobs remains.
  CHECK_FALSE(m.chan("inbox").exists);
  CHECK(m.chan("jobs").exists);

  Machine twice(R"(
scenario: create-twice
channels: [{mailbox: jobs, created: false}]
processes:
  - name: a
    do: [{create: jobs}]
  - name: b
    do: [{create: jobs}]
)");
  play(twice, {{"a", {"a create jobs", "a exit"}}, {"b", {"b invalid: create jobs: the mailbox already exists"}}});
}

TEST_CASE("design space: a wait on a handle whose mailbox was deleted is invalid", "[design_space]") {
  Machine m(R"(
scenario: wait-deleted
channels: [{mailbox: jobs, capacity: 1, receivers: [a, b]}]
processes:
  - name: a
    do: [{receive: {from: jobs, async: h}}, {compute: 1us}, {wait: h}]
  - name: b
    do: [{delete: jobs}]
)");
  play(m, {{"a", {"a recv_begin jobs"}},
           {"b", {"b delete jobs", "b exit"}},
           {"a", {"a compute"}}});
  CHECK(m.handle("a", "h") == HandleStatus::failed);
  play(m, {{"a", {"a invalid: wait on handle h, whose operation failed: its mailbox ceased to exist"}}});
}

TEST_CASE("design space: a process blocked on a mailbox that is deleted fails", "[design_space]") {
  Machine m(R"(
scenario: blocked-deleted
channels: [{mailbox: jobs, capacity: 1, receivers: [a, b]}]
processes:
  - name: a
    do: [{receive: {from: jobs}}]
  - name: b
    do: [{delete: jobs}]
)");
  play(m, {{"a", {"a recv_begin jobs", "a block jobs"}},
           {"b", {"b delete jobs", "a invalid: mailbox jobs ceased to exist: b deleted it", "b exit"}}});
}

TEST_CASE("design space: a slow multicast listener keeps the bounded buffer full and the sender blocked",
          "[design_space]") {
  Machine m(multicast_yaml);
  play(m, {{"pub", {"pub send_begin news #1", "pub send_end news #1"}},
           {"fast", {"fast recv_begin news", "fast recv_end news #1 peer=pub"}},
           // Message 1 stays until slow has taken it too: the one slot is still full.
           {"pub", {"pub send_begin news #2", "pub block news"}},
           {"fast", {"fast recv_begin news", "fast block news"}}});
  CHECK(m.buffered("news") == std::vector<std::uint32_t>{1});
  CHECK(m.status("pub") == ProcStatus::blocked);
  // slow takes message 1, which frees the slot: message 2 is accepted, goes at once to the waiting fast
  // listener and stays buffered for slow.
  play(m, {{"slow",
            {"slow recv_begin news", "slow recv_end news #1 peer=pub", "fast recv_end news #2 peer=pub",
             "fast unblock news", "fast exit", "pub send_end news #2", "pub unblock news", "pub exit"}}});
  CHECK(m.buffered("news") == std::vector<std::uint32_t>{2});
}

TEST_CASE("design space: at capacity 0 a multicast send completes only after every recipient took it",
          "[design_space]") {
  Machine m(R"(
scenario: news-rendezvous
channels: [{mailbox: news, capacity: 0, delivery: all, receivers: [r1, r2]}]
processes:
  - name: pub
    do: [{send: {to: news}}]
  - name: r1
    do: [{receive: {from: news}}]
  - name: r2
    do: [{receive: {from: news}}]
)");
  play(m, {{"pub", {"pub send_begin news #1", "pub block news"}},
           {"r1", {"r1 recv_begin news", "r1 recv_end news #1 peer=pub", "r1 exit"}}});
  CHECK(m.status("pub") == ProcStatus::blocked);
  play(m, {{"r2", {"r2 recv_begin news", "r2 recv_end news #1 peer=pub", "pub send_end news #1 peer=r2",
                   "pub unblock news", "pub exit", "r2 exit"}}});
  CHECK(m.buffered("news").empty());
}

TEST_CASE("design space: the owner-exit counterexample loses a queued request", "[design_space]") {
  CheckResult r = check_all(bundled("lifecycle-owner-exits"));
  REQUIRE(r.violations.size() == 2);
  const Counterexample &lost = r.violations[0];
  CHECK(lost.kind == PropertyKind::lost_messages);
  CHECK(lost.description == "lost message: message 3 on inbox was lost (its owner server exited)");
  CHECK(actions(lost) == std::vector<std::string>{
                             "server: receive from inbox: blocks",
                             "client: send on inbox: message 1 taken by server; releases server",
                             "server: compute",
                             "server: receive from inbox: blocks",
                             "client: send on inbox: message 2 taken by server; releases server",
                             "client: send on inbox: message 3 buffered",
                             "server: compute; 1 message lost; server ends",
                         });
  // The shortest invalid schedule: the server exits before the client's third request.
  const Counterexample &after_exit = r.violations[1];
  CHECK(after_exit.kind == PropertyKind::invalid);
  CHECK(after_exit.description == "invalid operation: client (line 27): mailbox inbox does not exist (it was not created "
                            "yet, was deleted, or its owner server has stopped)");
}

TEST_CASE("design space: exclusive_receive makes a second concurrent receive invalid", "[design_space]") {
  CheckResult r = check_all(bundled("lifecycle-exclusive-receive"));
  CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);
  CHECK(invalid_description(r) == "invalid operation: worker[1] (line 26): jobs is exclusive_receive and worker[0] is "
                                  "already inside a receive on it");
}

TEST_CASE("design space: the lock-order deadlock waits through the semaphores", "[design_space]") {
  CheckResult r = check_all(bundled("semaphore-lock-order"));
  REQUIRE(r.violations.size() == 1);
  const Counterexample &cx = r.violations[0];
  CHECK(cx.kind == PropertyKind::deadlock);
  CHECK(cx.description == "deadlock: every remaining process is blocked forever: t1 is blocked in acquire b, "
                          "waiting for t2; t2 is blocked in acquire a, waiting for t1");
  REQUIRE(cx.wait_for);
  REQUIRE(cx.wait_for->edges.size() == 2);
  CHECK(cx.wait_for->edges[0].label == "acquire b");
  CHECK(cx.wait_for->edges[0].in_cycle);
  CHECK(cx.wait_for->edges[1].label == "acquire a");
  CHECK(cx.wait_for->edges[1].in_cycle);
}

TEST_CASE("design space: the data-race counterexample ends with the two accesses, the later marked race_with",
          "[design_space]") {
  Model model = model_from_text(race_yaml);
  CheckResult r = check_all(model);
  CHECK(r.search == "depth-first"); // no reduction while data races are watched
  REQUIRE(r.violations.size() == 1);
  const Counterexample &cx = r.violations[0];
  CHECK(cx.kind == PropertyKind::data_race);
  CHECK(cx.description == "data race on seg: writer's write (line 10) and reader's read (line 15) are not ordered "
                          "by any message or semaphore");
  REQUIRE(cx.steps.size() >= 2);
  CHECK(cx.steps[cx.steps.size() - 2].action.rfind("write", 0) == 0);
  CHECK(cx.steps.back().action.rfind("read", 0) == 0);
  // The trace: ..., the write, the read (race_with the write's seq), the reader's exit, the violation.
  REQUIRE(cx.trace.size() >= 4);
  CHECK(cx.trace[cx.trace.size() - 2].event == "exit");
  const TraceEvent &read = cx.trace[cx.trace.size() - 3];
  CHECK(read.event == "read");
  REQUIRE(read.race_with);
  CHECK(cx.trace.at(*read.race_with).event == "write");
  CHECK(cx.trace.at(*read.race_with).proc == "writer");
  CHECK(cx.trace.back().event == "violation");
  CHECK(cx.trace.back().detail == cx.description);
  std::size_t marked = std::count_if(cx.trace.begin(), cx.trace.end(), [](const TraceEvent &e) { return e.race_with; });
  CHECK(marked == 1);

  // Both taking the lock: no race, and with data_race: false the reduction is back on.
  std::string locked = race_yaml;
  std::string unlocked_read = "      - read: {segment: seg, size: 8B}\n";
  locked.replace(locked.find(unlocked_read), unlocked_read.size(),
                 "      - acquire: lock\n" + unlocked_read + "      - release: lock\n");
  CheckResult ordered = check_all(model_from_text(locked));
  CHECK(ordered.stop == StopReason::complete);
  CHECK_FALSE(ordered.violated());
  Model unwatched = model_from_text(std::string(race_yaml) + "properties: {data_race: false}\n");
  CHECK(check_all(unwatched).search == "depth-first with partial-order reduction");
}

TEST_CASE("design space: messages or shared memory, the bundled comparison holds both ways", "[design_space]") {
  for (const char *shm : {"0", "1"}) {
    INFO("SHM=" << shm);
    CheckResult r = check_all(bundled("compare-messages-or-shared-memory", {.params = {{"SHM", shm}, {"N", "4"}}}));
    CHECK(r.stop == StopReason::complete);
    CHECK_FALSE(r.violated());
  }
}

// A blocked operation also ends when its mailbox ceases to exist, so a process that may still delete the
// mailbox, or its owner (which may still stop), keeps it from being deadlocked: only the invalid operation
// is reported.
TEST_CASE("design space: a receive that a later delete or owner exit ends is not a deadlock", "[design_space]") {
  for (const char *text : {R"(
scenario: delete-releases
channels: [{mailbox: m, capacity: 1}]
processes:
  - {name: a, do: [{receive: {from: m}}]}
  - {name: b, do: [{compute: 1us}, {delete: m}]}
)",
                           R"(
scenario: owner-releases
channels: [{mailbox: m, capacity: 1, owner: a}]
processes:
  - {name: a, do: [{compute: 1us}]}
  - {name: b, do: [{send: {to: m}}, {send: {to: m}}]}
)"}) {
    INFO(text);
    for (bool reduction : {false, true}) {
      CheckResult r = check_all(model_from_text(text), false, reduction);
      CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::holds);
      CHECK(verdict_of(r, PropertyKind::invalid) == Verdict::violated);
    }
  }
}
