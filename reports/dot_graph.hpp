// A tiny writer of Graphviz DOT text: graphs and digraphs with graph, node and edge attributes, subgraphs and
// clusters, and rank=same groups. Statements come out in the order they were added and ids and values are
// quoted and escaped as DOT needs, so the same calls always give the same text (goldens compare it whole).
// Rendering the text is a separate step (svg_renderer.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ipcsim {

// The value of an attribute. Plain text is written as a DOT string: quotes and backslashes are escaped and a
// newline becomes a line break of a label. html() is an HTML-like label, written between < and > as given (use
// html_escape() for text inside it). escaped() keeps the caller's DOT escapes (\l, \r, \N); only quotes and
// newlines are escaped.
class DotValue {
public:
  enum class Kind { text, html, escaped };

  DotValue(std::string text) : text_(std::move(text)) {}
  DotValue(const char *text) : text_(text) {}
  static DotValue html(std::string markup) { return DotValue(std::move(markup), Kind::html); }
  static DotValue escaped(std::string dot_text) { return DotValue(std::move(dot_text), Kind::escaped); }

  const std::string &text() const { return text_; }
  Kind kind() const { return kind_; }

private:
  DotValue(std::string text, Kind kind) : text_(std::move(text)), kind_(kind) {}
  std::string text_;
  Kind kind_ = Kind::text;
};

using DotAttributes = std::vector<std::pair<std::string, DotValue>>;

// The body of a graph or subgraph: its attributes, then its statements in insertion order.
class DotSubgraph {
public:
  explicit DotSubgraph(std::string name = "") : name_(std::move(name)) {}
  DotSubgraph(const DotSubgraph &) = delete;
  DotSubgraph &operator=(const DotSubgraph &) = delete;
  virtual ~DotSubgraph() = default;

  // A graph attribute of this (sub)graph; setting a key again replaces its value in place.
  DotSubgraph &attr(const std::string &key, DotValue value);
  // Defaults for the nodes or edges declared after this statement (`node [...]`, `edge [...]`).
  DotSubgraph &node_defaults(DotAttributes attributes);
  DotSubgraph &edge_defaults(DotAttributes attributes);
  DotSubgraph &node(std::string id, DotAttributes attributes = {});
  DotSubgraph &edge(std::string from, std::string to, DotAttributes attributes = {});
  // `{ rank=same; a; b; }`: the nodes share one rank.
  DotSubgraph &rank_same(std::vector<std::string> ids);
  // A nested subgraph; its name starts with "cluster" for a cluster (see cluster()). The reference stays valid
  // for the life of this graph.
  DotSubgraph &subgraph(std::string name = "");
  DotSubgraph &cluster(const std::string &name) { return subgraph("cluster_" + name); }

  const std::string &name() const { return name_; }

protected:
  void write_body(std::string &out, int depth, bool directed) const;

private:
  struct Defaults {
    bool edges = false;
    DotAttributes attributes;
  };
  struct Node {
    std::string id;
    DotAttributes attributes;
  };
  struct Edge {
    std::string from;
    std::string to;
    DotAttributes attributes;
  };
  struct RankSame {
    std::vector<std::string> ids;
  };
  using Statement = std::variant<Defaults, Node, Edge, RankSame, std::unique_ptr<DotSubgraph>>;

  std::string name_;
  DotAttributes attributes_;
  std::vector<Statement> statements_;
};

class DotGraph : public DotSubgraph {
public:
  enum class Kind { graph, digraph };

  explicit DotGraph(std::string name, Kind kind = Kind::digraph) : DotSubgraph(std::move(name)), kind_(kind) {}

  Kind kind() const { return kind_; }
  // The whole graph as DOT text, ending with a newline.
  std::string str() const;

private:
  Kind kind_;
};

// An id or value as DOT reads it: bare when it is a plain identifier or number (and not a keyword), else quoted.
std::string dot_id(std::string_view id);
// Text for inside an HTML-like label: &, <, > and " escaped, newlines as <br/>.
std::string html_escape(std::string_view text);

} // namespace ipcsim
