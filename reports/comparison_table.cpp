#include "reports/comparison_table.hpp"

#include "reports/number_format.hpp"
#include "reports/output_numbers.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace ipcsim {
namespace {

using json = nlohmann::ordered_json;

// Beyond this many channels (or processes) their columns would drown the totals; the raw runs.jsonl keeps them.
constexpr std::size_t max_named_groups = 16;

// The number at `keys` inside `j`, or null when any step is missing or not a number (e.g. "latency": null).
const json *number_at(const json &j, const std::vector<std::string_view> &keys) {
  const json *node = &j;
  for (std::string_view key : keys) {
    if (!node || !node->is_object())
      return nullptr;
    auto it = node->find(std::string(key));
    node = it == node->end() ? nullptr : &*it;
  }
  return node && node->is_number() ? node : nullptr;
}

// The element of summary[list] whose "name" is `name`.
const json *named(const json &summary, const char *list, const std::string &name) {
  auto it = summary.find(list);
  if (it == summary.end() || !it->is_array())
    return nullptr;
  for (const json &item : *it)
    if (auto key = item.is_object() ? item.find("name") : item.end(); key != item.end() && *key == name)
      return &item;
  return nullptr;
}

MetricColumn at(std::string name, std::initializer_list<std::string_view> keys) {
  return {std::move(name), [path = std::vector<std::string_view>(keys)](const json &summary) -> const json * {
            return number_at(summary, path);
          }};
}

bool any_run_has(const Comparison &comparison, std::initializer_list<std::string_view> keys) {
  std::vector<std::string_view> path(keys);
  for (const auto &variant : comparison.variants)
    for (const auto &run : variant.runs)
      if (number_at(run.summary, path))
        return true;
  return false;
}

MetricColumn in_named(const char *list, const std::string &item, const std::string &suffix,
                      std::initializer_list<std::string_view> keys) {
  return {item + "." + suffix,
          [list, item, path = std::vector<std::string_view>(keys)](const json &summary) -> const json * {
            const json *element = named(summary, list, item);
            return element ? number_at(*element, path) : nullptr;
          }};
}

// The names in summary[list] across every run, in order of first appearance.
std::vector<std::string> names_in(const Comparison &comparison, const char *list) {
  std::vector<std::string> names;
  for (const auto &variant : comparison.variants)
    for (const auto &run : variant.runs) {
      auto it = run.summary.find(list);
      if (it == run.summary.end() || !it->is_array())
        continue;
      for (const json &item : *it)
        if (item.is_object() && item.contains("name") && item["name"].is_string()) {
          std::string name = item["name"].get<std::string>();
          if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
        }
    }
  return names;
}

std::string outcome_of(const json &summary) {
  auto it = summary.find("outcome");
  return it != summary.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string csv_line(const std::vector<std::string> &cells) {
  std::string line;
  for (std::size_t k = 0; k < cells.size(); ++k)
    line += (k ? "," : "") + csv_field(cells[k]);
  return line + "\n";
}

// The cells every row starts with: variant, the varied values, seed (or mean/ci95), outcome, verdict.
std::vector<std::string> row_start(const Comparison &c, std::size_t k, std::string seed, std::string outcome) {
  std::vector<std::string> cells{std::to_string(k)};
  cells.insert(cells.end(), c.variants[k].values.begin(), c.variants[k].values.end());
  cells.push_back(std::move(seed));
  cells.push_back(std::move(outcome));
  if (c.checked)
    cells.push_back(c.variants[k].verdict);
  return cells;
}

std::string optional_number(const std::optional<double> &value) {
  return value ? format_number(*value) : "";
}

std::string mean_and_interval(const SeedStatistics &s, KeyMetric::Unit unit) {
  if (!s.mean)
    return "-";
  std::string text = human_metric(*s.mean, unit);
  if (s.ci95)
    text += " ± " + human_metric(*s.ci95, unit);
  return text;
}

} // namespace

SeedStatistics seed_statistics(const std::vector<double> &samples) {
  SeedStatistics s;
  if (samples.empty())
    return s;
  double n = static_cast<double>(samples.size());
  double sum = 0;
  for (double x : samples)
    sum += x;
  s.mean = sum / n;
  if (samples.size() < 2)
    return s;
  double squares = 0;
  for (double x : samples)
    squares += (x - *s.mean) * (x - *s.mean);
  double deviation = std::sqrt(squares / (n - 1));
  boost::math::students_t distribution(n - 1);
  s.ci95 = boost::math::quantile(distribution, 0.975) * deviation / std::sqrt(n);
  return s;
}

std::vector<MetricColumn> comparison_columns(const Comparison &comparison) {
  std::vector<MetricColumn> columns{at("end_time", {"end_time"}), at("messages", {"totals", "messages"}),
                                    at("throughput", {"totals", "throughput"})};
  for (const char *p : {"mean", "p50", "p95", "p99", "max"})
    columns.push_back(at(std::string("latency_") + p, {"totals", "latency", p}));
  for (const char *name : {"busy", "blocked_send", "blocked_receive", "idle", "memory_reserved", "bytes_copied",
                           "context_switches", "failed", "lost", "peak_occupancy_messages", "peak_occupancy_bytes"})
    columns.push_back(at(name, {"totals", name}));
  for (const char *name : {"lost_to_faults", "duplicated"}) // present when the scenario has faults
    if (any_run_has(comparison, {"totals", name}))
      columns.push_back(at(name, {"totals", name}));
  if (auto channels = names_in(comparison, "channels"); channels.size() <= max_named_groups)
    for (const auto &c : channels) {
      columns.push_back(in_named("channels", c, "throughput", {"throughput"}));
      columns.push_back(in_named("channels", c, "latency_p99", {"latency", "p99"}));
      columns.push_back(in_named("channels", c, "mean_occupancy_messages", {"occupancy", "mean_messages"}));
      columns.push_back(in_named("channels", c, "peak_occupancy_messages", {"occupancy", "peak_messages"}));
    }
  if (auto processes = names_in(comparison, "processes"); processes.size() <= max_named_groups)
    for (const auto &p : processes) {
      columns.push_back(in_named("processes", p, "blocked_send", {"blocked_send"}));
      columns.push_back(in_named("processes", p, "blocked_receive", {"blocked_receive"}));
    }
  return columns;
}

const std::vector<KeyMetric> &key_metrics() {
  using Unit = KeyMetric::Unit;
  static const std::vector<KeyMetric> metrics{
      {"throughput", "throughput", Unit::per_second, at("throughput", {"totals", "throughput"})},
      {"latency_p50", "latency p50", Unit::seconds, at("latency_p50", {"totals", "latency", "p50"})},
      {"latency_p99", "latency p99", Unit::seconds, at("latency_p99", {"totals", "latency", "p99"})},
      {"blocked_send", "blocked in send", Unit::seconds, at("blocked_send", {"totals", "blocked_send"})},
      {"memory_reserved", "memory reserved", Unit::bytes, at("memory_reserved", {"totals", "memory_reserved"})},
      {"end_time", "end time", Unit::seconds, at("end_time", {"end_time"})}};
  return metrics;
}

std::vector<double> metric_samples(const ComparisonVariant &variant, const MetricColumn &column) {
  std::vector<double> samples;
  for (const auto &run : variant.runs)
    if (const json *value = column.find(run.summary))
      samples.push_back(value->get<double>());
  return samples;
}

std::string outcome_summary(const ComparisonVariant &variant) {
  if (variant.runs.empty()) // a sweep interrupted before it
    return "not run";
  std::vector<std::pair<std::string, int>> counts;
  for (const auto &run : variant.runs) {
    std::string outcome = outcome_of(run.summary);
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto &c) { return c.first == outcome; });
    if (it == counts.end())
      counts.emplace_back(outcome, 1);
    else
      ++it->second;
  }
  if (counts.size() == 1)
    return counts.front().first;
  std::string text;
  for (const auto &[outcome, n] : counts)
    text += fmt::format("{}{} ({})", text.empty() ? "" : "; ", outcome, n);
  return text;
}

