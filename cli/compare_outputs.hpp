// What `ipcsim compare` writes besides the raw runs: results.csv, results.md, one SVG plot per key metric
// (drawn by gnuplot, run as a child process) and index.html, all made from the plan and the records only, so
// that a merged sweep writes the same bytes as an unsharded one.
#pragma once

#include "cli/sweep_files.hpp"

#include <filesystem>
#include <string>

namespace ipcsim {

// Writes the outputs into `dir` (named `shown_dir` in messages) and returns what compare prints on stdout: the
// Markdown table and the list of files written.
std::string write_comparison(const std::filesystem::path &dir, const std::string &shown_dir, const SweepPlan &plan,
                             const SweepRecords &records);

// 1 when any run violated a property it watches (as `run` would exit) or any check found a violation, else 3 when a check stopped at a
// limit (--check-max-states ...), else 0.
int sweep_status(const SweepRecords &records);

} // namespace ipcsim
