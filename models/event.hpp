// What a transition did, in the compact form the semantics emits; to_trace_event() names it for traces.
#pragma once

#include "models/model.hpp"
#include "models/trace_event.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcsim {

enum class EventKind : std::uint8_t {
  start,
  exit,
  compute,
  sleep,
  send_begin,
  send_end,
  send_failed,
  recv_begin,
  recv_end,
  recv_failed,
  send_timeout, // a blocking send, receive or acquire with a timeout gave up waiting
  recv_timeout,
  acquire_timeout,
  block,
  unblock,
  wait,   // a wait on a handle that had already completed (added to the v1 list: every transition has an event)
  choose, // a choose step took `branch` (added to the v1 list: a trace must say which branch was taken)
  create,
  remove, // named "delete" in traces
  give,
  acquire,
  release,
  attach,
  detach,
  read,
  write,
  lost,
  duplicate,     // a duplicating channel accepted a second copy of the message (same msg)
  crash,         // a process with `crash:` stopped for good
  set,           // a variable took a new value (one event per variable of a `set`)
  assert_failed, // an `assert` whose condition was false
  invalid,
  deadlock,
  violation,
};

std::string_view to_string(EventKind kind);

struct Event {
  EventKind kind = EventKind::start;
  ProcId proc = kNone;
  ChannelId channel = kNone;
  std::uint32_t msg = 0; // 0: none
  std::uint64_t size = 0;
  TagId tag = 0;
  ProcId peer = kNone;           // send_end, recv_end: the other process; give: who received the privilege
  SemaphoreId semaphore = kNone; // acquire, release, and a block in acquire
  SegmentId segment = kNone;     // attach, detach, read, write
  int branch = -1;
  std::uint32_t variable = kNone; // set: the variable, as an index into State::vars
  std::int64_t value = 0;         // the message's value (send and receive events), or a set's new value
  SourceMark mark;                // the step that caused it
  std::string detail;             // invalid: what was wrong
  bool fault = false;             // lost: destroyed by a lossy channel, not by the design (SCENARIO_FORMAT.md, "Faults")
};

// A variable by its index into State::vars: "seq" for a global, "sender.seq" for a process's own.
std::string variable_name(const Model &model, std::uint32_t slot);

// Names resolved; `seq` and `t` are the engine's to fill in. Sizes appear on message events only.
TraceEvent to_trace_event(const Model &model, const Event &event);

} // namespace ipcsim
