// ${EXPR} inside scenario scalars: 64-bit integer arithmetic (+ - * / %, parentheses, unary minus) over the
// scenario's params and, inside a replicated item, `i` (the replica's index) and `n` (the item's count).
// Every operation is checked: overflow and division by zero are errors, never undefined behaviour.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ipcsim {

struct ExpressionScope {
  const std::map<std::string, std::int64_t> *params = nullptr;
  std::optional<std::int64_t> index; // i: set only inside an item with `count`
  std::optional<std::int64_t> count; // n
  // An item with `count` read once without its replicas (count 0): i and n exist but have no value, so what
  // depends on them is unknown, and only the syntax of its expression can be checked.
  bool unknown_replica = false;
};

// An integer, or the complete message saying why there is none ("division by zero in '${N/0}'"), or neither
// when the value depends on i or n of an item read without replicas (`known` false).
struct Evaluation {
  std::int64_t value = 0;
  std::string error;
  bool known = true;
};

// Evaluates the text between `${` and `}`.
Evaluation evaluate_expression(std::string_view source, const ExpressionScope &scope);

// A scalar with every ${...} replaced by its decimal value, or the message of the first failure; `known` is
// false (and `text` meaningless) when a value is unknown.
struct Expansion {
  std::string text;
  std::string error;
  bool known = true;
};

Expansion expand_expressions(std::string_view scalar, const ExpressionScope &scope);

bool has_expression(std::string_view scalar);

} // namespace ipcsim
