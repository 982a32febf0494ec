#include "reports/run_summary.hpp"

#include "reports/number_format.hpp"
#include "reports/output_numbers.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

std::size_t name_width(const Model& model) {
  std::size_t w = 8;
  for (const auto& p : model.processes)
    w = std::max(w, p.name.size());
  for (const auto& c : model.channels)
    w = std::max(w, c.name.size());
  for (const auto& s : model.semaphores)
    w = std::max(w, s.name.size());
  for (const auto& s : model.segments)
    w = std::max(w, s.name.size());
  return w;
}

// Links that were never used are left out of the tables: they exist only because someone names a peer.
bool used(const ChannelCounts& c) {
  return c.messages || c.failed_sends || c.failed_receives || c.occupancy.peak_messages || c.left_buffered ||
         c.lost;
}

bool shown(const Model& model, const RunResult& r, std::size_t c) {
  return !model.channels[c].is_link || used(r.channels[c]);
}

// Per second of simulated time; none when the run took no time (pure logical time).
std::optional<double> per_second(double amount, double end_time) {
  if (end_time <= 0)
    return std::nullopt;
  return amount / end_time;
}

std::string rate_cell(std::optional<double> rate) { return rate ? human_rate(*rate) : "-"; }

struct Totals {
  std::uint64_t messages = 0, bytes = 0, failed = 0, lost = 0, copied = 0, reserved = 0, switches = 0;
  std::uint64_t lost_to_faults = 0, duplicated = 0;
  double busy = 0, blocked_send = 0, blocked_receive = 0, blocked_semaphore = 0, idle = 0;
  std::vector<double> latencies;
};

Totals totals_of(const RunResult& r) {
  Totals t;
  for (const auto& c : r.channels) {
    t.messages += c.messages;
    t.bytes += c.bytes;
    t.failed += c.failed_sends + c.failed_receives;
    t.lost += c.lost;
    t.lost_to_faults += c.lost_to_faults;
    t.duplicated += c.duplicated;
    t.copied += c.bytes_copied;
    t.reserved += c.memory_reserved;
    t.latencies.insert(t.latencies.end(), c.latencies.begin(), c.latencies.end());
  }
  for (const auto& p : r.processes) {
    t.busy += p.busy;
    t.blocked_send += p.blocked_send;
    t.blocked_receive += p.blocked_receive;
    t.blocked_semaphore += p.blocked_semaphore;
    t.idle += p.idle;
    t.switches += p.context_switches;
  }
  return t;
}

// The blocked-sem column appears only in scenarios with semaphores: elsewhere it would always read 0.
void write_processes(std::string& out, const Model& model, const RunResult& r, std::size_t w) {
  bool semaphores = !model.semaphores.empty();
  auto semaphore_cell = [&](const std::string& text) { return semaphores ? fmt::format("  {:>11}", text) : ""; };
  out += fmt::format("\n{:<{}}  {:>10}  {:>12}  {:>12}{}  {:>10}  {:>8}  {:>10}  {}\n", "process", w, "busy",
                     "blocked-send", "blocked-recv", semaphore_cell("blocked-sem"), "idle", "switches", "end",
                     "outcome");
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ProcessTimes& t = r.processes[p];
    out += fmt::format("{:<{}}  {:>10}  {:>12}  {:>12}{}  {:>10}  {:>8}  {:>10}  {}\n", model.processes[p].name, w,
                       human_duration(t.busy), human_duration(t.blocked_send), human_duration(t.blocked_receive),
                       semaphore_cell(human_duration(t.blocked_semaphore)), human_duration(t.idle),
                       t.context_switches, human_duration(t.end), t.outcome);
  }
}

void write_traffic(std::string& out, const Model& model, const RunResult& r, std::size_t w) {
  out += fmt::format("\n{:<{}}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}  {:>11}  {:>6}  {:>11}\n", "channel", w,
                     "messages", "bytes", "msg/s", "B/s", "failed-send", "failed-recv", "lost", "left-queued");
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    if (!shown(model, r, c))
      continue;
    const ChannelCounts& n = r.channels[c];
    out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}  {:>11}  {:>6}  {:>11}\n", model.channels[c].name,
                       w, n.messages, n.bytes, rate_cell(per_second(double(n.messages), r.end_time)),
                       rate_cell(per_second(double(n.bytes), r.end_time)), n.failed_sends, n.failed_receives, n.lost,
                       n.left_buffered);
  }
}

void write_latency_and_memory(std::string& out, const Model& model, const RunResult& r, std::size_t w) {
  out += fmt::format("\n{:<{}}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}  {:>11}  {:>10}  {:>9}  {:>9}\n",
                     "channel", w, "lat-p50", "lat-p95", "lat-p99", "lat-max", "in-buffer", "peak-queued",
                     "mean-queued", "peak-bytes", "reserved", "copied");
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    if (!shown(model, r, c))
      continue;
    const ChannelCounts& n = r.channels[c];
    LatencySummary l = summarize_latencies(n.latencies);
    double in_buffer = n.messages ? n.time_in_buffer / double(n.messages) : 0;
    out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}  {:>11.2f}  {:>10}  {:>9}  {:>9}\n",
                       model.channels[c].name, w, human_duration(l.p50), human_duration(l.p95),
                       human_duration(l.p99), human_duration(l.max), human_duration(in_buffer),
                       n.occupancy.peak_messages, n.occupancy.mean_messages, human_size(n.occupancy.peak_bytes),
                       human_size(n.memory_reserved), human_size(n.bytes_copied));
  }
}

