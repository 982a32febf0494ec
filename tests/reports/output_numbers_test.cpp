// The numbers of the JSON and CSV outputs: 15 significant digits, so arithmetic noise never reaches them.
#include "reports/output_numbers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using namespace ipcsim;
using json = nlohmann::ordered_json;

TEST_CASE("output numbers: noise in the last digits is rounded away, the value otherwise kept") {
  CHECK(output_number(0.1 + 0.2) == 0.3);
  CHECK(output_number(0.000386) == 0.000386);
  CHECK(output_number(1.0 / 3) == 0.333333333333333);
  CHECK(output_number(-2.5e-300) == -2.5e-300);
  CHECK(output_number(output_number(2.0 / 3)) == output_number(2.0 / 3));
  CHECK(std::isnan(output_number(std::numeric_limits<double>::quiet_NaN())));
  CHECK(output_number(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
}

TEST_CASE("output numbers: seconds are rounded to the picosecond, which the clock's sums and differences miss") {
  double end = 0; // a simulated clock adding up 193 steps of 2us: 0.00038599999999999914
  for (int step = 0; step < 193; ++step)
    end += 2e-6;
  CHECK(output_number(end) != 0.000386); // the error is beyond 15 digits
  CHECK(output_seconds(end) == 0.000386);
  CHECK(output_seconds((0.1 + 7.512e-6) - 0.1) == 7.512e-6);
  CHECK(output_seconds(1.5e-13) == 0.0);
}

TEST_CASE("output numbers: every floating-point number of a JSON document, integers left alone") {
  json j = {{"end_time", 0.1 + 0.2},
            {"events", std::uint64_t{18446744073709551615u}},
            {"seed", -3},
            {"processes", {{{"busy", 2.0 / 3}, {"name", "alice"}}}},
            {"latency", nullptr}};
  round_output_numbers(j);
  CHECK(j.dump() == R"({"end_time":0.3,"events":18446744073709551615,"seed":-3,"processes":[{"busy":0.666666666666667,)"
                    R"("name":"alice"}],"latency":null})");
}
