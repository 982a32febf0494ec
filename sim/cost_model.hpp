// What moving one message costs under the scenario's `costs` and platform. These are the formulas the
// README's "Costs" section states; the simulator charges them, nothing else decides a cost.
//
// A send pays its call (`send`), then either one `map` (a message of at least large_message.threshold) or
// a copy into the kernel buffer at copy_bandwidth (buffered channels only), all before the message reaches
// the channel. The receiver pays its call (`receive`) and, once the message is its own, a copy out at
// copy_bandwidth unless the message was mapped: two copies through a buffer, one at a rendezvous.
// A channel lives on the host of its receiver; a process on another host moves each message over the
// network first (sender) or afterwards (receiver).
//
// Every other step that enters the system pays its call before it takes effect: semaphore calls cost
// `send` (SCENARIO_FORMAT.md), and so do the mailbox calls create, delete and give, which the format
// leaves unpriced: they are system calls like a send. Attaching and detaching a segment costs `attach`;
// reading or writing S bytes of it costs S / memory_bandwidth.
#pragma once

#include "models/model.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

struct CopyCost {
  double cpu = 0;                  // seconds of the process's CPU
  std::uint64_t bytes_copied = 0;  // bytes moved by per-byte copies (mapped messages move none)
};

class CostModel {
public:
  explicit CostModel(const Model& model);

  // Seconds of CPU that step i spends in its call before it takes effect (0 for steps that make none).
  double call_seconds(const Instruction& i) const;

  CopyCost sender_side(ChannelId c, std::uint64_t size) const;
  CopyCost receiver_side(std::uint64_t size) const;
  bool mapped(std::uint64_t size) const;

  // Bytes a channel's buffer holds aside: none at a rendezvous; a bounded buffer of known message sizes
  // reserves its capacity (capacity x size, or capacity_bytes when smaller); any other buffer grows on
  // demand, so what it reserves is the most it ever held.
  std::uint64_t reserved_memory(ChannelId c, std::uint64_t peak_bytes) const;

  // Where the channel's buffer is: its receiver's host (a link), or the host of the first process that
  // may or does receive from the mailbox (its first sender's when nobody receives).
  std::uint32_t home_host(ChannelId c) const { return home_[c]; }

private:
  double copy_seconds(std::uint64_t size) const;

  const Model& model_;
  std::vector<std::uint32_t> home_;
};

} // namespace ipcsim
