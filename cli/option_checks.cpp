#include "cli/option_checks.hpp"

#include "models/loader_suggest.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace ipcsim {

const CLI::Validator positive_seconds(
    [](std::string &text) {
      double value = 0;
      std::size_t used = 0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception &) {
        used = 0;
      }
      return used == text.size() && std::isfinite(value) && value > 0
                 ? std::string()
                 : "must be a positive number of seconds, not " + shortened(text);
    },
    "SECONDS");

CLI::Validator whole_number(std::uint64_t least, std::uint64_t most) {
  std::string bounds = most == std::numeric_limits<std::uint64_t>::max() ? fmt::format(">= {}", least)
                                                                         : fmt::format("{} to {}", least, most);
  return CLI::Validator(
      [least, most](std::string &text) -> std::string {
        std::uint64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || end != text.data() + text.size())
          return "must be a whole number, not " + shortened(text);
        if (error == std::errc::result_out_of_range || value > most)
          return fmt::format("must be at most {}, not {}", most, shortened(text));
        if (value < least)
          return fmt::format("must be at least {}, not {}", least, shortened(text));
        return "";
      },
      bounds);
}

const CLI::Validator non_empty_path([](std::string &text) { return text.empty() ? "needs a name, not \"\"" : ""; },
                                    "PATH");

} // namespace ipcsim
