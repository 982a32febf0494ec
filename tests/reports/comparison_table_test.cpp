// The table of a sweep (`ipcsim compare`): seed statistics against hand-computed values, CSV quoting and
// columns, the Markdown summary, the gnuplot input and the page, all from run summaries written as JSON
// literals in the schema of `ipcsim run --json`.
#include "reports/comparison_page.hpp"
#include "reports/comparison_plots.hpp"
#include "reports/comparison_table.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace ipcsim;
using json = nlohmann::ordered_json;

namespace {

// A run summary in the final schema, with the numbers that the tests look at as parameters.
json summary(const std::string &outcome, double end_time, double throughput, double p50, double blocked_send,
             std::uint64_t reserved) {
  return json::parse(R"({
    "scenario": "demo", "seed": 0, "outcome": ")" +
                     outcome + R"(", "end_time": )" + std::to_string(end_time) +
                     R"(, "events": 10,
    "totals": {"messages": 8, "bytes": 512, "throughput": )" +
                     std::to_string(throughput) + R"(, "latency": {"mean": 1e-5, "p50": )" + std::to_string(p50) +
                     R"(, "p95": 2e-5, "p99": 3e-5,
               "max": 4e-5}, "busy": 0.5, "blocked_send": )" +
                     std::to_string(blocked_send) + R"(, "blocked_receive": 0, "idle": 0, "memory_reserved": )" +
                     std::to_string(reserved) +
                     R"(, "bytes_copied": 512, "context_switches": 7, "failed": 0, "lost": 0,
               "peak_occupancy_messages": 3, "peak_occupancy_bytes": 192},
    "processes": [{"name": "producer", "busy": 0.1, "blocked_send": 0.2, "blocked_receive": 0, "idle": 0,
                   "context_switches": 3, "end": 0.3, "outcome": "ended"},
                  {"name": "consumer", "busy": 0.4, "blocked_send": 0, "blocked_receive": 0.01, "idle": 0,
                   "context_switches": 4, "end": 0.5, "outcome": "ended"}],
    "channels": [{"name": "jobs", "messages": 8, "bytes": 512, "throughput": 16, "byte_rate": 1024,
                  "latency": {"mean": 1e-5, "p50": 1e-5, "p95": 2e-5, "p99": 3e-5, "max": 4e-5},
                  "time_in_buffer": 1e-5,
                  "occupancy": {"peak_messages": 3, "mean_messages": 1.25, "peak_bytes": 192, "mean_bytes": 80},
                  "memory_reserved": 192, "bytes_copied": 512, "failed_sends": 0, "failed_receives": 0, "lost": 0,
                  "left_queued": 0}]
  })");
}

// Two capacities, two seeds each.
Comparison two_by_two() {
  Comparison c;
  c.varied = {"channels.jobs.capacity"};
  c.variants.push_back(
      {{"0"}, {{0, summary("completed", 1, 10, 1e-6, 0.25, 0)}, {1, summary("completed", 3, 20, 3e-6, 0.75, 0)}}, ""});
  c.variants.push_back(
      {{"unbounded"},
       {{0, summary("completed", 2, 30, 2e-6, 0, 1024)}, {1, summary("deadlock", 2, 30, 2e-6, 0, 1024)}},
       ""});
  return c;
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}

} // namespace

TEST_CASE("comparison: mean and ci95 of 1, 2, 3 are 2 and t(0.975, 2) / sqrt(3)", "[comparison]") {
  SeedStatistics s = seed_statistics({1, 2, 3});
  REQUIRE(s.mean);
  REQUIRE(s.ci95);
  CHECK(*s.mean == 2);
  CHECK(*s.ci95 == Approx(4.302652729749464 / std::sqrt(3.0)).epsilon(1e-12));
}

TEST_CASE("comparison: two samples use t(0.975, 1) and equal samples have no spread", "[comparison]") {
  SeedStatistics two = seed_statistics({10, 20});
  CHECK(*two.mean == 15);
  // s = sqrt(50), t = 12.706204736174698
  CHECK(*two.ci95 == Approx(12.706204736174698 * std::sqrt(50.0) / std::sqrt(2.0)).epsilon(1e-12));
  CHECK(*seed_statistics({5, 5, 5}).ci95 == 0);
}

