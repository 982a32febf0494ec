// Stateful exploration of every schedule of a model: each state reachable through SearchSteps (Semantics'
// transitions, with rendezvous fused under the reduction) is stored once
// (StateStore, or only its hash with HashCompactStore) and expanded once, depth-first (the default: memory
// grows with the states, not the frontier) or breadth-first (the shortest schedule to each violation). Every
// transition's events and every new state are judged by PropertyMonitor; the first violation of each
// property is kept and the search goes on until every watched property is violated, the space is exhausted
// or a limit is reached. A depth-first finding is shortened afterwards by a breadth-first pass over the
// states already stored (by pruning steps under hash compaction, which stores nothing to read back). With
// --stop-at-first the depth-first search tries the processes that have waited longest first. With --jobs J,
// J depth-first searches (J Explorers, one per thread) share one visited set (SharedVisitedSet) and one set
// of component tables; with --jobs J and --bfs, checker/parallel_search.hpp searches level by level.
#pragma once

#include "checker/canonical_state.hpp"
#include "checker/check_result.hpp"
#include "checker/finding.hpp"
#include "checker/hash_compact_store.hpp"
#include "checker/parallel_search.hpp"
#include "checker/persistent_set.hpp"
#include "checker/progress.hpp"
#include "checker/search_limits.hpp"
#include "checker/search_steps.hpp"
#include "checker/search_tree.hpp"
#include "checker/shared_visited_set.hpp"
#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"
#include "models/properties.hpp"
#include "models/semantics.hpp"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace ipcsim {

class Explorer {
public:
  Explorer(const Model &model, const CheckOptions &options);

  CheckResult run();

  // For tests: the states found, and the codec that reads them.
  const StateStore &store() const { return store_; }
  StateCodec &codec() { return codec_; }

private:
  // --jobs J without --bfs: J depth-first searches, one per thread, over one visited set and one set of
  // component tables. A thread does not enter a state another has stored. The first thread starts from the
  // initial state; a thread that runs out of states is given one by another (donate()).
  struct Team {
    struct Donation {
      State state;
      StateIndex index = 0;
      std::vector<std::uint32_t> prefix; // the schedule that reaches it
    };
    Team(const Model &model, PropertySet watched, const CheckOptions &options);
    void update_hunger(); // under lock

    std::shared_ptr<ComponentTables> tables;
    SharedVisitedSet visited;
    std::shared_ptr<SearchLimits> limits; // one watch for every thread
    std::atomic<bool> stopped = false;
    std::atomic<bool> hungry = false; // more threads wait than states are given: idle > pool.size()
    std::mutex lock;                  // for what follows
    std::condition_variable pool_changed;
    std::vector<Donation> pool;
    unsigned idle = 0;              // threads waiting for a state
    std::optional<StopReason> stop; // the first thread's reason
    PropertySet wanted;             // watched and violated by no thread yet
  };

  Explorer(const Model &model, const CheckOptions &options, std::shared_ptr<Team> team, unsigned worker);

  // A state of the current schedule as the whole depth-first stack keeps it: a few words, whatever the depth.
  struct Mark {
    StateIndex index = 0;
    std::uint32_t next = 0;   // the next position of the frame's `order` to fire
    std::uint32_t limit = 0;  // how many of `order` to fire: the persistent set's size, or all of them
    std::uint32_t steps = 0;  // all of them: the limit once the cycle proviso expands the state fully
    std::uint32_t choice = 0; // the position in the frame's `enabled` of the step fired last
    ProcId moved = kNone;     // that step's process, and when it had moved before
    std::uint64_t moved_before = 0;
  };
  // What firing a mark's steps needs. Only the top frames of the stack keep one (window_); a deeper mark's is
  // rebuilt from its stored state when the search comes back down to it.
  struct Frame {
    std::size_t depth = ~std::size_t{0}; // the mark it belongs to
    State state;
    std::vector<StateIndex> components; // of the packed state (StateCodec)
    std::vector<SearchStep> enabled;    // all of them, in SearchSteps::enabled order (a choice is a position)
    std::vector<std::uint32_t> order;   // positions in `enabled`: the persistent set first, then the rest
  };
  enum class Arrival { fresh, known, dropped };

