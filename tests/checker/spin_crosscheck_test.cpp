// ipcsim's checker against SPIN 6.5.2 on the exported Promela models (ipcsim export promela).
//
// Every bundled scenario is its own test case, registered from the scenarios/ directory, so a new scenario
// cannot be skipped silently: it is exported by the CLI and SPIN's verdict (an invalid end state or not) must
// equal ipcsim's `deadlock` verdict, or it is one of the scenarios listed below as refused, with exactly the
// refusal given there. Both tools run as users run them (with their partial-order reductions). Then a few
// tiny models compare SPIN's state count with ipcsim's, both without partial-order reduction (SPIN's
// -DNOREDUCE, ipcsim's --no-reduction), and pin both: they differ, for reasons the comments work out.
#include "check_support.hpp"
#include "spin_support.hpp"

#include "reports/promela_export.hpp"

#include <filesystem>
#include <map>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// The bundled scenarios that use what Promela cannot express, with what `ipcsim export promela` says.
const std::map<std::string, std::string> expected_refusals = {
    {"protocol-request-reply",
     "scenarios/protocol-request-reply.yaml:18:17: error: cannot export to Promela: variable try of client[0] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:18:17: error: cannot export to Promela: variable try of client[1] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:18:25: error: cannot export to Promela: variable reply of client[0] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:18:25: error: cannot export to Promela: variable reply of client[1] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:18:35: error: cannot export to Promela: variable answered of client[0] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:18:35: error: cannot export to Promela: variable answered of client[1] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:20:9: error: cannot export to Promela: while: answered == 0 && try < 2 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:22:13: error: cannot export to Promela: set: try (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:23:42: error: cannot export to Promela: value: 16 * i + try (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:24:13: error: cannot export to Promela: a receive with a timeout (a Promela operation cannot give up while others still move)\n"
     "scenarios/protocol-request-reply.yaml:24:43: error: cannot export to Promela: into: reply (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:24:57: error: cannot export to Promela: when: 1 == 0 || value == 16 * i + try (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:25:13: error: cannot export to Promela: if: reply > 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:27:17: error: cannot export to Promela: set: answered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:28:9: error: cannot export to Promela: assert: answered == 0 || reply == 16 * i + try (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:31:17: error: cannot export to Promela: variable request of server (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:31:29: error: cannot export to Promela: variable c of server (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:34:45: error: cannot export to Promela: into: request (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:35:13: error: cannot export to Promela: set: c (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-reply.yaml:37:44: error: cannot export to Promela: value: request (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"protocol-alternating-bit-lossy",
     "scenarios/protocol-alternating-bit-lossy.yaml:13:33: error: cannot export to Promela: faults in defaults (the export does not map faults to nondeterministic choices yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:16:17: error: cannot export to Promela: variable item of sender (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:16:26: error: cannot export to Promela: variable bit of sender (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:16:34: error: cannot export to Promela: variable ack of sender (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:18:9: error: cannot export to Promela: while: item <= 2 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:20:42: error: cannot export to Promela: value: 2 * item + bit (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:21:13: error: cannot export to Promela: a receive with a timeout (a Promela operation cannot give up while others still move)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:21:45: error: cannot export to Promela: into: ack (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:21:71: error: cannot export to Promela: set: ack (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:22:13: error: cannot export to Promela: if: ack == bit (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:24:17: error: cannot export to Promela: set: item (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:27:17: error: cannot export to Promela: variable got of receiver (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:27:25: error: cannot export to Promela: variable expected of receiver (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:27:38: error: cannot export to Promela: variable delivered of receiver (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:30:43: error: cannot export to Promela: into: got (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:31:13: error: cannot export to Promela: if: 1 == 0 || got % 2 == expected (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:33:17: error: cannot export to Promela: set: delivered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:34:17: error: cannot export to Promela: assert: got / 2 == delivered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit-lossy.yaml:35:40: error: cannot export to Promela: value: got % 2 (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"protocol-two-phase-commit",
     "scenarios/protocol-two-phase-commit.yaml:12:13: error: cannot export to Promela: variable committed (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:12:27: error: cannot export to Promela: variable aborted (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:14:17: error: cannot export to Promela: invariant committed == 0 || aborted == 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:18:17: error: cannot export to Promela: variable decision of participant[0] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:18:17: error: cannot export to Promela: variable decision of participant[1] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:21:40: error: cannot export to Promela: value: 1 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:22:9: error: cannot export to Promela: if: 0 == 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:24:48: error: cannot export to Promela: into: decision (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:26:13: error: cannot export to Promela: a receive with a timeout (a Promela operation cannot give up while others still move)\n"
     "scenarios/protocol-two-phase-commit.yaml:26:48: error: cannot export to Promela: into: decision (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:26:79: error: cannot export to Promela: set: decision (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:27:9: error: cannot export to Promela: if: decision == 1 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:28:16: error: cannot export to Promela: set: committed (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:29:16: error: cannot export to Promela: set: aborted (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:31:12: error: cannot export to Promela: crash of coordinator (the export does not map faults to nondeterministic choices yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:32:17: error: cannot export to Promela: variable votes of coordinator (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:32:27: error: cannot export to Promela: variable vote of coordinator (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:32:36: error: cannot export to Promela: variable k of coordinator (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:36:40: error: cannot export to Promela: into: vote (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:37:13: error: cannot export to Promela: set: votes (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:38:9: error: cannot export to Promela: while: k < 2 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:41:50: error: cannot export to Promela: value: votes / 2 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-two-phase-commit.yaml:42:13: error: cannot export to Promela: set: k (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"protocol-request-retry",
     "scenarios/protocol-request-retry.yaml:17:17: error: cannot export to Promela: variable attempt of client (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:17:29: error: cannot export to Promela: variable reply of client (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:17:39: error: cannot export to Promela: variable answered of client (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:19:9: error: cannot export to Promela: while: answered == 0 && attempt < 3 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:21:13: error: cannot export to Promela: set: attempt (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:22:41: error: cannot export to Promela: value: attempt (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:23:13: error: cannot export to Promela: a receive with a timeout (a Promela operation cannot give up while others still move)\n"
     "scenarios/protocol-request-retry.yaml:23:44: error: cannot export to Promela: into: reply (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:24:13: error: cannot export to Promela: if: reply > 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:26:17: error: cannot export to Promela: set: answered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:27:9: error: cannot export to Promela: assert: answered == 1 && reply <= attempt (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:30:17: error: cannot export to Promela: variable request of server (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:33:45: error: cannot export to Promela: into: request (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-request-retry.yaml:35:40: error: cannot export to Promela: value: request (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"protocol-alternating-bit",
     "scenarios/protocol-alternating-bit.yaml:8:13: error: cannot export to Promela: variable delivered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:13:17: error: cannot export to Promela: variable bit of sender (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:13:25: error: cannot export to Promela: variable acked of sender (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:18:52: error: cannot export to Promela: value: bit (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:19:45: error: cannot export to Promela: into: acked (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:20:13: error: cannot export to Promela: assert: acked == bit (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:21:13: error: cannot export to Promela: set: bit (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:23:17: error: cannot export to Promela: variable expected of receiver (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:23:30: error: cannot export to Promela: variable got of receiver (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:27:43: error: cannot export to Promela: into: got (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:28:13: error: cannot export to Promela: assert: got == expected (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:29:13: error: cannot export to Promela: set: delivered (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:30:49: error: cannot export to Promela: value: got (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:34:17: error: cannot export to Promela: invariant delivered <= 4 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-alternating-bit.yaml:34:43: error: cannot export to Promela: invariant receiver.expected == delivered % 2 (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"protocol-check-then-act",
     "scenarios/protocol-check-then-act.yaml:9:13: error: cannot export to Promela: variable locked (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:9:24: error: cannot export to Promela: variable inside (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:13:17: error: cannot export to Promela: variable done of worker[0] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:13:17: error: cannot export to Promela: variable done of worker[1] (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:15:9: error: cannot export to Promela: while: done == 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:17:13: error: cannot export to Promela: if: locked == 0 (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:19:17: error: cannot export to Promela: set: locked (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:20:17: error: cannot export to Promela: set: inside (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:22:17: error: cannot export to Promela: set: inside (the export maps the control of a scenario, not its variables and values yet)\n"
     "scenarios/protocol-check-then-act.yaml:26:17: error: cannot export to Promela: invariant inside <= 1 (the export maps the control of a scenario, not its variables and values yet)\n"},
    {"compare-messages-or-shared-memory",
     "scenarios/compare-messages-or-shared-memory.yaml:30:5: error: cannot export to Promela: semaphore "
     "empty (the export maps message passing only)\n"
     "scenarios/compare-messages-or-shared-memory.yaml:31:5: error: cannot export to Promela: semaphore "
     "full (the export maps message passing only)\n"
     "scenarios/compare-messages-or-shared-memory.yaml:33:5: error: cannot export to Promela: shared "
     "memory segment slot[0] (the export maps message passing only)\n"
     "scenarios/compare-messages-or-shared-memory.yaml:33:5: error: cannot export to Promela: shared "
     "memory segment slot[1] (the export maps message passing only)\n"},
    {"lifecycle-create-delete-give",
     "scenarios/lifecycle-create-delete-give.yaml:13:5: error: cannot export to Promela: mailbox requests "
     "created at run time (created: false) (Promela channels exist for the whole run)\n"
     "scenarios/lifecycle-create-delete-give.yaml:20:9: error: cannot export to Promela: create: requests "
     "(Promela channels exist for the whole run)\n"
     "scenarios/lifecycle-create-delete-give.yaml:26:9: error: cannot export to Promela: give: requests "
     "(Promela channels have no receive privileges)\n"
     "scenarios/lifecycle-create-delete-give.yaml:33:13: error: cannot export to Promela: a receive by "
     "second from mailbox requests, whose receivers leave it out (an invalid operation in ipcsim, which "
     "the Promela model does not detect)\n"
     "scenarios/lifecycle-create-delete-give.yaml:35:9: error: cannot export to Promela: delete: requests "
     "(Promela channels exist for the whole run)\n"},
    {"lifecycle-exclusive-receive",
     "scenarios/lifecycle-exclusive-receive.yaml:11:5: error: cannot export to Promela: exclusive_receive "
     "on mailbox jobs (a second concurrent receive is an invalid operation in ipcsim, which the Promela "
     "model does not detect)\n"},
    {"lifecycle-owner-exits",
     "scenarios/lifecycle-owner-exits.yaml:13:5: error: cannot export to Promela: user-space mailbox inbox "
     "(owner: server) (it disappears with its owner; Promela channels exist for the whole run)\n"},
    {"multicast-slow-listener",
     "scenarios/multicast-slow-listener.yaml:14:5: error: cannot export to Promela: multicast delivery "
     "(delivery: all) on mailbox updates (a Promela message goes to exactly one receiver)\n"},
    {"semaphore-lock-order",
     "scenarios/semaphore-lock-order.yaml:11:5: error: cannot export to Promela: semaphore a (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:12:5: error: cannot export to Promela: semaphore b (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:16:9: error: cannot export to Promela: acquire: a (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:18:9: error: cannot export to Promela: acquire: b (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:20:9: error: cannot export to Promela: release: b (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:21:9: error: cannot export to Promela: release: a (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:25:9: error: cannot export to Promela: acquire: b (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:27:9: error: cannot export to Promela: acquire: a (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:29:9: error: cannot export to Promela: release: a (the export "
     "maps message passing only)\n"
     "scenarios/semaphore-lock-order.yaml:30:9: error: cannot export to Promela: release: b (the export "
     "maps message passing only)\n"},
    {"shm-mutex",
     "scenarios/shm-mutex.yaml:8:5: error: cannot export to Promela: semaphore lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:10:5: error: cannot export to Promela: shared memory segment board (the "
     "export maps message passing only)\n"
     "scenarios/shm-mutex.yaml:14:9: error: cannot export to Promela: attach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:17:13: error: cannot export to Promela: acquire: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:18:13: error: cannot export to Promela: write: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:19:13: error: cannot export to Promela: release: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:21:9: error: cannot export to Promela: detach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:24:9: error: cannot export to Promela: attach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:28:13: error: cannot export to Promela: acquire: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:29:13: error: cannot export to Promela: read: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:30:13: error: cannot export to Promela: release: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-mutex.yaml:31:9: error: cannot export to Promela: detach: board (the export maps "
     "message passing only)\n"},
    {"shm-race",
     "scenarios/shm-race.yaml:12:5: error: cannot export to Promela: semaphore lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:14:5: error: cannot export to Promela: shared memory segment board (the "
     "export maps message passing only)\n"
     "scenarios/shm-race.yaml:18:9: error: cannot export to Promela: attach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:21:13: error: cannot export to Promela: acquire: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:22:13: error: cannot export to Promela: write: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:23:13: error: cannot export to Promela: release: lock (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:25:9: error: cannot export to Promela: detach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:28:9: error: cannot export to Promela: attach: board (the export maps "
     "message passing only)\n"
     "scenarios/shm-race.yaml:32:13: error: cannot export to Promela: read: board (the export maps message "
     "passing only)\n"
     "scenarios/shm-race.yaml:33:9: error: cannot export to Promela: detach: board (the export maps "
     "message passing only)\n"},
    {"size-fixed-and-variable",
     "scenarios/size-fixed-and-variable.yaml:11:5: error: cannot export to Promela: capacity_bytes on mailbox "
     "records (Promela channels count messages, not bytes)\n"},
    {"sync-async-send-wait",
     "scenarios/sync-async-send-wait.yaml:16:13: error: cannot export to Promela: asynchronous send (async: h) "
     "(Promela has no operation that is posted now and completes later)\n"
     "scenarios/sync-async-send-wait.yaml:18:13: error: cannot export to Promela: wait: h (it waits for an "
     "asynchronous operation, which Promela does not have)\n"
     "scenarios/sync-async-send-wait.yaml:24:13: error: cannot export to Promela: asynchronous receive (async: r) "
     "(Promela has no operation that is posted now and completes later)\n"
     "scenarios/sync-async-send-wait.yaml:26:13: error: cannot export to Promela: wait: r (it waits for an "
     "asynchronous operation, which Promela does not have)\n"},
};

