// Scenario -> Model: names become indices, steps become instructions with explicit jumps.
// The loader has already checked that every name resolves; what is left to reject here is what only makes
// sense with the whole model at hand (giving a mailbox that has no privilege to give, say).
#include "models/diagnostics.hpp"
#include "models/indexed_name.hpp"
#include "models/loader_suggest.hpp"
#include "models/model.hpp"
#include "models/routes.hpp"
#include "models/variable_scope.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ipcsim {
namespace {

// A step list "does something" when running it takes at least one visible step. Loops over lists that do
// nothing are dropped, so that a process can never spin forever (or 10^9 times) without a transition.
bool does_something(const Steps &steps);

bool step_does_something(const Step &step) {
  return std::visit(
      [](const auto &op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, RepeatStep>)
          return op.times > 0 && does_something(op.body);
        else if constexpr (std::is_same_v<T, ForeverStep>)
          return does_something(op.body);
        else
          return true;
      },
      step.op);
}

bool does_something(const Steps &steps) {
  return std::any_of(steps.begin(), steps.end(), step_does_something);
}

void compute_ahead(Process &p);

class Compiler {
public:
  explicit Compiler(Scenario scenario) : diagnostics_(scenario.file) { model_.scenario = std::move(scenario); }

  Model run() {
    const Scenario &s = model_.scenario;
    declare_semaphores_and_segments();
    model_.tags.push_back("");
    for (std::size_t i = 0; i < s.processes.size(); ++i)
      process_index_[s.processes[i].name] = static_cast<ProcId>(i);
    for (const auto &spec : s.channels)
      if (spec.kind == ChannelSpec::Kind::mailbox)
        add_mailbox(spec);
    for (const auto &spec : s.channels)
      if (spec.kind == ChannelSpec::Kind::link) {
        link_specs_[{spec.ends[0], spec.ends[1]}] = &spec;
        link_specs_[{spec.ends[1], spec.ends[0]}] = &spec;
      }
    for (const auto &[alias, plain] : s.replica_aliases)
      add_alias(alias, plain);
    model_.globals = declare_variables(s.variables);
    model_.var_count = static_cast<std::uint32_t>(model_.globals.size());
    for (std::size_t i = 0; i < s.processes.size(); ++i)
      compile_process(s.processes[i], static_cast<ProcId>(i));
    compile_invariants();
    mark_silent_steps();
    resolve_receive_from_any();
    for (auto [owner, mailbox] : owned_)
      model_.processes[owner].owned.push_back(mailbox);
    mark_rendezvous_property();
    for (auto &p : model_.processes)
      compute_ahead(p);
    list_completers();
    check_routes(model_, diagnostics_);
    diagnostics_.throw_if_any();
    return std::move(model_);
  }

private:
  // From its first instruction a process may reach every instruction it will ever be at, so what lies ahead of
  // pc 0 covers what lies ahead of any pc the deadlock analysis meets.
  void list_completers() {
    auto ahead_of_start = [&](ProcId q, auto field, std::uint32_t id) {
      const auto &ahead = (model_.processes[q].*field)[0];
      return std::binary_search(ahead.begin(), ahead.end(), id);
    };
    auto enders = [&](ChannelId c, std::vector<ProcId> &out) {
      if (model_.channels[c].owner != kNone)
        out.push_back(model_.channels[c].owner);
      for (ProcId q = 0; q < model_.processes.size(); ++q)
        if (ahead_of_start(q, &Process::lifecycles_ahead, c))
          out.push_back(q);
    };
    for (auto &process : model_.processes)
      for (auto &i : process.code) {
        if (i.op == OpCode::acquire) {
          for (ProcId q = 0; q < model_.processes.size(); ++q)
            if (ahead_of_start(q, &Process::releases_ahead, i.semaphore))
              i.completers.push_back(q);
        } else if (i.op == OpCode::send) {
          i.completers = model_.channels[i.channel].receivers_of;
          enders(i.channel, i.completers);
        } else if (i.op == OpCode::receive) {
          for (ChannelId c : i.sources) {
            const auto &senders = model_.channels[c].senders_of;
            i.completers.insert(i.completers.end(), senders.begin(), senders.end());
            enders(c, i.completers);
          }
        }
        std::sort(i.completers.begin(), i.completers.end());
        i.completers.erase(std::unique(i.completers.begin(), i.completers.end()), i.completers.end());
      }
  }

