#include "reports/topology_dot.hpp"

#include "reports/dot_graph.hpp"
#include "reports/number_format.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <type_traits>

namespace ipcsim {
namespace {

constexpr const char *message_colour = "#1f4e9c";
constexpr const char *semaphore_colour = "#7a4fa0";
constexpr const char *segment_colour = "#2b7a2b";

std::string capacity_text(const std::optional<std::uint64_t> &capacity) {
  if (!capacity)
    return "unbounded";
  return *capacity == 0 ? "rendezvous" : "capacity " + std::to_string(*capacity);
}

void add_unique(std::vector<std::string> &list, const std::string &item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end())
    list.push_back(item);
}

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
}

// One edge of the picture, with the operations or tags that gave rise to it.
struct Use {
  enum class Kind { send, receive, manage, semaphore, segment };
  Kind kind;
  std::string from, to; // DOT ids
  std::vector<std::string> words;
};

// A direct link between two processes (by index, first < second) and the directions messages take on it.
struct LinkUse {
  std::size_t first = 0, second = 0;
  std::optional<std::uint64_t> capacity;
  bool forward = false, backward = false; // first -> second, second -> first
  std::vector<std::string> tags;
};

class TopologyWriter {
public:
  explicit TopologyWriter(const Scenario &scenario) : scenario_(scenario), graph_("topology") {
    for (std::size_t i = 0; i < scenario.processes.size(); ++i)
      process_id_[scenario.processes[i].name] = i;
    for (const ChannelSpec &channel : scenario.channels) {
      if (channel.kind == ChannelSpec::Kind::mailbox)
        mailbox_id_.emplace(channel.name, "m" + std::to_string(mailbox_id_.size()));
    }
    for (std::size_t i = 0; i < scenario.semaphores.size(); ++i)
      semaphore_id_[scenario.semaphores[i].name] = "s" + std::to_string(i);
    for (std::size_t i = 0; i < scenario.segments.size(); ++i)
      segment_id_[scenario.segments[i].name] = "g" + std::to_string(i);
    for (const ChannelSpec &channel : scenario.channels) {
      if (channel.kind == ChannelSpec::Kind::link && channel.ends.size() == 2 && process_id_.count(channel.ends[0]) &&
          process_id_.count(channel.ends[1]))
        link(process_id_.at(channel.ends[0]), process_id_.at(channel.ends[1]), channel.capacity);
    }
  }

  std::string write() {
    for (std::size_t i = 0; i < scenario_.processes.size(); ++i)
      walk(i, scenario_.processes[i].steps);
    graph_.attr("label", scenario_.name).attr("labelloc", "t").attr("fontname", "Helvetica").attr("fontsize", "14");
    graph_.attr("rankdir", "LR").attr("nodesep", "0.35").attr("ranksep", "0.7");
    graph_.node_defaults({{"fontname", "Helvetica"}, {"fontsize", "11"}});
    graph_.edge_defaults({{"fontname", "Helvetica"}, {"fontsize", "9"}});
    write_processes();
    write_mailboxes();
    write_resources();
    write_links();
    write_uses();
    return graph_.str();
  }

private:
  static std::string process_node(std::size_t index) { return "p" + std::to_string(index); }

  LinkUse &link(std::size_t a, std::size_t b, std::optional<std::optional<std::uint64_t>> capacity = std::nullopt) {
    std::size_t first = std::min(a, b), second = std::max(a, b);
    auto it = std::find_if(links_.begin(), links_.end(),
                           [&](const LinkUse &use) { return use.first == first && use.second == second; });
    if (it == links_.end()) {
      links_.push_back(LinkUse{first, second, scenario_.link_defaults.capacity, false, false, {}});
      it = links_.end() - 1;
    }
    if (capacity)
      it->capacity = *capacity;
    return *it;
  }

  // A message from process `from` to process `to` over their direct link.
  void link_message(std::size_t from, std::size_t to, const std::string &tag) {
    if (from == to)
      return;
    LinkUse &use = link(from, to);
    (from < to ? use.forward : use.backward) = true;
    add_unique(use.tags, tag);
  }

  void use(Use::Kind kind, const std::string &from, const std::string &to, const std::string &word) {
    auto it = std::find_if(uses_.begin(), uses_.end(),
                           [&](const Use &u) { return u.kind == kind && u.from == from && u.to == to; });
    if (it == uses_.end()) {
      uses_.push_back(Use{kind, from, to, {}});
      it = uses_.end() - 1;
    }
    add_unique(it->words, word);
  }

