// The precision of the numbers in ipcsim's JSON and CSV outputs: 15 significant digits, the most a double
// holds reliably. The sums and quotients behind a metric leave noise in the last two (a run that ends at
// 386us comes out of the simulator at 0.00038600000000000006 s), which would otherwise reach every report;
// rounded, each number prints in its shortest form (0.000386), the same on every machine.
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace ipcsim {

// The double nearest to `value` written with 15 significant digits; NaN and infinities as they are.
double output_number(double value);

// Every floating-point number in `j`, replaced by its output_number (integers are left alone).
void round_output_numbers(nlohmann::ordered_json &j);

} // namespace ipcsim
