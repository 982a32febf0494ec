// The written report of a sweep: the command that made it, the table of variants, the plots and a link to
// the CSV, built once and rendered as results.md and as the self-contained index.html (SVGs inline).
#pragma once

#include "reports/comparison_table.hpp"
#include "reports/report_document.hpp"

#include <string>
#include <vector>

namespace ipcsim {

struct ComparisonFigure {
  std::string file; // "throughput.svg", beside the report
  std::string svg;  // its content, inlined in the HTML
  std::string caption;
};

struct ComparisonReport {
  std::string scenario;     // the scenario's name
  std::string command_line; // the compare command, without what does not change the results (--jobs, --out)
  std::size_t seeds = 1;
  TextTable table; // comparison_summary()
  std::vector<ComparisonFigure> figures;
};

ReportDocument comparison_document(const ComparisonReport &report);

} // namespace ipcsim
