#include "checker/counterexample.hpp"

#include "checker/step_description.hpp"
#include "models/data_race.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipcsim {
namespace {

class Replay {
public:
  explicit Replay(const Model &model) : model_(model), semantics_(model) {}

  Counterexample run(PropertyKind kind, const std::vector<std::uint32_t> &choices) {
    Counterexample cx;
    cx.kind = kind;
    state_ = semantics_.initial_state(events_);
    std::size_t last_step = 0;
    for (std::uint32_t choice : choices) {
      std::vector<Transition> enabled;
      semantics_.enabled(state_, enabled);
      last_step = fire(cx, enabled.at(choice));
    }
    conclude(cx, last_step);
    if (kind == PropertyKind::data_race)
      run_the_race(cx);
    return cx;
  }

private:
  // Returns where the step's events begin in events_.
  std::size_t fire(Counterexample &cx, Transition t) {
    const Instruction &i = *model_.instruction(t.proc, state_.procs[t.proc].pc);
    std::size_t first = events_.size();
    semantics_.apply(state_, t, events_);
    std::span<const Event> fired(events_.begin() + static_cast<std::ptrdiff_t>(first), events_.end());
    cx.schedule.push_back(t);
    cx.steps.push_back({t, model_.processes[t.proc].name, describe_step(model_, t.proc, i, fired), i.mark.line,
                        i.mark.column, first});
    return first;
  }

  // The violating state has two conflicting accesses enabled: run them back to back, then let the vector
  // clocks judge the whole trace, which marks the later access with the earlier one's position.
  void run_the_race(Counterexample &cx) {
    auto [first, second] = *conflicting_accesses(model_, state_);
    cx.trace.pop_back(); // the closing violation event comes after the accesses
    for (ProcId p : {first, second}) {
      std::size_t from = fire(cx, {p, 0});
      for (std::size_t k = from; k < events_.size(); ++k)
        cx.trace.push_back(to_trace_event(model_, events_[k]));
    }
    HappensBefore clocks(model_);
    std::vector<DataRace> races;
    std::vector<Event> initial;
    std::size_t seq = 0;
    State replayed = semantics_.initial_state(initial);
    clocks.observe(kNone, initial, 0, races);
    seq = initial.size();
    for (Transition t : cx.schedule) {
      std::vector<Event> fired;
      semantics_.apply(replayed, t, fired);
      clocks.observe(t.proc, fired, seq, races);
      seq += fired.size();
    }
    if (races.empty())
      throw std::logic_error("the data race counterexample is ordered by its vector clocks");
    // The last access may race with several earlier ones: the report names the first found there.
    auto at_last = std::find_if(races.begin(), races.end(),
                                [&](const DataRace &r) { return r.later_seq == races.back().later_seq; });
    const DataRace &race = *at_last;
    cx.trace[race.later_seq].race_with = race.earlier_seq;
    cx.description = race.description;
    TraceEvent last;
    last.event = "violation";
    last.detail = cx.description;
    cx.trace.push_back(std::move(last));
    for (std::size_t k = 0; k < cx.trace.size(); ++k)
      cx.trace[k].seq = k;
  }

  // The violation the recipe promised, from its last step's events or its last state.
  void conclude(Counterexample &cx, std::size_t last_step) {
    PropertyMonitor monitor(model_);
    PropertySet wanted;
    wanted.insert(cx.kind);
    std::vector<PropertyViolation> found;
    std::span<const Event> fired(events_.begin() + static_cast<std::ptrdiff_t>(last_step), events_.end());
    monitor.check_events(fired, wanted, found);
    if (found.empty())
      monitor.check_state(state_, wanted, found);
    if (found.empty())
      throw std::logic_error("the counterexample for " + std::string(to_string(cx.kind)) + " does not replay");
    cx.description = found.front().description;
    cx.blocking = analyse_blocking(model_, state_);
    cx.wait_for = wait_for_graph(model_, state_, cx.blocking);
    for (const Event &e : events_)
      cx.trace.push_back(to_trace_event(model_, e));
    // A whole-system event (no `proc`), as the simulator writes a deadlock: the detail names the process.
    TraceEvent last;
    last.event = cx.kind == PropertyKind::deadlock ? "deadlock" : "violation";
    last.detail = cx.description;
    cx.trace.push_back(std::move(last));
    for (std::size_t k = 0; k < cx.trace.size(); ++k)
      cx.trace[k].seq = k;
  }

  const Model &model_;
  Semantics semantics_;
  State state_;
  std::vector<Event> events_;
};

} // namespace

Counterexample build_counterexample(const Model &model, PropertyKind kind, const std::vector<std::uint32_t> &choices) {
  return Replay(model).run(kind, choices);
}

State replay(const Semantics &semantics, const std::vector<Transition> &schedule, std::vector<Event> &events) {
  State state = semantics.initial_state(events);
  for (Transition t : schedule)
    semantics.apply(state, t, events);
  return state;
}

} // namespace ipcsim
