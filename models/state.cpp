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
  encode_state(state, e);
  return e.take();
}

} // namespace ipcsim
