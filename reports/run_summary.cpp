#include "reports/run_summary.hpp"

#include "reports/number_format.hpp"

#include <fmt/format.h>

namespace ipcsim {
namespace {

std::string seconds_cell(double s) { return human_duration(s); }

std::size_t name_width(const Model& model) {
  std::size_t w = 8;
  for (const auto& p : model.processes)
    w = std::max(w, p.name.size());
  for (const auto& c : model.channels)
    w = std::max(w, c.name.size());
  return w;
}

// Links that were never used are left out of the table: they exist only because someone names a peer.
bool used(const ChannelCounts& c) {
  return c.messages || c.failed_sends || c.failed_receives || c.peak_buffered || c.left_buffered;
}

} // namespace

std::string run_summary_text(const Model& model, const RunResult& r) {
  std::string out = fmt::format("scenario {}: {} at t = {} after {} events (seed {})\n", model.scenario.name,
                                to_string(r.outcome), human_duration(r.end_time), r.events, model.scenario.seed);
  if (r.blocking) {
    out += deadlock_headline(*r.blocking) + ":\n";
    for (const auto& line : describe_stuck(model, *r.blocking))
      out += "  " + line + "\n";
  } else if (!r.message.empty()) {
    out += r.message + "\n";
  }
  std::size_t w = name_width(model);
  out += fmt::format("\n{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}  {}\n", "process", w, "busy", "blocked-send",
                     "blocked-recv", "sleeping", "end", "outcome");
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ProcessTimes& t = r.processes[p];
    out += fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}  {}\n", model.processes[p].name, w,
                       seconds_cell(t.busy), seconds_cell(t.blocked_send), seconds_cell(t.blocked_receive),
                       seconds_cell(t.sleeping), seconds_cell(t.end), t.outcome);
  }
  out += fmt::format("\n{:<{}}  {:>10}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", "channel", w, "messages", "bytes",
                     "failed-send", "failed-recv", "peak-queued", "left-queued");
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    const ChannelCounts& n = r.channels[c];
    if (model.channels[c].is_link && !used(n))
      continue;
    out += fmt::format("{:<{}}  {:>10}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", model.channels[c].name, w,
                       n.messages, n.bytes, n.failed_sends, n.failed_receives, n.peak_buffered, n.left_buffered);
  }
  return out;
}

nlohmann::ordered_json run_summary_json(const Model& model, const RunResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = model.scenario.name;
  j["seed"] = model.scenario.seed;
  j["outcome"] = std::string(to_string(r.outcome));
  j["end_time"] = r.end_time;
  j["events"] = r.events;
  if (!r.message.empty())
    j["message"] = r.message;
  j["processes"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ProcessTimes& t = r.processes[p];
    j["processes"].push_back({{"name", model.processes[p].name},
                              {"busy", t.busy},
                              {"blocked_send", t.blocked_send},
                              {"blocked_receive", t.blocked_receive},
                              {"sleeping", t.sleeping},
                              {"end", t.end},
                              {"outcome", t.outcome}});
  }
  j["channels"] = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    const ChannelCounts& n = r.channels[c];
    if (model.channels[c].is_link && !used(n))
      continue;
    j["channels"].push_back({{"name", model.channels[c].name},
                             {"messages", n.messages},
                             {"bytes", n.bytes},
                             {"failed_sends", n.failed_sends},
                             {"failed_receives", n.failed_receives},
                             {"peak_queued", n.peak_buffered},
                             {"left_queued", n.left_buffered}});
  }
  return j;
}

} // namespace ipcsim
