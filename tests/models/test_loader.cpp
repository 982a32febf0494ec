// The loader on valid input: every key of the format lands in the expected field, with its unit converted.
#include "test_loader_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace ipcsim;
using ipcsim::test::fixture;
using ipcsim::test::minimal;

namespace {

std::string render(const Duration &d) {
  static const char *kinds[] = {"fixed", "exponential", "uniform", "normal"};
  return fmt::format("{}({},{})", kinds[static_cast<int>(d.kind)], d.a, d.b);
}

std::string render(const Steps &steps);

// One line per step, nested bodies in brackets: compact enough to compare whole programs as one string.
struct StepText {
  std::string operator()(const ComputeStep &s) const {
    return s.flops ? fmt::format("compute flops={}", *s.flops) : "compute " + render(s.duration);
  }
  std::string operator()(const SleepStep &s) const { return "sleep " + render(s.duration); }
  std::string operator()(const SendStep &s) const {
    return fmt::format("send to={} size={} tag={} blocking={} async={} else=[{}]", s.to,
                       s.size ? std::to_string(*s.size) : "-", s.tag, s.blocking, s.async, render(s.on_fail));
  }
  std::string operator()(const ReceiveStep &s) const {
    return fmt::format("receive from={} tag={} blocking={} async={} else=[{}]", s.from, s.tag, s.blocking, s.async,
                       render(s.on_fail));
  }
  std::string operator()(const WaitStep &s) const { return "wait " + s.handle; }
  std::string operator()(const RepeatStep &s) const { return fmt::format("repeat {} [{}]", s.times, render(s.body)); }
  std::string operator()(const ForeverStep &s) const { return "forever [" + render(s.body) + "]"; }
  std::string operator()(const ChooseStep &s) const {
    std::string out = "choose";
    for (const Steps &branch : s.branches)
      out += " [" + render(branch) + "]";
    return out;
  }
  std::string operator()(const MailboxStep &s) const {
    return (s.op == MailboxStep::Op::create ? "create " : "delete ") + s.mailbox;
  }
  std::string operator()(const GiveStep &s) const { return "give " + s.mailbox + " to " + s.to; }
  std::string operator()(const SemaphoreStep &s) const {
    return (s.op == SemaphoreStep::Op::acquire ? "acquire " : "release ") + s.semaphore;
  }
  std::string operator()(const SegmentStep &s) const {
    static const char *ops[] = {"attach", "detach", "read", "write"};
    return fmt::format("{} {} {}", ops[static_cast<int>(s.op)], s.segment, s.size);
  }
  std::string operator()(const SetStep &s) const {
    std::string out = "set";
    for (const Assignment &a : s.assignments)
      out += " " + a.variable + "=(" + a.value.text + ")";
    return out;
  }
  std::string operator()(const IfStep &s) const {
    return "if (" + s.condition.text + ") [" + render(s.then) + "] else [" + render(s.otherwise) + "]";
  }
  std::string operator()(const WhileStep &s) const {
    return "while (" + s.condition.text + ") [" + render(s.body) + "]";
  }
  std::string operator()(const AssertStep &s) const { return "assert (" + s.condition.text + ")"; }
};

std::string render(const Steps &steps) {
  std::string out;
  for (const Step &step : steps)
    out += (out.empty() ? "" : "; ") + std::visit(StepText{}, step.op) + fmt::format(" @{}", step.mark.line);
  return out;
}

std::string render(const ChannelSpec &c) {
  std::string receivers = "any";
  if (c.receivers)
    receivers = fmt::format("[{}]", fmt::join(*c.receivers, ","));
  static const char *sizes[] = {"any", "fixed", "max"};
  return fmt::format("{} {} ends=[{}] capacity={} bytes={} size={}:{} owner={} receivers={} delivery={} "
                     "exclusive={} created={} @{}",
                     c.kind == ChannelSpec::Kind::mailbox ? "mailbox" : "link", c.name, fmt::join(c.ends, ","),
                     c.capacity ? std::to_string(*c.capacity) : "unbounded",
                     c.capacity_bytes ? std::to_string(*c.capacity_bytes) : "-",
                     sizes[static_cast<int>(c.message_size.kind)], c.message_size.bytes, c.owner, receivers,
                     c.delivery == Delivery::one ? "one" : "all", c.exclusive_receive, c.created, c.mark.line);
}

} // namespace

