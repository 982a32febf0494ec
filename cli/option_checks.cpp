#include "cli/option_checks.hpp"

#include "models/loader_suggest.hpp"

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

const CLI::Validator non_empty_path([](std::string &text) { return text.empty() ? "needs a name, not \"\"" : ""; },
                                    "PATH");

} // namespace ipcsim
