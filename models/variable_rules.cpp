// The rules of variables (SCENARIO_FORMAT.md, "Variables and values"): `set`, the tests of `if` and `while`,
// `assert`, a message's value and `into`, `when`, the index of a run-time name, and the faults of run-time expressions, which are invalid
// operations of the process that evaluates them.
#include "models/firing.hpp"
#include "models/indexed_name.hpp"

#include <fmt/format.h>

namespace ipcsim {

namespace {

// Silent internal steps in a row without a visible one: more means a `while` on local variables that never
// ends, which would otherwise hang settle().
constexpr std::uint32_t max_silent_run = 1'000'000;

std::string fault_text(ArithmeticFault fault, const RuntimeExpression &e) {
  return fmt::format("{} in '{}'", fault_name(fault), e.text());
}

} // namespace

ExpressionInputs Semantics::Firing::inputs(ProcId p, std::int64_t value) const {
  const Process &process = model_.processes[p];
  std::span<const std::int64_t> all(state_.vars);
  return {all.subspan(process.var_base, process.variables.size()), all.first(model_.globals.size()), all, value};
}

bool Semantics::Firing::evaluate(ProcId p, const Instruction &i, const RuntimeExpression &e, std::int64_t value,
                                 std::int64_t &out) {
  ExpressionResult r = e.evaluate(inputs(p, value));
  if (r.fault != ArithmeticFault::none) {
    fail(p, i, fault_text(r.fault, e));
    return false;
  }
  out = r.value;
  return true;
}

std::uint32_t Semantics::Firing::slot_of(ProcId p, VariableRef v) const {
  return v.global ? v.slot : model_.processes[p].var_base + v.slot;
}

const Variable &Semantics::Firing::variable(ProcId p, VariableRef v) const {
  return v.global ? model_.globals[v.slot] : model_.processes[p].variables[v.slot];
}

bool Semantics::Firing::store(ProcId p, const Instruction &i, VariableRef v, std::int64_t value) {
  const Variable &declared = variable(p, v);
  if (value < declared.min || value > declared.max) {
    fail(p, i, fmt::format("{} = {} is outside its range [{}, {}]", declared.name, value, declared.min, declared.max));
    return false;
  }
  std::uint32_t slot = slot_of(p, v);
  state_.vars[slot] = value;
  events_.push_back({.kind = EventKind::set, .proc = p, .variable = slot, .value = value, .mark = i.mark});
  return true;
}

// Runs one internal step (assign, test, check) and moves p's pc past it. False when p failed.
bool Semantics::Firing::internal(ProcId p, const Instruction &i) {
  std::uint32_t &pc = state_.procs[p].pc;
  std::int64_t result = 0;
  switch (i.op) {
  case OpCode::assign: {
    std::vector<std::int64_t> values(i.stores.size()); // every right side before any store
    for (std::size_t k = 0; k < i.stores.size(); ++k)
      if (!evaluate(p, i, i.stores[k].value, 0, values[k]))
        return false;
    for (std::size_t k = 0; k < i.stores.size(); ++k)
      if (!store(p, i, i.stores[k].target, values[k]))
        return false;
    ++pc;
    return true;
  }
  case OpCode::test:
    if (!evaluate(p, i, i.expression, 0, result))
      return false;
    pc = result != 0 ? pc + 1 : i.target;
    return true;
  case OpCode::check:
    if (!evaluate(p, i, i.expression, 0, result))
      return false;
    if (result == 0)
      events_.push_back({.kind = EventKind::assert_failed, .proc = p, .mark = i.mark, .detail = i.expression.text()});
    ++pc;
    return true;
  case OpCode::route: {
    if (!evaluate(p, i, i.expression, 0, result))
      return false;
    auto k = static_cast<std::size_t>(result);
    if (result < 0 || k >= i.branches.size()) {
      fail(p, i, index_outside(i.family, i.expression.text(), result, i.branches.size()));
      return false;
    }
    if (i.branches[k] == kNone) {
      fail(p, i, index_is_self(i.family, i.expression.text(), result));
      return false;
    }
    pc = i.branches[k];
    return true;
  }
  default:
    return true;
  }
}

// Runs p's silent internal steps from its pc; false when p failed or ran away.
bool Semantics::Firing::run_silent(ProcId p, const Instruction &i, std::uint32_t &run) {
  if (++run > max_silent_run) {
    fail(p, i,
         fmt::format("{} internal steps without a visible one: a 'while' that never ends (line {})", max_silent_run,
                     i.mark.line));
    return false;
  }
  return internal(p, i);
}

// A receive takes a message whose tag it wants and whose value satisfies its `when` (read with the
// receiver's own variables). A `when` that faults (a division by zero, say) does not match: the receive
// cannot take that message.
bool Semantics::Firing::wants(ProcId receiver, const Instruction &receive, const Message &m) const {
  if (!tag_matches(receive.tag, m.tag))
    return false;
  if (receive.expression.empty())
    return true;
  ExpressionResult r = receive.expression.evaluate(inputs(receiver, m.value));
  return r.fault == ArithmeticFault::none && r.value != 0;
}

// The value of a message that p's send carries; false when evaluating it failed p.
bool Semantics::Firing::message_value(ProcId p, const Instruction &i, std::int64_t &value) {
  value = 0;
  return i.expression.empty() || evaluate(p, i, i.expression, 0, value);
}

// A received message's value goes `into` the receiver's variable; false when it is out of range (p failed).
bool Semantics::Firing::deliver_value(ProcId p, const Instruction &i, const Message &m) {
  return i.into.slot == kNone || store(p, i, i.into, m.value);
}

} // namespace ipcsim
