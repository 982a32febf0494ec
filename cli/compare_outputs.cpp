#include "cli/compare_outputs.hpp"

#include "cli/child_runs.hpp"
#include "cli/exit_codes.hpp"
#include "reports/comparison_page.hpp"
#include "reports/comparison_plots.hpp"
#include "reports/comparison_table.hpp"
#include "reports/output_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace ipcsim {
namespace {

namespace fs = std::filesystem;

Comparison comparison_of(const SweepPlan &plan, const SweepRecords &records) {
  Comparison c;
  for (const auto &vary : plan.varies)
    c.varied.push_back(vary.target);
  c.checked = plan.check;
  for (std::size_t k = 0; k < plan.variant_count(); ++k)
    c.variants.push_back({plan.values_of(k), {}, ""});
  for (const RunRecord &r : records.runs)
    c.variants.at(r.variant).runs.push_back({r.seed, r.summary});
  for (const CheckRecord &check : records.checks)
    c.variants.at(check.variant).verdict = check.check.value("outcome", std::string());
  return c;
}

std::string read_text(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Draws the plots with gnuplot in `dir`; returns the figures that it drew. Plots are a convenience: without
// gnuplot, or when it fails, the sweep's numbers are still all written, with a warning.
std::vector<ComparisonFigure> draw_plots(const fs::path &dir, const Comparison &comparison) {
  ComparisonPlots plots = comparison_plots(comparison);
  for (const KeyMetric &metric : key_metrics()) { // no stale picture from an earlier sweep in this directory
    std::error_code ignored;
    fs::remove(dir / (metric.name + ".svg"), ignored);
  }
  if (plots.plots.empty())
    return {};
  std::optional<std::string> gnuplot = find_program("gnuplot");
  if (!gnuplot) {
    std::cerr << "ipcsim: warning: gnuplot not found: no plots\n";
    return {};
  }
  for (const auto &plot : plots.plots)
    write_output_file(dir / plot.data, plot.data_text);
  write_output_file(dir / plots.script_file, plots.script);
  ChildOutcome run = run_child({*gnuplot, {"gnuplot", plots.script_file}, dir.string()});
  if (!run.exited() || run.exit_status != 0) {
    std::cerr << "ipcsim: warning: gnuplot failed (" << run.failure() << "): no plots\n" << run.err;
    return {};
  }
  std::vector<ComparisonFigure> figures;
  for (const auto &plot : plots.plots)
    if (fs::exists(dir / plot.svg))
      figures.push_back(
          {plot.svg, clean_plot_svg(read_text(dir / plot.svg), fs::path(plot.svg).stem().string()), plot.caption});
  return figures;
}

} // namespace

std::string write_comparison(const fs::path &dir, const std::string &shown_dir, const SweepPlan &plan,
                             const SweepRecords &records) {
  Comparison comparison = comparison_of(plan, records);
  write_output_file(dir / "results.csv", comparison_csv(comparison));
  ComparisonReport report{plan.name, plan.command_line(), plan.seeds, comparison_summary(comparison), {}};
  report.figures = draw_plots(dir, comparison);
  for (const auto &figure : report.figures) // the SVG as inlined, so the file and the page agree
    write_output_file(dir / figure.file, figure.svg);
  ReportDocument document = comparison_document(report);
  write_output_file(dir / "results.md", document.markdown());
  write_output_file(dir / "index.html", document.html());
  std::size_t n = report.figures.size();
  return markdown_table(report.table.header, report.table.rows) +
         fmt::format("\nwrote {0}/results.csv, {0}/results.md, {0}/index.html and {1} {2}\n", shown_dir, n,
                     n == 1 ? "plot" : "plots");
}

int sweep_status(const SweepRecords &records) {
  for (const RunRecord &r : records.runs) {
    // As `run` exits: 1 when the run watched any property break (a deadlock and an invalid operation among them).
    auto violations = r.summary.find("violations");
    if (r.summary.value("outcome", std::string()) == "deadlock" ||
        (violations != r.summary.end() && !violations->empty()))
      return exit_code::violation;
  }
  bool incomplete = false;
  for (const CheckRecord &c : records.checks) {
    std::string outcome = c.check.value("outcome", std::string());
    if (outcome == "violated")
      return exit_code::violation;
    incomplete = incomplete || outcome == "incomplete";
  }
  return incomplete ? exit_code::incomplete : exit_code::ok;
}

} // namespace ipcsim
