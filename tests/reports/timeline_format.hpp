// What a timeline (reports/timeline_json.hpp) must be for the Chrome/Perfetto Trace Event Format and for
// ipcsim's own promises, checked on parsed JSON. Shared by the reports, checker and CLI tests.
#pragma once

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ipcsim::test {

using Timeline = nlohmann::json;

// A timestamp in whole nanoseconds, to compare without rounding errors.
inline std::int64_t timeline_ns(const nlohmann::json &microseconds) {
  return std::llround(microseconds.get<double>() * 1000);
}

struct TimelineSlice {
  std::int64_t start = 0, end = 0;
  std::string name;
};

// The complete slices of each thread, sorted by start, the longer first at equal starts.
inline std::map<int, std::vector<TimelineSlice>> timeline_slices(const Timeline &timeline) {
  std::map<int, std::vector<TimelineSlice>> slices;
  for (const auto &e : timeline["traceEvents"])
    if (e["ph"] == "X")
      slices[e["tid"].get<int>()].push_back(
          {timeline_ns(e["ts"]), timeline_ns(e["ts"]) + timeline_ns(e["dur"]), e["name"].get<std::string>()});
  for (auto &[tid, list] : slices)
    std::sort(list.begin(), list.end(), [](const TimelineSlice &a, const TimelineSlice &b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
  return slices;
}

// Slices of one thread either nest or follow each other; viewers draw nothing else right.
inline void check_nesting(const std::vector<TimelineSlice> &slices) {
  std::vector<TimelineSlice> open;
  for (const TimelineSlice &s : slices) {
    while (!open.empty() && open.back().end <= s.start)
      open.pop_back();
    if (!open.empty()) {
      INFO(s.name << " [" << s.start << ", " << s.end << "] inside " << open.back().name << " [" << open.back().start
                  << ", " << open.back().end << "]");
      CHECK(s.end <= open.back().end);
    }
    open.push_back(s);
  }
}

// Every flow event must sit in a slice of its own thread (at its edge or inside it).
inline bool bound_to_slice(const nlohmann::json &flow, const std::map<int, std::vector<TimelineSlice>> &slices) {
  auto thread = slices.find(flow["tid"].get<int>());
  if (thread == slices.end())
    return false;
  std::int64_t at = timeline_ns(flow["ts"]);
  return std::any_of(thread->second.begin(), thread->second.end(),
                     [&](const TimelineSlice &s) { return s.start <= at && at <= s.end; });
}

inline void check_timeline_format(const Timeline &timeline, const std::vector<std::string> &processes) {
  REQUIRE(timeline.is_object());
  REQUIRE(timeline.at("traceEvents").is_array());
  CHECK(timeline.at("displayTimeUnit") == "ns");
  std::map<std::uint64_t, std::vector<nlohmann::json>> starts, finishes;
  std::set<std::string> thread_names;
  bool process_named = false;
  for (const auto &e : timeline.at("traceEvents")) {
    INFO(e.dump());
    REQUIRE(e.at("name").is_string());
    REQUIRE(e.at("ph").is_string());
    REQUIRE(e.at("ts").is_number());
    REQUIRE(e.at("pid").is_number());
    REQUIRE(e.at("tid").is_number());
    std::string ph = e.at("ph");
    if (ph == "X") {
      REQUIRE(e.at("dur").is_number());
      CHECK(e.at("dur").get<double>() >= 0);
    } else if (ph == "s" || ph == "f") {
      REQUIRE(e.at("id").is_number_unsigned());
      (ph == "s" ? starts : finishes)[e.at("id").get<std::uint64_t>()].push_back(e);
    } else if (ph == "C") {
      REQUIRE(e.at("args").is_object());
      CHECK_FALSE(e.at("args").empty());
      for (const auto &value : e.at("args"))
        CHECK(value.is_number());
    } else if (ph == "M" && e.at("name") == "thread_name") {
      thread_names.insert(e.at("args").at("name").get<std::string>());
    } else if (ph == "M" && e.at("name") == "process_name") {
      process_named = e.at("args").at("name").is_string();
    }
  }
  CHECK(process_named);
  CHECK(thread_names == std::set<std::string>(processes.begin(), processes.end()));
  auto slices = timeline_slices(timeline);
  for (const auto &[tid, list] : slices) {
    INFO("tid " << tid);
    check_nesting(list);
  }
  std::set<std::uint64_t> ids;
  for (const auto &[id, list] : starts)
    ids.insert(id);
  for (const auto &[id, list] : finishes)
    ids.insert(id);
  for (std::uint64_t id : ids) {
    INFO("flow " << id);
    REQUIRE(starts[id].size() == 1);
    REQUIRE(finishes[id].size() == 1);
    const nlohmann::json &s = starts[id][0], &f = finishes[id][0];
    CHECK(f.at("bp") == "e");
    CHECK(s.at("name") == f.at("name"));
    CHECK(s.at("cat") == f.at("cat"));
    CHECK(timeline_ns(f.at("ts")) >= timeline_ns(s.at("ts")));
    CHECK(bound_to_slice(s, slices));
    CHECK(bound_to_slice(f, slices));
  }
}

// The slices named `name` of one process's track, as [start, end] in ns.
inline std::vector<std::pair<std::int64_t, std::int64_t>>
slices_named(const Timeline &timeline, const std::string &process, const std::string &name) {
  int tid = -1;
  for (const auto &e : timeline["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["args"]["name"] == process)
      tid = e["tid"];
  std::vector<std::pair<std::int64_t, std::int64_t>> found;
  auto slices = timeline_slices(timeline);
  for (const TimelineSlice &s : slices[tid])
    if (s.name == name)
      found.emplace_back(s.start, s.end);
  return found;
}

// A channel's counter as (ns, queued) samples, in file order.
inline std::vector<std::pair<std::int64_t, double>> counter_samples(const Timeline &timeline,
                                                                    const std::string &channel) {
  std::vector<std::pair<std::int64_t, double>> samples;
  for (const auto &e : timeline["traceEvents"])
    if (e["ph"] == "C" && e["name"] == channel)
      samples.emplace_back(timeline_ns(e["ts"]), e["args"]["queued"].get<double>());
  return samples;
}

// The peak and the time-weighted mean of a counter over [0, end_ns], as the run summary measures occupancy.
inline std::pair<double, double> counter_peak_and_mean(const Timeline &timeline, const std::string &channel,
                                                       std::int64_t end_ns) {
  auto samples = counter_samples(timeline, channel);
  double peak = 0, area = 0;
  for (std::size_t k = 0; k < samples.size(); ++k) {
    std::int64_t until = k + 1 < samples.size() ? samples[k + 1].first : end_ns;
    peak = std::max(peak, samples[k].second);
    area += samples[k].second * static_cast<double>(until - samples[k].first);
  }
  return {peak, end_ns > 0 ? area / static_cast<double>(end_ns) : samples.back().second};
}

} // namespace ipcsim::test
