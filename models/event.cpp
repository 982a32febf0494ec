#include "models/event.hpp"

namespace ipcsim {

std::string_view to_string(EventKind kind) {
  switch (kind) {
  case EventKind::start:
    return "start";
  case EventKind::exit:
    return "exit";
  case EventKind::compute:
    return "compute";
  case EventKind::sleep:
    return "sleep";
  case EventKind::send_begin:
    return "send_begin";
  case EventKind::send_end:
    return "send_end";
  case EventKind::send_failed:
    return "send_failed";
  case EventKind::recv_begin:
    return "recv_begin";
  case EventKind::recv_end:
    return "recv_end";
  case EventKind::recv_failed:
    return "recv_failed";
  case EventKind::send_timeout:
    return "send_timeout";
  case EventKind::recv_timeout:
    return "recv_timeout";
  case EventKind::acquire_timeout:
    return "acquire_timeout";
  case EventKind::block:
    return "block";
  case EventKind::unblock:
    return "unblock";
  case EventKind::wait:
    return "wait";
  case EventKind::choose:
    return "choose";
  case EventKind::create:
    return "create";
  case EventKind::remove:
    return "delete";
  case EventKind::give:
    return "give";
  case EventKind::acquire:
    return "acquire";
  case EventKind::release:
    return "release";
  case EventKind::attach:
    return "attach";
  case EventKind::detach:
    return "detach";
  case EventKind::read:
    return "read";
  case EventKind::write:
    return "write";
  case EventKind::lost:
    return "lost";
  case EventKind::duplicate:
    return "duplicate";
  case EventKind::crash:
    return "crash";
  case EventKind::set:
    return "set";
  case EventKind::assert_failed:
    return "assert_failed";
  case EventKind::invalid:
    return "invalid";
  case EventKind::deadlock:
    return "deadlock";
  case EventKind::violation:
    return "violation";
  }
  return "?";
}

std::string variable_name(const Model &model, std::uint32_t slot) {
  if (slot < model.globals.size())
    return model.globals[slot].name;
  for (const Process &p : model.processes)
    if (slot >= p.var_base && slot < p.var_base + p.variables.size())
      return p.name + "." + p.variables[slot - p.var_base].name;
  return "?";
}

TraceEvent to_trace_event(const Model &model, const Event &event) {
  TraceEvent t;
  t.event = std::string(to_string(event.kind));
  if (event.proc != kNone)
    t.proc = model.processes[event.proc].name;
  if (event.channel != kNone)
    t.channel = model.channels[event.channel].name;
  else if (event.semaphore != kNone)
    t.channel = model.semaphores[event.semaphore].name;
  else if (event.segment != kNone)
    t.channel = model.segments[event.segment].name;
  if (event.msg != 0 || event.kind == EventKind::read || event.kind == EventKind::write) {
    if (event.msg != 0)
      t.msg = event.msg;
    t.size = event.size;
  }
  if (event.tag != 0)
    t.tag = model.tags[event.tag];
  if (event.peer != kNone)
    t.peer = model.processes[event.peer].name;
  if (event.branch >= 0)
    t.branch = event.branch;
  if (event.variable != kNone)
    t.variable = variable_name(model, event.variable);
  if (event.value != 0 || event.kind == EventKind::set)
    t.value = event.value;
  if (event.mark.line > 0)
    t.line = event.mark.line;
  t.detail = event.detail;
  if (event.fault)
    t.cause = "fault";
  return t;
}

} // namespace ipcsim
