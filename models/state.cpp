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

} // namespace

std::vector<std::uint32_t> encode(const State& state) {
  Encoder e;
  for (const auto& p : state.procs) {
    e.word(p.pc);
    e.word(static_cast<std::uint32_t>(p.status));
    e.wide(p.attached);
  }
  for (auto c : state.counters)
    e.wide(c);
  for (const auto& h : state.handles) {
    e.word(static_cast<std::uint32_t>(h.status));
    e.word(h.origin);
  }
  for (const auto& c : state.channels)
    encode_channel(c, e);
  for (const auto& s : state.semaphores)
    encode_semaphore(s, e);
  return e.take();
}

} // namespace ipcsim
