#include "reports/check_junit.hpp"

#include "reports/check_summary.hpp"
#include "reports/junit_xml.hpp"

#include <algorithm>

namespace ipcsim {
namespace {

JunitCase property_case(const Model &model, const CheckResult &r, const PropertyVerdict &v) {
  JunitCase c{.classname = model.scenario.name, .name = std::string(to_string(v.kind)), .file = model.scenario.file};
  if (v.verdict == Verdict::unknown) {
    c.outcome = JunitCase::Outcome::skipped;
    c.message = "unknown: " + unjudged_reason(r);
  } else if (v.verdict == Verdict::violated) {
    auto cx = std::find_if(r.violations.begin(), r.violations.end(),
                           [&](const Counterexample &found) { return found.kind == v.kind; });
    c.outcome = JunitCase::Outcome::failed;
    c.type = c.name;
    c.message = cx->description; // every violated verdict has its counterexample
    c.text = finding_text(model, *cx);
  }
  return c;
}

} // namespace

std::string check_junit(const Model &model, const CheckResult &r) {
  JunitSuite suite{.name = model.scenario.name, .cases = {}};
  for (const PropertyVerdict &v : r.verdicts)
    suite.cases.push_back(property_case(model, r, v));
  return junit_xml("ipcsim check", {suite});
}

} // namespace ipcsim
