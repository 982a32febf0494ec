#include "reports/sarif_report.hpp"

#include "ipcsim_version.hpp"
#include "reports/check_summary.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

// What a violation of each property is, for the rule that a dashboard shows beside each result.
std::string_view rule_description(PropertyKind kind) {
  switch (kind) {
  case PropertyKind::deadlock:
    return "Processes blocked forever: no process left can release them (a global or a partial deadlock)";
  case PropertyKind::rendezvous:
    return "A send on a channel listed in properties.rendezvous completed before its matching receive began";
  case PropertyKind::lost_messages:
    return "A message lost: a non-blocking send failed, or a message was destroyed unreceived";
  case PropertyKind::undelivered:
    return "Every process ended with messages still buffered";
  case PropertyKind::data_race:
    return "Two conflicting accesses to a shared memory segment that no message or semaphore orders";
  case PropertyKind::assertion:
    return "An assert whose condition was false when it was reached";
  case PropertyKind::invariant:
    return "A reachable state in which one of properties.invariants is false";
  case PropertyKind::invalid:
    return "An invalid operation: a step that the semantics refuses (docs/semantics.md)";
  }
  return "?";
}

json physical_location(const Model &model, int line, int column) {
  json location{{"artifactLocation", {{"uri", artifact_uri(model.scenario.file)}}}};
  if (line > 0) {
    location["region"] = {{"startLine", line}};
    if (column > 0)
      location["region"]["startColumn"] = column;
  }
  return location;
}

json rule(PropertyKind kind) {
  return {{"id", to_string(kind)},
          {"shortDescription", {{"text", rule_description(kind)}}},
          {"defaultConfiguration", {{"level", "error"}}}};
}

json code_flow(const Model &model, const Counterexample &cx) {
  json steps = json::array();
  for (const ScheduleStep &step : cx.steps)
    steps.push_back({{"location",
                      {{"physicalLocation", physical_location(model, step.line, step.column)},
                       {"message", {{"text", step.proc + ": " + step.action}}}}}});
  std::string what =
      fmt::format("the schedule that reaches it ({} {})", cx.steps.size(), cx.steps.size() == 1 ? "step" : "steps");
  return {{"message", {{"text", what}}}, {"threadFlows", json::array({{{"locations", steps}}})}};
}

json result(const Model &model, const Counterexample &cx, std::size_t rule_index) {
  ScheduleStep last = cx.steps.empty() ? ScheduleStep{} : cx.steps.back();
  json r{{"ruleId", to_string(cx.kind)},
         {"ruleIndex", rule_index},
         {"level", "error"},
         {"message", {{"text", cx.description}}},
         {"locations", json::array({{{"physicalLocation", physical_location(model, last.line, last.column)}}})}};
  if (!cx.steps.empty()) // a thread flow holds a step at least; the initial state may show a violation alone
    r["codeFlows"] = json::array({code_flow(model, cx)});
  return r;
}

json invocation(const CheckResult &r) {
  json done{{"executionSuccessful", !is_limit(r.stop)}};
  if (std::string unjudged = unjudged_reason(r); !unjudged.empty())
    done["toolExecutionNotifications"] =
        json::array({{{"level", "warning"},
                      {"message", {{"text", unjudged + ": a property without a result is not known to hold"}}}}});
  return done;
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/';
}

} // namespace

std::string artifact_uri(const std::string &path) {
  std::string uri = path.starts_with('/') ? "file://" : "";
  for (unsigned char c : path)
    uri += unreserved(c) ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  return uri;
}

std::string check_sarif(const Model &model, const CheckResult &r) {
  json rules = json::array();
  for (const PropertyVerdict &v : r.verdicts)
    rules.push_back(rule(v.kind));
  json results = json::array();
  for (const Counterexample &cx : r.violations) {
    auto at =
        std::find_if(r.verdicts.begin(), r.verdicts.end(), [&](const PropertyVerdict &v) { return v.kind == cx.kind; });
    results.push_back(result(model, cx, static_cast<std::size_t>(at - r.verdicts.begin())));
  }
  json driver{{"name", "ipcsim"}, {"version", version}, {"rules", rules}};
  json run{{"tool", {{"driver", driver}}}, {"invocations", json::array({invocation(r)})}, {"results", results}};
  json log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace ipcsim
