#include "checker/state_codec.hpp"

#include <cassert>

namespace ipcsim {
namespace {

// Writes the words of encode() (models/state.cpp), in its order, each as LEB128 of w + 1 so that kNone (all
// ones, frequent in pending operations) takes one byte instead of five. Writing them directly, rather than
// converting encode()'s vector, spares an allocation per state; a test checks that both give the same words.
class Writer {
public:
  explicit Writer(std::uint8_t* out) : out_(out) {}

  void word(std::uint32_t w) {
    std::uint32_t v = w + 1;
    while (v >= 0x80) {
      *out_++ = static_cast<std::uint8_t>(v | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<std::uint8_t>(v);
  }
  void wide(std::uint64_t w) {
    word(static_cast<std::uint32_t>(w));
    word(static_cast<std::uint32_t>(w >> 32));
  }
  void message(const Message& m) {
    word(m.sender);
    word(m.tag);
    wide(m.size);
  }
  std::uint8_t* end() const { return out_; }

private:
  std::uint8_t* out_;
};

std::size_t max_words(const State& state) {
  std::size_t n = 2 * (state.procs.size() + state.counters.size() + state.handles.size());
  for (const auto& c : state.channels)
    n += 3 + 4 * c.buffer.size() + 6 * c.senders.size() + 3 * c.receivers.size();
  return n;
}

// Reads back the words of encode(), in its order (models/state.cpp).
class Reader {
public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::uint32_t word() {
    std::uint32_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
      std::uint8_t b = bytes_[pos_++];
      v |= static_cast<std::uint32_t>(b & 0x7f) << shift;
      if (b < 0x80)
        return v - 1;
    }
  }
  std::uint64_t wide() {
    std::uint64_t lo = word();
    return lo | static_cast<std::uint64_t>(word()) << 32;
  }
  Message message(std::uint32_t& next_id) {
    Message m;
    m.id = next_id++;
    m.sender = word();
    m.tag = word();
    m.size = wide();
    return m;
  }
  bool done() const { return pos_ == bytes_.size(); }

private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

} // namespace

void StateCodec::pack(const State& state, std::vector<std::uint8_t>& out) const {
  out.resize(5 * max_words(state));
  Writer w(out.data());
  for (const auto& p : state.procs) {
    w.word(p.pc);
    w.word(static_cast<std::uint32_t>(p.status));
  }
  for (auto c : state.counters)
    w.wide(c);
  for (const auto& h : state.handles) {
    w.word(static_cast<std::uint32_t>(h.status));
    w.word(h.origin);
  }
  for (const auto& c : state.channels) {
    w.word(static_cast<std::uint32_t>(c.buffer.size()));
    for (const auto& m : c.buffer)
      w.message(m);
    w.word(static_cast<std::uint32_t>(c.senders.size()));
    for (const auto& s : c.senders) {
      w.word(s.proc);
      w.word(s.handle);
      w.message(s.message);
    }
    w.word(static_cast<std::uint32_t>(c.receivers.size()));
    for (const auto& r : c.receivers) {
      w.word(r.proc);
      w.word(r.handle);
      w.word(r.tag);
    }
  }
  out.resize(static_cast<std::size_t>(w.end() - out.data()));
}

std::vector<std::uint32_t> StateCodec::words(std::span<const std::uint8_t> bytes) {
  Reader in(bytes);
  std::vector<std::uint32_t> out;
  while (!in.done())
    out.push_back(in.word());
  return out;
}

void StateCodec::unpack(std::span<const std::uint8_t> bytes, State& out) const {
  Reader in(bytes);
  out.procs.resize(model_.processes.size());
  for (auto& p : out.procs) {
    p.pc = in.word();
    p.status = static_cast<ProcStatus>(in.word());
  }
  out.counters.resize(model_.counter_count);
  for (auto& c : out.counters)
    c = in.wide();
  out.handles.resize(model_.handle_count);
  for (auto& h : out.handles) {
    h.status = static_cast<HandleStatus>(in.word());
    h.origin = in.word();
  }
  std::uint32_t next_id = 1;
  out.channels.resize(model_.channels.size());
  for (auto& c : out.channels) {
    c.buffer.resize(in.word());
    c.bytes = 0;
    for (auto& m : c.buffer) {
      m = in.message(next_id);
      c.bytes += m.size;
    }
    c.senders.resize(in.word());
    for (auto& s : c.senders) {
      s.proc = in.word();
      s.handle = in.word();
      s.message = in.message(next_id);
    }
    c.receivers.resize(in.word());
    for (auto& r : c.receivers) {
      r.proc = in.word();
      r.handle = in.word();
      r.tag = in.word();
    }
  }
  out.next_message = next_id;
  assert(in.done());
}

} // namespace ipcsim
