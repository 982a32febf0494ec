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
                                "--log=ker_engine.app:file:/dev/null"};
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer cannot follow SimGrid's hand-made stack switches; threads are slow but exact. The
  // factory is chosen when the engine starts, so it must come on the command line, not from set_config.
  args.push_back("--cfg=contexts/factory:thread");
#endif
  return args;
}

} // namespace ipcsim
