// The scenario as the user wrote it, after loading: replication expanded, expressions evaluated, units
// converted to seconds, bytes and bytes/s, and every value validated. Names are still names: compile()
// (program.hpp) resolves them into the indices the semantics works with.
#pragma once

#include "models/source_mark.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ipcsim {

// A duration, fixed or drawn from a distribution (all parameters in seconds).
struct Duration {
  enum class Kind { fixed, exponential, uniform, normal };
  Kind kind = Kind::fixed;
  double a = 0; // fixed: the value; exponential: the mean; uniform: low; normal: mean
  double b = 0; // uniform: high; normal: standard deviation
};

struct MessageSize {
  enum class Kind { any, fixed, max };
  Kind kind = Kind::any;
  std::uint64_t bytes = 0;
};

enum class Delivery { one, all };

// What a channel may do wrong (SCENARIO_FORMAT.md, "Faults"): the environment's doing, not a bug of the design.
struct ChannelFaults {
  double loss = 0;      // probability that a message sent on it is destroyed instead of accepted
  double duplicate = 0; // probability that it is accepted twice
  SourceMark mark;      // of the `faults` key
  bool any() const { return loss > 0 || duplicate > 0; }
};

struct ChannelSpec {
  enum class Kind { mailbox, link };
  Kind kind = Kind::mailbox;
  std::string name;                      // mailbox name; for a link "A<->B"
  std::vector<std::string> ends;         // a link: the two process names
  std::optional<std::uint64_t> capacity; // nullopt: unbounded; 0: rendezvous
  std::optional<std::uint64_t> capacity_bytes;
  MessageSize message_size;
  std::string owner;                                 // empty: kernel; else the owning process (user-space mailbox)
  std::optional<std::vector<std::string>> receivers; // nullopt: any process may receive
  Delivery delivery = Delivery::one;
  bool exclusive_receive = false;
  bool created = true;
  ChannelFaults faults;
  SourceMark mark;
};

struct SemaphoreSpec {
  std::string name;
  std::uint64_t initial = 0;
  SourceMark mark;
};

struct SegmentSpec {
  std::string name;
  std::uint64_t size = 0;
  SourceMark mark;
};

struct Step;
using Steps = std::vector<Step>;

// A run-time expression as written (SCENARIO_FORMAT.md, "Variables and values"): compile() parses, types and
// resolves it (models/runtime_expression.hpp), so that its errors point at `mark`.
struct ExpressionText {
  std::string text;
  SourceMark mark;      // of the text's first character
  bool columns = true;  // an offset into `text` is a column of the file (false once ${...} has changed it)
};

// An integer variable: a global, or one of a process's own (each replica has its copy).
struct VariableSpec {
  std::string name;
  std::int64_t initial = 0;
  std::int64_t min = -(std::int64_t{1} << 31); // a declared range: storing outside it is an invalid operation
  std::int64_t max = (std::int64_t{1} << 31) - 1;
  SourceMark mark;
};

struct ComputeStep {
  Duration duration;           // used when flops is empty
  std::optional<double> flops; // {flops: 1Mf}: work on the host's speed
};
struct SleepStep {
  Duration duration;
};
// `to: "reply[c]"`: a replicated mailbox or process chosen by a run-time expression (SCENARIO_FORMAT.md,
// "Run-time names"); the step's name stays as written.
struct IndexedName {
  std::string family;   // "reply": an item with `count`
  ExpressionText index; // "c"
};

struct SendStep {
  std::string to;                    // a mailbox or a process
  std::optional<std::uint64_t> size; // empty: the channel's fixed message_size, else 0
  std::string tag;                   // empty: untagged
  bool blocking = true;
  std::string async;                   // handle name; empty: not asynchronous
  Steps on_fail;                       // `else:` of a non-blocking send, or of one that timed out
  std::optional<ExpressionText> value; // the integer the message carries (default 0)
  std::optional<Duration> timeout;     // a blocking send that gives up after waiting this long
  std::optional<IndexedName> to_indexed; // `to` has a run-time index
};
struct ReceiveStep {
  std::string from; // a mailbox, a process, or "any"
  std::string tag;  // empty: any message
  bool blocking = true;
  std::string async;
  Steps on_fail;                   // `else:` of a non-blocking receive, or of one that timed out
  std::optional<Duration> timeout; // a blocking receive that gives up after waiting this long
  std::string into;                // a variable that stores the received value; empty: none
  SourceMark into_mark;
  std::optional<ExpressionText> when; // takes only a message whose value satisfies it
  std::optional<IndexedName> from_indexed; // `from` has a run-time index
};
struct WaitStep {
  std::string handle;
};
struct RepeatStep {
  std::uint64_t times = 0;
  Steps body;
};
struct ForeverStep {
  Steps body;
};
struct ChooseStep {
  std::vector<Steps> branches;
};
struct MailboxStep {
  enum class Op { create, remove };
  Op op = Op::create;
  std::string mailbox;
};
struct GiveStep {
  std::string mailbox;
  std::string to;
};
struct SemaphoreStep {
  enum class Op { acquire, release };
  Op op = Op::acquire;
  std::string semaphore;
  std::optional<Duration> timeout; // acquire {semaphore: s, timeout: 2ms, else: [...]}
  Steps on_fail;
};
struct SegmentStep {
  enum class Op { attach, detach, read, write };
  Op op = Op::attach;
  std::string segment;
  std::uint64_t size = 0; // read and write
};

