#include "reports/svg_renderer.hpp"
#include "reports/topology_dot.hpp"

#include "golden.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

namespace {

Step step(Step::Op op) {
  return Step{std::move(op), {}};
}

// A producer fills a bounded mailbox under a semaphore and writes a shared segment; a server consumes and
// acknowledges over the direct link, one branch of a choice at a time.
Scenario small_scenario() {
  Scenario s;
  s.name = "producer-consumer";
  s.platform.hosts = {HostSpec{"host0", 1e9, 1, {}}};

  ChannelSpec jobs;
  jobs.name = "jobs";
  jobs.capacity = 4;
  ChannelSpec log;
  log.name = "log";
  log.capacity = std::nullopt;
  log.created = false;
  s.channels = {jobs, log};
  s.link_defaults.capacity = 0;
  s.semaphores = {SemaphoreSpec{"mutex", 1, {}}};
  s.segments = {SegmentSpec{"seg", 4096, {}}};

  ProcessSpec producer;
  producer.name = "producer";
  RepeatStep loop;
  loop.times = 3;
  loop.body = {step(ComputeStep{}),
               step(SendStep{"jobs", 64, "", true, "", {}}),
               step(SemaphoreStep{SemaphoreStep::Op::acquire, "mutex"}),
               step(SegmentStep{SegmentStep::Op::write, "seg", 64}),
               step(SemaphoreStep{SemaphoreStep::Op::release, "mutex"}),
               step(ReceiveStep{"consumer", "ACK", true, "", {}})};
  producer.steps = {step(MailboxStep{MailboxStep::Op::create, "log"}), step(loop)};

  ProcessSpec consumer;
  consumer.name = "consumer";
  consumer.server = true;
  ChooseStep choice;
  choice.branches = {{step(SendStep{"producer", std::nullopt, "ACK", false, "", {step(SleepStep{})}})},
                     {step(SendStep{"log", std::nullopt, "", true, "", {}})}};
  ForeverStep forever;
  forever.body = {step(ReceiveStep{"jobs", "", true, "", {}}), step(choice)};
  consumer.steps = {step(forever)};

  s.processes = {producer, consumer};
  return s;
}

} // namespace

TEST_CASE("a small topology, as DOT", "[topology_dot]") {
  std::string dot = topology_dot(small_scenario());
  test::check_golden("topology_small.dot", dot);
  CHECK_THAT(render_svg(dot), Catch::Contains("<svg"));
}

TEST_CASE("hosts become clusters when there is more than one", "[topology_dot]") {
  Scenario s = small_scenario();
  CHECK_THAT(topology_dot(s), !Catch::Contains("cluster"));
  s.platform.hosts.push_back(HostSpec{"host1", 1e9, 1, {}});
  s.processes[1].host = "host1";
  std::string dot = topology_dot(s);
  CHECK_THAT(dot, Catch::Contains("subgraph cluster_h0 {\n    label=host0;"));
  CHECK_THAT(dot, Catch::Contains("subgraph cluster_h1 {\n    label=host1;"));
  CHECK_THAT(render_svg(dot), Catch::Contains("<svg"));
}

TEST_CASE("explicit links are drawn even when unused, with their own capacity", "[topology_dot]") {
  Scenario s;
  s.name = "links";
  s.platform.hosts = {HostSpec{}};
  ProcessSpec a, b;
  a.name = "a";
  b.name = "b";
  s.processes = {a, b};
  ChannelSpec link;
  link.kind = ChannelSpec::Kind::link;
  link.name = "a<->b";
  link.ends = {"a", "b"};
  link.capacity = 2;
  s.channels = {link};
  CHECK_THAT(topology_dot(s),
             Catch::Contains("p0 -> p1 [color=\"#333333\", penwidth=1.5, label=\"link, capacity 2\", dir=none];"));
}