  // The lone replica of an item of count 1 answers to name[0] too, whatever kind of item it is.
  void add_alias(const std::string &alias, const std::string &plain) {
    auto copy = [&](auto &index) {
      if (auto it = index.find(plain); it != index.end())
        index[alias] = it->second;
    };
    copy(process_index_);
    copy(mailbox_index_);
    copy(semaphore_index_);
    copy(segment_index_);
  }

  void declare_semaphores_and_segments() {
    const Scenario &s = model_.scenario;
    for (const auto &sem : s.semaphores) {
      semaphore_index_[sem.name] = static_cast<SemaphoreId>(model_.semaphores.size());
      model_.semaphores.push_back({sem.name, sem.initial, sem.mark});
    }
    for (const auto &seg : s.segments) {
      if (model_.segments.size() == max_segments)
        diagnostics_.error(seg.mark,
                           "at most " + std::to_string(max_segments) + " shared memory segments are supported");
      segment_index_[seg.name] = static_cast<SegmentId>(model_.segments.size());
      model_.segments.push_back({seg.name, seg.size, seg.mark});
    }
  }

  Channel channel_from_spec(const ChannelSpec &spec) {
    Channel c;
    c.capacity = spec.capacity;
    c.capacity_bytes = spec.capacity_bytes;
    c.message_size = spec.message_size;
    c.faults = spec.faults;
    model_.faults = model_.faults || spec.faults.any();
    c.mark = spec.mark;
    if (spec.receivers) {
      std::vector<ProcId> ids;
      for (const auto &name : *spec.receivers)
        ids.push_back(process_index_.at(name));
      std::sort(ids.begin(), ids.end());
      c.receivers = std::move(ids);
    }
    return c;
  }

  void add_mailbox(const ChannelSpec &spec) {
    Channel c = channel_from_spec(spec);
    c.name = spec.name;
    c.created = spec.created;
    c.exclusive_receive = spec.exclusive_receive;
    if (!spec.owner.empty()) {
      c.owner = process_index_.at(spec.owner);
      c.receivers = std::vector<ProcId>{c.owner}; // only the owner receives
    }
    c.multicast = spec.delivery == Delivery::all;
    if (c.multicast && !c.receivers)
      diagnostics_.error(spec.mark, "delivery: all sends every message to every process in `receivers`; " +
                                        quoted(spec.name) + " needs a receivers list (it has receivers: any)");
    else if (c.multicast && c.receivers->size() > max_multicast)
      diagnostics_.error(spec.mark, "delivery: all supports at most " + std::to_string(max_multicast) + " receivers");
    mailbox_index_[spec.name] = static_cast<ChannelId>(model_.channels.size());
    if (c.owner != kNone)
      owned_.push_back({c.owner, static_cast<ChannelId>(model_.channels.size())});
    model_.channels.push_back(std::move(c));
  }

  // The direction sender -> receiver of the link between them, created (both directions) on first use.
  ChannelId link(ProcId sender, ProcId receiver) {
    auto found = link_index_.find({sender, receiver});
    if (found != link_index_.end())
      return found->second;
    const auto &procs = model_.scenario.processes;
    auto spec_it = link_specs_.find({procs[sender].name, procs[receiver].name});
    const ChannelSpec &spec = spec_it != link_specs_.end() ? *spec_it->second : model_.scenario.link_defaults;
    for (auto [from, to] : {std::pair{sender, receiver}, std::pair{receiver, sender}}) {
      Channel c = channel_from_spec(spec);
      c.name = procs[from].name + "->" + procs[to].name;
      c.is_link = true;
      c.link_sender = from;
      c.link_receiver = to;
      if (spec_it != link_specs_.end())
        c.mark = spec.mark;
      link_index_[{from, to}] = static_cast<ChannelId>(model_.channels.size());
      model_.channels.push_back(std::move(c));
    }
    return link_index_.at({sender, receiver});
  }

