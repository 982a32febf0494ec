#include "models/expression.hpp"

#include "models/checked_arithmetic.hpp"
#include "models/loader_suggest.hpp"

#include <charconv>
#include <limits>
#include <vector>

namespace ipcsim {

namespace {

// Parentheses deeper than this are certainly not a real scenario, and recursion must stay bounded.
constexpr int max_depth = 100;

struct Failure {
  std::string message;
};

// Recursive descent over
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/' | '%') unary)*
//   unary   := '-' unary | primary
//   primary := INTEGER | NAME | '(' sum ')'
// A failure is thrown as Failure and caught by evaluate_expression: the parser is small and a failure ends it.
// A value under evaluation; `known` is false when it depends on i or n of an item read without replicas.
struct Term {
  std::int64_t value = 0;
  bool known = true;
};

class Parser {
public:
  Parser(std::string_view source, const ExpressionScope &scope) : source_(source), scope_(scope) {}

  Term parse() {
    skip_spaces();
    if (at_end())
      fail_syntax("empty");
    Term value = sum();
    if (!at_end())
      fail_syntax("unexpected " + quoted(std::string(1, peek())));
    return value;
  }

private:
  Term sum() {
    Term value = product();
    while (!at_end() && (peek() == '+' || peek() == '-')) {
      char op = take();
      value = apply(op, value, product());
    }
    return value;
  }

  Term product() {
    Term value = unary();
    while (!at_end() && (peek() == '*' || peek() == '/' || peek() == '%')) {
      char op = take();
      value = apply(op, value, unary());
    }
    return value;
  }

  // An unknown operand makes the result unknown, and no failure can be told from it.
  Term apply(char op, Term lhs, Term rhs) {
    if (!lhs.known || !rhs.known)
      return {0, false};
    return {arithmetic(op, lhs.value, rhs.value), true};
  }

  std::int64_t arithmetic(char op, std::int64_t lhs, std::int64_t rhs) {
    std::int64_t result = 0;
    switch (checked_arithmetic(op, lhs, rhs, result)) {
    case ArithmeticFault::overflow:
      fail_overflow();
    case ArithmeticFault::division_by_zero:
      fail(std::string(op == '/' ? "division" : "modulo") + " by zero in " + whole());
    case ArithmeticFault::none:
      break;
    }
    return result;
  }


  Term unary() {
    Depth guard(*this);
    if (!at_end() && peek() == '-') {
      take();
      Term value = unary();
      if (value.known && value.value == std::numeric_limits<std::int64_t>::min())
        fail_overflow();
      return {value.known ? -value.value : 0, value.known};
    }
    return primary();
  }

  Term primary() {
    if (at_end())
      fail_syntax("unexpected end");
    char c = peek();
    if (c == '(') {
      take();
      Term value = sum();
      if (at_end() || peek() != ')')
        fail_syntax("missing ')'");
      take();
      return value;
    }
    if (is_ascii_digit(c))
      return {number(), true};
    if (is_ascii_alpha(c) || c == '_')
      return name();
    fail_syntax("unexpected " + quoted(std::string(1, c)));
  }

  std::int64_t number() {
    std::size_t start = pos_;
    while (pos_ < source_.size() && is_ascii_digit(source_[pos_]))
      ++pos_;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(source_.data() + start, source_.data() + pos_, value);
    if (ec != std::errc())
      fail_overflow();
    skip_spaces();
    return value;
  }

  Term name() {
    std::size_t start = pos_;
    while (pos_ < source_.size() && (is_ascii_alnum(source_[pos_]) || source_[pos_] == '_'))
      ++pos_;
    std::string id(source_.substr(start, pos_ - start));
    skip_spaces();
    bool replica_name = id == "i" || id == "n";
    if (replica_name && scope_.unknown_replica)
      return {0, false};
    if (replica_name && scope_.index)
      return {id == "i" ? *scope_.index : *scope_.count, true};
    if (scope_.params) {
      auto it = scope_.params->find(id);
      if (it != scope_.params->end())
        return {it->second, true};
    }
    fail_unknown(id);
  }

  [[noreturn]] void fail_unknown(const std::string &id) {
    std::vector<std::string> known;
    if (scope_.params)
      for (const auto &[param, value] : *scope_.params)
        known.push_back(param);
    if (scope_.index) {
      known.push_back("i");
      known.push_back("n");
    }
    std::string message = "unknown name " + quoted(id) + " in " + whole();
    if ((id == "i" || id == "n") && !scope_.index)
      fail(message + " (i and n exist only inside an item with 'count')");
    fail(message + did_you_mean(id, known));
  }

  // Counts nesting of unary minus and parentheses (both recurse through unary()).
  struct Depth {
    explicit Depth(Parser &p) : parser(p) {
      if (++parser.depth_ > max_depth)
        parser.fail_syntax("nested too deeply");
    }
    ~Depth() { --parser.depth_; }
    Parser &parser;
  };

  [[noreturn]] void fail(std::string message) { throw Failure{std::move(message)}; }
  [[noreturn]] void fail_syntax(const std::string &what) { fail("invalid expression " + whole() + ": " + what); }
  [[noreturn]] void fail_overflow() { fail("integer overflow in " + whole()); }
  std::string whole() const { return quoted("${" + std::string(source_) + "}"); }

  bool at_end() const { return pos_ >= source_.size(); }
  char peek() const { return source_[pos_]; }
  char take() {
    char c = source_[pos_++];
    skip_spaces();
    return c;
  }
  void skip_spaces() {
    while (pos_ < source_.size() && (source_[pos_] == ' ' || source_[pos_] == '\t'))
      ++pos_;
  }

  std::string_view source_;
  const ExpressionScope &scope_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

} // namespace

Evaluation evaluate_expression(std::string_view source, const ExpressionScope &scope) {
  try {
    Parser parser(source, scope);
    Term value = parser.parse();
    return {value.value, "", value.known};
  } catch (const Failure &failure) {
    return {0, failure.message, true};
  }
}

bool has_expression(std::string_view scalar) {
  return scalar.find("${") != std::string_view::npos;
}

Expansion expand_expressions(std::string_view scalar, const ExpressionScope &scope) {
  Expansion out;
  std::size_t pos = 0;
  while (true) {
    std::size_t open = scalar.find("${", pos);
    if (open == std::string_view::npos)
      break;
    std::size_t close = scalar.find('}', open + 2);
    if (close == std::string_view::npos)
      return {"", "unterminated '${' in " + quoted(scalar)};
    Evaluation value = evaluate_expression(scalar.substr(open + 2, close - open - 2), scope);
    if (!value.error.empty())
      return {"", value.error};
    out.known = out.known && value.known; // the later expressions are still checked
    out.text.append(scalar.substr(pos, open - pos));
    out.text += std::to_string(value.value);
    pos = close + 1;
  }
  out.text.append(scalar.substr(pos));
  return out;
}

} // namespace ipcsim
