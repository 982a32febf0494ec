#include "reports/timeline_json.hpp"

#include "reports/channel_levels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

namespace ipcsim {
namespace {

using Json = nlohmann::ordered_json;

constexpr int scenario_pid = 1;
constexpr int scenario_tid = 1; // tid == pid: the scenario's main thread, which no process is
constexpr int first_process_tid = 2;
constexpr std::int64_t step_ns = 1000; // a counterexample's step: 1 us

// Drawn as instants on their process's track: failures and faults, and the steps on semaphores, mailboxes
// and segments.
constexpr std::array<std::string_view, 19> instants{
    "send_failed", "recv_failed", "lost",         "invalid",      "assert_failed",   "acquire",   "release",
    "create",      "delete",      "give",         "attach",       "detach",          "read",      "write",
    "send_timeout", "recv_timeout", "acquire_timeout", "duplicate", "crash"};
constexpr std::array<std::string_view, 11> drawn{"compute",    "sleep",    "send_begin", "send_end",
                                                 "recv_begin", "recv_end", "block",      "unblock",
                                                 "exit",       "deadlock", "violation"};

// The events that end a wait: its operation completed, or it gave up.
bool ends_a_wait(std::string_view event) {
  return event == "unblock" || event == "send_timeout" || event == "recv_timeout" || event == "acquire_timeout";
}

bool is_instant(std::string_view event) {
  return std::find(instants.begin(), instants.end(), event) != instants.end();
}

// Where an event sits on the timeline, and how long its compute or sleep lasts there.
struct Moment {
  std::int64_t ns = 0;
  std::int64_t length_ns = 0;
};

std::int64_t nanoseconds(double seconds) {
  return std::llround(seconds * 1e9);
}

double microseconds(std::int64_t ns) {
  return static_cast<double>(ns) / 1000.0;
}

// The event's fields that say what it was about, for the viewer's details pane.
Json args_of(const TraceEvent &e) {
  Json args = Json::object();
  if (!e.channel.empty())
    args["channel"] = e.channel;
  if (e.msg)
    args["msg"] = *e.msg;
  if (e.size)
    args["size"] = *e.size;
  if (!e.tag.empty())
    args["tag"] = e.tag;
  if (!e.peer.empty())
    args["peer"] = e.peer;
  if (e.line)
    args["line"] = *e.line;
  if (!e.detail.empty())
    args["detail"] = e.detail;
  if (e.race_with)
    args["race_with_seq"] = *e.race_with;
  return args;
}

class TimelineBuilder {
public:
  TimelineBuilder(const Model &model, const std::vector<TraceEvent> &events, std::vector<Moment> moments,
                  std::int64_t end_ns)
      : model_(model), events_(events), moments_(std::move(moments)), end_ns_(end_ns) {
    for (const Process &p : model.processes)
      thread_of(p.name);
    for (const TraceEvent &e : events) // processes the scenario does not name (a trace from elsewhere) follow
      if (!e.proc.empty())
        thread_of(e.proc);
    pair_messages();
  }

  Json build(Json metadata) {
    name_tracks();
    for (ChannelId c = 0; c < model_.channels.size(); ++c)
      counter(0, model_.channels[c].name, 0);
    std::vector<LevelChange> levels = channel_levels(model_, events_);
    auto level = levels.begin();
    for (std::size_t k = 0; k < events_.size(); ++k) {
      draw(k);
      for (; level != levels.end() && level->event == k; ++level)
        counter(moments_[k].ns, model_.channels[level->channel].name, level->messages);
    }
    for (const auto &[tid, wait] : waits_)
      close_wait(wait, end_ns_);
    // In time order, events of one time in the order drawn: a viewer that sorts them finds nothing to move, and
    // each flow event stays right after the slice it binds to.
    std::stable_sort(items_.begin(), items_.end(),
                     [](const Json &a, const Json &b) { return a["ts"].get<double>() < b["ts"].get<double>(); });
    Json timeline;
    timeline["traceEvents"] = std::move(items_);
    timeline["displayTimeUnit"] = "ns";
    timeline["metadata"] = std::move(metadata);
    return timeline;
  }

private:
  struct Wait {
    std::size_t item = 0; // its slice in items_, whose dur is known at the unblock
    std::int64_t start_ns = 0;
  };

  int thread_of(const std::string &process) {
    auto [it, added] = threads_.emplace(process, first_process_tid + static_cast<int>(threads_.size()));
    if (added)
      thread_order_.push_back(process);
    return it->second;
  }

