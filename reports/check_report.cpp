#include "reports/check_report.hpp"

#include "models/diagnostics.hpp"
#include "reports/check_summary.hpp"
#include "reports/output_file.hpp"
#include "reports/report_document.hpp"
#include "reports/sequence_chart.hpp"
#include "reports/svg_renderer.hpp"
#include "reports/timeline_json.hpp"
#include "reports/trace_jsonl.hpp"
#include "reports/wait_for_cycle.hpp"
#include "reports/wait_for_dot.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace ipcsim {
namespace {

// What was written for one violation, for the report to link and inline; empty: nothing (no --report).
struct ViolationFiles {
  std::string trace;        // counterexample.jsonl
  std::string msc, msc_svg; // msc.svg and its content
  std::string wait_for, wait_for_svg;
  std::string timeline; // timeline.json: the first violation's only
};

// "msc.svg" -> "msc.dot": every picture's DOT lies beside it.
std::string dot_of(const std::string &svg) {
  return svg.substr(0, svg.size() - 4) + ".dot";
}

std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k)
    out += (k ? sep : "") + items[k];
  return out;
}

std::string blocked_sentence(const Model &model, const BlockedProcess &b) {
  std::vector<std::string> who;
  for (ProcId q : b.releasers)
    who.push_back(model.processes[q].name);
  if (b.idle_server)
    return "idle server, ends normally";
  return who.empty() ? nobody_left(model, b) : join(who, " or ");
}

void blocked_section(ReportDocument &doc, const Model &model, const Counterexample &cx, const ViolationFiles &files) {
  doc.heading("Blocked processes");
  if (cx.blocking.blocked.empty()) {
    doc.paragraph("No process is blocked when the violation happens.");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto &b : cx.blocking.blocked)
    rows.push_back({model.processes[b.proc].name, b.waits_for, blocked_sentence(model, b)});
  doc.table({"process", "blocked in", "waiting for"}, rows);
  // A deadlock shows the graph with its cycle; other violations show it here.
  if (cx.kind != PropertyKind::deadlock && !files.wait_for_svg.empty())
    doc.figure(files.wait_for, files.wait_for_svg, "wait-for graph of the last state (" + dot_of(files.wait_for) + ")");
}

void cycle_section(ReportDocument &doc, const Counterexample &cx, const ViolationFiles &files) {
  if (cx.kind != PropertyKind::deadlock || !cx.wait_for)
    return;
  const WaitForGraph &g = *cx.wait_for;
  WaitForCycle c = find_wait_for_cycle(g);
  auto names = [&](const std::vector<std::size_t> &nodes) {
    std::vector<std::string> out;
    for (std::size_t n : nodes)
      out.push_back(g.nodes[n].process);
    return out;
  };
  doc.heading("Wait-for cycle");
  if (c.cycle.empty()) {
    doc.paragraph("No cycle: the deadlocked processes wait for processes that have ended.");
  } else {
    std::vector<std::string> ring = names(c.cycle);
    ring.push_back(ring.front());
    doc.paragraph("Each waits for the next: " + join(ring, " → ") + ".");
  }
  if (!c.knot.empty())
    doc.paragraph("Also in the same knot: " + join(names(c.knot), ", ") + ".");
  doc.paragraph(c.behind.empty() ? "No other process is stuck behind it."
                                 : "Stuck behind it: " + join(names(c.behind), ", ") + ".");
  if (!files.wait_for_svg.empty())
    doc.figure(files.wait_for, files.wait_for_svg, "wait-for graph of the last state (" + dot_of(files.wait_for) + ")");
}

void schedule_section(ReportDocument &doc, const Model &model, const Counterexample &cx, const ViolationFiles &files) {
  doc.heading(fmt::format("Schedule ({} {})", cx.steps.size(), cx.steps.size() == 1 ? "step" : "steps"));
  std::vector<std::string> items;
  for (const auto &s : cx.steps)
    items.push_back(fmt::format("{}: {} ({}:{})", s.proc, s.action, model.scenario.file, s.line));
  if (items.empty())
    doc.paragraph("The initial state already shows it.");
  else
    doc.numbered(items);
  if (!files.msc_svg.empty())
    doc.figure(files.msc, files.msc_svg, "message sequence chart of the schedule (" + dot_of(files.msc) + ")");
  if (!files.trace.empty())
    doc.link(files.trace, "the schedule as a trace (" + files.trace + "), to replay with ipcsim run --replay");
  if (!files.timeline.empty())
    doc.link(files.timeline, "the schedule as a timeline (" + files.timeline +
                                 ", one step per microsecond), to open in ui.perfetto.dev or chrome://tracing");
}

constexpr const char *performance_file = "performance.json";

void statistics_section(ReportDocument &doc, const CheckResult &r) {
  doc.heading("Verdicts");
  std::vector<std::vector<std::string>> verdicts;
  for (const auto &v : r.verdicts)
    verdicts.push_back({std::string(to_string(v.kind)), std::string(to_string(v.verdict))});
  doc.table({"property", "verdict"}, verdicts);
  doc.heading("Statistics");
  std::string search =
      r.search + (is_limit(r.stop) ? ", stopped at " + r.limit : ", " + std::string(to_string(r.stop)));
  std::vector<std::vector<std::string>> rows;
  auto row = [&](std::string name, std::string value) { rows.push_back({std::move(name), std::move(value)}); };
  row("search", search);
  row("states", std::to_string(r.statistics.states));
  row("transitions", std::to_string(r.statistics.transitions));
  row("max depth", std::to_string(r.statistics.max_depth));
  doc.table({"measure", "value"}, rows);
  // The tool's own timings vary from run to run: they are kept in a file of their own, so that two reports of
  // the same check are the same bytes.
  doc.link(performance_file, std::string("the timings of this run (") + performance_file +
                                 ": seconds, cpu seconds, peak memory, states per second), which vary from run to run");
}

