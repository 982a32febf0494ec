// The compiled scenario: processes as step programs over numbered channels, the form that the semantics
// (semantics.hpp) executes. Built once by compile() and read-only afterwards; both engines share it.
#pragma once

#include "models/runtime_expression.hpp"
#include "models/scenario.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace ipcsim {

using ProcId = std::uint32_t;
using ChannelId = std::uint32_t;
using TagId = std::uint32_t; // 0: untagged
using SemaphoreId = std::uint32_t;
using SegmentId = std::uint32_t;
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

enum class OpCode : std::uint8_t {
  // Visible steps: each is one transition of its process.
  compute,
  sleep,
  send,
  receive,
  wait,
  choose,
  create,  // a mailbox declared with created: false (or deleted) comes into existence
  remove,  // `delete`: the mailbox ceases to exist; what it holds is lost
  give,    // the receive privilege of a kernel mailbox passes to another process
  acquire, // semaphore P
  release, // semaphore V
  attach,  // shared memory
  detach,
  read,
  write,
  // Steps on variables (`set`, the test of `if` and `while`, `assert`): visible when they read or write a
  // global or a variable that an invariant names, else `silent` (below).
  assign, // every store's value evaluated, then stored
  test,   // the condition holds: on to the next instruction; else jump to target
  check,  // assert: a violation where the condition is false
  route,  // a run-time name (`to: "reply[c]"`): on to branches[index], one send or receive per replica
  // Control flow: executed silently right after the visible step before it, so that a process always
  // rests at a visible step or at its end.
  repeat_init, // counter := times
  repeat_next, // if counter > 0 { counter -= 1; continue } else jump target
  jump,
};

enum class Mode : std::uint8_t { blocking, nonblocking, async };

// A variable that a step writes: a global, or one of its process's own.
struct VariableRef {
  bool global = false;
  std::uint32_t slot = kNone; // among the globals, or among the process's variables
  bool operator==(const VariableRef &) const = default;
};

struct Store {
  VariableRef target;
  RuntimeExpression value;
  bool operator==(const Store &) const = default;
};

struct Variable {
  std::string name;
  std::int64_t initial = 0;
  std::int64_t min = 0, max = 0; // storing outside [min, max] is an invalid operation
  SourceMark mark;
};

struct Instruction {
  OpCode op = OpCode::jump;
  SourceMark mark;
  Mode mode = Mode::blocking;
  ChannelId channel = kNone;           // send: the channel; create, delete, give: the mailbox
  ProcId give_to = kNone;              // give: the process that receives the privilege
  SemaphoreId semaphore = kNone;       // acquire, release
  SegmentId segment = kNone;           // attach, detach, read, write
  std::vector<ChannelId> sources;      // receive: the channels it may take from (several for `from: any`)
  TagId tag = 0;                       // send: the tag carried; receive: the tag wanted (0: any)
  std::uint64_t size = 0;              // send, read, write: bytes
  std::uint32_t handle = kNone;        // async send/receive and wait: the process's handle slot
  std::uint32_t target = 0;            // jump, repeat_next exit, failed non-blocking operation (`else`)
  std::uint32_t counter = 0;           // repeat_init/repeat_next: the process's counter slot
  std::uint64_t times = 0;             // repeat_init
  std::vector<std::uint32_t> branches; // choose, route: first instruction of each branch (route: kNone for none)
  Duration duration;                   // compute, sleep
  // send, receive, acquire (blocking): waiting longer gives up, on to `target` (its `else`). `check` lets it
  // give up at any moment it waits (Semantics: a time-out transition).
  std::optional<Duration> timeout;
  // send, receive, acquire: the processes whose program could complete it or make its mailbox cease to exist
  // (sorted), the only ones the deadlock analysis needs to ask about.
  std::vector<ProcId> completers;
  std::optional<double> flops; // compute {flops: ...}
  // Variables. send: the message's value; receive: its `when`; test, check: the condition; route: the index.
  RuntimeExpression expression;
  VariableRef into;          // receive: where the value goes (slot kNone: nowhere)
  std::vector<Store> stores; // assign
  std::string family;        // route: the replicated item indexed, for its errors ("reply")
  // An internal step that touches no global and no variable an invariant names: no other process can tell
  // when it happens, so it runs with the visible step before it (like control flow) and adds no state.
  bool silent = false;
};

