// Each class of error in a scenario gives one exact message at the offending value's line and column.
#include "semantics_fixture.hpp"
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace ipcsim;
using ipcsim::test::compile_errors;
using ipcsim::test::fixture;
using ipcsim::test::load_errors;
using ipcsim::test::minimal;

namespace {

struct Case {
  std::string yaml;
  std::string expected;
};

// The three-line process list that most cases below share (lines 2-4).
const std::string head = "scenario: t\nprocesses:\n  - name: p\n    do:\n";

// `errors` is what loading (by default) or compiling the scenario reports.
void check_cases(
    const std::vector<Case> &cases, const std::string &prefix,
    std::string (*errors)(const std::string &) = [](const std::string &yaml) { return load_errors(yaml); }) {
  for (const Case &c : cases) {
    std::string yaml = prefix + c.yaml;
    CAPTURE(yaml);
    CHECK(errors(yaml) == c.expected);
  }
}

} // namespace

TEST_CASE("loader errors: unknown keys suggest the closest known key", "[loader][errors]") {
  check_cases(
      {
          {"channels:\n  - mailbox: jobs\n    capacty: 4\n",
           "t.yaml:7:5: error: unknown key 'capacty' in channel; did you mean 'capacity'?\n"},
          {"proprties: {deadlock: true}\n",
           "t.yaml:5:1: error: unknown key 'proprties' in the scenario; did you mean 'properties'?\n"},
          {"costs: {sned: 1us}\n", "t.yaml:5:9: error: unknown key 'sned' in costs; did you mean 'send'?\n"},
          {"platform: {hosts: [{name: h, sped: 1Gf}]}\n",
           "t.yaml:5:30: error: unknown key 'sped' in host; did you mean 'speed'?\n"},
          {"colour: blue\n", "t.yaml:5:1: error: unknown key 'colour' in the scenario\n"},
          {"channels:\n  - mailbox: jobs\n    capacity: 1\n    capacity: 2\n",
           "t.yaml:8:5: error: duplicate key 'capacity' in channel (first at line 7)\n"},
      },
      minimal());
}

TEST_CASE("loader errors: wrong types say what was expected and what was found", "[loader][errors]") {
  check_cases(
      {
          {"channels:\n  - mailbox: jobs\n    capacity: lots\n",
           "t.yaml:7:15: error: capacity: expected a non-negative integer or 'unbounded', got 'lots'\n"},
          {"channels: [{mailbox: jobs, capacity: -1}]\n",
           "t.yaml:5:38: error: capacity: expected a non-negative integer or 'unbounded', got '-1'\n"},
          {"channels: [{mailbox: jobs, capacity_bytes: 0B}]\n",
           "t.yaml:5:44: error: capacity_bytes: expected a positive size, got '0B'\n"},
          {"channels: [{mailbox: jobs, delivery: many}]\n",
           "t.yaml:5:38: error: delivery: expected 'one' or 'all', got 'many'\n"},
          {"channels: [{mailbox: jobs, exclusive_receive: yes}]\n",
           "t.yaml:5:47: error: exclusive_receive: expected true or false, got 'yes'\n"},
          {"channels: [{mailbox: jobs, receivers: []}]\n",
           "t.yaml:5:39: error: receivers: expected 'any' or a non-empty list of processes, got an empty list\n"},
          {"channels: [{mailbox: jobs, receivers: everyone}]\n",
           "t.yaml:5:39: error: receivers: expected 'any' or a list of processes, got 'everyone'\n"},
          {"channels: jobs\n", "t.yaml:5:11: error: channels: expected a list of channels, got 'jobs'\n"},
          {"channels: [jobs]\n",
           "t.yaml:5:12: error: channels: expected a channel (a mapping with 'mailbox: NAME' or 'link: [A, B]'), got "
           "'jobs'\n"},
          {"seed: -1\n", "t.yaml:5:7: error: seed: expected a non-negative integer, got '-1'\n"},
          {"seed: 1.5\n", "t.yaml:5:7: error: seed: expected a non-negative integer, got '1.5'\n"},
          {"seed: 99999999999999999999\n",
           "t.yaml:5:7: error: seed: 99999999999999999999 is too large (at most 9223372036854775807)\n"},
          {"description: [a]\n", "t.yaml:5:14: error: description: expected text, got a list\n"},
          {"semaphores: [{name: s, initial: many}]\n",
           "t.yaml:5:33: error: initial: expected a non-negative integer, got 'many'\n"},
          {"platform: {hosts: [{name: h, cores: 0}]}\n",
           "t.yaml:5:37: error: cores: expected a positive integer, got '0'\n"},
          {"properties: {deadlock: maybe}\n", "t.yaml:5:24: error: deadlock: expected true or false, got 'maybe'\n"},
          {"costs: {large_message: 256B}\n",
           "t.yaml:5:24: error: large_message: expected a mapping such as {threshold: 256B, map: 2us}, got '256B'\n"},
      },
      minimal());
}