TEST_CASE("loader: a scenario using every key loads into the exact expected structure", "[loader]") {
  Scenario s = load_scenario_file(fixture("full.yaml"));
  CHECK(s.file == fixture("full.yaml"));
  CHECK(s.name == "every-key.v1");
  CHECK(s.description == "all keys, N=3");
  CHECK(s.seed == 42);
  CHECK(s.params == std::map<std::string, std::int64_t>{{"K", 2}, {"N", 3}, {"SIZE", 64}});

  REQUIRE(s.platform.hosts.size() == 2);
  CHECK(s.platform.hosts[0].name == "cpu0");
  CHECK(s.platform.hosts[0].speed == 2e9);
  CHECK(s.platform.hosts[0].cores == 4);
  CHECK(s.platform.hosts[0].mark.line == 8);
  CHECK(s.platform.hosts[1].name == "cpu1");
  CHECK(s.platform.hosts[1].speed == 1e9);
  CHECK(s.platform.hosts[1].cores == 1);
  REQUIRE(s.platform.links.size() == 2);
  CHECK(s.platform.links[0].name == "lan");
  CHECK(s.platform.links[0].between == std::vector<std::string>{"cpu0", "cpu1"});
  CHECK(s.platform.links[0].bandwidth == 125e6);
  CHECK(s.platform.links[0].latency == 50e-6);
  CHECK(s.platform.links[1].name == "cpu1-cpu0");
  CHECK(s.platform.links[1].bandwidth == 1.25e8);
  CHECK(s.platform.links[1].latency == 0);

  CHECK(s.costs.send == 1e-6);
  CHECK(s.costs.receive == 2e-6);
  CHECK(s.costs.context_switch == 3e-6);
  CHECK(s.costs.copy_bandwidth == 8e9);
  CHECK(s.costs.large_message.threshold == 256);
  CHECK(s.costs.large_message.map == 2e-6);
  CHECK(s.costs.memory_bandwidth == 10e9);
  CHECK(s.costs.attach == 4e-6);

  std::vector<std::string> channels;
  for (const ChannelSpec &c : s.channels)
    channels.push_back(render(c));
  CHECK(channels == std::vector<std::string>{
                        "mailbox jobs ends=[] capacity=4 bytes=4096 size=fixed:64 owner= receivers=[consumer] "
                        "delivery=all exclusive=true created=false @23",
                        "mailbox fork[0] ends=[] capacity=1 bytes=- size=max:4096 owner= receivers=any delivery=one "
                        "exclusive=false created=true @32",
                        "mailbox fork[1] ends=[] capacity=2 bytes=- size=max:4096 owner= receivers=any delivery=one "
                        "exclusive=false created=true @32",
                        "mailbox fork[2] ends=[] capacity=3 bytes=- size=max:4096 owner= receivers=any delivery=one "
                        "exclusive=false created=true @32",
                        "mailbox private ends=[] capacity=unbounded bytes=- size=max:4096 owner=consumer "
                        "receivers=any delivery=one exclusive=false created=true @35",
                        "link producer<->consumer ends=[producer,consumer] capacity=1 bytes=- size=max:4096 owner= "
                        "receivers=any delivery=one exclusive=false created=true @38",
                    });
  CHECK(render(s.link_defaults) == "link  ends=[] capacity=2 bytes=- size=max:4096 owner= receivers=any delivery=one "
                                   "exclusive=false created=true @21");

  REQUIRE(s.semaphores.size() == 3);
  CHECK((s.semaphores[0].name == "mutex" && s.semaphores[0].initial == 1 && s.semaphores[0].mark.line == 41));
  CHECK((s.semaphores[1].name == "slot[0]" && s.semaphores[1].initial == 0));
  CHECK((s.semaphores[2].name == "slot[1]" && s.semaphores[2].initial == 1));
  REQUIRE(s.segments.size() == 1);
  CHECK((s.segments[0].name == "seg" && s.segments[0].size == 4096 && s.segments[0].mark.line == 44));

  REQUIRE(s.processes.size() == 4);
  const ProcessSpec &producer = s.processes[0];
  CHECK((producer.name == "producer" && producer.host == "cpu0" && !producer.server && producer.mark.line == 46));
  CHECK(render(producer.steps) ==
        "compute fixed(0.0001,0) @49; compute exponential(0.001,0) @50; compute uniform(0.001,0.003) @51; "
        "compute normal(0.002,0.0005) @52; compute flops=1000000 @53; sleep fixed(0.001,0) @54; create jobs @55; "
        "send to=jobs size=64 tag= blocking=true async= else=[] @56; "
        "send to=consumer size=- tag=ACQ blocking=true async= else=[] @57; "
        "send to=consumer size=- tag= blocking=false async= else=[sleep fixed(0.001,0) @58] @58; "
        "send to=jobs size=- tag= blocking=true async=h1 else=[] @59; wait h1 @60; give jobs to consumer @61; "
        "acquire mutex @62; release mutex @63; attach seg 0 @64; write seg 64 @65; read seg 2048 @66; "
        "detach seg 0 @67");
  const ProcessSpec &consumer = s.processes[1];
  CHECK((consumer.name == "consumer" && consumer.host == "cpu1" && consumer.server));
  CHECK(render(consumer.steps) == "repeat 10 [receive from=jobs tag= blocking=true async= else=[] @74; "
                                  "receive from=producer tag=ACQ blocking=true async= else=[] @75] @72; "
                                  "receive from=any tag= blocking=false async= else=[sleep fixed(0.002,0) @76] @76; "
                                  "receive from=private tag= blocking=true async=r else=[] @77; wait r @78; "
                                  "choose [sleep fixed(0.001,0) @80] [] @79; delete jobs @82; "
                                  "forever [receive from=any tag= blocking=true async= else=[] @84] @83");
  CHECK(s.processes[2].name == "phil[0]");
  CHECK(s.processes[2].host == "");
  CHECK(render(s.processes[2].steps) ==
        "send to=fork[1] size=- tag= blocking=true async= else=[] @88; acquire slot[0] @89");
  CHECK(s.processes[3].name == "phil[1]");
  CHECK(render(s.processes[3].steps) ==
        "send to=fork[0] size=- tag= blocking=true async= else=[] @88; acquire slot[1] @89");

  CHECK_FALSE(s.properties.deadlock);
  CHECK(s.properties.rendezvous == std::vector<std::string>{"jobs", "producer<->consumer"});
  CHECK(s.properties.rendezvous_mark.line == 92);
  CHECK(s.properties.lost_messages);
  CHECK(s.properties.undelivered);
  CHECK(s.properties.data_race == std::optional<bool>(false));
}