std::string comparison_csv(const Comparison &c) {
  std::vector<MetricColumn> columns = comparison_columns(c);
  std::vector<std::string> header{"variant"};
  header.insert(header.end(), c.varied.begin(), c.varied.end());
  header.insert(header.end(), {"seed", "outcome"});
  if (c.checked)
    header.push_back("verdict");
  for (const auto &column : columns)
    header.push_back(column.name);
  std::string out = csv_line(header);
  for (std::size_t k = 0; k < c.variants.size(); ++k)
    for (const auto &run : c.variants[k].runs) {
      auto cells = row_start(c, k, std::to_string(run.seed), outcome_of(run.summary));
      for (const auto &column : columns) {
        const json *value = column.find(run.summary);
        cells.push_back(value ? format_json_number(*value) : "");
      }
      out += csv_line(cells);
    }
  for (std::size_t k = 0; k < c.variants.size(); ++k) {
    std::string outcomes = outcome_summary(c.variants[k]);
    auto mean = row_start(c, k, "mean", outcomes);
    auto ci95 = row_start(c, k, "ci95", outcomes);
    for (const auto &column : columns) {
      SeedStatistics s = seed_statistics(metric_samples(c.variants[k], column));
      mean.push_back(optional_number(s.mean));
      ci95.push_back(optional_number(s.ci95));
    }
    out += csv_line(mean) + csv_line(ci95);
  }
  return out;
}

TextTable comparison_summary(const Comparison &c) {
  TextTable table;
  table.header.push_back("variant");
  table.header.insert(table.header.end(), c.varied.begin(), c.varied.end());
  table.header.push_back("outcome");
  if (c.checked)
    table.header.push_back("verdict");
  for (const auto &metric : key_metrics())
    table.header.push_back(metric.label);
  for (std::size_t k = 0; k < c.variants.size(); ++k) {
    const ComparisonVariant &variant = c.variants[k];
    std::vector<std::string> row{std::to_string(k)};
    row.insert(row.end(), variant.values.begin(), variant.values.end());
    row.push_back(outcome_summary(variant));
    if (c.checked)
      row.push_back(variant.verdict);
    for (const auto &metric : key_metrics())
      row.push_back(mean_and_interval(seed_statistics(metric_samples(variant, metric.column)), metric.unit));
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos)
    return text;
  std::string out = "\"";
  for (char ch : text)
    out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string format_number(double value) {
  return fmt::format("{}", output_number(value));
}

std::string format_json_number(const json &number) {
  if (number.is_number_unsigned())
    return std::to_string(number.get<std::uint64_t>());
  if (number.is_number_integer())
    return std::to_string(number.get<std::int64_t>());
  return format_number(number.get<double>());
}

std::string human_metric(double value, KeyMetric::Unit unit) {
  switch (unit) {
  case KeyMetric::Unit::seconds:
    return human_duration(value);
  case KeyMetric::Unit::per_second:
    return human_rate(value) + " msg/s";
  case KeyMetric::Unit::bytes:
    return human_size(static_cast<std::uint64_t>(std::llround(std::max(0.0, value))));
  }
  return format_number(value);
}

} // namespace ipcsim