bool skip_without_spin() {
  if (spin_available())
    return false;
  WARN("spin or gcc is not on PATH (cmake/setup-debian.sh installs them): the SPIN cross-check is skipped");
  SUCCEED();
  return true;
}

void crosscheck_bundled(const std::string &name) {
  std::string scenario = "scenarios/" + name + ".yaml";
  auto refused = expected_refusals.find(name);
  if (refused != expected_refusals.end()) {
    CommandOutput out = run_ipcsim("export promela " + scenario, "2>&1 >/dev/null");
    CHECK(out.status == 64);
    CHECK(out.out == refused->second);
    return;
  }
  if (skip_without_spin())
    return;
  ScratchDir dir;
  CommandOutput out =
      run_ipcsim("export promela " + scenario + " -o '" + (dir.path() / "model.pml").string() + "'", "2>&1");
  INFO(out.out);
  REQUIRE(out.status == 0);
  PanResult spin = run_spin(dir.path());
  INFO("pan output:\n" << spin.output);
  CHECK((spin.errors > 0) == spin.invalid_end); // any error SPIN finds is a deadlock

  CheckResult ipcsim = check_all(bundled(name));
  REQUIRE(ipcsim.stop != StopReason::max_states);
  bool deadlock = verdict_of(ipcsim, PropertyKind::deadlock) == Verdict::violated;
  CHECK(spin.invalid_end == deadlock);
}

