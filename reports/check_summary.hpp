// What `ipcsim check` prints: the verdict per property, each violation in one sentence with its numbered
// schedule (the scenario's file:line of each step), the statistics, and apart from them the tool's own
// timings. As text for people and as JSON (keys in a fixed order; everything but "performance" is the same
// from run to run, so the files that must be reproducible, such as `check --report`'s report.json, take the
// result and the timings apart).
#pragma once

#include "checker/check_result.hpp"
#include "models/model.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace ipcsim {

// "violated", "holds" or "incomplete": the outcome of the check as a whole.
std::string_view check_outcome(const CheckResult &result);

std::string check_summary_text(const Model &model, const CheckResult &result);
// Every floating-point number with 15 significant digits (output_numbers.hpp).
// What `check --json` prints: check_result_json with check_performance_json under "performance".
nlohmann::ordered_json check_summary_json(const Model &model, const CheckResult &result);
// Everything that is the same from run to run (with one search thread): verdicts, violations, statistics.
nlohmann::ordered_json check_result_json(const Model &model, const CheckResult &result);
// The machine's timings of this run: seconds, cpu_seconds, peak_memory_bytes, states_per_second.
nlohmann::ordered_json check_performance_json(const CheckResult &result);

// One step of a schedule as a line: "  3. phil[0]: receive from fork[0]: blocks  (scenario.yaml:21)".
std::string schedule_line(const Model &model, std::size_t number, const ScheduleStep &step);

// Why some properties have no verdict ("the search stopped at --max-states 10 before every state was
// explored"); empty when the search judged every one.
std::string unjudged_reason(const CheckResult &result);

// A violation as `check` prints it: its sentence, then "schedule (N steps):" and the numbered steps.
std::string finding_text(const Model &model, const Counterexample &cx);

} // namespace ipcsim
