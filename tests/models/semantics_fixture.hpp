// Helpers for the unit tests of the semantic core: a scenario text compiled into a Model, a Semantics over
// it, one State driven by hand, and events rendered as compact strings so that a test can compare whole
// event sequences at once:
//   "p send_begin jobs #1 64B tag=ACQ"   "r recv_end jobs #1 peer=p"   "p choose branch=1"
//   "p invalid: handle h is still pending"   "p set p.seq=1"   "r recv_end data #2 peer=p value=7"
// Sizes appear only when not 0; names are resolved through to_trace_event (what a trace would say).
#pragma once

#include "models/deadlock.hpp"
#include "models/diagnostics.hpp"
#include "models/loader.hpp"
#include "models/model.hpp"
#include "models/semantics.hpp"
#include "models/state.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipcsim::test {

inline Model compile_text(const std::string& yaml) { return compile(load_scenario_text(yaml, "t.yaml")); }

inline std::string render(const Model& model, const Event& event) {
  TraceEvent t = to_trace_event(model, event);
  std::string out = t.proc.empty() ? t.event : t.proc + " " + t.event;
  if (!t.channel.empty())
    out += " " + t.channel;
  if (t.msg)
    out += " #" + std::to_string(*t.msg);
  if (t.size && *t.size != 0)
    out += " " + std::to_string(*t.size) + "B";
  if (!t.tag.empty())
    out += " tag=" + t.tag;
  if (!t.peer.empty())
    out += " peer=" + t.peer;
  if (t.branch)
    out += " branch=" + std::to_string(*t.branch);
  if (!t.variable.empty())
    out += " " + t.variable + "=" + std::to_string(t.value.value_or(0));
  else if (t.value)
    out += " value=" + std::to_string(*t.value);
  if (!t.detail.empty())
    out += ": " + t.detail;
  if (!t.cause.empty())
    out += " (" + t.cause + ")";
  return out;
}

inline std::vector<std::string> render(const Model& model, const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(render(model, e));
  return out;
}

using Lines = std::vector<std::string>;

// A model and one state that a test moves step by step. Not copyable: the Semantics refers to the model.
class Machine {
public:
  explicit Machine(const std::string& yaml) : model_(compile_text(yaml)), semantics_(model_) {
    std::vector<Event> events;
    state = semantics_.initial_state(events);
    initial_events = render(model_, events);
  }
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  const Model& model() const { return model_; }
  const Semantics& semantics() const { return semantics_; }

  ProcId proc(const std::string& name) const {
    for (ProcId p = 0; p < model_.processes.size(); ++p)
      if (model_.processes[p].name == name)
        return p;
    throw std::invalid_argument("no process " + name);
  }
  ChannelId channel(const std::string& name) const {
    for (ChannelId c = 0; c < model_.channels.size(); ++c)
      if (model_.channels[c].name == name)
        return c;
    throw std::invalid_argument("no channel " + name);
  }

  // Fires the step of `name` (alternative `alt`), which must be enabled, and returns what it emitted.
  Lines fire(const std::string& name, std::uint32_t alt = 0) {
    Transition t{proc(name), alt};
    std::vector<Transition> on;
    semantics_.enabled(state, on);
    if (std::find(on.begin(), on.end(), t) == on.end())
      throw std::logic_error("transition of " + name + " (alternative " + std::to_string(alt) + ") is not enabled");
    std::vector<Event> events;
    semantics_.apply(state, t, events);
    return render(model_, events);
  }

  // The enabled transitions as "proc/alternative" strings, in the order enabled() lists them.
  Lines enabled() const {
    std::vector<Transition> on;
    semantics_.enabled(state, on);
    Lines out;
    for (auto t : on)
      out.push_back(model_.processes[t.proc].name + "/" + std::to_string(t.alternative));
    return out;
  }

  ProcStatus status(const std::string& name) const { return state.procs[proc(name)].status; }
  const ChannelState& chan(const std::string& name) const { return state.channels[channel(name)]; }

  // Message ids buffered in a channel, oldest first.
  std::vector<std::uint32_t> buffered(const std::string& name) const {
    std::vector<std::uint32_t> ids;
    for (const auto& m : chan(name).buffer)
      ids.push_back(m.id);
    return ids;
  }
  // Names of the processes waiting to send (or to receive) on a channel, in FIFO order.
  Lines waiting_senders(const std::string& name) const {
    Lines out;
    for (const auto& s : chan(name).senders)
      out.push_back(model_.processes[s.proc].name);
    return out;
  }
  Lines waiting_receivers(const std::string& name) const {
    Lines out;
    for (const auto& r : chan(name).receivers)
      out.push_back(model_.processes[r.proc].name);
    return out;
  }

  HandleStatus handle(const std::string& proc_name, const std::string& handle_name) const {
    const Process& p = model_.processes[proc(proc_name)];
    for (std::uint32_t h = 0; h < p.handle_names.size(); ++h)
      if (p.handle_names[h] == handle_name)
        return state.handles[p.handle_base + h].status;
    throw std::invalid_argument("no handle " + handle_name);
  }

  // A variable's value by its trace name: "total" (a global) or "p.seq" (a process's own).
  std::int64_t var(const std::string& name) const {
    for (std::uint32_t slot = 0; slot < model_.var_count; ++slot)
      if (variable_name(model_, slot) == name)
        return state.vars[slot];
    throw std::invalid_argument("no variable " + name);
  }

  BlockingAnalysis blocking() const { return analyse_blocking(model_, state); }

  State state;
  Lines initial_events;

private:
  Model model_;
  Semantics semantics_;
};

// One row of a script: the step that `proc` takes (alternative `alt`) and the events it must emit.
struct Step {
  std::string proc;
  Lines events;
  std::uint32_t alt = 0;
};

// Plays a script on `m`, checking every step's events exactly.
inline void play(Machine& m, const std::vector<Step>& script) {
  for (std::size_t k = 0; k < script.size(); ++k) {
    INFO("script step " << k << ": " << script[k].proc << "/" << script[k].alt);
    CHECK(m.fire(script[k].proc, script[k].alt) == script[k].events);
  }
}

// The message of the ScenarioError that compiling `yaml` throws, or "" when it compiles.
inline std::string compile_errors(const std::string& yaml) {
  try {
    compile_text(yaml);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

} // namespace ipcsim::test

namespace Catch {
template <> struct StringMaker<ipcsim::ProcStatus> {
  static std::string convert(ipcsim::ProcStatus s) {
    switch (s) {
    case ipcsim::ProcStatus::ready: return "ready";
    case ipcsim::ProcStatus::blocked: return "blocked";
    case ipcsim::ProcStatus::ended: return "ended";
    case ipcsim::ProcStatus::failed: return "failed";
    }
    return "?";
  }
};
template <> struct StringMaker<ipcsim::HandleStatus> {
  static std::string convert(ipcsim::HandleStatus s) {
    switch (s) {
    case ipcsim::HandleStatus::idle: return "idle";
    case ipcsim::HandleStatus::pending: return "pending";
    case ipcsim::HandleStatus::done: return "done";
    }
    return "?";
  }
};
} // namespace Catch