TEST_CASE("comparison: one seed has a mean and no interval, none has neither", "[comparison]") {
  SeedStatistics one = seed_statistics({7});
  CHECK(*one.mean == 7);
  CHECK_FALSE(one.ci95);
  SeedStatistics none = seed_statistics({});
  CHECK_FALSE(none.mean);
  CHECK_FALSE(none.ci95);
}

TEST_CASE("comparison: CSV fields are quoted as RFC 4180 says, only when needed", "[comparison]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("unbounded") == "unbounded");
  CHECK(csv_field("{max: 4KiB}") == "{max: 4KiB}");
  CHECK(csv_field("[a, b]") == "\"[a, b]\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("comparison: numbers keep 15 significant digits, without arithmetic noise; integers stay integers",
          "[comparison]") {
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(2.0) == "2");
  CHECK(format_number(3.9e-05) == "3.9e-05");
  CHECK(format_number(1.0 / 3) == "0.333333333333333");
  CHECK(format_number(8 / 0.000386) == "20725.3886010363");
  CHECK(format_json_number(json(std::uint64_t{18446744073709551615u})) == "18446744073709551615");
  CHECK(format_json_number(json(-3)) == "-3");
  CHECK(format_json_number(json(0.0)) == "0");
}

TEST_CASE("comparison: the CSV has the totals, then per channel and per process columns", "[comparison]") {
  std::vector<std::string> lines = lines_of(comparison_csv(two_by_two()));
  REQUIRE(lines.size() == 1 + 4 + 4);
  CHECK(lines[0] == "variant,channels.jobs.capacity,seed,outcome,end_time,messages,throughput,latency_mean,latency_p50,"
                    "latency_p95,latency_p99,latency_max,busy,blocked_send,blocked_receive,idle,memory_reserved,"
                    "bytes_copied,context_switches,failed,lost,peak_occupancy_messages,peak_occupancy_bytes,"
                    "jobs.throughput,jobs.latency_p99,jobs.mean_occupancy_messages,jobs.peak_occupancy_messages,"
                    "producer.blocked_send,producer.blocked_receive,consumer.blocked_send,consumer.blocked_receive");
  CHECK(lines[1] == "0,0,0,completed,1,8,10,1e-05,1e-06,2e-05,3e-05,4e-05,0.5,0.25,0,0,0,512,7,0,0,3,192,16,3e-05,"
                    "1.25,3,0.2,0,0,0.01");
  CHECK(lines[4].starts_with("1,unbounded,1,deadlock,2,"));
  // Summary rows after every run row: mean, then the interval (t(0.975,1) * s / sqrt(2) with s = sqrt(2) for 1, 3).
  CHECK(lines[5].starts_with("0,0,mean,completed,2,8,15,1e-05,2e-06,"));
  std::string ci = format_number(12.706204736174698 * std::sqrt(2.0) / std::sqrt(2.0));
  CHECK(lines[6].starts_with("0,0,ci95,completed," + ci.substr(0, 8)));
  CHECK(lines[7].starts_with("1,unbounded,mean,completed (1); deadlock (1),2,8,30,"));
}

TEST_CASE("comparison: fields missing from a summary are empty cells", "[comparison]") {
  Comparison c;
  c.varied = {"param:K"};
  json old = json::parse(R"({"scenario": "demo", "seed": 4, "outcome": "completed", "end_time": 0.5, "events": 3,
                             "totals": {"messages": 2, "throughput": null, "latency": null},
                             "processes": [], "channels": []})");
  c.variants.push_back({{"1"}, {{4, old}}, ""});
  std::vector<std::string> lines = lines_of(comparison_csv(c));
  REQUIRE(lines.size() == 4);
  CHECK(lines[1] == "0,1,4,completed,0.5,2,,,,,,,,,,,,,,,,,");
  CHECK(lines[2] == "0,1,mean,completed,0.5,2,,,,,,,,,,,,,,,,,");
  CHECK(lines[3] == "0,1,ci95,completed,,,,,,,,,,,,,,,,,,,");
}