  ChannelId destination(ProcId self, const std::string &name) {
    auto mailbox = mailbox_index_.find(name);
    if (mailbox != mailbox_index_.end())
      return mailbox->second;
    return link(self, process_index_.at(name));
  }

  TagId tag(const std::string &name) {
    if (name.empty())
      return 0;
    auto it = std::find(model_.tags.begin(), model_.tags.end(), name);
    if (it != model_.tags.end())
      return static_cast<TagId>(it - model_.tags.begin());
    model_.tags.push_back(name);
    return static_cast<TagId>(model_.tags.size() - 1);
  }

  std::uint32_t handle(const std::string &name) {
    auto &names = model_.processes.back().handle_names;
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end())
      return static_cast<std::uint32_t>(it - names.begin());
    names.push_back(name);
    return static_cast<std::uint32_t>(names.size() - 1);
  }

  void compile_process(const ProcessSpec &spec, ProcId id) {
    Process p;
    p.name = spec.name;
    p.server = spec.server;
    p.crash = spec.crash;
    model_.faults = model_.faults || spec.crash;
    p.mark = spec.mark;
    const auto &hosts = model_.scenario.platform.hosts;
    for (std::size_t h = 0; h < hosts.size(); ++h)
      if (hosts[h].name == spec.host)
        p.host = static_cast<std::uint32_t>(h);
    p.variables = declare_variables(spec.variables);
    p.var_base = model_.var_count;
    model_.var_count += static_cast<std::uint32_t>(p.variables.size());
    model_.processes.push_back(std::move(p));
    self_ = id;
    spec_ = &spec;
    emit_steps(spec.steps);
    Process &done = model_.processes.back();
    done.counter_base = model_.counter_count;
    done.handle_base = model_.handle_count;
    model_.counter_count += done.counter_count;
    model_.handle_count += static_cast<std::uint32_t>(done.handle_names.size());
  }

  std::vector<Instruction> &code() { return model_.processes.back().code; }
  std::uint32_t here() { return static_cast<std::uint32_t>(code().size()); }

  std::uint32_t emit(Instruction instruction) {
    code().push_back(std::move(instruction));
    return here() - 1;
  }

  void emit_steps(const Steps &steps) {
    for (const auto &step : steps)
      if (step_does_something(step))
        std::visit([&](const auto &op) { emit_step(op, step.mark); }, step.op);
  }

  void emit_step(const ComputeStep &s, SourceMark mark) {
    emit({.op = OpCode::compute, .mark = mark, .duration = s.duration, .flops = s.flops});
  }
  void emit_step(const SleepStep &s, SourceMark mark) {
    emit({.op = OpCode::sleep, .mark = mark, .duration = s.duration});
  }

  static Mode mode_of(bool blocking, const std::string &async) {
    return !async.empty() ? Mode::async : blocking ? Mode::blocking : Mode::nonblocking;
  }

  // A non-blocking operation, or one that may time out, is followed by a jump over its `else` steps, which
  // it enters when it fails or gives up.
  void emit_with_else(Instruction instruction, const Steps &on_fail) {
    model_.timeouts = model_.timeouts || instruction.timeout;
    std::uint32_t at = emit(std::move(instruction));
    if (code()[at].mode != Mode::nonblocking && !code()[at].timeout)
      return;
    std::uint32_t skip = emit({.op = OpCode::jump, .mark = code()[at].mark});
    code()[at].target = here();
    emit_steps(on_fail);
    code()[skip].target = here();
  }

  void emit_step(const SendStep &s, SourceMark mark) {
    Instruction i{.op = OpCode::send,
                  .mark = mark,
                  .mode = mode_of(s.blocking, s.async),
                  .tag = tag(s.tag),
                  .timeout = s.timeout};
    if (s.value) {
      i.expression = process_expression(*s.value, ExpressionType::integer, "value");
      model_.message_values = true;
    }
    if (!s.async.empty())
      i.handle = handle(s.async);
    auto to = [&](ChannelId c) {
      Instruction out = i;
      out.channel = c;
      Channel &channel = model_.channels[c];
      add_unique(channel.senders_of, self_);
      out.size = s.size.value_or(channel.message_size.kind == MessageSize::Kind::fixed ? channel.message_size.bytes : 0);
      return out;
    };
    if (!s.to_indexed)
      return emit_with_else(to(destination(self_, s.to)), s.on_fail);
    emit_indexed(*s.to_indexed, "to", mark, s.on_fail, [&](ChannelId mailbox, ProcId peer) {
      return mailbox != kNone ? to(mailbox) : to(link(self_, peer));
    });
  }

  void emit_step(const ReceiveStep &s, SourceMark mark) {
    Instruction i{.op = OpCode::receive,
                  .mark = mark,
                  .mode = mode_of(s.blocking, s.async),
                  .tag = tag(s.tag),
                  .timeout = s.timeout};
    if (!s.async.empty())
      i.handle = handle(s.async);
    if (s.when)
      i.expression = process_expression(*s.when, ExpressionType::condition, "when", true);
    if (!s.into.empty())
      i.into = target(s.into, s.into_mark, "into").value_or(VariableRef{});
    auto from = [&](ChannelId c) {
      Instruction out = i;
      out.sources = {c};
      add_unique(model_.channels[c].receivers_of, self_);
      return out;
    };
    if (s.from == "any") {
      from_any_.push_back({self_, here()});
      return emit_with_else(std::move(i), s.on_fail);
    }
    if (!s.from_indexed) {
      auto mailbox = mailbox_index_.find(s.from);
      return emit_with_else(from(mailbox != mailbox_index_.end() ? mailbox->second : link(process_index_.at(s.from), self_)),
                            s.on_fail);
    }
    emit_indexed(*s.from_indexed, "from", mark, s.on_fail, [&](ChannelId mailbox, ProcId peer) {
      return mailbox != kNone ? from(mailbox) : from(link(peer, self_));
    });
  }

  // --- Run-time names (SCENARIO_FORMAT.md, "Run-time names").

  // The replicas of `family`, in index order: each a mailbox, or a process (mailbox kNone).
  std::vector<std::pair<ChannelId, ProcId>> replicas(const std::string &family) const {
    std::vector<std::pair<ChannelId, ProcId>> out;
    for (std::size_t k = 0;; ++k) {
      std::string name = family + "[" + std::to_string(k) + "]";
      if (auto mailbox = mailbox_index_.find(name); mailbox != mailbox_index_.end())
        out.emplace_back(mailbox->second, kNone);
      else if (auto process = process_index_.find(name); process != process_index_.end())
        out.emplace_back(kNone, process->second);
      else
        return out;
    }
  }

  // A send or receive on the replica of a family that an index chooses. An index that is fixed when the
  // scenario is loaded (it reads only i, n and params) names one replica now; any other becomes a route
  // that the process follows when it gets there, to one copy of the operation per replica. A process's own
  // direct link, which it cannot use, has no copy: choosing it is an invalid operation, like an index
  // outside the count.
  template <class Operation>
  void emit_indexed(const IndexedName &name, const char *key, SourceMark mark, const Steps &on_fail,
                    Operation operation) {
    RuntimeExpression index = process_expression(name.index, ExpressionType::integer, key);
    auto all = replicas(name.family);
    std::optional<ExpressionResult> fixed = index.constant();
    if (!fixed) {
      std::vector<std::optional<Instruction>> copies;
      for (auto [mailbox, peer] : all)
        copies.push_back(peer == self_ ? std::nullopt : std::optional(operation(mailbox, peer)));
      Instruction route{.op = OpCode::route, .mark = mark, .expression = std::move(index), .family = name.family};
      return emit_routed(std::move(route), std::move(copies), on_fail);
    }
    if (fixed->fault != ArithmeticFault::none)
      return;
    auto k = static_cast<std::size_t>(fixed->value);
    if (fixed->value < 0 || k >= all.size())
      index_error(name.index.mark, key, index_outside(name.family, name.index.text, fixed->value, all.size()));
    else if (all[k].second == self_)
      index_error(name.index.mark, key, index_is_self(name.family, name.index.text, fixed->value));
    else
      emit_with_else(operation(all[k].first, all[k].second), on_fail);
  }

  // One error per place in the file: the replicas of a process would each repeat it with their own index.
  void index_error(SourceMark mark, const char *key, const std::string &message) {
    if (index_errors_.insert({mark.line, mark.column}).second)
      diagnostics_.error(mark, std::string(key) + ": " + message);
  }

  // route; then per replica its operation and a jump to the end; then the `else` that they share.
  void emit_routed(Instruction route, std::vector<std::optional<Instruction>> copies, const Steps &on_fail) {
    std::uint32_t at = emit(std::move(route));
    std::vector<std::uint32_t> operations, exits;
    for (std::optional<Instruction> &copy : copies) {
      code()[at].branches.push_back(copy ? here() : kNone);
      if (!copy)
        continue;
      model_.timeouts = model_.timeouts || copy->timeout;
      operations.push_back(emit(std::move(*copy)));
      exits.push_back(emit({.op = OpCode::jump, .mark = code()[at].mark}));
    }
    const Instruction *first = operations.empty() ? nullptr : &code()[operations.front()];
    bool has_else = first && (first->mode == Mode::nonblocking || first->timeout);
    for (std::uint32_t o : operations)
      code()[o].target = here();
    if (has_else)
      emit_steps(on_fail);
    for (std::uint32_t x : exits)
      code()[x].target = here();
  }

  // --- Variables (SCENARIO_FORMAT.md, "Variables and values").

  std::vector<Variable> declare_variables(const std::vector<VariableSpec> &specs) {
    std::vector<Variable> out;
    for (const VariableSpec &v : specs) {
      if (v.min > v.max)
        diagnostics_.error(v.mark, fmt::format("{}: the range [{}, {}] is empty", v.name, v.min, v.max));
      else if (v.initial < v.min || v.initial > v.max)
        diagnostics_.error(v.mark, fmt::format("{}: the initial value {} is outside its range [{}, {}]", v.name,
                                               v.initial, v.min, v.max));
      out.push_back({v.name, v.initial, v.min, v.max, v.mark});
    }
    return out;
  }

  // Parses, types and resolves a run-time expression; errors point into its text.
  RuntimeExpression expression(const ExpressionText &e, const NameResolver &scope, ExpressionType wanted,
                               const char *key) {
    RuntimeExpression out;
    try {
      out = RuntimeExpression::compile(e.text, scope);
    } catch (const ExpressionError &error) {
      SourceMark at{e.mark.line, e.mark.column + (e.columns ? static_cast<int>(error.offset) : 0)};
      diagnostics_.error(at, fmt::format("{}: in '{}': {}", key, e.text, error.message));
      return out;
    }
    if (out.type() != wanted)
      diagnostics_.error(e.mark, wanted == ExpressionType::condition
                                     ? fmt::format("{}: expected a condition (a comparison such as x > 0), got the "
                                                   "integer expression '{}'",
                                                   key, e.text)
                                     : fmt::format("{}: expected an integer, got the condition '{}'", key, e.text));
    else if (std::optional<ExpressionResult> fixed = out.constant(); fixed && fixed->fault != ArithmeticFault::none)
      diagnostics_.error(e.mark, fmt::format("{}: {} in '{}'", key, fault_name(fixed->fault), e.text));
    return out;
  }

  RuntimeExpression process_expression(const ExpressionText &e, ExpressionType wanted, const char *key,
                                       bool message_value = false) {
    return expression(e, process_scope(model_, self_, *spec_, message_value), wanted, key);
  }

  std::optional<VariableRef> target(const std::string &name, SourceMark mark, const char *key) {
    std::optional<VariableRef> v = writable_variable(model_, self_, name);
    if (!v) {
      std::vector<std::string> known;
      for (const Variable &own : model_.processes[self_].variables)
        known.push_back(own.name);
      for (const Variable &global : model_.globals)
        known.push_back(global.name);
      diagnostics_.error(mark, fmt::format("{}: unknown variable '{}'{}", key, name, did_you_mean(name, known)));
    }
    return v;
  }

  // A literal stored into a variable with a declared range must fit it: 5 into tries (range [0, 3]) is a
  // mistake that validate can see.
  void check_literal(const Store &store, SourceMark mark, const char *key) {
    std::optional<ExpressionResult> fixed = store.value.constant();
    const Variable &v =
        store.target.global ? model_.globals[store.target.slot] : model_.processes[self_].variables[store.target.slot];
    if (fixed && fixed->fault == ArithmeticFault::none && (fixed->value < v.min || fixed->value > v.max))
      diagnostics_.error(mark, fmt::format("{}: {} = {} is outside its range [{}, {}]", key, v.name, fixed->value,
                                           v.min, v.max));
  }

  void emit_step(const SetStep &s, SourceMark mark) {
    Instruction i{.op = OpCode::assign, .mark = mark};
    for (const Assignment &a : s.assignments) {
      std::optional<VariableRef> v = target(a.variable, a.mark, "set");
      RuntimeExpression value = process_expression(a.value, ExpressionType::integer, "set");
      if (!v)
        continue;
      i.stores.push_back({*v, std::move(value)});
      check_literal(i.stores.back(), a.value.mark, "set");
    }
    emit(std::move(i));
  }

  void emit_step(const IfStep &s, SourceMark mark) {
    std::uint32_t test = emit({.op = OpCode::test,
                               .mark = mark,
                               .expression = process_expression(s.condition, ExpressionType::condition, "if")});
    emit_steps(s.then);
    if (s.otherwise.empty()) {
      code()[test].target = here();
      return;
    }
    std::uint32_t skip = emit({.op = OpCode::jump, .mark = mark});
    code()[test].target = here();
    emit_steps(s.otherwise);
    code()[skip].target = here();
  }

  void emit_step(const WhileStep &s, SourceMark mark) {
    std::uint32_t test = emit({.op = OpCode::test,
                               .mark = mark,
                               .expression = process_expression(s.condition, ExpressionType::condition, "while")});
    emit_steps(s.body);
    emit({.op = OpCode::jump, .mark = mark, .target = test});
    code()[test].target = here();
  }

  void emit_step(const AssertStep &s, SourceMark mark) {
    emit({.op = OpCode::check,
          .mark = mark,
          .expression = process_expression(s.condition, ExpressionType::condition, "assert")});
  }

  void compile_invariants() {
    for (const ExpressionText &e : model_.scenario.properties.invariants)
      model_.invariants.push_back(
          {expression(e, invariant_scope(model_), ExpressionType::condition, "invariants"), e.mark});
  }

  // An internal step is silent unless another process could tell when it happens: it reads or writes a
  // global, or writes a variable that an invariant reads.
  void mark_silent_steps() {
    std::set<std::uint32_t> observed; // State::vars indices that invariants read
    for (const Invariant &inv : model_.invariants)
      for (std::uint32_t slot : inv.condition.variables())
        observed.insert(slot);
    for (Process &p : model_.processes)
      for (Instruction &i : p.code) {
        if (i.op != OpCode::assign && i.op != OpCode::test && i.op != OpCode::check && i.op != OpCode::route)
          continue;
        bool visible = !i.expression.globals().empty();
        for (const Store &s : i.stores)
          visible = visible || s.target.global || !s.value.globals().empty() ||
                    observed.count(p.var_base + s.target.slot) > 0;
        i.silent = !visible;
      }
  }

  void emit_step(const WaitStep &s, SourceMark mark) {
    emit({.op = OpCode::wait, .mark = mark, .handle = handle(s.handle)});
  }

  // A repeat's counter is the slot of its nesting depth: loops at one depth are never active together, and a
  // finished loop leaves its counter at 0, so a state holds as many counters as loops nest, however many
  // repeats the program text (or its YAML aliases) holds.
  void emit_step(const RepeatStep &s, SourceMark mark) {
    std::uint32_t counter = repeat_depth_++;
    Process &process = model_.processes.back();
    process.counter_count = std::max(process.counter_count, repeat_depth_);
    emit({.op = OpCode::repeat_init, .mark = mark, .counter = counter, .times = s.times});
    std::uint32_t next = emit({.op = OpCode::repeat_next, .mark = mark, .counter = counter});
    emit_steps(s.body);
    emit({.op = OpCode::jump, .mark = mark, .target = next});
    code()[next].target = here();
    --repeat_depth_;
  }

  void emit_step(const ForeverStep &s, SourceMark mark) {
    std::uint32_t top = here();
    emit_steps(s.body);
    emit({.op = OpCode::jump, .mark = mark, .target = top});
  }

  void emit_step(const ChooseStep &s, SourceMark mark) {
    std::uint32_t at = emit({.op = OpCode::choose, .mark = mark});
    std::vector<std::uint32_t> exits;
    for (const auto &branch : s.branches) {
      code()[at].branches.push_back(here());
      emit_steps(branch);
      exits.push_back(emit({.op = OpCode::jump, .mark = mark}));
    }
    for (auto e : exits)
      code()[e].target = here();
  }

  void emit_step(const MailboxStep &s, SourceMark mark) {
    OpCode op = s.op == MailboxStep::Op::create ? OpCode::create : OpCode::remove;
    emit({.op = op, .mark = mark, .channel = mailbox_index_.at(s.mailbox)});
  }

  void emit_step(const GiveStep &s, SourceMark mark) {
    ChannelId c = mailbox_index_.at(s.mailbox);
    const Channel &mailbox = model_.channels[c];
    if (mailbox.owner != kNone) // named from the scenario: the owner may not be compiled yet
      diagnostics_.error(mark, "give: " + quoted(s.mailbox) + " is a user-space mailbox: only its owner, " +
                                   quoted(model_.scenario.processes[mailbox.owner].name) + ", ever receives from it");
    else if (!mailbox.receivers)
      diagnostics_.error(mark, "give: " + quoted(s.mailbox) +
                                   " has receivers: any, so there is no receive privilege to "
                                   "pass on (give it a receivers list)");
    else if (mailbox.multicast)
      diagnostics_.error(mark, "give: " + quoted(s.mailbox) +
                                   " is a multicast mailbox (delivery: all), whose receivers "
                                   "are fixed");
    // Receiving from the mailbox later is what the privilege is for: the receiver may still be a releaser.
    emit({.op = OpCode::give, .mark = mark, .channel = c, .give_to = process_index_.at(s.to)});
  }

  void emit_step(const SemaphoreStep &s, SourceMark mark) {
    OpCode op = s.op == SemaphoreStep::Op::acquire ? OpCode::acquire : OpCode::release;
    emit_with_else({.op = op, .mark = mark, .semaphore = semaphore_index_.at(s.semaphore), .timeout = s.timeout},
                   s.on_fail);
  }

  void emit_step(const SegmentStep &s, SourceMark mark) {
    static constexpr OpCode ops[] = {OpCode::attach, OpCode::detach, OpCode::read, OpCode::write};
    emit({.op = ops[static_cast<int>(s.op)], .mark = mark, .segment = segment_index_.at(s.segment), .size = s.size});
  }

  static void add_unique(std::vector<ProcId> &ids, ProcId id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  }

  // `from: any` takes from every link into the receiver; links are only all known once every process
  // has been compiled.
  void resolve_receive_from_any() {
    for (auto [proc, pc] : from_any_) {
      auto &sources = model_.processes[proc].code[pc].sources;
      for (ChannelId c = 0; c < model_.channels.size(); ++c)
        if (model_.channels[c].is_link && model_.channels[c].link_receiver == proc) {
          sources.push_back(c);
          add_unique(model_.channels[c].receivers_of, proc);
        }
    }
  }

  void mark_rendezvous_property() {
    for (const auto &name : model_.scenario.properties.rendezvous)
      for (auto &c : model_.channels) {
        bool link_named =
            c.is_link &&
            (name == model_.processes[c.link_sender].name + "<->" + model_.processes[c.link_receiver].name ||
             name == model_.processes[c.link_receiver].name + "<->" + model_.processes[c.link_sender].name);
        if (c.name == name || link_named)
          c.rendezvous_property = true;
      }
  }

  Model model_;
  Diagnostics diagnostics_;
  ProcId self_ = 0;
  const ProcessSpec *spec_ = nullptr; // of self_
  std::uint32_t repeat_depth_ = 0;    // of the step being compiled: the repeats around it
  std::map<std::string, ProcId> process_index_;
  std::map<std::string, ChannelId> mailbox_index_;
  std::map<std::string, SemaphoreId> semaphore_index_;
  std::map<std::string, SegmentId> segment_index_;
  std::vector<std::pair<ProcId, ChannelId>> owned_;
  std::map<std::pair<std::string, std::string>, const ChannelSpec *> link_specs_;
  std::map<std::pair<ProcId, ProcId>, ChannelId> link_index_;
  std::vector<std::pair<ProcId, std::uint32_t>> from_any_;
  std::set<std::pair<int, int>> index_errors_; // marks of fixed indexes already reported
};

} // namespace

