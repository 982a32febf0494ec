// States as compact bytes for the visited set: the words of models' encode() (the state's identity) written
// as variable-length integers, and read back into a State that behaves identically. Most words are small
// (program counters, statuses, counts), so a state takes about one byte per word.
#pragma once

#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace ipcsim {

class StateCodec {
public:
  explicit StateCodec(const Model& model) : model_(model) {}

  // Replaces `out` with the bytes of `state`.
  void pack(const State& state, std::vector<std::uint8_t>& out) const;

  // The inverse of pack(), reusing `out`'s storage. Message numbers are not part of a state's identity:
  // messages are renumbered from 1 in channel order, which changes no behaviour.
  void unpack(std::span<const std::uint8_t> bytes, State& out) const;

  // The words that `bytes` hold: encode() of the packed state (for tests).
  static std::vector<std::uint32_t> words(std::span<const std::uint8_t> bytes);

private:
  const Model& model_;
};

} // namespace ipcsim
