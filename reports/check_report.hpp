// `ipcsim check --report DIR`: the written report of a check. Always report.md, report.html (one file, SVGs
// inline), report.json (as `check --json` without "performance") and performance.json (that "performance":
// the machine's timings, apart so that the other files are the same bytes from run to run); for each violated
// property P also counterexample-P.jsonl (the failing schedule as a trace, ending in a `deadlock` or
// `violation` event), msc-P.dot/msc-P.svg (its message sequence chart) and waitfor-P.dot/waitfor-P.svg (the
// blocked processes of the last state, the cycle highlighted); the first violated property, in property
// order, also under the names these files have always had: counterexample.jsonl, msc.svg, waitfor.svg, and
// its schedule as a timeline, timeline.json (reports/timeline_json.hpp). The report's section of each
// violation links its files. The report reads in the order of STYLE.md: what failed in one sentence, each
// blocked process and what it waits for, the wait-for cycle and the processes stuck behind it, the numbered
// schedule with the file:line of each step, then the statistics.
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <string>

namespace ipcsim {

// Creates `dir` if needed; throws OutputError when it cannot be written.
void write_check_report(const std::string &dir, const Model &model, const CheckResult &result);

// The parts, for tests: DOT text is layout-independent and compared whole.
std::string check_report_markdown(const Model &model, const CheckResult &result);
std::string counterexample_msc_dot(const Model &model, const Counterexample &cx);
std::string counterexample_wait_for_dot(const Model &model, const Counterexample &cx);

} // namespace ipcsim