TEST_CASE("loader errors: names follow [A-Za-z0-9_.-]+ and tags are identifiers", "[loader][errors]") {
  check_cases(
      {
          {"channels: [{mailbox: 'bad name'}]\n",
           "t.yaml:5:22: error: mailbox: expected a name of letters, digits, '_', '.' and '-', got 'bad name'\n"},
          {"semaphores: [{name: \"s[1]\"}]\n",
           "t.yaml:5:21: error: name: expected a name of letters, digits, '_', '.' and '-', got 's[1]'\n"},
      },
      minimal());
  CHECK(load_errors("scenario: a b\nprocesses: [{name: p, do: []}]\n") ==
        "t.yaml:1:11: error: scenario: expected a name of letters, digits, '_', '.' and '-', got 'a b'\n");
  check_cases(
      {
          {"      - send: {to: q, tag: 1x}\n  - {name: q, do: []}\n",
           "t.yaml:5:28: error: tag: expected a tag (a letter or '_', then letters, digits or '_'), got '1x'\n"},
          {"      - send: {to: q, async: a-b}\n  - {name: q, do: []}\n",
           "t.yaml:5:30: error: async: expected a handle name (a letter or '_', then letters, digits or '_'), got "
           "'a-b'\n"},
      },
      head);
}

TEST_CASE("loader errors: required keys missing are reported at the enclosing mapping", "[loader][errors]") {
  CHECK(load_errors("processes: [{name: p, do: []}]\n") ==
        "t.yaml:1:1: error: missing required key 'scenario' in the scenario\n");
  CHECK(load_errors("scenario: t\n") == "t.yaml:1:1: error: missing required key 'processes' in the scenario\n");
  CHECK(load_errors("scenario: t\nprocesses: []\n") ==
        "t.yaml:2:12: error: processes: expected at least one process\n");
  check_cases(
      {
          {"shared_memory:\n  - name: seg\n", "t.yaml:6:5: error: missing required key 'size' in segment\n"},
          {"semaphores: [{initial: 1}]\n", "t.yaml:5:14: error: missing required key 'name' in semaphore\n"},
          {"channels: [{capacity: 1}]\n", "t.yaml:5:12: error: a channel needs 'mailbox: NAME' or 'link: [A, B]'\n"},
          {"costs: {large_message: {map: 2us}}\n",
           "t.yaml:5:24: error: missing required key 'threshold' in large_message\n"},
          {"platform: {links: [{name: l}]}\n", "t.yaml:5:20: error: missing required key 'between' in link\n"},
      },
      minimal());
  CHECK(load_errors("scenario: t\nprocesses:\n  - name: p\n") ==
        "t.yaml:3:5: error: missing required key 'do' in process\n");
}

