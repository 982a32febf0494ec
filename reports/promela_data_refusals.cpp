#include "reports/promela_data_refusals.hpp"

#include "models/step_walk.hpp"

namespace ipcsim {
namespace {

const std::string kNoData = "the export maps the control of a scenario, not its variables and values yet";
// Promela's `timeout` fires only when no process can move, which is not ipcsim's time-out at any moment.
const std::string kNoTimeouts = "a Promela operation cannot give up while others still move";
const std::string kNoFaults = "the export does not map faults to nondeterministic choices yet";

class DataRefusals {
public:
  explicit DataRefusals(const Scenario &scenario) : scenario_(scenario) {}

  std::vector<Diagnostic> find() {
    for (const auto &v : scenario_.variables)
      refuse(v.mark, "variable " + v.name);
    for (const auto &p : scenario_.processes) {
      for (const auto &v : p.variables)
        refuse(v.mark, "variable " + v.name + " of " + p.name);
      steps(p.steps);
    }
    for (const auto &invariant : scenario_.properties.invariants)
      refuse(invariant.mark, "invariant " + invariant.text);
    for (const auto &c : scenario_.channels)
      if (c.faults.any())
        refuse(c.faults.mark, "faults on " + c.name, kNoFaults);
    if (scenario_.link_defaults.faults.any())
      refuse(scenario_.link_defaults.faults.mark, "faults in defaults", kNoFaults);
    for (const auto &p : scenario_.processes)
      if (p.crash)
        refuse(p.crash->mark, "crash of " + p.name, kNoFaults);
    return std::move(out_);
  }

private:
  void refuse(SourceMark mark, const std::string &what, const std::string &why = kNoData) {
    out_.push_back({mark, "cannot export to Promela: " + what + " (" + why + ")"});
  }

  void steps(const Steps &list) {
    for_each_step(list, [&](const auto &op, SourceMark mark) { this->step(op, mark); });
  }
  void step(const SendStep &s, SourceMark mark) {
    if (s.timeout)
      refuse(mark, "a send with a timeout", kNoTimeouts);
    if (s.value)
      refuse(s.value->mark, "value: " + s.value->text);
  }
  void step(const ReceiveStep &s, SourceMark mark) {
    if (s.timeout)
      refuse(mark, "a receive with a timeout", kNoTimeouts);
    if (!s.into.empty())
      refuse(s.into_mark, "into: " + s.into);
    if (s.when)
      refuse(s.when->mark, "when: " + s.when->text);
  }
  void step(const SetStep &s, SourceMark mark) { refuse(mark, "set: " + s.assignments.front().variable); }
  void step(const IfStep &s, SourceMark mark) { refuse(mark, "if: " + s.condition.text); }
  void step(const WhileStep &s, SourceMark mark) { refuse(mark, "while: " + s.condition.text); }
  void step(const AssertStep &s, SourceMark mark) { refuse(mark, "assert: " + s.condition.text); }
  void step(const SemaphoreStep &s, SourceMark mark) {
    if (s.timeout)
      refuse(mark, "an acquire with a timeout", kNoTimeouts);
  }
  template <typename Other> void step(const Other &, SourceMark) {}

  const Scenario &scenario_;
  std::vector<Diagnostic> out_;
};

} // namespace

std::vector<Diagnostic> promela_data_refusals(const Model &model) {
  return DataRefusals(model.scenario).find();
}

} // namespace ipcsim