// Steps on variables: internal steps of their process (no cost in `run`).
struct Assignment {
  std::string variable;
  ExpressionText value;
  SourceMark mark; // of the variable's key
};
struct SetStep {
  std::vector<Assignment> assignments; // every right side is evaluated before any is stored
};
struct IfStep {
  ExpressionText condition;
  Steps then;
  Steps otherwise; // `else:`, possibly empty
};
struct WhileStep {
  ExpressionText condition;
  Steps body;
};
struct AssertStep {
  ExpressionText condition;
};

struct Step {
  using Op = std::variant<ComputeStep, SleepStep, SendStep, ReceiveStep, WaitStep, RepeatStep, ForeverStep, ChooseStep,
                          MailboxStep, GiveStep, SemaphoreStep, SegmentStep, SetStep, IfStep, WhileStep, AssertStep>;
  Op op;
  SourceMark mark;
};

// `crash:` on a process (SCENARIO_FORMAT.md, "Faults"): `check` lets it crash before any of its steps;
// `run` crashes it at `after` (never, for `crash: true`).
struct CrashSpec {
  std::optional<Duration> after;
  SourceMark mark;
};

struct ProcessSpec {
  std::string name; // replica k of "phil" is "phil[k]"
  std::string host; // empty: the first host
  bool server = false;
  std::vector<VariableSpec> variables; // each replica's own
  std::optional<std::int64_t> index;   // i and n of a replica (run-time expressions read them)
  std::optional<std::int64_t> count;
  Steps steps;
  std::optional<CrashSpec> crash;
  SourceMark mark;
};

struct HostSpec {
  std::string name;
  double speed = 1e9; // flop/s
  unsigned cores = 1;
  SourceMark mark;
};

struct LinkSpec {
  std::string name;
  std::vector<std::string> between; // two host names
  double bandwidth = 1.25e8;        // bytes/s
  double latency = 0;               // seconds
  SourceMark mark;
};

struct Platform {
  std::vector<HostSpec> hosts; // never empty after loading: default {host0, 1Gf, 1 core}
  std::vector<LinkSpec> links;
};

struct LargeMessage {
  std::uint64_t threshold = 0; // 0: never
  double map = 0;              // seconds
};

struct Costs {
  double send = 0; // seconds of CPU per call
  double receive = 0;
  double context_switch = 0;
  double copy_bandwidth = 0; // bytes/s; 0: copies are free
  LargeMessage large_message;
  double memory_bandwidth = 0; // bytes/s; 0: free
  double attach = 0;
};

struct Properties {
  bool deadlock = true;
  std::vector<std::string> rendezvous;
  SourceMark rendezvous_mark;
  bool lost_messages = false;
  bool undelivered = false;
  std::optional<bool> data_race;          // empty: true when shared memory is used
  std::vector<ExpressionText> invariants; // conditions over globals and proc.var, in every state
};

struct Scenario {
  std::string file; // path as given, used in messages
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  std::map<std::string, std::int64_t> params;
  Platform platform;
  Costs costs;
  std::vector<ChannelSpec> channels; // mailboxes and explicit links, in file order
  ChannelSpec link_defaults;         // settings of links created implicitly (from `defaults`)
  std::vector<SemaphoreSpec> semaphores;
  std::vector<SegmentSpec> segments;
  std::vector<ProcessSpec> processes;
  std::vector<VariableSpec> variables; // globals, shared by every process
  Properties properties;
  // "ping[0]" -> "ping": the lone replica of an item of count 1 answers to both names.
  std::vector<std::pair<std::string, std::string>> replica_aliases;
};

} // namespace ipcsim
