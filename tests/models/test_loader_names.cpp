// Name checks (models/name_checks.cpp): every name used refers to something defined, once.
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;
using ipcsim::test::load_errors;

namespace {

// Lines 1-9; cases append processes' steps for p (from line 10) or whole sections.
const std::string world = "scenario: names\n"                             // 1
                          "channels: [{mailbox: jobs}, {link: [p, q]}]\n" // 2
                          "semaphores: [{name: mutex}]\n"                 // 3
                          "shared_memory: [{name: seg, size: 4KiB}]\n"    // 4
                          "platform: {hosts: [{name: cpu0}]}\n"           // 5
                          "processes:\n"                                  // 6
                          "  - {name: q, do: []}\n"                       // 7
                          "  - name: p\n"                                 // 8
                          "    do:\n";                                    // 9

struct Case {
  std::string yaml;
  std::string expected;
};

void check_cases(const std::vector<Case> &cases) {
  for (const Case &c : cases) {
    CAPTURE(c.yaml);
    CHECK(load_errors(world + c.yaml) == c.expected);
  }
}

} // namespace

TEST_CASE("names: a valid use of every kind of name loads", "[loader][names]") {
  CHECK(load_errors(world + "      - send: {to: jobs}\n"
                            "      - send: {to: q, async: h}\n"
                            "      - wait: h\n"
                            "      - receive: {from: any, async: r}\n"
                            "      - wait: r\n"
                            "      - receive: {from: q}\n"
                            "      - create: jobs\n"
                            "      - give: {mailbox: jobs, to: q}\n"
                            "      - delete: jobs\n"
                            "      - acquire: mutex\n"
                            "      - release: mutex\n"
                            "      - attach: seg\n"
                            "      - write: {segment: seg, size: 4KiB}\n"
                            "      - detach: seg\n"
                            "    host: cpu0\n"
                            "properties: {rendezvous: [jobs, \"q<->p\", \"p<->q\"]}\n") == "");
}

TEST_CASE("names: unknown names in steps point at the value, with a suggestion", "[loader][names]") {
  check_cases({
      {"      - send: {to: jbos}\n",
       "t.yaml:10:20: error: to: no mailbox or process named 'jbos'; did you mean 'jobs'?\n"},
      {"      - receive: {from: qq}\n",
       "t.yaml:10:25: error: from: no mailbox or process named 'qq'; did you mean 'q'?\n"},
      {"      - create: jbs\n", "t.yaml:10:17: error: create: no mailbox named 'jbs'; did you mean 'jobs'?\n"},
      {"      - delete: nope\n", "t.yaml:10:17: error: delete: no mailbox named 'nope'\n"},
      {"      - give: {mailbox: jobs, to: qq}\n",
       "t.yaml:10:35: error: to: no process named 'qq'; did you mean 'q'?\n"},
      {"      - acquire: mutx\n", "t.yaml:10:18: error: acquire: no semaphore named 'mutx'; did you mean 'mutex'?\n"},
      {"      - release: lock\n", "t.yaml:10:18: error: release: no semaphore named 'lock'\n"},
      {"      - attach: sge\n",
       "t.yaml:10:17: error: attach: no shared memory segment named 'sge'; did you mean 'seg'?\n"},
      {"      - detach: other\n", "t.yaml:10:17: error: detach: no shared memory segment named 'other'\n"},
      {"      - read: {segment: sg, size: 1B}\n",
       "t.yaml:10:25: error: segment: no shared memory segment named 'sg'; did you mean 'seg'?\n"},
      {"      - sleep: 1ms\n    host: cpu1\n",
       "t.yaml:11:11: error: host: no host named 'cpu1'; did you mean 'cpu0'?\n"},
  });
}

TEST_CASE("names: a process cannot send to or receive from itself", "[loader][names]") {
  check_cases({
      {"      - send: {to: p}\n", "t.yaml:10:20: error: to: process 'p' cannot send to itself\n"},
      {"      - receive: {from: p}\n", "t.yaml:10:25: error: from: process 'p' cannot receive from itself\n"},
  });
}

TEST_CASE("names: wait names a handle that the same process posts with async", "[loader][names]") {
  check_cases({
      {"      - wait: h\n", "t.yaml:10:15: error: wait: process 'p' posts no asynchronous send or receive with handle "
                            "'h'\n"},
      {"      - send: {to: q, async: h1}\n      - wait: h2\n",
       "t.yaml:11:15: error: wait: process 'p' posts no asynchronous send or receive with handle 'h2'; did you mean "
       "'h1'?\n"},
      {"      - wait: h\n  - {name: r, do: [{send: {to: q, async: h}}]}\n",
       "t.yaml:10:15: error: wait: process 'p' posts no asynchronous send or receive with handle 'h'\n"},
      {"      - wait: h\n      - forever: [{send: {to: q, async: h}}]\n", ""}, // posted anywhere in the process
  });
}

TEST_CASE("names: segment reads and writes fit in the segment", "[loader][names]") {
  check_cases({
      {"      - write: {segment: seg, size: 4KiB}\n", ""},
      {"      - read: {segment: seg, size: 8KiB}\n",
       "t.yaml:10:36: error: size: 8192 bytes is more than the 4096 bytes of segment 'seg'\n"},
  });
}

