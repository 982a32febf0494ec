#include "checker/search_steps.hpp"

#include "models/deadlock.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipcsim {

namespace {

bool sends_on(const Instruction &i, ChannelId c) {
  return i.op == OpCode::send && i.channel == c;
}
bool receives_on(const Instruction &i, ChannelId c) {
  return i.op == OpCode::receive && std::find(i.sources.begin(), i.sources.end(), c) != i.sources.end();
}
bool manages(const Instruction &i, ChannelId c) {
  return (i.op == OpCode::create || i.op == OpCode::remove || i.op == OpCode::give) && i.channel == c;
}

std::uint32_t position_of(const std::vector<Transition> &enabled, Transition t) {
  for (std::uint32_t k = 0; k < enabled.size(); ++k)
    if (enabled[k] == t)
      return k;
  throw std::logic_error("rendezvous fusion: a step of the search is not enabled in the model");
}

} // namespace

SearchSteps::SearchSteps(const Model &model, bool fuse)
    : model_(model), semantics_(model), fused_(model.channels.size(), 0) {
  for (ChannelId c = 0; fuse && c < model.channels.size(); ++c)
    fused_[c] = fusible(model, c);
  fused_count_ = static_cast<std::size_t>(std::count(fused_.begin(), fused_.end(), 1));
}

// Capacity 0, always there, and every use of it a blocking send or a blocking receive from it alone that
// cannot fail: then queuing on it changes nothing but the queuing process.
bool SearchSteps::fusible(const Model &model, ChannelId c) const {
  const Channel &channel = model.channels[c];
  // A fault is a choice at the step that fusion would postpone (a crash may come between queuing and pairing).
  if (!channel.rendezvous() || channel.multicast || channel.exclusive_receive || !channel.created ||
      channel.owner != kNone || model.faults)
    return false;
  for (ProcId p = 0; p < model.processes.size(); ++p)
    for (const Instruction &i : model.processes[p].code) {
      if (manages(i, c))
        return false;
      // A timed operation may give up while it waits, so its queuing step is not one to postpone.
      if ((sends_on(i, c) || receives_on(i, c)) && i.timeout)
        return false;
      if (sends_on(i, c) && (i.mode != Mode::blocking || channel.too_large(i.size)))
        return false;
      bool privileged =
          !channel.receivers || std::binary_search(channel.receivers->begin(), channel.receivers->end(), p);
      // A `when` decides by the message's value whether a pair meets, which the tag alone cannot say.
      if (receives_on(i, c) &&
          (i.mode != Mode::blocking || i.sources.size() != 1 || !privileged || !i.expression.empty()))
        return false;
    }
  return true;
}

// The ready processes whose step is a fused send or receive, and the same sorted by channel (senders and
// receivers apart, each in process order), so that a partner is found by a binary search: with thousands of
// processes, scanning every waiting process for each one made a state cost the square of their number.
void SearchSteps::collect_waiting(const State &state) {
  waiting_.clear();
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    if (state.procs[p].status != ProcStatus::ready)
      continue;
    const Instruction *i = model_.instruction(p, state.procs[p].pc);
    if (!i)
      continue;
    if (i->op == OpCode::send && fused_[i->channel])
      waiting_.push_back({p, i->channel, true, i->tag});
    else if (i->op == OpCode::receive && i->sources.size() == 1 && fused_[i->sources[0]])
      waiting_.push_back({p, i->sources[0], false, i->tag});
  }
  by_channel_ = waiting_;
  std::stable_sort(by_channel_.begin(), by_channel_.end(), [](const Waiting &a, const Waiting &b) {
    return a.channel != b.channel ? a.channel < b.channel : a.sends < b.sends;
  });
}

// The processes waiting on w's channel on the other side of it (receivers of a send, senders of a receive),
// in process order.
std::span<const SearchSteps::Waiting> SearchSteps::across(const Waiting &w) const {
  auto [first, last] = std::equal_range(by_channel_.begin(), by_channel_.end(), Waiting{0, w.channel, !w.sends, 0},
                                        [](const Waiting &a, const Waiting &b) {
                                          return a.channel != b.channel ? a.channel < b.channel : a.sends < b.sends;
                                        });
  return {first, last};
}

bool SearchSteps::has_partner(const Waiting &w) const {
  return std::any_of(across(w).begin(), across(w).end(),
                     [&](const Waiting &v) { return tag_matches(w.sends ? v.tag : w.tag, w.sends ? w.tag : v.tag); });
}

void SearchSteps::enabled(const State &state, std::vector<SearchStep> &out) {
  out.clear();
  semantics_.enabled(state, transitions_);
  collect_waiting(state);
  auto w = waiting_.begin();
  for (const Transition &t : transitions_) {
    while (w != waiting_.end() && w->proc < t.proc)
      ++w;
    if (w == waiting_.end() || w->proc != t.proc) {
      out.push_back({t});
      continue;
    }
    if (!w->sends)
      continue; // a partner of the sends below
    for (const Waiting &r : across(*w))
      if (tag_matches(r.tag, w->tag))
        out.push_back({t, r.proc});
  }
}

void SearchSteps::apply(State &state, const SearchStep &step, std::vector<Event> &events) const {
  semantics_.apply(state, step.first, events);
  if (step.partner != kNone)
    semantics_.apply(state, {step.partner, 0}, events);
  forget_senders(state);
}

void SearchSteps::collect_alone(const State &state) {
  collect_waiting(state);
  alone_.clear();
  for (const Waiting &w : waiting_)
    if (!has_partner(w))
      alone_.push_back(w.proc);
}

const State &SearchSteps::judged(const State &state, PropertySet wanted) {
  if (fused_count_ == 0)
    return state;
  collect_alone(state);
  if (alone_.empty())
    return state;
  bool buffered = std::any_of(state.channels.begin(), state.channels.end(),
                              [](const ChannelState &c) { return !c.buffer.empty(); });
  bool deadlock = wanted.contains(PropertyKind::deadlock) && has_deadlock(model_, state, alone_);
  if (!deadlock && !(buffered && wanted.contains(PropertyKind::undelivered)))
    return state;
  view_ = state;
  for (ProcId p : alone_) {
    events_.clear();
    semantics_.apply(view_, {p, 0}, events_);
  }
  return view_;
}

std::vector<std::uint32_t> SearchSteps::real_choices(const std::vector<std::uint32_t> &choices, PropertyKind kind) {
  if (fused_count_ == 0)
    return choices;
  std::vector<std::uint32_t> out;
  State state = semantics_.initial_state(events_);
  auto take = [&](Transition t) {
    semantics_.enabled(state, transitions_);
    out.push_back(position_of(transitions_, t));
    events_.clear();
    semantics_.apply(state, transitions_[out.back()], events_);
  };
  for (std::uint32_t choice : choices) {
    enabled(state, steps_);
    SearchStep step = steps_.at(choice);
    take(step.first);
    if (step.partner != kNone)
      take({step.partner, 0});
  }
  // A deadlock or undelivered messages were judged on judged(state): the schedule goes on to that state.
  bool of_state = kind == PropertyKind::deadlock || kind == PropertyKind::undelivered;
  if (of_state) {
    collect_alone(state);
    for (ProcId p : alone_)
      take({p, 0});
  }
  return out;
}

} // namespace ipcsim