void write_semaphores(std::string& out, const Model& model, const RunResult& r, std::size_t w) {
  w = std::max<std::size_t>(w, 9); // "semaphore"
  out += fmt::format("\n{:<{}}  {:>9}  {:>9}  {:>9}  {:>12}\n", "semaphore", w, "acquires", "releases", "blocked",
                     "time-blocked");
  for (std::size_t s = 0; s < model.semaphores.size(); ++s) {
    const SemaphoreCounts& n = r.semaphores[s];
    out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  {:>12}\n", model.semaphores[s].name, w, n.acquires, n.releases,
                       n.blocked_acquires, human_duration(n.time_blocked));
  }
}

void write_segments(std::string& out, const Model& model, const RunResult& r, std::size_t w) {
  out += fmt::format("\n{:<{}}  {:>9}  {:>9}  {:>12}  {:>13}\n", "segment", w, "reads", "writes", "bytes-read",
                     "bytes-written");
  for (std::size_t s = 0; s < model.segments.size(); ++s) {
    const SegmentCounts& n = r.segments[s];
    out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>12}  {:>13}\n", model.segments[s].name, w, n.reads, n.writes,
                       n.bytes_read, n.bytes_written);
  }
}

// "at t = 2ms (t.yaml:9): ..." as the checker words the violation, with the time and line of the step.
std::string violation_line(const Model &model, const RunViolation &v) {
  std::string where = v.line > 0 ? fmt::format(" ({}:{})", model.scenario.file, v.line) : "";
  std::string often = v.occurrences > 1 ? fmt::format(", the first of {}", v.occurrences) : "";
  return fmt::format("at t = {}{}{}: {}", human_duration(v.t), where, often, v.description);
}

std::string_view stop_name(RunResult::Stop stop) {
  switch (stop) {
  case RunResult::Stop::none:
    return "";
  case RunResult::Stop::time_limit:
    return "until";
  case RunResult::Stop::max_events:
    return "max_events";
  case RunResult::Stop::interrupted:
    return "interrupt";
  case RunResult::Stop::out_of_memory:
    return "out_of_memory";
  }
  return "?";
}

nlohmann::ordered_json latency_json(const std::vector<double>& samples) {
  if (samples.empty())
    return nullptr;
  LatencySummary l = summarize_latencies(samples);
  return {{"mean", output_seconds(l.mean)}, {"p50", output_seconds(l.p50)}, {"p95", output_seconds(l.p95)},
          {"p99", output_seconds(l.p99)},   {"max", output_seconds(l.max)}};
}

nlohmann::ordered_json optional_json(std::optional<double> value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

} // namespace

std::string run_summary_text(const Model& model, const RunResult& r) {
  std::string out = fmt::format("scenario {}: {} at t = {} after {} events (seed {})\n", model.scenario.name,
                                to_string(r.outcome), human_duration(r.end_time), r.events, model.scenario.seed);
  if (r.forced_steps > 0)
    out += fmt::format("replay: the trace's {} steps were followed (the last at t = {}), then the run went on by "
                       "itself\n",
                       r.forced_steps, human_duration(r.forced_until));
  if (r.blocking) {
    out += deadlock_headline(*r.blocking) + ":\n";
    for (const auto& line : describe_stuck(model, *r.blocking))
      out += "  " + line + "\n";
  } else if (!r.message.empty() && r.outcome != RunResult::Outcome::invalid) { // an invalid operation is listed
    out += r.message + "\n";                                                   // below, with its time and line
  }
  for (const auto &v : r.violations)
    if (!v.ends_the_run)
      out += violation_line(model, v) + "\n";
  std::size_t w = name_width(model);
  write_processes(out, model, r, w);
  write_traffic(out, model, r, w);
  write_latency_and_memory(out, model, r, w);
  Totals t = totals_of(r);
  LatencySummary l = summarize_latencies(t.latencies);
  out += fmt::format("\nall channels: {} messages at {} msg/s, latency p50 {} p99 {} max {}; {} copied; {} reserved "
                     "by buffers (peak {} queued, {}); {} context switches\n",
                     t.messages, rate_cell(per_second(double(t.messages), r.end_time)), human_duration(l.p50),
                     human_duration(l.p99), human_duration(l.max), human_size(t.copied), human_size(t.reserved),
                     r.occupancy.peak_messages, human_size(r.occupancy.peak_bytes), t.switches);
  if (!model.semaphores.empty())
    write_semaphores(out, model, r, w);
  if (!model.segments.empty())
    write_segments(out, model, r, w);
  return out;
}