TEST_CASE("names: definitions are unique within their kind", "[loader][names]") {
  check_cases({
      {"      - sleep: 1ms\n  - {name: q, do: []}\n", "t.yaml:11:12: error: duplicate process 'q' (first at line 7)\n"},
      {"      - sleep: 1ms\nsemaphores: [{name: mutex}, {name: mutex}]\n",
       "t.yaml:11:1: error: duplicate key 'semaphores' in the scenario (first at line 3)\n"},
  });
  CHECK(load_errors("scenario: d\n"
                    "channels: [{mailbox: m}, {mailbox: m}, {link: [a, b]}, {link: [b, a]}]\n"
                    "semaphores: [{name: s}, {name: s, count: 1}]\n"
                    "shared_memory: [{name: g, size: 1}, {name: g, size: 2}]\n"
                    "platform:\n"
                    "  hosts: [{name: h}, {name: h}]\n"
                    "  links: [{name: l, between: [h, x]}, {name: l, between: [h, x]}]\n"
                    "processes: [{name: a, do: []}, {name: b, do: []}, {name: w, count: 2, do: []}, "
                    "{name: w, count: 3, do: []}]\n") ==
        "t.yaml:2:36: error: duplicate mailbox 'm' (first at line 2)\n"
        "t.yaml:2:63: error: duplicate link 'b<->a' (first at line 2)\n"
        "t.yaml:3:32: error: duplicate semaphore 's' (first at line 3)\n"
        "t.yaml:4:44: error: duplicate shared memory segment 'g' (first at line 4)\n"
        "t.yaml:6:29: error: duplicate host 'h' (first at line 6)\n"
        "t.yaml:7:34: error: between: no host named 'x'\n"
        "t.yaml:7:46: error: duplicate network link 'l' (first at line 7)\n"
        "t.yaml:7:62: error: between: no host named 'x'\n"
        "t.yaml:8:87: error: duplicate process 'w[0]' (first at line 8)\n"
        "t.yaml:8:87: error: duplicate process 'w[1]' (first at line 8)\n");
}

TEST_CASE("names: a mailbox may not share a process's name", "[loader][names]") {
  CHECK(load_errors("scenario: c\nchannels: [{mailbox: p}]\nprocesses: [{name: p, do: []}]\n") ==
        "t.yaml:2:22: error: mailbox 'p' has the same name as a process; 'to: p' would be ambiguous\n");
}

TEST_CASE("names: channel owners, receivers and link ends are processes", "[loader][names]") {
  CHECK(load_errors("scenario: c\n"
                    "channels:\n"
                    "  - {mailbox: a, owner: pp}\n"
                    "  - {mailbox: b, receivers: [p, qq]}\n"
                    "  - {link: [p, r]}\n"
                    "processes: [{name: p, do: []}, {name: q, do: []}]\n") ==
        "t.yaml:3:25: error: owner: no process named 'pp'; did you mean 'p'?\n"
        "t.yaml:4:33: error: receivers: no process named 'qq'; did you mean 'q'?\n"
        "t.yaml:5:16: error: link: no process named 'r'\n");
}

TEST_CASE("names: rendezvous names mailboxes or links, declared or implicit", "[loader][names]") {
  check_cases({
      {"      - sleep: 1ms\nproperties: {rendezvous: [jbos, \"p<->x\", \"p<->p\"]}\n",
       "t.yaml:11:27: error: rendezvous: no mailbox or link named 'jbos'; did you mean 'jobs'?\n"
       "t.yaml:11:33: error: rendezvous: no mailbox or link named 'p<->x'; did you mean 'p<->q'?\n"
       "t.yaml:11:42: error: rendezvous: no mailbox or link named 'p<->p'; did you mean 'p<->q'?\n"},
  });
}

TEST_CASE("names: replicas are checked one by one and each place is reported once", "[loader][names]") {
  CHECK(load_errors("scenario: ring\n"
                    "params: {N: 4}\n"
                    "channels: [{mailbox: fork, count: \"${N}\"}]\n"
                    "processes:\n"
                    "  - name: phil\n"
                    "    count: ${N}\n"
                    "    do:\n"
                    "      - send: {to: \"fork[${(i+1)%n}]\"}\n"
                    "      - send: {to: \"fork[${i+1}]\"}\n"
                    "      - send: {to: nowhere}\n") ==
        "t.yaml:9:20: error: to: no mailbox or process named 'fork[4]'; did you mean 'fork[0]'?\n"
        "t.yaml:10:20: error: to: no mailbox or process named 'nowhere'\n");
}

TEST_CASE("names: 'any' and 'kernel' are keywords where names are read, so they cannot be names", "[loader][names]") {
  CHECK(load_errors(
            "scenario: r\nchannels: [{mailbox: any}]\nprocesses: [{name: kernel, do: []}, {name: any, do: []}]\n") ==
        "t.yaml:2:22: error: the name 'any' is reserved ('from: any' means any process); rename this mailbox\n"
        "t.yaml:2:22: error: mailbox 'any' has the same name as a process; 'to: any' would be ambiguous\n"
        "t.yaml:3:20: error: the name 'kernel' is reserved ('owner: kernel' means no owner); rename this process\n"
        "t.yaml:3:44: error: the name 'any' is reserved ('from: any' means any process); rename this process\n");
}
