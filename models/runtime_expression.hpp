// Run-time expressions (SCENARIO_FORMAT.md, "Variables and values"): the conditions of `if`, `while`,
// `assert`, `when` and the invariants, and the integers of `set`, `value` and run-time indexes. Parsed and
// typed once, when the scenario is compiled, with every name resolved to what it stands for (a constant, a
// variable of the process, a global, another process's variable, the message's value); evaluated by the
// semantics at every step that reaches one. Two types: integers and conditions. Arithmetic takes integers,
// `&&`, `||` and `!` take conditions, comparisons turn integers into conditions: `if: "x"` is a type error
// (write "x != 0"), as is "a < b + (c == d)". `&&` and `||` evaluate their right side only when needed, so
// "k != 0 && n / k > 2" never divides by zero.
#pragma once

#include "models/checked_arithmetic.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

enum class ExpressionType : std::uint8_t { integer, condition };

// What a name stands for, as the scope that compiles the expression resolves it.
struct Operand {
  enum class Kind : std::uint8_t { constant, own, global, variable, value };
  Kind kind = Kind::constant;
  std::int64_t constant = 0; // constant: params, i, n
  std::uint32_t slot = 0;    // own: the process's k-th variable; global: the k-th global; variable: State::vars index
  bool operator==(const Operand &) const = default;
};

// Resolves a name ("seq", "client.waiting", "phil[2].eating") to an operand, or leaves in `why` the whole
// message of why it cannot ("unknown variable 'x'; did you mean 'y'?").
using NameResolver = std::function<std::optional<Operand>(const std::string &name, std::string &why)>;

// The values an evaluation reads: the process's own variables, the globals, all variables (State::vars, for
// `proc.var` in invariants) and the value of the message a `when` judges.
struct ExpressionInputs {
  std::span<const std::int64_t> own;
  std::span<const std::int64_t> globals;
  std::span<const std::int64_t> all;
  std::int64_t value = 0;
};

struct ExpressionResult {
  std::int64_t value = 0; // a condition is 0 or 1
  ArithmeticFault fault = ArithmeticFault::none;
};

// A parse or type error: the message and where in the text it starts (0-based), for FILE:LINE:COLUMN.
struct ExpressionError {
  std::string message;
  std::size_t offset = 0;
};

class RuntimeExpression {
public:
  RuntimeExpression() = default;

  // Parses `text` with names resolved by `resolve`; ExpressionError if it is malformed or mistyped.
  static RuntimeExpression compile(std::string_view text, const NameResolver &resolve);

  ExpressionResult evaluate(const ExpressionInputs &inputs) const;
  bool holds(const ExpressionInputs &inputs) const { return evaluate(inputs).value != 0; } // a condition's truth

  ExpressionType type() const { return type_; }
  const std::string &text() const { return text_; }
  bool empty() const { return nodes_.empty(); }
  // The globals it reads, sorted: what makes a step that evaluates it dependent on other processes.
  std::vector<std::uint32_t> globals() const;
  // The State::vars indices it reads as `proc.var` or a global of an invariant (Operand::Kind::variable).
  std::vector<std::uint32_t> variables() const;
  bool reads(Operand::Kind kind) const;
  // A constant expression's value or fault (no variable, no `value`): what compiling can judge already.
  std::optional<ExpressionResult> constant() const;

  // Equal structure and operands: two replicas' expressions are interchangeable when equal.
  bool operator==(const RuntimeExpression &other) const { return nodes_ == other.nodes_; }

private:
  friend class RuntimeExpressionParser;
  struct Node {
    enum class Op : std::uint8_t {
      operand,
      negate,
      negation,
      add,
      sub,
      mul,
      div,
      mod,
      eq,
      ne,
      lt,
      le,
      gt,
      ge,
      conj,
      disj
    };
    Op op = Op::operand;
    std::uint32_t left = 0, right = 0; // children, by index in nodes_
    Operand operand;
    bool operator==(const Node &) const = default;
  };
  ExpressionResult evaluate(std::uint32_t node, const ExpressionInputs &inputs) const;
  std::vector<std::uint32_t> slots(Operand::Kind kind) const;

  std::vector<Node> nodes_; // children before parents; the root last
  ExpressionType type_ = ExpressionType::integer;
  std::string text_;
};

} // namespace ipcsim