struct Process {
  std::string name;
  std::uint32_t host = 0; // index into Scenario::platform.hosts
  bool server = false;
  std::vector<Instruction> code;  // the process ends when its pc reaches code.size()
  std::uint32_t counter_base = 0; // this process's repeat counters in State::counters
  std::uint32_t counter_count = 0;
  std::uint32_t handle_base = 0; // this process's async handles in State::handles
  std::vector<std::string> handle_names;
  // For each pc (and code.size()): the channels the process may still send on / receive from from there
  // on, following every path of its control flow. A process is a possible releaser only if it can still
  // do the complementary operation, not merely because its program does it somewhere.
  std::vector<std::vector<ChannelId>> sends_ahead;
  std::vector<std::vector<ChannelId>> receives_ahead;
  std::vector<std::vector<SemaphoreId>> releases_ahead;   // likewise, the semaphores it may still release
  std::vector<std::vector<SemaphoreId>> semaphores_ahead; // acquires or releases
  std::vector<std::vector<SegmentId>> segments_ahead;     // attaches, detaches, reads or writes
  std::vector<std::vector<ChannelId>> lifecycles_ahead;   // mailboxes it may create, delete or give
  std::vector<ChannelId> owned;                           // the user-space mailboxes that disappear when it stops
  std::vector<Variable> variables;                        // its own, at State::vars[var_base...]
  std::uint32_t var_base = 0;
  std::optional<CrashSpec> crash; // `check` lets it crash at any moment it is ready or blocked; `run` at crash->after
  SourceMark mark;
};

struct Channel {
  std::string name; // mailbox name, or "A->B" for one direction of a link
  bool is_link = false;
  ProcId link_sender = kNone; // a link direction: who sends and who receives
  ProcId link_receiver = kNone;
  std::optional<std::uint64_t> capacity; // nullopt: unbounded
  std::optional<std::uint64_t> capacity_bytes;
  MessageSize message_size;
  std::optional<std::vector<ProcId>> receivers; // who may receive at first (sorted); nullopt: anyone
  ProcId owner = kNone;                         // a user-space mailbox's owner; kNone: a kernel mailbox or a link
  bool multicast = false;                       // delivery: all: every process in `receivers` takes every message
  bool exclusive_receive = false;
  bool created = true;              // exists from the start
  bool rendezvous_property = false; // listed in properties.rendezvous
  std::vector<ProcId> senders_of;   // processes whose program sends to it (for the wait-for graph)
  std::vector<ProcId> receivers_of; // processes whose program receives from it
  ChannelFaults faults;             // loss and duplication: a send's extra alternatives (Semantics)
  SourceMark mark;

  bool rendezvous() const { return capacity && *capacity == 0; }
  // A multicast message's receivers as bits: bit k for receivers[k].
  std::uint64_t all_recipients() const {
    auto n = receivers->size();
    return n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
  }
  // A fixed-size channel pads shorter messages to its size; a longer one keeps its size (and is invalid).
  std::uint64_t padded_size(std::uint64_t requested) const {
    bool padded = message_size.kind == MessageSize::Kind::fixed && requested < message_size.bytes;
    return padded ? message_size.bytes : requested;
  }
  // Whether a send of `requested` bytes exceeds its fixed or maximum message size: an invalid operation.
  bool too_large(std::uint64_t requested) const {
    return message_size.kind != MessageSize::Kind::any && padded_size(requested) > message_size.bytes;
  }
};

struct Semaphore {
  std::string name;
  std::uint64_t initial = 0;
  SourceMark mark;
};

struct Segment {
  std::string name;
  std::uint64_t size = 0;
  SourceMark mark;
};

struct Invariant {
  RuntimeExpression condition;
  SourceMark mark;
};

inline constexpr std::size_t max_segments = 64;  // a process's attachments are one 64-bit word
inline constexpr std::size_t max_multicast = 64; // a multicast message's recipients likewise

struct Model {
  Scenario scenario; // the source, for names, costs, platform and marks
  std::vector<Process> processes;
  std::vector<Channel> channels;
  std::vector<Semaphore> semaphores;
  std::vector<Segment> segments;
  std::vector<std::string> tags;   // tags[0] is "" (untagged)
  std::uint32_t counter_count = 0; // total over processes
  std::uint32_t handle_count = 0;
  std::vector<Variable> globals; // at State::vars[0...]; the processes' own follow
  std::uint32_t var_count = 0;   // globals and every process's own
  std::vector<Invariant> invariants;
  bool message_values = false; // some send carries a `value`: messages' values are part of states
  bool timeouts = false;       // some send, receive or acquire has a timeout
  bool faults = false;         // some channel may lose or duplicate, or some process may crash

  const Instruction *instruction(ProcId p, std::uint32_t pc) const {
    const auto &code = processes[p].code;
    return pc < code.size() ? &code[pc] : nullptr;
  }
};

// Resolves names into indices and flattens steps into instructions. What can be judged without running
// (giving a mailbox that has no privilege to give, too many segments) is rejected here as a ScenarioError,
// like any other bad input.
Model compile(const Scenario &scenario);
// The same, keeping the scenario without copying it (its steps may be a million).
Model compile(Scenario &&scenario);

// The instructions that may run right after instruction pc of `code`.
std::vector<std::uint32_t> successors(const std::vector<Instruction> &code, std::uint32_t pc);

} // namespace ipcsim
