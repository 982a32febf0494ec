#include "reports/output_numbers.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace ipcsim {

double output_number(double value) {
  if (!std::isfinite(value))
    return value;
  std::string text = fmt::format("{:.15g}", value); // fmt and from_chars ignore the locale
  double rounded = value;
  std::from_chars(text.data(), text.data() + text.size(), rounded);
  return rounded;
}

double output_seconds(double seconds) {
  return std::isfinite(seconds) ? std::round(seconds * 1e12) / 1e12 : seconds;
}

void round_output_numbers(nlohmann::ordered_json &j) {
  if (j.is_number_float())
    j = output_number(j.get<double>());
  else if (j.is_structured())
    for (auto &item : j)
      round_output_numbers(item);
}

} // namespace ipcsim
