// Data races on shared memory: two accesses to one segment by different processes, at least one a write,
// that no message or semaphore orders (SCENARIO_FORMAT.md, "Properties").
//
// Happens-before is tracked with vector clocks over the events of a trace, the same way in both engines:
// every transition ticks its process's clock; a message carries its sender's clock to whoever takes it; a
// release of a semaphore leaves the releaser's clock in the semaphore and an acquire takes it from there;
// and a process whose operation another process's step completes (an unblock, a send taken at a
// rendezvous, an async operation finished) learns that process's clock; a sender whose message a waiting
// receiver took at a rendezvous learns the receiver's; and an operation on a mailbox comes after the
// `create`, `give` or `delete` that made it possible. The simulator watches its one trace this way.
//
// The checker explores every order of steps, so it can use the equivalent condition on states: a race
// exists exactly when some reachable state has two conflicting accesses enabled at once (run them back to
// back and nothing can order them). Its counterexamples end with the two accesses, and the vector clocks
// confirm and mark them.
#pragma once

#include "models/event.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ipcsim {

// Two ready processes whose next steps conflict on one segment (both attached, at least one write), the
// lowest pair first; empty when there is none.
std::optional<std::pair<ProcId, ProcId>> conflicting_accesses(const Model& model, const State& state);

struct DataRace {
  std::uint64_t earlier_seq = 0; // the two accesses, as positions in the trace
  std::uint64_t later_seq = 0;
  std::string description;       // "data race on seg: P's write (line 12) and Q's read (line 20) ..."
};

class HappensBefore {
public:
  explicit HappensBefore(const Model& model);

  // The events of one transition of `actor` (kNone: the initial state), the first of them at trace position
  // `first_seq`. Each race found at an access is appended to `races`: one per other process and kind of its
  // latest access (write/write, read/write, write/read), lowest process first, its write before its read.
  void observe(ProcId actor, std::span<const Event> events, std::uint64_t first_seq, std::vector<DataRace>& races);

  // One event at a time, for engines that number events as they publish them: begin() a transition, then
  // observe each of its events with its position.
  void begin(ProcId actor);
  void observe(const Event& e, std::uint64_t seq, std::vector<DataRace>& races);

private:
  using Clock = std::vector<std::uint32_t>;
  struct Access {
    std::uint32_t epoch = 0;  // the accessing process's own clock entry at the access; 0: none yet
    std::uint64_t seq = 0;
    int line = 0;
  };
  struct SegmentHistory {
    std::vector<Access> last_write; // by process
    std::vector<Access> last_read;
  };

  static void join(Clock& into, const Clock& from);
  void check(const Event& e, std::uint64_t seq, std::vector<DataRace>& races);
  std::string describe(const Event& e, ProcId other, const Access& earlier, bool earlier_write) const;

  const Model& model_;
  ProcId actor_ = kNone;
  std::vector<Clock> clocks_;                       // by process
  std::vector<Clock> semaphores_;                   // by semaphore: what its releases have seen
  std::vector<Clock> mailboxes_;                    // by channel: what its create, give and delete have seen
  struct Sent {
    Clock clock;                                    // the sender's at the send
    std::size_t takers_left = 1;                    // a multicast message is taken by each recipient
  };
  std::unordered_map<std::uint32_t, Sent> sent_;    // by message id, until taken by all
  std::vector<SegmentHistory> segments_;
};

} // namespace ipcsim