// One test case per bundled scenario, named "spin crosscheck: NAME", registered before main() runs.
class BundledCrosscheck : public Catch::ITestInvoker {
public:
  explicit BundledCrosscheck(std::string name) : name_(std::move(name)) {}
  void invoke() const override { crosscheck_bundled(name_); }

private:
  std::string name_;
};

const bool registered = [] {
  std::vector<std::string> names = bundled_names();
  static std::vector<std::string> test_names; // Catch keeps references to the names it is given
  test_names.reserve(names.size());
  for (const auto &name : names) {
    test_names.push_back("spin crosscheck: " + name);
    Catch::AutoReg(new BundledCrosscheck(name), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                   Catch::NameAndTags{test_names.back(), "[spin]"});
  }
  return true;
}();

// Exports `model`, runs SPIN on it without partial-order reduction, and returns the states it stored.
long spin_states(const Model &model) {
  ScratchDir dir;
  std::ofstream(dir.path() / "model.pml", std::ios::binary) << promela_model(model);
  PanResult spin = run_spin(dir.path(), "-DNOREDUCE");
  CHECK(spin.errors == 0);
  return spin.states_stored;
}

} // namespace

TEST_CASE("spin crosscheck: every expected refusal names a bundled scenario", "[spin]") {
  for (const auto &[name, message] : expected_refusals) {
    INFO(name);
    CHECK(std::filesystem::exists(source_path("scenarios/" + name + ".yaml")));
  }
}