// The instructions that may run right after instruction pc.
std::vector<std::uint32_t> successors(const std::vector<Instruction> &code, std::uint32_t pc) {
  const Instruction &i = code[pc];
  switch (i.op) {
  case OpCode::jump:
    return {i.target};
  case OpCode::repeat_next:
  case OpCode::test:
    return {pc + 1, i.target};
  case OpCode::choose:
    return i.branches;
  case OpCode::route: {
    std::vector<std::uint32_t> out;
    std::copy_if(i.branches.begin(), i.branches.end(), std::back_inserter(out),
                 [](std::uint32_t b) { return b != kNone; });
    return out;
  }
  case OpCode::send:
  case OpCode::receive:
  case OpCode::acquire:
    if (i.mode == Mode::nonblocking || i.timeout)
      return {pc + 1, i.target};
    return {pc + 1};
  default:
    return {pc + 1};
  }
}

namespace {

void merge_into(std::vector<std::uint32_t> &into, const std::vector<std::uint32_t> &from, bool &changed) {
  for (std::uint32_t c : from)
    if (std::find(into.begin(), into.end(), c) == into.end()) {
      into.insert(std::upper_bound(into.begin(), into.end(), c), c);
      changed = true;
    }
}

using Ahead = std::vector<std::vector<std::uint32_t>> Process::*;

// Backward dataflow to a fixpoint: what a pc may reach is its own operation plus what its successors reach.
void flow_ahead(Process &p, Ahead field, std::vector<std::uint32_t> (*own)(const Instruction &)) {
  auto &ahead = p.*field;
  ahead.assign(p.code.size() + 1, {});
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t pc = p.code.size(); pc-- > 0;) {
      merge_into(ahead[pc], own(p.code[pc]), changed);
      for (std::uint32_t next : successors(p.code, static_cast<std::uint32_t>(pc)))
        merge_into(ahead[pc], ahead[next], changed);
    }
  }
}

