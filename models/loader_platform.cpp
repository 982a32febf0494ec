// The sections that describe the world rather than the processes: platform, costs and properties.
#include "models/loader_parts.hpp"

#include "models/loader_suggest.hpp"

namespace ipcsim::loader {

namespace {

constexpr std::int64_t max_cores = 1'000'000;

void read_host(Reader &reader, const Value &item, Platform &platform) {
  auto fields =
      reader.mapping(item, "a host (a mapping such as {name: cpu0, speed: 1Gf})", "host", {"name", "speed", "cores"});
  if (!fields)
    return;
  HostSpec host;
  host.mark = fields->origin().mark;
  if (auto name = fields->require("name"))
    if (auto text = reader.name(*name)) {
      host.name = *text;
      reader.define(NameDef::Kind::host, host.name, "", name->origin);
    }
  if (auto speed = fields->get("speed"))
    host.speed = reader.speed(*speed).value_or(host.speed);
  if (auto cores = fields->get("cores"))
    host.cores = static_cast<unsigned>(reader.integer(*cores, 1, max_cores, "a positive integer").value_or(1));
  platform.hosts.push_back(std::move(host));
}

void read_network_link(Reader &reader, const Value &item, Platform &platform) {
  auto fields = reader.mapping(item, "a link (a mapping such as {name: lan, between: [cpu0, cpu1]})", "link",
                               {"name", "between", "bandwidth", "latency"});
  if (!fields)
    return;
  LinkSpec link;
  link.mark = fields->origin().mark;
  if (auto between = fields->require("between"))
    if (auto ends = reader.sequence(*between, "a list of two hosts [A, B]")) {
      if (ends->size() != 2)
        reader.error(between->origin, "between: expected two hosts [A, B], got " + std::to_string(ends->size()));
      for (const Value &end : *ends)
        if (auto host = reader.reference(end, "a host name")) {
          link.between.push_back(*host);
          reader.use(NameUse::Kind::host, "between", *host, end.origin);
        }
      if (link.between.size() == 2 && link.between[0] == link.between[1])
        reader.error(between->origin,
                     "between: expected two different hosts, got " + quoted(link.between[0]) + " twice");
    }
  // A link without a name is named after its ends, which SimGrid needs to tell links apart.
  std::optional<Value> name = fields->get("name");
  if (name)
    link.name = reader.name(*name).value_or("");
  else if (link.between.size() == 2)
    link.name = link.between[0] + "-" + link.between[1];
  if (!link.name.empty())
    reader.define(NameDef::Kind::network_link, link.name, "", name ? name->origin : fields->origin());
  if (auto bandwidth = fields->get("bandwidth"))
    link.bandwidth = reader.rate(*bandwidth).value_or(link.bandwidth);
  if (auto latency = fields->get("latency"))
    link.latency = reader.seconds(*latency).value_or(0);
  platform.links.push_back(std::move(link));
}

} // namespace

void read_platform(Reader &reader, const std::optional<Value> &value, Platform &platform) {
  std::optional<Fields> fields;
  if (value)
    fields = reader.mapping(*value, "a mapping with 'hosts' and 'links'", "platform", {"hosts", "links"});
  if (fields)
    if (auto hosts = fields->get("hosts"))
      if (auto items = reader.sequence(*hosts, "a list of hosts")) {
        if (items->empty())
          reader.error(hosts->origin, "hosts: expected at least one host");
        for (const Value &item : *items)
          read_host(reader, item, platform);
      }
  if (fields)
    if (auto links = fields->get("links"))
      if (auto items = reader.sequence(*links, "a list of network links"))
        for (const Value &item : *items)
          read_network_link(reader, item, platform);
  if (platform.hosts.empty()) {
    platform.hosts.push_back(HostSpec{"host0", 1e9, 1, {}});
    reader.define(NameDef::Kind::host, "host0", "", {});
  }
}

void read_costs(Reader &reader, const Value &value, Costs &costs) {
  auto fields = reader.mapping(
      value, "a mapping of costs, such as {send: 1us}", "costs",
      {"send", "receive", "context_switch", "copy_bandwidth", "large_message", "memory_bandwidth", "attach"});
  if (!fields)
    return;
  for (auto [key, target] : {std::pair{"send", &costs.send}, std::pair{"receive", &costs.receive},
                             std::pair{"context_switch", &costs.context_switch}, std::pair{"attach", &costs.attach}})
    if (auto time = fields->get(key))
      *target = reader.seconds(*time).value_or(0);
  for (auto [key, target] :
       {std::pair{"copy_bandwidth", &costs.copy_bandwidth}, std::pair{"memory_bandwidth", &costs.memory_bandwidth}})
    if (auto rate = fields->get(key))
      *target = reader.rate(*rate).value_or(0);
  if (auto large = fields->get("large_message"))
    if (auto large_fields = reader.mapping(*large, "a mapping such as {threshold: 256B, map: 2us}", "large_message",
                                           {"threshold", "map"})) {
      if (auto threshold = large_fields->require("threshold"))
        costs.large_message.threshold = reader.bytes(*threshold).value_or(0);
      if (auto map = large_fields->require("map"))
        costs.large_message.map = reader.seconds(*map).value_or(0);
    }
}

void read_properties(Reader &reader, const Value &value, Properties &properties) {
  auto fields = reader.mapping(value, "a mapping of properties, such as {deadlock: true}", "properties",
                               {"deadlock", "rendezvous", "lost_messages", "undelivered", "data_race", "invariants"});
  if (!fields)
    return;
  for (auto [key, target] :
       {std::pair{"deadlock", &properties.deadlock}, std::pair{"lost_messages", &properties.lost_messages},
        std::pair{"undelivered", &properties.undelivered}})
    if (auto flag = fields->get(key))
      *target = reader.boolean(*flag).value_or(*target);
  if (auto flag = fields->get("data_race"))
    properties.data_race = reader.boolean(*flag);
  if (auto invariants = fields->get("invariants"))
    properties.invariants = read_invariants(reader, *invariants);
  if (auto rendezvous = fields->get("rendezvous")) {
    properties.rendezvous_mark = rendezvous->origin.mark;
    if (auto items = reader.sequence(*rendezvous, "a list of mailboxes or links (\"A<->B\")"))
      for (const Value &item : *items)
        if (auto name = reader.reference(item, "a mailbox name or a link \"A<->B\"")) {
          properties.rendezvous.push_back(*name);
          reader.use(NameUse::Kind::rendezvous, "rendezvous", *name, item.origin);
        }
  }
}

} // namespace ipcsim::loader
