#include "checker/schedule_pruning.hpp"

#include "models/properties.hpp"
#include "models/semantics.hpp"

#include <optional>

namespace ipcsim {
namespace {

class Pruner {
public:
  Pruner(const Model &model, PropertyKind kind) : semantics_(model), monitor_(model) { wanted_.insert(kind); }

  // The steps of `choices` as transitions (a choice is a position in the enabled list of its state).
  std::vector<Transition> transitions(const std::vector<std::uint32_t> &choices) {
    std::vector<Transition> out;
    State state = semantics_.initial_state(events_);
    for (std::uint32_t choice : choices) {
      semantics_.enabled(state, enabled_);
      out.push_back(enabled_.at(choice));
      semantics_.apply(state, out.back(), events_);
    }
    return out;
  }

  // The choices of the shortest prefix of `steps` that violates the property, if all of them up to there
  // are enabled where they are taken.
  std::optional<std::vector<std::uint32_t>> violating_prefix(const std::vector<Transition> &steps) {
    events_.clear();
    State state = semantics_.initial_state(events_);
    std::vector<std::uint32_t> choices;
    if (monitor_.violates(events_, state, wanted_))
      return choices;
    for (const Transition &t : steps) {
      semantics_.enabled(state, enabled_);
      std::optional<std::uint32_t> position = position_of(t);
      if (!position)
        return std::nullopt;
      choices.push_back(*position);
      events_.clear();
      semantics_.apply(state, t, events_);
      if (monitor_.violates(events_, state, wanted_))
        return choices;
    }
    return std::nullopt;
  }

private:
  std::optional<std::uint32_t> position_of(const Transition &t) const {
    for (std::uint32_t k = 0; k < enabled_.size(); ++k)
      if (enabled_[k].proc == t.proc && enabled_[k].alternative == t.alternative)
        return k;
    return std::nullopt;
  }

  Semantics semantics_;
  PropertyMonitor monitor_;
  PropertySet wanted_;
  std::vector<Event> events_;
  std::vector<Transition> enabled_;
};

} // namespace

Finding prune_schedule(const Model &model, const Finding &finding) {
  // Each attempt replays the schedule once; a very deep counterexample stops being pruned at this many
  // replayed steps (about a second) rather than taking quadratic time. What was pruned by then is kept.
  constexpr std::size_t replay_budget = 20'000'000;
  Pruner pruner(model, finding.kind);
  Finding best = finding;
  std::vector<Transition> steps = pruner.transitions(finding.choices);
  std::size_t replayed = 0;
  for (std::size_t run = std::max<std::size_t>(1, steps.size() / 2); run > 0; run /= 2) {
    for (std::size_t start = 0; start < steps.size() && replayed < replay_budget;) {
      std::vector<Transition> shorter(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(start));
      shorter.insert(shorter.end(), steps.begin() + static_cast<std::ptrdiff_t>(std::min(start + run, steps.size())),
                     steps.end());
      replayed += shorter.size();
      if (auto choices = pruner.violating_prefix(shorter)) {
        best.choices = *choices;
        steps = pruner.transitions(best.choices);
      } else {
        start += run;
      }
    }
  }
  return best;
}

} // namespace ipcsim
