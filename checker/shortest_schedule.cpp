#include "checker/shortest_schedule.hpp"

#include "checker/orbit_schedule.hpp"
#include "models/properties.hpp"
#include "models/semantics.hpp"

#include <algorithm>

namespace ipcsim {
namespace {

class ShortestSearch {
public:
  ShortestSearch(SearchSteps &steps, StateCodec &codec, const StoredStates &store, Canonicalizer &canonicalizer)
      : steps_(steps), monitor_(steps.semantics().model()), codec_(codec), store_(store), canonicalizer_(canonicalizer),
        parent_(store.index_bound(), kNone), via_(store.index_bound(), 0) {}

  std::vector<Finding> run(PropertySet wanted) {
    std::vector<Event> events;
    State state = steps_.initial_state(events);
    std::vector<PropertyViolation> found;
    monitor_.check_events(events, wanted, found);
    monitor_.check_state(steps_.judged(state, wanted), wanted, found);
    keep(found, {}, wanted);
    codec_.pack(canonicalizer_.canonical(state), bytes_);
    std::optional<StateIndex> root = store_.find(bytes_);
    if (!root)
      return findings_;
    parent_[*root] = *root;
    std::vector<StateIndex> queue{*root};
    for (std::size_t head = 0; head < queue.size() && !wanted.empty(); ++head)
      expand(queue[head], queue, wanted, *root);
    return findings_;
  }

private:
  void expand(StateIndex from, std::vector<StateIndex> &queue, PropertySet &wanted, StateIndex root) {
    codec_.unpack(store_.bytes(from), current_);
    codec_.components(store_.bytes(from), components_);
    steps_.enabled(current_, enabled_);
    for (std::uint32_t k = 0; k < enabled_.size() && !wanted.empty(); ++k) {
      next_ = current_;
      events_.clear();
      steps_.apply(next_, enabled_[k], events_);
      found_.clear();
      monitor_.check_events(events_, wanted, found_);
      pack_next();
      std::optional<StateIndex> to = store_.find(bytes_);
      if (to && parent_[*to] == kNone) {
        parent_[*to] = from;
        via_[*to] = k;
        queue.push_back(*to);
        monitor_.check_state(steps_.judged(next_, wanted), wanted, found_);
      }
      if (!found_.empty())
        keep(found_, path(from, k, root), wanted);
    }
  }

  // Stored states are representatives when symmetry reduction is on: next_'s is looked up, not next_.
  void pack_next() {
    const State &key = canonicalizer_.canonical(next_);
    if (&key == &next_)
      codec_.pack(next_, bytes_, current_, components_);
    else
      codec_.pack(key, bytes_);
  }

  void keep(const std::vector<PropertyViolation> &found, const std::vector<std::uint32_t> &choices,
            PropertySet &wanted) {
    for (const auto &v : found)
      if (wanted.contains(v.kind)) {
        findings_.push_back({v.kind, choices});
        wanted.erase(v.kind);
      }
  }

  std::vector<std::uint32_t> path(StateIndex from, std::uint32_t last, StateIndex root) const {
    std::vector<std::uint32_t> choices{last};
    for (StateIndex s = from; s != root; s = parent_[s])
      choices.push_back(via_[s]);
    std::reverse(choices.begin(), choices.end());
    return choices;
  }

  SearchSteps &steps_;
  PropertyMonitor monitor_;
  StateCodec &codec_;
  const StoredStates &store_;
  Canonicalizer &canonicalizer_;
  std::vector<StateIndex> parent_; // kNone: not reached yet
  std::vector<std::uint32_t> via_;
  std::vector<Finding> findings_;
  State current_, next_;
  std::vector<StateIndex> components_;
  std::vector<SearchStep> enabled_;
  std::vector<Event> events_;
  std::vector<PropertyViolation> found_;
  std::vector<std::uint8_t> bytes_;
};

} // namespace

std::vector<Finding> shortest_findings(SearchSteps &steps, StateCodec &codec, const StoredStates &store,
                                       Canonicalizer &canonicalizer, const std::vector<Finding> &found) {
  PropertySet wanted;
  for (const auto &f : found)
    wanted.insert(f.kind);
  std::vector<Finding> shorter = ShortestSearch(steps, codec, store, canonicalizer).run(wanted);
  for (Finding &f : shorter) // its choices apply to the stored representatives
    f = real_schedule(steps, canonicalizer, f);
  // Whatever the pass could not show (it always should) keeps the depth-first schedule.
  for (const auto &f : found)
    if (std::none_of(shorter.begin(), shorter.end(), [&](const Finding &s) { return s.kind == f.kind; }))
      shorter.push_back(f);
  return shorter;
}

} // namespace ipcsim
