// `ipcsim run` stopped from outside: SIGINT or SIGTERM end the run cleanly (the summary so far, exit 130, a
// whole trace), a long run shows its progress on a terminal and nothing elsewhere, and a run too large for
// the memory it may use says how much it needs (exit 71) instead of failing inside an allocation.
#include "cli/background_run.hpp"
#include "cli/cli_runner.hpp"
#include "reports/trace_jsonl.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// Never ends by itself: with every cost 0 the two take turns at t = 0 for ever.
const char *const endless = R"(scenario: endless
channels: [{mailbox: jobs, capacity: unbounded}]
processes:
  - {name: producer, do: [{forever: [{send: {to: jobs}}]}]}
  - {name: consumer, do: [{forever: [{receive: {from: jobs}}]}]}
)";

fs::path endless_file() {
  fs::path path = scratch() / "endless.yaml";
  std::ofstream(path) << endless;
  return path;
}

// The partial file OutputFile writes before it renames it into place.
bool partial_trace_started(const fs::path &trace, pid_t pid) {
  fs::path partial = trace.string() + ".partial-" + std::to_string(pid);
  std::error_code ignored;
  return fs::exists(partial, ignored) && fs::file_size(partial, ignored) > 0;
}

} // namespace

TEST_CASE("cli: SIGTERM ends a run cleanly: the summary so far, exit 130, and the whole trace") {
  fs::path trace = scratch() / "interrupted.jsonl";
  BackgroundRun run({"run", endless_file().string(), "--max-events", "1000000000000", "--trace", trace.string()},
                    false);
  REQUIRE(BackgroundRun::wait_until([&] { return partial_trace_started(trace, run.pid()); }));
  CHECK_FALSE(fs::exists(trace)); // nothing under the trace's name while the run goes on
  run.signal(SIGTERM);
  CHECK(run.finish() == 130);
  std::vector<std::string> out = lines(run.out());
  REQUIRE(out.size() >= 2);
  std::smatch m;
  REQUIRE(
      std::regex_match(out[0], m, std::regex("scenario endless: stopped at t = 0 after ([0-9]+) events \\(seed 0\\)")));
  CHECK(out[1] == "interrupted by SIGTERM after " + m[1].str() + " events");
  std::vector<TraceEvent> events = read_trace_file(trace.string()); // every line whole
  CHECK(std::to_string(events.size()) == m[1].str());
  CHECK_FALSE(partial_trace_started(trace, run.pid()));
}

// On a terminal a run of more than a second shows its progress on stderr; Ctrl-C (SIGINT) then ends it, with
// the summary so far and exit 130.
TEST_CASE("cli: a long run shows its progress on a terminal, and SIGINT ends it with the summary so far") {
  BackgroundRun run({"run", endless_file().string(), "--max-events", "1000000000000"}, true);
  REQUIRE(run.wait_for_terminal_text(" messages"));
  CHECK(std::regex_search(run.terminal_text(),
                          std::regex("t = 0 simulated, [0-9.]+[kMG]? events \\([0-9.]+[kMG]?/s\\), [0-9.]+[kMG]? "
                                     "messages")));
  run.signal(SIGINT);
  CHECK(run.finish() == 130);
  std::vector<std::string> out = lines(run.out());
  REQUIRE(out.size() >= 2);
  CHECK(std::regex_match(out[0], std::regex("scenario endless: stopped at t = 0 after [0-9]+ events \\(seed 0\\)")));
  CHECK(std::regex_match(out[1], std::regex("interrupted by SIGINT after [0-9]+ events")));
}

// The run lasts past the second after which a terminal shows progress (however fast the machine), then is
// stopped: nothing reached stderr.
TEST_CASE("cli: a run prints no progress when stderr is not a terminal") {
  BackgroundRun run({"run", endless_file().string(), "--max-events", "1000000000000"}, false);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  run.signal(SIGTERM);
  CHECK(run.finish() == 130);
  CHECK(read_file(scratch() / "background.err").empty());
}

// A million processes cannot have their stacks under a 4 GB address space: refused before a stack is taken
// (SimGrid would abort), with what it needs and what is left. A scaled-down case: 30,000 under 500 MB.
TEST_CASE("cli: a run whose processes cannot fit under ulimit -v says how much it needs and exits 71") {
#if defined(__SANITIZE_ADDRESS__)
  WARN("skipped: AddressSanitizer reserves terabytes of address space, which `ulimit -v` cannot bound");
#else
  fs::path big = scratch() / "big.yaml";
  std::ofstream(big) << "scenario: big\nprocesses:\n  - {name: p, count: 30000, do: [{compute: 1us}]}\n";
  Cli run = run_cli("run '" + big.string() + "'", IPCSIM_SOURCE_DIR, "ulimit -v 500000 && ");
  CHECK(run.status == 71);
  CHECK(run.out.empty());
  CHECK(std::regex_match(run.err, std::regex("ipcsim: error: this run needs about 703\\.12 MiB of memory for its "
                                             "30000 processes \\(16 KiB of stack and about 8 KiB of bookkeeping "
                                             "each\\), but only [0-9.]+ MiB of address space is left under its "
                                             "limit \\(ulimit -v\\)\n")));
#endif
}