TEST_CASE("comparison: a verdict column follows the outcome with --check", "[comparison]") {
  Comparison c = two_by_two();
  c.checked = true;
  c.variants[0].verdict = "holds";
  c.variants[1].verdict = "violated";
  std::vector<std::string> lines = lines_of(comparison_csv(c));
  CHECK(lines[0].starts_with("variant,channels.jobs.capacity,seed,outcome,verdict,end_time,"));
  CHECK(lines[3].starts_with("1,unbounded,0,completed,violated,2,"));
  TextTable table = comparison_summary(c);
  CHECK(table.header[3] == "verdict");
  CHECK(table.rows[1][3] == "violated");
}

TEST_CASE("comparison: more than 16 channels or processes leave out their columns", "[comparison]") {
  json many = summary("completed", 1, 1, 1e-6, 0, 0);
  for (int k = 0; k < 16; ++k) {
    json channel = many["channels"][0];
    channel["name"] = "c" + std::to_string(k);
    many["channels"].push_back(channel);
  }
  Comparison c;
  c.varied = {"x"};
  c.variants.push_back({{"1"}, {{0, many}}, ""});
  std::string header = lines_of(comparison_csv(c))[0];
  CHECK(header.find("jobs.throughput") == std::string::npos);
  CHECK(header.find("producer.blocked_send") != std::string::npos);
}

TEST_CASE("comparison: the Markdown summary shows mean ± ci95 in human units", "[comparison]") {
  TextTable table = comparison_summary(two_by_two());
  CHECK(table.header == std::vector<std::string>{"variant", "channels.jobs.capacity", "outcome", "throughput",
                                                 "latency p50", "latency p99", "blocked in send", "memory reserved",
                                                 "end time"});
  REQUIRE(table.rows.size() == 2);
  // throughput 10, 20: mean 15, ci95 = 12.706 * sqrt(50) / sqrt(2) = 63.5; p50 1us, 3us: 2us ± 12.706us
  CHECK(table.rows[0] == std::vector<std::string>{"0", "0", "completed", "15 msg/s ± 63.5 msg/s", "2us ± 12.706us",
                                                  "30us ± 0", "500ms ± 3.177s", "0 B ± 0 B", "2s ± 12.706s"});
  CHECK(table.rows[1][2] == "completed (1); deadlock (1)");
  CHECK(table.rows[1][7] == "1 KiB ± 0 B");
  std::string md = markdown_table(table.header, table.rows);
  CHECK(md.starts_with("| variant | channels.jobs.capacity | outcome | throughput |"));
  CHECK(md.find("\n|---|---|---|") != std::string::npos);
  CHECK(md.find("| 0 | 0 | completed | 15 msg/s ± 63.5 msg/s | 2us ± 12.706us |") != std::string::npos);
  CHECK(markdown_table({"a|b"}, {{"x|y"}}) == "| a\\|b |\n|---|\n| x\\|y |\n");
}

TEST_CASE("comparison: a metric without values reads '-' and one seed shows no interval", "[comparison]") {
  Comparison c;
  c.varied = {"x"};
  json s = summary("completed", 1, 5, 1e-6, 0, 0);
  s["totals"]["throughput"] = nullptr;
  c.variants.push_back({{"1"}, {{0, s}}, ""});
  TextTable table = comparison_summary(c);
  CHECK(table.rows[0][3] == "-");
  CHECK(table.rows[0][4] == "1us");
}

