// The plots of a sweep, drawn by gnuplot: one SVG per key metric (comparison_table.hpp), the values of the
// first varied path along x in the order given, one line per combination of the other varied values, error
// bars of the 95% interval when there are several seeds. This file writes gnuplot's input (data files and one
// script); the caller runs `gnuplot plots.gnuplot` in the output directory, so no path reaches the pictures.
#pragma once

#include "reports/comparison_table.hpp"

#include <string>
#include <vector>

namespace ipcsim {

struct ComparisonPlot {
  std::string svg;       // "throughput.svg", written by the script
  std::string data;      // "throughput.dat": file name
  std::string data_text; // its content
  std::string caption;   // "throughput (msg/s) by channels.jobs.capacity"
};

struct ComparisonPlots {
  std::string script_file = "plots.gnuplot";
  std::string script;                // draws every plot; run by gnuplot in the directory that holds the data files
  std::vector<ComparisonPlot> plots; // metrics no run measured are left out
};

ComparisonPlots comparison_plots(const Comparison &comparison);

// The SVG as the page inlines it: gnuplot's output with every id (and every reference to one) starting
// with `prefix` and a dash, so that the page's plots share none, and with anything that could differ
// between runs removed (gnuplot 5.4 writes no date or path, so today this only drops trailing blank lines).
std::string clean_plot_svg(const std::string &svg, const std::string &prefix);

} // namespace ipcsim
