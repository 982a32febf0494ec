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
  void message(const Message& m) { // the id is left out: message numbers do not change behaviour
    word(m.sender);
    word(m.tag);
    wide(m.size);
  }
  std::vector<std::uint32_t> take() { return std::move(out_); }

private:
  std::vector<std::uint32_t> out_;
};

} // namespace

std::vector<std::uint32_t> encode(const State& state) {
  Encoder e;
  for (const auto& p : state.procs) {
    e.word(p.pc);
    e.word(static_cast<std::uint32_t>(p.status));
  }
  for (auto c : state.counters)
    e.wide(c);
  for (const auto& h : state.handles) {
    e.word(static_cast<std::uint32_t>(h.status));
    e.word(h.origin);
  }
  for (const auto& c : state.channels) {
    e.word(static_cast<std::uint32_t>(c.buffer.size()));
    for (const auto& m : c.buffer)
      e.message(m);
    e.word(static_cast<std::uint32_t>(c.senders.size()));
    for (const auto& s : c.senders) {
      e.word(s.proc);
      e.word(s.handle);
      e.message(s.message);
    }
    e.word(static_cast<std::uint32_t>(c.receivers.size()));
    for (const auto& r : c.receivers) {
      e.word(r.proc);
      e.word(r.handle);
      e.word(r.tag);
    }
  }
  return e.take();
}

} // namespace ipcsim
