// A trace as a message sequence chart in DOT: a lifeline per process with time flowing down, one arrow per
// message from where its send completed to where it was received (or to a "lost" / "never received" marker),
// blocked intervals as thick red segments, failed sends as crossed (tee) arrows, other steps as small notes,
// and deadlock, violation and invalid events marked prominently. Semaphore steps are green marks, a release
// that wakes a waiter a dashed green arrow to its acquire; segment accesses are ochre marks; create, delete
// and give are violet marks, a give an arrow to the new holder; the two accesses of a data race (an access
// with `race_with` and the one it names) are red marks joined by a dashed red line. Rows are labelled at the
// left with `t`, or with `seq` when the trace carries no time (checker counterexamples).
#pragma once

#include "models/trace_event.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ipcsim {

struct SequenceChartOptions {
  std::string title = "message sequence chart";
  std::size_t max_events = 200; // beyond this, a note "first N events shown"; a closing deadlock is still shown
  std::size_t total_events = 0; // the length of the whole trace, when only a prefix is passed; 0: events.size()
};

// `processes` gives the columns, left to right (usually the scenario's process order); processes that appear
// only in the trace are added after them.
std::string sequence_chart_dot(const std::vector<TraceEvent> &events, const std::vector<std::string> &processes,
                               const SequenceChartOptions &options = {});

} // namespace ipcsim
