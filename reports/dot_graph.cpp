#include "reports/dot_graph.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ipcsim {
namespace {

bool is_keyword(std::string_view id) {
  static constexpr std::array<std::string_view, 6> keywords{"node", "edge", "graph", "digraph", "subgraph", "strict"};
  return std::any_of(keywords.begin(), keywords.end(), [&](std::string_view keyword) {
    return std::equal(id.begin(), id.end(), keyword.begin(), keyword.end(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  });
}

bool is_identifier(std::string_view id) {
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (id.empty() || !letter(id[0]))
    return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return letter(c) || digit(c); });
}

// -?(.[0-9]+ | [0-9]+(.[0-9]*)?)
bool is_numeral(std::string_view id) {
  if (!id.empty() && id[0] == '-')
    id.remove_prefix(1);
  std::size_t digits = 0;
  std::size_t dots = 0;
  for (char c : id) {
    if (c == '.')
      ++dots;
    else if (c >= '0' && c <= '9')
      ++digits;
    else
      return false;
  }
  return digits > 0 && dots <= 1;
}

// A DOT string in quotes. `keep_escapes` leaves backslashes alone (escString values such as "a\lb\l").
std::string quote(std::string_view text, bool keep_escapes) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += keep_escapes ? "\\" : "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      break;
    default:
      out += c;
    }
  }
  // An odd run of backslashes at the end would escape the closing quote.
  std::size_t trailing = text.size() - std::min(text.size(), text.find_last_not_of('\\') + 1);
  if (keep_escapes && trailing % 2 == 1)
    out += '\\';
  return out + "\"";
}

std::string value_text(const DotValue &value) {
  switch (value.kind()) {
  case DotValue::Kind::html:
    return "<" + value.text() + ">";
  case DotValue::Kind::escaped:
    return quote(value.text(), true);
  case DotValue::Kind::text:
    break;
  }
  return dot_id(value.text());
}

std::string attribute_list(const DotAttributes &attributes) {
  std::string out;
  for (const auto &[key, value] : attributes)
    out += (out.empty() ? " [" : ", ") + dot_id(key) + "=" + value_text(value);
  return out.empty() ? out : out + "]";
}

void indent(std::string &out, int depth) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

} // namespace

std::string dot_id(std::string_view id) {
  if ((is_identifier(id) && !is_keyword(id)) || is_numeral(id))
    return std::string(id);
  return quote(id, false);
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\n':
      out += "<br/>";
      break;
    default:
      out += c;
    }
  }
  return out;
}

DotSubgraph &DotSubgraph::attr(const std::string &key, DotValue value) {
  auto it = std::find_if(attributes_.begin(), attributes_.end(), [&](const auto &pair) { return pair.first == key; });
  if (it != attributes_.end())
    it->second = std::move(value);
  else
    attributes_.emplace_back(key, std::move(value));
  return *this;
}

DotSubgraph &DotSubgraph::node_defaults(DotAttributes attributes) {
  statements_.emplace_back(Defaults{false, std::move(attributes)});
  return *this;
}

DotSubgraph &DotSubgraph::edge_defaults(DotAttributes attributes) {
  statements_.emplace_back(Defaults{true, std::move(attributes)});
  return *this;
}

DotSubgraph &DotSubgraph::node(std::string id, DotAttributes attributes) {
  statements_.emplace_back(Node{std::move(id), std::move(attributes)});
  return *this;
}

DotSubgraph &DotSubgraph::edge(std::string from, std::string to, DotAttributes attributes) {
  statements_.emplace_back(Edge{std::move(from), std::move(to), std::move(attributes)});
  return *this;
}

DotSubgraph &DotSubgraph::rank_same(std::vector<std::string> ids) {
  statements_.emplace_back(RankSame{std::move(ids)});
  return *this;
}

DotSubgraph &DotSubgraph::subgraph(std::string name) {
  auto &statement = statements_.emplace_back(std::make_unique<DotSubgraph>(std::move(name)));
  return *std::get<std::unique_ptr<DotSubgraph>>(statement);
}

void DotSubgraph::write_body(std::string &out, int depth, bool directed) const {
  for (const auto &[key, value] : attributes_) {
    indent(out, depth);
    out += dot_id(key) + "=" + value_text(value) + ";\n";
  }
  for (const Statement &statement : statements_) {
    indent(out, depth);
    if (const auto *defaults = std::get_if<Defaults>(&statement)) {
      out += (defaults->edges ? "edge" : "node") + attribute_list(defaults->attributes) + ";\n";
    } else if (const auto *node = std::get_if<Node>(&statement)) {
      out += dot_id(node->id) + attribute_list(node->attributes) + ";\n";
    } else if (const auto *edge = std::get_if<Edge>(&statement)) {
      out += dot_id(edge->from) + (directed ? " -> " : " -- ") + dot_id(edge->to) + attribute_list(edge->attributes) +
             ";\n";
    } else if (const auto *rank = std::get_if<RankSame>(&statement)) {
      out += "{ rank=same;";
      for (const std::string &id : rank->ids)
        out += " " + dot_id(id) + ";";
      out += " }\n";
    } else {
      const DotSubgraph &sub = *std::get<std::unique_ptr<DotSubgraph>>(statement);
      out += sub.name_.empty() ? "{\n" : "subgraph " + dot_id(sub.name_) + " {\n";
      sub.write_body(out, depth + 1, directed);
      indent(out, depth);
      out += "}\n";
    }
  }
}

std::string DotGraph::str() const {
  std::string out = kind_ == Kind::digraph ? "digraph" : "graph";
  if (!name().empty())
    out += " " + dot_id(name());
  out += " {\n";
  write_body(out, 1, kind_ == Kind::digraph);
  out += "}\n";
  return out;
}

} // namespace ipcsim