TEST_CASE("comparison: gnuplot input puts the first path on x and one line per other combination", "[comparison]") {
  Comparison c;
  c.varied = {"channels.jobs.capacity", "param:ITEMS"};
  for (const char *capacity : {"0", "unbounded"})
    for (const char *items : {"4", "8"})
      c.variants.push_back({{capacity, items}, {{0, summary("completed", 1, 1500, 1e-6, 0, 0)}}, ""});
  c.variants[3].runs[0].summary["totals"]["latency"] = nullptr; // a missing point
  ComparisonPlots plots = comparison_plots(c);
  REQUIRE(plots.plots.size() == key_metrics().size());
  CHECK(plots.plots[0].svg == "throughput.svg");
  CHECK(plots.plots[0].caption == "throughput (k msg/s) by channels.jobs.capacity");
  CHECK(plots.plots[0].data_text == "# x (index of the channels.jobs.capacity value), mean, half-width of the 95% "
                                    "interval\n# param:ITEMS=4\n0 1.5\n1 1.5\n\n\n# param:ITEMS=8\n0 1.5\n1 1.5\n");
  CHECK(plots.plots[1].data_text.find("# param:ITEMS=8\n0 1\n1 ?\n") != std::string::npos);
  CHECK(plots.script.find("set terminal svg size 720,420 dynamic enhanced font \"sans,11\"\n") != std::string::npos);
  CHECK(plots.script.find("set xtics noenhanced ('0' 0, 'unbounded' 1)\n") != std::string::npos);
  CHECK(plots.script.find("plot 'throughput.dat' index 0 using 1:2 with linespoints pt 7 title 'param:ITEMS=4' "
                          "noenhanced, \\\n     '' index 1 using 1:2") != std::string::npos);
  CHECK(plots.script.find("'/") == std::string::npos); // no path: the script runs in the output directory
}

TEST_CASE("comparison: plots have error bars with several seeds and skip metrics no run has", "[comparison]") {
  Comparison c = two_by_two();
  for (auto &variant : c.variants)
    for (auto &run : variant.runs)
      run.summary["totals"].erase("memory_reserved");
  ComparisonPlots plots = comparison_plots(c);
  CHECK(plots.plots.size() == key_metrics().size() - 1);
  CHECK(plots.script.find("memory_reserved") == std::string::npos);
  CHECK(plots.script.find("using 1:2:3 with yerrorlines pt 7 notitle") != std::string::npos);
  CHECK(plots.script.find("set key off") != std::string::npos);
}

TEST_CASE("comparison: a plot's ids and the references to them start with its name", "[comparison]") {
  // gnuplot writes the same ids in every plot; the page inlines several, and ids must be unique there.
  std::string svg =
      "<svg>\n<g id=\"gnuplot_canvas\">\n<defs>\n\t<circle id='gpDot' r='0.5'/>\n"
      "\t<use xlink:href='#gpDot' id='gpPt6' fill='currentColor'/>\n</defs>\n"
      "<rect fill=\"url(#gpPattern1)\" grid=\"x\"/><a xlink:href=\"results.csv\">csv</a>\n</g>\n</svg>\n\n\n";
  CHECK(clean_plot_svg(svg, "throughput") ==
        "<svg>\n<g id=\"throughput-gnuplot_canvas\">\n<defs>\n\t<circle id='throughput-gpDot' r='0.5'/>\n"
        "\t<use xlink:href='#throughput-gpDot' id='throughput-gpPt6' fill='currentColor'/>\n</defs>\n"
        "<rect fill=\"url(#throughput-gpPattern1)\" grid=\"x\"/><a xlink:href=\"results.csv\">csv</a>\n</g>\n</svg>\n");
}

TEST_CASE("comparison: the page holds the command, the table, the plots inline and a link to the CSV", "[comparison]") {
  ComparisonReport report{"demo",
                          "ipcsim compare demo.yaml --vary 'x=1,2' --seeds 2",
                          2,
                          comparison_summary(two_by_two()),
                          {{"throughput.svg", "<?xml version=\"1.0\"?>\n<svg><g/></svg>\n", "throughput by x"}}};
  ReportDocument doc = comparison_document(report);
  std::string html = doc.html();
  CHECK(html.find("<title>ipcsim compare demo</title>") != std::string::npos);
  CHECK(html.find("<p>ipcsim compare demo.yaml --vary 'x=1,2' --seeds 2</p>") != std::string::npos);
  CHECK(html.find("<th>channels.jobs.capacity</th>") != std::string::npos);
  CHECK(html.find("<td>15 msg/s ± 63.5 msg/s</td>") != std::string::npos);
  CHECK(html.find("<figure>\n<svg><g/></svg>") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);
  CHECK(html.find("<a href=\"results.csv\">") != std::string::npos);
  std::string md = doc.markdown();
  CHECK(md.starts_with("# ipcsim compare demo\n"));
  CHECK(md.find("2 variants, 2 seeds each") != std::string::npos);
  CHECK(md.find("![throughput by x](throughput.svg)") != std::string::npos);
  CHECK(md.find("(results.csv)") != std::string::npos);
}