  void walk(std::size_t process, const Steps &steps) {
    for (const Step &step : steps)
      std::visit([&](const auto &op) { visit(process, op); }, step.op);
  }

  void visit(std::size_t p, const SendStep &op) {
    if (auto mailbox = mailbox_id_.find(op.to); mailbox != mailbox_id_.end())
      use(Use::Kind::send, process_node(p), mailbox->second, op.tag);
    else if (auto peer = process_id_.find(op.to); peer != process_id_.end())
      link_message(p, peer->second, op.tag);
    walk(p, op.on_fail);
  }
  void visit(std::size_t p, const ReceiveStep &op) {
    if (auto mailbox = mailbox_id_.find(op.from); mailbox != mailbox_id_.end())
      use(Use::Kind::receive, mailbox->second, process_node(p), op.tag);
    else if (auto peer = process_id_.find(op.from); peer != process_id_.end())
      link_message(peer->second, p, op.tag);
    walk(p, op.on_fail);
  }
  void visit(std::size_t p, const RepeatStep &op) { walk(p, op.body); }
  void visit(std::size_t p, const ForeverStep &op) { walk(p, op.body); }
  void visit(std::size_t p, const ChooseStep &op) {
    for (const Steps &branch : op.branches)
      walk(p, branch);
  }
  void visit(std::size_t p, const MailboxStep &op) {
    if (auto mailbox = mailbox_id_.find(op.mailbox); mailbox != mailbox_id_.end())
      use(Use::Kind::manage, process_node(p), mailbox->second, op.op == MailboxStep::Op::create ? "create" : "delete");
  }
  void visit(std::size_t p, const GiveStep &op) {
    if (auto mailbox = mailbox_id_.find(op.mailbox); mailbox != mailbox_id_.end())
      use(Use::Kind::manage, process_node(p), mailbox->second, "give to " + op.to);
  }
  void visit(std::size_t p, const SemaphoreStep &op) {
    if (auto semaphore = semaphore_id_.find(op.semaphore); semaphore != semaphore_id_.end())
      use(Use::Kind::semaphore, process_node(p), semaphore->second,
          op.op == SemaphoreStep::Op::acquire ? "acquire" : "release");
    walk(p, op.on_fail);
  }
  void visit(std::size_t p, const SegmentStep &op) {
    static constexpr const char *names[] = {"attach", "detach", "read", "write"};
    if (auto segment = segment_id_.find(op.segment); segment != segment_id_.end())
      use(Use::Kind::segment, process_node(p), segment->second, names[static_cast<int>(op.op)]);
  }
  void visit(std::size_t p, const IfStep &op) {
    walk(p, op.then);
    walk(p, op.otherwise);
  }
  void visit(std::size_t p, const WhileStep &op) { walk(p, op.body); }
  template <class Other> void visit(std::size_t, const Other &) {} // compute, sleep, wait, set, assert

  // With more than one host, each host is a cluster holding its processes and the mailboxes they own.
  DotSubgraph &host_graph(const std::string &host) {
    if (scenario_.platform.hosts.size() <= 1)
      return graph_;
    std::string name = host.empty() ? scenario_.platform.hosts.front().name : host;
    auto it = host_clusters_.find(name);
    if (it != host_clusters_.end())
      return *it->second;
    auto index = std::find_if(scenario_.platform.hosts.begin(), scenario_.platform.hosts.end(),
                              [&](const HostSpec &h) { return h.name == name; }) -
                 scenario_.platform.hosts.begin();
    DotSubgraph &cluster = graph_.cluster("h" + std::to_string(index));
    cluster.attr("label", name).attr("style", "rounded").attr("color", "#888888").attr("fontcolor", "#555555");
    host_clusters_[name] = &cluster;
    return cluster;
  }