nlohmann::ordered_json run_summary_json(const Model& model, const RunResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = model.scenario.name;
  j["seed"] = model.scenario.seed;
  j["outcome"] = std::string(to_string(r.outcome));
  j["end_time"] = output_seconds(r.end_time);
  j["events"] = r.events;
  if (!r.message.empty())
    j["message"] = r.message;
  if (r.stop != RunResult::Stop::none)
    j["stopped_by"] = std::string(stop_name(r.stop));
  if (r.forced_steps > 0)
    j["replayed_steps"] = r.forced_steps;
  j["violations"] = nlohmann::ordered_json::array();
  for (const auto &v : r.violations)
    j["violations"].push_back({{"property", std::string(to_string(v.kind))},
                               {"t", output_seconds(v.t)},
                               {"line", v.line},
                               {"occurrences", v.occurrences},
                               {"description", v.description}});
  j["data_races"] = nlohmann::ordered_json::array();
  for (const auto& race : r.data_races)
    j["data_races"].push_back(
        {{"description", race.description}, {"earlier_seq", race.earlier_seq}, {"later_seq", race.later_seq}});
  Totals t = totals_of(r);
  j["totals"] = {{"messages", t.messages},
                 {"bytes", t.bytes},
                 {"throughput", optional_json(per_second(double(t.messages), r.end_time))},
                 {"latency", latency_json(t.latencies)},
                 {"busy", output_seconds(t.busy)},
                 {"blocked_send", output_seconds(t.blocked_send)},
                 {"blocked_receive", output_seconds(t.blocked_receive)},
                 {"blocked_semaphore", output_seconds(t.blocked_semaphore)},
                 {"idle", output_seconds(t.idle)},
                 {"memory_reserved", t.reserved},
                 {"bytes_copied", t.copied},
                 {"context_switches", t.switches},
                 {"failed", t.failed},
                 {"lost", t.lost},
                 {"peak_occupancy_messages", r.occupancy.peak_messages},
                 {"peak_occupancy_bytes", r.occupancy.peak_bytes}};
  if (model.faults) { // only then: the summaries of scenarios without faults stay as they were
    j["totals"]["lost_to_faults"] = t.lost_to_faults;
    j["totals"]["duplicated"] = t.duplicated;
  }
  j["processes"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ProcessTimes& pt = r.processes[p];
    j["processes"].push_back({{"name", model.processes[p].name},
                              {"busy", output_seconds(pt.busy)},
                              {"blocked_send", output_seconds(pt.blocked_send)},
                              {"blocked_receive", output_seconds(pt.blocked_receive)},
                              {"blocked_semaphore", output_seconds(pt.blocked_semaphore)},
                              {"idle", output_seconds(pt.idle)},
                              {"context_switches", pt.context_switches},
                              {"end", output_seconds(pt.end)},
                              {"outcome", pt.outcome}});
  }
  j["channels"] = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    if (!shown(model, r, c))
      continue;
    const ChannelCounts& n = r.channels[c];
    j["channels"].push_back(
        {{"name", model.channels[c].name},
         {"messages", n.messages},
         {"bytes", n.bytes},
         {"throughput", optional_json(per_second(double(n.messages), r.end_time))},
         {"byte_rate", optional_json(per_second(double(n.bytes), r.end_time))},
         {"latency", latency_json(n.latencies)},
         {"time_in_buffer", output_seconds(n.messages ? n.time_in_buffer / double(n.messages) : 0.0)},
         {"occupancy",
          {{"peak_messages", n.occupancy.peak_messages},
           {"mean_messages", n.occupancy.mean_messages},
           {"peak_bytes", n.occupancy.peak_bytes},
           {"mean_bytes", n.occupancy.mean_bytes}}},
         {"memory_reserved", n.memory_reserved},
         {"bytes_copied", n.bytes_copied},
         {"failed_sends", n.failed_sends},
         {"failed_receives", n.failed_receives},
         {"lost", n.lost},
         {"left_queued", n.left_buffered}});
  }
  j["semaphores"] = nlohmann::ordered_json::array();
  for (std::size_t s = 0; s < model.semaphores.size(); ++s) {
    const SemaphoreCounts& n = r.semaphores[s];
    j["semaphores"].push_back({{"name", model.semaphores[s].name},
                               {"acquires", n.acquires},
                               {"releases", n.releases},
                               {"blocked_acquires", n.blocked_acquires},
                               {"time_blocked", output_seconds(n.time_blocked)}});
  }
  j["segments"] = nlohmann::ordered_json::array();
  for (std::size_t s = 0; s < model.segments.size(); ++s) {
    const SegmentCounts& n = r.segments[s];
    j["segments"].push_back({{"name", model.segments[s].name},
                             {"reads", n.reads},
                             {"writes", n.writes},
                             {"bytes_read", n.bytes_read},
                             {"bytes_written", n.bytes_written}});
  }
  round_output_numbers(j);
  return j;
}

} // namespace ipcsim
