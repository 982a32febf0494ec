#include "models/units.hpp"

#include "models/loader_suggest.hpp"
#include "models/loader_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace ipcsim {

namespace {

// value = number * multiply / divide, one of the two being 1: a single rounding, so 250us is exactly the
// double nearest to 0.00025 (as the literal 250e-6 is).
struct Unit {
  std::string_view name;
  double multiply;
  double divide;
};

constexpr std::array time_units{Unit{"ns", 1, 1e9}, Unit{"us", 1, 1e6}, Unit{"ms", 1, 1e3}, Unit{"s", 1, 1}};
constexpr std::array size_units{
    Unit{"B", 1, 1},    Unit{"KiB", 1024.0, 1}, Unit{"MiB", 1048576.0, 1}, Unit{"GiB", 1073741824.0, 1},
    Unit{"KB", 1e3, 1}, Unit{"MB", 1e6, 1},     Unit{"GB", 1e9, 1}};
constexpr std::array rate_units{Unit{"Bps", 1, 1},      Unit{"KBps", 1e3, 1},  Unit{"MBps", 1e6, 1},
                                Unit{"GBps", 1e9, 1},   Unit{"bps", 1, 8},     Unit{"Kbps", 125, 1},
                                Unit{"Mbps", 125e3, 1}, Unit{"Gbps", 125e6, 1}};
constexpr std::array speed_units{Unit{"f", 1, 1}, Unit{"kf", 1e3, 1}, Unit{"Mf", 1e6, 1}, Unit{"Gf", 1e9, 1}};

// Sizes are capped where a signed 64-bit sum of a few of them still fits comfortably in the semantics.
constexpr std::uint64_t max_bytes = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

template <std::size_t N> std::optional<Unit> find_unit(const std::array<Unit, N> &units, std::string_view name) {
  for (const Unit &unit : units)
    if (unit.name == name)
      return unit;
  return std::nullopt;
}

std::optional<Unit> unit_of(Quantity quantity, std::string_view unit) {
  if (unit.empty())
    return Unit{"", 1, 1};
  switch (quantity) {
  case Quantity::time:
    return find_unit(time_units, unit);
  case Quantity::size:
    return find_unit(size_units, unit);
  case Quantity::rate:
    return find_unit(rate_units, unit);
  case Quantity::speed:
    return find_unit(speed_units, unit);
  }
  return std::nullopt;
}

// The length of the decimal number at the start of `text` ([0-9]+(.[0-9]*)?|.[0-9]+, then an optional
// exponent), without sign; 0 when there is none. Hand-written so that "inf", "nan" and hex are not numbers.
std::size_t number_length(std::string_view text, bool &integral) {
  std::size_t pos = 0;
  while (pos < text.size() && is_ascii_digit(text[pos]))
    ++pos;
  std::size_t digits = pos;
  integral = true;
  if (pos < text.size() && text[pos] == '.') {
    integral = false;
    ++pos;
    while (pos < text.size() && is_ascii_digit(text[pos]))
      ++pos, ++digits;
  }
  if (digits == 0)
    return 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    std::size_t exp = pos + 1;
    if (exp < text.size() && (text[exp] == '+' || text[exp] == '-'))
      ++exp;
    if (exp < text.size() && is_ascii_digit(text[exp])) {
      integral = false;
      pos = exp;
      while (pos < text.size() && is_ascii_digit(text[pos]))
        ++pos;
    }
  }
  return pos;
}

// A whole number of bytes written without fraction or exponent: computed exactly in integers.
Measure exact_size(std::string_view digits, double factor) {
  Measure out;
  std::uint64_t count = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  auto multiplier = static_cast<std::uint64_t>(factor);
  if (ec != std::errc() || __builtin_mul_overflow(count, multiplier, &out.bytes) || out.bytes > max_bytes) {
    out.status = Measure::Status::too_large;
    return out;
  }
  out.value = static_cast<double>(out.bytes);
  return out;
}

Measure checked_size(double value) {
  Measure out;
  out.value = value;
  if (value >= static_cast<double>(max_bytes))
    out.status = Measure::Status::too_large;
  else if (std::floor(value) != value)
    out.status = Measure::Status::fraction;
  else
    out.bytes = static_cast<std::uint64_t>(value);
  return out;
}

} // namespace

Measure parse_measure(std::string_view text, Quantity quantity) {
  Measure out;
  text = loader::trim_blanks(text);
  bool negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '-' || text.front() == '+'))
    text.remove_prefix(1);
  bool integral = true;
  std::size_t length = number_length(text, integral);
  if (length == 0) {
    out.status = Measure::Status::not_a_number;
    return out;
  }
  std::string_view number = text.substr(0, length);
  std::string_view unit = loader::trim_blanks(text.substr(length));
  std::optional<Unit> scale = unit_of(quantity, unit);
  if (!scale) {
    out.status = Measure::Status::unknown_unit;
    out.unit = std::string(unit);
    return out;
  }
  double magnitude = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), magnitude);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone when out of range: tell overflow (1e999) from underflow (1e-999).
    bool underflow = number.find("e-") != std::string_view::npos || number.find("E-") != std::string_view::npos;
    magnitude = underflow ? 0 : std::numeric_limits<double>::infinity();
  }
  if (negative && magnitude != 0) {
    out.status = Measure::Status::negative;
    return out;
  }
  if (quantity == Quantity::size && integral)
    return exact_size(number, scale->multiply);
  double value = magnitude * scale->multiply / scale->divide;
  if (!std::isfinite(value) || !std::isfinite(magnitude)) {
    out.status = Measure::Status::too_large;
    return out;
  }
  if (quantity == Quantity::size)
    return checked_size(value);
  out.value = value;
  return out;
}

std::string to_string(Quantity quantity) {
  switch (quantity) {
  case Quantity::time:
    return "time";
  case Quantity::size:
    return "size";
  case Quantity::rate:
    return "rate";
  case Quantity::speed:
    return "speed";
  }
  return "?";
}

std::string unknown_unit_message(Quantity quantity, std::string_view unit, std::string_view text) {
  std::string_view choices;
  switch (quantity) {
  case Quantity::time:
    choices = "ns, us, ms or s";
    break;
  case Quantity::size:
    choices = "B, KiB, MiB, GiB, KB, MB or GB";
    break;
  case Quantity::rate:
    choices = "Bps, KBps, MBps, GBps, bps, Kbps, Mbps or Gbps";
    break;
  case Quantity::speed:
    choices = "f, kf, Mf or Gf";
    break;
  }
  return "unknown " + to_string(quantity) + " unit " + quoted(unit) + " in " + quoted(text) + " (use " +
         std::string(choices) + ")";
}

} // namespace ipcsim