std::vector<std::uint32_t> only(bool matches, std::uint32_t id) {
  return matches ? std::vector<std::uint32_t>{id} : std::vector<std::uint32_t>{};
}

void compute_ahead(Process &p) {
  flow_ahead(p, &Process::sends_ahead, [](const Instruction &i) { return only(i.op == OpCode::send, i.channel); });
  flow_ahead(p, &Process::receives_ahead,
             [](const Instruction &i) { return i.op == OpCode::receive ? i.sources : std::vector<std::uint32_t>{}; });
  flow_ahead(p, &Process::releases_ahead,
             [](const Instruction &i) { return only(i.op == OpCode::release, i.semaphore); });
  flow_ahead(p, &Process::semaphores_ahead,
             [](const Instruction &i) { return only(i.semaphore != kNone, i.semaphore); });
  flow_ahead(p, &Process::segments_ahead, [](const Instruction &i) { return only(i.segment != kNone, i.segment); });
  flow_ahead(p, &Process::lifecycles_ahead, [](const Instruction &i) {
    return only(i.op == OpCode::create || i.op == OpCode::remove || i.op == OpCode::give, i.channel);
  });
}

} // namespace

Model compile(const Scenario &scenario) {
  return Compiler(scenario).run();
}
Model compile(Scenario &&scenario) {
  return Compiler(std::move(scenario)).run();
}

} // namespace ipcsim
