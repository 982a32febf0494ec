#include "checker/explorer.hpp"

#include "checker/counterexample.hpp"
#include "checker/orbit_schedule.hpp"
#include "checker/process_memory.hpp"
#include "checker/schedule_pruning.hpp"
#include "checker/shortest_schedule.hpp"

#include <algorithm>
#include <exception>
#include <fmt/format.h>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace ipcsim {

Explorer::Team::Team(const Model &model, PropertySet watched, const CheckOptions &options)
    : tables(std::make_shared<ComponentTables>(component_count(model), true)),
      limits(std::make_shared<SearchLimits>(options)), wanted(watched) {}

void Explorer::Team::update_hunger() {
  hungry.store(idle > pool.size(), std::memory_order_relaxed);
}

Explorer::Explorer(const Model &model, const CheckOptions &options)
    : Explorer(model, options,
               options.jobs > 1 && !options.breadth_first
                   ? std::make_shared<Team>(model, PropertyMonitor(model).watched(), options)
                   : nullptr,
               0) {}

Explorer::Explorer(const Model &model, const CheckOptions &options, std::shared_ptr<Team> team, unsigned worker)
    : model_(model), options_(options), team_(std::move(team)), worker_(worker), monitor_(model),
      codec_(team_ ? StateCodec(model, team_->tables) : StateCodec(model)),
      visited_(team_                  ? static_cast<VisitedSet &>(team_->visited)
               : options.hash_compact ? static_cast<VisitedSet &>(compact_)
                                      : store_),
      stored_(team_ ? static_cast<const StoredStates &>(team_->visited) : store_), limits_(team_ ? team_->limits : std::make_shared<SearchLimits>(options)),
      progress_(options.progress),
      canonicalizer_(model, options.symmetry ? detect_symmetry(model) : std::vector<SymmetryGroup>{}),
      wanted_(monitor_.watched()),
      // The reduction keeps every deadlock and every step's events, but not every state in which two
      // accesses are enabled together, which is how races are found (models/data_race.hpp); nor the shortest
      // schedules that --bfs promises.
      reduce_(options.reduction && !options.breadth_first && !wanted_.contains(PropertyKind::data_race) &&
              reduction_covers(model)),
      interleave_(options.stop_at_first), steps_(model, reduce_), persistent_(model, steps_),
      // Frames are rebuilt from the stored state: not under hash compaction, which stores none, nor under
      // symmetry, where the stored state is its orbit's representative and not the schedule's.
      window_(options.hash_compact || canonicalizer_.active() ? std::numeric_limits<std::size_t>::max() : 1024),
      last_move_(model.processes.size(), 0) {
  if ((options.breadth_first || options.jobs > 1) && options.hash_compact) // they keep exact states
    throw std::invalid_argument("hash compaction serves the depth-first search in one thread only");
}

CheckResult Explorer::run() {
  if (team_)
    parallel_depth_first();
  else if (options_.jobs > 1)
    parallel_breadth_first();
  else if (options_.breadth_first)
    guarded(&Explorer::breadth_first);
  else
    guarded(&Explorer::depth_first);
  return conclude();
}

// Runs a search of this thread. An allocation that fails ends it as the memory limit would: what was found so
// far is reported, and the stack's frames, the largest part that nothing after the search reads, are freed
// for the report.
void Explorer::guarded(void (Explorer::*searching)()) {
  try {
    (this->*searching)();
  } catch (const std::bad_alloc &) {
    limits_->ran_out_of_memory();
    stop(StopReason::max_memory);
    std::vector<Frame>().swap(frames_);
    std::vector<Mark>().swap(marks_);
    depth_ = 0;
  }
}

