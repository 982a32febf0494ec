// End-to-end tests of `ipcsim compare` through the binary: the CSV's columns and rows, byte-identical outputs
// whatever --jobs is and whether the sweep ran whole or in shards merged afterwards, bad --vary values stopping
// before anything runs, deadlocking variants, and the verdict column of --check.
#include "cli/cli_runner.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using namespace ipcsim::test;

namespace {

const std::string capacity_sweep =
    "compare scenarios/buffering-bounded.yaml --vary channels.jobs.capacity=0,1,4,unbounded --seeds 2";

// Alice receiving first deadlocks (the bundled scenario); sending first completes.
const std::string deadlock_sweep = "compare scenarios/deadlock-receive-first.yaml --vary "
                                   "'processes.alice.do=[{send: {to: bob}}, {receive: {from: bob}}],"
                                   "[{receive: {from: bob}}, {send: {to: bob}}]'";

std::string out_dir(const std::string &name) {
  return (scratch() / name).string();
}


std::vector<std::string> fields(const std::string &line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');)
    out.push_back(field);
  return out;
}

std::set<std::string> files_in(const fs::path &dir) {
  std::set<std::string> names;
  for (const auto &entry : fs::directory_iterator(dir))
    names.insert(entry.path().filename().string());
  return names;
}

// Every file of `a` has the same bytes in `b`, and `b` has no other file.
void require_same_files(const fs::path &a, const fs::path &b) {
  REQUIRE(files_in(a) == files_in(b));
  for (const auto &name : files_in(a)) {
    INFO("file " << name);
    CHECK(read_file(a / name) == read_file(b / name));
  }
}

} // namespace

TEST_CASE("compare: a capacity sweep writes one CSV row per variant and seed, then mean and ci95 rows") {
  std::string dir = out_dir("capacity");
  Cli run = run_cli(capacity_sweep + " --jobs 2 --out '" + dir + "'");
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  std::vector<std::string> csv = lines(read_file(fs::path(dir) / "results.csv"));
  REQUIRE(csv.size() == 1 + 4 * 2 + 4 * 2);
  CHECK(csv[0] == "variant,channels.jobs.capacity,seed,outcome,end_time,messages,throughput,latency_mean,latency_p50,"
                  "latency_p95,latency_p99,latency_max,busy,blocked_send,blocked_receive,idle,memory_reserved,"
                  "bytes_copied,context_switches,failed,lost,peak_occupancy_messages,peak_occupancy_bytes,"
                  "jobs.throughput,jobs.latency_p99,jobs.mean_occupancy_messages,jobs.peak_occupancy_messages,"
                  "producer.blocked_send,producer.blocked_receive,consumer.blocked_send,consumer.blocked_receive");
  const std::vector<std::string> capacities{"0", "1", "4", "unbounded"};
  for (std::size_t r = 0; r < 8; ++r) {
    std::vector<std::string> row = fields(csv[1 + r]);
    REQUIRE(row.size() >= 6);
    CHECK(row[0] == std::to_string(r / 2));
    CHECK(row[1] == capacities[r / 2]);
    CHECK(row[2] == std::to_string(r % 2)); // the scenario's seed is 0
    CHECK(row[3] == "completed");
    CHECK(row[5] == "8"); // messages
  }
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(fields(csv[9 + 2 * k])[2] == "mean");
    CHECK(fields(csv[10 + 2 * k])[2] == "ci95");
  }
  CHECK(lines(read_file(fs::path(dir) / "runs.jsonl")).size() == 8);
  CHECK(run.out.starts_with("| variant | channels.jobs.capacity | outcome | throughput |"));
  CHECK(
      run.out.ends_with("wrote " + dir + "/results.csv, " + dir + "/results.md, " + dir + "/index.html and 6 plots\n"));
  std::string html = read_file(fs::path(dir) / "index.html");
  CHECK(html.find("ipcsim compare scenarios/buffering-bounded.yaml --vary channels.jobs.capacity=0,1,4,unbounded "
                  "--seeds 2") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("href=\"results.csv\"") != std::string::npos);
  // Six gnuplot plots inline, and no id twice (gnuplot writes the same ids in each).
  std::set<std::string> ids;
  std::size_t id_count = 0;
  for (std::size_t at = html.find(" id='"); at != std::string::npos; at = html.find(" id='", at + 1), ++id_count)
    ids.insert(html.substr(at, html.find('\'', at + 5) - at));
  CHECK(id_count > 6);
  CHECK(ids.size() == id_count);
  CHECK(ids.contains(" id='throughput-gpDot"));
}

TEST_CASE("compare: --jobs 1 and -j 2 (as check takes it) write the same bytes") {
  std::string one = out_dir("jobs1"), two = out_dir("jobs2");
  Cli a = run_cli(capacity_sweep + " --jobs 1 --out '" + one + "'");
  Cli b = run_cli(capacity_sweep + " -j 2 --out '" + two + "'");
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  for (const char *file : {"results.csv", "results.md", "index.html", "runs.jsonl", "sweep.json"}) {
    INFO(file);
    CHECK(read_file(fs::path(one) / file) == read_file(fs::path(two) / file));
  }
  require_same_files(one, two);
}

