#include "models/expression.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

namespace {

const std::map<std::string, std::int64_t> params{{"N", 5}, {"K", 4}, {"BIG", 9223372036854775807}};

Evaluation eval(const std::string &source, std::optional<std::int64_t> i = {}, std::optional<std::int64_t> n = {}) {
  return evaluate_expression(source, ExpressionScope{&params, i, n});
}

} // namespace

TEST_CASE("expression: arithmetic follows precedence, parentheses and C++ integer division", "[expression]") {
  struct Case {
    const char *source;
    std::int64_t value;
  };
  auto c = GENERATE(values<Case>({{"1", 1},
                                  {"N", 5},
                                  {"N+K", 9},
                                  {"N-K*2", -3},
                                  {"(N-K)*2", 2},
                                  {"7/2", 3},
                                  {"-7/2", -3},
                                  {"7%3", 1},
                                  {"-7%3", -1},
                                  {"--3", 3},
                                  {"-(N+1)", -6},
                                  {" N * ( K + 1 ) ", 25},
                                  {"2*3%4", 2},
                                  {"BIG", 9223372036854775807},
                                  {"-BIG-1", INT64_MIN},
                                  {"(((((1)))))", 1},
                                  {"N%K+N/K", 2}}));
  CAPTURE(c.source);
  Evaluation result = eval(c.source);
  CHECK(result.error == "");
  CHECK(result.value == c.value);
}

TEST_CASE("expression: i and n exist only inside a replicated item", "[expression]") {
  CHECK(eval("(i+1)%n", 4, 5).value == 0);
  CHECK(eval("i*N", 2, 3).value == 10);
  CHECK(eval("i+1").error == "unknown name 'i' in '${i+1}' (i and n exist only inside an item with 'count')");
  CHECK(eval("n").error == "unknown name 'n' in '${n}' (i and n exist only inside an item with 'count')");
}

TEST_CASE("expression: every failure has an exact message", "[expression]") {
  struct Case {
    const char *source;
    const char *error;
  };
  auto c = GENERATE(values<Case>({
      {"N/0", "division by zero in '${N/0}'"},
      {"N%(K-4)", "modulo by zero in '${N%(K-4)}'"},
      {"BIG+1", "integer overflow in '${BIG+1}'"},
      {"-BIG-2", "integer overflow in '${-BIG-2}'"},
      {"BIG*2", "integer overflow in '${BIG*2}'"},
      {"(-BIG-1)/-1", "integer overflow in '${(-BIG-1)/-1}'"},
      {"-(-BIG-1)", "integer overflow in '${-(-BIG-1)}'"},
      {"99999999999999999999", "integer overflow in '${99999999999999999999}'"},
      {"M+1", "unknown name 'M' in '${M+1}'"},
      {"Nn", "unknown name 'Nn' in '${Nn}'; did you mean 'N'?"},
      {"BGI", "unknown name 'BGI' in '${BGI}'; did you mean 'BIG'?"},
      {"", "invalid expression '${}': empty"},
      {"N+", "invalid expression '${N+}': unexpected end"},
      {"(N", "invalid expression '${(N}': missing ')'"},
      {"N)", "invalid expression '${N)}': unexpected ')'"},
      {"N $", "invalid expression '${N $}': unexpected '$'"},
      {"2 3", "invalid expression '${2 3}': unexpected '3'"},
      {"N**2", "invalid expression '${N**2}': unexpected '*'"},
  }));
  CAPTURE(c.source);
  CHECK(eval(c.source).error == c.error);
}

TEST_CASE("expression: deep nesting is an error, not a stack overflow", "[expression]") {
  std::string deep = std::string(10000, '(') + "1" + std::string(10000, ')');
  CHECK(eval(deep).error.find("nested too deeply") != std::string::npos);
  CHECK(eval(std::string(10000, '-') + "1").error.find("nested too deeply") != std::string::npos);
}

TEST_CASE("expression: (INT64_MIN) % -1 is 0, without the hardware trap", "[expression]") {
  CHECK(eval("(-BIG-1)%-1").value == 0);
  CHECK(eval("(-BIG-1)%-1").error == "");
}

TEST_CASE("expression: expansion replaces each ${...} inside a scalar", "[expression]") {
  ExpressionScope scope{&params, 4, 5};
  CHECK(expand_expressions("fork[${(i+1)%n}]", scope).text == "fork[0]");
  CHECK(expand_expressions("${N}${K}", scope).text == "54");
  CHECK(expand_expressions("${N}us", scope).text == "5us");
  CHECK(expand_expressions("no expression $ here {}", scope).text == "no expression $ here {}");
  CHECK(expand_expressions("a${N", scope).error == "unterminated '${' in 'a${N'");
  CHECK(expand_expressions("x${N/0}y", scope).error == "division by zero in '${N/0}'");
  CHECK(has_expression("a${b}"));
  CHECK_FALSE(has_expression("a$b{}"));
}
