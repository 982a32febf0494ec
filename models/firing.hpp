// Internal to the semantics: one transition being fired on a state. Process steps live in semantics.cpp,
// the channel rules (acceptance, matching, FIFO service) in channel_rules.cpp.
#pragma once

#include "models/semantics.hpp"

#include <optional>
#include <string>

namespace ipcsim {

class Semantics::Firing {
public:
  Firing(const Model& model, State& state, std::vector<Event>& events)
      : model_(model), state_(state), events_(events) {}

  void fire(Transition t);
  void settle(ProcId p); // runs p's control flow up to its next visible step, ending p at the end of its code

  // Channel rules (channel_rules.cpp).
  bool accepts_now(ChannelId c, const Message& m) const;
  std::vector<ChannelId> deliverable_sources(const Instruction& receive) const;
  std::uint32_t oldest_deliverable(ChannelId c, TagId wanted) const; // message id the receive would take

private:
  // Process steps (semantics.cpp).
  void send(ProcId p, const Instruction& i);
  void receive(ProcId p, const Instruction& i, std::uint32_t alternative);
  void wait(ProcId p, const Instruction& i);
  void advance(ProcId p, std::uint32_t pc);
  void block(ProcId p, const Instruction& i, ChannelId c);
  void fail(ProcId p, const Instruction& i, std::string why);
  void end(ProcId p);
  void cancel_receives(ProcId p);
  std::optional<std::string> send_error(ProcId p, const Instruction& i) const;
  std::optional<std::string> receive_error(ProcId p, const Instruction& i) const;
  void emit(EventKind kind, ProcId p, const Instruction& i, ChannelId c = kNone, const Message* m = nullptr,
            ProcId peer = kNone);

  // Channel rules (channel_rules.cpp).
  void accept(ChannelId c, const PendingSend& s);
  void take(ProcId p, ChannelId c, const Instruction& i);
  void admit_waiting_senders(ChannelId c);
  void complete_send(const PendingSend& s, ChannelId c, ProcId peer);
  void complete_receive(const PendingReceive& r, ChannelId c, const Message& m);
  void finish_operation(ProcId p, std::uint32_t handle, const Instruction& i, ChannelId c);
  void release_if_waiting(ProcId p, std::uint32_t handle);
  void withdraw(const PendingReceive& r);
  const Instruction& receive_instruction(const PendingReceive& r) const;
  bool has_room(ChannelId c, const Message& m) const;

  const Model& model_;
  State& state_;
  std::vector<Event>& events_;
};

inline bool tag_matches(TagId wanted, TagId tag) { return wanted == 0 || wanted == tag; }

} // namespace ipcsim
