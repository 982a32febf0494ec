// One event of a trace, with names resolved: the unit that the simulator writes, the checker's
// counterexamples write, and reports/ draws. The JSON Lines form (reports/trace_jsonl.hpp) is documented in
// SCENARIO_FORMAT.md ("Traces"); fields that do not apply to an event are absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipcsim {

struct TraceEvent {
  std::uint64_t seq = 0;
  std::optional<double> t;            // simulated seconds; absent in counterexamples
  std::string proc;                   // process name; empty for whole-system events (deadlock)
  std::string event;                  // start, exit, compute, sleep, send_begin, ... (SCENARIO_FORMAT.md)
  std::string channel;                // mailbox name or "A->B" for a direction of a link; semaphore or segment name
  std::optional<std::uint64_t> msg;   // message number, from 1 in the order messages were sent
  std::optional<std::uint64_t> size;  // bytes
  std::string tag;
  std::string peer;                   // the other process of a completed send or receive
  std::optional<double> duration;     // compute and sleep: seconds
  std::optional<int> branch;          // choose: the branch taken, from 0
  std::string variable;               // set: "seq" (a global) or "sender.seq"
  std::optional<std::int64_t> value;  // set: the new value; a message's value when it is not 0
  std::optional<int> line;            // the scenario line of the step that caused the event
  std::string detail;                 // invalid, deadlock, violation: what happened, in words
  std::string cause;                  // lost: "fault" when a lossy channel destroyed it (the environment's doing)
  std::optional<std::uint64_t> race_with; // read, write: the seq of an earlier access it races with
};

} // namespace ipcsim
