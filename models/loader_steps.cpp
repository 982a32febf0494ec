// The `do` lists of processes: one step per list item, each a one-key mapping (SCENARIO_FORMAT.md,
// Processes), except `repeat`, which takes `do` beside it.
#include "models/loader_parts.hpp"

#include "models/indexed_name.hpp"
#include "models/loader_suggest.hpp"

namespace ipcsim::loader {

namespace {

using StepOp = std::optional<Step::Op>;

void use(Reader &reader, NameUse::Kind kind, const char *key, const std::string &name, const Value &value,
         std::uint64_t size = 0) {
  reader.use(kind, key, name, value.origin, size);
}

// A name the step refers to: recorded for check_names.
std::optional<std::string> named(Reader &reader, const Value &value, NameUse::Kind kind, const char *key,
                                 std::string_view expected) {
  std::optional<std::string> name = reader.reference(value, expected);
  if (name)
    use(reader, kind, key, *name, value);
  return name;
}

// A name with a run-time index: its index as a run-time expression, marked where it is written.
std::optional<IndexedName> indexed(const std::string &name, const Value &value) {
  std::optional<IndexedNameText> split = runtime_indexed(name);
  if (!split)
    return std::nullopt;
  ExpressionText index{split->index, value.origin.mark, name == value.node.Scalar()};
  if (index.columns)
    index.mark.column += static_cast<int>(split->index_offset) + (value.node.Tag() == "!" ? 1 : 0);
  return IndexedName{split->family, index};
}

StepOp compute(Reader &reader, const Value &value, int) {
  if (!value.node.IsMap()) {
    std::optional<Duration> fixed = reader.duration(value);
    return fixed ? StepOp(ComputeStep{*fixed, std::nullopt}) : std::nullopt;
  }
  Fields fields(reader, value, "compute", {"flops", "exponential", "uniform", "normal"});
  std::optional<Value> flops = fields.get("flops");
  if (!flops) {
    std::optional<Duration> drawn = reader.distribution(fields);
    return drawn ? StepOp(ComputeStep{*drawn, std::nullopt}) : std::nullopt;
  }
  if (fields.keys().size() > 1) {
    reader.error(fields.origin(), "compute: give either 'flops' or a distribution, not both");
    return std::nullopt;
  }
  std::optional<double> work = reader.speed(*flops);
  return work ? StepOp(ComputeStep{{}, *work}) : std::nullopt;
}

StepOp sleep(Reader &reader, const Value &value, int) {
  std::optional<Duration> duration = reader.duration(value);
  return duration ? StepOp(SleepStep{*duration}) : std::nullopt;
}

// The options send and receive share: tag, blocking, async, timeout and else.
template <class Comm> void communication_options(Reader &reader, const Fields &fields, Comm &comm, int depth) {
  if (auto tag = fields.get("tag"))
    comm.tag = reader.identifier(*tag, "a tag (a letter or '_', then letters, digits or '_')").value_or("");
  if (auto blocking = fields.get("blocking"))
    comm.blocking = reader.boolean(*blocking).value_or(true);
  std::optional<Value> async = fields.get("async");
  if (async) {
    comm.async = reader.identifier(*async, "a handle name (a letter or '_', then letters, digits or '_')").value_or("");
    if (!comm.async.empty())
      use(reader, NameUse::Kind::async, "async", comm.async, *async);
  }
  const std::string what = fields.what();
  if (async && !comm.blocking)
    reader.error(async->origin, "async: an asynchronous " + what + " cannot also be non-blocking (blocking: false)");
  if (auto timeout = fields.get("timeout")) {
    comm.timeout = reader.duration(*timeout);
    if (!comm.blocking)
      reader.error(timeout->origin, "timeout: a non-blocking " + what + " (blocking: false) never waits, so it cannot time out");
    else if (async)
      reader.error(timeout->origin,
                   "timeout: an asynchronous " + what + " does not wait; its `wait` does, and cannot time out yet");
  }
  if (auto on_fail = fields.get("else")) {
    if (comm.blocking && !fields.has("timeout"))
      reader.error(on_fail->origin,
                   "else: only a non-blocking " + what + " (blocking: false) or one with a timeout has 'else'");
    comm.on_fail = read_steps(reader, *on_fail, depth + 1);
  }
}

StepOp send(Reader &reader, const Value &value, int depth) {
  auto fields = reader.mapping(value, "a mapping such as {to: jobs}", "send",
                               {"to", "size", "tag", "value", "blocking", "async", "timeout", "else"});
  if (!fields)
    return std::nullopt;
  SendStep step;
  if (auto to = fields->require("to")) {
    step.to = named(reader, *to, NameUse::Kind::send_to, "to", "a mailbox or process name").value_or("");
    step.to_indexed = indexed(step.to, *to);
  }
  if (auto size = fields->get("size"))
    step.size = reader.bytes(*size);
  if (auto carried = fields->get("value"))
    step.value = read_expression(reader, *carried, "an integer expression, such as seq or \"2 * k + 1\"");
  communication_options(reader, *fields, step, depth);
  return step;
}

StepOp receive(Reader &reader, const Value &value, int depth) {
  auto fields = reader.mapping(value, "a mapping such as {from: jobs}", "receive",
                               {"from", "tag", "into", "when", "blocking", "async", "timeout", "else"});
  if (!fields)
    return std::nullopt;
  ReceiveStep step;
  if (auto from = fields->require("from")) {
    step.from =
        named(reader, *from, NameUse::Kind::receive_from, "from", "a mailbox or process name, or any").value_or("");
    step.from_indexed = indexed(step.from, *from);
  }
  if (auto into = fields->get("into")) {
    step.into = reader.identifier(*into, "a variable name").value_or("");
    step.into_mark = into->origin.mark;
  }
  if (auto when = fields->get("when"))
    step.when = read_expression(reader, *when, "a condition on the message's value, such as \"value == seq\"");
  communication_options(reader, *fields, step, depth);
  return step;
}

StepOp wait(Reader &reader, const Value &value, int) {
  std::optional<std::string> handle =
      reader.identifier(value, "a handle name (a letter or '_', then letters, digits or '_')");
  if (!handle)
    return std::nullopt;
  use(reader, NameUse::Kind::wait, "wait", *handle, value);
  return WaitStep{*handle};
}

StepOp forever(Reader &reader, const Value &value, int depth) {
  return ForeverStep{read_steps(reader, value, depth + 1)};
}

StepOp choose(Reader &reader, const Value &value, int depth) {
  auto branches = reader.sequence(value, "a list of branches, each a list of steps");
  if (!branches)
    return std::nullopt;
  if (branches->size() < 2)
    reader.error(value.origin, "choose: expected at least two branches, got " + std::to_string(branches->size()));
  ChooseStep step;
  for (const Value &branch : *branches)
    step.branches.push_back(read_steps(reader, branch, depth + 1));
  return step;
}

template <MailboxStep::Op op> StepOp mailbox(Reader &reader, const Value &value, int) {
  const char *key = op == MailboxStep::Op::create ? "create" : "delete";
  std::optional<std::string> name = named(reader, value, NameUse::Kind::mailbox, key, "a mailbox name");
  return name ? StepOp(MailboxStep{op, *name}) : std::nullopt;
}

StepOp give(Reader &reader, const Value &value, int) {
  auto fields = reader.mapping(value, "a mapping such as {mailbox: jobs, to: consumer}", "give", {"mailbox", "to"});
  if (!fields)
    return std::nullopt;
  GiveStep step;
  if (auto box = fields->require("mailbox"))
    step.mailbox = named(reader, *box, NameUse::Kind::mailbox, "mailbox", "a mailbox name").value_or("");
  if (auto to = fields->require("to"))
    step.to = named(reader, *to, NameUse::Kind::process, "to", "a process name").value_or("");
  return step;
}

template <SemaphoreStep::Op op> StepOp semaphore(Reader &reader, const Value &value, int) {
  const char *key = op == SemaphoreStep::Op::acquire ? "acquire" : "release";
  std::optional<std::string> name = named(reader, value, NameUse::Kind::semaphore, key, "a semaphore name");
  return name ? StepOp(SemaphoreStep{op, *name}) : std::nullopt;
}

// `acquire: {semaphore: mutex, timeout: 2ms, else: [...]}`: the long form, for an acquire that gives up.
StepOp timed_acquire(Reader &reader, const Value &value, int depth) {
  if (!value.node.IsMap())
    return semaphore<SemaphoreStep::Op::acquire>(reader, value, depth);
  auto fields = reader.mapping(value, "a semaphore name, or {semaphore: mutex, timeout: 2ms, else: [...]}",
                               "acquire", {"semaphore", "timeout", "else"});
  if (!fields)
    return std::nullopt;
  SemaphoreStep step{SemaphoreStep::Op::acquire, ""};
  if (auto name = fields->require("semaphore"))
    step.semaphore = named(reader, *name, NameUse::Kind::semaphore, "semaphore", "a semaphore name").value_or("");
  if (auto timeout = fields->get("timeout"))
    step.timeout = reader.duration(*timeout);
  if (auto on_fail = fields->get("else")) {
    if (!fields->has("timeout"))
      reader.error(on_fail->origin, "else: only an acquire with a timeout has 'else'");
    step.on_fail = read_steps(reader, *on_fail, depth + 1);
  }
  return step;
}

template <SegmentStep::Op op> StepOp attachment(Reader &reader, const Value &value, int) {
  const char *key = op == SegmentStep::Op::attach ? "attach" : "detach";
  std::optional<std::string> name = named(reader, value, NameUse::Kind::segment, key, "a shared memory segment name");
  return name ? StepOp(SegmentStep{op, *name, 0}) : std::nullopt;
}

template <SegmentStep::Op op> StepOp access(Reader &reader, const Value &value, int) {
  const char *what = op == SegmentStep::Op::read ? "read" : "write";
  auto fields = reader.mapping(value, "a mapping such as {segment: seg, size: 64B}", what, {"segment", "size"});
  if (!fields)
    return std::nullopt;
  SegmentStep step{op, "", 0};
  std::optional<Value> size = fields->require("size");
  std::optional<std::uint64_t> bytes;
  if (size)
    bytes = reader.bytes(*size);
  bool ok = bytes.has_value();
  step.size = bytes.value_or(0);
  if (auto segment = fields->require("segment"))
    step.segment = named(reader, *segment, NameUse::Kind::segment, "segment", "a segment name").value_or("");
  if (!ok || step.segment.empty())
    return std::nullopt;
  use(reader, NameUse::Kind::segment_access, "size", step.segment, *size, step.size);
  return step;
}

// `set: {seq: "1 - seq", tries: 0}`: every right side is read as an expression.
StepOp set(Reader &reader, const Value &value, int) {
  if (!value.node.IsMap()) {
    reader.type_error(value, "a mapping of assignments, such as {seq: \"1 - seq\", tries: 0}");
    return std::nullopt;
  }
  if (value.node.size() == 0) {
    reader.error(value.origin, "set: expected at least one assignment, such as {seq: \"1 - seq\"}");
    return std::nullopt;
  }
  SetStep step;
  for (const auto &pair : value.node) {
    Value key = reader.child(pair.first, "set", value.origin);
    std::optional<std::string> name = reader.identifier(key, "a variable name");
    std::optional<ExpressionText> right =
        read_expression(reader, reader.child(pair.second, "set", value.origin), "an integer expression");
    if (name && right)
      step.assignments.push_back({*name, std::move(*right), key.origin.mark});
  }
  return step;
}

StepOp assertion(Reader &reader, const Value &value, int) {
  std::optional<ExpressionText> condition = read_expression(reader, value, "a condition, such as \"a == seq\"");
  return condition ? StepOp(AssertStep{std::move(*condition)}) : std::nullopt;
}

using StepReader = StepOp (*)(Reader &, const Value &, int);

// In SCENARIO_FORMAT.md order; `repeat` is handled apart because it reads two keys.
const std::vector<std::pair<std::string_view, StepReader>> step_readers{
    {"compute", compute},
    {"sleep", sleep},
    {"send", send},
    {"receive", receive},
    {"wait", wait},
    {"forever", forever},
    {"choose", choose},
    {"create", mailbox<MailboxStep::Op::create>},
    {"delete", mailbox<MailboxStep::Op::remove>},
    {"give", give},
    {"acquire", timed_acquire},
    {"release", semaphore<SemaphoreStep::Op::release>},
    {"attach", attachment<SegmentStep::Op::attach>},
    {"detach", attachment<SegmentStep::Op::detach>},
    {"read", access<SegmentStep::Op::read>},
    {"write", access<SegmentStep::Op::write>},
    {"set", set},
    {"assert", assertion},
};

// The keys that go beside a step's own key: `do` (repeat, while), `then` and `else` (if).
bool companion(const std::string &key) {
  return key == "do" || key == "then" || key == "else";
}

std::vector<std::string_view> step_keys() {
  std::vector<std::string_view> keys{"repeat", "while", "if", "do", "then", "else"};
  for (const auto &[key, reader] : step_readers)
    keys.push_back(key);
  return keys;
}

StepOp conditional(Reader &reader, const Fields &fields, int depth) {
  std::optional<ExpressionText> condition =
      read_expression(reader, *fields.get("if"), "a condition, such as \"tries < 3\"");
  std::optional<Value> then = fields.require("then");
  IfStep step;
  if (then)
    step.then = read_steps(reader, *then, depth + 1);
  if (auto otherwise = fields.get("else"))
    step.otherwise = read_steps(reader, *otherwise, depth + 1);
  if (!condition || !then)
    return std::nullopt;
  step.condition = std::move(*condition);
  return step;
}

StepOp loop(Reader &reader, const Fields &fields, int depth) {
  std::optional<ExpressionText> condition =
      read_expression(reader, *fields.get("while"), "a condition, such as \"delivered < 10\"");
  std::optional<Value> body = fields.require("do");
  Steps steps = body ? read_steps(reader, *body, depth + 1) : Steps{};
  if (!condition || !body)
    return std::nullopt;
  return WhileStep{std::move(*condition), std::move(steps)};
}

StepOp repeat(Reader &reader, const Fields &fields, int depth) {
  std::optional<Value> body = fields.require("do");
  std::optional<std::uint64_t> times = reader.non_negative(*fields.get("repeat"));
  Steps steps = body ? read_steps(reader, *body, depth + 1) : Steps{};
  if (!times || !body)
    return std::nullopt;
  return RepeatStep{*times, std::move(steps)};
}

// The one key that says what the step is, or "" after reporting why there is none.
std::string step_kind(Reader &reader, const Fields &fields) {
  std::vector<std::string> kinds;
  for (const std::string &key : fields.keys())
    if (!companion(key))
      kinds.push_back(key);
  if (kinds.empty()) {
    if (fields.has("do"))
      reader.error(fields.origin(), "'do' without 'repeat' or 'while': write {repeat: N, do: [...]}, "
                                    "{while: COND, do: [...]}, or forever: [...]");
    else if (fields.has("then") || fields.has("else"))
      reader.error(fields.origin(), "'then' or 'else' without 'if': write {if: COND, then: [...], else: [...]}");
    else if (!fields.had_unknown())
      reader.error(fields.origin(), "expected a step, got an empty mapping");
    return "";
  }
  if (kinds.size() > 1) {
    reader.error(fields.origin(), "a step has exactly one key, got '" + kinds[0] + "' and '" + kinds[1] +
                                      "' (start each step with '- ')");
    return "";
  }
  if (fields.has("do") && kinds[0] != "repeat" && kinds[0] != "while") {
    reader.error(fields.get("do")->origin, "do: only a 'repeat' or 'while' step has 'do'");
    return "";
  }
  for (const char *key : {"then", "else"})
    if (fields.has(key) && kinds[0] != "if") {
      reader.error(fields.get(key)->origin, std::string(key) + ": only an 'if' step has '" + key + "'");
      return "";
    }
  return kinds[0];
}

std::optional<Step> read_step(Reader &reader, const Value &item, int depth) {
  if (!item.node.IsMap()) {
    reader.error(item.origin, "expected a step (a mapping such as {sleep: 1ms}), got " + describe(item.node));
    return std::nullopt;
  }
  static const std::vector<std::string_view> keys = step_keys();
  Fields fields(reader, item, "step", keys);
  std::string kind = step_kind(reader, fields);
  if (kind.empty())
    return std::nullopt;
  StepOp op;
  if (kind == "repeat")
    op = repeat(reader, fields, depth);
  else if (kind == "if")
    op = conditional(reader, fields, depth);
  else if (kind == "while")
    op = loop(reader, fields, depth);
  for (const auto &[key, read] : step_readers)
    if (key == kind)
      op = read(reader, *fields.get(kind), depth);
  if (!op)
    return std::nullopt;
  return Step{std::move(*op), item.origin.mark};
}

} // namespace

void report_too_deep(Reader &reader, const Origin &list) {
  reader.error(list, "steps nested too deeply (at most " + std::to_string(max_step_depth) + " levels)");
}

Steps read_steps(Reader &reader, const Value &list, int depth) {
  if (depth > max_step_depth) {
    report_too_deep(reader, list.origin);
    return {};
  }
  if (reader.in_template() && !reader.first_reading(list.node))
    return {};
  auto items = reader.sequence(list, "a list of steps");
  Steps steps;
  if (!items)
    return steps;
  for (const Value &item : *items)
    if (std::optional<Step> step = read_step(reader, item, depth))
      steps.push_back(std::move(*step));
  return steps;
}

} // namespace ipcsim::loader