TEST_CASE("loader errors: units and quantities", "[loader][errors]") {
  check_cases(
      {
          {"      - compute: 5msec\n",
           "t.yaml:5:18: error: unknown time unit 'msec' in '5msec' (use ns, us, ms or s)\n"},
          {"      - sleep: -1ms\n", "t.yaml:5:16: error: sleep: expected a non-negative duration, got '-1ms'\n"},
          {"      - compute: fast\n", "t.yaml:5:18: error: compute: expected a duration (e.g. 250us), got 'fast'\n"},
          {"      - compute: 1e999s\n", "t.yaml:5:18: error: compute: '1e999s' is too large\n"},
          {"      - compute: {uniform: [3ms, 1ms]}\n",
           "t.yaml:5:28: error: uniform: low '3ms' is greater than high '1ms'\n"},
          {"      - compute: {uniform: [1ms]}\n",
           "t.yaml:5:28: error: uniform: expected two values [LOW, HIGH], got 1\n"},
          {"      - compute: {normal: 1ms}\n", "t.yaml:5:27: error: normal: expected [MEAN, STDDEV], got '1ms'\n"},
          {"      - compute: {normal: [1ms, -1ms]}\n",
           "t.yaml:5:33: error: normal: expected a non-negative duration, got '-1ms'\n"},
          {"      - compute: {exponential: 1ms, uniform: [1ms, 2ms]}\n",
           "t.yaml:5:18: error: compute: a distribution has one kind, got 'exponential' and 'uniform'\n"},
          {"      - compute: {}\n",
           "t.yaml:5:18: error: compute: expected a distribution: {exponential: MEAN}, {uniform: [LOW, HIGH]} or "
           "{normal: [MEAN, STDDEV]}\n"},
          {"      - compute: {flops: 1Mf, exponential: 1ms}\n",
           "t.yaml:5:18: error: compute: give either 'flops' or a distribution, not both\n"},
          {"      - compute: {flops: 1GHz}\n",
           "t.yaml:5:26: error: unknown speed unit 'GHz' in '1GHz' (use f, kf, Mf or Gf)\n"},
          {"      - sleep: {gauss: 1ms}\n", "t.yaml:5:17: error: unknown key 'gauss' in sleep\n"},
      },
      head);
  check_cases(
      {
          {"channels: [{mailbox: m, message_size: 4kib}]\n",
           "t.yaml:5:39: error: unknown size unit 'kib' in '4kib' (use B, KiB, MiB, GiB, KB, MB or GB)\n"},
          {"channels: [{mailbox: m, message_size: 0.5B}]\n",
           "t.yaml:5:39: error: message_size: expected a whole number of bytes, got '0.5B'\n"},
          {"channels: [{mailbox: m, message_size: -4B}]\n",
           "t.yaml:5:39: error: message_size: expected a non-negative size, got '-4B'\n"},
          {"channels: [{mailbox: m, message_size: 99999999999GiB}]\n",
           "t.yaml:5:39: error: message_size: '99999999999GiB' is too large (at most 9223372036854775807 bytes)\n"},
          {"channels: [{mailbox: m, message_size: {maz: 4KiB}}]\n",
           "t.yaml:5:39: error: missing required key 'max' in message_size\n"
           "t.yaml:5:40: error: unknown key 'maz' in message_size; did you mean 'max'?\n"},
          {"costs: {copy_bandwidth: 1GB}\n", "t.yaml:5:25: error: unknown rate unit 'GB' in '1GB' (use Bps, KBps, "
                                             "MBps, GBps, bps, Kbps, Mbps or Gbps)\n"},
          {"costs: {send: {exponential: 1ms}}\n",
           "t.yaml:5:15: error: send: expected a duration (e.g. 250us), got a mapping\n"},
      },
      minimal());
}