TEST_CASE("compare: shards 1/2 and 2/2 merged give the bytes of the unsharded sweep") {
  std::string whole = out_dir("whole"), s1 = out_dir("shard1"), s2 = out_dir("shard2"), merged = out_dir("merged");
  REQUIRE(run_cli(capacity_sweep + " --jobs 2 --out '" + whole + "'").status == 0);
  Cli first = run_cli(capacity_sweep + " --shard 1/2 --out '" + s1 + "'");
  REQUIRE(first.status == 0);
  CHECK(files_in(s1) == std::set<std::string>{"runs.jsonl", "sweep.json"});
  CHECK(first.out.find("ipcsim compare --merge") != std::string::npos);
  CHECK(lines(read_file(fs::path(s1) / "runs.jsonl")).size() == 4);
  REQUIRE(run_cli(capacity_sweep + " --shard 2/2 --out '" + s2 + "'").status == 0);
  Cli merge = run_cli("compare --merge --out '" + merged + "' '" + s2 + "' '" + s1 + "'");
  INFO(merge.err);
  REQUIRE(merge.status == 0);
  require_same_files(whole, merged);
}

TEST_CASE("compare: --merge refuses slices of another sweep and lists the missing runs") {
  std::string s1 = out_dir("m-shard1"), other = out_dir("m-other");
  REQUIRE(run_cli(capacity_sweep + " --shard 1/2 --out '" + s1 + "'").status == 0);
  REQUIRE(run_cli("compare scenarios/buffering-bounded.yaml --vary channels.jobs.capacity=0,1 --seeds 2 --shard 2/2 "
                  "--out '" +
                  other + "'")
              .status == 0);
  Cli mixed = run_cli("compare --merge --out '" + out_dir("m-mixed") + "' '" + s1 + "' '" + other + "'");
  CHECK(mixed.status == 64);
  CHECK(mixed.err.find(other + ": error: not a slice of the same sweep") != std::string::npos);
  Cli missing = run_cli("compare --merge --out '" + out_dir("m-missing") + "' '" + s1 + "'");
  CHECK(missing.status == 64);
  CHECK(missing.err.find("4 of the sweep's runs are missing") != std::string::npos);
  CHECK(missing.err.find("variant 3 (channels.jobs.capacity=unbounded) seed 1") != std::string::npos);
  Cli twice = run_cli("compare --merge --out '" + out_dir("m-twice") + "' '" + s1 + "' '" + s1 + "'");
  CHECK(twice.status == 64);
  CHECK(twice.err.find("in more than one shard") != std::string::npos);
}