// Stores a state reached by a transition (or the initial state) and judges the transition and the state.
// The violations found are left in violations_ for the caller, which knows the schedule.
Explorer::Arrival Explorer::arrive(const State &state, std::span<const Event> events, const State *base,
                                   std::span<const StateIndex> base_components) {
  violations_.clear();
  monitor_.check_events(events, wanted_, violations_);
  // Under symmetry the key is the orbit's representative, and the base's components are its own
  // representative's: packing against the base would mix the two.
  if (base && !canonicalizer_.active())
    codec_.pack(state, bytes_, *base, base_components);
  else
    codec_.pack(canonicalizer_.canonical(state), bytes_);
  // (counts_states first: under --jobs, counting the states reads what the other threads write)
  if (limits_->counts_states() && limits_->states_full(visited_.size()) && !visited_.find(bytes_)) {
    stop(StopReason::max_states);
    return Arrival::dropped;
  }
  auto [index, added] = visited_.insert(bytes_);
  arrived_ = index;
  if (!added)
    return Arrival::known;
  monitor_.check_state(steps_.judged(state, wanted_), wanted_, violations_);
  return Arrival::fresh;
}

// Takes `step` from `state` (whose component numbers are `components`) into successor_, and stores that.
Explorer::Arrival Explorer::fire(const State &state, std::span<const StateIndex> components, const SearchStep &step) {
  successor_ = state;
  events_.clear();
  steps_.apply(successor_, step, events_);
  ++transitions_;
  return arrive(successor_, events_, &state, components);
}

void Explorer::record(const std::vector<std::uint32_t> &choices) {
  for (const auto &v : violations_) {
    findings_.push_back({v.kind, choices});
    wanted_.erase(v.kind);
  }
  bool all_violated = wanted_.empty();
  if (team_) {
    std::lock_guard lock(team_->lock);
    for (const auto &v : violations_)
      team_->wanted.erase(v.kind);
    all_violated = team_->wanted.empty();
  }
  if (options_.stop_at_first)
    stop(StopReason::first_violation);
  else if (all_violated)
    stop(StopReason::all_violated);
}

// Under --jobs, the first thread to stop stops them all.
void Explorer::stop(StopReason reason) {
  if (!stop_)
    stop_ = reason;
  if (team_) {
    std::lock_guard lock(team_->lock);
    if (!team_->stop)
      team_->stop = reason;
    team_->stopped = true;
    team_->pool_changed.notify_all();
  }
}

// At every transition the limits that the watch raised (time, memory, an interrupt); every 4096, the progress
// line.
void Explorer::poll(std::uint64_t depth) {
  if (auto reason = limits_->reached())
    stop(*reason);
  if (transitions_ % 4096 == 0)
    progress_.update(visited_.size(), depth, limits_->memory());
}

// ---------------------------------------------------------------------------------------------------------
// Depth-first: marks_[0, depth) is the current schedule. A deep schedule (a model that loops forever goes as
// deep as it has states) keeps only a mark per state; the top window_ of them also keep their state and
// steps, and a deeper one's are rebuilt from the visited set on the way back (their storage is reused).

void Explorer::depth_first() {
  if (worker_ == 0) {
    State initial = steps_.initial_state(events_);
    Arrival first = arrive(initial, events_);
    if (!violations_.empty())
      record({});
    if (first == Arrival::fresh)
      push(initial);
    search();
  }
  if (team_)
    while (receive())
      search();
}

// Takes the state's storage: the caller overwrites it before reading it again. The state's index is
// arrived_, its stored bytes bytes_.
void Explorer::push(State &state) {
  if (marks_.size() == depth_)
    marks_.emplace_back();
  if (frames_.size() == depth_ % window_)
    frames_.emplace_back();
  Mark &m = marks_[depth_];
  Frame &f = frames_[depth_ % window_];
  m = Mark{.index = arrived_};
  f.depth = depth_++;
  std::swap(f.state, state);
  codec_.components(bytes_, f.components);
  steps_.enabled(f.state, f.enabled);
  m.limit = order_steps(f);
  m.steps = static_cast<std::uint32_t>(f.order.size());
  if (stack_depth_.size() <= m.index) // indices are dense in one thread, nearly so with --jobs
    stack_depth_.resize(std::max<std::size_t>(m.index + 1, visited_.size()));
  stack_depth_[m.index] = static_cast<std::uint32_t>(depth_); // 1 + the mark's depth
  max_depth_ = std::max<std::uint64_t>(max_depth_, prefix_.size() + depth_ - 1);
}

