#include "checker/orbit_schedule.hpp"

#include "models/properties.hpp"
#include "models/semantics.hpp"

#include <stdexcept>

namespace ipcsim {
namespace {

class Realization {
public:
  Realization(const Model &model, Canonicalizer &canonicalizer, PropertyKind kind)
      : semantics_(model), monitor_(model), canonicalizer_(canonicalizer) {
    wanted_.insert(kind);
  }

  std::vector<std::uint32_t> run(const std::vector<std::uint32_t> &choices) {
    std::vector<Event> events;
    State real = semantics_.initial_state(events);
    State search = canonicalizer_.canonical(real);
    std::vector<std::uint32_t> out;
    for (std::size_t k = 0; k < choices.size(); ++k) {
      semantics_.enabled(search, enabled_);
      State next = search;
      events.clear();
      semantics_.apply(next, enabled_.at(choices[k]), events);
      search = canonicalizer_.canonical(next);
      out.push_back(matching_step(real, encode(search), k + 1 == choices.size()));
    }
    return out;
  }

private:
  // The position in real's enabled steps of one that reaches `target`'s orbit; it leaves real at its
  // successor.
  std::uint32_t matching_step(State &real, const std::vector<std::uint32_t> &target, bool last) {
    semantics_.enabled(real, enabled_);
    for (std::uint32_t k = 0; k < enabled_.size(); ++k) {
      State next = real;
      events_.clear();
      semantics_.apply(next, enabled_[k], events_);
      bool same_orbit = encode(canonicalizer_.canonical(next)) == target;
      if (same_orbit && (!last || monitor_.violates(events_, next, wanted_))) {
        real = std::move(next);
        return k;
      }
    }
    throw std::logic_error("symmetry reduction: a step of the search has no counterpart in the model");
  }


  Semantics semantics_;
  PropertyMonitor monitor_;
  Canonicalizer &canonicalizer_;
  PropertySet wanted_;
  std::vector<Transition> enabled_;
  std::vector<Event> events_;
};

} // namespace

Finding real_schedule(const Model &model, Canonicalizer &canonicalizer, const Finding &found) {
  if (!canonicalizer.active())
    return found;
  return {found.kind, Realization(model, canonicalizer, found.kind).run(found.choices)};
}

} // namespace ipcsim
