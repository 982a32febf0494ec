#include "reports/comparison_page.hpp"

#include <fmt/format.h>

namespace ipcsim {

namespace {

std::string count(std::size_t n, const char *one, const char *many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

} // namespace

ReportDocument comparison_document(const ComparisonReport &report) {
  ReportDocument doc("ipcsim compare " + report.scenario);
  doc.paragraph(report.command_line);
  std::size_t variants = report.table.rows.size();
  doc.paragraph(report.seeds > 1
                    ? fmt::format("{}, {} seeds each: each value is the mean across seeds ± the half-width of its "
                                  "95% confidence interval (Student's t).",
                                  count(variants, "variant", "variants"), report.seeds)
                    : fmt::format("{}, one seed each.", count(variants, "variant", "variants")));
  doc.table(report.table.header, report.table.rows);
  for (const auto &figure : report.figures)
    doc.figure(figure.file, figure.svg, figure.caption);
  doc.link("results.csv", "Every run and metric: results.csv");
  return doc;
}

} // namespace ipcsim
