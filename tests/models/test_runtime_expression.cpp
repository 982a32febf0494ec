// Run-time expressions: precedence, types, short-circuit, faults and exact error messages.
#include "models/runtime_expression.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

namespace {

// x and y are the process's own variables 0 and 1, g the global 0, N a param (5), value the message's.
std::optional<Operand> resolve(const std::string &name, std::string &why) {
  if (name == "x" || name == "y")
    return Operand{Operand::Kind::own, 0, name == "x" ? 0u : 1u};
  if (name == "g")
    return Operand{Operand::Kind::global, 0, 0};
  if (name == "N")
    return Operand{Operand::Kind::constant, 5, 0};
  if (name == "value")
    return Operand{Operand::Kind::value, 0, 0};
  if (name == "p.x")
    return Operand{Operand::Kind::variable, 0, 2};
  why = "unknown variable '" + name + "'";
  return std::nullopt;
}

RuntimeExpression expression(const std::string &text) {
  return RuntimeExpression::compile(text, resolve);
}

std::string error_of(const std::string &text) {
  try {
    expression(text);
  } catch (const ExpressionError &e) {
    return e.message + " @" + std::to_string(e.offset);
  }
  return "";
}

const std::int64_t own[] = {7, -3};
const std::int64_t globals[] = {10};
const std::int64_t all[] = {10, 0, 42};

ExpressionResult eval(const std::string &text, std::int64_t value = 0) {
  return expression(text).evaluate({own, globals, all, value});
}

} // namespace

TEST_CASE("runtime expressions: arithmetic, comparisons and logic follow C's precedence", "[expression][runtime]") {
  CHECK(eval("1 + 2 * 3").value == 7);
  CHECK(eval("(1 + 2) * 3").value == 9);
  CHECK(eval("x - y * 2").value == 13);
  CHECK(eval("-x % 4").value == -3); // truncating, as in C++
  CHECK(eval("N * g").value == 50);
  CHECK(eval("p.x + 1").value == 43);
  CHECK(eval("value == x", 7).value == 1);
  CHECK(eval("x > 1 && y < 0 || g == 0").value == 1);
  CHECK(eval("!(x == 7) || g != 10").value == 0);
  CHECK(eval("x >= 7 && x <= 7").value == 1);
  CHECK(expression("x + 1").type() == ExpressionType::integer);
  CHECK(expression("x + 1 > 2").type() == ExpressionType::condition);
}

TEST_CASE("runtime expressions: && and || evaluate their right side only when needed", "[expression][runtime]") {
  CHECK(eval("g == 0 && 1 / 0 == 1").fault == ArithmeticFault::none);
  CHECK(eval("g == 10 || 1 / 0 == 1").value == 1);
  CHECK(eval("g == 10 && 1 / 0 == 1").fault == ArithmeticFault::division_by_zero);
}

TEST_CASE("runtime expressions: overflow and division by zero are faults, not undefined", "[expression][runtime]") {
  CHECK(eval("9223372036854775807 + 1").fault == ArithmeticFault::overflow);
  CHECK(eval("-9223372036854775807 - 2").fault == ArithmeticFault::overflow);
  CHECK(eval("x % (g - 10)").fault == ArithmeticFault::division_by_zero);
  CHECK(eval("3000000000 * 4000000000").fault == ArithmeticFault::overflow);
}

TEST_CASE("runtime expressions: what they read", "[expression][runtime]") {
  CHECK(expression("g + x").globals() == std::vector<std::uint32_t>{0});
  CHECK(expression("x + 1").globals().empty());
  CHECK(expression("value == x").reads(Operand::Kind::value));
  CHECK(expression("N * 2 - 1").constant()->value == 9);
  CHECK(expression("1 / (N - 5)").constant()->fault == ArithmeticFault::division_by_zero);
  CHECK_FALSE(expression("x + 1").constant());
  CHECK(expression("x + 1") == expression("x+1"));
  CHECK_FALSE(expression("x + 1") == expression("y + 1"));
}

TEST_CASE("runtime expressions: every mistake has an exact message and position", "[expression][runtime]") {
  CHECK(error_of("") == "an empty expression @0");
  CHECK(error_of("x +") == "unexpected end @3");
  CHECK(error_of("(x + 1") == "missing ')' @6");
  CHECK(error_of("x $ 1") == "unexpected '$' @2");
  CHECK(error_of("x + zz") == "unknown variable 'zz' @4");
  CHECK(error_of("x && y > 1") == "'&&' takes conditions, but this is an integer (compare it: x != 0) @0");
  CHECK(error_of("!x") == "'!' takes conditions, but this is an integer (compare it: x != 0) @1");
  CHECK(error_of("x + (y == 1)") == "'+' takes integers, but this is a condition @4");
  CHECK(error_of("x < 1 < 2") == "unexpected '<' @6");
  CHECK(error_of("x & y") == "unexpected '&' @2");
  CHECK(error_of("99999999999999999999") == "the integer 99999999999999999999 is out of range (64 bits) @0");
  CHECK(error_of("p[x].y") == "expected a replica number and ']' in a qualified name such as phil[2].eating @2");
  CHECK(error_of(std::string(200, '(') + "1" + std::string(200, ')')).starts_with("nested too deeply @"));
  CHECK(error_of("(x == 1) == (y == 2)").empty()); // conditions may be compared for equality
}
