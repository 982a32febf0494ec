// `ipcsim check --report DIR`: the written report of a check. Always report.md, report.html (one file, SVGs
// inline) and report.json (as `check --json`); for a violation also counterexample.jsonl (the failing
// schedule as a trace, ending in a `deadlock` or `violation` event), msc.dot/msc.svg (its message sequence
// chart) and waitfor.dot/waitfor.svg (the blocked processes of the last state, the cycle highlighted).
// When several properties are violated, the files show the first in property order; the report text
// covers them all. The report reads in the order of STYLE.md: what failed in one sentence, each blocked
// process and what it waits for, the wait-for cycle and the processes stuck behind it, the numbered
// schedule with the file:line of each step, then the statistics.
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <string>

namespace ipcsim {

// Creates `dir` if needed; throws ScenarioError when it cannot be written.
void write_check_report(const std::string &dir, const Model &model, const CheckResult &result);

// The parts, for tests: DOT text is layout-independent and compared whole.
std::string check_report_markdown(const Model &model, const CheckResult &result);
std::string counterexample_msc_dot(const Model &model, const Counterexample &cx);
std::string counterexample_wait_for_dot(const Model &model, const Counterexample &cx);

} // namespace ipcsim