// Until the stack is empty (or the search stops).
void Explorer::search() {
  while (depth_ > 0 && !halted()) {
    if (team_ && team_->hungry.load(std::memory_order_relaxed))
      donate();
    Mark &m = marks_[depth_ - 1];
    if (m.next == m.limit) {
      if (team_ && !team_->visited.leave(m.index)) { // another thread's step closed a cycle here
        m.limit = m.steps;
        donate_from_ = std::min(donate_from_, depth_ - 1);
        continue;
      }
      undo_move(m);
      stack_depth_[m.index] = 0;
      donate_from_ = std::min(donate_from_, --depth_);
      continue;
    }
    Frame &f = frame(depth_ - 1);
    m.choice = f.order[m.next++];
    const SearchStep &step = f.enabled[m.choice];
    note_move(m, step.first.proc, depth_);
    Arrival arrival = fire(f.state, f.components, step);
    if (arrival == Arrival::known)
      close_cycle();
    if (!violations_.empty())
      record(dfs_choices(depth_));
    if (arrival == Arrival::fresh && !halted())
      push(successor_);
    poll(depth_);
  }
}

// The cycle proviso: a step back onto the stack may close a cycle along which some process's step would be
// postponed forever, so the state it leads to (arrived_) is expanded fully (it is still on the stack, so its
// other steps are yet to come). Every cycle of the reduced graph has such a step into the state of the cycle
// found first, so every cycle holds a state expanded fully. Expanding the target rather than the source
// (SPIN's choice) expands a state once for all the steps that lead back to it: a model that loops forever
// closes cycles at almost every state, back to a few.
//
// Under --jobs the state may be on another thread's stack, and that thread expands it fully before it leaves
// it (SharedVisitedSet). A step of a cycle then leads to a state left before its source (pushed above it on
// the same stack, or left already) unless it leads to one expanded fully, or it is a step whose successor
// was given away, whose source is expanded fully (donate()); no cycle is made of the first kind alone.
void Explorer::close_cycle() {
  if (arrived_ < stack_depth_.size() && stack_depth_[arrived_] != 0) {
    Mark &target = marks_[stack_depth_[arrived_] - 1];
    target.limit = target.steps;
    donate_from_ = std::min<std::size_t>(donate_from_, stack_depth_[arrived_] - 1);
  } else if (team_) {
    team_->visited.ask_full_expansion(arrived_);
  }
}

// --jobs: a thread that has run out of states is hungry; this one gives it a new successor of the lowest
// state on its stack, among the frames it keeps, that is expanded fully and has steps left (the largest part
// of the space still ahead, in a depth-first search). The cycle proviso needs the source of a step given
// away expanded fully; expanding a reduced state fully for the purpose would add states at every gift.
// The marks below donate_from_ have no steps left, so that a thread kept hungry does not make this one scan
// them at every step.
void Explorer::donate() {
  std::size_t lowest = std::max(depth_ > window_ ? depth_ - window_ : 0, donate_from_);
  for (std::size_t d = lowest; d + 1 < depth_; donate_from_ = ++d) { // not the top: this thread's next move
    Mark &m = marks_[d];
    while (m.limit == m.steps && m.next < m.limit) {
      Frame &f = frame(d);
      std::uint32_t k = f.order[m.next++];
      Arrival arrival = fire(f.state, f.components, f.enabled[k]);
      if (arrival == Arrival::known)
        close_cycle();
      auto choices = [&] { // built only when needed: it copies the whole schedule
        std::vector<std::uint32_t> c = dfs_choices(d);
        c.push_back(k);
        return c;
      };
      if (!violations_.empty())
        record(choices());
      if (arrival == Arrival::fresh) {
        std::lock_guard lock(team_->lock);
        team_->pool.push_back({successor_, arrived_, choices()});
        team_->update_hunger();
        team_->pool_changed.notify_one();
        return;
      }
      if (halted())
        return;
    }
  }
}

