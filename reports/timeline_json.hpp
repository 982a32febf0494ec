// A trace as a timeline in the Chrome / Perfetto Trace Event Format (the JSON object form), to open in
// ui.perfetto.dev or chrome://tracing. Everything comes from the trace's events; nothing is simulated again.
//  - pid 1 is the scenario (its process_name); each process is a thread of it, tid 2, 3, ... in the
//    scenario's order (thread_name and thread_sort_index metadata). tid 1, the scenario's own "main thread",
//    carries what belongs to no process: the channels' counters and whole-system events (deadlock).
//  - Complete slices ("X"): `compute` and `sleep` (for their duration as traced: a compute that shares a CPU
//    takes longer, up to the process's next event), and the waits from `block` to `unblock` (or to the end):
//    blocked-send, blocked-receive, blocked-semaphore, and blocked-wait for a `wait` on a handle.
//  - Each message: a zero-length "send" slice at its `send_begin`, a "receive" slice at each `recv_end`, and a
//    flow arrow ("s" then "f" with "bp": "e", one id per delivery) from the one to the other.
//  - A counter ("C") per channel, named after it: {"queued": N}, the messages in its buffer
//    (reports/channel_levels.hpp), from 0 at ts 0.
//  - Instants on their process's track: failures (send_failed, recv_failed, lost, invalid, assert_failed) and
//    the steps on semaphores, mailboxes and segments (acquire, release, create, delete, give, attach, detach,
//    read, write); a deadlock or violation of the whole system on the scenario's own track.
// Timestamps are microseconds as JSON numbers, rounded to the nanosecond as the trace's `t` is. The same trace
// gives the same bytes.
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"
#include "models/trace_event.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ipcsim {

// Whether the timeline uses this event: a run keeps only these for it.
bool drawn_on_timeline(const TraceEvent &event);

// A run on simulated time. `events` in seq order, each with `t`; what is still open at `end` (simulated
// seconds; a process blocked to the end of the run) closes there.
nlohmann::ordered_json run_timeline(const Model &model, const std::vector<TraceEvent> &events, double end);

// A counterexample on its steps, as it has no time: step k of the schedule spans [k, k+1) us, the initial
// state's events sit at 0 and the closing deadlock or violation at the end, after the last step.
nlohmann::ordered_json counterexample_timeline(const Model &model, const Counterexample &cx);

// The file's text: one event per line, so that two timelines compare with diff.
std::string timeline_text(const nlohmann::ordered_json &timeline);

} // namespace ipcsim
