// Items of count 0 are read once, as templates: every key and step is checked at its line and column, names
// against the items of the scenario whatever their counts, and what depends on ${i} or ${n} only for syntax.
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;
using ipcsim::test::load_errors;

namespace {

// The example of issue 23, item 1.
const std::string zero_count_example = "scenario: count0\n"
                                       "params: {SHM: 0}\n"
                                       "processes:\n"
                                       "  - name: p\n"
                                       "    do: [{compute: 1us}]\n"
                                       "  - name: q\n"
                                       "    count: ${SHM}\n"
                                       "    hots: nowhere\n"
                                       "    do:\n"
                                       "      - send: {to: nobody, size: 5 parsecs}\n"
                                       "      - frobnicate: 3\n";

// A scenario with a live process p and `item` (a process of count ${K}, K = 0) at line 6.
std::string with_zero_count_process(const std::string &item, const std::string &extra = "") {
  return "scenario: t\nparams: {K: 0, N: 3}\nprocesses:\n  - name: p\n    do: [{sleep: 1ms}]\n" + item + extra;
}

} // namespace

TEST_CASE("count 0: every key and step of the item is checked, at its line and column") {
  CHECK(load_errors(zero_count_example) ==
        "t.yaml:8:5: error: unknown key 'hots' in process; did you mean 'host'?\n"
        "t.yaml:10:20: error: to: no mailbox or process named 'nobody'\n"
        "t.yaml:10:34: error: unknown size unit 'parsecs' in '5 parsecs' (use B, KiB, MiB, GiB, KB, MB or GB)\n"
        "t.yaml:11:9: error: unknown key 'frobnicate' in step\n");
  // With SHM=1 the same errors come from the replica.
  CHECK(load_errors(zero_count_example, LoadOptions{{{"SHM", "1"}}, {}}) == load_errors(zero_count_example));
}

TEST_CASE("count 0: mailboxes, semaphores and segments are checked too") {
  std::string yaml = "scenario: t\nparams: {K: 0}\nprocesses: [{name: p, do: [{sleep: 1ms}]}]\n"
                     "channels:\n  - {mailbox: m, count: \"${K}\", capacity: lots, ownr: p}\n"
                     "semaphores:\n  - {name: s, count: \"${K}\", initial: -1}\n"
                     "shared_memory:\n  - {name: g, count: \"${K}\", size: 4 parsecs}\n";
  CHECK(load_errors(yaml) ==
        "t.yaml:5:43: error: capacity: expected a non-negative integer or 'unbounded', got 'lots'\n"
        "t.yaml:5:49: error: unknown key 'ownr' in channel; did you mean 'owner'?\n"
        "t.yaml:7:39: error: initial: expected a non-negative integer, got '-1'\n"
        "t.yaml:9:36: error: unknown size unit 'parsecs' in '4 parsecs' (use B, KiB, MiB, GiB, KB, MB or GB)\n");
}

TEST_CASE("count 0: the bundled messages-or-shared-memory scenario loads with either design") {
  const std::string file = std::string(IPCSIM_SOURCE_DIR) + "/scenarios/compare-messages-or-shared-memory.yaml";
  for (const char *shm : {"0", "1"}) {
    CAPTURE(shm);
    Scenario s = load_scenario_file(file, LoadOptions{{{"SHM", shm}}, {}});
    REQUIRE(s.processes.size() == 2);
    CHECK(s.processes[0].name == "producer");
    CHECK(s.processes[1].name == "consumer");
    CHECK(std::holds_alternative<SegmentStep>(s.processes[0].steps[0].op) == (std::string(shm) == "1"));
  }
}

TEST_CASE("count 0: names are checked against every item whatever its count, x[K] against replicated items") {
  // box and fork exist only when K > 0: a zero-count process may name them, with any index.
  std::string declared = "channels:\n  - {mailbox: box, count: \"${K}\"}\n  - {mailbox: fork, count: \"${N}\"}\n";
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do:\n"
                                            "      - send: {to: box}\n      - send: {to: \"fork[7]\"}\n"
                                            "      - receive: {from: \"box[2]\"}\n",
                                            declared)) == "");
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do:\n"
                                            "      - send: {to: \"frok[1]\"}\n      - receive: {from: \"p[0]\"}\n"
                                            "      - acquire: mutx\n",
                                            declared + "semaphores: [{name: mutex}]\n")) ==
        "t.yaml:9:20: error: to: no mailbox or process named 'frok[1]'; did you mean 'fork[1]'?\n"
        "t.yaml:10:25: error: from: no mailbox or process named 'p[0]'\n"
        "t.yaml:11:18: error: acquire: no semaphore named 'mutx'; did you mean 'mutex'?\n");
}

TEST_CASE("count 0: what depends on i or n is checked for its syntax only") {
  // (i+1)%n would divide by zero at n = 0, and i has no value: these values are not judged.
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do:\n"
                                            "      - send: {to: \"fork[${(i+1)%n}]\", size: \"${i}B\"}\n"
                                            "      - sleep: \"${10 / i}ms\"\n",
                                            "channels: [{mailbox: fork, count: 3}]\n")) == "");
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do:\n"
                                            "      - sleep: \"${i +}ms\"\n      - sleep: \"${i + M}ms\"\n"
                                            "      - sleep: \"${i}ms ${N/0}\"\n")) ==
        "t.yaml:9:16: error: invalid expression '${i +}': unexpected end\n"
        "t.yaml:10:16: error: unknown name 'M' in '${i + M}'\n"
        "t.yaml:11:16: error: division by zero in '${N/0}'\n");
}

TEST_CASE("count 0: a wait needs a handle that some async posts; a bad count is reported and the item checked") {
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do:\n"
                                            "      - send: {to: p, async: h1}\n      - wait: h1\n"
                                            "      - wait: h2\n")) ==
        "t.yaml:11:15: error: wait: no asynchronous send or receive posts handle 'h2'; did you mean 'h1'?\n");
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: many\n    do: [{sleep: 5 parsecs}]\n")) ==
        "t.yaml:7:12: error: count: expected a non-negative integer, got 'many'\n"
        "t.yaml:8:18: error: unknown time unit 'parsecs' in '5 parsecs' (use ns, us, ms or s)\n");
}

TEST_CASE("count 0: an item of count 0 defines nothing that others may use") {
  CHECK(load_errors(with_zero_count_process("  - name: q\n    count: ${K}\n    do: [{sleep: 1ms}]\n"
                                            "  - name: r\n    do: [{send: {to: q}}]\n")) ==
        "t.yaml:10:22: error: to: no mailbox or process named 'q'\n");
}

TEST_CASE("count 0: an alias used many times in a template is read once") {
  // 2^30 steps if expanded; read as a template, each list once, and its error reported once.
  std::string yaml = "scenario: t\nprocesses:\n  - name: p\n    do: [{sleep: 1ms}]\n  - name: q\n    count: 0\n"
                     "    do:\n      - &l0 {sleep: 1 parsec}\n";
  for (int k = 1; k < 30; ++k)
    yaml += "      - &l" + std::to_string(k) + " {choose: [[*l" + std::to_string(k - 1) + ", *l" +
            std::to_string(k - 1) + "], []]}\n";
  CHECK(load_errors(yaml) == "t.yaml:8:21: error: unknown time unit 'parsec' in '1 parsec' (use ns, us, ms or s)\n");
}
