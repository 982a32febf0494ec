// Internal to the semantics: one transition being fired on a state. Process steps live in semantics.cpp,
// variables and run-time expressions in variable_rules.cpp,
// the channel rules (acceptance, matching, FIFO service) in channel_rules.cpp, loss, duplication and crashes
// in fault_rules.cpp, multicast delivery in
// multicast_rules.cpp, mailboxes coming and going in mailbox_lifecycle.cpp, semaphores and shared memory
// in shared_memory_rules.cpp.
#pragma once

#include "models/semantics.hpp"

#include <optional>
#include <string>

namespace ipcsim {

class Semantics::Firing {
public:
  Firing(const Model &model, State &state, std::vector<Event> &events)
      : model_(model), state_(state), events_(events) {}

  void fire(Transition t);
  void settle(ProcId p); // runs p's control flow up to its next visible step, ending p at the end of its code

  // Channel rules (channel_rules.cpp).
  bool accepts_now(ChannelId c, const Message &m) const;
  std::vector<ChannelId> deliverable_sources(ProcId p, const Instruction &receive) const;
  // The id of the message that p's `receive` would take from c now, or kNone.
  std::uint32_t oldest_deliverable(ChannelId c, const Instruction &receive, ProcId p) const;

private:
  // Process steps (semantics.cpp).
  void send(ProcId p, const Instruction &i, std::uint32_t alternative);
  void receive(ProcId p, const Instruction &i, std::uint32_t alternative);
  void wait(ProcId p, const Instruction &i);
  void advance(ProcId p, std::uint32_t pc);
  void block(ProcId p, const Instruction &i, ChannelId c);
  void time_out(ProcId p);
  void fail(ProcId p, const Instruction &i, std::string why);
  void end(ProcId p);
  void cancel_receives(ProcId p);
  std::optional<std::string> send_error(ProcId p, const Instruction &i) const;
  std::optional<std::string> receive_error(ProcId p, const Instruction &i) const;
  void emit(EventKind kind, ProcId p, const Instruction &i, ChannelId c = kNone, const Message *m = nullptr,
            ProcId peer = kNone);
  void stop(ProcId p); // ended or failed: what it leaves behind

  // Faults (fault_rules.cpp).
  void lose(ProcId p, const Instruction &i, const PendingSend &s);
  void duplicate(ChannelId c, const Message &m);
  void crash(ProcId p);
  void leave_wait(ProcId p);

  // Variables (variable_rules.cpp).
  ExpressionInputs inputs(ProcId p, std::int64_t value) const;
  bool evaluate(ProcId p, const Instruction &i, const RuntimeExpression &e, std::int64_t value, std::int64_t &out);
  std::uint32_t slot_of(ProcId p, VariableRef v) const;
  const Variable &variable(ProcId p, VariableRef v) const;
  bool store(ProcId p, const Instruction &i, VariableRef v, std::int64_t value);
  bool internal(ProcId p, const Instruction &i);
  bool run_silent(ProcId p, const Instruction &i, std::uint32_t &run);
  bool wants(ProcId receiver, const Instruction &receive, const Message &m) const;
  bool message_value(ProcId p, const Instruction &i, std::int64_t &value);
  bool deliver_value(ProcId p, const Instruction &i, const Message &m);

  // Mailbox lifecycle (mailbox_lifecycle.cpp).
  void create(ProcId p, const Instruction &i);
  void remove(ProcId p, const Instruction &i);
  void give(ProcId p, const Instruction &i);
  void destroy(ChannelId c, ProcId by, const std::string &why);
  void operation_failed(ProcId p, std::uint32_t handle, const std::string &why);
  std::optional<std::string> existence_error(ChannelId c) const;
  bool holds_privilege(ChannelId c, ProcId p) const;

  // Semaphores and shared memory (shared_memory_rules.cpp).
  void acquire(ProcId p, const Instruction &i);
  void release(ProcId p, const Instruction &i);
  void attachment(ProcId p, const Instruction &i);
  void access(ProcId p, const Instruction &i);

  // Multicast (multicast_rules.cpp).
  void multicast_send(ProcId p, const Instruction &i, PendingSend s);
  ProcId hand_to_waiting(ChannelId c, Message &m);
  void multicast_take(ProcId p, ChannelId c, const PendingReceive &self);
  bool all_recipients_waiting(ChannelId c, const Message &m) const;
  std::uint64_t recipient_bit(ChannelId c, ProcId p) const;

  // Channel rules (channel_rules.cpp).
  void accept(ChannelId c, const PendingSend &s);
  std::optional<PendingReceive> hand_over_or_buffer(ChannelId c, const Message &m);
  void take(ProcId p, ChannelId c, const Instruction &i);
  void admit_waiting_senders(ChannelId c);
  void complete_send(const PendingSend &s, ChannelId c, ProcId peer);
  void complete_receive(const PendingReceive &r, ChannelId c, const Message &m);
  void finish_operation(ProcId p, std::uint32_t handle, const Instruction &i, ChannelId c);
  void release_if_waiting(ProcId p, std::uint32_t handle);
  void withdraw(const PendingReceive &r);
  const Instruction &receive_instruction(const PendingReceive &r) const;
  bool has_room(ChannelId c, const Message &m) const;
  std::vector<PendingReceive>::const_iterator first_wanting(ChannelId c, const Message &m) const;

  const Model &model_;
  State &state_;
  std::vector<Event> &events_;
};

} // namespace ipcsim
