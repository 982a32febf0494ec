// Quantities with units, as SCENARIO_FORMAT.md lists them: time (s), size (bytes), rate (bytes/s) and compute
// speed (flop/s). A bare number is in the base unit (seconds, bytes, bytes/s, flop/s).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcsim {

enum class Quantity { time, size, rate, speed };

struct Measure {
  enum class Status {
    ok,
    not_a_number, // no number in front: "fast"
    unknown_unit, // "5msec"
    negative,
    too_large, // not finite, or a size beyond 2^63-1 bytes
    fraction,  // a size that is not a whole number of bytes
  };
  Status status = Status::ok;
  double value = 0;        // in the base unit
  std::uint64_t bytes = 0; // sizes, exactly (a double cannot hold every 64-bit size)
  std::string unit;        // the unit as written, for unknown_unit
};

Measure parse_measure(std::string_view text, Quantity quantity);

// "unknown time unit 'msec' in '5msec' (use ns, us, ms or s)"
std::string unknown_unit_message(Quantity quantity, std::string_view unit, std::string_view text);

// "time", "size", "rate", "speed"
std::string to_string(Quantity quantity);

} // namespace ipcsim
