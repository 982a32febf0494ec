#include "checker/parallel_search.hpp"

#include "checker/canonical_state.hpp"
#include "checker/search_steps.hpp"
#include "checker/search_tree.hpp"
#include "checker/state_codec.hpp"
#include "checker/state_store.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace ipcsim {
namespace {

// Where a state was first reached from within its level: the position of the state fired from and the
// choice, as one number, so that the smallest key is the first in the level's fixed order.
std::uint64_t key_of(std::uint32_t position, std::uint32_t choice) {
  return static_cast<std::uint64_t>(position) << 32 | choice;
}
std::uint32_t position_of(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }
std::uint32_t choice_of(std::uint64_t key) { return static_cast<std::uint32_t>(key); }

// A part of the visited set: the states whose hash falls to it.
struct Shard {
  std::mutex mutex;
  StateStore store;
  std::vector<std::uint32_t> level; // by index in `store`: the level that found the state
  std::vector<std::uint64_t> first; // and the smallest key that reached it there
  std::vector<StateIndex> number;   // and its number in the search tree, once its level is closed
};

// A state of the next level. Its bytes are read from its shard's store between levels, when no thread adds
// to it; the records they lie in never move.
struct Entry {
  std::span<const std::uint8_t> bytes; // pack_whole() of the stored representative
  std::uint32_t shard = 0;
  StateIndex index = 0;
  StateIndex number = 0; // in the search tree
};

using StateRef = std::pair<std::uint32_t, StateIndex>; // shard, index

// A state a thread stored in the current level, with the key that first reached it once the level is over.
struct Fresh {
  std::uint64_t key = 0;
  Entry entry;
};

bool earlier(const Fresh &a, const Fresh &b) { return a.key < b.key; }

// A violation seen in the current level: by a transition (its key), or by a new state (its shard and index,
// whose key is final only when the level is over).
struct Candidate {
  PropertyKind kind = PropertyKind::invalid;
  std::uint64_t key = 0;
  std::uint32_t shard = kNone;
  StateIndex index = 0;
};

class LevelSearch {
public:
  LevelSearch(const Model &model, const CheckOptions &options, unsigned jobs, const std::vector<SymmetryGroup> &groups,
              PropertySet wanted, SearchLimits &limits, Progress &progress);

  ParallelOutcome run();

private:
  // One thread's engines and scratch: each may keep per-call state.
  struct Worker {
    Worker(const Model &model, const std::vector<SymmetryGroup> &groups)
        : steps(model, false), monitor(model), canonicalizer(model, groups) {}
    SearchSteps steps;
    PropertyMonitor monitor;
    Canonicalizer canonicalizer;
    std::vector<SearchStep> enabled;
    std::vector<Event> events;
    std::vector<PropertyViolation> violations;
    std::vector<std::uint8_t> bytes;
    State expanded;
    State successor;
    std::vector<StateRef> found; // the states it stored in this level
    std::vector<Fresh> fresh;    // the same, in the order of their keys
    std::vector<Candidate> candidates;
    std::uint64_t transitions = 0;
    std::exception_ptr failure;
  };

  void start();
  template <class Job> void in_threads(Job job);
  void work(Worker &w);
  void expand(Worker &w, std::uint32_t position);
  void fire(Worker &w, const State &state, std::uint32_t position, std::uint32_t choice);
  void poll(Worker &w);
  void close_level();
  void order_fresh(Worker &w);
  void record(const std::vector<Candidate> &found);
  void request_stop(StopReason reason);
  std::uint32_t shard_of(std::uint64_t hash) const;
  std::uint64_t key_of_candidate(const Candidate &c) const;

