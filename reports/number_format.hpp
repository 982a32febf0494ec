// Numbers as people and diffs read them: deterministic text for seconds and bytes, shared by the trace writer
// and the pictures.
#pragma once

#include <cstdint>
#include <string>

namespace ipcsim {

// Seconds with 9 decimals (nanosecond resolution) and trailing zeros trimmed: 0.000012, 1.5, 0 (never "-0").
// This is the form of `t` and `duration` in traces. Throws std::invalid_argument for NaN or infinity.
std::string format_seconds(double seconds);

// A duration for a picture or a summary, in the largest unit that keeps it >= 1: "0", "250ns", "12us", "1.5ms",
// "2s"; at most 3 decimals.
std::string human_duration(double seconds);

// A size in the largest binary unit that divides it exactly, else with two decimals: "64 B", "4 KiB",
// "1.5 MiB", "1.95 KiB".
std::string human_size(std::uint64_t bytes);

// A rate or a count per second with a decimal prefix and 3 significant digits: "0", "950", "20.7k", "1.25M".
std::string human_rate(double per_second);

} // namespace ipcsim
