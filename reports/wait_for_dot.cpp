#include "reports/wait_for_dot.hpp"

#include "reports/dot_graph.hpp"

#include <algorithm>

namespace ipcsim {
namespace {

constexpr const char *alarm_colour = "#c00000";
constexpr const char *blocked_colour = "#d62728";
constexpr const char *idle_colour = "#999999";

std::string node_id(std::size_t index) {
  return "n" + std::to_string(index);
}

DotAttributes node_style(const WaitForGraph::Node &node) {
  std::string label = node.state.empty() ? node.process : node.process + "\n" + node.state;
  if (node.deadlocked)
    return {{"shape", "box"},         {"style", "filled,bold"}, {"color", alarm_colour},
            {"fillcolor", "#ffd6d6"}, {"penwidth", "2"},        {"label", label}};
  if (node.blocked)
    return {
        {"shape", "box"}, {"style", "filled"}, {"color", blocked_colour}, {"fillcolor", "#fff0f0"}, {"label", label}};
  return {{"shape", "ellipse"},     {"style", "filled"},      {"color", idle_colour},
          {"fillcolor", "#f4f4f4"}, {"fontcolor", "#777777"}, {"label", label}};
}

DotAttributes edge_style(const WaitForGraph::Edge &edge) {
  DotAttributes style;
  if (edge.in_cycle)
    style = {{"color", alarm_colour}, {"fontcolor", alarm_colour}, {"penwidth", "2.5"}, {"style", "bold"}};
  else
    style = {{"color", "#555555"}, {"fontcolor", "#555555"}};
  if (!edge.label.empty())
    style.emplace_back("label", edge.label);
  return style;
}

} // namespace

std::string wait_for_dot(const WaitForGraph &graph, const std::string &title) {
  DotGraph dot("waitfor");
  dot.attr("label", title).attr("labelloc", "t").attr("fontname", "Helvetica").attr("fontsize", "14");
  dot.attr("rankdir", "LR").attr("nodesep", "0.4").attr("ranksep", "0.6");
  dot.node_defaults({{"fontname", "Helvetica"}, {"fontsize", "11"}});
  dot.edge_defaults({{"fontname", "Helvetica"}, {"fontsize", "10"}});

  bool any_deadlocked = std::any_of(graph.nodes.begin(), graph.nodes.end(),
                                    [](const WaitForGraph::Node &node) { return node.deadlocked; });
  if (any_deadlocked) {
    DotSubgraph &cluster = dot.cluster("deadlocked");
    cluster.attr("label", "deadlocked").attr("style", "dashed,rounded").attr("color", alarm_colour);
    cluster.attr("fontcolor", alarm_colour).attr("fontsize", "11");
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].deadlocked)
        cluster.node(node_id(i), node_style(graph.nodes[i]));
    }
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!graph.nodes[i].deadlocked)
      dot.node(node_id(i), node_style(graph.nodes[i]));
  }
  for (const WaitForGraph::Edge &edge : graph.edges) {
    if (edge.from < graph.nodes.size() && edge.to < graph.nodes.size())
      dot.edge(node_id(edge.from), node_id(edge.to), edge_style(edge));
  }
  return dot.str();
}

} // namespace ipcsim