TEST_CASE("loader: omitted keys take the documented defaults", "[loader]") {
  Scenario s = load_scenario_text(minimal(), "min.yaml");
  CHECK(s.file == "min.yaml");
  CHECK(s.seed == 0);
  CHECK(s.description == "");
  CHECK(s.params.empty());
  REQUIRE(s.platform.hosts.size() == 1);
  CHECK((s.platform.hosts[0].name == "host0" && s.platform.hosts[0].speed == 1e9 && s.platform.hosts[0].cores == 1));
  CHECK(s.platform.links.empty());
  CHECK(s.costs.send == 0);
  CHECK(s.costs.copy_bandwidth == 0);
  CHECK(s.costs.large_message.threshold == 0);
  CHECK(s.channels.empty());
  CHECK(
      render(s.link_defaults) ==
      "link  ends=[] capacity=0 bytes=- size=any:0 owner= receivers=any delivery=one exclusive=false created=true @0");
  CHECK(s.properties.deadlock);
  CHECK(s.properties.rendezvous.empty());
  CHECK_FALSE(s.properties.lost_messages);
  CHECK_FALSE(s.properties.undelivered);
  CHECK_FALSE(s.properties.data_race.has_value());
  REQUIRE(s.processes.size() == 1);
  CHECK((s.processes[0].name == "p" && s.processes[0].mark.line == 3 && s.processes[0].mark.column == 5));
}

TEST_CASE("loader: replication names replicas name[k], keeps the plain name for count 1, drops count 0", "[loader]") {
  Scenario s = load_scenario_text("scenario: r\n"
                                  "channels:\n"
                                  "  - {mailbox: solo, count: 1}\n"
                                  "  - {mailbox: none, count: 0}\n"
                                  "processes:\n"
                                  "  - {name: w, count: 3, do: [{sleep: \"${i*n}ms\"}]}\n"
                                  "  - {name: one, count: 1, do: [{send: {to: \"solo\"}}]}\n",
                                  "r.yaml");
  REQUIRE(s.channels.size() == 1);
  CHECK(s.channels[0].name == "solo");
  REQUIRE(s.processes.size() == 4);
  CHECK(s.processes[0].name == "w[0]");
  CHECK(s.processes[2].name == "w[2]");
  CHECK(std::get<SleepStep>(s.processes[2].steps[0].op).duration.a == 6e-3);
  CHECK(s.processes[3].name == "one");
}

