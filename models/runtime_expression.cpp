#include "models/runtime_expression.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>
#include <charconv>

namespace ipcsim {

namespace {

constexpr int max_depth = 100; // nesting of parentheses and unary operators: recursion stays bounded

} // namespace

// Recursive descent, loosest first:
//   disjunction := conjunction ('||' conjunction)*
//   conjunction := comparison ('&&' comparison)*
//   comparison  := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
//   sum         := product (('+' | '-') product)*
//   product     := unary (('*' | '/' | '%') unary)*
//   unary       := ('-' | '!') unary | primary
//   primary     := INTEGER | NAME | '(' disjunction ')'
// NAME is an identifier, optionally qualified as in invariants: "client.waiting", "phil[2].eating".
class RuntimeExpressionParser {
public:
  using Node = RuntimeExpression::Node;

  RuntimeExpressionParser(std::string_view text, const NameResolver &resolve) : text_(text), resolve_(resolve) {}

  RuntimeExpression parse() {
    skip_spaces();
    if (at_end())
      fail("an empty expression", 0);
    Typed root = disjunction();
    if (!at_end())
      fail("unexpected '" + std::string(1, peek()) + "'", pos_);
    out_.type_ = root.type;
    out_.text_ = std::string(text_);
    return std::move(out_);
  }

private:
  struct Typed {
    std::uint32_t node;
    ExpressionType type;
    std::size_t offset; // where its text starts, for messages
  };

  Typed disjunction() {
    Typed left = conjunction();
    while (take("||"))
      left = logical(Node::Op::disj, "||", left, conjunction());
    return left;
  }

  Typed conjunction() {
    Typed left = comparison();
    while (take("&&"))
      left = logical(Node::Op::conj, "&&", left, comparison());
    return left;
  }

  Typed comparison() {
    Typed left = sum();
    static constexpr std::pair<const char *, Node::Op> ops[] = {{"==", Node::Op::eq}, {"!=", Node::Op::ne},
                                                                {"<=", Node::Op::le}, {">=", Node::Op::ge},
                                                                {"<", Node::Op::lt},  {">", Node::Op::gt}};
    for (const auto &[symbol, op] : ops) {
      if (!take(symbol))
        continue;
      Typed right = sum();
      bool equality = op == Node::Op::eq || op == Node::Op::ne;
      if (!(equality && left.type == right.type)) {
        expect(left, ExpressionType::integer, symbol);
        expect(right, ExpressionType::integer, symbol);
      }
      return {add({op, left.node, right.node, {}}), ExpressionType::condition, left.offset};
    }
    return left;
  }

  Typed sum() {
    Typed left = product();
    for (;;) {
      if (take("+"))
        left = arithmetic(Node::Op::add, "+", left, product());
      else if (take("-"))
        left = arithmetic(Node::Op::sub, "-", left, product());
      else
        return left;
    }
  }

  Typed product() {
    Typed left = unary();
    for (;;) {
      if (take("*"))
        left = arithmetic(Node::Op::mul, "*", left, unary());
      else if (take("/"))
        left = arithmetic(Node::Op::div, "/", left, unary());
      else if (take("%"))
        left = arithmetic(Node::Op::mod, "%", left, unary());
      else
        return left;
    }
  }

  Typed unary() {
    Depth guard(*this);
    std::size_t at = pos_;
    if (peek_is("!") && !peek_is("!=")) {
      take("!");
      Typed operand = unary();
      expect(operand, ExpressionType::condition, "!");
      return {add({Node::Op::negation, operand.node, 0, {}}), ExpressionType::condition, at};
    }
    if (take("-")) {
      Typed operand = unary();
      expect(operand, ExpressionType::integer, "-");
      return {add({Node::Op::negate, operand.node, 0, {}}), ExpressionType::integer, at};
    }
    return primary();
  }

