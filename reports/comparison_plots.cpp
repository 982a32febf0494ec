#include "reports/comparison_plots.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>

namespace ipcsim {
namespace {

// Where each variant goes: its x position (index of its first value among the first path's values) and its
// line (index of the combination of its other values). The first path varies slowest, so both orders are
// orders of first appearance.
struct Layout {
  std::vector<std::string> x_labels;
  std::vector<std::string> series_titles;   // "path=value, path=value"; one empty title when nothing else varies
  std::vector<std::size_t> x_of, series_of; // by variant
};

std::size_t index_of(std::vector<std::string> &list, const std::string &item) {
  auto it = std::find(list.begin(), list.end(), item);
  if (it != list.end())
    return static_cast<std::size_t>(it - list.begin());
  list.push_back(item);
  return list.size() - 1;
}

Layout layout_of(const Comparison &c) {
  Layout layout;
  for (const auto &variant : c.variants) {
    std::string title;
    for (std::size_t p = 1; p < variant.values.size() && p < c.varied.size(); ++p)
      title += (p > 1 ? ", " : "") + c.varied[p] + "=" + variant.values[p];
    layout.x_of.push_back(index_of(layout.x_labels, variant.values.empty() ? "" : variant.values[0]));
    layout.series_of.push_back(index_of(layout.series_titles, title));
  }
  return layout;
}

// A unit for the axis, chosen so that the largest value reads >= 1 in it.
struct AxisUnit {
  double scale;
  const char *name;
};

AxisUnit axis_unit(KeyMetric::Unit unit, double largest) {
  static constexpr std::array<AxisUnit, 4> seconds{{{1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}}};
  static constexpr std::array<AxisUnit, 4> rates{{{1e9, "G msg/s"}, {1e6, "M msg/s"}, {1e3, "k msg/s"}, {1, "msg/s"}}};
  static constexpr std::array<AxisUnit, 4> bytes{{{1ull << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}, {1, "B"}}};
  const auto &units = unit == KeyMetric::Unit::seconds ? seconds : unit == KeyMetric::Unit::bytes ? bytes : rates;
  if (largest == 0) // all zero: the plain unit
    return *std::find_if(units.begin(), units.end(), [](const AxisUnit &u) { return u.scale == 1; });
  for (const AxisUnit &u : units)
    if (largest >= u.scale)
      return u;
  return units.back();
}

// A gnuplot string literal: single quotes take everything literally except a doubled quote.
std::string quoted(const std::string &text) {
  std::string out = "'";
  for (char ch : text)
    out += ch == '\'' ? std::string("''") : ch == '\n' ? std::string(" ") : std::string(1, ch);
  return out + "'";
}

struct Point {
  std::optional<double> mean, ci95;
};

// The data file: one block per line of the plot (separated by two blank lines, gnuplot's `index`), one row
// per x position: x, mean, ci95 ("?" when missing).
std::string data_text(const Comparison &c, const Layout &layout, const std::vector<SeedStatistics> &stats, double scale,
                      bool error_bars) {
  std::vector<std::vector<Point>> grid(layout.series_titles.size(), std::vector<Point>(layout.x_labels.size()));
  for (std::size_t k = 0; k < stats.size(); ++k)
    grid[layout.series_of[k]][layout.x_of[k]] = {stats[k].mean, stats[k].ci95};
  std::string out = fmt::format("# x (index of the {} value), mean, half-width of the 95% interval\n",
                                c.varied.empty() ? "variant" : c.varied[0]);
  for (std::size_t s = 0; s < grid.size(); ++s) {
    out += s ? "\n\n" : "";
    out += "# " + (layout.series_titles[s].empty() ? std::string("all variants") : layout.series_titles[s]) + "\n";
    for (std::size_t x = 0; x < grid[s].size(); ++x) {
      const Point &p = grid[s][x];
      std::string mean = p.mean ? format_number(*p.mean / scale) : "?";
      std::string ci = p.ci95 ? format_number(*p.ci95 / scale) : (p.mean && error_bars ? "0" : "?");
      out += fmt::format("{} {}", x, mean) + (error_bars ? " " + ci : "") + "\n";
    }
  }
  return out;
}

std::string plot_commands(const Comparison &c, const Layout &layout, const ComparisonPlot &plot,
                          const KeyMetric &metric, const AxisUnit &unit, bool error_bars) {
  std::string out = "\nset output " + quoted(plot.svg) + "\n";
  out += "set title " + quoted(metric.label) + " noenhanced\n";
  out += "set xlabel " + quoted(c.varied.empty() ? "variant" : c.varied[0]) + " noenhanced\n";
  out += "set ylabel " + quoted(unit.name) + " noenhanced\n";
  out += fmt::format("set xrange [-0.5:{}.5]\n", layout.x_labels.size() - 1);
  std::string tics;
  for (std::size_t x = 0; x < layout.x_labels.size(); ++x)
    tics += fmt::format("{}{} {}", x ? ", " : "", quoted(layout.x_labels[x]), x);
  out += "set xtics noenhanced (" + tics + ")\n";
  bool legend = layout.series_titles.size() > 1 || !layout.series_titles.front().empty();
  out += legend ? "set key outside bottom center horizontal noenhanced\n" : "set key off\n";
  out += "plot ";
  for (std::size_t s = 0; s < layout.series_titles.size(); ++s)
    out += fmt::format("{}{} index {} using {} with {} {}", s ? ", \\\n     " : "", s ? "''" : quoted(plot.data), s,
                       error_bars ? "1:2:3" : "1:2", error_bars ? "yerrorlines pt 7" : "linespoints pt 7",
                       legend ? "title " + quoted(layout.series_titles[s]) + " noenhanced" : "notitle");
  return out + "\n";
}

} // namespace

ComparisonPlots comparison_plots(const Comparison &c) {
  ComparisonPlots result;
  if (c.variants.empty())
    return result;
  Layout layout = layout_of(c);
  bool error_bars = std::any_of(c.variants.begin(), c.variants.end(), [](const auto &v) { return v.runs.size() > 1; });
  result.script = "# Written by ipcsim compare; `gnuplot plots.gnuplot` in this directory redraws the plots.\n"
                  "set terminal svg size 720,420 dynamic enhanced font \"sans,11\"\n"
                  "set datafile missing '?'\n"
                  "set grid ytics\n"
                  "set yrange [0:*]\n"
                  "set pointsize 0.8\n";
  for (const KeyMetric &metric : key_metrics()) {
    std::vector<SeedStatistics> stats;
    double largest = 0;
    bool any = false;
    for (const auto &variant : c.variants) {
      stats.push_back(seed_statistics(metric_samples(variant, metric.column)));
      if (stats.back().mean) {
        any = true;
        largest = std::max(largest, std::fabs(*stats.back().mean));
      }
    }
    if (!any)
      continue; // gnuplot refuses a plot with no point; the metric is not in these summaries
    AxisUnit unit = axis_unit(metric.unit, largest);
    ComparisonPlot plot{metric.name + ".svg", metric.name + ".dat", data_text(c, layout, stats, unit.scale, error_bars),
                        metric.label + " (" + unit.name + ") by " + (c.varied.empty() ? "variant" : c.varied[0])};
    result.script += plot_commands(c, layout, plot, metric, unit, error_bars);
    result.plots.push_back(std::move(plot));
  }
  result.script += "\nunset output\n";
  return result;
}

std::string clean_plot_svg(const std::string &svg, const std::string &prefix) {
  // gnuplot names the same ids in every plot (gnuplot_canvas, gpPt0, ...), and ids must be unique in a page:
  // a reference to a repeated id may draw another plot's element.
  static const std::regex named(R"((\bid=|href=|url\()(['"]?)#?)");
  std::string out;
  auto rest = svg.cbegin();
  for (std::sregex_iterator it(svg.begin(), svg.end(), named), end; it != end; ++it) {
    const std::smatch &m = *it;
    out.append(rest, m[0].first);
    bool reference = m[0].str().back() == '#';
    bool id = m[1].str() == "id=";
    out += m[0].str();
    if (id || reference)
      out += prefix + "-";
    rest = m[0].second;
  }
  out.append(rest, svg.cend());
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out + "\n";
}

} // namespace ipcsim
