#include "reports/channel_levels.hpp"

#include <map>
#include <string>

namespace ipcsim {
namespace {

class LevelReader {
public:
  explicit LevelReader(const Model &model) : model_(model), levels_(model.channels.size(), 0) {
    for (ChannelId c = 0; c < model.channels.size(); ++c)
      by_name_.emplace(model.channels[c].name, c);
  }

  void read(std::size_t index, const TraceEvent &e, std::vector<LevelChange> &changes) {
    auto channel = by_name_.find(e.channel);
    if (!e.msg || channel == by_name_.end())
      return;
    ChannelId c = channel->second;
    if (e.event == "send_end")
      sent(index, c, *e.msg, e.peer.empty(), changes);
    else if (e.event == "recv_end")
      taken(index, c, *e.msg, changes);
    else if (e.event == "lost" && takers_left_.erase(*e.msg))
      changes.push_back({index, c, --levels_[c]});
    else if (e.event == "duplicate") // the copy is buffered; a receiver waiting for it takes it next
      duplicated(index, c, *e.msg, changes);
  }

private:
  std::uint64_t takers(ChannelId c) const {
    const Channel &channel = model_.channels[c];
    return channel.multicast ? channel.receivers->size() : 1;
  }

  // A multicast message goes first to every listener already waiting (their `recv_end`s come before the
  // `send_end`), and only the others' share of it waits in the buffer.
  void sent(std::size_t index, ChannelId c, std::uint64_t msg, bool buffered, std::vector<LevelChange> &changes) {
    std::uint64_t early = 0;
    if (auto it = taken_early_.find(msg); it != taken_early_.end()) {
      early = it->second;
      taken_early_.erase(it);
    }
    if (!buffered || early >= takers(c))
      return;
    takers_left_[msg] = takers(c) - early;
    changes.push_back({index, c, ++levels_[c]});
  }

  void taken(std::size_t index, ChannelId c, std::uint64_t msg, std::vector<LevelChange> &changes) {
    auto it = takers_left_.find(msg);
    if (it == takers_left_.end()) {
      if (model_.channels[c].multicast)
        ++taken_early_[msg];
      return;
    }
    if (--it->second > 0)
      return;
    takers_left_.erase(it);
    changes.push_back({index, c, --levels_[c]});
  }

  void duplicated(std::size_t index, ChannelId c, std::uint64_t msg, std::vector<LevelChange> &changes) {
    ++takers_left_[msg];
    changes.push_back({index, c, ++levels_[c]});
  }

  const Model &model_;
  std::map<std::string, ChannelId> by_name_;
  std::vector<std::uint64_t> levels_;
  std::map<std::uint64_t, std::uint64_t> takers_left_; // a buffered message: how many have yet to take it
  std::map<std::uint64_t, std::uint64_t> taken_early_; // multicast, not yet sent: listeners that took it
};

} // namespace

std::vector<LevelChange> channel_levels(const Model &model, const std::vector<TraceEvent> &events) {
  LevelReader reader(model);
  std::vector<LevelChange> changes;
  for (std::size_t k = 0; k < events.size(); ++k)
    reader.read(k, events[k], changes);
  return changes;
}

} // namespace ipcsim
