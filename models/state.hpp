// The system state: where each process is, its loop counters and async handles, and what each channel
// holds (buffered messages, waiting senders, waiting receivers, each in FIFO order). A plain value: the
// simulator mutates one in place, the checker copies, encodes and compares them.
#pragma once

#include "models/model.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

enum class ProcStatus : std::uint8_t {
  ready,   // at a visible step, which it may take
  blocked, // inside a blocking send, receive or wait
  ended,   // past its last step
  failed,  // stopped by an invalid operation
  crashed, // stopped by a fault (`crash:`), for good
};

struct Message {
  std::uint32_t id = 0; // numbered from 1 in send order; not part of the checker's state identity
  ProcId sender = kNone;
  TagId tag = 0;
  std::uint64_t size = 0;
  std::uint64_t unread = 0; // multicast: the recipients (Channel::receivers bits) yet to take it
  std::int64_t value = 0;   // the integer it carries (`value:`)
  bool operator==(const Message &) const = default;
};

// A send that waits for the channel to accept it: a blocked sender (handle kNone) or a posted async send.
struct PendingSend {
  ProcId proc = kNone;
  std::uint32_t handle = kNone; // absolute index into State::handles
  Message message;
  bool operator==(const PendingSend &) const = default;
};

// A receive that waits for a message: a blocked receiver or a posted async receive.
struct PendingReceive {
  ProcId proc = kNone;
  std::uint32_t handle = kNone; // absolute index into State::handles
  TagId tag = 0;
  bool operator==(const PendingReceive &) const = default;
};

struct ChannelState {              // a new member must be copied in State::operator= (state.cpp) too
  bool exists = true;              // a mailbox before `create`, after `delete` or its owner's exit: false
  std::vector<ProcId> may_receive; // mailboxes with a receivers list: who holds the privilege now (sorted)
  std::vector<Message> buffer;     // accepted, not yet received; oldest first
  std::uint64_t bytes = 0;         // total size of buffer
  std::vector<PendingSend> senders;
  std::vector<PendingReceive> receivers;
  bool operator==(const ChannelState &) const = default;
};

// failed: its mailbox ceased to exist while the operation was posted; a `wait` on it is invalid.
enum class HandleStatus : std::uint8_t { idle, pending, done, failed };

struct HandleState {
  HandleStatus status = HandleStatus::idle;
  std::uint32_t origin = 0; // pc of the async operation that posted it
  bool operator==(const HandleState &) const = default;
};

struct ProcState {
  std::uint32_t pc = 0;
  ProcStatus status = ProcStatus::ready;
  std::uint64_t attached = 0; // bit k: segment k is attached
  bool operator==(const ProcState &) const = default;
};

struct SemaphoreState { // likewise
  std::uint64_t value = 0;
  std::vector<ProcId> waiters; // blocked in acquire, in the order they started to wait
  bool operator==(const SemaphoreState &) const = default;
};

struct State {
  std::vector<ProcState> procs;
  std::vector<std::uint64_t> counters; // repeat counters, Process::counter_base onwards
  std::vector<HandleState> handles;    // async handles, Process::handle_base onwards
  std::vector<std::int64_t> vars;      // the globals, then each process's own from Process::var_base
  std::vector<ChannelState> channels;
  std::vector<SemaphoreState> semaphores;
  std::uint32_t next_message = 1;

  State() = default;
  State(const State &) = default;
  State(State &&) noexcept = default;
  State &operator=(State &&) noexcept = default;
  // The checker copies a state for every transition (its successor starts as a copy), and most of a
  // channel's lists are empty: this copy skips those, where the default one assigns every list.
  State &operator=(const State &other);
  bool operator==(const State &) const = default;
};

// The state's identity for the checker: everything but message numbers, as a flat word sequence that can
// be hashed and compared. Two states with equal encodings behave identically (and the checker forgets the
// senders of buffered messages too: forget_senders below).
std::vector<std::uint32_t> encode(const State &state);

// Who sent a buffered message decides nothing that happens later (a receive takes by channel and tag) and
// shows only in what reports say of it, so the checker forgets it (kNone): states that differ only there
// behave alike and are stored once. Reports come from replaying the schedule, which keeps the senders.
void forget_senders(State &state);

// The words encode() writes for one channel, to any sink with word(uint32_t) and wide(uint64_t): the
// checker's codec packs each channel on its own with the same words.
// A signed value as an unsigned one that stays small when the value is near 0 (0, -1, 1, -2 -> 0, 1, 2, 3).
inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t u) {
  return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
}

// `values`: false when no message of the model can carry a value (every one is 0), which leaves the
// value out, so that the scenarios of version 1 pack as they always did.
template <class Sink>
void encode_message(const Message &m, Sink &out, bool values) { // the id is left out: it changes no behaviour
  out.word(m.sender);
  out.word(m.tag);
  out.wide(m.size);
  out.wide(m.unread);
  if (values)
    out.wide(zigzag(m.value));
}

template <class Sink> void encode_channel(const ChannelState &c, Sink &out, bool values = true) {
  out.word(c.exists ? 1 : 0);
  out.word(static_cast<std::uint32_t>(c.may_receive.size()));
  for (ProcId p : c.may_receive)
    out.word(p);
  out.word(static_cast<std::uint32_t>(c.buffer.size()));
  for (const auto &m : c.buffer)
    encode_message(m, out, values);
  out.word(static_cast<std::uint32_t>(c.senders.size()));
  for (const auto &s : c.senders) {
    out.word(s.proc);
    out.word(s.handle);
    encode_message(s.message, out, values);
  }
  out.word(static_cast<std::uint32_t>(c.receivers.size()));
  for (const auto &r : c.receivers) {
    out.word(r.proc);
    out.word(r.handle);
    out.word(r.tag);
  }
}

template <class Sink> void encode_semaphore(const SemaphoreState &s, Sink &out) {
  out.wide(s.value);
  out.word(static_cast<std::uint32_t>(s.waiters.size()));
  for (ProcId p : s.waiters)
    out.word(p);
}

} // namespace ipcsim