TEST_CASE("loader errors: steps have one key, with repeat+do the one exception", "[loader][errors]") {
  check_cases(
      {
          {"      - sned: {to: x}\n", "t.yaml:5:9: error: unknown key 'sned' in step; did you mean 'send'?\n"},
          {"      - {sleep: 1ms, compute: 1ms}\n",
           "t.yaml:5:9: error: a step has exactly one key, got 'sleep' and 'compute' (start each step with '- ')\n"},
          {"      - sleep\n", "t.yaml:5:9: error: expected a step (a mapping such as {sleep: 1ms}), got 'sleep'\n"},
          {"      - {}\n", "t.yaml:5:9: error: expected a step, got an empty mapping\n"},
          {"      - do: []\n", "t.yaml:5:9: error: 'do' without 'repeat' or 'while': write {repeat: N, do: [...]}, "
                               "{while: COND, do: [...]}, or forever: [...]\n"},
          {"      - {sleep: 1ms, do: []}\n", "t.yaml:5:26: error: do: only a 'repeat' or 'while' step has 'do'\n"},
          {"      - repeat: 3\n", "t.yaml:5:9: error: missing required key 'do' in step\n"},
          {"      - {repeat: x, do: []}\n", "t.yaml:5:18: error: repeat: expected a non-negative integer, got 'x'\n"},
          {"      - forever: {sleep: 1ms}\n", "t.yaml:5:18: error: forever: expected a list of steps, got a mapping\n"},
          {"      - choose: [[{sleep: 1ms}]]\n", "t.yaml:5:17: error: choose: expected at least two branches, got 1\n"},
          {"      - choose: [{sleep: 1ms}, []]\n",
           "t.yaml:5:18: error: choose: expected a list of steps, got a mapping\n"},
          {"      - send: jobs\n", "t.yaml:5:15: error: send: expected a mapping such as {to: jobs}, got 'jobs'\n"},
          {"      - receive: {}\n", "t.yaml:5:18: error: missing required key 'from' in receive\n"},
          {"      - give: {mailbox: m}\n", "t.yaml:5:15: error: missing required key 'to' in give\nt.yaml:5:25: error: "
                                           "mailbox: no mailbox named 'm'\n"},
          {"      - read: {segment: s}\n", "t.yaml:5:15: error: missing required key 'size' in read\n"
                                           "t.yaml:5:25: error: segment: no shared memory segment named 's'\n"},
      },
      head);
}

TEST_CASE("loader errors: else needs blocking: false, and async excludes it", "[loader][errors]") {
  // q is defined after p's steps (line 6), so the errors are on line 5 alone.
  const std::string q = "  - {name: q, do: []}\n";
  check_cases(
      {
          {"      - send: {to: q, blocking: false, async: h}\n" + q,
           "t.yaml:5:47: error: async: an asynchronous send cannot also be non-blocking (blocking: false)\n"},
          {"      - receive: {from: q, blocking: false, async: h}\n" + q,
           "t.yaml:5:52: error: async: an asynchronous receive cannot also be non-blocking (blocking: false)\n"},
          {"      - send: {to: q, else: [{sleep: 1ms}]}\n" + q,
           "t.yaml:5:29: error: else: only a non-blocking send (blocking: false) or one with a timeout has "
           "'else'\n"},
          {"      - receive: {from: q, blocking: true, else: []}\n" + q,
           "t.yaml:5:50: error: else: only a non-blocking receive (blocking: false) or one with a timeout has "
           "'else'\n"},
      },
      head);
}

