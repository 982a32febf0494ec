#include "reports/svg_renderer.hpp"
#include "reports/wait_for_dot.hpp"

#include "golden.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

TEST_CASE("a two-process cycle, as DOT", "[wait_for_dot]") {
  WaitForGraph graph;
  graph.nodes = {
      {"phil[0]", "blocked in receive from fork[1]", true, true},
      {"phil[1]", "blocked in receive from fork[0]", true, true},
      {"logger", "ended", false, false},
  };
  graph.edges = {
      {0, 1, "receive from fork[1]", true},
      {1, 0, "receive from fork[0]", true},
  };
  std::string dot = wait_for_dot(graph);
  test::check_golden("wait_for_cycle.dot", dot);
  CHECK_THAT(render_svg(dot), Catch::Contains("wait&#45;for graph"));
}

TEST_CASE("blocked processes outside the cycle are not in the deadlocked cluster", "[wait_for_dot]") {
  WaitForGraph graph;
  graph.nodes = {{"a", "blocked in send on jobs", true, false}, {"b", "running", false, false}};
  graph.edges = {{0, 1, "send on jobs", false}};
  std::string dot = wait_for_dot(graph, "wait-for graph at t = 2ms");
  CHECK_THAT(dot, !Catch::Contains("cluster"));
  CHECK_THAT(dot, Catch::Contains("label=\"wait-for graph at t = 2ms\""));
  CHECK_THAT(dot, Catch::Contains("n0 -> n1 [color=\"#555555\""));
}
