// DeadlockWatch against has_deadlock(), the checker's definition: after every transition of random schedules
// of random scenarios (and of the bundled ones) the watch says "deadlock" exactly when the state holds one,
// up to the first, which is all it promises.
#include "checker/random_scenarios.hpp"
#include "models/deadlock_watch.hpp"
#include "semantics_fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

struct Tally {
  int deadlocks = 0;
  int partial = 0;
};

// Twenty schedules of up to 200 random transitions each, each until its first deadlock.
void follow_random_schedules(const Model &model, std::uint32_t seed, Tally &tally) {
  Semantics semantics(model);
  std::mt19937 random(seed);
  for (int schedule = 0; schedule < 20; ++schedule) {
    std::vector<Event> events;
    State state = semantics.initial_state(events);
    DeadlockWatch watch(model, state);
    std::vector<Transition> enabled;
    for (int step = 0; step < 200; ++step) {
      semantics.enabled(state, enabled);
      if (enabled.empty())
        break;
      events.clear();
      semantics.apply(state, enabled[random() % enabled.size()], events);
      bool expected = has_deadlock(model, state);
      INFO("schedule " << schedule << ", step " << step);
      REQUIRE(watch.deadlocked(events, state) == expected);
      if (expected) {
        tally.deadlocks += 1;
        tally.partial += !analyse_blocking(model, state).global;
        break;
      }
    }
  }
}

} // namespace

TEST_CASE("deadlock watch: agrees with has_deadlock after every step of random schedules of 300 random scenarios") {
  Tally tally;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = ScenarioDraw(seed, seed % 2 == 0, seed % 3 == 0, seed % 5 < 2).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    std::optional<Model> model;
    try {
      model = compile_text(yaml);
    } catch (const ScenarioError &) { // a draw may name a replicated owner by its plain name
      continue;
    }
    follow_random_schedules(*model, seed, tally);
  }
  INFO(tally.deadlocks << " deadlocks, " << tally.partial << " partial");
  CHECK(tally.deadlocks > 1000); // the draws deadlock often enough to mean something
  CHECK(tally.partial > 500);
}

TEST_CASE("deadlock watch: agrees with has_deadlock on random schedules of every bundled scenario") {
  Tally tally;
  for (const auto &entry : std::filesystem::directory_iterator(std::string(IPCSIM_SOURCE_DIR) + "/scenarios")) {
    INFO(entry.path().string());
    follow_random_schedules(compile(load_scenario_file(entry.path().string())), 7, tally);
  }
  CHECK(tally.deadlocks > 0);
}
