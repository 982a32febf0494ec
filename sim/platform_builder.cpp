#include "sim/platform_builder.hpp"

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

} // namespace ipcsim
