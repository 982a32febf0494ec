// The precision of the numbers in ipcsim's JSON and CSV outputs: times to the picosecond, and every number
// to 15 significant digits, the most a double holds reliably. The sums and quotients behind a metric leave
// noise in the last digits (a run that ends at 386us comes out of the simulator at 0.00038599999999999914 s),
// which would otherwise reach every report; rounded, each number prints in its shortest form (0.000386), the
// same on every machine.
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace ipcsim {

// The double nearest to `value` written with 15 significant digits; NaN and infinities as they are.
double output_number(double value);

// A time in seconds rounded to the picosecond, finer than any cost a scenario gives (the trace keeps
// nanoseconds) and coarser than the error of the clock's sums and differences, which 15 digits keep when the
// clock is large: a latency of 7.512us measured at t = 0.1 s is 7.51200000001506e-06 s before rounding.
double output_seconds(double seconds);

// Every floating-point number in `j`, replaced by its output_number (integers are left alone).
void round_output_numbers(nlohmann::ordered_json &j);

} // namespace ipcsim