  const Model &model_;
  const CheckOptions &options_;
  PropertySet wanted_;
  SearchLimits &limits_;
  Progress &progress_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<Shard>> shards_;
  SearchTree tree_;
  std::vector<Entry> frontier_; // the level being expanded, in its fixed order
  std::uint32_t level_ = 0;     // its number
  std::atomic<std::uint32_t> next_{0};
  std::atomic<std::uint64_t> states_{0};
  std::atomic<int> stop_{-1}; // a StopReason once the search must end
  ParallelOutcome outcome_;
};

LevelSearch::LevelSearch(const Model &model, const CheckOptions &options, unsigned jobs,
                         const std::vector<SymmetryGroup> &groups, PropertySet wanted, SearchLimits &limits,
                         Progress &progress)
    : model_(model), options_(options), wanted_(wanted), limits_(limits), progress_(progress) {
  for (unsigned j = 0; j < jobs; ++j)
    workers_.push_back(std::make_unique<Worker>(model, groups));
  for (unsigned s = 0; s < 8 * jobs; ++s) // enough shards that two threads rarely wait for one lock
    shards_.push_back(std::make_unique<Shard>());
}

ParallelOutcome LevelSearch::run() {
  start();
  while (!frontier_.empty() && stop_ < 0) {
    next_ = 0;
    in_threads([this](Worker &w) { work(w); });
    close_level();
  }
  if (stop_ >= 0)
    outcome_.stop = static_cast<StopReason>(stop_.load());
  outcome_.states = states_;
  for (const auto &w : workers_)
    outcome_.transitions += w->transitions;
  outcome_.visited_bytes = tree_.memory_bytes();
  for (const auto &s : shards_)
    outcome_.visited_bytes +=
        s->store.memory_bytes() + s->level.capacity() * 4 + s->first.capacity() * 8 + s->number.capacity() * 4;
  return outcome_;
}

// Level 0: the initial state, judged and stored.
void LevelSearch::start() {
  Worker &w = *workers_.front();
  State initial = w.steps.initial_state(w.events);
  w.monitor.check_events(w.events, wanted_, w.violations);
  w.monitor.check_state(w.steps.judged(initial, wanted_), wanted_, w.violations);
  for (const PropertyViolation &v : w.violations) {
    outcome_.findings.push_back({v.kind, {}});
    wanted_.erase(v.kind);
  }
  pack_whole(model_, w.canonicalizer.canonical(initial), w.bytes);
  std::uint64_t hash = hash_bytes(w.bytes);
  std::uint32_t shard_number = shard_of(hash);
  Shard &shard = *shards_[shard_number];
  shard.store.insert(w.bytes, hash);
  shard.level.push_back(0);
  shard.first.push_back(0);
  shard.number.push_back(0);
  states_ = 1;
  tree_.add(0, 0);
  frontier_.push_back({shard.store.bytes(0), shard_number, 0, 0});
  if (!w.violations.empty() && options_.stop_at_first)
    request_stop(StopReason::first_violation);
  else if (wanted_.empty())
    request_stop(StopReason::all_violated);
}

// Runs `job` on every worker, each in its own thread (the first in this one), and rethrows what any threw.
template <class Job> void LevelSearch::in_threads(Job job) {
  auto guarded = [this, &job](Worker &w) {
    try {
      job(w);
    } catch (...) {
      w.failure = std::current_exception();
      request_stop(StopReason::complete); // any value: the other threads stop, the failure is rethrown
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t j = 1; j < workers_.size(); ++j)
      threads.emplace_back([&guarded, this, j] { guarded(*workers_[j]); });
    guarded(*workers_.front());
  } // joins
  for (const auto &w : workers_)
    if (w->failure)
      std::rethrow_exception(w->failure);
}

// Takes the level's states a few at a time until none is left.
void LevelSearch::work(Worker &w) {
  constexpr std::uint32_t batch = 16;
  for (std::uint32_t begin = next_.fetch_add(batch); begin < frontier_.size() && stop_ < 0;
       begin = next_.fetch_add(batch))
    for (std::uint32_t p = begin; p < std::min<std::size_t>(begin + batch, frontier_.size()) && stop_ < 0; ++p)
      expand(w, p);
}

void LevelSearch::expand(Worker &w, std::uint32_t position) {
  unpack_whole(model_, frontier_[position].bytes, w.expanded);
  w.steps.enabled(w.expanded, w.enabled);
  for (std::uint32_t k = 0; k < w.enabled.size(); ++k)
    fire(w, w.expanded, position, k);
}

// Fires one transition and stores its successor.
void LevelSearch::fire(Worker &w, const State &state, std::uint32_t position, std::uint32_t choice) {
  std::uint64_t key = key_of(position, choice);
  w.successor = state;
  w.events.clear();
  w.steps.apply(w.successor, w.enabled[choice], w.events);
  ++w.transitions;
  poll(w);
  w.violations.clear();
  w.monitor.check_events(w.events, wanted_, w.violations);
  for (const PropertyViolation &v : w.violations)
    w.candidates.push_back({v.kind, key});
  pack_whole(model_, w.canonicalizer.canonical(w.successor), w.bytes);
  std::span<const std::uint8_t> bytes = w.bytes;
  std::uint64_t hash = hash_bytes(bytes);
  std::uint32_t shard_number = shard_of(hash);
  Shard &shard = *shards_[shard_number];
  StateIndex index = 0;
  bool added = false;
  {
    std::lock_guard lock(shard.mutex);
    std::optional<StateIndex> known = shard.store.find(bytes, hash);
    if (!known) {
      if (limits_.states_full(states_.fetch_add(1))) { // reserves the state's place, exactly at the limit
        --states_;
        request_stop(StopReason::max_states);
        return;
      }
      index = shard.store.insert(bytes, hash).first;
      shard.level.push_back(level_ + 1);
      shard.first.push_back(key);
      shard.number.push_back(0);
      added = true;
    } else {
      index = *known;
      if (shard.level[index] == level_ + 1)
        shard.first[index] = std::min(shard.first[index], key);
    }
  }
  if (added) {
    w.violations.clear();
    w.monitor.check_state(w.steps.judged(w.successor, wanted_), wanted_, w.violations);
    for (const PropertyViolation &v : w.violations)
      w.candidates.push_back({v.kind, 0, shard_number, index});
    w.found.push_back({shard_number, index});
  }
}

// Every transition reads the limits that the watch raised; the first thread draws the progress line, every 4096
// of its transitions.
void LevelSearch::poll(Worker &w) {
  if (auto reason = limits_.reached())
    request_stop(*reason);
  if (&w == workers_.front().get() && w.transitions % 4096 == 0)
    progress_.update(states_, level_, limits_.memory());
}

// Numbers the level's new states in the order of their keys, which makes them the next level, and keeps the
// first violation of each kind in that order. The threads sort their own states; this one merges them.
void LevelSearch::close_level() {
  in_threads([this](Worker &w) { order_fresh(w); });
  std::vector<Fresh> found;
  std::vector<Candidate> candidates;
  for (const auto &w : workers_) {
    auto middle = static_cast<std::ptrdiff_t>(found.size());
    found.insert(found.end(), w->fresh.begin(), w->fresh.end());
    std::inplace_merge(found.begin(), found.begin() + middle, found.end(), earlier);
    candidates.insert(candidates.end(), w->candidates.begin(), w->candidates.end());
    w->candidates.clear();
  }
  std::vector<Entry> next;
  next.reserve(found.size());
  for (Fresh &f : found) {
    f.entry.number = static_cast<StateIndex>(tree_.size());
    tree_.add(frontier_[position_of(f.key)].number, choice_of(f.key));
    shards_[f.entry.shard]->number[f.entry.index] = f.entry.number;
    next.push_back(f.entry);
  }
  record(candidates);
  frontier_ = std::move(next);
  if (!frontier_.empty())
    outcome_.max_depth = ++level_;
}

// A thread's new states of the level, with their final keys and bytes, sorted by key.
void LevelSearch::order_fresh(Worker &w) {
  w.fresh.clear();
  for (auto [shard, index] : w.found) {
    const Shard &s = *shards_[shard];
    w.fresh.push_back({s.first[index], {s.store.bytes(index), shard, index, 0}});
  }
  w.found.clear();
  std::sort(w.fresh.begin(), w.fresh.end(), earlier);
}

std::uint64_t LevelSearch::key_of_candidate(const Candidate &c) const {
  return c.shard == kNone ? c.key : shards_[c.shard]->first[c.index];
}

void LevelSearch::record(const std::vector<Candidate> &found) {
  bool any = false;
  for (PropertyKind kind : wanted_.kinds()) {
    std::optional<std::uint64_t> best;
    for (const Candidate &c : found)
      if (c.kind == kind && (!best || key_of_candidate(c) < *best))
        best = key_of_candidate(c);
    if (!best)
      continue;
    outcome_.findings.push_back({kind, tree_.choices(frontier_[position_of(*best)].number, choice_of(*best))});
    wanted_.erase(kind);
    any = true;
  }
  if (any && options_.stop_at_first)
    request_stop(StopReason::first_violation);
  else if (wanted_.empty())
    request_stop(StopReason::all_violated);
}

// A state's shard, from its hash_bytes(): bits that StateStore uses for neither the slot (the low bits) nor the
// tag (the top 24).
std::uint32_t LevelSearch::shard_of(std::uint64_t hash) const {
  return static_cast<std::uint32_t>((hash >> 32 & 0xff) % shards_.size());
}

void LevelSearch::request_stop(StopReason reason) {
  int none = -1;
  stop_.compare_exchange_strong(none, static_cast<int>(reason));
}

} // namespace

ParallelOutcome parallel_search(const Model &model, const CheckOptions &options, unsigned jobs,
                                const std::vector<SymmetryGroup> &groups, PropertySet wanted, SearchLimits &limits,
                                Progress &progress) {
  return LevelSearch(model, options, jobs, groups, wanted, limits, progress).run();
}

} // namespace ipcsim
