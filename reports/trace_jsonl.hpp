// Traces as JSON Lines (SCENARIO_FORMAT.md, "Traces"): one TraceEvent per line, keys in a fixed order
// (seq, t, proc, event, channel, msg, size, tag, peer, duration, branch, line, detail), a key absent when its
// field is not set or empty, `t` and `duration` with 9 decimals and trailing zeros trimmed. The same events
// give the same bytes, so traces can be compared with diff.
#pragma once

#include "models/trace_event.hpp"

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

// The event names a trace may carry, in the order SCENARIO_FORMAT.md lists them.
std::span<const std::string_view> trace_event_names();
bool is_trace_event_name(std::string_view name);

// One line of JSON, without the newline:
// {"seq": 17, "t": 0.000012, "proc": "producer", "event": "send_end", "channel": "jobs", "msg": 3, "size": 64}
std::string to_jsonl(const TraceEvent &event);

// Reads one line. `file` and `line_number` only locate errors, which are thrown as ScenarioError
// ("FILE:LINE: error: ...").
TraceEvent parse_trace_line(std::string_view line, std::string_view file, int line_number);

// Reads a whole trace. Blank lines are skipped; `seq` must increase from line to line. Every bad line is
// reported (up to 20), one per line, in one ScenarioError.
std::vector<TraceEvent> read_trace(std::istream &in, std::string_view file);
std::vector<TraceEvent> read_trace_file(const std::string &path);

// Writes events as they happen, one line each.
class TraceWriter {
public:
  explicit TraceWriter(std::ostream &out) : out_(out) {}

  void write(const TraceEvent &event);
  void flush();
  std::uint64_t count() const { return count_; } // events written so far

private:
  std::ostream &out_;
  std::uint64_t count_ = 0;
};

} // namespace ipcsim
