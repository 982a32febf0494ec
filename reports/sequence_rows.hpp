// The grid behind a message sequence chart: one column per process, one row per step of the trace, and the
// arrows between cells. Each row holds consecutive events, at most one per process; a receive joins the row
// of its send when it can, so a rendezvous is one horizontal arrow. An `acquire` that a `release` handed to a
// waiter takes the next row, so that the arrow between their two marks slants and has room for its label. An
// `unblock` takes no row of its own: it ends the blocked interval at the event just before it when that event
// is the same process's (the receive, taken send or handed-over acquire that completed the wait), else at the
// process's next cell (or at the next row). Pure data: sequence_chart.hpp draws it.
#pragma once

#include "models/trace_event.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace ipcsim {

inline constexpr std::size_t no_event = std::numeric_limits<std::size_t>::max();

struct SequenceCell {
  enum class Kind {
    event,          // the event at index `event` happens here
    unblock,        // only the end of a blocked interval
    undelivered,    // where message `event` (index of its send_end) ends: never received
    received_later, // where message `event` ends: received after the events shown
  };
  Kind kind = Kind::event;
  std::size_t event = no_event;
  bool unblocks = false; // the process was blocked until this cell
};

struct SequenceRow {
  std::vector<std::optional<SequenceCell>> cells; // one per column; empty: only the lifeline passes
  std::size_t system_event = no_event;            // an event of no process (deadlock, violation) drawn across
  std::size_t first_event = no_event;             // the event that opened the row (its t or seq labels the row)
};

struct SequenceArrow {
  enum class Kind {
    delivered,      // a message: from its send_end to each of its receives
    lost,           // from its send_end to where it was lost
    undelivered,    // from its send_end to its "never received" marker
    received_later, // from its send_end to its "received later" marker
    failed,         // a failed send: from its send_failed to the receiver's lifeline
    handover,       // a release that woke a waiter: to the waiter's acquire (`event`)
    give,           // a receive privilege passed on: from the give (`event`) to its new holder
    race,           // a data race: from the earlier access to the later one (`event`, which carries race_with)
  };

  Kind kind = Kind::delivered;
  std::size_t event = no_event; // the event the arrow stands for, see Kind
  std::size_t from_row = 0, from_column = 0;
  std::size_t to_row = 0, to_column = 0;
};

struct SequenceRows {
  std::vector<std::string> columns; // process names: the given ones, then any others in order of appearance
  std::vector<SequenceRow> rows;
  std::vector<SequenceArrow> arrows;
  std::size_t events_shown = 0; // events[0, events_shown) are drawn, plus any later deadlock or violation
};

SequenceRows layout_sequence_rows(const std::vector<TraceEvent> &events, const std::vector<std::string> &processes,
                                  std::size_t max_events);

} // namespace ipcsim