TEST_CASE("loader errors: expressions fail with the expression quoted", "[loader][errors]") {
  const std::string with_params = "scenario: t\nparams: {N: 2}\nprocesses:\n  - name: p\n    do:\n";
  check_cases(
      {
          {"      - sleep: \"${N/0}ms\"\n", "t.yaml:6:16: error: division by zero in '${N/0}'\n"},
          {"      - sleep: \"${N%0}ms\"\n", "t.yaml:6:16: error: modulo by zero in '${N%0}'\n"},
          {"      - sleep: \"${M}ms\"\n", "t.yaml:6:16: error: unknown name 'M' in '${M}'\n"},
          {"      - sleep: \"${Nn}ms\"\n", "t.yaml:6:16: error: unknown name 'Nn' in '${Nn}'; did you mean 'N'?\n"},
          {"      - sleep: \"${i}ms\"\n",
           "t.yaml:6:16: error: unknown name 'i' in '${i}' (i and n exist only inside an item with 'count')\n"},
          {"      - sleep: \"${N*9223372036854775807}ms\"\n",
           "t.yaml:6:16: error: integer overflow in '${N*9223372036854775807}'\n"},
          {"      - sleep: \"${N+}ms\"\n", "t.yaml:6:16: error: invalid expression '${N+}': unexpected end\n"},
          {"      - sleep: \"${N\"\n", "t.yaml:6:16: error: unterminated '${' in '${N'\n"},
          {"      - repeat: \"${N-3}\"\n        do: []\n",
           "t.yaml:6:17: error: repeat: expected a non-negative integer, got '-1' (from '${N-3}')\n"},
      },
      with_params);
}

// Steps that read and write variables (lines 8 on), checked when the model is compiled; q sends p one message so that
// receives have a sender.
TEST_CASE("loader errors: variables, values and decisions are checked at load time", "[loader][errors]") {
  const std::string with_variables = "scenario: t\nvariables: {k: 0, r: {initial: 0, range: [0, 3]}}\nprocesses:\n"
                                     "  - name: q\n    do: [{send: {to: p, value: 1}}]\n  - name: p\n    do:\n";
  check_cases(
      {
          {"      - set: {zz: 1}\n", "t.yaml:8:15: error: set: unknown variable 'zz'\n"},
          {"      - set: {k: k +}\n", "t.yaml:8:21: error: set: in 'k +': unexpected end\n"},
          {"      - set: {k: k == 1}\n", "t.yaml:8:18: error: set: expected an integer, got the condition 'k == 1'\n"},
          {"      - set: {r: 7}\n", "t.yaml:8:18: error: set: r = 7 is outside its range [0, 3]\n"},
          {"      - set: {k: 1 / 0}\n", "t.yaml:8:18: error: set: division by zero in '1 / 0'\n"},
          {"      - set: {k: 2147483647 * 2147483647 * 4}\n",
           "t.yaml:8:18: error: set: integer overflow in '2147483647 * 2147483647 * 4'\n"},
          {"      - then: []\n",
           "t.yaml:8:9: error: 'then' or 'else' without 'if': write {if: COND, then: [...], else: [...]}\n"},
          {"      - {if: k == 0, then: [], els: []}\n",
           "t.yaml:8:32: error: unknown key 'els' in step; did you mean 'else'?\n"},
          {"      - {while: k, do: []}\n", "t.yaml:8:17: error: while: expected a condition (a comparison such as x > "
                                           "0), got the integer expression 'k'\n"},
          {"      - assert: value == 1\n", "t.yaml:8:17: error: assert: in 'value == 1': 'value' is the message's "
                                           "value, known only in a receive's 'when'\n"},
          {"      - receive: {from: q, when: vlaue == 1}\n",
           "t.yaml:8:34: error: when: in 'vlaue == 1': unknown variable 'vlaue'; did you mean 'value'?\n"},
          {"      - receive: {from: q, when: k + 1}\n",
           "t.yaml:8:34: error: when: in 'k + 1': a 'when' may not read the global 'k': it is judged when a message "
           "arrives, not when another process changes a global (copy it into a variable of the process first)\n"},
          {"      - receive: {from: q, into: zz}\n", "t.yaml:8:34: error: into: unknown variable 'zz'\n"},
          {"      - send: {to: q, value: k == 0}\n",
           "t.yaml:8:30: error: value: expected an integer, got the condition 'k == 0'\n"},
      },
      with_variables, compile_errors);
}

