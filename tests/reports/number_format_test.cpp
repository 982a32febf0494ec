#include "reports/number_format.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

using namespace ipcsim;

TEST_CASE("seconds have 9 decimals with trailing zeros trimmed", "[number_format]") {
  CHECK(format_seconds(0.000012) == "0.000012");
  CHECK(format_seconds(1.5) == "1.5");
  CHECK(format_seconds(0.0) == "0");
  CHECK(format_seconds(-0.0) == "0");
  CHECK(format_seconds(2) == "2");
  CHECK(format_seconds(1e-9) == "0.000000001");
  CHECK(format_seconds(1e-10) == "0");
  CHECK(format_seconds(0.1 + 0.2) == "0.3");
  CHECK(format_seconds(123456.25) == "123456.25");
  CHECK_THROWS_AS(format_seconds(std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(format_seconds(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST_CASE("durations read in the largest unit that keeps them at least 1", "[number_format]") {
  CHECK(human_duration(0) == "0");
  CHECK(human_duration(250e-9) == "250ns");
  CHECK(human_duration(12e-6) == "12us");
  CHECK(human_duration(0.0015) == "1.5ms");
  CHECK(human_duration(0.0009999999) == "1ms");
  CHECK(human_duration(2) == "2s");
  CHECK(human_duration(90) == "90s");
}

TEST_CASE("sizes use binary units", "[number_format]") {
  CHECK(human_size(0) == "0 B");
  CHECK(human_size(64) == "64 B");
  CHECK(human_size(1000) == "1000 B");
  CHECK(human_size(4096) == "4 KiB");
  CHECK(human_size(1536) == "1.5 KiB");
  CHECK(human_size(2000) == "1.95 KiB");
  CHECK(human_size(3u << 20) == "3 MiB");
}