TEST_CASE("loader: a quoted expression that expands to a number is a number, anywhere", "[loader]") {
  Scenario s = load_scenario_text("scenario: q\n"
                                  "params: {K: 4}\n"
                                  "seed: \"${K*10}\"\n"
                                  "defaults: {capacity: \"${K}\"}\n"
                                  "channels: [{mailbox: m, message_size: \"${K}KiB\"}]\n"
                                  "processes:\n"
                                  "  - name: p\n"
                                  "    do:\n"
                                  "      - repeat: ${K-1}\n"
                                  "        do: [{send: {to: m, size: \"${K}\"}}]\n",
                                  "q.yaml");
  CHECK(s.seed == 40);
  CHECK(s.channels[0].capacity == std::optional<std::uint64_t>(4));
  CHECK(s.channels[0].message_size.bytes == 4096);
  const auto &repeat = std::get<RepeatStep>(s.processes[0].steps[0].op);
  CHECK(repeat.times == 3);
  CHECK(std::get<SendStep>(repeat.body[0].op).size == std::optional<std::uint64_t>(4));
}

TEST_CASE("loader: defaults apply to channels that do not set a key, and the link part to links", "[loader]") {
  Scenario s = load_scenario_text("scenario: d\n"
                                  "defaults: {capacity: 3, delivery: all, created: false}\n"
                                  "channels:\n"
                                  "  - {mailbox: a}\n"
                                  "  - {mailbox: b, capacity: 0, delivery: one}\n"
                                  "  - {link: [p, q]}\n"
                                  "processes: [{name: p, do: []}, {name: q, do: []}]\n",
                                  "d.yaml");
  CHECK(s.channels[0].capacity == std::optional<std::uint64_t>(3));
  CHECK(s.channels[0].delivery == Delivery::all);
  CHECK_FALSE(s.channels[0].created);
  CHECK(s.channels[1].capacity == std::optional<std::uint64_t>(0));
  CHECK(s.channels[1].delivery == Delivery::one);
  CHECK(s.channels[2].capacity == std::optional<std::uint64_t>(3));
  CHECK(s.channels[2].delivery == Delivery::one); // mailbox-only settings stay at their defaults for links
  CHECK(s.channels[2].created);
  CHECK(s.link_defaults.capacity == std::optional<std::uint64_t>(3));
  CHECK(s.link_defaults.kind == ChannelSpec::Kind::link);
}

TEST_CASE("loader: a rendezvous property may name a declared link in either order", "[loader]") {
  Scenario s = load_scenario_text("scenario: l\n"
                                  "channels: [{link: [a, b]}]\n"
                                  "processes: [{name: a, do: []}, {name: b, do: []}, {name: c, do: []}]\n"
                                  "properties: {rendezvous: [\"b<->a\", \"a<->c\"]}\n",
                                  "l.yaml");
  CHECK(s.properties.rendezvous == std::vector<std::string>{"a<->b", "a<->c"});
}

TEST_CASE("loader: anchors and aliases are plain YAML and work", "[loader]") {
  Scenario s = load_scenario_text("scenario: a\n"
                                  "processes:\n"
                                  "  - name: p\n"
                                  "    do: &body [{sleep: 1ms}, {compute: 2ms}]\n"
                                  "  - name: q\n"
                                  "    do: *body\n",
                                  "a.yaml");
  CHECK(s.processes[1].steps.size() == 2);
}

TEST_CASE("loader: load_scenario_file reports an unreadable file in one line", "[loader]") {
  std::string missing = fixture("no-such-file.yaml");
  try {
    load_scenario_file(missing);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError &e) {
    CHECK(std::string(e.what()) == missing + ": error: cannot read file: No such file or directory\n");
  }
  try {
    load_scenario_file(fixture(""));
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError &e) {
    CHECK(std::string(e.what()) == fixture("") + ": error: cannot read file: Is a directory\n");
  }
}
