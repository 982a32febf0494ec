#include "checker/orbit_schedule.hpp"

#include "models/properties.hpp"
#include "models/semantics.hpp"

#include <stdexcept>

namespace ipcsim {
namespace {

class Realization {
public:
  Realization(SearchSteps &steps, Canonicalizer &canonicalizer, PropertyKind kind)
      : steps_(steps), monitor_(steps.semantics().model()), canonicalizer_(canonicalizer) {
    wanted_.insert(kind);
  }

  std::vector<std::uint32_t> run(const std::vector<std::uint32_t> &choices) {
    std::vector<Event> events;
    State real = steps_.initial_state(events);
    State search = canonicalizer_.canonical(real);
    std::vector<std::uint32_t> out;
    for (std::size_t k = 0; k < choices.size(); ++k) {
      steps_.enabled(search, enabled_);
      State next = search;
      events.clear();
      steps_.apply(next, enabled_.at(choices[k]), events);
      search = canonicalizer_.canonical(next);
      out.push_back(matching_step(real, encode(search), k + 1 == choices.size()));
    }
    return out;
  }

private:
  // The position in real's enabled steps of one that reaches `target`'s orbit; it leaves real at its
  // successor.
  std::uint32_t matching_step(State &real, const std::vector<std::uint32_t> &target, bool last) {
    steps_.enabled(real, enabled_);
    for (std::uint32_t k = 0; k < enabled_.size(); ++k) {
      State next = real;
      events_.clear();
      steps_.apply(next, enabled_[k], events_);
      bool same_orbit = encode(canonicalizer_.canonical(next)) == target;
      if (same_orbit && (!last || monitor_.violates(events_, steps_.judged(next, wanted_), wanted_))) {
        real = std::move(next);
        return k;
      }
    }
    throw std::logic_error("symmetry reduction: a step of the search has no counterpart in the model");
  }


  SearchSteps &steps_;
  PropertyMonitor monitor_;
  Canonicalizer &canonicalizer_;
  PropertySet wanted_;
  std::vector<SearchStep> enabled_;
  std::vector<Event> events_;
};

} // namespace

Finding real_schedule(SearchSteps &steps, Canonicalizer &canonicalizer, const Finding &found) {
  if (!canonicalizer.active())
    return found;
  return {found.kind, Realization(steps, canonicalizer, found.kind).run(found.choices)};
}

} // namespace ipcsim