  Typed primary() {
    if (at_end())
      fail("unexpected end", pos_);
    std::size_t at = pos_;
    char c = peek();
    if (c == '(') {
      Depth guard(*this);
      take("(");
      Typed inner = disjunction();
      if (!take(")"))
        fail("missing ')'", pos_);
      inner.offset = at;
      return inner;
    }
    if (is_ascii_digit(c))
      return number();
    if (is_ascii_alpha(c) || c == '_')
      return name();
    fail("unexpected '" + std::string(1, c) + "'", at);
  }

  Typed number() {
    std::size_t start = pos_;
    while (!at_end() && is_ascii_digit(peek()))
      ++pos_;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (ec != std::errc())
      fail("the integer " + std::string(text_.substr(start, pos_ - start)) + " is out of range (64 bits)", start);
    skip_spaces();
    return {add({Node::Op::operand, 0, 0, {Operand::Kind::constant, value, 0}}), ExpressionType::integer, start};
  }

  Typed name() {
    std::size_t start = pos_;
    identifier();
    // A qualified name: proc.var or proc[k].var.
    if (!at_end() && peek() == '[') {
      ++pos_;
      while (!at_end() && is_ascii_digit(peek()))
        ++pos_;
      if (at_end() || peek() != ']')
        fail("expected a replica number and ']' in a qualified name such as phil[2].eating", pos_);
      ++pos_;
      if (at_end() || peek() != '.')
        fail("expected '.' and a variable after '" + std::string(text_.substr(start, pos_ - start)) + "'", pos_);
    }
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (at_end() || !(is_ascii_alpha(peek()) || peek() == '_'))
        fail("expected a variable name after '.'", pos_);
      identifier();
    }
    std::string id(text_.substr(start, pos_ - start));
    skip_spaces();
    std::string why;
    std::optional<Operand> operand = resolve_(id, why);
    if (!operand)
      fail(why, start);
    return {add({Node::Op::operand, 0, 0, *operand}), ExpressionType::integer, start};
  }

  void identifier() {
    while (!at_end() && (is_ascii_alnum(peek()) || peek() == '_'))
      ++pos_;
  }

  Typed arithmetic(Node::Op op, const char *symbol, Typed left, Typed right) {
    expect(left, ExpressionType::integer, symbol);
    expect(right, ExpressionType::integer, symbol);
    return {add({op, left.node, right.node, {}}), ExpressionType::integer, left.offset};
  }

  Typed logical(Node::Op op, const char *symbol, Typed left, Typed right) {
    expect(left, ExpressionType::condition, symbol);
    expect(right, ExpressionType::condition, symbol);
    return {add({op, left.node, right.node, {}}), ExpressionType::condition, left.offset};
  }

  void expect(const Typed &operand, ExpressionType type, const char *symbol) {
    if (operand.type == type)
      return;
    if (type == ExpressionType::condition)
      fail(std::string("'") + symbol + "' takes conditions, but this is an integer (compare it: x != 0)",
           operand.offset);
    fail(std::string("'") + symbol + "' takes integers, but this is a condition", operand.offset);
  }

  std::uint32_t add(Node node) {
    out_.nodes_.push_back(node);
    return static_cast<std::uint32_t>(out_.nodes_.size() - 1);
  }

  struct Depth {
    explicit Depth(RuntimeExpressionParser &p) : parser(p) {
      if (++parser.depth_ > max_depth)
        parser.fail("nested too deeply", parser.pos_);
    }
    ~Depth() { --parser.depth_; }
    RuntimeExpressionParser &parser;
  };

  [[noreturn]] void fail(std::string message, std::size_t offset) { throw ExpressionError{std::move(message), offset}; }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  bool peek_is(std::string_view symbol) const { return text_.substr(pos_, symbol.size()) == symbol; }
  // Takes `symbol` if it comes next; a one-character operator is not the start of a two-character one.
  bool take(std::string_view symbol) {
    if (!peek_is(symbol))
      return false;
    if (symbol.size() == 1 && pos_ + 1 < text_.size()) {
      std::string_view two = text_.substr(pos_, 2);
      if ((symbol == "<" || symbol == ">" || symbol == "!") && two[1] == '=')
        return false;
      if ((symbol == "&" || symbol == "|") && two[1] == symbol[0])
        return false;
    }
    pos_ += symbol.size();
    skip_spaces();
    return true;
  }
  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t'))
      ++pos_;
  }

  std::string_view text_;
  const NameResolver &resolve_;
  RuntimeExpression out_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

