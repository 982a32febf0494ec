// Faults (SCENARIO_FORMAT.md, "Faults"): a send on a lossy channel may lose its message (kLose), one on a
// duplicating channel with room for two may have it accepted twice (kDuplicate), a process with `crash:` may
// stop for good whenever it is ready or blocked (kCrash). Each is one more alternative of the process.
#include "semantics_fixture.hpp"

#include "models/properties.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

std::string alt(std::uint32_t a) { return std::to_string(a); }

const std::string kLink = R"(
scenario: t
channels:
  - {link: [p, q], capacity: 2, faults: {loss: 0.1, duplicate: 0.1}}
processes:
  - name: p
    do: [{send: {to: q, value: 7}}, {send: {to: q}}]
  - name: q
    variables: {got: 0}
    do: [{receive: {from: p, into: got}}, {receive: {from: p}}]
)";

} // namespace

TEST_CASE("faults: a send on a lossy channel may lose its message, and is over for its sender at once") {
  Machine m(kLink);
  CHECK(m.enabled() == Lines{"p/0", "p/" + alt(kLose), "p/" + alt(kDuplicate), "q/0"});
  CHECK(m.fire("p", kLose) == Lines{"p send_begin p->q #1 value=7", "p lost p->q #1 peer=p value=7 (fault)"});
  CHECK(m.buffered("p->q").empty());
  CHECK(m.status("p") == ProcStatus::ready);
  CHECK(m.fire("q") == Lines{"q recv_begin p->q", "q block p->q"});
}

TEST_CASE("faults: a duplicated message is accepted twice, the copy behind it, and taken twice") {
  Machine m(kLink);
  CHECK(m.fire("p", kDuplicate) == Lines{"p send_begin p->q #1 value=7", "p send_end p->q #1 value=7",
                                         "p duplicate p->q #1 value=7"});
  CHECK(m.buffered("p->q") == std::vector<std::uint32_t>{1, 1});
  // Full now: the next send can neither be duplicated nor accepted, but it may still be lost.
  CHECK(m.enabled() == Lines{"p/0", "p/" + alt(kLose), "q/0"});
  m.fire("q");
  CHECK(m.fire("q") == Lines{"q recv_begin p->q", "q recv_end p->q #1 peer=p value=7", "q exit"});
}

TEST_CASE("faults: a rendezvous never duplicates, and a fault loss is no lost_messages violation") {
  Machine m(R"(
scenario: t
properties: {lost_messages: true}
channels:
  - {link: [p, q], capacity: 0, faults: {loss: 0.5}}
processes:
  - {name: p, do: [{send: {to: q}}]}
  - {name: q, do: [{sleep: 1ms}]}
)");
  CHECK(m.enabled() == Lines{"p/0", "p/" + alt(kLose), "q/0"});
  std::vector<Event> events;
  m.fire("p", kLose);
  PropertyMonitor monitor(m.model());
  std::vector<PropertyViolation> found;
  std::vector<Event> lost{{.kind = EventKind::lost, .proc = 0, .channel = 0, .msg = 1, .fault = true}};
  monitor.check_events(lost, monitor.watched(), found);
  CHECK(found.empty());
}

TEST_CASE("faults: a crash withdraws a blocked send, keeps a held semaphore, and takes owned mailboxes") {
  Machine m(R"(
scenario: t
semaphores: [{name: s, initial: 1}]
channels:
  - {mailbox: own, owner: p, capacity: 1}
  - {mailbox: jobs, capacity: 0}
processes:
  - name: p
    crash: true
    do: [{acquire: s}, {send: {to: jobs, value: 3}}]
  - name: q
    do: [{send: {to: own}}, {acquire: s}]
)");
  CHECK(m.enabled() == Lines{"p/0", "p/" + alt(kCrash), "q/0"});
  m.fire("q");
  m.fire("p");
  CHECK(m.fire("p") == Lines{"p send_begin jobs #2 value=3", "p block jobs"});
  CHECK(m.enabled() == Lines{"p/" + alt(kCrash), "q/0"});
  CHECK(m.fire("p", kCrash) == Lines{"p crash", "p lost own #1 peer=q: its owner p crashed"});
  CHECK(m.status("p") == ProcStatus::crashed);
  CHECK(m.waiting_senders("jobs").empty());
  CHECK(m.fire("q") == Lines{"q block s"}); // p crashed holding it: q waits for ever
  CHECK(m.enabled().empty());
}