// --jobs: waits for a state given away by another thread and pushes it. False once every thread has run out
// (the search is complete) or the search has stopped.
bool Explorer::receive() {
  std::unique_lock lock(team_->lock);
  ++team_->idle;
  team_->update_hunger();
  while (team_->pool.empty() && team_->idle < options_.jobs && !team_->stopped)
    team_->pool_changed.wait(lock);
  if (team_->pool.empty() || team_->stopped) {
    team_->pool_changed.notify_all(); // the others see the end too
    return false;
  }
  --team_->idle;
  Team::Donation given = std::move(team_->pool.back());
  team_->pool.pop_back();
  team_->update_hunger();
  lock.unlock();
  donate_from_ = 0;
  prefix_ = std::move(given.prefix);
  arrived_ = given.index;
  auto stored = team_->visited.bytes(given.index);
  bytes_.assign(stored.begin(), stored.end());
  push(given.state);
  return true;
}

// The frame of mark `depth`, rebuilt if a deeper one has taken its place: the same state (read back from the
// visited set) gives the same steps in the same order, as long as the processes' last moves are those it
// was first ordered with (its own last step taken back for the moment).
Explorer::Frame &Explorer::frame(std::size_t depth) {
  Frame &f = frames_[depth % window_];
  if (f.depth == depth)
    return f;
  const Mark &m = marks_[depth];
  f.depth = depth;
  auto bytes = stored_.bytes(m.index);
  codec_.unpack(bytes, f.state);
  codec_.components(bytes, f.components);
  steps_.enabled(f.state, f.enabled);
  if (m.moved != kNone)
    last_move_[m.moved] = m.moved_before;
  order_steps(f);
  if (m.moved != kNone)
    last_move_[m.moved] = depth + 1;
  return f;
}

// The persistent set first (all steps without reduction), then the rest for the cycle proviso. Returns how
// many to fire: the set's size.
std::uint32_t Explorer::order_steps(Frame &f) {
  auto n = static_cast<std::uint32_t>(f.enabled.size());
  f.order.resize(n);
  std::iota(f.order.begin(), f.order.end(), 0u);
  std::uint32_t limit = n;
  if (reduce_ && n > 1) {
    persistent_.choose(f.state, f.enabled, chosen_);
    if (chosen_.size() < n) {
      in_set_.assign(n, 0);
      for (std::uint32_t k : chosen_)
        in_set_[k] = 1;
      std::stable_partition(f.order.begin(), f.order.end(), [&](std::uint32_t k) { return in_set_[k] != 0; });
      limit = static_cast<std::uint32_t>(chosen_.size());
    }
  }
  if (interleave_)
    prefer_waiting(f, limit);
  return limit;
}

// --stop-at-first: within the persistent set and within the rest, the steps of the processes that have waited
// longest on the current schedule come first, so that the first schedules tried interleave the processes
// (a lock-order deadlock needs every process to take its first resource before any takes its second) instead
// of running one process to its end before the next starts. Only the order changes, never what is explored.
void Explorer::prefer_waiting(Frame &f, std::uint32_t limit) {
  auto waited_longer = [&](std::uint32_t a, std::uint32_t b) {
    return last_move_[f.enabled[a].first.proc] < last_move_[f.enabled[b].first.proc];
  };
  std::stable_sort(f.order.begin(), f.order.begin() + limit, waited_longer);
  std::stable_sort(f.order.begin() + limit, f.order.end(), waited_longer);
}