RuntimeExpression RuntimeExpression::compile(std::string_view text, const NameResolver &resolve) {
  return RuntimeExpressionParser(text, resolve).parse();
}

ExpressionResult RuntimeExpression::evaluate(const ExpressionInputs &inputs) const {
  return evaluate(static_cast<std::uint32_t>(nodes_.size() - 1), inputs);
}

ExpressionResult RuntimeExpression::evaluate(std::uint32_t at, const ExpressionInputs &in) const {
  const Node &node = nodes_[at];
  if (node.op == Node::Op::operand) {
    const Operand &o = node.operand;
    switch (o.kind) {
    case Operand::Kind::constant:
      return {o.constant};
    case Operand::Kind::own:
      return {in.own[o.slot]};
    case Operand::Kind::global:
      return {in.globals[o.slot]};
    case Operand::Kind::variable:
      return {in.all[o.slot]};
    case Operand::Kind::value:
      return {in.value};
    }
  }
  ExpressionResult left = evaluate(node.left, in);
  if (left.fault != ArithmeticFault::none)
    return left;
  switch (node.op) {
  case Node::Op::negate: {
    ExpressionResult out;
    out.fault = checked_negation(left.value, out.value);
    return out;
  }
  case Node::Op::negation:
    return {left.value == 0 ? 1 : 0};
  case Node::Op::conj:
    return left.value == 0 ? ExpressionResult{0} : evaluate(node.right, in);
  case Node::Op::disj:
    return left.value != 0 ? ExpressionResult{1} : evaluate(node.right, in);
  default:
    break;
  }
  ExpressionResult right = evaluate(node.right, in);
  if (right.fault != ArithmeticFault::none)
    return right;
  std::int64_t a = left.value, b = right.value;
  switch (node.op) {
  case Node::Op::eq:
    return {a == b};
  case Node::Op::ne:
    return {a != b};
  case Node::Op::lt:
    return {a < b};
  case Node::Op::le:
    return {a <= b};
  case Node::Op::gt:
    return {a > b};
  case Node::Op::ge:
    return {a >= b};
  default:
    break;
  }
  static constexpr char symbols[] = {'+', '-', '*', '/', '%'};
  ExpressionResult out;
  out.fault = checked_arithmetic(symbols[static_cast<int>(node.op) - static_cast<int>(Node::Op::add)], a, b, out.value);
  return out;
}

std::vector<std::uint32_t> RuntimeExpression::slots(Operand::Kind kind) const {
  std::vector<std::uint32_t> out;
  for (const Node &node : nodes_)
    if (node.op == Node::Op::operand && node.operand.kind == kind)
      out.push_back(node.operand.slot);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> RuntimeExpression::globals() const {
  return slots(Operand::Kind::global);
}

std::vector<std::uint32_t> RuntimeExpression::variables() const {
  return slots(Operand::Kind::variable);
}

bool RuntimeExpression::reads(Operand::Kind kind) const {
  return std::any_of(nodes_.begin(), nodes_.end(),
                     [&](const Node &node) { return node.op == Node::Op::operand && node.operand.kind == kind; });
}

std::optional<ExpressionResult> RuntimeExpression::constant() const {
  bool fixed = std::all_of(nodes_.begin(), nodes_.end(), [](const Node &node) {
    return node.op != Node::Op::operand || node.operand.kind == Operand::Kind::constant;
  });
  if (!fixed || nodes_.empty())
    return std::nullopt;
  return evaluate({});
}

} // namespace ipcsim
