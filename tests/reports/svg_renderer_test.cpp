#include "reports/svg_renderer.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace ipcsim;

TEST_CASE("a tiny graph renders to an SVG document", "[svg_renderer]") {
  std::string svg = render_svg("digraph g { a -> b [label=\"send\"]; }");
  CHECK_THAT(svg, Catch::StartsWith("<?xml"));
  CHECK_THAT(svg, Catch::Contains("<svg"));
  CHECK_THAT(svg, Catch::Contains("send"));
  CHECK_THAT(svg, Catch::EndsWith("</svg>\n"));
}

TEST_CASE("bad DOT is a clear error, and rendering works again afterwards", "[svg_renderer]") {
  try {
    render_svg("digraph g { a -> ; }");
    FAIL("no exception");
  } catch (const std::runtime_error &error) {
    CHECK(std::string(error.what()) == "Graphviz: syntax error in line 1 near ';'");
  }
  CHECK_THROWS_WITH(render_svg(""), "Graphviz: no graph in the DOT text");
  CHECK_THROWS_WITH(render_svg("digraph g { a [label=<<b>x>]; }"), Catch::StartsWith("Graphviz: mismatched tag"));
  CHECK_THAT(render_svg("graph h { x -- y; }"), Catch::Contains("<svg"));
}

TEST_CASE("rendering from several threads is serialised", "[svg_renderer]") {
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, i] { results[i] = render_svg("digraph g { a -> b -> c; }"); });
  for (auto &thread : threads)
    thread.join();
  for (const std::string &svg : results)
    CHECK(svg == results[0]);
}