TEST_CASE("compare: a bad --vary value exits 64 with the loader's FILE:LINE:COLUMN before anything runs") {
  std::string dir = out_dir("bad-value");
  Cli run = run_cli("compare scenarios/buffering-bounded.yaml --vary param:K=2,-1 --out '" + dir + "'");
  CHECK(run.status == 64);
  CHECK(run.out.empty());
  CHECK(run.err.starts_with("scenarios/buffering-bounded.yaml:9:15: error: capacity: expected a non-negative "
                            "integer or 'unbounded', got '-1'"));
  CHECK(run.err.find("variant 1 of the sweep (param:K=-1)") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
  Cli set = run_cli("compare scenarios/buffering-bounded.yaml --vary channels.jobs.capacity=1,foo --out '" + dir + "'");
  CHECK(set.status == 64);
  CHECK(set.err.find("--set channels.jobs.capacity=foo: error: capacity:") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("compare: malformed --vary, --seeds and --shard options exit 64 with a clear message") {
  auto [args, message] = GENERATE(table<std::string, std::string>({
      {"--vary channels.jobs.capacity=", "--vary channels.jobs.capacity=: error: no values"},
      {"--vary channels.jobs.capacity=1,,2", "value 2 is empty"},
      {"--vary channels.jobs.capacity=1,1", "value '1' is given twice"},
      {"--vary capacity", "--vary capacity: error: expected PATH=V1,V2,..."},
      {"--vary 'channels.jobs.capacity=[1,2'", "unbalanced brackets"},
      {"--vary channels.jobs.capacity=1 --vary channels.jobs.capacity=2", "this path is varied twice"},
      {"--vary param:=1,2", "expected param:NAME"},
      {"--vary seed=1,2", "--seeds N"},
      {"", "nothing to compare"},
      {"--vary param:K=1 --shard 3/2", "--shard 3/2: error: expected I/N"},
      {"--vary param:K=1 --seeds 0", "--seeds"},
      {"--vary param:K=1 --check-max-states 10",
       "compare: error: --check-max-states limits the checks: give --check too"},
  }));
  INFO(args);
  Cli run = run_cli("compare scenarios/buffering-bounded.yaml " + args + " --out '" + out_dir("malformed") + "'");
  CHECK(run.status == 64);
  CHECK(run.err.find(message) != std::string::npos);
  CHECK_FALSE(fs::exists(out_dir("malformed")));
}

TEST_CASE("compare: a deadlocking variant exits 1 and its row says deadlock") {
  std::string dir = out_dir("deadlock");
  Cli run = run_cli(deadlock_sweep + " --out '" + dir + "'");
  INFO(run.err);
  CHECK(run.status == 1);
  std::vector<std::string> csv = lines(read_file(fs::path(dir) / "results.csv"));
  REQUIRE(csv.size() == 1 + 2 + 4);
  CHECK(csv[1].starts_with("0,\"[{send: {to: bob}}, {receive: {from: bob}}]\",0,completed,"));
  CHECK(csv[2].starts_with("1,\"[{receive: {from: bob}}, {send: {to: bob}}]\",0,deadlock,"));
  CHECK(run.out.find("| 1 | [{receive: {from: bob}}, {send: {to: bob}}] | deadlock |") != std::string::npos);
}

// `run` exits 1 on a data race (or any property it watches), so a sweep with such a variant does too.
TEST_CASE("compare: a variant whose run breaks a watched property exits 1, as run does") {
  std::string racing = out_dir("race"), clean = out_dir("no-race");
  CHECK(run_cli("compare scenarios/shm-race.yaml --vary costs.send=1us,2us --out '" + racing + "'").status == 1);
  CHECK(run_cli("compare scenarios/shm-mutex.yaml --vary costs.send=1us,2us --out '" + clean + "'").status == 0);
}

TEST_CASE("compare: --check adds the checker's verdict per variant") {
  std::string dir = out_dir("check");
  Cli run = run_cli(deadlock_sweep + " --check --seeds 2 --out '" + dir + "'");
  INFO(run.err);
  CHECK(run.status == 1);
  std::vector<std::string> csv = lines(read_file(fs::path(dir) / "results.csv"));
  REQUIRE(csv.size() == 1 + 4 + 4);
  CHECK(csv[0].starts_with("variant,processes.alice.do,seed,outcome,verdict,end_time,"));
  CHECK(csv[1].find(",0,completed,holds,") != std::string::npos);
  CHECK(csv[2].find(",1,completed,holds,") != std::string::npos);
  CHECK(csv[3].find(",0,deadlock,violated,") != std::string::npos);
  CHECK(csv[8].find(",ci95,deadlock,violated,") != std::string::npos);
  std::size_t checks = 0;
  for (const auto &line : lines(read_file(fs::path(dir) / "runs.jsonl"))) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("check")) {
      ++checks;
      CHECK_FALSE(j["check"].contains("performance")); // timings would break byte-identical outputs
    }
  }
  CHECK(checks == 2);
  CHECK(run.out.starts_with("| variant | processes.alice.do | outcome | verdict |"));
}

TEST_CASE("compare: --check-max-states stops each check there, its verdict incomplete, and exits 3") {
  // The deadlocking variant's check finds its deadlock in its first state; the other needs 3 states to hold.
  std::string dir = out_dir("check-limit"), s1 = out_dir("check-limit-1"), s2 = out_dir("check-limit-2"),
              merged = out_dir("check-limit-merged");
  std::string sweep = deadlock_sweep + " --check --check-max-states 2";
  Cli run = run_cli(sweep + " --out '" + dir + "'");
  INFO(run.err);
  CHECK(run.status == 1); // a violation still wins over a limit
  std::vector<std::string> csv = lines(read_file(fs::path(dir) / "results.csv"));
  REQUIRE(csv.size() == 1 + 2 + 4);
  CHECK(csv[1].find(",0,completed,incomplete,") != std::string::npos);
  CHECK(csv[2].find(",0,deadlock,violated,") != std::string::npos);
  CHECK(read_file(fs::path(dir) / "index.html").find("--seeds 1 --check --check-max-states 2</p>") !=
        std::string::npos);
  // Sharded, the limit travels in sweep.json and the merge gives the same files.
  REQUIRE(run_cli(sweep + " --shard 1/2 --out '" + s1 + "'").status == 3);
  REQUIRE(run_cli(sweep + " --shard 2/2 --out '" + s2 + "'").status == 1);
  Cli merge = run_cli("compare --merge --out '" + merged + "' '" + s1 + "' '" + s2 + "'");
  INFO(merge.err);
  CHECK(merge.status == 1);
  require_same_files(dir, merged);
  Cli holds = run_cli("compare scenarios/deadlock-receive-first.yaml --vary "
                      "'processes.alice.do=[{send: {to: bob}}, {receive: {from: bob}}]' --check --check-max-states 2 "
                      "--out '" +
                      out_dir("check-limit-holds") + "'");
  CHECK(holds.status == 3);
}
