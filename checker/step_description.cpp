#include "checker/step_description.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {
namespace {

std::string tag_suffix(const Model &model, TagId tag) {
  return tag == 0 ? "" : " [" + model.tags[tag] + "]";
}

std::string sources(const Model &model, const Instruction &i) {
  if (i.sources.size() == 1)
    return model.channels[i.sources[0]].name;
  return "any";
}

// What the process set out to do.
std::string intent(const Model &model, ProcId p, const Instruction &i) {
  const Process &process = model.processes[p];
  std::string mode = i.mode == Mode::nonblocking ? " (non-blocking)" : "";
  switch (i.op) {
  case OpCode::compute:
    return "compute";
  case OpCode::sleep:
    return "sleep";
  case OpCode::send:
    if (i.mode == Mode::async)
      return "post send on " + model.channels[i.channel].name + tag_suffix(model, i.tag) + " as " +
             process.handle_names[i.handle];
    return "send on " + model.channels[i.channel].name + tag_suffix(model, i.tag) + mode;
  case OpCode::receive:
    if (i.mode == Mode::async)
      return "post receive from " + sources(model, i) + tag_suffix(model, i.tag) + " as " +
             process.handle_names[i.handle];
    return "receive from " + sources(model, i) + tag_suffix(model, i.tag) + mode;
  case OpCode::wait:
    return "wait for " + process.handle_names[i.handle];
  case OpCode::choose:
    return "choose";
  case OpCode::create:
    return "create " + model.channels[i.channel].name;
  case OpCode::remove:
    return "delete " + model.channels[i.channel].name;
  case OpCode::give:
    return "give " + model.channels[i.channel].name + " to " + model.processes[i.give_to].name;
  case OpCode::acquire:
    return "acquire " + model.semaphores[i.semaphore].name;
  case OpCode::release:
    return "release " + model.semaphores[i.semaphore].name;
  case OpCode::attach:
    return "attach " + model.segments[i.segment].name;
  case OpCode::detach:
    return "detach " + model.segments[i.segment].name;
  case OpCode::read:
    return fmt::format("read {} B of {}", i.size, model.segments[i.segment].name);
  case OpCode::write:
    return fmt::format("write {} B to {}", i.size, model.segments[i.segment].name);
  case OpCode::assign:
    return "set";
  case OpCode::test:
    return "test '" + i.expression.text() + "'";
  case OpCode::check:
    return "assert '" + i.expression.text() + "'";
  case OpCode::route:
    return "index '" + i.expression.text() + "' of " + i.family;
  default:
    return "step";
  }
}

std::string value_suffix(const Event &e) {
  return e.value == 0 ? "" : fmt::format(" (value {})", e.value);
}

// What the process's variable steps stored, in order: "total = 1, k = 2".
std::string stores(const Model &model, ProcId p, std::span<const Event> events) {
  std::string out;
  for (const Event &e : events)
    if (e.proc == p && e.kind == EventKind::set)
      out += fmt::format("{}{} = {}", out.empty() ? "" : ", ", variable_name(model, e.variable), e.value);
  return out;
}

// How the process's own step ended, from its events.
std::string outcome(const Model &model, ProcId p, std::span<const Event> events) {
  for (const Event &e : events) {
    if (e.proc != p)
      continue;
    switch (e.kind) {
    case EventKind::send_end:
      return e.peer == kNone ? fmt::format("message {}{} buffered", e.msg, value_suffix(e))
                             : fmt::format("message {}{} taken by {}", e.msg, value_suffix(e),
                                           model.processes[e.peer].name);
    case EventKind::recv_end:
      return fmt::format("takes message {}{}{} from {}", e.msg, tag_suffix(model, e.tag), value_suffix(e),
                         model.processes[e.peer].name);
    case EventKind::assert_failed:
      return "false";
    case EventKind::block:
      return "blocks";
    case EventKind::send_failed:
      return "fails, the message is dropped";
    case EventKind::recv_failed:
      return "finds nothing";
    case EventKind::send_timeout:
    case EventKind::recv_timeout:
    case EventKind::acquire_timeout:
      return "gives up waiting (timeout)";
    case EventKind::invalid:
      return "invalid: " + e.detail;
    case EventKind::wait:
      return "already complete";
    case EventKind::choose:
      return fmt::format("branch {}", e.branch);
    case EventKind::lost:
      if (e.fault)
        return fmt::format("message {}{} lost by the channel (fault)", e.msg, value_suffix(e));
      break;
    default:
      break;
    }
  }
  return "";
}

} // namespace

std::string describe_step(const Model &model, ProcId proc, const Instruction &step, std::span<const Event> events) {
  bool crashes = std::any_of(events.begin(), events.end(),
                             [&](const Event &e) { return e.kind == EventKind::crash && e.proc == proc; });
  std::string out = crashes ? "crashes (fault), at " + intent(model, proc, step) : intent(model, proc, step);
  std::string how = crashes ? "" : outcome(model, proc, events);
  if (how.empty() && step.mode == Mode::async && (step.op == OpCode::send || step.op == OpCode::receive))
    how = "pending";
  if (!how.empty())
    out += ": " + how;
  if (std::string stored = stores(model, proc, events); !stored.empty())
    out += (how.empty() ? ": " : "; ") + stored;
  std::vector<ProcId> released;
  for (const Event &e : events)
    if (e.kind == EventKind::unblock && e.proc != proc &&
        std::find(released.begin(), released.end(), e.proc) == released.end())
      released.push_back(e.proc);
  for (std::size_t k = 0; k < released.size(); ++k)
    out += (k == 0 ? "; releases " : ", ") + model.processes[released[k]].name;
  if (std::any_of(events.begin(), events.end(), [](const Event &e) { return e.kind == EventKind::duplicate; }))
    out += "; accepted twice (fault: duplicate)";
  auto lost = std::count_if(events.begin(), events.end(),
                            [](const Event &e) { return e.kind == EventKind::lost && !e.fault; });
  if (lost > 0)
    out += fmt::format("; {} message{} lost", lost, lost == 1 ? "" : "s");
  for (const Event &e : events)
    if (e.kind == EventKind::invalid && e.proc != proc)
      out += "; " + model.processes[e.proc].name + " fails";
  // An assert that runs silently after the step (it reads only the process's own variables) fails in it.
  bool assert_failed = std::any_of(events.begin(), events.end(), [&](const Event &e) {
    return e.kind == EventKind::assert_failed && e.proc == proc;
  });
  if (assert_failed && how != "false")
    out += "; an assert is false";
  bool ends = std::any_of(events.begin(), events.end(),
                          [&](const Event &e) { return e.kind == EventKind::exit && e.proc == proc; });
  if (ends)
    out += "; " + model.processes[proc].name + " ends";
  return out;
}

} // namespace ipcsim
