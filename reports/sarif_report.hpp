// `ipcsim check --sarif F`: a check as a SARIF 2.1.0 log, which code-scanning dashboards and CI systems read.
// One run of the tool ipcsim: a rule per property the check judged, and a result (level error) per violated
// one, its message the sentence `check` prints, located at the scenario line and column of the step that
// violates it (the last of its schedule), with the schedule as a code flow: one thread-flow location per step,
// at the step's line, saying "worker[0]: set: locked = 1". A search that left properties unjudged (a limit,
// --stop-at-first) says so in a tool notification, since their missing results would read as "holds". The bytes depend
// only on the scenario and the result's verdicts and schedules: no timings, no path but the scenario's as given.
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <string>

namespace ipcsim {

// The log's bytes: JSON indented by two spaces, a newline at the end; a name that is not UTF-8 is written with
// U+FFFD rather than refused.
std::string check_sarif(const Model &model, const CheckResult &result);

// A file path as a SARIF artifact URI: a relative reference with every byte that a URI may not hold
// percent-encoded ("my scenarios/a.yaml" -> "my%20scenarios/a.yaml"), an absolute path as a file: URI.
std::string artifact_uri(const std::string &path);

} // namespace ipcsim