  // Flow ids, one per delivery (a multicast message has one per listener), numbered in the order of the
  // receives; only messages whose send is in the trace get an arrow.
  void pair_messages() {
    std::map<std::uint64_t, std::size_t> sends;
    std::uint64_t next_id = 1;
    for (std::size_t k = 0; k < events_.size(); ++k) {
      const TraceEvent &e = events_[k];
      if (!e.msg)
        continue;
      if (e.event == "send_begin")
        sends[*e.msg] = k;
      else if (auto send = sends.find(*e.msg); e.event == "recv_end" && send != sends.end()) {
        flows_from_[send->second].push_back(next_id);
        flow_to_[k] = next_id++;
      }
    }
  }

  Json item(std::string name, std::string_view phase, std::int64_t ns, int tid) {
    return Json{
        {"name", std::move(name)}, {"ph", phase}, {"ts", microseconds(ns)}, {"pid", scenario_pid}, {"tid", tid}};
  }

  void metadata_item(const std::string &name, int tid, Json args) {
    Json m = item(name, "M", 0, tid);
    m["args"] = std::move(args);
    items_.push_back(std::move(m));
  }

  void name_tracks() {
    metadata_item("process_name", scenario_tid, {{"name", model_.scenario.name}});
    for (std::size_t k = 0; k < thread_order_.size(); ++k) {
      int tid = threads_.at(thread_order_[k]);
      metadata_item("thread_name", tid, {{"name", thread_order_[k]}});
      metadata_item("thread_sort_index", tid, {{"sort_index", k}});
    }
  }

  void slice(std::string name, std::string_view category, std::int64_t ns, std::int64_t length_ns, int tid, Json args) {
    items_.push_back(Json{{"name", std::move(name)},
                          {"cat", category},
                          {"ph", "X"},
                          {"ts", microseconds(ns)},
                          {"dur", microseconds(length_ns)},
                          {"pid", scenario_pid},
                          {"tid", tid},
                          {"args", std::move(args)}});
  }

  void flow(std::string_view phase, std::uint64_t id, std::int64_t ns, int tid) {
    Json f{{"name", "message"},   {"cat", "message"}, {"ph", phase}, {"ts", microseconds(ns)},
           {"pid", scenario_pid}, {"tid", tid},       {"id", id}};
    if (phase == "f")
      f["bp"] = "e"; // binds to the receive slice it sits in, not to the next one
    items_.push_back(std::move(f));
  }

  void counter(std::int64_t ns, const std::string &channel, std::uint64_t messages) {
    Json c = item(channel, "C", ns, scenario_tid);
    c["args"] = {{"queued", messages}};
    items_.push_back(std::move(c));
  }

  void instant(const TraceEvent &e, std::int64_t ns) {
    bool of_process = !e.proc.empty();
    Json i = item(e.event, "i", ns, of_process ? thread_of(e.proc) : scenario_tid);
    i["s"] = of_process ? "t" : "p";
    i["args"] = args_of(e);
    items_.push_back(std::move(i));
  }

  void draw(std::size_t k) {
    const TraceEvent &e = events_[k];
    const Moment &at = moments_[k];
    if (e.proc.empty() && e.event != "deadlock" && e.event != "violation")
      return;
    int tid = e.proc.empty() ? 0 : thread_of(e.proc);
    if (auto wait = waits_.find(tid); !e.proc.empty() && ends_a_wait(e.event) && wait != waits_.end()) {
      close_wait(wait->second, at.ns);
      waits_.erase(wait);
    }
    if (e.event == "deadlock" || e.event == "violation" || is_instant(e.event))
      return instant(e, at.ns);
    if (e.event == "compute" || e.event == "sleep")
      slice(e.event, "process", at.ns, at.length_ns, tid, args_of(e));
    else if (e.event == "send_begin")
      message_end("send", k, tid);
    else if (e.event == "recv_end")
      message_end("receive", k, tid);
    else if (e.event == "block")
      open_wait(k, tid);
    if (e.event == "send_begin" || e.event == "recv_begin")
      began_[tid] = k;
  }

  // A send or a receive: a slice of no length, which the message's arrows start from or end in.
  void message_end(std::string name, std::size_t k, int tid) {
    std::int64_t ns = moments_[k].ns;
    slice(std::move(name), "message", ns, 0, tid, args_of(events_[k]));
    if (auto from = flows_from_.find(k); from != flows_from_.end())
      for (std::uint64_t id : from->second)
        flow("s", id, ns, tid);
    if (auto to = flow_to_.find(k); to != flow_to_.end())
      flow("f", to->second, ns, tid);
  }

  // A send or receive that blocks does so in the step that began it, at the same scenario line; any other
  // block is an acquire (naming its semaphore) or a `wait` on a handle.
  std::string wait_name(std::size_t k, int tid) const {
    const TraceEvent &e = events_[k];
    if (auto began = began_.find(tid); began != began_.end() && events_[began->second].line == e.line)
      return events_[began->second].event == "send_begin" ? "blocked-send" : "blocked-receive";
    bool semaphore = std::any_of(model_.semaphores.begin(), model_.semaphores.end(),
                                 [&](const Semaphore &s) { return s.name == e.channel; });
    return semaphore ? "blocked-semaphore" : "blocked-wait";
  }