  void write_processes() {
    // Clusters first, in host order, so that the picture does not depend on which process comes first.
    if (scenario_.platform.hosts.size() > 1) {
      for (const HostSpec &host : scenario_.platform.hosts)
        host_graph(host.name);
    }
    for (std::size_t i = 0; i < scenario_.processes.size(); ++i) {
      const ProcessSpec &process = scenario_.processes[i];
      DotAttributes style{{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", "#e8eef7"}, {"color", "#4a6a9a"}};
      if (process.server)
        style.insert(style.end(), {{"peripheries", "2"}, {"label", process.name + "\nserver"}});
      else
        style.emplace_back("label", process.name);
      host_graph(process.host).node(process_node(i), style);
    }
  }

  void write_mailboxes() {
    for (const ChannelSpec &channel : scenario_.channels) {
      if (channel.kind != ChannelSpec::Kind::mailbox)
        continue;
      std::string label = channel.name + "\n" + capacity_text(channel.capacity);
      if (channel.capacity_bytes)
        label += ", at most " + human_size(*channel.capacity_bytes);
      if (channel.message_size.kind == MessageSize::Kind::fixed)
        label += "\nmessages of " + human_size(channel.message_size.bytes);
      else if (channel.message_size.kind == MessageSize::Kind::max)
        label += "\nmessages up to " + human_size(channel.message_size.bytes);
      if (channel.delivery == Delivery::all)
        label += "\nmulticast";
      if (channel.exclusive_receive)
        label += "\nexclusive receive";
      if (!channel.owner.empty())
        label += "\nowned by " + channel.owner;
      if (!channel.created)
        label += "\ncreated at run time";
      bool buffers = !channel.capacity || *channel.capacity > 0;
      DotAttributes style{{"shape", buffers ? "cylinder" : "box"},
                          {"style", channel.created ? "filled" : "filled,dashed"},
                          {"fillcolor", "#fff8e1"},
                          {"color", "#a07000"},
                          {"fontsize", "10"},
                          {"label", label}};
      DotSubgraph *place = &graph_;
      if (auto owner = std::find_if(scenario_.processes.begin(), scenario_.processes.end(),
                                    [&](const ProcessSpec &p) { return p.name == channel.owner; });
          owner != scenario_.processes.end())
        place = &host_graph(owner->host);
      place->node(mailbox_id_.at(channel.name), style);
    }
  }

  void write_resources() {
    for (const SemaphoreSpec &semaphore : scenario_.semaphores) {
      graph_.node(semaphore_id_.at(semaphore.name),
                  {{"shape", "hexagon"},
                   {"style", "filled"},
                   {"fillcolor", "#f3ecf8"},
                   {"color", semaphore_colour},
                   {"fontsize", "10"},
                   {"label", semaphore.name + "\nsemaphore, initial " + std::to_string(semaphore.initial)}});
    }
    for (const SegmentSpec &segment : scenario_.segments) {
      graph_.node(segment_id_.at(segment.name),
                  {{"shape", "folder"},
                   {"style", "filled"},
                   {"fillcolor", "#eef7ee"},
                   {"color", segment_colour},
                   {"fontsize", "10"},
                   {"label", segment.name + "\nshared memory, " + human_size(segment.size)}});
    }
  }

  void write_links() {
    for (const LinkUse &use : links_) {
      std::string label = "link, " + capacity_text(use.capacity);
      if (!use.tags.empty())
        label += "\n" + joined(use.tags);
      DotAttributes style{{"color", "#333333"}, {"penwidth", "1.5"}, {"label", label}};
      std::string from = process_node(use.first), to = process_node(use.second);
      if (use.forward && use.backward)
        style.emplace_back("dir", "both");
      else if (use.backward)
        std::swap(from, to);
      else if (!use.forward)
        style.emplace_back("dir", "none");
      graph_.edge(from, to, style);
    }
  }

  void write_uses() {
    for (const Use &use : uses_) {
      DotAttributes style;
      switch (use.kind) {
      case Use::Kind::send:
      case Use::Kind::receive:
        style = {{"color", message_colour}, {"fontcolor", message_colour}};
        break;
      case Use::Kind::manage:
        style = {{"color", "#888888"}, {"fontcolor", "#666666"}, {"style", "dashed"}};
        break;
      case Use::Kind::semaphore:
        style = {{"color", semaphore_colour}, {"fontcolor", semaphore_colour}, {"style", "dashed"}, {"dir", "none"}};
        break;
      case Use::Kind::segment:
        style = {{"color", segment_colour}, {"fontcolor", segment_colour}, {"style", "dotted"}, {"dir", "none"}};
        break;
      }
      if (!use.words.empty())
        style.emplace_back("label", joined(use.words));
      graph_.edge(use.from, use.to, style);
    }
  }

  const Scenario &scenario_;
  DotGraph graph_;
  std::map<std::string, std::size_t> process_id_;
  std::map<std::string, std::string> mailbox_id_, semaphore_id_, segment_id_;
  std::map<std::string, DotSubgraph *> host_clusters_;
  std::vector<LinkUse> links_;
  std::vector<Use> uses_;
};

} // namespace

std::string topology_dot(const Scenario &scenario) {
  return TopologyWriter(scenario).write();
}

} // namespace ipcsim