// last_move_ follows the current schedule: a mark notes the step it fired last, and takes it back when it
// fires the next one or is left.
void Explorer::note_move(Mark &m, ProcId p, std::uint64_t depth) {
  undo_move(m);
  m.moved = p;
  m.moved_before = last_move_[p];
  last_move_[p] = depth;
}

void Explorer::undo_move(Mark &m) {
  if (m.moved != kNone)
    last_move_[m.moved] = m.moved_before;
  m.moved = kNone;
}

// The schedule to mark `depth`: under --jobs, from the first state to the one this thread was given, then
// down its stack.
std::vector<std::uint32_t> Explorer::dfs_choices(std::size_t depth) const {
  std::vector<std::uint32_t> choices = prefix_;
  for (std::size_t k = 0; k < depth; ++k)
    choices.push_back(marks_[k].choice);
  return choices;
}

// ---------------------------------------------------------------------------------------------------------
// Breadth-first: states are numbered in the order they are found, which is level order, so the store itself
// is the queue; each state is unpacked when its turn comes.

void Explorer::breadth_first() {
  State initial = steps_.initial_state(events_);
  arrive(initial, events_);
  if (!violations_.empty())
    record({});
  tree_.add(0, 0);
  State current;
  std::vector<StateIndex> components;
  std::vector<SearchStep> enabled;
  std::uint64_t depth = 0;
  StateIndex level_end = 1;
  for (StateIndex i = 0; i < store_.size() && !stop_; ++i) {
    if (i == level_end) {
      ++depth;
      level_end = static_cast<StateIndex>(store_.size());
    }
    codec_.unpack(store_.bytes(i), current);
    codec_.components(store_.bytes(i), components);
    steps_.enabled(current, enabled);
    for (std::uint32_t k = 0; k < enabled.size() && !stop_; ++k) {
      if (fire(current, components, enabled[k]) == Arrival::fresh) {
        tree_.add(i, k);
        max_depth_ = depth + 1;
      }
      if (!violations_.empty())
        record(tree_.choices(i, k));
      poll(depth);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// --jobs without --bfs: this search is thread 0 of the team, the others run in threads of their own, and
// what they found is gathered here when all are done. A property violated by several keeps this thread's
// finding, or the lowest thread's.

void Explorer::parallel_depth_first() {
  CheckOptions quiet = options_;
  quiet.progress = false; // one progress line: this thread's, which counts every thread's states
  std::vector<std::unique_ptr<Explorer>> others;
  for (unsigned w = 1; w < options_.jobs; ++w)
    others.push_back(std::unique_ptr<Explorer>(new Explorer(model_, quiet, team_, w)));
  std::vector<std::exception_ptr> errors(options_.jobs);
  auto search = [&](Explorer &e, unsigned w) {
    try {
      e.guarded(&Explorer::depth_first);
    } catch (...) {
      errors[w] = std::current_exception();
      std::lock_guard lock(team_->lock);
      team_->stopped = true;
      team_->pool_changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < options_.jobs; ++w)
    threads.emplace_back(search, std::ref(*others[w - 1]), w);
  search(*this, 0);
  for (auto &t : threads)
    t.join();
  for (auto &e : errors)
    if (e)
      std::rethrow_exception(e);
  for (const auto &other : others) {
    transitions_ += other->transitions_;
    max_depth_ = std::max(max_depth_, other->max_depth_);
    for (const Finding &f : other->findings_)
      if (std::none_of(findings_.begin(), findings_.end(), [&](const Finding &g) { return g.kind == f.kind; }))
        findings_.push_back(f);
  }
  stop_ = team_->stop;
}

// ---------------------------------------------------------------------------------------------------------
// --jobs with --bfs: the same breadth-first order, level by level, shared among threads
// (checker/parallel_search.hpp).

void Explorer::parallel_breadth_first() {
  parallel_ = parallel_search(model_, options_, options_.jobs, canonicalizer_.groups(), wanted_, *limits_, progress_);
  findings_ = parallel_->findings;
  if (parallel_->stop)
    stop(*parallel_->stop);
  transitions_ = parallel_->transitions;
  max_depth_ = parallel_->max_depth;
}

// ---------------------------------------------------------------------------------------------------------

CheckResult Explorer::conclude() {
  CheckResult result;
  result.search = team_       ? fmt::format("depth-first in {} threads", options_.jobs)
                  : parallel_ ? fmt::format("breadth-first in {} threads", options_.jobs)
                              : std::string(options_.breadth_first ? "breadth-first" : "depth-first");
  if (reduce_)
    result.search += " with partial-order reduction";
  else if (options_.reduction && !options_.breadth_first && !reduction_covers(model_))
    result.search += " (no partial-order reduction: it does not yet cover global variables, invariants, timeouts and faults)";
  if (canonicalizer_.active())
    result.search += fmt::format("{} symmetry reduction ({} interchangeable group{}: {})", reduce_ ? " and" : " with",
                                 canonicalizer_.groups().size(), canonicalizer_.groups().size() == 1 ? "" : "s",
                                 describe(canonicalizer_.groups()));
  if (std::size_t fused = steps_.fused_channels())
    result.search += fmt::format(", rendezvous fused on {} channel{}", fused, fused == 1 ? "" : "s");
  result.stop = stop_.value_or(StopReason::complete);
  if (is_limit(result.stop))
    result.limit = limits_->describe(result.stop);
  result.statistics = statistics();
  double search_seconds = limits_->elapsed();
  if (options_.breadth_first || parallel_)
    for (Finding &f : findings_)
      f = real_schedule(steps_, canonicalizer_, f);      // its choices apply to the stored representatives
  // Hashes cannot be read back: pruning shortens instead. After an allocation failed, the breadth-first pass
  // would need memory that is not there.
  else if (!findings_.empty() && !options_.hash_compact && !limits_->ran_out())
    findings_ = shortest_findings(steps_, codec_, stored_, canonicalizer_, findings_);
  for (Finding &f : findings_)
    f.choices = steps_.real_choices(f.choices, f.kind);
  if (reduce_ || options_.hash_compact)
    for (Finding &f : findings_)
      f = prune_schedule(model_, f);
  std::sort(findings_.begin(), findings_.end(), [](const Finding &a, const Finding &b) { return a.kind < b.kind; });
  for (const Finding &f : findings_)
    result.violations.push_back(build_counterexample(model_, f.kind, f.choices));
  bool judged_all = result.stop == StopReason::complete || result.stop == StopReason::all_violated;
  for (PropertyKind kind : monitor_.watched().kinds()) {
    bool violated = std::any_of(findings_.begin(), findings_.end(), [&](const Finding &f) { return f.kind == kind; });
    result.verdicts.push_back({kind, violated ? Verdict::violated : judged_all ? Verdict::holds : Verdict::unknown});
  }
  result.performance = {limits_->elapsed(), limits_->cpu_elapsed(), peak_resident_memory(),
                        search_seconds > 0 ? static_cast<double>(result.statistics.states) / search_seconds : 0.0};
  return result;
}

// The visited set's memory counts the codec's component tables, which hold what the packed states refer to.
CheckStatistics Explorer::statistics() const {
  CheckStatistics s{parallel_ ? parallel_->states : visited_.size(), transitions_, max_depth_};
  s.visited_bytes = parallel_ ? parallel_->visited_bytes : visited_.memory_bytes() + codec_.memory_bytes();
  s.bytes_per_state = s.states > 0 ? static_cast<double>(s.visited_bytes) / static_cast<double>(s.states) : 0.0;
  if (options_.hash_compact)
    s.omission_probability = HashCompactStore::omission_probability(s.states);
  return s;
}

CheckResult check(const Model &model, const CheckOptions &options) {
  return Explorer(model, options).run();
}

} // namespace ipcsim