  void open_wait(std::size_t k, int tid) {
    std::int64_t ns = moments_[k].ns;
    waits_[tid] = {items_.size(), ns};
    slice(wait_name(k, tid), "process", ns, 0, tid, args_of(events_[k]));
  }

  void close_wait(const Wait &wait, std::int64_t ns) {
    items_[wait.item]["dur"] = microseconds(std::max(ns, wait.start_ns) - wait.start_ns);
  }

  const Model &model_;
  const std::vector<TraceEvent> &events_;
  std::vector<Moment> moments_;
  std::int64_t end_ns_;
  std::map<std::string, int> threads_;
  std::vector<std::string> thread_order_;
  std::map<std::size_t, std::vector<std::uint64_t>> flows_from_; // a send_begin's index: its flow ids
  std::map<std::size_t, std::uint64_t> flow_to_;                 // a recv_end's index: its flow id
  std::map<int, std::size_t> began_;                             // a process's last send_begin or recv_begin
  std::map<int, Wait> waits_;                                    // the processes blocked now
  Json items_ = Json::array();
};

// The simulator traces a compute or sleep when it starts, but a mailbox owner's last one when it ends, just
// before the owner exits with its mailboxes (sim/simulation_steps.cpp): one that would outlast its process is
// moved back to end there.
void place_last_steps(const std::vector<TraceEvent> &events, std::vector<Moment> &moments) {
  std::map<std::string, std::int64_t> exits;
  for (std::size_t k = 0; k < events.size(); ++k)
    if (events[k].event == "exit")
      exits[events[k].proc] = moments[k].ns;
  for (std::size_t k = 0; k < events.size(); ++k) {
    auto exit = exits.find(events[k].proc);
    bool timed = events[k].event == "compute" || events[k].event == "sleep";
    if (timed && exit != exits.end() && moments[k].ns + moments[k].length_ns > exit->second)
      moments[k].ns = std::max<std::int64_t>(0, moments[k].ns - moments[k].length_ns);
  }
}

} // namespace

bool drawn_on_timeline(const TraceEvent &event) {
  return std::find(drawn.begin(), drawn.end(), event.event) != drawn.end() || is_instant(event.event);
}

nlohmann::ordered_json run_timeline(const Model &model, const std::vector<TraceEvent> &events, double end) {
  std::vector<Moment> moments;
  std::int64_t end_ns = nanoseconds(end);
  for (const TraceEvent &e : events) {
    moments.push_back({nanoseconds(e.t.value_or(0)), nanoseconds(e.duration.value_or(0))});
    end_ns = std::max(end_ns, moments.back().ns);
  }
  place_last_steps(events, moments);
  Json metadata{{"generator", "ipcsim run"},
                {"scenario", model.scenario.name},
                {"seed", model.scenario.seed},
                {"clock", "simulated time in microseconds, to the nanosecond as in the trace"}};
  return TimelineBuilder(model, events, std::move(moments), end_ns).build(std::move(metadata));
}

nlohmann::ordered_json counterexample_timeline(const Model &model, const Counterexample &cx) {
  std::int64_t end_ns = static_cast<std::int64_t>(cx.steps.size() + 1) * step_ns;
  std::vector<Moment> moments;
  std::size_t step = 0; // the steps whose events have begun
  for (std::size_t k = 0; k < cx.trace.size(); ++k) {
    while (step < cx.steps.size() && cx.steps[step].first_event <= k)
      ++step;
    bool closing = cx.trace[k].proc.empty() && k + 1 == cx.trace.size();
    moments.push_back({closing ? end_ns : static_cast<std::int64_t>(step) * step_ns, step_ns});
  }
  Json metadata{{"generator", "ipcsim check"},
                {"scenario", model.scenario.name},
                {"property", std::string(to_string(cx.kind))},
                {"violation", cx.description},
                {"steps", cx.steps.size()},
                {"clock", "checker steps, not time: step k of the schedule spans [k, k+1) us (1 us per step); "
                          "the initial state is at 0"}};
  return TimelineBuilder(model, cx.trace, std::move(moments), end_ns).build(std::move(metadata));
}

std::string timeline_text(const nlohmann::ordered_json &timeline) {
  std::string text = "{\"traceEvents\":[\n";
  const Json &items = timeline.at("traceEvents");
  for (std::size_t k = 0; k < items.size(); ++k)
    text += items[k].dump() + (k + 1 < items.size() ? ",\n" : "\n");
  text += "],\n";
  bool first = true;
  for (const auto &[key, value] : timeline.items()) {
    if (key == "traceEvents")
      continue;
    text += std::string(first ? "" : ",\n") + Json(key).dump() + ":" + value.dump();
    first = false;
  }
  return text + "}\n";
}

} // namespace ipcsim
