// An error about a command-line argument quotes at most 60 characters of it, however long it is.
#include "cli/background_cli.hpp"

using namespace ipcsim::test;

namespace {

const std::string cut_x = std::string(60, 'x') + "...";

// ipcsim with these arguments, passed as they are (a shell command line of this size would be refused).
Cli run_words(const std::vector<std::string> &words) {
  return finish(start_cli(words, "long-arguments"));
}

} // namespace

TEST_CASE("cli: errors quote at most 60 characters of a long argument") {
  const std::string long_x(50'000, 'x');
  Cli until = run_words({"run", "scenarios/buffering-bounded.yaml", "--until", long_x});
  CHECK(until.status == 64);
  CHECK(until.err == "--until " + cut_x + ": error: expected a time such as 10ms or 2s\n");
  Cli param = run_words({"run", "scenarios/buffering-bounded.yaml", "--param", long_x});
  CHECK(param.status == 64);
  CHECK(param.err == "--param " + cut_x + ": error: expected NAME=VALUE\n");
  Cli shard = run_words(
      {"compare", "scenarios/buffering-bounded.yaml", "--vary", "channels.jobs.capacity=0,1", "--shard", long_x});
  CHECK(shard.status == 64);
  CHECK(shard.err == "--shard " + cut_x + ": error: expected I/N with 1 <= I <= N, such as 2/4\n");
  const std::string values(50'000, 'v');
  Cli vary = run_words(
      {"compare", "scenarios/buffering-bounded.yaml", "--vary", "channels.jobs.capacity=" + values + "," + values});
  CHECK(vary.status == 64);
  CHECK(vary.err == "--vary channels.jobs.capacity=" + std::string(37, 'v') + "...: error: value '" +
                        std::string(60, 'v') + "...' is given twice\n");
}