  void depth_first();
  void push(State &state);
  void search();
  void close_cycle();
  void donate();
  bool receive();
  void parallel_depth_first();
  bool halted() const { return stop_ || (team_ && team_->stopped.load(std::memory_order_relaxed)); }
  Frame &frame(std::size_t depth);
  std::uint32_t order_steps(Frame &f);
  void prefer_waiting(Frame &f, std::uint32_t limit);
  void note_move(Mark &m, ProcId p, std::uint64_t depth);
  void undo_move(Mark &m);
  void breadth_first();
  void parallel_breadth_first();
  Arrival arrive(const State &state, std::span<const Event> events, const State *base = nullptr,
                 std::span<const StateIndex> base_components = {});
  Arrival fire(const State &state, std::span<const StateIndex> components, const SearchStep &step);
  void record(const std::vector<std::uint32_t> &choices);
  void poll(std::uint64_t depth);
  void guarded(void (Explorer::*searching)());
  void stop(StopReason reason);
  std::vector<std::uint32_t> dfs_choices(std::size_t depth) const;
  CheckResult conclude();
  CheckStatistics statistics() const;

  const Model &model_;
  CheckOptions options_;
  std::shared_ptr<Team> team_; // --jobs, depth-first: what the threads share (null otherwise)
  unsigned worker_;            // this search's thread: 0 for the first (and only, without --jobs)
  PropertyMonitor monitor_;
  StateCodec codec_;
  StateStore store_;
  HashCompactStore compact_;
  VisitedSet &visited_;        // store_, compact_ with --hash-compact, or the team's with --jobs
  const StoredStates &stored_; // store_, or under --jobs the team's: what frames and shortening read back
  std::shared_ptr<SearchLimits> limits_; // the team's under --jobs
  Progress progress_;
  Canonicalizer canonicalizer_; // the visited set's keys: representatives of orbits under symmetry

  PropertySet wanted_; // watched and not yet violated
  bool reduce_;        // partial-order reduction in use
  bool interleave_;    // depth-first: the process that has waited longest first (--stop-at-first)
  SearchSteps steps_;  // Semantics' transitions, with rendezvous fused under the reduction
  PersistentSet persistent_;
  std::vector<Finding> findings_;
  std::optional<StopReason> stop_;
  std::uint64_t transitions_ = 0;
  std::uint64_t max_depth_ = 0;
  std::optional<ParallelOutcome> parallel_; // --jobs: what the threads found

  // Scratch space reused by every transition, so that the search allocates little per state.
  std::vector<Event> events_;
  std::vector<std::uint8_t> bytes_;
  std::vector<PropertyViolation> violations_;
  State successor_;
  std::vector<Mark> marks_; // depth-first: the current schedule, marks_[0, depth_)
  std::size_t depth_ = 0;
  std::vector<std::uint32_t> prefix_;    // --jobs: the schedule to marks_[0], given with it
  std::size_t donate_from_ = 0;          // --jobs: the lowest mark that may have steps to give away
  std::vector<Frame> frames_;            // the frame of mark d at d % window_
  std::size_t window_;                   // how many frames are kept: all of them unless states can be read back
  std::vector<std::uint32_t> stack_depth_; // depth-first: by state index, 1 + its depth in marks_, or 0
  std::vector<std::uint64_t> last_move_; // by process: the depth of its last step on the stack (0: none)
  StateIndex arrived_ = 0;               // the index of the state arrive() last stored or found
  std::vector<std::uint32_t> chosen_;
  std::vector<char> in_set_; // by position in a frame's `enabled`: in the persistent set
  SearchTree tree_;                // breadth-first: where each state was first reached from
};

// Explores `model` with `options`; the whole check in one call.
CheckResult check(const Model &model, const CheckOptions &options);

} // namespace ipcsim
