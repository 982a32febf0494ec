#include "reports/number_format.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

namespace ipcsim {
namespace {

// "1.500000000" -> "1.5", "2.000" -> "2", "-0.000" -> "0".
std::string trim_decimals(std::string text) {
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0')
      text.pop_back();
    if (text.back() == '.')
      text.pop_back();
  }
  if (text == "-0")
    text = "0";
  return text;
}

} // namespace

std::string format_seconds(double seconds) {
  if (!std::isfinite(seconds))
    throw std::invalid_argument("format_seconds: not a finite number");
  return trim_decimals(fmt::format("{:.9f}", seconds));
}

std::string human_duration(double seconds) {
  if (!std::isfinite(seconds))
    return fmt::format("{}", seconds);
  struct Unit {
    double scale;
    const char *name;
  };
  static constexpr std::array<Unit, 4> units{{{1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}}};
  double magnitude = std::fabs(seconds);
  if (magnitude == 0)
    return "0";
  for (const Unit &unit : units) {
    // Round first so that 0.9999999 ms reads "1ms", not "1000us".
    std::string text = trim_decimals(fmt::format("{:.3f}", seconds / unit.scale));
    if (std::fabs(std::stod(text)) >= 1 || unit.scale == 1e-9)
      return text + unit.name;
  }
  return "0"; // not reached
}

std::string human_rate(double per_second) {
  if (!std::isfinite(per_second))
    return fmt::format("{}", per_second);
  static constexpr std::array<const char *, 5> prefixes{{"", "k", "M", "G", "T"}};
  std::size_t prefix = 0;
  double value = per_second;
  while (prefix + 1 < prefixes.size() && std::fabs(std::stod(fmt::format("{:.3g}", value))) >= 1000) {
    value /= 1000;
    ++prefix;
  }
  return trim_decimals(fmt::format("{:.3g}", value)) + prefixes[prefix];
}

std::string human_size(std::uint64_t bytes) {
  static constexpr std::array<const char *, 5> units{{"B", "KiB", "MiB", "GiB", "TiB"}};
  std::size_t unit = 0;
  std::uint64_t whole = bytes;
  while (unit + 1 < units.size() && whole >= 1024 && whole % 1024 == 0) {
    whole /= 1024;
    ++unit;
  }
  if (whole < 1024 || unit + 1 == units.size())
    return fmt::format("{} {}", whole, units[unit]);
  // Not a whole number of the next unit: two decimals in the largest unit that keeps it >= 1, so that
  // 2000 B reads 1.95 KiB rather than a rounded "2 KiB" that is a different size.
  double value = static_cast<double>(bytes);
  unit = 0;
  while (unit + 1 < units.size() && value >= 1024) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{} {}", trim_decimals(fmt::format("{:.2f}", value)), units[unit]);
}

} // namespace ipcsim
