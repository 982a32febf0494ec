#include "models/state.hpp"

namespace ipcsim {
namespace {

class Encoder {
public:
  void word(std::uint32_t w) { out_.push_back(w); }
  void wide(std::uint64_t w) {
    word(static_cast<std::uint32_t>(w));
    word(static_cast<std::uint32_t>(w >> 32));
  }
  std::vector<std::uint32_t> take() { return std::move(out_); }

private:
  std::vector<std::uint32_t> out_;
};

// Into storage of the same shape, as the checker's copies are: an empty list stays empty without a call.
template <class T>
void copy_list(std::vector<T>& to, const std::vector<T>& from) {
  if (!to.empty() || !from.empty())
    to = from;
}

void copy_channel(ChannelState& to, const ChannelState& from) {
  to.exists = from.exists;
  copy_list(to.may_receive, from.may_receive);
  copy_list(to.buffer, from.buffer);
  to.bytes = from.bytes;
  copy_list(to.senders, from.senders);
  copy_list(to.receivers, from.receivers);
}

} // namespace

State& State::operator=(const State& other) {
  procs = other.procs;
  counters = other.counters;
  handles = other.handles;
  vars = other.vars;
  channels.resize(other.channels.size());
  for (std::size_t c = 0; c < channels.size(); ++c)
    copy_channel(channels[c], other.channels[c]);
  semaphores.resize(other.semaphores.size());
  for (std::size_t s = 0; s < semaphores.size(); ++s) {
    semaphores[s].value = other.semaphores[s].value;
    copy_list(semaphores[s].waiters, other.semaphores[s].waiters);
  }
  next_message = other.next_message;
  return *this;
}

void forget_senders(State& state) {
  for (auto& c : state.channels)
    for (auto& m : c.buffer)
      m.sender = kNone;
}

std::vector<std::uint32_t> encode(const State& state) {
  Encoder out;
  for (const auto& p : state.procs) {
    out.word(p.pc);
    out.word(static_cast<std::uint32_t>(p.status));
    out.wide(p.attached);
  }
  for (auto c : state.counters)
    out.wide(c);
  for (const auto& h : state.handles) {
    out.word(static_cast<std::uint32_t>(h.status));
    out.word(h.origin);
  }
  for (auto v : state.vars)
    out.wide(zigzag(v));
  for (const auto& c : state.channels)
    encode_channel(c, out);
  for (const auto& s : state.semaphores)
    encode_semaphore(s, out);
  return out.take();
}

} // namespace ipcsim
