#include "models/units.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;
using Status = Measure::Status;

TEST_CASE("units: times convert to seconds, a bare number being seconds", "[units]") {
  struct Case {
    const char *text;
    double seconds;
  };
  auto c = GENERATE(values<Case>({{"250us", 250e-6},
                                  {"1.5ms", 1.5e-3},
                                  {"2s", 2},
                                  {"3", 3},
                                  {"10ns", 10e-9},
                                  {"0", 0},
                                  {"1e-3", 1e-3},
                                  {" 4 ms ", 4e-3},
                                  {".5s", 0.5},
                                  {"-0ms", 0}}));
  CAPTURE(c.text);
  Measure m = parse_measure(c.text, Quantity::time);
  CHECK(m.status == Status::ok);
  CHECK(m.value == c.seconds);
}

TEST_CASE("units: sizes convert exactly to bytes (KB is 1000, KiB 1024)", "[units]") {
  struct Case {
    const char *text;
    std::uint64_t bytes;
  };
  auto c = GENERATE(values<Case>({{"64B", 64},
                                  {"64", 64},
                                  {"4KiB", 4096},
                                  {"4KB", 4000},
                                  {"1.5KiB", 1536},
                                  {"2MiB", 2097152},
                                  {"3MB", 3000000},
                                  {"1GiB", 1073741824},
                                  {"2GB", 2000000000},
                                  {"9223372036854775807B", 9223372036854775807ULL}}));
  CAPTURE(c.text);
  Measure m = parse_measure(c.text, Quantity::size);
  CHECK(m.status == Status::ok);
  CHECK(m.bytes == c.bytes);
}

TEST_CASE("units: rates are bytes per second, bit rates divided by 8", "[units]") {
  struct Case {
    const char *text;
    double rate;
  };
  auto c = GENERATE(values<Case>({{"8GBps", 8e9},
                                  {"10MBps", 10e6},
                                  {"3KBps", 3e3},
                                  {"5Bps", 5},
                                  {"5", 5},
                                  {"8bps", 1},
                                  {"1Kbps", 125},
                                  {"1Mbps", 125e3},
                                  {"1Gbps", 125e6}}));
  CAPTURE(c.text);
  Measure m = parse_measure(c.text, Quantity::rate);
  CHECK(m.status == Status::ok);
  CHECK(m.value == c.rate);
}

TEST_CASE("units: speeds are flop/s", "[units]") {
  CHECK(parse_measure("1Gf", Quantity::speed).value == 1e9);
  CHECK(parse_measure("2Mf", Quantity::speed).value == 2e6);
  CHECK(parse_measure("3kf", Quantity::speed).value == 3e3);
  CHECK(parse_measure("7f", Quantity::speed).value == 7);
  CHECK(parse_measure("7", Quantity::speed).value == 7);
}

TEST_CASE("units: malformed quantities are classified", "[units]") {
  struct Case {
    const char *text;
    Quantity quantity;
    Status status;
  };
  auto c = GENERATE(values<Case>({{"fast", Quantity::time, Status::not_a_number},
                                  {"", Quantity::time, Status::not_a_number},
                                  {"ms", Quantity::time, Status::not_a_number},
                                  {"inf", Quantity::time, Status::not_a_number},
                                  {"nan", Quantity::time, Status::not_a_number},
                                  {"0x10", Quantity::size, Status::unknown_unit},
                                  {"5msec", Quantity::time, Status::unknown_unit},
                                  {"5MS", Quantity::time, Status::unknown_unit},
                                  {"4kib", Quantity::size, Status::unknown_unit},
                                  {"-1ms", Quantity::time, Status::negative},
                                  {"-4B", Quantity::size, Status::negative},
                                  {"1e999s", Quantity::time, Status::too_large},
                                  {"9223372036854775808B", Quantity::size, Status::too_large},
                                  {"99999999999999999999GiB", Quantity::size, Status::too_large},
                                  {"1e30B", Quantity::size, Status::too_large},
                                  {"0.5B", Quantity::size, Status::fraction},
                                  {"1.1KiB", Quantity::size, Status::fraction}}));
  CAPTURE(c.text);
  CHECK(parse_measure(c.text, c.quantity).status == c.status);
}

TEST_CASE("units: underflow is zero, not an error", "[units]") {
  Measure m = parse_measure("1e-999s", Quantity::time);
  CHECK(m.status == Status::ok);
  CHECK(m.value == 0);
}

TEST_CASE("units: unknown unit messages list the units of the quantity", "[units]") {
  CHECK(unknown_unit_message(Quantity::time, "msec", "5msec") ==
        "unknown time unit 'msec' in '5msec' (use ns, us, ms or s)");
  CHECK(unknown_unit_message(Quantity::size, "kib", "4kib") ==
        "unknown size unit 'kib' in '4kib' (use B, KiB, MiB, GiB, KB, MB or GB)");
  CHECK(unknown_unit_message(Quantity::rate, "Bs", "1Bs") ==
        "unknown rate unit 'Bs' in '1Bs' (use Bps, KBps, MBps, GBps, bps, Kbps, Mbps or Gbps)");
  CHECK(unknown_unit_message(Quantity::speed, "flops", "1flops") ==
        "unknown speed unit 'flops' in '1flops' (use f, kf, Mf or Gf)");
}
