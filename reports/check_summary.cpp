#include "reports/check_summary.hpp"

#include "reports/output_numbers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {
namespace {

std::string where(const Model &model, int line) {
  return line > 0 ? fmt::format("{}:{}", model.scenario.file, line) : model.scenario.file;
}

// Hash compaction may have taken an unexplored state for an explored one: a property that holds carries
// that caveat (a violation found is replayed, so it is real either way).
std::string verdict_text(const PropertyVerdict &v, const CheckStatistics &s) {
  if (v.verdict == Verdict::unknown)
    return "unknown (the search did not finish)";
  if (v.verdict == Verdict::holds && s.omission_probability)
    return "holds (unless hash compaction omitted a state)";
  return std::string(to_string(v.verdict));
}

std::string statistics_text(const CheckStatistics &s) {
  auto plural = [](std::uint64_t n) { return n == 1 ? "" : "s"; };
  std::string text = fmt::format("statistics: {} state{}, {} transition{}, max depth {}, {:.1f} bytes per state",
                                 s.states, plural(s.states), s.transitions, plural(s.transitions), s.max_depth,
                                 s.bytes_per_state);
  if (s.omission_probability)
    text += fmt::format(" (hash compaction: probability of an omitted state <= {:.1e})", *s.omission_probability);
  return text;
}

std::string headline(const Model &model, const CheckResult &r) {
  std::size_t n = r.violations.size();
  if (n > 0)
    return fmt::format("scenario {}: {} {} violated", model.scenario.name, n, n == 1 ? "property" : "properties");
  if (is_limit(r.stop))
    return fmt::format("scenario {}: incomplete, stopped at {} before every state was explored", model.scenario.name,
                       r.limit);
  return fmt::format("scenario {}: every property holds", model.scenario.name);
}

std::string search_text(const CheckResult &r) {
  switch (r.stop) {
  case StopReason::complete:
    return r.search + ", complete"; // reduced: every state that matters, not every reachable one
  case StopReason::all_violated:
    return r.search + ", stopped once every property was violated";
  case StopReason::first_violation:
    return r.search + ", stopped at the first violation (--stop-at-first)";
  default:
    return r.search + ", stopped at " + r.limit;
  }
}

} // namespace

std::string_view check_outcome(const CheckResult &result) {
  if (result.violated())
    return "violated";
  return is_limit(result.stop) ? "incomplete" : "holds";
}

std::string schedule_line(const Model &model, std::size_t number, const ScheduleStep &step) {
  return fmt::format("{:>4}. {}: {}  ({})", number, step.proc, step.action, where(model, step.line));
}

std::string unjudged_reason(const CheckResult &r) {
  if (r.stop == StopReason::first_violation)
    return "the search stopped at the first violation (--stop-at-first)";
  return is_limit(r.stop) ? "the search stopped at " + r.limit + " before every state was explored" : "";
}

std::string finding_text(const Model &model, const Counterexample &cx) {
  std::string text = cx.description + "\n";
  text += fmt::format("schedule ({} {}):\n", cx.steps.size(), cx.steps.size() == 1 ? "step" : "steps");
  for (std::size_t k = 0; k < cx.steps.size(); ++k)
    text += schedule_line(model, k + 1, cx.steps[k]) + "\n";
  return text;
}

std::string check_summary_text(const Model &model, const CheckResult &r) {
  std::string out = headline(model, r) + "\n";
  for (const auto &v : r.verdicts)
    out += fmt::format("  {:<20} {}\n", to_string(v.kind), verdict_text(v, r.statistics));
  for (const auto &cx : r.violations)
    out += "\n" + finding_text(model, cx);
  out += "\nsearch: " + search_text(r) + "\n";
  out += statistics_text(r.statistics) + "\n";
  const CheckPerformance &p = r.performance;
  out += fmt::format("performance: {:.3f} s (cpu {:.3f} s), {:.1f} MiB peak memory, {:.0f} states/s\n", p.seconds,
                     p.cpu_seconds, static_cast<double>(p.peak_memory) / (1 << 20), p.states_per_second);
  return out;
}

nlohmann::ordered_json check_result_json(const Model &model, const CheckResult &r) {
  using json = nlohmann::ordered_json;
  json j;
  j["scenario"] = model.scenario.name;
  j["file"] = model.scenario.file;
  j["seed"] = model.scenario.seed; // the checker does not depend on it; printed as every report does
  j["params"] = json::object();
  for (const auto &[name, value] : model.scenario.params)
    j["params"][name] = value;
  j["outcome"] = std::string(check_outcome(r));
  j["search"] = r.search;
  j["complete"] = r.stop == StopReason::complete;
  j["stopped_by"] = is_limit(r.stop) ? json(r.limit) : json(nullptr);
  j["properties"] = json::array();
  for (const auto &v : r.verdicts)
    j["properties"].push_back({{"property", to_string(v.kind)}, {"verdict", to_string(v.verdict)}});
  j["violations"] = json::array();
  for (const auto &cx : r.violations) {
    json blocked = json::array();
    for (const auto &b : cx.blocking.blocked) {
      json releasers = json::array();
      for (ProcId q : b.releasers)
        releasers.push_back(model.processes[q].name);
      bool stuck = std::find(cx.blocking.stuck.begin(), cx.blocking.stuck.end(), b.proc) != cx.blocking.stuck.end();
      blocked.push_back({{"process", model.processes[b.proc].name},
                         {"waits_for", b.waits_for},
                         {"releasers", releasers},
                         {"deadlocked", stuck && cx.blocking.deadlock && !b.idle_server},
                         {"idle_server", b.idle_server}});
    }
    json schedule = json::array();
    for (std::size_t k = 0; k < cx.steps.size(); ++k)
      schedule.push_back({{"step", k + 1},
                          {"process", cx.steps[k].proc},
                          {"action", cx.steps[k].action},
                          {"file", model.scenario.file},
                          {"line", cx.steps[k].line}});
    j["violations"].push_back({{"property", to_string(cx.kind)},
                               {"description", cx.description},
                               {"blocked", blocked},
                               {"schedule", schedule}});
  }
  j["statistics"] = {{"states", r.statistics.states},
                     {"transitions", r.statistics.transitions},
                     {"max_depth", r.statistics.max_depth},
                     {"visited_set_bytes", r.statistics.visited_bytes},
                     {"bytes_per_state", r.statistics.bytes_per_state},
                     {"omission_probability",
                      r.statistics.omission_probability ? json(*r.statistics.omission_probability) : json(nullptr)}};
  round_output_numbers(j);
  return j;
}

nlohmann::ordered_json check_performance_json(const CheckResult &r) {
  nlohmann::ordered_json j = {{"seconds", r.performance.seconds},
                              {"cpu_seconds", r.performance.cpu_seconds},
                              {"peak_memory_bytes", r.performance.peak_memory},
                              {"states_per_second", r.performance.states_per_second}};
  round_output_numbers(j);
  return j;
}

nlohmann::ordered_json check_summary_json(const Model &model, const CheckResult &r) {
  nlohmann::ordered_json j = check_result_json(model, r);
  j["performance"] = check_performance_json(r);
  return j;
}

} // namespace ipcsim
