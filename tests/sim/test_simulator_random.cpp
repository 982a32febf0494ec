// Seeded distributions: one random stream per process, reproducible from the scenario's seed
// (SCENARIO_FORMAT.md, "Units"; sim/random.hpp).
#include "models/loader.hpp"
#include "sim/random.hpp"
#include "sim/simulator.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace ipcsim;

namespace {

std::vector<double> samples(std::uint64_t seed, std::uint32_t process, const Duration& d, int n = 100) {
  ProcessRandom random(seed, process);
  std::vector<double> out;
  for (int k = 0; k < n; ++k)
    out.push_back(random.sample(d));
  return out;
}

const Duration exponential{Duration::Kind::exponential, 1e-3, 0};
const Duration uniform{Duration::Kind::uniform, 1e-3, 3e-3};
const Duration normal{Duration::Kind::normal, 1e-3, 1e-3};

} // namespace

TEST_CASE("random: the same seed and process give the same samples, another seed or process different ones") {
  for (const Duration& d : {exponential, uniform, normal}) {
    CHECK(samples(42, 0, d) == samples(42, 0, d));
    CHECK(samples(42, 0, d) != samples(43, 0, d));
    CHECK(samples(42, 0, d) != samples(42, 1, d));
  }
  ProcessRandom a(7, 3), b(7, 3);
  for (int k = 0; k < 100; ++k)
    CHECK(a.pick(5) == b.pick(5));
}

TEST_CASE("random: samples follow their distribution and are never negative") {
  auto mean = [](const std::vector<double>& xs) {
    double sum = 0;
    for (double x : xs)
      sum += x;
    return sum / static_cast<double>(xs.size());
  };
  auto e = samples(1, 0, exponential, 20000);
  CHECK(mean(e) == Approx(1e-3).epsilon(0.05));
  CHECK(*std::min_element(e.begin(), e.end()) >= 0);

  auto u = samples(1, 0, uniform, 20000);
  CHECK(*std::min_element(u.begin(), u.end()) >= 1e-3);
  CHECK(*std::max_element(u.begin(), u.end()) < 3e-3);
  CHECK(mean(u) == Approx(2e-3).epsilon(0.02));

  auto n = samples(1, 0, normal, 20000); // mean 1 ms, stddev 1 ms: about 16% clamped to 0
  CHECK(*std::min_element(n.begin(), n.end()) == 0);
  auto zeros = std::count(n.begin(), n.end(), 0.0);
  CHECK(zeros > 2500);
  CHECK(zeros < 3900);

  Duration fixed{Duration::Kind::fixed, 0.25, 0};
  CHECK(samples(1, 0, fixed, 3) == std::vector<double>{0.25, 0.25, 0.25});

  ProcessRandom r(9, 0);
  std::vector<int> seen(4, 0);
  for (int k = 0; k < 4000; ++k) {
    auto x = r.pick(4);
    REQUIRE(x < 4);
    ++seen[x];
  }
  for (int s : seen)
    CHECK(s > 800);
}

TEST_CASE("simulator: sleep durations are the process's own seeded stream, independent of other processes") {
  Model model = compile(load_scenario_text(R"(
scenario: t
seed: 1234
processes:
  - {name: a, do: [{repeat: 5, do: [{sleep: {exponential: 1ms}}]}]}
  - {name: b, do: [{repeat: 5, do: [{sleep: {uniform: [1ms, 3ms]}}, {compute: {normal: [1ms, 0.5ms]}}]}]}
)", "t.yaml"));
  std::vector<double> a, b_sleep, b_compute;
  RunResult result = simulate(model, {}, [&](const TraceEvent& e) {
    if (e.proc == "a" && e.event == "sleep")
      a.push_back(*e.duration);
    if (e.proc == "b" && e.event == "sleep")
      b_sleep.push_back(*e.duration);
    if (e.proc == "b" && e.event == "compute")
      b_compute.push_back(*e.duration);
  });
  CHECK(result.outcome == RunResult::Outcome::completed);
  CHECK(a == samples(1234, 0, exponential, 5));
  ProcessRandom b(1234, 1);
  Duration b_normal{Duration::Kind::normal, 1e-3, 0.5e-3};
  std::vector<double> expected_sleep, expected_compute;
  for (int k = 0; k < 5; ++k) {
    expected_sleep.push_back(b.sample(uniform));
    expected_compute.push_back(b.sample(b_normal));
  }
  CHECK(b_sleep == expected_sleep);
  CHECK(b_compute == expected_compute);
  double total = 0;
  for (double x : a)
    total += x;
  CHECK(result.processes[0].end == Approx(total).margin(1e-12));
}

TEST_CASE("simulator: choose draws its branch from the process's seeded stream") {
  Model model = compile(load_scenario_text(R"(
scenario: t
seed: 5
processes:
  - {name: p, do: [{repeat: 20, do: [{choose: [[{sleep: 1ms}], [{sleep: 2ms}], [{sleep: 3ms}]]}]}]}
)", "t.yaml"));
  std::vector<int> branches;
  simulate(model, {}, [&](const TraceEvent& e) {
    if (e.event == "choose")
      branches.push_back(*e.branch);
  });
  ProcessRandom random(5, 0);
  std::vector<int> expected;
  for (int k = 0; k < 20; ++k)
    expected.push_back(static_cast<int>(random.pick(3)));
  CHECK(branches == expected);
  CHECK(std::count(expected.begin(), expected.end(), expected[0]) < 20); // not one branch only
}