ReportDocument build_document(const Model &model, const CheckResult &r, const std::vector<ViolationFiles> &files) {
  ReportDocument doc("ipcsim check: " + model.scenario.name);
  if (r.violations.empty()) {
    std::string what = is_limit(r.stop) ? "No violation found, but the search stopped at " + r.limit +
                                              " before every state was explored."
                                        : "Every property holds in every reachable state.";
    doc.paragraph(what, is_limit(r.stop));
  }
  for (std::size_t k = 0; k < r.violations.size(); ++k) {
    const Counterexample &cx = r.violations[k];
    ViolationFiles shown = k < files.size() ? files[k] : ViolationFiles{};
    if (r.violations.size() > 1)
      doc.heading(fmt::format("Violation {} of {}: {}", k + 1, r.violations.size(), to_string(cx.kind)));
    doc.paragraph(cx.description, true);
    blocked_section(doc, model, cx, shown);
    cycle_section(doc, cx, shown);
    schedule_section(doc, model, cx, shown);
  }
  statistics_section(doc, r);
  return doc;
}

std::vector<std::string> process_names(const Model &model) {
  std::vector<std::string> names;
  for (const auto &p : model.processes)
    names.push_back(p.name);
  return names;
}

} // namespace

std::string counterexample_msc_dot(const Model &model, const Counterexample &cx) {
  SequenceChartOptions options;
  options.title = model.scenario.name + ": " + std::string(to_string(cx.kind)) + " counterexample";
  return sequence_chart_dot(cx.trace, process_names(model), options);
}

std::string counterexample_wait_for_dot(const Model &model, const Counterexample &cx) {
  WaitForGraph g = cx.wait_for.value_or(WaitForGraph{});
  return wait_for_dot(g, model.scenario.name + ": wait-for graph of the last state");
}

std::string check_report_markdown(const Model &model, const CheckResult &result) {
  return build_document(model, result, {}).markdown();
}

namespace {

// The files of one violation. The first keeps the names it has always had (counterexample.jsonl, msc.svg,
// waitfor.svg); every violation also gets them under its property's name (counterexample-deadlock.jsonl).
struct FileNames {
  std::string trace, msc, wait_for;
};

FileNames file_names(const std::string &suffix) {
  return {"counterexample" + suffix + ".jsonl", "msc" + suffix + ".svg", "waitfor" + suffix + ".svg"};
}

std::string trace_text(const Counterexample &cx) {
  std::string trace;
  for (const auto &e : cx.trace)
    trace += to_jsonl(e) + "\n";
  return trace;
}

void write_files(const std::filesystem::path &root, const FileNames &names, const std::string &trace,
                 const std::string &msc, const std::string &wait_for, const ViolationFiles &drawn) {
  write_output_file(root / names.trace, trace);
  write_output_file(root / dot_of(names.msc), msc);
  write_output_file(root / names.msc, drawn.msc_svg);
  write_output_file(root / dot_of(names.wait_for), wait_for);
  write_output_file(root / names.wait_for, drawn.wait_for_svg);
}

constexpr const char *timeline_file = "timeline.json";

// Files of an earlier violation must not outlive it.
void remove_stale_files(const std::filesystem::path &root) {
  std::vector<std::string> suffixes{""};
  for (std::size_t k = 0; k < property_kind_count; ++k)
    suffixes.push_back("-" + std::string(to_string(static_cast<PropertyKind>(k))));
  std::error_code ignored;
  std::filesystem::remove(root / timeline_file, ignored);
  for (const auto &suffix : suffixes) {
    FileNames names = file_names(suffix);
    for (const auto &file : {names.trace, names.msc, dot_of(names.msc), names.wait_for, dot_of(names.wait_for)})
      std::filesystem::remove(root / file, ignored);
  }
}

} // namespace

void write_check_report(const std::string &dir, const Model &model, const CheckResult &result) {
  prepare_output_directory(dir, "--report");
  std::filesystem::path root(dir);
  remove_stale_files(root);
  std::vector<ViolationFiles> files;
  for (const Counterexample &cx : result.violations) {
    std::string trace = trace_text(cx);
    std::string msc = counterexample_msc_dot(model, cx);
    std::string wait_for = counterexample_wait_for_dot(model, cx);
    FileNames named = file_names(files.empty() ? "" : "-" + std::string(to_string(cx.kind)));
    ViolationFiles drawn{named.trace, named.msc, render_svg(msc), named.wait_for, render_svg(wait_for)};
    write_files(root, file_names("-" + std::string(to_string(cx.kind))), trace, msc, wait_for, drawn);
    if (files.empty()) {
      write_files(root, file_names(""), trace, msc, wait_for, drawn);
      write_output_file(root / timeline_file, timeline_text(counterexample_timeline(model, cx)));
      drawn.timeline = timeline_file;
    }
    files.push_back(std::move(drawn));
  }
  ReportDocument doc = build_document(model, result, files);
  write_output_file(root / "report.md", doc.markdown());
  write_output_file(root / "report.html", doc.html());
  write_output_file(root / "report.json", check_result_json(model, result).dump(2) + "\n");
  write_output_file(root / performance_file, check_performance_json(result).dump(2) + "\n");
}

} // namespace ipcsim
