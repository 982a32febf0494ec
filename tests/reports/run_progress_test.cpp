// The progress line of a long run, driven by a wall clock the test sets: nothing for the first second,
// then at most four lines a second, each with the simulated time, the events and their rate, the messages.
#include "reports/run_progress.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcsim;

TEST_CASE("run progress: the line shows simulated time, events, events per second and messages", "[progress]") {
  CHECK(run_progress_text({.t = 1.25, .events = 3'100'000, .messages = 1'200'000}, 2.4e6) ==
        "t = 1.25s simulated, 3.1M events (2.4M/s), 1.2M messages");
  CHECK(run_progress_text({.t = 0, .events = 950, .messages = 0}, 950) ==
        "t = 0 simulated, 950 events (950/s), 0 messages");
}

TEST_CASE("run progress: nothing in the first second, then at most one line a quarter of a second", "[progress]") {
  double now = 100;
  std::vector<std::string> drawn;
  RunProgressLine line([&] { return now; }, [&](const std::string &text) { drawn.push_back(text); });
  RunProgress p{.t = 0.5, .events = 1000, .messages = 10};
  for (double at : {100.0, 100.5, 100.999}) {
    now = at;
    line.update(p);
  }
  CHECK(drawn.empty()); // a run shorter than a second shows nothing
  now = 101.0;
  p.events = 2000;
  line.update(p);
  REQUIRE(drawn.size() == 1);
  CHECK(drawn[0] == "t = 500ms simulated, 2k events (2k/s), 10 messages");
  now = 101.2;
  line.update(p);
  CHECK(drawn.size() == 1);
  now = 101.25;
  p.events = 5000;
  line.update(p);
  REQUIRE(drawn.size() == 2);
  CHECK(drawn[1] == "t = 500ms simulated, 5k events (4k/s), 10 messages");
}
