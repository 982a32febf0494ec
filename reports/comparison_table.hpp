// The numbers of a sweep (`ipcsim compare`): the run summaries of every variant and seed (the JSON of
// `ipcsim run --json`) turned into one table, with the mean and the 95% interval across seeds, written as CSV
// for programs and as a Markdown table for people. Fields missing from a summary are absent cells, never
// errors, so the table works with summaries from older builds.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ipcsim {

// One variant of a sweep and what its runs measured.
struct ComparisonVariant {
  std::vector<std::string> values; // one per varied path, the text given on the command line
  struct Run {
    std::uint64_t seed = 0;
    nlohmann::ordered_json summary; // as `ipcsim run --json` prints it
  };
  std::vector<Run> runs; // in seed order
  std::string verdict;   // the outcome of `ipcsim check` ("holds", "violated", ...); empty without --check
};

struct Comparison {
  std::vector<std::string> varied; // the varied paths, first one varying slowest
  bool checked = false;            // a verdict column is shown
  std::vector<ComparisonVariant> variants;
};

// Mean and half-width of the 95% Student-t interval of a sample; the interval needs two values or more.
struct SeedStatistics {
  std::optional<double> mean;
  std::optional<double> ci95;
};
SeedStatistics seed_statistics(const std::vector<double> &samples);

// A metric read from a run summary: its name and the number it finds (null when the summary has none).
struct MetricColumn {
  std::string name;
  std::function<const nlohmann::ordered_json *(const nlohmann::ordered_json &summary)> find;
};

// The metric columns of results.csv: the totals, then per channel and per process (each group left out when
// the sweep has more than 16 channels or processes), names in order of first appearance.
std::vector<MetricColumn> comparison_columns(const Comparison &comparison);

// The few metrics a person compares first, shown in results.md and plotted; `unit` tells how to print them.
struct KeyMetric {
  enum class Unit { seconds, per_second, bytes };
  std::string name;  // "throughput", also the plot's file name
  std::string label; // "throughput (messages/s)"... without the unit: "throughput"
  Unit unit;
  MetricColumn column;
};
const std::vector<KeyMetric> &key_metrics();

// The values one metric took across the seeds of a variant (runs without it are skipped).
std::vector<double> metric_samples(const ComparisonVariant &variant, const MetricColumn &column);

// "completed", or when the seeds disagree "completed (3); deadlock (1)"; "not run" without runs.
std::string outcome_summary(const ComparisonVariant &variant);

// results.csv: one row per variant and seed, then a `mean` and a `ci95` row per variant (RFC 4180 quoting,
// numbers with round-trip precision).
std::string comparison_csv(const Comparison &comparison);

// One row per variant: the varied values, outcomes, verdict, and the key metrics as "mean ± ci95".
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
TextTable comparison_summary(const Comparison &comparison);

// Helpers shared with the tests and the other writers.
std::string csv_field(const std::string &text);
std::string format_number(double value); // the shortest text of its output_number (15 significant digits)
std::string format_json_number(const nlohmann::ordered_json &number); // integers as integers
std::string human_metric(double value, KeyMetric::Unit unit);

} // namespace ipcsim
