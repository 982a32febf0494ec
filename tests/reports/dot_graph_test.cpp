#include "reports/dot_graph.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

TEST_CASE("ids are bare when DOT allows it and quoted otherwise", "[dot_graph]") {
  CHECK(dot_id("producer") == "producer");
  CHECK(dot_id("_x9") == "_x9");
  CHECK(dot_id("42") == "42");
  CHECK(dot_id("-1.5") == "-1.5");
  CHECK(dot_id("phil[0]") == "\"phil[0]\"");
  CHECK(dot_id("9lives") == "\"9lives\"");
  CHECK(dot_id("node") == "\"node\"");
  CHECK(dot_id("Graph") == "\"Graph\"");
  CHECK(dot_id("") == "\"\"");
  CHECK(dot_id("a \"b\"") == "\"a \\\"b\\\"\"");
  CHECK(dot_id("two\nlines") == "\"two\\nlines\"");
  CHECK(dot_id("back\\slash") == "\"back\\\\slash\"");
}

TEST_CASE("html labels escape their text", "[dot_graph]") {
  CHECK(html_escape("a<b & \"c\">\nd") == "a&lt;b &amp; &quot;c&quot;&gt;<br/>d");
}

TEST_CASE("a graph is written in insertion order with its subgraphs", "[dot_graph]") {
  DotGraph graph("demo");
  graph.attr("rankdir", "LR").attr("label", "two words").attr("rankdir", "TB");
  graph.node_defaults({{"shape", "box"}});
  graph.node("a", {{"label", "phil[0]\nblocked"}});
  graph.node("b");
  graph.edge("a", "b", {{"label", "send on \"jobs\""}, {"color", "#c00000"}});
  DotSubgraph &cluster = graph.cluster("host0");
  cluster.attr("label", "host0");
  cluster.node("c", {{"label", DotValue::html("<b>" + html_escape("x<y") + "</b>")}});
  cluster.edge_defaults({{"style", "dashed"}});
  graph.rank_same({"a", "c", "phil[1]"});
  graph.subgraph().attr("rank", "same").node("d").node("e");
  graph.node("f", {{"label", DotValue::escaped("left\\lright\\r")}});

  CHECK(graph.str() == R"(digraph demo {
  rankdir=TB;
  label="two words";
  node [shape=box];
  a [label="phil[0]\nblocked"];
  b;
  a -> b [label="send on \"jobs\"", color="#c00000"];
  subgraph cluster_host0 {
    label=host0;
    c [label=<<b>x&lt;y</b>>];
    edge [style=dashed];
  }
  { rank=same; a; c; "phil[1]"; }
  {
    rank=same;
    d;
    e;
  }
  f [label="left\lright\r"];
}
)");
}

TEST_CASE("an undirected graph uses --", "[dot_graph]") {
  DotGraph graph("", DotGraph::Kind::graph);
  graph.edge("a", "b");
  CHECK(graph.str() == "graph {\n  a -- b;\n}\n");
}

TEST_CASE("escaped values never end in a lone backslash", "[dot_graph]") {
  DotGraph graph("g");
  graph.node("a", {{"label", DotValue::escaped("x\\")}});
  CHECK(graph.str() == "digraph g {\n  a [label=\"x\\\\\"];\n}\n");
}