// SPIN stores a state per control point of each process and takes one step per statement; ipcsim stores
// only states in which every process rests at a visible step (loop bookkeeping settles silently), but it
// also stores the states in which a process has blocked (joined a channel's FIFO), which SPIN has not: a
// SPIN process waits at a statement that is not executable. SPIN also counts process deaths: a finished
// process is removed from the state vector in a step of its own, the last-created one first.

TEST_CASE("spin crosscheck: state counts of a rendezvous ping-pong", "[spin]") {
  if (skip_without_spin())
    return;
  Model model = model_from_text(R"(
scenario: ping-pong
processes:
  - name: ping
    do: [{send: {to: pong}}, {receive: {from: pong}}]
  - name: pong
    do: [{receive: {from: ping}}, {send: {to: ping}}]
)");
  // ipcsim: each of the 2 rounds has its start, the state where the sender waits and the one where the
  // receiver waits (3 x 2), plus the end: 7. SPIN: the start, after each rendezvous (2), then pong's death
  // and ping's death: 5.
  CHECK(check_all(model, false, false).statistics.states == 7);
  CHECK(spin_states(model) == 5);
}

TEST_CASE("spin crosscheck: state counts of a producer and consumer over capacity 1", "[spin]") {
  if (skip_without_spin())
    return;
  Model model = model_from_text(R"(
scenario: pair-buffered
channels: [{mailbox: jobs, capacity: 1}]
processes:
  - name: sender
    do: [{send: {to: jobs}}, {send: {to: jobs}}]
  - name: receiver
    do: [{receive: {from: jobs}}, {receive: {from: jobs}}]
)");
  // ipcsim: 8 (worked out in state_count_test.cpp): 5 states in which nobody waits, (sent, received) =
  // (0,0) (1,0) (1,1) (2,1) (2,2), and 3 in which one waits: the receiver on the empty buffer at (0,0) and
  // (1,1), the sender on the full buffer at (1,0). SPIN has the same 5 (a message for a waiting receiver is
  // buffered, then received, rather than handed over) and the 2 deaths: 7.
  CHECK(check_all(model, false, false).statistics.states == 8);
  CHECK(spin_states(model) == 7);
}

TEST_CASE("spin crosscheck: state counts of the same pair with repeat loops", "[spin]") {
  if (skip_without_spin())
    return;
  Model model = model_from_text(R"(
scenario: pair-repeat
channels: [{mailbox: jobs, capacity: 1}]
processes:
  - name: sender
    do: [{repeat: 2, do: [{send: {to: jobs}}]}]
  - name: receiver
    do: [{repeat: 2, do: [{receive: {from: jobs}}]}]
)");
  // ipcsim: the loops settle silently, so the states are those of the model above: 8. SPIN: each process
  // has 7 control states, before `n0 = 2`, at the do and at the operation with 2 left, at the do and at the
  // operation with 1 left, at the do with none left, and ended, which have sent (received) 0, 0, 0, 1, 1, 2
  // and 2 messages. Pairs that keep sent - received in {0, 1}: 3 x 3 + 2 x (3 + 2) + 2 x (2 + 2) = 27, then
  // the receiver dies at the sender's last do or end (2) and the sender after it (1): 30.
  CHECK(check_all(model, false, false).statistics.states == 8);
  CHECK(spin_states(model) == 30);
}
