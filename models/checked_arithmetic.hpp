// 64-bit integer arithmetic that reports overflow and division by zero instead of undefined behaviour: the
// one definition behind the load-time ${...} expressions and the run-time expressions of processes.
#pragma once

#include <cstdint>
#include <limits>

namespace ipcsim {

enum class ArithmeticFault { none, overflow, division_by_zero };

inline const char *fault_name(ArithmeticFault fault) {
  return fault == ArithmeticFault::overflow ? "integer overflow" : "division by zero";
}

// lhs OP rhs for OP in + - * / % (C++ truncating division), into `out` unless it faults.
inline ArithmeticFault checked_arithmetic(char op, std::int64_t lhs, std::int64_t rhs, std::int64_t &out) {
  switch (op) {
  case '+':
    return __builtin_add_overflow(lhs, rhs, &out) ? ArithmeticFault::overflow : ArithmeticFault::none;
  case '-':
    return __builtin_sub_overflow(lhs, rhs, &out) ? ArithmeticFault::overflow : ArithmeticFault::none;
  case '*':
    return __builtin_mul_overflow(lhs, rhs, &out) ? ArithmeticFault::overflow : ArithmeticFault::none;
  default:
    break;
  }
  if (rhs == 0)
    return ArithmeticFault::division_by_zero;
  // The one quotient that does not fit: INT64_MIN / -1 (and % -1, which traps on x86 but is 0).
  if (lhs == std::numeric_limits<std::int64_t>::min() && rhs == -1) {
    out = 0;
    return op == '%' ? ArithmeticFault::none : ArithmeticFault::overflow;
  }
  out = op == '/' ? lhs / rhs : lhs % rhs;
  return ArithmeticFault::none;
}

inline ArithmeticFault checked_negation(std::int64_t value, std::int64_t &out) {
  if (value == std::numeric_limits<std::int64_t>::min())
    return ArithmeticFault::overflow;
  out = -value;
  return ArithmeticFault::none;
}

} // namespace ipcsim
