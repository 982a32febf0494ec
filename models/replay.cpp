#include "models/replay.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

// The fields that identify what happened; time and line numbers are left out on purpose.
bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return a.proc == b.proc && a.event == b.event && a.channel == b.channel && a.msg == b.msg && a.size == b.size &&
         a.tag == b.tag && a.peer == b.peer && a.branch == b.branch;
}

class TraceCursor {
public:
  TraceCursor(const Model& model, const std::vector<TraceEvent>& trace) : model_(model), trace_(trace) {}

  // Consumes `events` if the trace continues with exactly them. Exits are bookkeeping (the state says who
  // has ended) and the simulator traces them when the process has spent its last step's time, so they are
  // not matched by position.
  bool match(const std::vector<Event>& events) {
    std::size_t k = next_;
    for (const auto& e : events) {
      if (e.kind == EventKind::exit)
        continue;
      skip_system_events(k);
      if (k >= trace_.size() || !same_event(to_trace_event(model_, e), trace_[k]))
        return false;
      ++k;
    }
    next_ = k;
    return true;
  }

  bool done() {
    skip_system_events(next_);
    return next_ >= trace_.size();
  }

  const TraceEvent& peek() const { return trace_[next_]; }

private:
  void skip_system_events(std::size_t& k) const {
    while (k < trace_.size() && (trace_[k].proc.empty() || trace_[k].event == "exit"))
      ++k;
  }

  const Model& model_;
  const std::vector<TraceEvent>& trace_;
  std::size_t next_ = 0;
};

ProcId process_named(const Model& model, const std::string& name) {
  for (ProcId p = 0; p < model.processes.size(); ++p)
    if (model.processes[p].name == name)
      return p;
  return kNone;
}

[[noreturn]] void mismatch(const TraceEvent& e, const std::string& why) {
  throw ReplayError(fmt::format("trace event seq {} ({} {}) {}", e.seq, e.proc, e.event, why));
}

} // namespace

Replay replay_trace(const Semantics& semantics, const std::vector<TraceEvent>& trace, bool keep_states) {
  const Model& model = semantics.model();
  TraceCursor cursor(model, trace);
  std::vector<Event> events;
  Replay replay;
  replay.final_state = semantics.initial_state(events);
  if (trace.empty())
    throw ReplayError("the trace is empty");
  if (!cursor.match(events))
    mismatch(trace.front(), "does not match the initial events (start, exit)");
  while (!cursor.done()) {
    const TraceEvent& next = cursor.peek();
    ProcId p = process_named(model, next.proc);
    if (p == kNone)
      mismatch(next, "names no process of the scenario");
    std::vector<std::uint32_t> alternatives;
    if (replay.final_state.procs[p].status == ProcStatus::ready)
      for (std::uint32_t a = 0, n = semantics.alternative_count(replay.final_state, p); a < n; ++a)
        alternatives.push_back(a);
    else if (semantics.can_time_out(replay.final_state, p))
      alternatives.push_back(kTimeOut);
    else
      mismatch(next, "is a step of a process that cannot move in this state");
    bool matched = false;
    for (std::uint32_t a : alternatives) {
      if (matched)
        break;
      State candidate = replay.final_state;
      events.clear();
      semantics.apply(candidate, {p, a}, events);
      if (cursor.match(events)) {
        replay.final_state = std::move(candidate);
        replay.schedule.push_back({p, a});
        if (keep_states)
          replay.states.push_back(replay.final_state);
        matched = true;
      }
    }
    if (!matched)
      mismatch(next, "is not what the rules of models/ produce in this state");
  }
  return replay;
}

} // namespace ipcsim
