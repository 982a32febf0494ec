#include "models/replay.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

// The fields that identify what happened; time and line numbers are left out on purpose.
bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return a.proc == b.proc && a.event == b.event && a.channel == b.channel && a.msg == b.msg && a.size == b.size &&
         a.tag == b.tag && a.peer == b.peer && a.branch == b.branch && a.cause == b.cause;
}

class TraceCursor {
public:
  TraceCursor(const Model& model, const std::vector<TraceEvent>& trace) : model_(model), trace_(trace) {}

  // Where the trace would continue if it goes on with exactly `events`; nullopt if it does not. Exits are
  // bookkeeping (the state says who has ended) and the simulator traces them when the process has spent its
  // last step's time, so they are not matched by position.
  std::optional<std::size_t> end_of(const std::vector<Event>& events) const {
    std::size_t k = next_;
    for (const auto& e : events) {
      if (e.kind == EventKind::exit)
        continue;
      skip_system_events(k);
      if (k >= trace_.size() || !same_event(to_trace_event(model_, e), trace_[k]))
        return std::nullopt;
      ++k;
    }
    return k;
  }

  bool match(const std::vector<Event>& events) {
    std::optional<std::size_t> end = end_of(events);
    if (end)
      next_ = *end;
    return end.has_value();
  }

  void move_to(std::size_t k) { next_ = k; }

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
    std::vector<Transition> alternatives;
    semantics.transitions_of(replay.final_state, p, alternatives);
    if (alternatives.empty())
      mismatch(next, "is a step of a process that cannot move in this state");
    // The alternative that explains the most of the trace: a duplicated send's events begin with a plain
    // send's.
    std::optional<std::size_t> best_end;
    State best;
    Transition chosen;
    for (Transition t : alternatives) {
      State candidate = replay.final_state;
      events.clear();
      semantics.apply(candidate, t, events);
      std::optional<std::size_t> end = cursor.end_of(events);
      if (end && (!best_end || *end > *best_end)) {
        best_end = end;
        best = std::move(candidate);
        chosen = t;
      }
    }
    if (!best_end)
      mismatch(next, "is not what the rules of models/ produce in this state");
    cursor.move_to(*best_end);
    replay.final_state = std::move(best);
    replay.schedule.push_back(chosen);
    if (keep_states)
      replay.states.push_back(replay.final_state);
  }
  return replay;
}

} // namespace ipcsim
