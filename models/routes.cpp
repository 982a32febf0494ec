#include "models/routes.hpp"

#include <fmt/format.h>

#include <set>
#include <tuple>

namespace ipcsim {
namespace {

std::uint32_t home_of(const Model &model, const Channel &channel) {
  if (channel.is_link)
    return model.processes[channel.link_receiver].host;
  if (channel.receivers && !channel.receivers->empty())
    return model.processes[channel.receivers->front()].host;
  if (!channel.receivers_of.empty())
    return model.processes[channel.receivers_of.front()].host;
  if (!channel.senders_of.empty())
    return model.processes[channel.senders_of.front()].host;
  return 0;
}

bool joined(const Platform &platform, const std::string &a, const std::string &b) {
  for (const auto &link : platform.links)
    if ((link.between[0] == a && link.between[1] == b) || (link.between[0] == b && link.between[1] == a))
      return true;
  return false;
}

} // namespace

std::vector<std::uint32_t> channel_homes(const Model &model) {
  std::vector<std::uint32_t> homes;
  for (const Channel &channel : model.channels)
    homes.push_back(home_of(model, channel));
  return homes;
}

void check_routes(const Model &model, Diagnostics &diagnostics) {
  const Platform &platform = model.scenario.platform;
  std::vector<std::uint32_t> homes = channel_homes(model);
  std::set<std::tuple<int, int, std::uint32_t, std::uint32_t>> reported; // replicas share their steps' lines
  auto require = [&](ProcId p, const Instruction &step, ChannelId c, const char *verb) {
    std::uint32_t host = model.processes[p].host;
    const std::string &from = platform.hosts[host].name;
    const std::string &home = platform.hosts[homes[c]].name;
    if (host == homes[c] || joined(platform, from, home) ||
        !reported.insert({step.mark.line, step.mark.column, host, homes[c]}).second)
      return;
    diagnostics.error(step.mark, fmt::format("{} {} {} on host {}, but {} lives on host {} (where it is received) "
                                             "and no link joins {} and {}",
                                             model.processes[p].name, verb, model.channels[c].name, from,
                                             model.channels[c].name, home, from, home));
  };
  for (ProcId p = 0; p < model.processes.size(); ++p)
    for (const Instruction &step : model.processes[p].code) {
      if (step.op == OpCode::send)
        require(p, step, step.channel, "sends to");
      else if (step.op == OpCode::receive)
        for (ChannelId c : step.sources)
          require(p, step, c, "receives from");
    }
}

} // namespace ipcsim
