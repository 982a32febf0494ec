#include "sim/platform_builder.hpp"

#include "models/diagnostics.hpp"

#include <fmt/format.h>
#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

namespace ipcsim {

std::vector<sg4::Host*> build_platform(const Platform& platform) {
  auto* zone = sg4::create_full_zone("platform");
  std::vector<sg4::Host*> hosts;
  for (const auto& h : platform.hosts)
    hosts.push_back(zone->create_host(h.name, h.speed)->set_core_count(static_cast<int>(h.cores))->seal());
  for (const auto& l : platform.links) {
    sg4::Link* link = zone->create_link(l.name, l.bandwidth)->set_latency(l.latency);
    auto* a = sg4::Host::by_name(l.between[0]);
    auto* b = sg4::Host::by_name(l.between[1]);
    zone->add_route(a->get_netpoint(), b->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(link)}, true);
  }
  zone->seal(); // seals the links too: sealing them by hand would seal them twice
  return hosts;
}

static bool joined(const Platform& platform, const std::string& a, const std::string& b) {
  for (const auto& link : platform.links)
    if ((link.between[0] == a && link.between[1] == b) || (link.between[0] == b && link.between[1] == a))
      return true;
  return false;
}

void require_routes(const Model& model, const CostModel& costs) {
  const Platform& platform = model.scenario.platform;
  for (ChannelId c = 0; c < model.channels.size(); ++c) {
    const Channel& channel = model.channels[c];
    const std::string& home = platform.hosts[costs.home_host(c)].name;
    auto require = [&](const std::vector<ProcId>& users, const char* role) {
      for (ProcId p : users) {
        const std::string& host = platform.hosts[model.processes[p].host].name;
        if (host != home && !joined(platform, host, home))
          throw ScenarioError(fmt::format("{}:{}:{}: error: {} lives on host {} (where it is received), but its {} {} "
                                          "is on host {} and no link joins {} and {}\n",
                                          model.scenario.file, channel.mark.line, channel.mark.column, channel.name,
                                          home, role, model.processes[p].name, host, host, home));
      }
    };
    require(channel.senders_of, "sender");
    require(channel.receivers_of, "receiver");
  }
}

void configure_contexts(std::size_t process_count) {
#if defined(__SANITIZE_ADDRESS__)
  return; // sanitized builds run actors as threads (engine_arguments): no stacks to size
#endif
  if (process_count < 4000)
    return;
  sg4::Engine::set_config("contexts/guard-size:0");
  sg4::Engine::set_config("contexts/stack-size:16"); // KiB, all resident: 8 is the least that runs every test
}

std::vector<std::string> engine_arguments() {
  std::vector<std::string> args{"ipcsim", "--log=root.thres:critical",
                                // SimGrid's own deadlock report: ours names what each process waits for
                                "--log=ker_engine.app:file:/dev/null",
                                // A transfer takes the link's latency plus size / bandwidth, as the scenario
                                // says, rather than TCP's measured factors (LV08); flows still share links.
                                "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                                "--cfg=network/TCP-gamma:0"};
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer cannot follow SimGrid's hand-made stack switches; threads are slow but exact. The
  // factory is chosen when the engine starts, so it must come on the command line, not from set_config.
  args.push_back("--cfg=contexts/factory:thread");
#endif
  return args;
}

} // namespace ipcsim
