// Variables, run-time expressions and invariants (SCENARIO_FORMAT.md, "Variables and values"): what the
// loader reads of them. Expressions stay text here; compile() parses, types and resolves them, with the
// position that this reader records.
#include "models/loader_parts.hpp"

#include "models/loader_suggest.hpp"
#include "models/loader_text.hpp"

#include <limits>

namespace ipcsim::loader {

namespace {

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// `range: [LOW, HIGH]`, into the variable.
void read_range(Reader &reader, const Value &value, VariableSpec &variable) {
  auto bounds = reader.sequence(value, "a range [LOW, HIGH]");
  if (!bounds)
    return;
  if (bounds->size() != 2) {
    reader.error(value.origin, "range: expected two integers [LOW, HIGH], got " + std::to_string(bounds->size()));
    return;
  }
  std::optional<std::int64_t> low = reader.integer((*bounds)[0], int64_min, int64_max, "an integer");
  std::optional<std::int64_t> high = reader.integer((*bounds)[1], int64_min, int64_max, "an integer");
  if (low && high) {
    variable.min = *low;
    variable.max = *high;
  }
}

std::optional<VariableSpec> read_variable(Reader &reader, const Value &key, const Value &value) {
  VariableSpec variable;
  variable.mark = key.origin.mark;
  std::optional<std::string> name =
      reader.identifier(key, "a variable name (a letter or '_', then letters, digits or '_')");
  if (!name)
    return std::nullopt;
  variable.name = *name;
  if (!value.node.IsMap()) {
    std::optional<std::int64_t> initial = reader.integer(value, int64_min, int64_max, "an integer");
    variable.initial = initial.value_or(0);
    return initial ? std::optional(variable) : std::nullopt;
  }
  Fields fields(reader, value, "variable " + *name, {"initial", "range"});
  if (auto initial = fields.get("initial"))
    variable.initial = reader.integer(*initial, int64_min, int64_max, "an integer").value_or(0);
  if (auto range = fields.get("range"))
    read_range(reader, *range, variable);
  return variable;
}

} // namespace

std::vector<VariableSpec> read_variables(Reader &reader, const Value &value) {
  std::vector<VariableSpec> out;
  if (!value.node.IsMap()) {
    reader.type_error(value, "a mapping of variables, such as {count: 0, tries: {initial: 0, range: [0, 3]}}");
    return out;
  }
  for (const auto &pair : value.node) {
    Value key = reader.child(pair.first, "variables", value.origin);
    if (!pair.first.IsScalar()) {
      reader.type_error(key, "a variable name");
      continue;
    }
    Value item = reader.child(pair.second, pair.first.Scalar(), value.origin);
    std::optional<VariableSpec> variable = read_variable(reader, key, item);
    if (!variable)
      continue;
    for (const VariableSpec &earlier : out)
      if (earlier.name == variable->name)
        reader.error(key.origin, "duplicate variable " + quoted(variable->name) + " (first at line " +
                                     std::to_string(earlier.mark.line) + ")");
    out.push_back(std::move(*variable));
  }
  return out;
}

// A run-time expression: a scalar, with ${...} expanded. Its mark is its first character's (past a quote).
std::optional<ExpressionText> read_expression(Reader &reader, const Value &value, std::string_view expected) {
  std::optional<std::string> text = reader.scalar(value, expected);
  if (!text)
    return std::nullopt;
  ExpressionText e{*text, value.origin.mark, true};
  bool quoted_scalar = value.node.Tag() == "!";
  if (quoted_scalar)
    ++e.mark.column;
  e.columns = *text == value.node.Scalar();
  return e;
}

std::vector<ExpressionText> read_invariants(Reader &reader, const Value &value) {
  std::vector<ExpressionText> out;
  auto items = reader.sequence(value, "a list of conditions, such as [\"in_cs <= 1\"]");
  if (!items)
    return out;
  for (const Value &item : *items)
    if (auto condition = read_expression(reader, item, "a condition, such as \"in_cs <= 1\""))
      out.push_back(std::move(*condition));
  return out;
}

} // namespace ipcsim::loader
