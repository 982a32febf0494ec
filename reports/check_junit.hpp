// `ipcsim check --junit F`: a check as a JUnit XML report, one suite for the scenario and one test case per
// property it judged: passed when it holds, failed when it is violated (the message is the sentence `check`
// prints, the body that sentence and the numbered schedule), skipped when the search stopped before it could
// tell (a limit, --stop-at-first).
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <string>

namespace ipcsim {

std::string check_junit(const Model &model, const CheckResult &result);

} // namespace ipcsim