TEST_CASE("loader errors: timeouts go on blocking sends, receives and acquires", "[loader][errors]") {
  const std::string base = "scenario: t\nsemaphores: [{name: s, initial: 0}]\nprocesses:\n"
                           "  - name: q\n    do: [{send: {to: p}}]\n  - name: p\n    do:\n";
  check_cases(
      {
          {"      - receive: {from: q, blocking: false, timeout: 1ms}\n",
           "t.yaml:8:54: error: timeout: a non-blocking receive (blocking: false) never waits, so it cannot time out\n"},
          {"      - receive: {from: q, async: h, timeout: 1ms}\n",
           "t.yaml:8:47: error: timeout: an asynchronous receive does not wait; its `wait` does, and cannot time out "
           "yet\n"},
          {"      - receive: {from: q, timeout: soon}\n",
           "t.yaml:8:37: error: timeout: expected a duration (e.g. 250us), got 'soon'\n"},
          {"      - receive: {from: q, else: []}\n",
           "t.yaml:8:34: error: else: only a non-blocking receive (blocking: false) or one with a timeout has "
           "'else'\n"},
          {"      - acquire: {semaphore: s, else: []}\n",
           "t.yaml:8:39: error: else: only an acquire with a timeout has 'else'\n"},
          {"      - acquire: {semaphor: s, timeout: 1ms}\n",
           "t.yaml:8:18: error: missing required key 'semaphore' in acquire\n"
           "t.yaml:8:19: error: unknown key 'semaphor' in acquire; did you mean 'semaphore'?\n"},
      },
      base);
}

TEST_CASE("loader errors: variable declarations and invariants", "[loader][errors]") {
  const std::string process = "processes:\n  - {name: p, variables: {x: 0}, do: []}\n";
  check_cases(
      {
          {"variables: {k: 0, k: 1}\n" + process, "t.yaml:2:19: error: duplicate variable 'k' (first at line 2)\n"},
          {"variables: {r: {initial: 5, range: [0, 3]}}\n" + process,
           "t.yaml:2:13: error: r: the initial value 5 is outside its range [0, 3]\n"},
          {"variables: {r: {initial: 0, range: [3, 0]}}\n" + process,
           "t.yaml:2:13: error: r: the range [3, 0] is empty\n"},
          {"variables: {2k: 0}\n" + process,
           "t.yaml:2:13: error: variables: expected a variable name (a letter or '_', then "
           "letters, digits or '_'), got '2k'\n"},
          {"variables: {k: 0}\nproperties: {invariants: [\"p.zz <= 1\", \"k\"]}\n" + process,
           "t.yaml:3:28: error: invariants: in 'p.zz <= 1': process 'p' has no variable 'zz'\n"
           "t.yaml:3:41: error: invariants: expected a condition (a comparison such as x > 0), got the integer "
           "expression 'k'\n"},
      },
      "scenario: t\n", compile_errors);
}

TEST_CASE("loader errors: params are plain integers, and i and n are reserved", "[loader][errors]") {
  check_cases(
      {
          {"params: {N: x}\n", "t.yaml:5:13: error: N: expected an integer, got 'x'\n"},
          {"params: {N: \"${K}\", K: 1}\n",
           "t.yaml:5:13: error: N: expected a plain integer (a parameter cannot use an expression), got '${K}'\n"},
          {"params: {i: 1}\n", "t.yaml:5:10: error: params: 'i' is reserved for replication (a replica's index)\n"},
          {"params: {n: 1}\n", "t.yaml:5:10: error: params: 'n' is reserved for replication (an item's count)\n"},
          {"params: {3x: 1}\n", "t.yaml:5:10: error: params: expected a parameter name (an identifier), got '3x'\n"},
          {"params: {B: 99999999999999999999}\n",
           "t.yaml:5:13: error: B: 99999999999999999999 is too large (at most 9223372036854775807)\n"},
          {"params: {B: -99999999999999999999}\n",
           "t.yaml:5:13: error: B: -99999999999999999999 is too small (at least -9223372036854775808)\n"},
          {"params: [N]\n",
           "t.yaml:5:9: error: params: expected a mapping of integer parameters, such as {N: 5}, got a list\n"},
      },
      minimal());
}

