// Validators shared by the subcommands' options: what CLI11's own let through.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <limits>

namespace ipcsim {

// A positive, finite number of seconds (CLI::PositiveNumber accepts "nan" and "inf": limits that never stop).
extern const CLI::Validator positive_seconds;

// A whole number from `least` to `most`, the bound it misses said plainly ("must be at least 1, not 0"): CLI11's
// ranges print their bounds as doubles, the largest 300 digits long.
CLI::Validator whole_number(std::uint64_t least,
                            std::uint64_t most = std::numeric_limits<std::uint64_t>::max());

// A file or directory name that is not empty ("" would write to a file of no name, or nowhere).
extern const CLI::Validator non_empty_path;

} // namespace ipcsim