TEST_CASE("loader errors: replication counts are bounded", "[loader][errors]") {
  check_cases(
      {
          {"channels: [{mailbox: c, count: 100000000000000000000}]\n",
           "t.yaml:5:32: error: count: 100000000000000000000 is too large (at most 1000000)\n"},
          {"channels: [{mailbox: c, count: 1000001}]\n",
           "t.yaml:5:32: error: count: 1000001 is too large (at most 1000000)\n"},
          {"channels: [{mailbox: c, count: -1}]\n",
           "t.yaml:5:32: error: count: expected a non-negative integer, got '-1'\n"},
          {"channels: [{mailbox: c, count: \"${i}\"}]\n",
           "t.yaml:5:32: error: unknown name 'i' in '${i}' (i and n exist only inside an item with 'count')\n"},
          {"channels: [{link: [p, q], count: 2}]\n", "t.yaml:5:23: error: link: no process named 'q'\nt.yaml:5:34: "
                                                     "error: count: applies to mailboxes, not to links\n"},
      },
      minimal());
}

TEST_CASE("loader errors: channels are a mailbox or a link of two different processes", "[loader][errors]") {
  const std::string two = "scenario: t\nprocesses: [{name: p, do: []}, {name: q, do: []}]\n";
  check_cases(
      {
          {"channels: [{mailbox: m, link: [p, q]}]\n",
           "t.yaml:3:31: error: a channel is a mailbox or a link, not both\n"},
          {"channels: [{link: [p, p]}]\n",
           "t.yaml:3:19: error: link: expected two different processes, got 'p' twice\n"},
          {"channels: [{link: [p]}]\n", "t.yaml:3:19: error: link: expected two processes [A, B], got 1\n"},
          {"channels: [{link: [p, q], owner: p}]\n", "t.yaml:3:34: error: owner: applies to mailboxes, not to links\n"},
          {"channels: [{mailbox: m, owner: p, receivers: [q]}]\n",
           "t.yaml:3:46: error: receivers: only kernel mailboxes have a receivers list; 'm' is owned by 'p', which "
           "alone "
           "receives from it\n"},
      },
      two);
}

TEST_CASE("loader errors: the platform's hosts and links are checked", "[loader][errors]") {
  check_cases(
      {
          {"platform: {hosts: []}\n", "t.yaml:5:19: error: hosts: expected at least one host\n"},
          {"platform: {hosts: [{name: h}], links: [{between: [h, h]}]}\n",
           "t.yaml:5:50: error: between: expected two different hosts, got 'h' twice\n"},
          {"platform: {hosts: [{name: h}], links: [{between: [h]}]}\n",
           "t.yaml:5:50: error: between: expected two hosts [A, B], got 1\n"},
          {"platform: {hosts: [{name: h}, {name: g}], links: [{between: [h, g], latency: -1s}]}\n",
           "t.yaml:5:78: error: latency: expected a non-negative duration, got '-1s'\n"},
      },
      minimal());
}

TEST_CASE("loader errors: every error of a file is reported, in line order", "[loader][errors]") {
  std::ifstream expected_file(fixture("many-errors.expected"));
  std::stringstream expected;
  expected << expected_file.rdbuf();
  std::string message;
  try {
    load_scenario_file(fixture("many-errors.yaml"));
  } catch (const ScenarioError &e) {
    message = e.what();
  }
  // The expected file names the fixture relative to the source tree.
  std::string path = fixture("many-errors.yaml");
  for (std::size_t at = message.find(path); at != std::string::npos; at = message.find(path))
    message.replace(at, path.size(), "many-errors.yaml");
  CHECK(message == expected.str());
}
